"""What a reader sees, third round: the recent growth named by the years it spans, counts
printed with the precision that tells them apart, a ceiling left out said in words, and
``--output`` refused inside a batch run folder.

Every data folder here is SYNTHETIC, written by the test: made-up numbers. Each oracle is
a hand-computed number or a hand-written string, never the code under test.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import numpy as np
import pytest
from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows

from forecast.cli import main
from forecast.series import Series
from forecast.simulate import ModelScore, Projection
from forecast.targets import assess

SCHEME = SYNTHETIC_SCHEME_HEAD.format(what="reader-3", level="province") \
    + SYNTHETIC_COVERAGE_METRICS
UNIT = {"members": "people", "pop": "people", "cov": "pct"}
REGIONS = (("land", "Land", "land", ""), ("north", "North", "province", "land"))


def _projection(series: Series) -> Projection:
    """Fixed paths (the growth measures read the history, not the paths)."""
    paths = np.full((10, 3), series.last_value * 1.1)
    t = series.last_t + np.arange(1, 4, dtype=float)
    score = ModelScore(name="fixed", fitted=True, weight=1.0, backtest_mse=0.01,
                       backtest_mape=0.1, n_origins=1)
    return Projection(series=series, t=t, paths=paths, model_paths={"fixed": paths},
                      scores=(score,), seed=0)


def _run(capsys, folder: Path, *extra) -> str:
    """``forecast run`` on ``folder`` (region land unless ``extra`` names another)."""
    region = () if "--region" in extra else ("--region", "land")
    assert main(["run", "--data-dir", str(folder), *region, "--n-paths", "300",
                 *extra]) == 0
    return capsys.readouterr().out


# --- 1. The recent growth from the reading nearest 3 years back ------------------------


def test_recent_growth_from_a_reading_three_years_back_across_a_gap():
    # Readings 2019, 2021, 2023, 2024 (no 2022): 2021 is 3 years before 2024.
    # 12M -> 16M in 3 years: (16/12)**(1/3) - 1 = 0.100642.
    series = Series.from_years([2019, 2021, 2023, 2024], [10e6, 12e6, 14e6, 16e6])
    r = assess(_projection(series), 30e6, "2027-12-31")
    assert r.historical_cagr_3y == pytest.approx(0.100642, abs=1e-6)
    assert r.historical_3y_from == "2021-12-31"


def test_recent_growth_over_the_actual_span_when_none_is_exactly_three_years_back():
    # Readings 2018, 2020, 2022, 2024 (every other year): 2021 is missing; 2020 (4 years
    # back) and 2022 (2 years back) are as close; the earlier, the longer span, is taken:
    # 13M -> 16.9M over 4 years: 1.3**0.25 - 1 = 0.067789. The old code said n/a.
    series = Series.from_years([2018, 2020, 2022, 2024], [10e6, 13e6, 15e6, 16.9e6])
    r = assess(_projection(series), 30e6, "2027-12-31")
    assert r.historical_cagr_3y == pytest.approx(0.067789, abs=1e-6)
    assert r.historical_3y_from == "2020-12-31"
    # The base-year table's row of that base year says the same growth.
    row = next(b for b in r.base_years if b["base_year"] == 2020)
    assert row["historical_cagr"] == pytest.approx(0.067789, abs=1e-6)


def test_recent_growth_missing_only_when_no_reading_lies_two_to_four_years_back():
    # 2018 is 6 years and 2023 one year before 2024: nothing within 2-4 years back.
    series = Series.from_years([2018, 2023, 2024], [10e6, 15e6, 16e6])
    r = assess(_projection(series), 30e6, "2027-12-31")
    assert r.historical_cagr_3y is None and r.historical_3y_from is None


def _gap_folder(tmp_path: Path) -> Path:
    # SYNTHETIC: members read at the end of 2019, 2021, 2023 and 2024; target 25M by 2027.
    obs = [("land", "members", f"{y}-12-31", v)
           for y, v in ((2019, 10e6), (2021, 12e6), (2023, 14e6), (2024, 16e6))]
    return write_rows(tmp_path / "d", SCHEME, REGIONS, UNIT, obs,
                      [("land", "members", "2027-12-31", 25e6)])


def test_run_text_names_the_years_of_the_recent_growth(tmp_path, capsys):
    folder = _gap_folder(tmp_path)
    # (16/10)**(1/5) - 1 = 9.856 %; (16/12)**(1/3) - 1 = 10.064 %.
    english = _run(capsys, folder)
    assert "9.86%/yr (2019-2024), 10.06%/yr (2021-2024)" in english
    assert "n/a" not in english.split("Growth achieved")[1].splitlines()[0]
    indonesian = _run(capsys, folder, "--lang", "id")
    assert "9,86%/tahun (2019-2024), 10,06%/tahun (2021-2024)" in indonesian


def test_results_json_names_the_base_of_the_recent_growth(tmp_path, capsys):
    folder = _gap_folder(tmp_path)
    (entry,) = json.loads(_run(capsys, folder, "--format", "json"))["targets"]
    assert entry["historical_cagr_3y"] == pytest.approx(0.100642, abs=1e-6)
    assert entry["historical_cagr_3y_from"] == "2021-12-31"


def test_run_text_says_why_there_is_no_recent_growth(tmp_path, capsys):
    # SYNTHETIC: readings 2016, 2017, 2018 and 2024: nothing 2 to 4 years before 2024.
    obs = [("land", "members", f"{y}-12-31", v)
           for y, v in ((2016, 10e6), (2017, 11e6), (2018, 12e6), (2024, 16e6))]
    folder = write_rows(tmp_path / "d", SCHEME, REGIONS, UNIT, obs,
                        [("land", "members", "2027-12-31", 25e6)])
    assert "n/a over the last 3 years (no reading 2 to 4 years before 2024)" in _run(
        capsys, folder)
    assert "t/a untuk 3 tahun terakhir (tidak ada pembacaan 2 sampai 4 tahun sebelum 2024)" \
        in _run(capsys, folder, "--lang", "id")


# --- 2. Counts printed with the precision that tells them apart --------------------------


@pytest.fixture(scope="module")
def national() -> dict:
    """The shipped national run as of end-2023 (results.json), to re-format."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["run", "--region", "national", "--as-of", "2023", "--n-paths", "300",
                     "--format", "json"]) == 0
    return json.loads(out.getvalue())


