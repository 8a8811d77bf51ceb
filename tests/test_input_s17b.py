"""Input handling of the seventeenth round (second part): counts of any scheme's own count
unit, absurdly many levels, OS errors beside a guessed cause, quoted values shown as they
are, options given twice.

Every data folder here is SYNTHETIC, written by the test from conftest.py's made-up scheme.
Each oracle is the input itself: what was broken and what must be said about it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import (SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, one_line_error,
                      write_rows, year_ends)
from forecast.cli import main

UNITS = {"members": "people", "pop": "people", "cov": "pct"}
REGIONS = [("land", "Land", "land", ""), ("north", "North", "county", "land")]


def _scheme(extra: str = "") -> str:
    return (SYNTHETIC_SCHEME_HEAD.format(what="test", level="county") + extra + "\n"
            + SYNTHETIC_COVERAGE_METRICS)


def _folder(root: Path, toml: str, members=("100", "110", "120", "130", "140")) -> Path:
    obs = (year_ends("land", "members", list(members), 2015)
           + year_ends("land", "pop", ["1000"] * 5, 2015))
    return write_rows(root / "data", toml, REGIONS, UNITS, obs,
                      [("land", "cov", "2030-12-31", "50")])


# ------------------------------------------------------------ whole counts of any count unit


def test_a_count_unit_of_another_scheme_takes_no_fraction(tmp_path, capsys):
    """Only the shipped unit named 'persons' was checked: 1.5 people passed."""
    data = _folder(tmp_path, _scheme(), members=("1.5", "110", "120", "130", "140"))
    assert main(["data", "check", "--data-dir", str(data)]) == 2
    assert one_line_error(capsys) == (
        f"forecast: error: {data / 'observations.csv'}:2: column 'value': expected a whole "
        f"number of people, found '1.5' (write 1001000, not 1.001 or 1,001,000)\n")


def test_a_count_unit_naming_a_scale_keeps_its_decimals(tmp_path, capsys):
    """'thousand people' counts in thousands: 1.5 of them is 1,500 people."""
    toml = _scheme().replace('en = "people"\nid = "jiwa"',
                             'en = "thousand people"\nid = "ribu jiwa"')
    assert 'en = "thousand people"' in toml
    data = _folder(tmp_path, toml, members=("1.5", "1.6", "1.7", "1.8", "1.9"))
    assert main(["data", "check", "--data-dir", str(data)]) == 0
    assert "OK (10 observations" in capsys.readouterr().out


def test_a_share_takes_decimals(tmp_path, capsys):
    data = _folder(tmp_path, _scheme())
    path = data / "targets.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",50,", ",50.5,"),
                    encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(data)]) == 0
    assert "OK (10 observations, 1 target" in capsys.readouterr().out
