"""Reader-facing words that must agree with one another: a growth rate the headline calls
not meaningful is not printed as a rate in the base-year table either; the years of the
growth achieved are the same in the run text and the PDF's verdict.

Every data folder written here is SYNTHETIC (made-up values that describe no real scheme).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows, year_ends

from forecast.cli import main

_TOML = SYNTHETIC_SCHEME_HEAD.format(what="health", level="district") + SYNTHETIC_COVERAGE_METRICS
_UNITS = {"members": "people", "pop": "people", "cov": "pct"}
_LAND = [("land", "Synthland", "land", "")]


@pytest.fixture(scope="module")
def fast_start(tmp_path_factory):
    """Members from 1,000 to 1.5 million in six years, 12.9 million aimed at in 2027: from
    the early bases the growth required is well over 100 %/yr (186 %/yr from 2018)."""
    root = tmp_path_factory.mktemp("fast")
    members = [1000, 4000, 20000, 90000, 300000, 800000, 1500000]
    obs = (year_ends("land", "members", members, 2018)
           + year_ends("land", "pop", [20_000_000] * 7, 2018))
    return write_rows(root / "d", _TOML, _LAND, _UNITS, obs,
                      [("land", "members", "2027-12-31", "12900000")])


def _required_column(text: str) -> list[str]:
    lines = text.splitlines()
    head = next(i for i, line in enumerate(lines) if "Base-year sensitivity" in line
                or "Kepekaan tahun dasar" in line)
    rows = []
    for line in lines[head + 1:]:
        cells = re.split(r"\s{2,}", line.strip())  # base, achieved, required, ratio, UNSD
        if not re.fullmatch(r"\d{4}", cells[0]):
            break
        rows.append(cells[2])
    return rows


@pytest.mark.parametrize("lang,word", [("en", "not meaningful"), ("id", "tidak bermakna")])
def test_base_year_table_never_prints_a_required_rate_the_headline_calls_not_meaningful(
        fast_start, capsys, lang, word):
    # It printed "2018  238.3%  186.2%" under "Growth required  not meaningful as a yearly
    # rate (... over 100 %/yr needed)".
    assert main(["run", "--data-dir", str(fast_start), "--n-paths", "100",
                 "--lang", lang]) == 0
    required = _required_column(capsys.readouterr().out)
    assert len(required) == 6
    for cell in required:
        if cell.endswith("%"):
            assert float(cell[:-1].replace(",", ".")) <= 100.0
        else:
            assert cell == word
    assert required[0] == word  # 1,000 to 12.9 million in 9 years: 186 %/yr


def test_notebook_base_year_table_says_not_meaningful_too(fast_start, tmp_path):
    from forecast.tables import base_year_table

    out = tmp_path / "results.json"
    assert main(["run", "--data-dir", str(fast_start), "--n-paths", "100", "--format",
                 "json", "--output", str(out)]) == 0
    results = json.loads(out.read_text())
    base_years = results["targets"][0]["base_years"]
    assert all(b["required_cagr"] is None or b["required_cagr"] <= 1.0 for b in base_years)
    frame = base_year_table(results, "en")
    column = next(c for c in frame.columns if "required" in str(c).lower())
    cells = list(frame[column])
    assert cells[0] == "not meaningful"
    assert all(c == "not meaningful" or (isinstance(c, float) and c <= 1.0) for c in cells)


@pytest.fixture(scope="module")
def mid_year(tmp_path_factory):
    """Members read at the year-ends 2012-2024, 5 %/yr, and last on 30 June 2025: the
    models fit a nowcast year-end 2025 made from that reading (forecast.nowcast)."""
    root = tmp_path_factory.mktemp("midyear")
    members = [round(5_000_000 * 1.05 ** i) for i in range(13)]
    obs = (year_ends("land", "members", members, 2012)
           + [("land", "members", "2025-06-30", str(round(members[-1] * 1.025)))])
    folder = write_rows(root / "d", _TOML, _LAND, _UNITS, obs,
                        [("land", "members", "2028-12-31", "12900000")])
    out = root / "results.json"
    assert main(["run", "--data-dir", str(folder), "--n-paths", "100", "--format", "json",
                 "--output", str(out)]) == 0
    return folder, json.loads(out.read_text())


def test_the_growth_achieved_is_named_by_the_same_years_in_the_run_text_and_the_pdf(
        mid_year, capsys):
    # The PDF said "At the pace of 2012-2024" while the run text said "(2012-2025)" of the
    # same rate: it runs from end-2012 to the nowcast year-end 2025 (13 years, 4.88 %/yr
    # from 5.0 to 9.43 million: over the 12 years to end-2024 it would be 5.00 %/yr).
    from forecast.report import i18n
    from forecast.report.words import set_scheme

    folder, results = mid_year
    entry = results["targets"][0]
    now = entry["data_quality"]["nowcast"]
    assert now["year_end"] == "2025-12-31"
    # (Since session 30 to the reading it is nowcast from, in 2025, as the growth required.)
    from forecast.series import decimal_year
    years = decimal_year(now["from_date"]) - 2012.0
    assert now["from_date"].startswith("2025")
    assert entry["historical_cagr"] == pytest.approx(
        (now["from_value"] / 5_000_000) ** (1 / years) - 1)
    set_scheme(results["scheme"])
    try:
        verdict = i18n.verdict_text(entry, "en")
    finally:
        set_scheme(None)
    assert "At the pace of 2012-2025," in verdict
    assert main(["run", "--data-dir", str(folder), "--n-paths", "100"]) == 0
    assert re.search(r"Growth achieved +[\d.]+%/yr \(2012-2025\)", capsys.readouterr().out)



# ------------------------------------------------ a count that collapses is no good history


def test_a_count_that_collapses_every_year_is_not_called_good_data(tmp_path, capsys):
    # 50 million to 4 people, x0.13 a year: the data check calls each step "a change of
    # counting or a typo?", and the run said "Data quality  good: 9 year-end points".
    members = [round(50_000_000 * 0.13 ** i) for i in range(9)]
    folder = write_rows(tmp_path / "d", _TOML, _LAND, _UNITS,
                        year_ends("land", "members", members, 2016),
                        [("land", "members", "2027-12-31", "100")])
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    assert "moves x0.13 a year" in capsys.readouterr().out
    assert main(["run", "--data-dir", str(folder), "--n-paths", "100"]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if "Data quality" in ln)
    assert "Data quality        fair: 9 year-end points; 2016-2024; " in line
    assert "from the one before in 2017-2024 (a change of counting or a typo?)" in line


def test_a_steady_count_of_as_many_years_is_still_good_data(tmp_path, capsys):
    # The rule's other side: x1.5 a year, fast but a pace, 9 year-ends: good.
    members = [round(1000 * 1.5 ** i) for i in range(9)]
    folder = write_rows(tmp_path / "d", _TOML, _LAND, _UNITS,
                        year_ends("land", "members", members, 2016),
                        [("land", "members", "2027-12-31", "500000")])
    assert main(["run", "--data-dir", str(folder), "--n-paths", "100"]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if "Data quality" in ln)
    assert "good: 9 year-end points; 2016-2024" in line and "typo" not in line


# ------------------------------------------------- one quantity, one precision on every page


def test_the_chart_legend_writes_the_target_as_the_target_table_does(tmp_path):
    # Members 10 million growing 2.6 %/yr, 12.9 million aimed at for end-2026: a median
    # of about 12.88 million, so the target table writes the target "12.90 million" (two
    # decimals tell it from the median); the chart's legend said "target: 12.9 million".
    from forecast import plots
    from forecast.report import build
    from forecast.report.words import set_scheme

    members = [round(10_000_000 * 1.026 ** i) for i in range(9)]
    folder = write_rows(tmp_path / "d", _TOML, _LAND, _UNITS,
                        year_ends("land", "members", members, 2016),
                        [("land", "members", "2026-12-31", "12900000")])
    out = tmp_path / "results.json"
    assert main(["run", "--data-dir", str(folder), "--n-paths", "200", "--format", "json",
                 "--output", str(out)]) == 0
    results = json.loads(out.read_text())
    entry = results["targets"][0]
    assert 12.85e6 < entry["median"] < 12.95e6
    set_scheme(results["scheme"])
    try:
        for lang, shown in (("en", "12.90\u00a0million people"), ("id", "12,90\u00a0juta jiwa")):
            assert shown in build.target_label(entry, lang)
            fig = plots.fan_chart(entry, lang=lang)
            legend = [t.get_text() for t in fig.legends[0].get_texts()]
            assert f"target: {shown}" in legend
    finally:
        set_scheme(None)


def _recon_run(tmp_path, factor: float, sum_before: float) -> Path:
    """A run folder with a reconciliation of one level (its national results: a count in
    thousands of persons), written as `forecast batch` writes it."""
    run = tmp_path / "run"
    (run / "land").mkdir(parents=True)
    (run / "manifest.json").write_text("{}")
    (run / "land" / "results.json").write_text(json.dumps({
        "region": "land", "region_name": "Synthland", "targets": [], "skipped": []}))
    (run / "reconciliation.json").write_text(json.dumps({"metric": "workers", "levels": {
        "district": {"regions_in_level": 2, "included": ["a", "b"], "missing": {},
                     "years": [2026], "sum_before": {"2026": sum_before},
                     "whole": {"2026": sum_before * factor}, "factor": {"2026": factor}}}}))
    return run


_KPERS = {"name": {"en": "Synthetic", "id": "Sintetis"}, "top_region": "land",
          "units": {"kpers": {"labels": {"en": "thousand persons", "id": "ribu orang"},
                              "max": 1e6, "count": True}},
          "metrics": {"workers": {"unit": "kpers", "labels": {"en": "Workers",
                                                               "id": "Pekerja"}}}}


def _summary_and_notebook(run, lang):
    from forecast import tables
    from forecast.report.summary import reconciliation_section
    from forecast.report.words import set_scheme
    from forecast.styles import styled

    national = {"scheme": _KPERS, "projections": [{"metric": "workers", "unit": "kpers"}]}
    set_scheme(_KPERS)
    try:
        section = reconciliation_section(run, national, lang)
    finally:
        set_scheme(None)
    pdf = dict(zip(section["headers"], section["rows"][0]))
    html = styled(tables.reconciliation_table(run, lang))._repr_html_()
    return pdf, re.findall(r"<td[^>]*>([^<]*)</td>", html)


@pytest.mark.parametrize("lang,factor", [("en", "1.001"), ("id", "1,001")])
def test_a_reconciliation_factor_reads_the_same_in_the_summary_and_the_notebook(
        tmp_path, lang, factor):
    # The summary PDF wrote 1.001, the notebook "1.00" ("1,00"): a 0.1 % adjustment hidden.
    pdf, cells = _summary_and_notebook(_recon_run(tmp_path, 1.001, 20_000.0), lang)
    assert pdf[next(h for h in pdf if h.startswith("Fa"))] == factor
    assert factor in cells


@pytest.mark.parametrize("lang,nothing", [("en", "0 thousand persons"),
                                          ("id", "0 ribu orang")])
def test_no_adjustment_reads_as_nothing_not_as_a_tenth(tmp_path, lang, nothing):
    # A factor of 1: the summary wrote "0.0 thousand persons" where the notebook wrote "0".
    pdf, cells = _summary_and_notebook(_recon_run(tmp_path, 1.0, 20_000.0), lang)
    adjustment = pdf[next(h for h in pdf if h.startswith(("Adj", "Peny")))]
    assert adjustment.replace("\u00a0", " ") == nothing
    assert "0" in cells


# ------------------------------------------------------- a count of people is whole


@pytest.fixture(scope="module")
def few_people(tmp_path_factory):
    """A scheme of a handful of members: 5 to 13 people, 20 aimed at for 2027."""
    root = tmp_path_factory.mktemp("few")
    folder = write_rows(root / "d", _TOML, _LAND, _UNITS,
                        year_ends("land", "members", list(range(5, 14)), 2016),
                        [("land", "members", "2027-12-31", "20")])
    out = root / "results.json"
    assert main(["run", "--data-dir", str(folder), "--n-paths", "200", "--format", "json",
                 "--output", str(out)]) == 0
    return folder, json.loads(out.read_text())


def _cells(frame) -> list[str]:
    from forecast.styles import styled

    return re.findall(r"<td[^>]*>([^<]*)</td>", styled(frame)._repr_html_())


def test_the_notebook_writes_a_projected_count_of_people_whole_as_the_run_text_does(
        few_people, capsys):
    # The models table showed medians of "16.6", "20.3" people and the headline table
    # "16.4" where the run text and the PDF write "16 people".
    from forecast import tables

    folder, results = few_people
    entry = results["targets"][0]
    assert any(m["median"] != int(m["median"]) for m in entry["models"])  # paths: fractions
    assert main(["run", "--data-dir", str(folder), "--n-paths", "200"]) == 0
    said = re.search(r"Projection +median (\d+) people, 80% band (\d+) people to (\d+) people",
                     capsys.readouterr().out)
    assert said
    from forecast.styles import styled

    frame = tables.reachability_table(results, "en")  # one column per target: th, td rows
    html = styled(frame)._repr_html_()
    by_heading = dict(re.findall(r"<th[^>]*>([^<]*)</th>\s*<td[^>]*>([^<]*)</td>", html))
    heading = {k: h for h, k in frame.attrs["keys"].items()}
    shown = [by_heading[heading[k]] for k in ("median", "p10", "p90")]
    assert shown == list(said.groups())
    models = tables.models_table(results, "en")
    median = list(models.columns).index(next(c for c, k in models.attrs["keys"].items()
                                             if k == "median"))
    width = len(models.columns)
    medians = [c for i, c in enumerate(_cells(models)) if i % width == median]
    used = [c for c in medians if c != "\u2014"]
    assert len(used) == len(entry["models"])
    assert all(re.fullmatch(r"\d+", c) for c in used), medians


def test_a_count_in_thousands_keeps_its_fraction_in_the_notebook():
    # 12.5 thousand persons is 12,500 people: not a fraction of a person to round away.
    from forecast import tables

    results = {"scheme": _KPERS, "targets": [{
        "metric": "workers", "unit": "kpers", "target_date": "2027-12-31",
        "models": [{"name": "linear", "probability": 0.4, "median": 12.5,
                    "backtest_mape": 0.01}], "weighting": "median"}]}
    models = tables.models_table(results, "en")
    assert "12.5" in _cells(models)