def _close_entry(results: dict, **values) -> dict:
    entry = next(e for e in results["targets"] if e["unit"] == "persons")
    entry.update(values)
    entry["last_observed"] = {**entry["last_observed"], "value": values.pop("last", 2.2e6)}
    return entry


def test_run_text_tells_a_tight_band_and_the_target_apart(national):
    from forecast.textfmt import format_results

    # Band 2,496,000 to 2,504,000, median 2,500,400, target 2.5M: at two decimals of a
    # million all four read 2.50M; at four they are 2.4960, 2.5004, 2.5040 and 2.5000.
    _close_entry(national, target_value=2.5e6, median=2.5004e6, p10=2.496e6, p90=2.504e6)
    text = format_results(national)
    assert "Active participants >= 2.5000M by" in text
    assert "median 2.5004M, 80% band 2.4960M to 2.5040M" in text
    assert "median 2,5004 jt, rentang 80% 2,4960 jt sampai 2,5040 jt" in format_results(
        national, "id")


def test_pdf_table_tells_a_band_of_a_few_million_apart(national):
    from forecast.report import build

    # 2.46M to 2.54M at one decimal of a million: "2.5 million – 2.5 million" (old).
    entry = _close_entry(national, target_value=3e6, median=2.51e6, p10=2.46e6, p90=2.54e6)
    row = [c.replace("\u00a0", " ") for c in build.target_row(entry, "en")]
    assert row[0].startswith("Active participants: 3 million by")
    assert row[2:4] == ["2.51 million", "2.46 million – 2.54 million"]
    row = [c.replace("\u00a0", " ") for c in build.target_row(entry, "id")]
    assert row[2:4] == ["2,51 juta", "2,46 juta – 2,54 juta"]


