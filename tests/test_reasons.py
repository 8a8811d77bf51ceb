"""Reason codes and their words, written by hand in both languages (the English ones are
the sentences results.json carried before the codes)."""

from __future__ import annotations

import pytest

from forecast.reasons import is_past, quality_text, reason, reason_text

CASES = [
    (reason("past_due", last_date="2024-12-31"),
     "due on or before the last observation (2024-12-31)",
     "jatuh tempo pada atau sebelum pengamatan terakhir (2024-12-31)"),
    (reason("no_observations", metric="active_total", region="bali", as_of="2023-12-31"),
     "no observations of active_total for bali as of 2023-12-31",
     "tidak ada pengamatan active_total untuk bali per 2023-12-31"),
    (reason("too_few_points", n=1, metric="active_total", region="aceh", needed=3),
     "only 1 year-end observation of active_total for aceh and no national series to "
     "borrow from; at least 3 are needed",
     "hanya 1 pengamatan akhir tahun active_total untuk aceh dan tidak ada deret nasional "
     "untuk dipinjam; minimal 3 diperlukan"),
    (reason("no_fund_target"),
     "no fund_investment target after the last fund observation",
     "tidak ada target fund_investment setelah pengamatan dana terakhir"),
    (reason("no_active_target"),
     "no active_total target after the last observation",
     "tidak ada target active_total setelah pengamatan terakhir"),
    (reason("no_segments", region="national"),
     "no segment observations for national",
     "tidak ada pengamatan segmen untuk national"),
    (reason("different_dates", active_date="2026-12-31", fund_date="2027-12-31"),
     "the active_total target (2026-12-31) and the fund target (2027-12-31) are due on "
     "different dates",
     "target active_total (2026-12-31) dan target dana (2027-12-31) jatuh tempo pada "
     "tanggal berbeda"),
    (reason("rise_carried_by", metric="coverage_pct", region="ntb",
            assumption="national_participants", historical_growth=-0.041),
     "coverage_pct of ntb has been falling (-4.1%/yr) yet its median rises: coverage is "
     "moved with the national participants' projected growth over employment, not with the "
     "region's own readings",
     "coverage_pct untuk ntb terus menurun (-4,1 %/tahun) namun mediannya naik: cakupan "
     "digerakkan oleh proyeksi pertumbuhan peserta nasional terhadap jumlah pekerja, bukan "
     "oleh pengamatan wilayah itu sendiri"),
]


@pytest.mark.parametrize("why, en, id_", CASES)
def test_each_code_reads_in_both_languages(why, en, id_):
    assert reason_text(why, "en") == en
    assert reason_text(why, "id") == id_


def test_past_is_read_from_the_code_not_the_words():
    assert is_past(reason("past_due", last_date="2020-12-31"))
    assert not is_past("due on or before the last observation (2020-12-31)")


def test_coverage_quality_names_its_anchor_and_its_participants():
    dq = {"label": "pooled", "annual_points": 1, "span_years": 0, "first": "2023-12-31",
          "last": "2023-12-31", "gaps": [], "sub_annual_points": 2,
          "pooled": {"pairs": 3, "weight_own": 0.42, "own_trend": True},
          "coverage": {"anchor_date": "2024-06-30", "anchor_value": 41.5,
                       "denominator": "eligible workers", "moved_with": "region",
                       "employment_growth": 0.021, "earlier_readings": 1}}
    assert quality_text(dq) == (
        "coverage anchored on the 2024-06-30 reading (41.5 %, denominator: eligible workers) "
        "and moved with the region's projected participants over employment growing "
        "2.1%/yr; 1 earlier reading on the same base shown, not fitted; "
        "participants: 1 year-end point; 2023; 2 sub-annual readings shown, not fitted; "
        "growth borrowed from the national projection, its own share trend from 3 shared "
        "dates, weighted 42%")
    # The Indonesian line keeps the coverage anchor and its denominator (issue 16), says
    # what the English says (the earlier readings are on the same base) and translates a
    # known base however it is spelt ("eligible workers" or "eligible_workers").
    assert quality_text(dq, "id") == (
        "cakupan berpatokan pada pembacaan 2024-06-30 (41,5 %, penyebut: pekerja yang "
        "memenuhi syarat) dan bergerak mengikuti proyeksi peserta wilayah ini dengan lapangan "
        "kerja tumbuh 2,1 %/tahun; 1 pembacaan sebelumnya pada basis yang sama "
        "ditampilkan, tidak dipakai untuk pemodelan; peserta: "
        "1 titik akhir tahun; 2023; 2 pembacaan antartahun ditampilkan, tidak dipakai "
        "untuk pemodelan; pertumbuhan dipinjam dari proyeksi nasional, tren pangsanya "
        "sendiri dari 3 tanggal bersama, berbobot 42 %")
    no_own = {**dq, "pooled": {"pairs": 1, "weight_own": 0.0, "own_trend": False}}
    assert quality_text(no_own, "id").endswith(
        "pertumbuhan dipinjam dari proyeksi nasional, tanpa tren pangsa sendiri (satu "
        "tanggal bersama)")
    assert quality_text(no_own).endswith(
        "growth borrowed from the national projection, no share trend of its own (one "
        "shared date)")
    assert "penyebut: penduduk bekerja" in quality_text(
        {**dq, "coverage": {**dq["coverage"], "denominator": "working_population"}}, "id")


@pytest.mark.parametrize("p, shown", [(0.0, "<0.1%"), (0.0004, "<0.1%"), (0.0006, "<0.1%"),
                                      (0.001, "0.1%"), (0.334, "33.4%"), (0.999, "99.9%"),
                                      (0.9994, ">99.9%"), (1.0, ">99.9%")])
def test_a_probability_never_reads_as_a_false_0_or_100_percent(p, shown):
    from forecast.textnum import fmt_prob

    assert fmt_prob(p) == shown
