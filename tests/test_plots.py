"""Charts in the run's language, drawn once for the notebook, the saved files and the PDF."""

from __future__ import annotations

import pytest

from forecast import plots
from forecast.data import load_panel
from forecast.report import render
from forecast.results import run_region, write_run

ENTRY = {"metric": "active_total", "unit": "persons", "target_value": 70e6,
         "target_date": "2026-12-31", "probability": 0.05,
         "history": [{"date": "2022-12-31", "value": 35e6}, {"date": "2023-12-31",
                                                             "value": 41.56e6}],
         "last_observed": {"date": "2023-12-31", "value": 41.56e6}, "sub_annual": [],
         "fan": [{"year": y, "p10": 40e6, "p50": 45e6, "p90": 50e6} for y in (2024, 2025,
                                                                             2026)],
         "required_cagr": 0.1898, "historical_cagr": 0.1044, "historical_cagr_3y": 0.115}


def _texts(fig) -> dict:
    ax = fig.axes[0]
    return {"x": ax.get_xlabel(), "y": ax.get_ylabel(), "title": ax.get_title(loc="left"),
            "legend": [t.get_text() for t in (ax.get_legend() or fig.legends[0]).get_texts()],
            "ticks": [t.get_text() for t in ax.get_yticklabels()]}


def test_growth_chart_speaks_the_language_asked_for():
    english = _texts(plots.growth_chart([ENTRY]))
    assert english["x"] == "% per year (compound)"
    assert english["title"] == "Growth required vs achieved"
    assert english["legend"] == ["required from last observation", "achieved, whole history",
                                 "achieved, recent years"]
    assert english["ticks"] == ["Active participants by 2026"]  # words, never the id
    indonesian = _texts(plots.growth_chart([ENTRY], lang="id"))
    assert indonesian["x"] == "% per tahun (majemuk)"
    assert indonesian["title"] == "Pertumbuhan yang dibutuhkan dibandingkan yang tercapai"
    assert indonesian["legend"] == ["dibutuhkan dari pengamatan terakhir",
                                    "tercapai, seluruh riwayat",
                                    "tercapai, tahun terakhir"]
    assert indonesian["ticks"] == ["Peserta aktif pada 2026"]


def test_fan_chart_png_is_drawn_in_the_language_asked_for():
    assert _texts(plots.fan_chart(ENTRY, lang="id"))["y"] == "juta orang"
    shown = plots.fan_chart_png(ENTRY, lang="id")
    assert shown == plots.to_png(plots.fan_chart(ENTRY, lang="id"))
    assert shown != plots.fan_chart_png(ENTRY)  # English is another picture


def test_chart_file_names_say_their_language():
    assert plots.fan_file(ENTRY) == "fan_active_total_2026.png"  # as before the languages
    assert plots.fan_file(ENTRY, "id") == "fan_active_total_2026.id.png"
    assert plots.chart_file("growth", "id") == "growth.id.png"


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    from conftest import make_data_dir

    data_dir = make_data_dir(tmp_path_factory.mktemp("d") / "data")
    # Two quick models: the charts and their files are what is tested, not the numbers.
    return data_dir, run_region(load_panel(data_dir), "national", n_paths=300, seed=5,
                                models=["linear", "exponential"])


def test_an_indonesian_run_draws_each_chart_once(national, tmp_path, monkeypatch):
    # The notebook of an Indonesian run shows its charts, write_run saves them, and the
    # Indonesian PDF takes them from the run folder: one drawing per chart.
    _, res = national
    for entry in res["targets"]:
        plots.fan_chart_png(entry, lang="id", scheme=res.get("scheme"))  # as the notebook
    plots.growth_chart_png(res["targets"], lang="id")

    def no_redraw(*args, **kwargs):
        raise AssertionError("a chart was drawn a second time")

    monkeypatch.setattr(plots, "fan_chart", no_redraw)
    monkeypatch.setattr(plots, "growth_chart", no_redraw)
    monkeypatch.setattr(render, "fan_chart", no_redraw)
    written = write_run(res, tmp_path, lang="id")
    assert sorted(p.name for p in written) == [
        "fan_active_total_2026.id.png", "fan_fund_investment_2026.id.png", "growth.id.png",
        "results.json"]
    pdf = render.render_region(res, tmp_path, tmp_path / "report_id.pdf", "id")
    assert pdf.read_bytes().startswith(b"%PDF")
    # An English report of the same run has no English chart to take: it draws its own.
    with pytest.raises(AssertionError, match="drawn a second time"):
        render.render_region(res, tmp_path, tmp_path / "report_en.pdf", "en")


