"""Every chart keeps its titles, labels and legends inside the image when a region,
metric or unit name is 200 characters long: measured on the drawn artists' extents."""

from __future__ import annotations

import copy
import re

import pytest

from forecast import plots
from forecast.compareplot import waterfall_chart
from forecast.report.speedfig import speed_chart
from forecast.trackplots import evolution_chart

#: 200 characters, as long as a name the data files accept (forecast.textsafe).
LONG = ("Kabupaten " + "Sangat Panjang Sekali " * 10)[:200]


@pytest.fixture(scope="module")
def national(shipped_national) -> dict:
    return shipped_national


def _long_scheme(results: dict) -> dict:
    scheme = copy.deepcopy(results["scheme"])
    for entry in list(scheme["metrics"].values()) + list(scheme["units"].values()):
        entry["labels"] = {"en": LONG, "id": LONG}
    return scheme


def _clipped(fig) -> list:
    """Each drawn text or legend whose extent leaves the figure, measured after the PNG is
    made (as the notebook and the PDFs draw it)."""
    from matplotlib.text import Text

    plots.to_png(fig)
    renderer = fig._get_renderer()  # the layout the PNG was drawn with
    width, height = fig.bbox.width, fig.bbox.height

    def out(box) -> bool:
        return box.x0 < -1 or box.y0 < -1 or box.x1 > width + 1 or box.y1 > height + 1

    not_drawn = set()  # labels of ticks past the axis limits: kept, never drawn
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            not_drawn |= {id(label) for tick in axis.get_major_ticks()
                          if not lo - 1e-9 <= tick.get_loc() <= hi + 1e-9
                          for label in (tick.label1, tick.label2)}
    bad = [(t.get_text()[:30], t.get_window_extent(renderer).extents.round())
           for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()
           and id(t) not in not_drawn and out(t.get_window_extent(renderer))]
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    bad += [("legend", lg.get_window_extent(renderer).extents.round()) for lg in legends
            if out(lg.get_window_extent(renderer))]
    bad += [("axes collapsed", ax.bbox.bounds) for ax in fig.axes
            if ax.bbox.width < 40 or ax.bbox.height < 20]
    return bad


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_growth_chart_keeps_its_legend_inside_with_long_names(national, lang):
    scheme = _long_scheme(national)
    fig = plots.drawn_in_scheme(scheme, lambda: plots.growth_chart(national["targets"],
                                                                   lang=lang))
    assert _clipped(fig) == []


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_fan_chart_keeps_its_title_legend_and_probability_with_long_names(national, lang):
    scheme = _long_scheme(national)
    for entry in national["targets"]:
        fig = plots.drawn_in_scheme(scheme, lambda: plots.fan_chart(entry, lang=lang))
        assert _clipped(fig) == [], entry["metric"]
        # A cut name keeps what the title says after it: the year and the probability.
        title = fig.axes[0].get_title(loc="left")
        assert "\u2026" in title and title.endswith(
            {"en": "%", "id": "%"}[lang]) and entry["target_date"][:4] in title


def test_the_summary_speed_waterfall_and_evolution_charts_stay_inside():
    rows = [{"label": f"{LONG[:-1]}{i}", "required_cagr": 0.1 * i, "historical_cagr": 0.05}
            for i in range(6)]
    figures = {
        "by region": plots.growth_by_region(rows, title=LONG, required_label=LONG,
                                            achieved_label=LONG),
        "speed": speed_chart([{"label": LONG, "required_cagr": 0.2, "record_label": LONG,
                               "window_cagrs": [0.1, 0.3]}] * 3, title=LONG),
        "waterfall": waterfall_chart(
            {"a": "2023-12-31", "b": "2024-12-31", "steps": ["new_observations", "method"],
             "targets": [{"probability": {"a": 0.2, "b": 0.4, "steps": [0.1, 0.1]}}]},
            {"new_observations": LONG}, titles=[LONG]),
        "evolution": evolution_chart([{"label": LONG, "points": [
            {"year": 2020, "probability": 0.2}, {"year": 2021, "probability": 0.4}]}] * 3),
    }
    for name, fig in figures.items():
        assert _clipped(fig) == [], name


def test_the_measure_sees_a_legend_past_the_edge():
    # The check itself: a legend anchored past the right edge is found.
    fig = plots._figure()
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], label="a line")
    fig.legend(loc="center left", bbox_to_anchor=(0.95, 0.5))  # not laid out: past the edge
    assert [name for name, _ in _clipped(fig)] == ["a line", "legend"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_no_line_runs_through_a_fan_charts_legend(national, lang):
    # The 99.5 % coverage target's dotted line crossed the legend's first entry at the upper
    # left: the legend is drawn outside the plotting area, so nothing plotted crosses it.
    for entry in national["targets"]:
        fig = plots.fan_chart(entry, lang=lang)
        plots.to_png(fig)
        renderer = fig._get_renderer()
        area = fig.axes[0].get_window_extent(renderer)
        (legend,) = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
        box = legend.get_window_extent(renderer)
        assert box.y1 <= area.y0 or box.y0 >= area.y1 or box.x0 >= area.x1, entry["metric"]
        assert 0 <= box.x0 and box.x1 <= fig.bbox.width and 0 <= box.y0


def test_an_indonesian_charts_ticks_write_decimals_with_a_comma(national):
    # The coverage chart's axis read 32.5 under Indonesian words (32,5 in the text).
    coverage = next(e for e in national["targets"] if e["metric"] == "coverage_pct")
    ticks = {}
    for lang in ("en", "id"):
        fig = plots.fan_chart(coverage, lang=lang)
        plots.to_png(fig)
        ticks[lang] = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any("." in t for t in ticks["en"])  # the axis has decimals to write
    assert not any("." in t for t in ticks["id"]) and any("," in t for t in ticks["id"])
    assert [t.replace(".", ",") for t in ticks["en"]] == ticks["id"]
    # Whole numbers are not grouped: the years read 2016, not 2.016.
    years = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert years and all(re.fullmatch(r"\d{4}", y) for y in years), years
