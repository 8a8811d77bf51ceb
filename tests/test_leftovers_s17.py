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
        fh.write(head + "\n" + blank * (MAX_ROWS + 1) + rest)
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"forecast: error: {path}: expected at most {MAX_ROWS + 1:,} lines")
    assert "blank lines count too" in err


def test_a_file_at_the_limit_of_lines_is_still_read(tiny_data_dir):
    from forecast import csvfile
    from forecast.data import load_panel

    path = tiny_data_dir / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    limit = csvfile.MAX_ROWS
    try:  # a smaller limit: the file's own lines plus its blank ones make exactly it
        csvfile.MAX_ROWS = len(lines) + 5
        path.write_text("\n".join(lines[:1] + [""] * 6 + lines[1:]) + "\n", encoding="utf-8")
        assert len(load_panel(tiny_data_dir).observations) == len(lines) - 1
        path.write_text("\n".join(lines[:1] + [""] * 7 + lines[1:]) + "\n", encoding="utf-8")
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

    chart = _WORDS[lang]["IDR_trillion"]  # the fan charts' axis, in the PDFs and notebooks
    tiny = results.run_region(load_panel(tiny_data_dir), "national", n_paths=50, seed=1)
    for res in (shipped_national, tiny):  # the shipped scheme.toml; a folder without one
        frame = tables.reachability_table(res, lang)
        funds = frame[[t["metric"] == "fund_investment" for t in res["targets"]]]
        assert len(funds) and set(funds.iloc[:, 2]) == {chart}  # its unit column
