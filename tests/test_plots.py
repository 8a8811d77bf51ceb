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
            "legend": [t.get_text() for t in ax.get_legend().get_texts()],
            "ticks": [t.get_text() for t in ax.get_yticklabels()]}


def test_growth_chart_speaks_the_language_asked_for():
    english = _texts(plots.growth_chart([ENTRY]))
    assert english["x"] == "% per year (compound)"
    assert english["title"] == "Growth required vs achieved"
    assert english["legend"] == ["required from last observation", "achieved, whole history",
                                 "achieved, last 3 years"]
    assert english["ticks"] == ["active_total by 2026"]
    indonesian = _texts(plots.growth_chart([ENTRY], lang="id"))
    assert indonesian["x"] == "% per tahun (majemuk)"
    assert indonesian["title"] == "Pertumbuhan yang dibutuhkan vs yang tercapai"
    assert indonesian["legend"] == ["dibutuhkan dari pengamatan terakhir",
                                    "tercapai, seluruh riwayat", "tercapai, 3 tahun terakhir"]
    assert indonesian["ticks"] == ["active_total pada 2026"]


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
        plots.fan_chart_png(entry, lang="id")  # what the notebook shows
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
