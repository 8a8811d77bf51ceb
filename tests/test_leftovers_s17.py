"""Leftover defects, each pinned by a test that failed before its fix: counts agreeing with
their nouns ("1 path", not "1 paths"), a flood of one data-check warning, a data file of
millions of blank lines, numbers too small or too large to hold, a data folder that is a
file, and one wording of the fund's unit.

Every data folder written here is SYNTHETIC or a copy of the shipped data with one cell
changed (made-up values that describe no real scheme).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import write_csv

from forecast.errors import DataError


def _set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Write ``value`` into ``column`` of data row ``row`` (1 = the first below the header)."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows[row - 1][column] = value
    write_csv(path, rows)


# ----------------------------------------------------- numbers too small or large to hold


@pytest.mark.parametrize("name", ["observations.csv", "targets.csv"])
@pytest.mark.parametrize("text, why", [("1e-400", "too small"), ("1E-400", "too small"),
                                       ("2.5e-320", "too small"), ("1e400", "too large")])
def test_a_value_that_underflows_or_overflows_is_refused_naming_file_row_column(
        tiny_data_dir, capsys, name, text, why):
    from forecast.cli import main

    path = tiny_data_dir / name
    row = 2 if name == "targets.csv" else 13  # a fund_investment row: Rp trillion, no sign
    _set_cell(path, row, "value", text)
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"forecast: error: {path}:{row + 1}: column 'value': ")
    assert f"found '{text}'" in err and why in err


def test_a_tiny_value_that_holds_is_read_as_written_and_zero_stays_zero(tiny_data_dir):
    from forecast.data import load_panel

    _set_cell(tiny_data_dir / "targets.csv", 2, "value", "1e-300")
    _set_cell(tiny_data_dir / "observations.csv", 13, "value", "0e5")
    panel = load_panel(tiny_data_dir)
    funds = panel.targets[panel.targets["metric"] == "fund_investment"]["value"]
    assert list(funds) == [1e-300]
    obs = panel.observations
    assert obs[(obs["metric"] == "fund_investment")]["value"].min() == 0.0


# ------------------------------------------------------------ millions of blank lines


@pytest.mark.parametrize("blank", ["\n", "\r\n", "\r", " \n", "\t\r\n"])
def test_a_data_file_of_millions_of_blank_lines_is_refused_naming_it(tiny_data_dir, capsys,
                                                                      blank):
    from forecast.cli import main
    from forecast.csvfile import MAX_ROWS

    path = tiny_data_dir / "observations.csv"
    head, _, rest = path.read_text(encoding="utf-8").partition("\n")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(head + "\n" + blank * (2 * MAX_ROWS + 1) + rest)
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"forecast: error: {path}: expected at most "
                          f"{2 * MAX_ROWS + 1:,} lines")
    assert "blank lines count too" in err


def test_a_file_at_the_limit_of_lines_is_still_read(tiny_data_dir):
    from forecast import csvfile
    from forecast.data import load_panel

    path = tiny_data_dir / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    limit = csvfile.MAX_ROWS
    try:  # a smaller limit, and blank lines that fill the file's lines up to it exactly
        csvfile.MAX_ROWS = len(lines)
        blanks = 2 * csvfile.MAX_ROWS + 1 - len(lines)
        path.write_text("\n".join(lines[:1] + [""] * blanks + lines[1:]) + "\n",
                        encoding="utf-8")
        assert len(load_panel(tiny_data_dir).observations) == len(lines) - 1
        path.write_text("\n".join(lines[:1] + [""] * (blanks + 1) + lines[1:]) + "\n",
                        encoding="utf-8")
        with pytest.raises(DataError, match="blank lines count too"):
            load_panel(tiny_data_dir)
    finally:
        csvfile.MAX_ROWS = limit


# ------------------------------------------------------------ a data folder that is a file


def test_the_scheme_of_a_data_folder_that_is_a_file_names_the_folder_not_scheme_toml(
        tmp_path):
    from forecast.scheme import load_scheme

    path = tmp_path / "data.csv"
    path.write_text("region,metric\n", encoding="utf-8")
    with pytest.raises(DataError) as info:  # the scheme is read first by verify and batch
        load_scheme(path)
    assert str(info.value) == (f"{path}: expected a data directory (a folder with "
                               f"observations.csv, targets.csv, regions.csv and "
                               f"sources.csv), found a file")


def test_the_scheme_of_a_folder_whose_scheme_toml_is_a_folder_still_names_scheme_toml(
        tmp_path):
    from forecast.scheme import load_scheme

    (tmp_path / "scheme.toml").mkdir()
    with pytest.raises(DataError, match=r"scheme\.toml: cannot be read: expected a TOML file, "
                                        r"found a folder"):
        load_scheme(tmp_path)


# ---------------------------------------------------------------- the fund's unit, one way


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_tables_name_the_fund_unit_as_the_charts_do(shipped_national, tiny_data_dir,
                                                        lang):
    from forecast import results, tables
    from forecast.data import load_panel
    from forecast.plots import _WORDS
    from forecast.report.order import ordered_targets

    chart = _WORDS[lang]["IDR_trillion"]  # the fan charts' axis, in the PDFs and notebooks
    tiny = results.run_region(load_panel(tiny_data_dir), "national", n_paths=100, seed=1)
    for res in (shipped_national, tiny):  # the shipped scheme.toml; a folder without one
        frame = tables.reachability_table(res, lang)
        # One row per target in the reports' order (headline first).
        funds = frame[[t["metric"] == "fund_investment" for t in ordered_targets(res)]]
        assert len(funds) and set(funds.iloc[:, 2]) == {chart}  # its unit column


# ------------------------------------------------------------- counts agree with their nouns


@pytest.mark.parametrize("lang, tail", [("en", ", 1 path"), ("id", ", 1 jalur")])
def test_a_run_of_one_path_says_1_path(shipped_national, lang, tail):
    # A run takes at least 100 paths now; a results.json of one path (written before) is
    # still shown in the singular.
    import copy

    from forecast.textfmt import format_results

    one = copy.deepcopy(shipped_national)
    one["generated_with"]["parameters"]["n_paths"] = 1
    head = format_results(one, lang).splitlines()[0]
    assert head.endswith(tail), head


def _one_of_each(folder: Path) -> Path:
    """A SYNTHETIC folder of one region, one source and one target, dated mid-year (one
    warning: a target not at a year-end)."""
    from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows

    toml = SYNTHETIC_SCHEME_HEAD.format(what="one", level="area") + SYNTHETIC_COVERAGE_METRICS
    obs = [("land", "members", f"{y}-12-31", str(1000 + 100 * (y - 2010)))
           for y in range(2010, 2020)]
    return write_rows(folder, toml, [("land", "Land", "land", "")],
                      {"members": "people", "pop": "people", "cov": "pct"}, obs,
                      [("land", "members", "2030-06-30", "5000")])


def test_data_check_counts_one_of_each_in_the_singular(tmp_path, capsys):
    from forecast.cli import main

    folder = _one_of_each(tmp_path / "d")
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"{folder}: OK (10 observations, 1 target, 1 region, 1 source; data hash " in out
    assert "\n1 warning:\n" in out


def test_the_track_record_of_one_year_end_one_path_one_forecast_is_singular():
    from forecast.report.trackpage import intro_sentence
    from forecast.texttrack import format_track_record

    tr = {"vintages": ["2023-12-31"], "n_paths": 1, "n": 1, "basis": "published",
          "threshold_factors": [0.9, 1.1], "threshold_horizon": 3, "brier": 0.1, "bands": [],
          "by_kind": {"target": {"n": 1, "brier": 0.1, "bands": []},
                      "threshold": {"n": 0, "brier": None, "bands": []}}}
    pdf = intro_sentence(tr, "en")
    assert "re-run as of 1 past year-end on the data published by then (1 path each), and " \
           "scored on the 1 forecast settled since" in pdf
    text = format_track_record(tr)[0]
    assert text.startswith("Track record: the engine as of 1 past year-end (published "
                           "vintages, 1 path each), 1 forecast now settled")


@pytest.mark.parametrize("code, k, n, words", [
    ("recon_too_few", 1, 3, "only 1 of 3 province regions has a projection"),
    ("recon_need_two", 1, 1, "1 of 1 province region has a projection"),
    ("recon_need_two", 0, 1, "0 of 1 province region has a projection"),
    ("recon_need_two", 0, 2, "0 of 2 province regions have a projection"),
    ("recon_not_all_run", 1, 4, "1 of 4 province regions is in this run"),
    ("recon_not_all_run", 2, 3, "2 of 3 province regions are in this run")])
def test_a_reconciliation_reason_agrees_with_its_counts(code, k, n, words):
    from forecast.reconwords import recon_text

    r = {"code": code, "n": n, "level": "province", "metric": "m", "whole": "national",
         ("n_run" if code == "recon_not_all_run" else "n_projected"): k}
    assert words in recon_text(r, "en")
    assert "wilayah provinsi" in recon_text(r, "id")  # no plural in Indonesian


@pytest.mark.parametrize("lang, n, words", [
    ("en", 1, "The one reading, with its source and note"),
    ("en", 2, "All 2 readings, with their sources and notes"),
    ("id", 1, "Satu-satunya pembacaan, dengan sumber dan catatannya"),
    ("id", 1234, "Semua 1.234 pembacaan, dengan sumber dan catatannya")])
def test_the_notebooks_note_of_its_readings_agrees(lang, n, words):
    from forecast.notebookwords import note

    assert repr(note("readings", lang, n=n)) == words


def test_a_model_error_of_one_point_says_1_point():
    import numpy as np

    from forecast.errors import ModelError
    from forecast.models import get_model
    from forecast.series import Series

    one = Series("land", "members", "people", np.array([2020.0]), np.array([5.0]),
                 ("2020-12-31",))
    with pytest.raises(ModelError, match=r"has 1 point; needs at least"):
        get_model("linear").fit(one)


def test_one_coverage_reading_written_as_a_fraction_beside_another_is_1_more_reading(
        tmp_path, capsys):
    from forecast.cli import main
    from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows

    toml = SYNTHETIC_SCHEME_HEAD.format(what="frac", level="area") + SYNTHETIC_COVERAGE_METRICS
    obs = []
    for y in range(2010, 2016):
        obs += [("land", "members", f"{y}-12-31", "40000"), ("land", "pop", f"{y}-12-31",
                                                              "100000")]
    obs += [("land", "cov", "2014-12-31", "0.4"), ("land", "cov", "2015-12-31", "0.4")]
    folder = write_rows(tmp_path / "d", toml, [("land", "Land", "land", "")],
                        {"members": "people", "pop": "people", "cov": "pct"}, obs,
                        [("land", "members", "2030-12-31", "50000")])
    # A refusal since session 27 (the run read 0.4 as 0.4 %), with the same count.
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "land cov 0.4 on 2014-12-31 is a hundredth of members / pop on that date (40.0 " \
           "%), and so is 1 more reading;" in err, err


# ------------------------------------------------- one warning on hundreds of rows of a file


def _flood(folder: Path, months: int, targets=("2030-12-31",)) -> Path:
    """A SYNTHETIC folder whose members column swings x30 from month to month within one
    source (a column scaled wrong on every other row): one warning per reading after the
    first, on rows 3 to ``months`` + 1 of observations.csv."""
    import pandas as pd

    from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows

    toml = SYNTHETIC_SCHEME_HEAD.format(what="flood", level="area") + SYNTHETIC_COVERAGE_METRICS
    dates = pd.date_range("2000-01-31", periods=months, freq="ME")
    obs = [("land", "members", f"{d:%Y-%m-%d}", "1000" if i % 2 else "30000")
           for i, d in enumerate(dates)]
    obs += [("land", "pop", f"{y}-12-31", "100000") for y in range(2000, 2020)]
    return write_rows(folder, toml, [("land", "Land", "land", "")],
                      {"members": "people", "pop": "people", "cov": "pct"}, obs,
                      [("land", "members", d, "50000") for d in targets])


def test_a_warning_on_hundreds_of_rows_is_shown_on_its_first_rows_then_counted(tmp_path,
                                                                               capsys):
    from forecast.cli import main

    folder = _flood(tmp_path / "d", 240, targets=("2030-06-30", "2031-06-30"))
    assert main(["data", "check", "--data-dir", str(folder)]) == 0  # doubts: still 0
    out = capsys.readouterr().out
    warned = out[out.index("\n241 warnings"):].splitlines()[2:]
    obs, tgt = folder / "observations.csv", folder / "targets.csv"
    assert [w.split(": warning: ")[0] for w in warned] == [
        f"{obs}:3", f"{obs}:4", f"{obs}:5", f"{obs}: ... and 236 more rows like the 3 above: "
        f"rows 6-241", f"{tgt}:2", f"{tgt}:3"]  # by file, then row
    head = next(line for line in out.splitlines() if line.startswith("241 warnings"))
    assert "--all-warnings lists all" in head and head.endswith(":")


def test_all_warnings_lists_every_row(tmp_path, capsys):
    from forecast.cli import main

    folder = _flood(tmp_path / "d", 240)
    assert main(["data", "check", "--data-dir", str(folder), "--all-warnings"]) == 0
    out = capsys.readouterr().out
    rows = [int(line.split(": warning: ")[0].rsplit(":", 1)[1])
            for line in out.splitlines() if ": warning: " in line]
    assert rows == list(range(3, 242)) and "more rows like" not in out


def test_a_few_rows_of_one_warning_are_each_shown(tmp_path, capsys):
    from forecast.cli import main

    folder = _flood(tmp_path / "d", 6)  # five warnings: rows 3-7
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "more rows like" not in out and "--all-warnings" not in out
    assert out.count(": warning: land members moves x") == 5


# --------------------------------------------- "on track" beside a probability under 50 %


@pytest.mark.parametrize("lang, caveat", [
    ("en", "(both by the past pace carried on; the projection gives it under 50%)"),
    ("id", "(keduanya menurut laju masa lalu yang berlanjut; proyeksi memberinya di bawah "
           "50%)")])
def test_on_track_beside_a_low_probability_says_the_two_verdicts_differ(shipped_national,
                                                                        lang, caveat):
    from forecast.report.order import ordered_targets
    from forecast.textfmt import format_results

    text = format_results(shipped_national, lang=lang)
    rows = [line for line in text.splitlines() if "UNSD:" in line and "StatCan:" in line]
    row = {(t["metric"], t["target_date"][:4]): r  # printed headline targets first
           for t, r in zip(ordered_targets(shipped_national), rows)}
    # The funds: on track by their past pace, about 17 % by the projection.
    assert row["fund_investment", "2026"].endswith(caveat)
    # Participants: acceleration needed, and unlikely: the two agree.
    assert not row["active_total", "2026"].endswith(caveat)
    # Coverage of 35 %: met already, and likely (about 88 %) to stay so.
    assert not row["coverage_pct", "2026"].endswith(caveat)


@pytest.mark.parametrize("paths, lang, tail", [(1, "en", "; 1 simulated path"),
                                               (5000, "en", "; 5,000 simulated paths"),
                                               (1, "id", "; 1 jalur simulasi")])
def test_the_pdfs_provenance_of_one_path_says_1_simulated_path(paths, lang, tail):
    from forecast.report.build import provenance

    results = {"generated_with": {"version": "0", "data_hash": "ab" * 32, "seed": 1,
                                  "parameters": {"n_paths": paths}}}
    assert provenance(results, lang).endswith(tail)
