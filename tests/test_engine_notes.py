"""The engine's notes (a segment's projection, a model left out for want of a ceiling) are
reason objects in results.json, with words in English and Indonesian from
forecast.reasons.reason_text: the notebook tables, the PDF's segment note and the run text
read them; a results.json written before the codes (English sentences) still displays."""

from __future__ import annotations

import pytest

from forecast import tables
from forecast.reasons import reason_text
from forecast.report.build import segment_note
from forecast.tablewords import keyed

TOO_FEW = {"code": "segment_too_few", "n": 1, "years": [2023], "needed": 4}
FAILED = {"code": "segment_models_failed", "n": 5, "years": [2019, 2020, 2021, 2022, 2023],
          "message": "ets: did not converge"}
SHARE = {"code": "segment_share", "total": "active_total", "share": 0.641,
         "date": "2025-04-30", "pairs": 6, "why": TOO_FEW,
         "trend": {"b_post": 0.008, "b_own": 0.018, "weight_own": 0.44}}
SHARE_ONE = {"code": "segment_share", "total": "active_total", "share": 0.016,
             "date": "2025-04-30", "pairs": 1, "trend": None, "why": FAILED}
OWN = {"code": "segment_own_trend", "n": 7, "years": list(range(2017, 2024)),
       "weights": {"linear": 0.5, "ets": 0.5}, "equal_weights": True}
NO_CEILING = {"code": "no_ceiling", "metric": "fund_investment"}

#: The English sentences results.json carried before the codes (the shipped examples').
ENGLISH = {
    "share": "only 1 year-end point (2023), 4 needed for the models; projected as its share of "
             "active_total: 64.1% at 2025-04-30, 6 shared dates, share trend +0.008/yr after "
             "shrinkage (own +0.018, weight 44%)",
    "share_one": "the trend models failed on its 5 year-end points (2019, 2020, 2021, 2022, "
                 "2023): ets: did not converge; projected as its share of active_total: 1.6% "
                 "at 2025-04-30, 1 shared date, no share trend (one shared date)",
    "own": "own trend on 7 year-end points (2017, 2018, 2019, 2020, 2021, 2022, 2023); models "
           "linear 0.50, ets 0.50 (too few points to backtest: equal weights)",
    "no_ceiling": "no ceiling series for fund_investment",
}


def test_the_english_words_are_the_sentences_results_carried_before():
    assert reason_text(SHARE) == ENGLISH["share"]
    assert reason_text(SHARE_ONE) == ENGLISH["share_one"]
    assert reason_text(OWN) == ENGLISH["own"]
    assert reason_text({**OWN, "equal_weights": False, "years": [2020, 2021, 2022, 2023],
                        "n": 4, "weights": {"linear": 0.25, "theta": 0.75}}) == (
        "own trend on 4 year-end points (2020, 2021, 2022, 2023); models linear 0.25, "
        "theta 0.75")
    assert reason_text(NO_CEILING) == ENGLISH["no_ceiling"]
    assert reason_text({**TOO_FEW, "n": 0, "years": []}) == (
        "only 0 year-end points (none), 4 needed for the models")


def _results(rows, not_used) -> dict:
    labels = {"active_total": ("Active participants", "Peserta aktif"),
              "active_pu": ("Wage earners", "Penerima upah"),
              "fund_investment": ("Investment funds", "Dana investasi")}
    return {"region": "national",
            "scheme": {"metrics": {m: {"labels": {"en": en, "id": id_}}
                                   for m, (en, id_) in labels.items()}},
            "segments": {"year": 2029, "target_value": 100.0, "target_date": "2029-12-31",
                         "sum_of_medians": 90.0, "gap": 10.0,
                         "informal_required_value": None, "informal_required_cagr": None,
                         "informal_historical_cagr": None,
                         "rows": [{"metric": "active_pu", "last_value": 1.0,
                                   "last_date": "2025-04-30", "median": 2.0, "p10": 1.0,
                                   "p90": 3.0, "share_of_target": 0.02, "fallback": fb,
                                   "reason": r} for fb, r in rows]},
            "targets": [{"metric": "fund_investment", "target_date": "2029-12-31",
                         "weighting": "median",
                         "models": [{"name": "linear", "weight": 1.0, "probability": 0.2,
                                     "median": 10.0, "backtest_mape": 0.05}],
                         "models_not_used": [{"name": "logistic", "reason": not_used}]}]}


def test_the_notebook_tables_give_each_code_in_indonesian():
    results = _results([(True, SHARE), (True, SHARE_ONE), (False, OWN)], NO_CEILING)
    notes = keyed(tables.segments_table(results, "id"))["reason"].tolist()[:3]
    assert notes == [
        "hanya 1 titik akhir tahun (2023), 4 dibutuhkan untuk model; diproyeksikan sebagai "
        "bagiannya dari peserta aktif: 64,1 % pada 30 April 2025, 6 tanggal bersama, tren "
        "bagian +0,008/thn setelah penyusutan (sendiri +0,018, bobot 44 %)",
        "model tren gagal pada 5 titik akhir tahunnya (2019, 2020, 2021, 2022, 2023): ets: did "
        "not converge; diproyeksikan sebagai bagiannya dari peserta aktif: 1,6 % pada 30 April "
        "2025, 1 tanggal bersama, tanpa tren bagian (satu tanggal bersama)",
        "tren sendiri pada 7 titik akhir tahun (2017, 2018, 2019, 2020, 2021, 2022, 2023); "
        "model linear 0,50, ets 0,50 (titik terlalu sedikit untuk uji balik: bobot sama)"]
    models = keyed(tables.models_table(results, "id"))["reason"].tolist()
    assert models[-1] == "tidak ada deret plafon untuk dana investasi"
    # English: the sentences as before, the ids by their labels as the tables always did.
    english = keyed(tables.segments_table(results, "en"))["reason"].tolist()[:3]
    assert english[0] == ENGLISH["share"].replace("active_total", "active participants")
    assert english[2] == ENGLISH["own"]
    assert keyed(tables.models_table(results, "en"))["reason"].tolist()[-1] == \
        "no ceiling series for investment funds"


# The share is written with a no-break space before "%", as the PDF writes every percent.
@pytest.mark.parametrize("lang, share, own", [
    ("id", "diproyeksikan sebagai bagiannya dari seluruh peserta aktif (64,1\u00a0% pada 30 April "
           "2025)", "diproyeksikan dengan model"),
    ("en", "projected as its share of all active participants (64.1\u00a0% on 30 April 2025)",
     "projected with the models")])
def test_the_pdf_segment_note_reads_the_reason_object(lang, share, own):
    assert segment_note({"fallback": True, "reason": SHARE}, lang) == share
    assert segment_note({"fallback": False, "reason": OWN}, lang) == own
    # A results.json written before the codes: the share read from its sentence.
    assert segment_note({"fallback": True, "reason": ENGLISH["share"]}, lang) == share


def test_an_older_results_json_still_displays_its_sentences():
    results = _results([(True, ENGLISH["share"]), (False, ENGLISH["own"])],
                       ENGLISH["no_ceiling"])
    for lang in ("en", "id"):
        notes = keyed(tables.segments_table(results, lang))["reason"].tolist()[:2]
        assert notes == [ENGLISH["share"].replace("active_total", "active participants"
                                                  if lang == "en" else "peserta aktif"),
                         ENGLISH["own"]]
    assert keyed(tables.models_table(results, "en"))["reason"].tolist()[-1] == \
        "no ceiling series for investment funds"
