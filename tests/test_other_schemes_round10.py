"""Other schemes through ``--data-dir``, tenth round: a health-insurance-like scheme whose
coverage climbs toward a 98 % target, checked as a user checks it, at every origin and
between origins.

Every folder here is SYNTHETIC, written by the test: made-up numbers that describe no real
scheme. Each oracle is the data itself, a separate run or a hand-written string, never the
code under test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows, year_ends

from forecast.cli import main

SCHEME = SYNTHETIC_SCHEME_HEAD.format(what="health", level="province") \
    + SYNTHETIC_COVERAGE_METRICS
REGIONS = (("land", "Land", "land", ""), ("south", "South", "province", "land"))
UNITS = {"members": "people", "pop": "people", "cov": "pct"}
#: SYNTHETIC: members from 130M toward a population of 255M growing 2.5M a year.
MEMBERS = [130e6, 145e6, 165e6, 185e6, 200e6, 215e6, 225e6, 235e6, 245e6, 255e6, 262e6]
POP = [255e6 + 2.5e6 * i for i in range(11)]


@pytest.fixture(scope="module")
def health(tmp_path_factory) -> Path:
    cov = [round(100 * m / p, 2) for m, p in zip(MEMBERS, POP)]
    obs = (year_ends("land", "members", MEMBERS, 2014) + year_ends("land", "pop", POP, 2014)
           + year_ends("land", "cov", cov, 2014)
           + year_ends("south", "cov", [min(99.0, round(c * 1.05, 2)) for c in cov], 2014))
    targets = [("land", "cov", "2024-12-31", 98), ("land", "cov", "2028-12-31", 99),
               ("south", "cov", "2018-12-31", 80), ("south", "cov", "2026-12-31", 98)]
    return write_rows(tmp_path_factory.mktemp("health") / "data", SCHEME, REGIONS, UNITS,
                      obs, targets)


def _json(capsys, *argv) -> dict:
    capsys.readouterr()
    assert main([*argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def _run_probability(capsys, folder, year, metric, date) -> float:
    res = _json(capsys, "run", "--data-dir", str(folder), "--region", "land", "--as-of",
                str(year), "--n-paths", "200")
    [entry] = [t for t in res["targets"] if (t["metric"], t["target_date"]) == (metric, date)]
    return entry["probability"]


def test_compare_between_origins_keeps_a_target_due_between_the_later_origin_and_today(
        health, capsys):
    # 98 % by 2024 is a forecast as of 2019 and as of 2023 (both runs assess it), yet the
    # comparison ran each side as of today, where it is past due: it was left out.
    c = _json(capsys, "compare", "--as-of", "--data-dir", str(health), "--region", "land",
              "--n-paths", "200", "2019", "2023")
    got = {(t["metric"], t["target_date"]): t for t in c["targets"]}
    assert ("cov", "2024-12-31") in got, sorted(got)
    p = got[("cov", "2024-12-31")]["probability"]
    assert p["a"] == _run_probability(capsys, health, 2019, "cov", "2024-12-31")
    assert p["b"] == _run_probability(capsys, health, 2023, "cov", "2024-12-31")
    assert sum(p["steps"]) == pytest.approx(p["b"] - p["a"])


def test_compare_calls_a_target_past_due_at_the_later_origin_its_outcome(health, capsys):
    # South read 79.25 % at the end of 2018 (SYNTHETIC): 80 % by 2018 is a forecast as of
    # 2017 and missed as of 2024, as 'forecast run --as-of 2024' lists it; the comparison
    # printed 'not assessed' for it there, and its JSON said nothing of the outcome.
    capsys.readouterr()
    argv = ["compare", "--as-of", "--data-dir", str(health), "--region", "south",
            "--n-paths", "200", "2017", "2024"]
    assert main(argv) == 0
    text = capsys.readouterr().out
    block = text.split("Coverage >= 80.0% by 2018-12-31")[1].split("\n\n")[0]
    last = block.strip().splitlines()[-1]
    assert last.split()[:4] == ["as", "of", "2024-12-31", "past"], last
    assert "past due: missed" in last and "not assessed" not in block, block
    c = _json(capsys, *argv)
    [t] = [t for t in c["targets"] if t["target_date"] == "2018-12-31"]
    assert t["outcome"] == {"a": None, "b": "missed"}
