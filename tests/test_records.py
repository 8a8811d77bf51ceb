"""How fast has anyone gone (forecast.records): a speed record found by hand."""

import pandas as pd
import pytest

from forecast.records import growth_windows, speed_records, window_years
from forecast.report.speedfig import speed_rows

ROWS = [
    # region A: 100 -> 110 -> 132: 1-year 10 % and 20 %; 2-year sqrt(1.32) - 1 = 14.891 %
    ("a", "active_total", "2018-12-31", 100.0),
    ("a", "active_total", "2019-12-31", 110.0),
    ("a", "active_total", "2020-12-31", 132.0),
    # region B, a segment: 50 -> 72 over two years is 20 %/yr, faster than any total, but a
    # segment is another kind than the total; the June reading is not a year-end, so it
    # opens no window (it would be 40 % in half a year).
    ("b", "active_pu", "2018-12-31", 50.0),
    ("b", "active_pu", "2019-06-30", 70.0),
    ("b", "active_pu", "2020-12-31", 72.0),
    # another kind (money) and another counting: never compared with participants
    ("national", "fund_investment", "2018-12-31", 10.0),
    ("national", "fund_investment", "2020-12-31", 40.0),
    ("b", "active_total_office", "2018-12-31", 1.0),
    ("b", "active_total_office", "2020-12-31", 9.0),
    # coverage: A starts at 30 %, B at 60 % (a reading two months before its start)
    ("a", "coverage_pct", "2018-12-31", 30.0),
    ("b", "coverage_pct", "2018-10-31", 60.0),
    # the national series: 200 -> 220 -> 242 (10 %/yr)
    ("national", "active_total", "2018-12-31", 200.0),
    ("national", "active_total", "2019-12-31", 220.0),
    ("national", "active_total", "2020-12-31", 242.0),
]


@pytest.fixture
def obs():
    frame = pd.DataFrame(ROWS, columns=["region", "metric", "date", "value"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def test_two_year_record_by_hand(obs):
    got = speed_records(obs, "active_total", 2, coverage=35.0)
    rec = got["record"]
    assert (rec["region"], rec["metric"], rec["start_date"], rec["end_date"]) == \
        ("a", "active_total", "2018-12-31", "2020-12-31")
    assert rec["cagr"] == pytest.approx(1.32 ** 0.5 - 1)
    assert rec["start_coverage"] == 30.0
    # windows: a 2018-2020 and national 2018-2020 (the segment of b is another kind)
    assert got["n_windows"] == 2 and got["n_series"] == 2
    assert got["national_record"]["cagr"] == pytest.approx(0.10)
    # within 10 points of 35 %: only A (30 %); B started at 60 %, national unknown
    similar = got["similar_coverage"]
    assert similar["n_windows"] == 1
    assert similar["record"]["region"] == "a"
    assert similar["record"]["cagr"] == pytest.approx(1.32 ** 0.5 - 1)


def test_one_year_record_by_hand(obs):
    got = speed_records(obs, "active_total", 1)
    assert (got["record"]["region"], got["record"]["start_date"]) == ("a", "2019-12-31")
    assert got["record"]["cagr"] == pytest.approx(0.20)
    assert got["similar_coverage"] is None
    # a segment is compared with segments only: b's 2018-2020 is two years, so no 1-year
    # window, and its 2-year 20 %/yr is the segments' record
    assert speed_records(obs, "active_pu", 1)["record"] is None
    assert speed_records(obs, "active_pu", 2)["record"]["cagr"] == pytest.approx(0.20)


def test_other_kinds_are_apart(obs):
    got = growth_windows(obs, ["fund_investment"], 2)
    assert list(got["cagr"]) == [pytest.approx(1.0)]  # 10 -> 40 over 2 years
    assert speed_records(obs, "active_total", 3)["record"] is None


def test_window_years():
    assert window_years("2024-12-31", "2026-12-31") == 2
    assert window_years("2025-10-31", "2025-12-31") == 1


def test_speed_rows_of_the_summary_figure(obs):
    speed = speed_records(obs, "active_total", 2)
    entry = {"metric": "active_total", "target_value": 300.0, "target_date": "2022-12-31",
             "unit": "persons", "required_cagr": 0.1134, "speed": speed}
    (row,) = speed_rows([entry], "en")
    assert row["record_label"] == "a 2018-2020"
    assert max(row["window_cagrs"]) == pytest.approx(1.32 ** 0.5 - 1)
    assert row["required_cagr"] == 0.1134


def test_a_target_with_no_window_as_long_says_so_in_the_figure():
    entry = {"metric": "active_total", "target_value": 300.0, "target_date": "2045-12-31",
             "unit": "persons", "required_cagr": 0.05,
             "speed": {"window_cagrs": [], "record": None}}
    (en,) = speed_rows([entry], "en")
    (id_,) = speed_rows([entry], "id")
    assert en["label"].endswith("(no window this long in the data)")
    assert id_["label"].endswith("(tidak ada rentang sepanjang ini dalam data)")
    assert en["window_cagrs"] == [] and en["record_label"] is None
