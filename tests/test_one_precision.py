"""Numbers shown together in one table or row share one precision: the national PDF's
segments table printed "640 thousand" beside "771.0 thousand"."""

from __future__ import annotations

import pytest

from forecast.report import build
from forecast.report import numbers as fmt


def _plain(cells: list[str]) -> list[str]:
    return [c.replace("\u00a0", " ") for c in cells]


# The shipped national run's migrant workers: 640,000 last read (30 April 2025), a median
# of 771,044 at end-2026; the formal workers' 25.43 million beside them.
SEGMENTS = {"year": 2026, "rows": [
    {"metric": "active_pu", "last_value": 25.43e6, "median": 30_104_218.2,
     "share_of_target": 0.43, "fallback": True, "reason": ""},
    {"metric": "active_pmi", "last_value": 640_000.0, "median": 771_044.4,
     "share_of_target": 0.011, "fallback": True, "reason": ""}]}


@pytest.mark.parametrize("lang, want", [
    ("en", [["25.4 million", "30.1 million"], ["640.0 thousand", "771.0 thousand"]]),
    ("id", [["25,4 juta", "30,1 juta"], ["640,0 ribu", "771,0 ribu"]])])
def test_the_segments_table_shows_its_counts_in_one_precision(lang, want):
    rows = build.optional_sections({"segments": SEGMENTS}, lang)["segments"]["rows"]
    assert [_plain(r[1:3]) for r in rows] == want


def test_whole_numbers_stay_whole_when_none_beside_them_has_decimals():
    assert _plain(fmt.shown_together([(640_000, "persons"), (7e6, "persons")], "en")) == [
        "640 thousand", "7 million"]
    # A percent's decimal does not give the counts beside it one: precision is per unit.
    assert _plain(fmt.shown_together([(640_000, "persons"), (43.0, "percent")], "id")) == [
        "640 ribu", "43,0 %"]
    assert _plain(fmt.shown_together([(1001, "IDR_trillion"), (1050.5, "IDR_trillion")],
                                     "id")) == ["Rp1.001,0 triliun", "Rp1.050,5 triliun"]


def test_a_target_rows_whole_last_reading_takes_the_medians_decimals():
    entry = {"metric": "active_total", "unit": "persons", "target_value": 70e6,
             "target_date": "2026-12-31", "median": 44.3e6, "p10": 41.2e6, "p90": 47.5e6,
             "last_observed": {"date": "2024-12-31", "value": 42e6}, "probability": 0.01,
             "required_cagr": 0.2, "historical_cagr": 0.05, "classification": "regress"}
    row = _plain(build.target_row(entry, "en"))
    assert row[1:4] == ["42.0 million (end-2024)", "44.3 million",
                        "41.2 million – 47.5 million"]
    # The target in its label is a name, as the source states it: "70 million".
    assert row[0].startswith("Active participants: 70 million")


def test_the_projection_table_shares_one_precision():
    fan = [{"year": 2025, "p10": 0.9e6, "p50": 1e6, "p90": 1.13e6},
           {"year": 2026, "p10": 0.95e6, "p50": 1.2e6, "p90": 1.4e6}]
    rows = [_plain(r) for r in build.fan_rows(fan, "persons", "en")]
    # One scale down the column too: not "900.0 thousand – 1.1 million".
    assert rows == [["2025", "1.0 million", "0.9 million – 1.1 million"],
                    ["2026", "1.2 million", "0.9 million – 1.4 million"]]
