"""Leftovers of the calibrated-engine round (issue 14), mended in its last session.

SYNTHETIC data only: every number in these folders is made up.
"""

from __future__ import annotations

import json


def _no_target_run(tmp_path):
    """A SYNTHETIC scheme whose top region has readings and no target (its state has the
    only target: targets.csv needs a row)."""
    from conftest import (SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows,
                          year_ends)
    from forecast.cli import main

    head = SYNTHETIC_SCHEME_HEAD.format(what="pension", level="state") + \
        SYNTHETIC_COVERAGE_METRICS
    members = [10e6, 11e6, 12e6, 12.5e6, 13e6, 13.4e6]
    folder = write_rows(tmp_path / "scheme", head,
                        [("land", "Land", "land", ""), ("isle", "Isle", "state", "land")],
                        {"members": "people"}, year_ends("land", "members", members, 2018)
                        + year_ends("isle", "members", [1e6, 1.1e6, 1.2e6], 2021),
                        [("isle", "members", "2028-12-31", 2e6)])
    out = tmp_path / "land.json"
    assert main(["run", "--data-dir", str(folder), "--region", "land", "--n-paths", "200",
                 "--format", "json", "--output", str(out)]) == 0
    return json.loads(out.read_text())


def test_the_summary_cites_the_source_of_a_latest_reading_it_prints(tmp_path):
    # The summary's row of a region without targets printed its latest reading ("Members:
    # 13.4 million (Dec 2023)") and listed no source for it: the run cited none, so the
    # PDF had no "Sources" section at all.
    from forecast.report.summary import summary_document

    results = _no_target_run(tmp_path)
    assert not results["targets"] and results["observations"]
    assert results["observations"][-1]["source_id"] == "syn"
    for lang in ("en", "id"):
        doc = summary_document({"parameters": {}}, [("land", results, {"status": "ok"})],
                               dict(results["cited_sources"]), lang, None)
        shown = json.dumps(doc, ensure_ascii=False)
        assert "13.4" in shown.replace(",", ".") and "2023" in shown
        assert [s["id"] for s in doc["sources"]] == ["syn"]
        assert doc["sources"][0]["publisher"] == "SYNTHETIC"


def test_a_region_with_nothing_read_cites_nothing(tmp_path):
    from forecast.report.summary import cited_ids

    assert cited_ids({"targets": [], "observations": []}) == set()
    assert cited_ids({"targets": [], "observations": [
        {"metric": "members", "date": "2020-12-31", "value": 1, "unit": "people",
         "source_id": "a"},
        {"metric": "members", "date": "2021-12-31", "value": 2, "unit": "people",
         "source_id": "b"}]}) == {"b"}


def test_one_list_of_the_fund_models_metrics():
    # The fund model's metrics were spelt out three times (national, money,
    # schemesections); a metric added to one would not reach the others.
    from forecast import money, national, schemesections

    assert national.FUND_METRICS is money.FUND_METRICS
    assert schemesections.FUND_METRICS is money.FUND_METRICS
    assert set(money.FUND_FLOWS) < set(money.FUND_METRICS)


def test_the_hostile_rounds_pristine_run_verifies(tmp_path):
    # The run folder the hostile rounds damage copies of was made with the default seed while
    # its manifest said seed 5, so `forecast verify` of the undamaged folder failed: a
    # damaged copy's refusal could have been the mismatch, not the damage.
    from conftest import copy_run, pristine_run_folder
    from forecast.cli import main

    runs = copy_run(pristine_run_folder(tmp_path / "made"), tmp_path)
    assert main(["verify", "r1", "--region", "national", "--runs-dir", str(runs)]) == 0


def test_too_short_a_participants_history_says_so_without_calling_the_region_national(
        tmp_path):
    # Another scheme's top region is no nation: its skipped analyses said "national
    # extras: only 2 year-end active_total observations ...".
    from conftest import SYNTHETIC_SCHEME_HEAD, write_rows
    from forecast.cli import main

    head = SYNTHETIC_SCHEME_HEAD.format(what="pension", level="state") + '''
[metrics.active_total]
unit = "people"
en = "Participants"
id = "Peserta"
'''
    rows = [("land", "active_total", "2022-12-31", 10_000_000),
            ("land", "active_total", "2023-06-30", 10_400_000),
            ("land", "active_total", "2023-12-31", 10_900_000)]
    folder = write_rows(tmp_path / "scheme", head, [("land", "Land", "land", "")],
                        {"active_total": "people"}, rows,
                        [("land", "active_total", "2027-12-31", 14_000_000)])
    out = tmp_path / "land.json"
    code = main(["run", "--data-dir", str(folder), "--region", "land", "--n-paths", "200",
                 "--format", "json", "--output", str(out)])
    results = json.loads(out.read_text()) if code == 0 else {}
    skipped = json.dumps(results.get("extras_skipped"))
    # In the scheme's words, not its ids: "active_total", "land".
    assert "only 2 year-end readings of participants for Land" in skipped, (code, skipped)
    assert "national" not in skipped
