"""Every refused `forecast run` parameter: one line naming the range allowed and the value
found, exit code 2, no traceback, and no output file left behind."""

from __future__ import annotations

import datetime as dt

import pytest

import forecast.data
from forecast.cli import main

THIS_YEAR = dt.date.today().year

# (arguments, pieces of the one line). The tiny data's first observation is in 2014.
CASES = [
    (["--as-of", "2300"], ["--as-of: ", "a year from 2014", f"to {THIS_YEAR}", "found '2300'",
                           "after this year"]),
    (["--as-of", str(THIS_YEAR + 1)], ["--as-of: ", f"to {THIS_YEAR}",
                                       f"found '{THIS_YEAR + 1}'"]),
    (["--as-of", "1950"], ["--as-of: ", "a year from 2014", "found '1950'",
                           "before the first observation"]),
    (["--as-of", "2013-06-30"], ["--as-of: ", "from 2014-", "found '2013-06-30'"]),
    (["--as-of", "2020-02-30"], ["--as-of: ", "found '2020-02-30'", "not a calendar date"]),
    (["--as-of", "soon"], ["--as-of: ", "a year from 2014", "YYYY-MM-DD", "found 'soon'"]),
    (["--n-paths", "0"], ["--n-paths", "from 100 to 1,000,000", "found '0'"]),
    (["--n-paths", "many"], ["--n-paths", "from 100 to 1,000,000", "found 'many'"]),
    (["--n-paths", "2000000"], ["--n-paths", "from 100 to 1,000,000", "found '2000000'"]),
    (["--seed", "-5"], ["--seed", "a non-negative integer", "found '-5'"]),
    (["--seed", "1.5"], ["--seed", "a non-negative integer", "found '1.5'"]),
    (["--lang", "fr"], ["--lang", "expected one of en, id, found 'fr'"]),
    (["--region", "atlantis"], ["unknown region 'atlantis'", "valid choices", "national"]),
    (["--horizon", "5"], ["unrecognized arguments: --horizon 5"]),
]


def _one_line(capsys) -> str:
    captured = capsys.readouterr()
    err = captured.err
    assert err.startswith("forecast: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and captured.out == ""
    return err


@pytest.mark.parametrize("args,pieces", CASES, ids=[" ".join(a) for a, _ in CASES])
def test_run_parameter_refused_in_one_line(tiny_data_dir, tmp_path, capsys, args, pieces):
    out = tmp_path / "results.json"
    code = main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "100",
                 "--output", str(out), *args])
    err = _one_line(capsys)
    assert code == 2, err
    for piece in pieces:
        assert piece in err, err
    assert not out.exists()  # nothing half-written


def test_as_of_in_range_is_accepted(tiny_data_dir, capsys):
    assert main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "100",
                 "--models", "linear", "--as-of", "2016"]) == 0
    assert capsys.readouterr().err == ""


def test_data_dir_missing(tmp_path, capsys):
    assert main(["run", "--data-dir", str(tmp_path / "nowhere")]) == 2
    err = _one_line(capsys)
    assert "nowhere: data directory not found" in err and "regions.csv" in err


def test_data_dir_is_a_file(tmp_path, capsys):
    (tmp_path / "data.csv").write_text("id\n")
    assert main(["run", "--data-dir", str(tmp_path / "data.csv")]) == 2
    err = _one_line(capsys)
    assert "data.csv: expected a data directory" in err and "found a file" in err


def test_data_dir_unreadable(tiny_data_dir, capsys, monkeypatch):
    # The tests run as root, who reads any folder: ask the check as an ordinary user would.
    monkeypatch.setattr(forecast.data.os, "access", lambda path, mode: False)
    assert main(["run", "--data-dir", str(tiny_data_dir)]) == 2
    err = _one_line(capsys)
    assert "this user can read" in err and "without read permission" in err
