"""Reader-facing words that must agree with one another: a growth rate the headline calls
not meaningful is not printed as a rate in the base-year table either.

Every data folder written here is SYNTHETIC (made-up values that describe no real scheme).
"""

from __future__ import annotations

import json
import re

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
