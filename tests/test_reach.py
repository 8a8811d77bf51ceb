"""What is reachable (forecast.reach): levels and dates against quantiles worked by hand."""

import numpy as np

from forecast.reach import reach_dates, reachable, reachable_levels
from forecast.series import Series
from forecast.simulate import Projection

# Five paths over three year-ends after the last observation (2024: 100).
T = np.array([2025.0, 2026.0, 2027.0])
PATHS = np.array([
    [101.0, 102.0, 103.0],
    [105.0, 110.0, 115.0],
    [110.0, 120.0, 130.0],
    [104.0, 108.0, 112.0],
    [120.0, 140.0, 160.0],
])


def _projection():
    series = Series.from_years([2022, 2023, 2024], [90.0, 95.0, 100.0])
    return Projection(series=series, t=T, paths=PATHS, model_paths={}, scores=(), seed=0)


def test_levels_are_the_path_quantiles_by_hand():
    # 2026 values sorted: 102, 108, 110, 120, 140 (positions 0..4).
    # 90 %: the 10th percentile, position 0.4: 102 + 0.4 * (108 - 102) = 104.4
    # 50 %: the median, position 2: 110
    # 10 %: the 90th percentile, position 3.6: 120 + 0.6 * (140 - 120) = 132
    got = reachable(_projection(), 125.0, "2026-12-31")
    assert [(lv["probability"], round(lv["value"], 9)) for lv in got["levels"]] == [
        (0.9, 104.4), (0.5, 110.0), (0.1, 132.0)]
    assert got["projection_end_year"] == 2027


def test_levels_from_plain_values():
    # Four values 1, 2, 3, 4: the median is 2.5; the 10th percentile at position 0.3 is 1.3.
    got = reachable_levels(np.array([4.0, 1.0, 3.0, 2.0]), (0.9, 0.5))
    assert [round(g["value"], 9) for g in got] == [1.3, 2.5]


def test_dates_first_step_with_enough_paths():
    # Target 112: paths at or above it: 2025: 1 of 5 (120), 2026: 2 of 5 (120, 140),
    # 2027: 4 of 5 (115, 130, 112, 160). 50 % first at 2027 (0.8), 80 % also at 2027.
    got = reachable(_projection(), 112.0, "2026-12-31")["dates"]
    assert got == [
        {"probability": 0.5, "date": "2027-12-31", "year": 2027, "within_projection": True},
        {"probability": 0.8, "date": "2027-12-31", "year": 2027, "within_projection": True}]
    # Target 109: 2025 1/5, 2026 3/5 (110, 120, 140), 2027 4/5: 50 % in 2026, 80 % in 2027.
    got = reachable(_projection(), 109.0, "2026-12-31")["dates"]
    assert [(d["probability"], d["year"]) for d in got] == [(0.5, 2026), (0.8, 2027)]


def test_dates_not_within_the_projection():
    # Target 150: only one path (160 in 2027) gets there, 20 % at most.
    got = reachable(_projection(), 150.0, "2027-12-31")["dates"]
    assert all(d["within_projection"] is False and d["date"] is None for d in got)


def test_target_already_met_is_reached_at_the_last_observation():
    got = reach_dates(T, PATHS, 95.0, last_t=2024.0, last_value=100.0,
                      last_date="2024-12-31")
    assert [d["date"] for d in got] == ["2024-12-31", "2024-12-31"]


def test_dates_off_year_end_steps():
    # A grid that starts from an October reading: 2025.83 is 31 Oct 2025 (non-leap year:
    # day 304 of 365, (304 - 365) / 365 = -0.167).
    t = np.array([2024.0 + 1 + (304 - 365) / 365])
    got = reach_dates(t, np.array([[10.0], [10.0]]), 5.0, last_t=2024.5, last_value=1.0,
                      last_date="2024-06-30")
    assert got[0]["date"] == "2025-10-31"


def test_the_reach_sentence_in_both_languages_when_a_date_is_beyond_the_projection():
    from forecast.report.reachwords import reach_sentence

    entry = {"unit": "persons", "target_date": "2026-12-31",
             "last_observed": {"date": "2025-10-31", "value": 42.7e6},
             "reachable": {"levels": [{"probability": 0.9, "value": 41.2e6},
                                      {"probability": 0.5, "value": 47.7e6},
                                      {"probability": 0.1, "value": 53.9e6}],
                           "dates": [{"probability": 0.5, "date": "2029-12-31",
                                      "within_projection": True},
                                     {"probability": 0.8, "date": None,
                                      "within_projection": False}],
                           "projection_end_year": 2032}}
    en = reach_sentence(entry, "en")
    assert en.endswith("The target is reached with 50\u00a0% probability by end-2029 and "
                       "with 80\u00a0% probability only after 2032, the end of the "
                       "projection.")
    assert reach_sentence(entry, "id").endswith(
        "dengan probabilitas 80\u00a0% baru setelah 2032, akhir proyeksi.")
