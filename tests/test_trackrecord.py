"""Our track record (forecast.trackrecord): three known outcomes scored by hand, then the
same with thresholds ("reaches X by year Y", X = the outcome x 0.90 ... 1.10)."""

import numpy as np
import pytest
from conftest import ACTIVE

from forecast.data import load_panel
from forecast.report.trackpage import intro_sentence, track_sentence
from forecast.report.words import BANDS as REPORT_BANDS
from forecast.run import run_region
from forecast.textfmt import track_record_sentence
from forecast.trackrecord import BANDS, outcome, track_record

# What a run as of end-2018 said (a stand-in for the engine, so the numbers are fixed):
# three targets settled since (tests/conftest.py: ACTIVE 2019 34.2M, 2020 30.0M; FUNDS 2021
# 553.5) and one not yet due.
SAID = [
    {"metric": "active_total", "target_value": 33e6, "target_date": "2019-12-31",
     "probability": 0.8},    # 34.2M: met
    {"metric": "active_total", "target_value": 36e6, "target_date": "2020-12-31",
     "probability": 0.6},    # 30.0M: missed
    {"metric": "fund_investment", "target_value": 600.0, "target_date": "2021-12-31",
     "probability": 0.2},    # 553.5: missed
    {"metric": "active_total", "target_value": 70e6, "target_date": "2027-12-31",
     "probability": 0.1},    # not known yet: not scored
]


def _said(panel, region, *, as_of, n_paths, seed, vintage_basis, questions=None):
    # Says the targets only (the thresholds asked are not answered: none is scored).
    assert as_of == "2018-12-31" and vintage_basis == "published"
    return {"targets": SAID}


#: What the stand-in says of a threshold "at least X by Y", by X's factor to the outcome.
SAID_OF_FACTOR = {0.90: 0.9, 0.95: 0.7, 1.05: 0.4, 1.10: 0.1}


def _said_and_answered(targets):
    """A stand-in run as of end-2018 that says ``targets`` and answers every threshold on
    active_total by its factor (SAID_OF_FACTOR); fund_investment could not be projected."""
    asked = []

    def run(panel, region, *, as_of, n_paths, seed, vintage_basis, questions=None):
        asked.extend(questions)
        answers = []
        for q in questions:
            if q["metric"] != "active_total":
                answers.append({**q, "probability": None, "reason": {"code": "too_few_points"}})
                continue
            outcome_value = ACTIVE[int(q["date"][:4])]
            factor = min(SAID_OF_FACTOR, key=lambda f: abs(q["value"] - f * outcome_value))
            answers.append({**q, "probability": SAID_OF_FACTOR[factor]})
        return {"targets": targets, "questions": answers}
    return run, asked


def test_three_known_outcomes_by_hand(tiny_data_dir):
    panel = load_panel(tiny_data_dir)
    got = track_record(panel, "national", _said, years=[2018])
    assert [f["met"] for f in got["forecasts"]] == [True, False, False]
    assert [f["outcome_value"] for f in got["forecasts"]] == [34.2e6, 30.0e6, 553.5]
    # Brier: ((0.8 - 1)^2 + (0.6 - 0)^2 + (0.2 - 0)^2) / 3 = (0.04 + 0.36 + 0.04) / 3
    assert got["n"] == 3
    assert got["brier"] == pytest.approx(0.44 / 3)
    bands = {b["band"]: (b["n"], b["met"], b["missed"]) for b in got["bands"]}
    assert bands == {"very_unlikely": (0, 0, 0), "unlikely": (1, 0, 1), "even": (1, 0, 1),
                     "likely": (1, 1, 0), "very_likely": (0, 0, 0)}
    # every target said, settled or not, has its probability in the evolution
    assert len(got["evolution"]) == 4


