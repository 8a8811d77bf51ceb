"""Other schemes through ``--data-dir``, third realism round: a scheme that publishes at a
fiscal year-end, names in other scripts, and further shapes of published histories.

Every folder here is SYNTHETIC, written by the test: made-up numbers that describe no real
scheme. Each oracle is the data itself or a hand-written string, never the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows

from forecast.cli import main

SCHEME = SYNTHETIC_SCHEME_HEAD.format(what="round-3", level="county") + SYNTHETIC_COVERAGE_METRICS
UNIT = {"members": "people", "pop": "people", "cov": "pct"}
REGIONS = (("land", "Land", "land", ""), ("north", "North", "county", "land"))
#: Members growing ~9 %/yr from 3.0M, read once a year (SYNTHETIC).
MEMBERS = [3.0e6, 3.3e6, 3.6e6, 4.0e6, 4.4e6, 4.8e6, 5.3e6, 5.8e6, 6.3e6, 6.9e6]


def write(folder: Path, observations, targets, scheme: str = SCHEME, regions=REGIONS) -> Path:
    """A SYNTHETIC data folder; rows are (region, metric, date, value)."""
    return write_rows(folder, scheme, regions, UNIT, observations, targets)


def at(month_day: str, region: str, metric: str, values, first: int = 2014):
    """(region, metric, date, value) rows at ``month_day`` of each year from ``first``."""
    return [(region, metric, f"{first + i}-{month_day}", v) for i, v in enumerate(values)]


def run_out(capsys, folder: Path, *extra) -> str:
    assert main(["run", "--data-dir", str(folder), "--n-paths", "200", *extra]) == 0
    return capsys.readouterr().out


# ------------------------------------------------------------------ fiscal year-ends


def test_a_count_read_at_a_fiscal_year_end_says_the_date_found_and_what_to_do(tmp_path,
                                                                               capsys):
    folder = write(tmp_path / "d", at("06-30", "land", "members", MEMBERS),
                   [("land", "members", "2027-06-30", 10e6)])
    out = run_out(capsys, folder)
    assert ("only 0 year-end observation(s) of members for land (the top region); at least 3 "
            "are needed: its readings recur each year on 30 June (06-30), as at a fiscal "
            "year-end, but years are counted to 31 December; add readings dated 31 December "
            "(README: Fiscal years)") in out
    out = run_out(capsys, folder, "--lang", "id")
    assert "pembacaannya berulang setiap tahun pada 30 Juni (06-30)" in out
    doc = json.loads(run_out(capsys, folder, "--format", "json"))
    (skipped,) = doc["skipped"]
    assert skipped["reason"]["recurs_at"] == "06-30"


def test_coverage_read_at_31_march_names_its_day_too(tmp_path, capsys):
    folder = write(tmp_path / "d", at("03-31", "land", "cov", [30 + 2 * i for i in range(10)]),
                   [("land", "cov", "2030-03-31", 60)])
    out = run_out(capsys, folder)
    assert "no members and population counts to move it with; at least 3 are needed: its " \
           "readings recur each year on 31 March (03-31)" in out


def test_check_warns_once_on_a_target_whose_readings_recur_at_a_fiscal_year_end(tmp_path,
                                                                               capsys):
    folder = write(tmp_path / "d", at("06-30", "land", "members", MEMBERS),
                   [("land", "members", "2026-12-31", 10e6),
                    ("land", "members", "2027-12-31", 11e6)])
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.count("recur each year") == 1
    assert ("targets.csv:2: warning: land members: its readings recur each year on 06-30 and 0 "
            "fall at a year-end (12-31); expected 3 or more year-ends") in out


def test_december_readings_beside_fiscal_ones_are_no_fiscal_scheme(tmp_path, capsys):
    rows = at("06-30", "land", "members", MEMBERS) + at("12-31", "land", "members", MEMBERS)
    folder = write(tmp_path / "d", rows, [("land", "members", "2027-12-31", 10e6)])
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    assert "recur" not in capsys.readouterr().out
    assert "recur" not in run_out(capsys, folder)
