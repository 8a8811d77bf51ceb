"""Words that explain the numbers to a manager, in English and Bahasa Indonesia: the rule
that picks one headline probability per target, why a classification and a probability can
disagree, the structural fund model's inputs and the model names in plain words.

:func:`forecast.report.i18n.t` looks keys up here after :mod:`.words`.
"""

from __future__ import annotations

#: Model ids of results.json in words (backtest lines and the method page's weights table).
MODEL = {
    "en": {"linear": "linear trend", "exponential": "exponential trend",
           "logistic": "logistic curve", "gompertz": "Gompertz curve",
           "ets": "exponential smoothing", "rw_drift": "random walk with drift",
           "arima": "ARIMA", "mixture": "trend models combined",
           "structural": "structural fund model", "calibrated": "calibrated combination"},
    "id": {"linear": "tren linear", "exponential": "tren eksponensial",
           "logistic": "kurva logistik", "gompertz": "kurva Gompertz",
           "ets": "pemulusan eksponensial", "rw_drift": "langkah acak dengan drift",
           "arima": "ARIMA", "mixture": "gabungan model tren",
           "structural": "model dana struktural", "calibrated": "gabungan terkalibrasi"},
}

#: Inputs of the structural fund model (``funds_model.inputs[].name``) in words.
FUND_INPUT = {
    "en": {"fund_start": "Fund at the start (Rp trillion)",
           "investment_return": "Investment return a year",
           "contribution_per_participant": "Contributions per active participant a year (Rp)",
           "benefit_share": "Benefits paid a year, as a share of the fund"},
    "id": {"fund_start": "Dana awal (Rp triliun)",
           "investment_return": "Imbal hasil investasi per tahun",
           "contribution_per_participant": "Iuran per peserta aktif per tahun (Rp)",
           "benefit_share": "Manfaat dibayar per tahun, sebagai bagian dari dana"},
}

