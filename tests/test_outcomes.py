"""Issue 13, run side: what --as-of reads, matching denominators, past-due targets as outcomes.

Oracles are read by hand off data/observations.csv, data/targets.csv and data/sources.csv.
"""

from __future__ import annotations

import pandas as pd
import pytest

from forecast.cli import main
from forecast.data import load_panel
from forecast.errors import ParameterError
from forecast.outcomes import denominator_check, reference_date, target_outcome
from forecast.reasons import outcome_text, reason_text, vintage_text
from forecast.run import run_region

N = 200


@pytest.fixture(scope="module")
def shipped():
    return load_panel()


@pytest.fixture(scope="module")
def national_2023(shipped):
    return run_region(shipped, "national", as_of=2023, n_paths=N)


def test_as_of_reads_what_was_published_by_default(national_2023):
    r = national_2023
    assert r["vintage"] == "published"
    assert r["generated_with"]["parameters"]["vintage"] == "published"
    active = next(e for e in r["targets"] if e["metric"] == "active_total")
    # End-2022 (35.86M) cites a Jul 2025 article and end-2023 (41.56M) a 2024 one: as known
    # at the end of 2023 the last year-end is 2021 (30,660,901) and the last reading Oct 2023.
    assert active["history"][-1] == {"date": "2021-12-31", "value": 30660901.0}
    assert active["sub_annual"][-1] == {"date": "2023-10-31", "value": 40200000.0}
    # Targets stated later (53.86M for 2024 in Apr 2024, 57.55M for 2025 in Jul 2025, the
    # May 2025 UCJ coverage targets) are not in the run at all.
    dates = {(e["metric"], e["target_date"]) for e in r["targets"]}
    dates |= {(o["metric"], o["target_date"]) for o in r["outcomes"]}
    dates |= {(s["metric"], str(s["target_date"])[:10]) for s in r["skipped"]}
    assert ("active_total", "2024-12-31") not in dates
    assert ("active_total", "2025-12-31") not in dates
    assert ("coverage_pct", "2025-12-31") not in dates
    assert {(e["metric"], e["target_date"]) for e in r["targets"]} == {
        ("active_total", "2026-12-31"), ("fund_investment", "2026-12-31")}


def test_date_reading_is_still_offered_and_named(shipped):
    r = run_region(shipped, "national", as_of=2023, n_paths=N, vintage_basis="date")
    assert r["vintage"] == "date"
    active = next(e for e in r["targets"] if e["metric"] == "active_total"
                  and e["target_date"] == "2026-12-31")
    assert active["history"][-1] == {"date": "2023-12-31", "value": 41560000.0}
    assert vintage_text("date", "2023-12-31") == \
        "with the values dated up to 2023-12-31, whenever published"
    assert vintage_text("published", "2023-12-31", "id").startswith("sebagaimana diketahui")
    with pytest.raises(ParameterError, match="vintage: expected one of published, date, "
                                             "found 'x'"):
        run_region(shipped, "national", as_of=2023, n_paths=N, vintage_basis="x")