def test_thresholds_and_targets_scored_by_hand(tiny_data_dir):
    panel = load_panel(tiny_data_dir)
    run, asked = _said_and_answered(SAID)
    got = track_record(panel, "national", run, years=[2018])
    # Asked as of end-2018: active_total and fund_investment (the metric of a target) at the
    # year-ends 2019-2021, whose values are known: 2 x 3 x 4 thresholds. active_total 2019
    # is 34.2M: X = 30.78M, 32.49M, 35.91M, 37.62M.
    assert len(asked) == 24
    first = [q["value"] for q in asked if q["metric"] == "active_total"
             and q["date"] == "2019-12-31"]
    assert first == pytest.approx([30.78e6, 32.49e6, 35.91e6, 37.62e6])
    thresholds = [f for f in got["forecasts"] if f["kind"] == "threshold"]
    assert len(thresholds) == 12  # fund_investment had no answer: not scored
    assert [f["met"] for f in thresholds[:4]] == [True, True, False, False]
    assert [f["factor"] for f in thresholds[:4]] == [0.90, 0.95, 1.05, 1.10]
    assert {f["kind"] for f in got["forecasts"]} == {"target", "threshold"}
    # Each year's four thresholds: (0.9 - 1)^2 + (0.7 - 1)^2 + 0.4^2 + 0.1^2
    # = 0.01 + 0.09 + 0.16 + 0.01 = 0.27; three years: 0.81 over 12.
    kinds = got["by_kind"]
    assert kinds["threshold"]["n"] == 12
    assert kinds["threshold"]["brier"] == pytest.approx(0.81 / 12)
    assert kinds["target"]["n"] == 3 and kinds["target"]["brier"] == pytest.approx(0.44 / 3)
    # Over everything settled: (0.81 + 0.44) / 15.
    assert got["n"] == 15 and got["brier"] == pytest.approx(1.25 / 15)
    bands = {b["band"]: (b["n"], b["met"], b["missed"]) for b in got["bands"]}
    # thresholds: 0.9 and 0.7 likely (6, met), 0.4 even (3, missed), 0.1 unlikely (3,
    # missed); plus the targets 0.2 unlikely missed, 0.6 even missed, 0.8 likely met.
    assert bands == {"very_unlikely": (0, 0, 0), "unlikely": (4, 0, 4), "even": (4, 0, 4),
                     "likely": (7, 7, 0), "very_likely": (0, 0, 0)}
    # The sentence on targets is about the targets only; the thresholds come after it.
    assert track_sentence(got, "en") == (
        "Of the targets we called 'unlikely', 1 of 1 was missed; of those we called "
        "'uncertain', 0 of 1 was met and 1 was missed; of those we called 'likely', 1 of 1 "
        "was met. Of the thresholds we called 'unlikely', 3 of 3 were not reached; of those "
        "we called 'uncertain', 0 of 3 were reached and 3 were not reached; of those we "
        "called 'likely', 6 of 6 were reached.")
    assert track_record_sentence(got).startswith(
        "Of the targets we called 'unlikely', 1 of 1 was missed; of those we called 'about "
        "as likely as not', 0 of 1 was met and 1 was missed; of those we called 'likely', "
        "1 of 1 was met. "
        "Of the thresholds we called 'unlikely', 3 of 3 were not reached;")
    # the evolution is about targets only
    assert len(got["evolution"]) == 4


def test_a_record_of_thresholds_only_says_so_in_both_languages(tiny_data_dir):
    # As published, no target had been stated by the past year-ends (the shipped data):
    # the record rests on thresholds, and says so.
    run, _ = _said_and_answered([])
    got = track_record(load_panel(tiny_data_dir), "national", run, years=[2018])
    assert got["by_kind"]["target"]["n"] == 0 and got["n"] == 12
    assert got["brier"] == pytest.approx(0.81 / 12)
    assert track_sentence(got, "en") == (
        "No settled target had been stated (in the sources we cite) by the past year-ends "
        "re-run, so this record rests on thresholds only: of the thresholds we called "
        "'unlikely', 3 of 3 were not reached; of those we called 'uncertain', 0 of 3 were "
        "reached and 3 were not reached; of those we called 'likely', 6 of 6 were reached.")
    assert track_sentence(got, "id").startswith(
        "Belum ada target yang hasilnya sudah diketahui yang telah dinyatakan")
    assert "hanya bertumpu pada ambang: dari ambang yang kami sebut 'kecil', 3 dari 3 tidak " \
        "tercapai" in track_sentence(got, "id")
    assert "rests on thresholds only: of the thresholds we called 'unlikely', 3 of 3 were " \
        "not reached" in track_record_sentence(got)
    assert "12 on thresholds" in intro_sentence(got, "en")
    assert "0,90, 0,95, 1,05 atau 1,10" in intro_sentence(got, "id")
    # The CLI's block under --lang id: the same Indonesian sentences and the band counts.
    from contextvars import copy_context

    from forecast.textfmt import LANG, format_track_record

    def in_id():
        LANG.set("id")
        return "\n".join(format_track_record(got))

    block = copy_context().run(in_id)
    assert block.startswith("Rekam jejak: ") and track_sentence(got, "id") in block
    assert "Skor Brier 0,068" in block and "  kecil " in block
    assert "Track record" not in block and "called" not in block


def test_outcome_needs_a_reading_near_the_date(tiny_data_dir):
    panel = load_panel(tiny_data_dir)
    assert outcome(panel, "national", "active_total", "2020-12-31") == ("2020-12-31", 30.0e6)
    assert outcome(panel, "national", "active_total", "2030-12-31") is None