TEXT = {
    "en": {
        "headline_mark": "Headline target",
        "sc_enrol": "{what} a month, from the last reading of the total{also}",
        "sc_also": " (added to the total as well)",
        "sc_return": "an investment return of {r} a year in the fund model, instead of the "
                     "estimated mean (its spread kept)",
        "sc_shock": ("in {year}, the growth of {name} moves {scale} of the way toward its "
                     "change in {like}"),
        "sc_applies": ("Applies to the fund model, the joint probability and the segments; "
                       "the targets are the trend projections without it."),
        "sc_past_bound": ("In {year} its median of {name} ({m}) is above their ceiling "
                          "({b}): a scenario's extra enrolments are not bounded."),
        "other_targets": "Other targets",
        "class_note": (
            "The classification (UNSD) compares the growth achieved since the base year with "
            "the growth still needed, as if that pace carried on. The probability comes from "
            "the projection, which also weighs the most recent years and their spread, lets "
            "a rising trend slow (damping scored better on the yearly series of forecasting "
            "competitions) and keeps each quantity within its bound (a share below 100 %, a "
            "count below its ceiling). A target can therefore be \u201con track\u201d "
            "by its past pace while its probability is low."),
        "class_conflict": "Classification and probability differ for: {targets}.",
        "crosscheck_title": "Cross-check: structural fund model",
        "crosscheck_line": (
            "The structural model (next year's fund = this year's fund + investment income + "
            "contributions \u2212 benefits) gives {p} for {target} (median {median}, 10-90 % "
            "band {lo} \u2013 {hi}). The headline probability {headline} is the projection's, "
            "as for every target; this model is a cross-check."),
        "headline_rule": (
            "One probability per target. The headline probability of every target, funds "
            "included, is the projection of the history of that series (the method above). "
            "For the investment funds, a second, structural model builds the fund from "
            "investment returns, contributions and benefits; its probability is shown as a "
            "cross-check in one sentence and never replaces the headline."),
        "headline_rule_plain": (
            "One probability per target: the projection of the history of that series (the "
            "method above)."),
        "method_headline": "One headline number per target",
        "method_fund_inputs": (
            "The structural fund model starts from the last reported fund (carried to its "
            "year-end as the headline's projection is, where read during a year) and adds "
            "each year the investment return, the contributions of the projected active "
            "participants "
            "and subtracts the benefits paid. Each of the three rates is the average of the "
            "years reported; every simulated future draws its own level around that average "
            "(closer to it when more years were reported) and a fresh deviation each year."),
        "segment_share": "projected as its share of all active participants ({share} on {date})",
        "segment_models": "projected with the models",
        "col_latest": "Latest reading", "col_projected": "Projected, {when} (median, 10-90 % band)",
        "regions_without_title": "Regions without a target ahead",
        "regions_without_intro": ("These regions have no target still ahead in the data (any "
                                  "past-due one is listed on the region's page); their latest "
                                  "reading and the projection to {when}."),
        "projection_missing": "\u2014",
        "projection_not_made": "\u2014 not projected: {why}",
        "no_count_reading": "no reading of {metric}",
        "source_notes": "Source notes",
        "scenario_heading": "Scenario",
        "source_notes_why": "",
    },
    "id": {
        "headline_mark": "Target utama",
        "sc_enrol": "{what} per bulan, sejak pembacaan terakhir total{also}",
        "sc_also": " (juga ditambahkan ke total)",
        "sc_return": ("imbal hasil investasi {r} per tahun dalam model dana, menggantikan "
                      "rata-rata yang diperkirakan (sebarannya tetap)"),
        "sc_shock": ("pada {year}, pertumbuhan {name} bergerak {scale} menuju perubahannya "
                     "pada {like}"),
        "sc_applies": ("Berlaku untuk model dana, probabilitas gabungan dan segmen; target "
                       "adalah proyeksi tren tanpa skenario ini."),
        "sc_past_bound": ("Pada {year} median {name} ({m}) di atas plafonnya ({b}): "
                          "tambahan kepesertaan dalam skenario tidak dibatasi."),
        "other_targets": "Target lainnya",
        "class_note": (
            "Klasifikasi (UNSD) membandingkan pertumbuhan yang tercapai sejak tahun dasar "
            "dengan pertumbuhan yang masih dibutuhkan, seolah-olah laju itu berlanjut. "
            "Probabilitas berasal dari proyeksi, yang juga menimbang tahun-tahun terakhir dan "
            "sebarannya, membiarkan tren yang naik melambat (peredaman memberi skor lebih baik "
            "pada deret tahunan kompetisi peramalan) dan menjaga setiap besaran dalam batasnya "
            "(pangsa di bawah 100 %, jumlah di bawah plafonnya). Karena itu sebuah "
            "target bisa \u201csesuai jalur\u201d menurut laju masa lalunya sementara "
            "probabilitasnya rendah."),
        "class_conflict": "Klasifikasi dan probabilitas berbeda untuk: {targets}.",
        "crosscheck_title": "Pemeriksaan silang: model dana struktural",
        "crosscheck_line": (
            "Model struktural (dana tahun depan = dana tahun ini + hasil investasi + iuran "
            "\u2212 manfaat) memberi {p} untuk {target} (median {median}, rentang 10-90 % "
            "{lo} \u2013 {hi}). Probabilitas utama {headline} berasal dari proyeksi, sama "
            "seperti semua target; model ini hanya pemeriksaan silang."),
        "headline_rule": (
            "Satu probabilitas per target. Probabilitas utama setiap target, termasuk dana, "
            "adalah proyeksi dari riwayat deret tersebut (metode di atas). Untuk dana "
            "investasi, model kedua yang struktural menyusun dana dari imbal hasil investasi, "
            "iuran dan manfaat; probabilitasnya ditampilkan sebagai pemeriksaan silang dalam "
            "satu kalimat dan tidak pernah menggantikan angka utama."),
        "headline_rule_plain": (
            "Satu probabilitas per target: proyeksi dari riwayat deret tersebut (metode di "
            "atas)."),
        "method_headline": "Satu angka utama per target",
        "method_fund_inputs": (
            "Model dana struktural dimulai dari dana terakhir yang dilaporkan (diperkirakan "
            "hingga akhir tahunnya seperti proyeksi utama, bila dibaca di tengah tahun), lalu "
            "setiap "
            "tahun menambahkan imbal hasil investasi dan iuran dari peserta aktif yang "
            "diproyeksikan, dan mengurangi manfaat yang dibayar. Setiap tingkat adalah "
            "rata-rata tahun-tahun yang dilaporkan; setiap masa depan simulasi menarik "
            "tingkatnya sendiri di sekitar rata-rata itu (lebih dekat bila tahunnya lebih "
            "banyak) dan simpangan baru setiap tahun."),
        "segment_share": "diproyeksikan sebagai bagiannya dari seluruh peserta aktif "
                         "({share} pada {date})",
        "segment_models": "diproyeksikan dengan model",
        "col_latest": "Nilai terakhir", "col_projected": "Proyeksi {when} (median, rentang 10-90 %)",
        "regions_without_title": "Wilayah tanpa target ke depan",
        "regions_without_intro": ("Wilayah ini tidak memiliki target yang belum jatuh tempo "
                                  "dalam data (target yang sudah lewat, bila ada, tercantum "
                                  "di halaman wilayahnya); nilai terakhirnya dan proyeksi "
                                  "hingga {when}."),
        "projection_missing": "\u2014",
        "projection_not_made": "\u2014 tidak diproyeksikan: {why}",
        "no_count_reading": "tidak ada pengamatan {metric}",
        "source_notes": "Catatan sumber (dalam bahasa Inggris)",
        "scenario_heading": "Skenario",
        "source_notes_why": ("Catatan berikut mengutip sumber data sebagaimana dicatat dalam "
                             "bahasa Inggris; kutipan tidak diterjemahkan agar tetap sesuai "
                             "dengan sumbernya."),
    },
}


def model_name(name: str, lang: str) -> str:
    """A model id in words (the id itself if it has none)."""
    return MODEL[lang].get(name, name)


def fund_input_name(name: str, lang: str) -> str:
    """A structural fund model input in words (the id itself if it has none)."""
    return FUND_INPUT[lang].get(name, name)