# ---------------------------------------------------------------------------- chart = table

MIDYEAR = {**ENTRY, "target_date": "2026-06-30", "p10": 41e6, "median": 44e6, "p90": 47.5e6,
           "history": [{"date": "2022-12-31", "value": 35e6},
                       {"date": "2023-12-31", "value": 41.56e6}],
           "last_observed": {"date": "2024-03-31", "value": 42e6},
           "sub_annual": [{"date": "2024-03-31", "value": 42e6}],
           "fan": [{"year": y, "p10": 40e6 + y, "p50": 45e6, "p90": 50e6 + y}
                   for y in range(2024, 2033)]}


def _band_at(fig, x: float) -> tuple[float, float]:
    """The orange band's bottom and top at ``x``, read from the drawn polygon."""
    from matplotlib.collections import PolyCollection

    ax = fig.axes[0]
    poly = next(c for c in ax.collections if isinstance(c, PolyCollection))
    ys = [y for px, y in poly.get_paths()[0].vertices if abs(px - x) < 1e-9]
    return min(ys), max(ys)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_fan_chart_band_on_the_target_date_is_the_tables_band(lang):
    from forecast.report import build

    fig = plots.fan_chart(MIDYEAR, lang=lang)
    tx = 2026 + (181 - 365) / 365  # 30 June 2026 as a decimal year
    lo, hi = _band_at(fig, tx)
    # The table prints p10 and p90 on the target date: the chart draws the same numbers.
    assert (lo, hi) == pytest.approx((41.0, 47.5))
    shown = build.band_range(MIDYEAR, lang).replace("\u00a0", " ")
    # One precision for both ends: 41 million is "41.0" beside "47.5".
    assert shown == {"en": "41.0 million – 47.5 million", "id": "41,0 juta – 47,5 juta"}[lang]


def test_fan_chart_draws_readings_at_their_dates_and_stops_after_the_target():
    fig = plots.fan_chart(MIDYEAR)
    ax = fig.axes[0]
    xs = [x for line in ax.get_lines() for x in line.get_xdata()]
    assert 2024 + (91 - 366) / 366 in xs  # 31 March 2024 at its date, not at 2024
    left, right = ax.get_xlim()
    assert right < 2027.0  # the fan to 2032 is not drawn: the axis ends after the target
    assert right > 2026.0  # a little after the target (end of the target's year)


def test_fan_chart_title_says_less_than_0_1_percent_like_the_table():
    fig = plots.fan_chart({**ENTRY, "probability": 0.0})
    title = fig.axes[0].get_title(loc="left")
    assert "<0.1 %" in title and "= 0 %" not in title and "active_total" not in title


def test_summary_growth_axis_is_not_stretched_by_one_outlier():
    rows = [{"label": f"r{i}", "required_cagr": 0.05 + 0.01 * i, "historical_cagr": 0.04}
            for i in range(8)] + [{"label": "outlier", "required_cagr": 30.0,
                                   "historical_cagr": 0.05}]
    fig = plots.growth_by_region(rows)
    lo, hi = fig.axes[0].get_xlim()
    assert hi < 30  # percent: the 3,000 % region sits on the edge with its number
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "3,000 %" in texts
    # The legend is in the figure's margin, above the axes: drawn, not clipped.
    fig.canvas.draw()
    legend = fig.legends[0].get_window_extent()
    assert legend.y0 >= fig.axes[0].get_window_extent().y1 - 1
    assert legend.y1 <= fig.bbox.y1 + 1


def test_notebook_growth_chart_legend_does_not_cover_the_bars():
    fig = plots.growth_chart([ENTRY, {**ENTRY, "target_date": "2030-12-31"}])
    plots.to_png(fig)  # drawn as the notebook draws it: the layout is set
    legend = fig.legends[0].get_window_extent()  # the figure's, below the axes
    assert legend.y1 <= fig.axes[0].get_window_extent().y0 + 1
