"""One concept per fitted series, denominators of coverage, and the data-check warnings."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from forecast import config
from forecast.cli import main
from forecast.data import load_panel
from forecast.datacheck import data_warnings
from forecast.errors import DataError

from conftest import make_data_dir, observation_rows, write_csv


def _lines(name="observations.csv"):
    """(region, metric, date) -> (line, row) of a shipped file, read with the csv module."""
    with open(config.DATA_DIR / name, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    key = "date" if name == "observations.csv" else "target_date"
    return {(r["region"], r["metric"], r[key]): (i + 2, r) for i, r in enumerate(rows)}


def test_regional_active_total_is_one_concept():
    obs = _lines()
    counts = {"active_total", "active_total_office", "active_total_local", "registered_total",
              "participants_unlabelled"}
    metric_of = {k[:1] + k[2:]: k[1] for k in obs if k[1] in counts}
    # The counts the audit found joined to the Kemnaker-table series (issue 13).
    assert metric_of[("bengkulu", "2017-12-31")] == "active_total_office"
    assert metric_of[("kepulauan-bangka-belitung", "2017-12-31")] == "active_total_office"
    assert metric_of[("kepulauan-bangka-belitung", "2024-12-31")] == "active_total_local"
    assert metric_of[("kalimantan-tengah", "2024-12-31")] == "active_total_local"
    assert metric_of[("bali", "2025-03-31")] == "active_total_local"
    assert metric_of[("sumatera-utara", "2018-12-31")] == "registered_total"
    assert metric_of[("jawa-tengah", "2021-11-30")] == "registered_total"
    assert metric_of[("nusa-tenggara-timur", "2017-09-30")] == "registered_total"
    assert metric_of[("sulawesi-utara", "2014-08-31")] == "participants_unlabelled"
    # The Sumut 2018 rate on a registered base is left in raw/.
    assert ("sumatera-utara", "coverage_pct", "2018-12-31") not in obs
    # What stays in the fitted series of these provinces.
    kept = sorted(k[2] for k in obs if k[0] == "bengkulu" and k[1] == "active_total")
    assert kept == ["2023-12-31", "2024-12-31"]
    kept = sorted(k[2] for k in obs if k[0] == "kalimantan-tengah" and k[1] == "active_total")
    assert kept == ["2023-12-31"]


def test_coverage_values_carry_their_denominator():
    obs, tgt = _lines(), _lines("targets.csv")
    assert obs[("national", "coverage_pct", "2023-10-31")][1]["denominator"] == "eligible_workers"
    assert tgt[("national", "coverage_pct", "2024-12-31")][1]["denominator"] == "working_population"
    for year in (2025, 2026, 2029, 2045):
        assert tgt[("national", "coverage_pct", f"{year}-12-31")][1]["denominator"] == "ucj_base"
    for table in (obs, tgt):
        for (_, metric, _), (_, row) in table.items():
            assert (row["denominator"] in config.DENOMINATORS) == (metric == "coverage_pct")


def test_denominator_column_is_optional_and_checked(tmp_path):
    panel = load_panel(make_data_dir(tmp_path / "old"))  # the four files without the column
    assert set(panel.observations["denominator"]) == {""}
    root = make_data_dir(tmp_path / "bad")
    rows = [dict(r, denominator="") for r in observation_rows()]
    rows.append(dict(rows[0], metric="coverage_pct", unit="percent", value="40",
                     date="2023-10-31", denominator="everyone"))
    write_csv(root / "observations.csv", rows)
    with pytest.raises(DataError, match=r"observations.csv:\d+: column 'denominator': expected "
                                        r"one of eligible_workers, .* found 'everyone'"):
        load_panel(root)


def test_warnings_on_a_tiny_panel(tmp_path):
    root = make_data_dir(tmp_path / "d")
    rows = observation_rows()
    extra = [("active_total", "2022-12-31", "900000", "src-b"),  # then 900,000 (src-a) in 2023
             ("active_total", "2024-12-31", "600000", "src-b"),  # -33 % at a change of source
             ("active_pu", "2023-12-31", "800000", "src-a"),
             ("active_bpu", "2023-12-31", "150000", "src-a")]  # 950,000 > 900,000
    for metric, date, value, sid in extra:
        rows.append({"region": "east-province", "metric": metric, "date": date, "value": value,
                     "unit": "persons", "source_id": sid, "note": ""})
    write_csv(root / "observations.csv", rows)
    got = data_warnings(load_panel(root))
    n = len(observation_rows())
    # Appended rows are lines n+2..n+5 of the file; the 2023 total is line n+1.
    assert got == [
        f"observations.csv:{n + 1}: warning: east-province 2023-12-31: segments active_bpu "
        f"150,000 + active_pu 800,000 = 950,000, more than active_total 900,000; expected at "
        f"most the total",
        f"observations.csv:{n + 3}: warning: east-province active_total changes -33%/yr from "
        f"900,000 (2023-12-31, src-a) to 600,000 (2024-12-31, src-b) at a change of source; "
        f"expected between -20% and +30%/yr",
    ]


def test_shipped_data_check_warns_on_lampung(capsys):
    assert main(["data", "check"]) == 0
    out = capsys.readouterr().out
    line, _ = _lines()[("lampung", "active_total", "2023-12-31")]
    assert (f"observations.csv:{line}: warning: lampung 2023-12-31: segments active_bpu 142,627 "
            f"+ active_jakon 131,375 + active_pu 550,712 = 824,714, more than active_total "
            f"578,889") in out
    # No fitted province participants series jumps at a change of source any more.
    provinces = set(pd.read_csv(config.DATA_DIR / "regions.csv").query("level == 'province'").id)
    for text in out.splitlines():
        if " active_total changes " in text:
            assert text.split("warning: ")[1].split()[0] not in provinces, text