def test_usual_precision_where_values_already_differ(national):
    from forecast.report import build
    from forecast.textfmt import format_results

    # 40.2M, a 50.21M median in a 39.06M-61.82M band and a 70M target differ at the usual
    # precision: nothing gets more decimals.
    _close_entry(national, target_value=70e6, median=50.21e6, p10=39.06e6, p90=61.82e6,
                 last=40.2e6)
    assert "median 50.21M, 80% band 39.06M to 61.82M" in format_results(national)
    entry = _close_entry(national, target_value=70e6, median=50.21e6, p10=39.06e6,
                         p90=61.82e6, last=40.2e6)
    assert build.band_range(entry, "en").replace("\u00a0", " ") == \
        "39.1 million – 61.8 million"


# --- 3. A ceiling not used is said where the reader looks ---------------------------------


def _ceiling_folder(tmp_path: Path) -> Path:
    # SYNTHETIC: north's members run at 101.5-105 % of its population (counted where they
    # registered, the population where people live); land has members and no population.
    pop = [8e6 * 1.004 ** i for i in range(11)]
    members = [round(p * (1.015 + 0.0035 * i)) for i, p in enumerate(pop)]
    obs = ([("north", "pop", f"{2014 + i}-12-31", round(p)) for i, p in enumerate(pop)]
           + [(r, "members", f"{2014 + i}-12-31", m) for r in ("north", "land")
              for i, m in enumerate(members)])
    return write_rows(tmp_path / "d", SCHEME, REGIONS, UNIT, obs,
                      [("north", "members", "2026-12-31", 9.0e6),
                       ("land", "members", "2026-12-31", 9.0e6)])


def _quality_row(text: str) -> str:
    return next(line for line in text.splitlines()
                if line.lstrip().startswith(("Data quality", "Kualitas data")))


def test_run_text_says_why_a_count_is_not_bounded_by_its_ceiling(tmp_path, capsys):
    folder = _ceiling_folder(tmp_path)
    en = _quality_row(_run(capsys, folder, "--region", "north"))
    assert en.endswith("; not bounded by population: members is above its ceiling at its "
                       "last reading (2024-12-31), so population is another base, not a "
                       "limit")
    ind = _quality_row(_run(capsys, folder, "--region", "north", "--lang", "id"))
    assert ind.endswith("; tidak dibatasi penduduk: anggota berada di atas batas "
                        "itu pada pembacaan terakhir (2024-12-31), sehingga penduduk adalah "
                        "basis lain, bukan batas")
    assert _quality_row(_run(capsys, folder)).endswith(
        "; not bounded by population: no reading of it in this region, 2 are needed to follow "
        "its trend")


def test_results_json_and_pdf_quality_line_carry_the_ceiling_reason(tmp_path, capsys):
    from forecast.report import build

    folder = _ceiling_folder(tmp_path)
    (entry,) = json.loads(_run(capsys, folder, "--region", "north", "--format",
                               "json"))["targets"]
    assert entry["ceiling"]["reason"] == {"code": "ceiling_below", "ceiling": "pop",
                                          "metric": "members", "region": "north",
                                          "region_name": "North",  # test_reader4
                                          "date": "2024-12-31"}
    assert "above its ceiling" in entry["ceiling"]["note"]
    build.set_scheme(json.loads(_run(capsys, folder, "--region", "north", "--format",
                                     "json"))["scheme"])
    assert build.quality_reason(entry["data_quality"], "id", entry).endswith(
        "; tidak dibatasi penduduk: anggota berada di atas batas itu pada "
        "pembacaan terakhir (31 Desember 2024), sehingga penduduk adalah basis lain, bukan "
        "batas")  # the PDF's date style (test_reader4)
    assert "not bounded by population: members is above" in build.quality_reason(
        entry["data_quality"], "en", entry)


