"""A coverage target's history is its readings where they were read at every year-end the
count was: the count's share of its ceiling trend, moved through the latest reading, bent
5-12 points above every reading at 60-80 % when the latest one sat off the trend near 100 %
(growth achieved 3.2 %/yr where the readings rose 6.0 %/yr)."""

from __future__ import annotations

import json

from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows

from forecast.cli import main

MEMBERS = [133.4, 156.8, 171.9, 187.9, 208.1, 224.1, 222.5, 235.7, 248.8, 267.3, 277.0]
POP = [252.2, 255.5, 258.7, 261.9, 265.0, 268.1, 270.2, 272.7, 275.8, 278.7, 281.6]
COVERAGE = [52.9, 61.4, 66.4, 71.7, 78.5, 83.6, 82.3, 86.4, 90.2, 95.9, 98.4]


def _folder(tmp_path):
    units = {"members": "people", "pop": "people", "cov": "pct"}
    obs = []
    for i, year in enumerate(range(2014, 2025)):
        obs += [("land", "members", f"{year}-12-31", MEMBERS[i] * 1e6),
                ("land", "pop", f"{year}-06-30", POP[i] * 1e6),  # mid-year, as censuses
                ("land", "cov", f"{year}-12-31", COVERAGE[i])]
    obs += [("land", "members", "2025-09-30", 280.5e6), ("land", "cov", "2025-09-30", 98.9)]
    head = SYNTHETIC_SCHEME_HEAD.format(what="health", level="province")
    return write_rows(tmp_path / "d", head + SYNTHETIC_COVERAGE_METRICS,
                      [("land", "Land", "land", "")], units, obs,
                      [("land", "cov", "2030-12-31", 100)])


def test_a_coverage_history_read_every_year_is_the_readings(tmp_path):
    out = tmp_path / "r.json"
    assert main(["run", "--data-dir", str(_folder(tmp_path)), "--region", "land",
                 "--n-paths", "300", "--output", str(out)]) == 0
    target = json.loads(out.read_text())["targets"][0]
    shown = {h["date"][:4]: h["value"] for h in target["history"]}
    for year, value in zip(range(2015, 2025), COVERAGE[1:]):
        assert shown[str(year)] == value, (year, shown[str(year)], value)
    # Growth achieved is the readings' own pace: end-2014's 52.9 % to September 2025's
    # 98.9 %, 10.75 years (the bent history gave 3.2 %/yr).
    expected = (98.9 / 52.9) ** (1 / 10.75) - 1
    assert abs(target["historical_cagr"] - expected) < 0.001, (target["historical_cagr"],
                                                                expected)
