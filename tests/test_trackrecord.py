"""Our track record (forecast.trackrecord): three known outcomes scored by hand."""

import pytest

from forecast.data import load_panel
from forecast.report.trackpage import track_sentence
from forecast.report.words import BANDS as REPORT_BANDS
from forecast.run import run_region
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


def _said(panel, region, *, as_of, n_paths, seed, vintage_basis):
    assert as_of == "2018-12-31" and vintage_basis == "published"
    return {"targets": SAID}


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


def test_outcome_needs_a_reading_near_the_date(tiny_data_dir):
    panel = load_panel(tiny_data_dir)
    assert outcome(panel, "national", "active_total", "2020-12-31") == ("2020-12-31", 30.0e6)
    assert outcome(panel, "national", "active_total", "2030-12-31") is None


def test_the_engine_as_of_a_past_year_end(tiny_data_dir):
    # The real run as of end-2022 on the tiny data: the targets due 2026 are not settled, so
    # nothing is scored, but their probabilities are the vintage's.
    panel = load_panel(tiny_data_dir)
    got = track_record(panel, "national", run_region, basis="date", n_paths=200,
                       years=[2022])
    assert got["n"] == 0 and got["brier"] is None
    direct = run_region(panel, "national", as_of="2022-12-31", n_paths=200, seed=20261231,
                        vintage_basis="date")
    assert [e["points"][0]["probability"] for e in got["evolution"]] == \
        [e["probability"] for e in sorted(direct["targets"],
                                          key=lambda e: (e["target_date"], e["metric"]))]


def test_bands_are_the_reports_bands():
    assert BANDS == REPORT_BANDS


def test_the_sentence_in_both_languages(tiny_data_dir):
    got = track_record(load_panel(tiny_data_dir), "national", _said, years=[2018])
    assert track_sentence(got, "en") == (
        "Of the targets we called 'unlikely', 1 of 1 were missed; of those we called "
        "'uncertain', 0 of 1 were met; of those we called 'likely', 1 of 1 were met.")
    assert track_sentence(got, "id") == (
        "Dari target yang kami sebut 'kecil', 1 dari 1 tidak tercapai; dari target yang kami "
        "sebut 'belum pasti', 0 dari 1 tercapai; dari target yang kami sebut 'besar', "
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