# --- 4. --output inside a batch run folder is refused -------------------------------------


def _batch_run(tmp_path: Path) -> Path:
    """A run folder as `forecast batch` leaves it (manifest, lock, a region's results)."""
    run = tmp_path / "runs" / "20261130-000000-abcdef"
    (run / "national").mkdir(parents=True)
    (run / "manifest.json").write_text('{"run_id": "20261130-000000-abcdef"}\n')
    (run / ".lock").write_text("")
    (run / "national" / "results.json").write_text('{"the": "batch"}\n')
    (tmp_path / "runs" / "latest").symlink_to(run.name)
    return run


@pytest.mark.parametrize("where", ["latest/national/results.json",
                                   "20261130-000000-abcdef/manifest.json",
                                   "20261130-000000-abcdef/jakarta/results.json",
                                   "20261130-000000-abcdef", "latest"])
def test_run_output_inside_a_batch_run_is_refused(tmp_path, capsys, where):
    run = _batch_run(tmp_path)
    before = {p: p.read_bytes() for p in run.rglob("*") if p.is_file()}
    out = tmp_path / "runs" / where
    assert main(["run", "--region", "national", "--n-paths", "100",
                 "--output", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "batch run folder" in err or "is a folder" in err
    assert {p: p.read_bytes() for p in run.rglob("*") if p.is_file()} == before
    assert not (run / "jakarta").exists()


def test_run_output_beside_the_runs_is_written(tmp_path, capsys):
    _batch_run(tmp_path)
    out = tmp_path / "runs" / "mine.json"
    assert main(["run", "--region", "national", "--as-of", "2023", "--n-paths", "100",
                 "--output", str(out)]) == 0
    assert json.loads(out.read_text())["region"] == "national"


# --- 5. What the PDFs' readers tripped over -----------------------------------------------


def test_nowcast_start_of_a_fund_is_said_in_rupiah(national):
    from forecast.report import build
    from forecast.textfmt import format_results

    # The Oct 2023 reading of the investment funds is Rp688.0 trillion (data/); the data
    # quality row printed it as a bare "(688.0)".
    fund = next(e for e in national["targets"] if e["metric"] == "fund_investment")
    text = format_results(national)
    assert "projection starts from the 2023-10-31 reading (Rp688.0T)" in text
    assert "(688.0)" not in text
    assert "pembacaan 31 Oktober 2023 (Rp688 triliun)" in build.quality_reason(
        fund["data_quality"], "id", fund).replace("\u00a0", " ")  # the PDF's no-break space


def test_growth_chart_legend_and_years_stay_inside_the_figure(national):
    from forecast import plots

    # The Indonesian legend's three names in one row ran past the right edge ("tahun terak").
    for lang in ("en", "id"):
        fig = plots.growth_chart(national["targets"], lang=lang)
        fig.canvas.draw()
        width = fig.bbox.width
        legend = fig.legends[0].get_window_extent()
        assert 0 <= legend.x0 and legend.x1 <= width
        years = [t for t in fig.axes[0].texts if "-" in t.get_text()]
        assert years and all(t.get_window_extent().x1 <= width for t in years)


def test_one_year_of_history_is_named_once():
    from forecast.reasons import quality_text

    dq = {"label": "pooled", "annual_points": 1, "first": "2023-12-31", "last": "2023-12-31",
          "gaps": [], "sub_annual_points": 0}
    assert quality_text(dq).startswith("1 year-end point; 2023")
    assert "2023-2023" not in quality_text(dq) + quality_text(dq, "id")


def test_a_region_with_no_data_shows_no_empty_sources_heading(tmp_path, capsys):
    from pypdf import PdfReader

    from forecast.report.render import render_region

    # kanwil-dki-jakarta has no observation in the shipped data: it cites no source.
    assert main(["run", "--region", "kanwil-dki-jakarta", "--n-paths", "100",
                 "--format", "json"]) == 0
    results = json.loads(capsys.readouterr().out)
    pdf = render_region(results, tmp_path, tmp_path / "r.pdf", "en")
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "nothing to assess" in text
    assert "Sources" not in text


def test_a_target_missed_by_a_hair_prints_apart_from_its_reading(national):
    from forecast.report import build
    from forecast.textfmt import format_results

    # SYNTHETIC edit of the 2021 fund outcome: Rp542.38T read against a Rp542.41T target;
    # at one decimal both are Rp542.4T and 'missed' contradicts the numbers beside it.
    o = next(o for o in national["outcomes"] if o["metric"] == "fund_investment"
             and o["target_date"] == "2021-12-31")
    o.update(status="missed", observed={"date": "2021-12-31", "value": 542.38})
    assert ("Investment funds >= Rp542.41T by 2021-12-31: missed: Rp542.38T on 2021-12-31"
            in format_results(national))
    lines = ["".join(s["text"] for s in v).replace("\u00a0", " ")
             for v in build.outcome_verdicts(national, "en")]
    assert any(line.startswith("Rp542.41 trillion of investment funds by end-2021: missed "
                               "(Rp542.38 trillion") for line in lines), lines


def test_readings_with_no_stated_base_are_said_so():
    from forecast.reasons import reason_text

    # DKI Jakarta's 2024 coverage target: 'the readings are on not stated, UCJ ...' (old).
    why = {"code": "different_denominator", "target_denominator": "not_stated",
           "reading_denominators": ["not_stated", "ucj_base"]}
    assert reason_text(why, "en") == (
        "coverage target with no stated base; the readings are on no stated base, UCJ "
        "indicator base: percentages of different bases are not compared")


def test_run_text_of_a_region_without_targets_shows_its_projection(capsys):
    # Jawa Timur has no target; its PDF shows the projection of its 4,950,000 active
    # participants of Feb 2025 (data/observations.csv) and why no ceiling bounds it (one
    # working-population reading). The run text said only 'nothing to assess'.
    assert main(["run", "--region", "jawa-timur", "--n-paths", "300"]) == 0
    text = capsys.readouterr().out
    assert "Projected at the pace seen so far (no target to compare against):" in text
    assert "  Active participants: last 4.95M (2025-02-28)" in text
    assert sum(line.startswith("    end-20") and "80% band" in line
               for line in text.splitlines()) >= 2
    assert _quality_row(text).endswith(
        "; not bounded by working population: 1 reading of it in this region, 2 are needed "
        "to follow its trend")
    assert main(["run", "--region", "jawa-timur", "--n-paths", "300", "--lang", "id"]) == 0
    assert "Peserta aktif: terakhir 4,95 jt (2025-02-28)" in capsys.readouterr().out


def test_pdf_projection_table_tells_a_tight_band_apart():
    from forecast.report import build

    # A year-end of 2.46M to 2.54M around 2.51M: one decimal of a million read
    # "2.5 million – 2.5 million".
    row = build.fan_row({"year": 2026, "p10": 2.46e6, "p50": 2.51e6, "p90": 2.54e6},
                         "persons", "en")
    assert [c.replace("\u00a0", " ") for c in row] == [
        "2026", "2.51 million", "2.46 million – 2.54 million"]


def test_pdf_projection_table_keeps_one_precision_down_the_column():
    from forecast.report import build

    # 2025 needs two decimals (1.18 in 1.13-1.23, Bali); 2026's 1.30 in 1.10-1.40 is then
    # shown with two as well, not as '1.3 million' under '1.18 million'.
    fan = [{"year": 2025, "p10": 1.13e6, "p50": 1.18e6, "p90": 1.23e6},
           {"year": 2026, "p10": 1.10e6, "p50": 1.30e6, "p90": 1.40e6}]
    ex = build.fan_extra(fan, "persons")
    rows = [[c.replace("\u00a0", " ") for c in build.fan_row(f, "persons", "en", ex)]
            for f in fan]
    assert rows == [["2025", "1.18 million", "1.13 million – 1.23 million"],
                    ["2026", "1.30 million", "1.10 million – 1.40 million"]]