def test_the_engine_as_of_a_past_year_end(tiny_data_dir):
    # The real run as of end-2022 on the tiny data: the targets due 2026 are not settled,
    # but their probabilities are the vintage's; the thresholds on active_total (2023, 2024)
    # and fund_investment (2023) are, read from the paths of the run's own projection.
    panel = load_panel(tiny_data_dir)
    got = track_record(panel, "national", run_region, basis="date", n_paths=200,
                       years=[2022])
    assert got["by_kind"]["target"]["n"] == 0
    assert got["n"] == got["by_kind"]["threshold"]["n"] == 12
    direct = run_region(panel, "national", as_of="2022-12-31", n_paths=200, seed=20261231,
                        vintage_basis="date")
    assert "questions" not in direct  # no question asked, none answered
    assert [e["points"][0]["probability"] for e in got["evolution"]] == \
        [e["probability"] for e in sorted(direct["targets"],
                                          key=lambda e: (e["target_date"], e["metric"]))]
    # A threshold below the fan's 10 % quantile is reached on at least 90 % of the paths,
    # one above its 90 % quantile on at most 10 % (the same paths as the run's fan).
    (active,) = [p for p in direct["projections"] if p["metric"] == "active_total"]
    fan = {f"{f['year']}-12-31": f for f in active["fan"]}
    checked = 0
    for f in got["forecasts"]:
        if f["metric"] != "active_total":
            continue
        q = fan[f["target_date"]]
        if f["target_value"] <= q["p10"]:
            assert f["probability"] >= 0.9 - 1 / 200
            checked += 1
        if f["target_value"] >= q["p90"]:
            assert f["probability"] <= 0.1 + 1 / 200
            checked += 1
    assert checked  # the fan's quantiles did bracket some of the thresholds
    probs = [f["probability"] for f in got["forecasts"]]
    for i in range(0, len(probs), 4):  # higher thresholds, no higher probabilities
        assert probs[i:i + 4] == sorted(probs[i:i + 4], reverse=True)
    assert np.isfinite(got["brier"])


def test_bands_are_the_reports_bands():
    assert BANDS == REPORT_BANDS


def test_the_sentence_in_both_languages(tiny_data_dir):
    got = track_record(load_panel(tiny_data_dir), "national", _said, years=[2018])
    assert track_sentence(got, "en") == (
        "Of the targets we called 'unlikely', 1 of 1 was missed; of those we called "
        "'uncertain', 0 of 1 was met and 1 was missed; of those we called 'likely', 1 of 1 "
        "was met.")
    assert track_sentence(got, "id") == (
        "Dari target yang kami sebut 'kecil', 1 dari 1 tidak tercapai; dari target yang kami "
        "sebut 'belum pasti', 0 dari 1 tercapai dan 1 tidak tercapai; dari target yang kami sebut 'besar', "
        "1 dari 1 tercapai.")


def test_nothing_to_score_says_why_in_both_languages():
    # As known at each past year-end, the shipped targets that are settled now had not yet
    # been stated in the sources we cite: the record says so rather than "no outcome known".
    empty = {"bands": [{"band": "unlikely", "n": 0, "met": 0, "missed": 0}]}
    assert track_sentence(empty, "en") == (
        "Nothing to score yet: no target settled since had been stated (in the sources we "
        "cite) by one of the past year-ends re-run.")
    assert track_sentence(empty, "id").startswith("Belum ada yang dapat dinilai: tidak ada "
                                                  "target yang hasilnya sudah diketahui")


def test_the_last_year_end_is_re_run_when_a_reading_follows_it():
    from forecast.data import load_panel, select
    from forecast.trackrecord import past_year_ends
    from forecast.vintage import vintage

    # The shipped participants: year-ends to 2024, then readings during 2025. The record
    # re-ran 2017-2023 only, so its probability chart went from 2023 straight to now.
    panel = load_panel()
    year_end = select(panel, "national", "active_total")
    assert round(year_end.last_t) == 2024
    assert select(panel, "national", "active_total", annual=False).last_t > year_end.last_t
    assert past_year_ends(panel, "national")[-1] == 2024
    # Known only to its last year-end (dated readings to end-2024): re-running 2024 would
    # be the run itself.
    known = vintage(panel, "2024-12-31", "date")
    assert (select(known, "national", "active_total", annual=False).last_t
            == select(known, "national", "active_total").last_t)
    assert past_year_ends(known, "national")[-1] == 2023


def test_a_band_called_unlikely_whose_targets_were_met_says_so():
    # "0 of 7 were missed" alone reads as a good record; the 7 met are said beside it.
    tr = {"by_kind": {"target": {"n": 9, "brier": 0.5, "bands": [
        {"band": "unlikely", "n": 7, "met": 7, "missed": 0},
        {"band": "likely", "n": 2, "met": 1, "missed": 1}]},
        "threshold": {"n": 0, "brier": None, "bands": []}}, "vintages": [2019]}
    assert track_sentence(tr, "en") == (
        "Of the targets we called 'unlikely', 0 of 7 were missed and 7 were met; of those we "
        "called 'likely', 1 of 2 was met and 1 was missed.")
    assert track_sentence(tr, "id") == (
        "Dari target yang kami sebut 'kecil', 0 dari 7 tidak tercapai dan 7 tercapai; dari "
        "target yang kami sebut 'besar', 1 dari 2 tercapai dan 1 tidak tercapai.")
    assert track_record_sentence(tr).startswith(
        "Of the targets we called 'unlikely', 0 of 7 were missed and 7 were met; of those we "
        "called 'likely', 1 of 2 was met and 1 was missed.")