def test_cli_header_names_the_reading(capsys):
    assert main(["run", "--as-of", "2023", "--n-paths", "100"]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert "as known at 2023-12-31 (only what had been published by then)" in head
    assert main(["run", "--as-of", "2023", "--vintage", "date", "--n-paths", "100"]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert "with the values dated up to 2023-12-31, whenever published" in head


def test_no_coverage_verdict_compares_different_denominators(shipped, national_2023):
    # As of 2023 (date reading, every target): the 2024 target is a share of the working
    # population and the readings are of eligible workers (40 % in Oct 2023): not compared.
    r = run_region(shipped, "national", as_of=2023, n_paths=N, vintage_basis="date")
    skipped = {s["target_date"].strftime("%Y-%m-%d") if hasattr(s["target_date"], "strftime")
               else s["target_date"]: s["reason"] for s in r["skipped"]
               if s["metric"] == "coverage_pct"}
    why = skipped["2024-12-31"]
    assert why["code"] == "different_denominator"
    assert why["target_denominator"] == "working_population"
    assert why["reading_denominators"] == ["eligible_workers", "other"]
    assert reason_text(why) == (
        "coverage target on the working population base; the readings are on eligible "
        "workers, other bases: percentages of different bases are not compared")  # reader4
    assert reason_text(why, "id") == (
        "target cakupan berbasis penduduk bekerja; pembacaan berbasis pekerja yang memenuhi "
        "syarat, berbagai basis lain: persentase dengan basis berbeda tidak dibandingkan")
    # The UCJ targets (2025, 2026, 2029, 2045): no UCJ reading by the end of 2023.
    for date in ("2025-12-31", "2026-12-31", "2029-12-31"):
        assert skipped[date]["target_denominator"] == "ucj_base"
    targets = shipped.targets
    for run in (r, national_2023, run_region(shipped, "national", n_paths=N)):
        for e in run["targets"]:
            if e["metric"] != "coverage_pct":
                continue
            row = targets[(targets.region == "national") & (targets.metric == "coverage_pct")
                          & (targets.target_date == pd.Timestamp(e["target_date"]))]
            assert e["data_quality"]["coverage"]["denominator"] == row.denominator.iloc[0]


def test_a_base_that_is_not_one_base_is_never_compared(shipped):
    why = denominator_check(shipped, "national", "other")
    assert why["code"] == "different_denominator"  # 'other' readings exist; still not one base
    assert denominator_check(shipped, "national", "ucj_base") is None


def test_past_due_targets_are_outcomes(shipped):
    r = run_region(shipped, "national", as_of="2026-06-30", n_paths=N)
    assert r["outcomes_as_of"] == "2026-06-30"
    assert all(e["target_date"] > "2026-06-30" for e in r["targets"])
    got = {(o["metric"], o["target_date"]): o for o in r["outcomes"]}
    # 53.86M by end-2024: the end-2024 count is 45.22M.
    o = got["active_total", "2024-12-31"]
    assert (o["status"], o["observed"]["value"]) == ("missed", 45220000.0)
    # Rp812.66T by end-2024: no end-2024 fund figure; latest reading Oct 2025, Rp860T.
    o = got["fund_investment", "2024-12-31"]
    assert o["status"] == "not_in_data" and o["observed"] is None
    assert o["latest"] == {"date": "2025-10-31", "value": 860.0,
                           "source_id": "infofinance-2025-10-23-mau"}
    # Readings on both sides of the missing year-end: the nearest ones, not the latest.
    assert (o["before"]["date"], o["after"]["date"]) == ("2024-10-31", "2025-03-31")
    # Both below the target (812.66): said, with both readings; not called missed.
    assert outcome_text(o) == ("both nearest readings below the target; 781.96 on "
                               "2024-10-31 and 801.3 on 2025-03-31, none at the target date "
                               "in the data")
    assert outcome_text(o, "id") == ("kedua pembacaan terdekat di bawah target; 781.96 pada "
                                     "2024-10-31 dan 801.3 pada 2025-03-31, tidak ada "
                                     "pembacaan pada tanggal target di data")
    del o["after"]  # results written before the field: the latest reading, as before
    assert outcome_text(o) == "outcome not yet in the data; latest reading 860 on 2025-10-31"
    assert outcome_text(o, "id") == "hasil belum ada di data; pembacaan terakhir 860 pada " \
                                    "2025-10-31"
    # Rp695.29T by end-2023: Rp712.3T.
    assert got["fund_investment", "2023-12-31"]["status"] == "met"
    # The national analysis never assesses the past-due fund target either.
    assert r["funds_model"]["target_date"] == "2026-12-31"


def test_target_outcome_on_a_hand_made_row(shipped):
    tgt = pd.Series({"metric": "active_total", "value": 41.0e6, "unit": "persons",
                     "target_date": pd.Timestamp("2023-12-31"), "source_id": "x",
                     "denominator": ""})
    o = target_outcome(shipped, "national", tgt, pd.Timestamp("2024-06-30"))
    assert o["status"] == "met" and o["observed"]["value"] == 41560000.0
    assert o["latest"]["date"] == "2024-04-30"  # 42.5M, the last reading by June 2024
    assert reference_date(None, pd.Timestamp("2026-11-29 13:00")) == pd.Timestamp("2026-11-29")


@pytest.mark.parametrize("region", ["national", "bengkulu"])
def test_no_projected_count_is_negative(shipped, region):
    r = run_region(shipped, region, n_paths=N)
    for e in r["targets"] + [p for p in r["projections"] if p.get("projected")]:
        if e.get("unit") == "persons":
            assert all(row["p10"] >= 0 for row in e["fan"])


def test_different_denominator_sentence_names_each_base_once():
    from forecast.reasons import reason, reason_text

    def text(target, lang="en"):
        return reason_text(reason("different_denominator", target_denominator=target,
                                  reading_denominators=["potential_workers"]), lang)

    assert text("ucj_base").startswith("coverage target on the UCJ indicator base; ")
    assert text("working_population").startswith("coverage target on the working population "
                                                  "base; the readings are on potential workers")
    assert text("not_stated").startswith("coverage target with no stated base; ")
    assert text("other").startswith("coverage target on another base; ")
    assert "base base" not in " ".join(text(c) for c in ("ucj_base", "labour_force"))
    assert text("not_stated", "id").startswith("target cakupan tanpa basis yang dinyatakan; ")
    ucj_id = reason_text(reason("different_denominator", target_denominator="ucj_base",
                                reading_denominators=["ucj_base", "labour_force"]), "id")
    assert ucj_id.startswith("target cakupan berbasis indikator UCJ; pembacaan berbasis "
                             "indikator UCJ, angkatan kerja")
    assert "berbasis basis" not in ucj_id
