"""The words of the reports in English and Bahasa Indonesia: data only.

Every piece of prose the PDFs show comes from these tables or from data; the templates hold
layout only. The probability bands below are the ones the method page of the summary
states, so the words and their definition cannot drift apart. :mod:`.i18n` builds the
sentences from them.
"""

from __future__ import annotations

from contextvars import ContextVar

from ..fiscal import use_year_end
from ..scheme import default_scheme
from .caveats import METHOD_NOT

#: Probability bands: (upper bound, exclusive; key). The last band has no upper bound.
BANDS: tuple[tuple[float, str], ...] = (
    (0.05, "very_unlikely"), (0.33, "unlikely"), (0.67, "even"), (0.95, "likely"),
    (float("inf"), "very_likely"))

#: Traffic light of each band: red below one in three, amber around even odds, green above.
LIGHT = {"very_unlikely": "red", "unlikely": "red", "even": "amber", "likely": "green",
         "very_likely": "green", "none": "grey"}

BAND_WORDS = {
    "en": {"very_unlikely": "very unlikely", "unlikely": "unlikely",
           "even": "about as likely as not", "likely": "likely", "very_likely": "very likely"},
    "id": {"very_unlikely": "sangat kecil kemungkinannya tercapai",
           "unlikely": "kecil kemungkinannya tercapai", "even": "peluangnya sekitar separuh",
           "likely": "besar kemungkinannya tercapai",
           "very_likely": "sangat besar kemungkinannya tercapai"},
}

#: Short band words for table cells.
BAND_SHORT = {
    "en": {"very_unlikely": "very unlikely", "unlikely": "unlikely", "even": "uncertain",
           "likely": "likely", "very_likely": "very likely", "none": "not assessed"},
    "id": {"very_unlikely": "sangat kecil", "unlikely": "kecil", "even": "belum pasti",
           "likely": "besar", "very_likely": "sangat besar", "none": "tidak dinilai"},
}

#: How a target of each metric is named in a sentence; ``{v}`` is the formatted value.
TARGET_PHRASE = {
    "en": {"active_total": "{v} active participants",
           "active_pu": "{v} active formal wage-earner participants",
           "active_bpu": "{v} active informal participants",
           "active_jakon": "{v} active construction-worker participants",
           "active_pmi": "{v} active migrant-worker participants",
           "registered_total": "{v} registered participants",
           "fund_investment": "{v} of investment funds",
           "contributions": "{v} of contributions in the year",
           "benefits_paid": "{v} of benefits paid in the year",
           "investment_income": "{v} of investment income in the year",
           "working_population": "a working population of {v}",
           "eligible_workers": "{v} eligible workers",
           "coverage_pct": "coverage of {v}"},
    "id": {"active_total": "{v} peserta aktif",
           "active_pu": "{v} peserta aktif penerima upah",
           "active_bpu": "{v} peserta aktif bukan penerima upah",
           "active_jakon": "{v} peserta aktif jasa konstruksi",
           "active_pmi": "{v} peserta aktif pekerja migran",
           "registered_total": "{v} peserta terdaftar",
           "fund_investment": "dana investasi {v}",
           "contributions": "iuran {v} dalam setahun",
           "benefits_paid": "pembayaran manfaat {v} dalam setahun",
           "investment_income": "hasil investasi {v} dalam setahun",
           "working_population": "penduduk bekerja {v}",
           "eligible_workers": "{v} pekerja yang memenuhi syarat",
           "coverage_pct": "cakupan {v}"},
}

#: Metric names for table cells and chart labels.
METRIC = {
    "en": {"active_total": "Active participants", "active_pu": "Active formal (PU)",
           "active_bpu": "Active informal (BPU)", "active_jakon": "Active construction",
           "active_pmi": "Active migrant workers", "registered_total": "Registered",
           "fund_investment": "Investment funds", "contributions": "Contributions",
           "benefits_paid": "Benefits paid", "investment_income": "Investment income",
           "working_population": "Working population", "eligible_workers": "Eligible workers",
           "coverage_pct": "Coverage", "active_total_office": "Active participants (office count)",
           "active_total_local": "Participants (local government count)",
           "participants_unlabelled": "Participants (not stated active)"},
    "id": {"active_total": "Peserta aktif", "active_pu": "Peserta aktif PU",
           "active_bpu": "Peserta aktif BPU", "active_jakon": "Peserta aktif Jakon",
           "active_pmi": "Peserta aktif PMI", "registered_total": "Peserta terdaftar",
           "fund_investment": "Dana investasi", "contributions": "Iuran",
           "benefits_paid": "Pembayaran manfaat", "investment_income": "Hasil investasi",
           "working_population": "Penduduk bekerja", "eligible_workers": "Pekerja layak",
           "coverage_pct": "Cakupan", "active_total_office": "Peserta aktif (hitungan kantor)",
           "active_total_local": "Peserta (hitungan pemerintah daerah)",
           "participants_unlabelled": "Peserta (status aktif tidak dinyatakan)"},
}

CLASSIFICATION = {
    "en": {"on_track": "on track", "acceleration_needed": "acceleration needed",
           "regression": "regression", "limited_progress": "limited progress",
           "deterioration": "deterioration", "target_met": "above the target now",
           "undetermined": "undetermined", "not_meaningful": "not meaningful"},
    "id": {"on_track": "sesuai jalur", "acceleration_needed": "perlu percepatan",
           "regression": "kemunduran", "limited_progress": "kemajuan terbatas",
           "deterioration": "memburuk", "target_met": "di atas target saat ini",
           "undetermined": "belum dapat ditentukan", "not_meaningful": "tidak bermakna"},
}

QUALITY = {
    "en": {"good": "good", "fair": "fair", "poor": "poor", "pooled": "pooled"},
    "id": {"good": "baik", "fair": "cukup", "poor": "kurang", "pooled": "gabungan (pooled)"},
}

#: Every other piece of text, by key.
TEXT: dict[str, dict[str, str]] = {
    "en": {
        "region_title": "Will {region} meet its coverage targets?",
        "summary_title": "Coverage targets: management summary",
        "as_of": "Data as of {date}",
        "as_of_latest": "All data available",
        "published_later": "{n} reading{s} dated by then, published later, left out",
        "provenance": "forecast {version}; data {hash}; seed {seed}; {paths} simulated path{s}",
        "run": "Run {run_id}",
        "verdict": "Verdict", "no_targets": "No target of this region can be assessed.",
        "no_targets_why": "Why",
        "no_targets_data": "This region has no targets in the data; there is nothing to assess.",
        "no_targets_ahead": "No target of this region is still ahead; the past-due ones:",
        "no_targets_later": "No target of this region had been stated by {as_of}; {n} were "
                            "stated later (a run with the values whenever published counts "
                            "them).",
        "targets_table": "Targets", "col_target": "Target",
        "col_last": "Last observed", "col_median": "Median",
        "col_band": "10-90 % band", "col_prob": "Probability",
        "col_growth": "Growth required / achieved (per year)",
        "col_class": "Classification (UNSD)", "col_region": "Region",
        "col_status": "Status", "col_quality": "Data",
        "col_reason": "Why not assessed", "by": "by",
        "per_year": "per year", "fan_title": "Projection against the target",
        "fan_note": ("Year-ends (dots), other readings (crosses: during the year, or a "
                     "coverage's own readings beside the year-ends its count implies), the "
                     "median projection (dashed) and its 10-90 % band; the star is the target."),
        "details": "Details",
        "quality": "Data quality",
        "target_notes": "Notes on the targets",
        "not_assessed": "Targets not assessed",
        "past_targets": "{n} earlier target{s} due on or before the last observation: {list}.",
        "sources": "Sources",
        "source_missing": "(not listed in sources.csv)",
        "bands_note": ("Probability words: below 5 % very unlikely, below 33 % unlikely, below "
                       "67 % about as likely as not, below 95 % likely, otherwise very likely. "
                       "The probability is the share of simulated futures that reach the "
                       "target at the pace seen so far; it does not know about new policies."),
        "national_verdicts": "Verdicts",
        "regions_table": "Every region",
        "regions_intro": ("One row per assessed target, most likely first; regions with no "
                          "assessed target follow, with the reason."),
        "regions_not_assessed": "Regions without an assessed target",
        "failed": "run failed: {error}",
        "all_past": "every target is due on or before the last observation",
        "no_region_targets": "no targets in the data",
        "top_not_run": "The top region ({top}) is not in this run: a batch assesses its "
                       "targets only when it is among the regions it runs.",
        "growth_title": "Growth required against growth achieved",
        "growth_intro": ("For every assessed target: the compound growth per year needed from "
                         "the last observation (red) against the growth achieved over the "
                         "whole history (blue). Red to the right of blue means the pace must "
                         "rise."),
        "growth_none": "No region has an assessed target, so there is no growth to compare.",
        "chart_required": "required from the last observation",
        "chart_achieved": "achieved over the history",
        "chart_axis": "% per year (compound)",
        "method": "Method",
        "method_models": "Models",
        "method_models_text": (
            "The headline probability comes from one calibrated projection. Its centre is the "
            "median of a few simple forecasts of the year-end history (Theta, damped trend, random "
            "walk with drift), on the log scale, or on the logit of the share of its bound for "
            "counts with a ceiling (the projected {ceiling}) and coverage (100 %), so no simulated "
            "future crosses the bound. Its spread, and a small correction of its centre, come from "
            "the errors at each horizon on 1,344 yearly series of three forecasting competitions "
            "(M3, M1, Tourism), forecast from their whole history and scored on the held-out years,"
            " scaled to how much and how evenly the series changed from year to year. Month "
            "readings are not fitted as year-ends: the latest one starts the projection through a "
            "nowcast of its year-end. Regions with fewer than three year-end points borrow "
            "{top_growth} (pooled) as a shrunk share of it."),
        "method_weights": "Each model on its own",
        "method_weights_text": (
            "Seven growth models are also fitted on their own (linear and exponential trends, "
            "logistic and Gompertz curves, damped-trend smoothing, random walk with drift, "
            "ARIMA) and each gives its own probability, to show where they disagree. They do "
            "not vote: the headline is the calibrated projection's. Each is refitted without "
            "the last one, two and three observed years and scored on the years it did not "
            "see."),
        "method_weights_table": ("Backtest error (MAPE) of each model for "
                                 "{top_targets}"),
        "col_scored_on": "{target}, scored on {count}",  # coverage moved with a count
        "col_model": "Model",
        "method_probability": "What the probability means",
        "method_probability_text": (
            "The probability is the share of simulated futures in which the value on the "
            "target date reaches the target. It answers: if the pace seen so far continues, "
            "with the uncertainty that history shows, how often is the target met?"),
        "method_not": "What it does not mean",
        "method_not_text": METHOD_NOT["en"],
        "method_bands": "Words and traffic lights",
        "col_band_range": "Probability",
        "col_words": "Words in the verdicts",
        "col_light": "Status in the tables",
        "method_classification": "Classification",
        "method_classification_text": (
            "UNSD progress rule: q, the ratio of growth achieved to growth required since the "
            "base year; q of 0.95 or more is on track, 0.10-0.95 acceleration needed, less "
            "regression. Statistics Canada rule: R of 95 % or more on track, 60-95 % "
            "acceleration needed, 0-60 % limited progress, below 0 deterioration."),
        "light_red": "red", "light_amber": "amber", "light_green": "green",
        "light_grey": "grey",
        "funds_model": "Structural fund projection",
        "funds_inputs": "Inputs",
        "col_input": "Input", "col_value": "Value", "col_how": "How it is set",
        "backtest": "Backtest",
        "backtest_text": "mean absolute error of {n} forecast{s} 1-3 years ahead from the "
                         "origins {origins}: {scores}.",
        "trend_mixture": "trend mixture",
        "joint": "Both targets together",
        "joint_text": ("Probability that both are met, {targets}: {p}. The funds here come from "
                       "the structural model above, whose contributions follow each simulated "
                       "future's participants, so the two are simulated together."),
        "segments": "Segments in {year}",
        "start_estimated": ", estimated from the reading of {date}",
        "seg_scaled": "The segments' medians are scaled to the total's median: each projected "
                      "as its share of the total with its own trend, they summed to {p} of it.",
        "col_segment": "Segment", "col_share": "Share of target", "col_fallback": "Note",
        "scenario": "Scenario: {name}",
        "scenario_none": "No scenario: the pace seen so far.",
        "yes": "yes", "no": "no",
        "page": "page",
        "observations": "What the data holds for this region",
        "col_metric": "Metric", "col_date": "Date", "col_note": "Note",
        "projection_title": "{metric} at the pace seen so far",
        "projection_note": ("Projected from the last reading ({last}, {date}), with no target "
                            "to compare against. Data: {quality}."),
        "projection_none": "{metric}: not projected ({reason}).",
        "col_year_end": "End of year",
    },
    "id": {
        "region_title": "Apakah {region} akan mencapai target cakupannya?",
        "summary_title": "Target cakupan: ringkasan untuk manajemen",
        "as_of": "Data per {date}",
        "as_of_latest": "Seluruh data yang tersedia",
        "published_later": "{n} pembacaan bertanggal sampai saat itu, terbit kemudian, "
                           "tidak dipakai",
        "provenance": "forecast {version}; data {hash}; seed {seed}; {paths} jalur simulasi",
        "run": "Run {run_id}",
        "verdict": "Kesimpulan",
        "no_targets": "Tidak ada target wilayah ini yang dapat dinilai.",
        "no_targets_why": "Alasannya",
        "no_targets_data": "Wilayah ini tidak memiliki target dalam data; tidak ada yang dinilai.",
        "no_targets_ahead": "Tidak ada target wilayah ini yang masih di depan; target yang "
                            "sudah lewat:",
        "no_targets_later": "Belum ada target wilayah ini yang dinyatakan hingga {as_of}; {n} "
                            "target dinyatakan kemudian (perhitungan dengan nilai kapan pun "
                            "diterbitkan menyertakannya).",
        "targets_table": "Target",
        "col_target": "Target",
        "col_last": "Nilai terakhir",
        "col_median": "Median",
        "col_band": "Rentang 10-90 %",
        "col_prob": "Probabilitas",
        "col_growth": "Pertumbuhan dibutuhkan / tercapai (per tahun)",
        "col_class": "Klasifikasi (UNSD)",
        "col_region": "Wilayah",
        "col_status": "Status",
        "col_quality": "Data",
        "col_reason": "Alasan tidak dinilai",
        "by": "pada",
        "per_year": "per tahun",
        "fan_title": "Proyeksi terhadap target",
        "fan_note": ("Nilai akhir tahun (titik), pembacaan lain (silang: dalam tahun "
                     "berjalan, atau pembacaan cakupan itu sendiri di samping nilai akhir tahun "
                     "yang tersirat dari jumlahnya), proyeksi median (putus-putus) dan rentang "
                     "10-90 %; bintang adalah target."),
        "details": "Rincian",
        "quality": "Kualitas data",
        "target_notes": "Catatan target",
        "not_assessed": "Target yang tidak dinilai",
        "past_targets": ("{n} target sebelumnya jatuh tempo pada atau sebelum pengamatan "
                         "terakhir: {list}."),
        "sources": "Sumber",
        "source_missing": "(tidak tercantum di sources.csv)",
        "bands_note": ("Kata probabilitas: di bawah 5 % sangat kecil kemungkinannya, di bawah "
                       "33 % kecil kemungkinannya, di bawah 67 % peluangnya sekitar separuh, "
                       "di bawah 95 % besar kemungkinannya, selebihnya sangat besar "
                       "kemungkinannya. Probabilitas adalah bagian masa depan simulasi yang "
                       "mencapai target dengan laju sejauh ini; kebijakan baru tidak "
                       "diperhitungkan."),
        "national_verdicts": "Kesimpulan",
        "regions_table": "Semua wilayah",
        "regions_intro": ("Satu baris per target yang dinilai, dari yang paling mungkin; "
                          "wilayah tanpa target yang dinilai menyusul, dengan alasannya."),
        "regions_not_assessed": "Wilayah tanpa target yang dinilai",
        "failed": "run gagal: {error}",
        "all_past": "semua target jatuh tempo pada atau sebelum pengamatan terakhir",
        "no_region_targets": "tidak ada target dalam data",
        "top_not_run": "Wilayah teratas ({top}) tidak termasuk dalam run ini: targetnya hanya "
                       "dinilai bila wilayah itu termasuk wilayah yang dijalankan.",
        "growth_title": "Pertumbuhan yang dibutuhkan dibandingkan yang tercapai",
        "growth_intro": ("Untuk setiap target yang dinilai: pertumbuhan majemuk per tahun yang "
                         "dibutuhkan dari pengamatan terakhir (merah) dibandingkan pertumbuhan "
                         "yang tercapai sepanjang riwayat (biru). Merah di kanan biru berarti "
                         "lajunya harus naik."),
        "growth_none": ("Tidak ada wilayah dengan target yang dinilai, jadi tidak ada "
                        "pertumbuhan untuk dibandingkan."),
        "chart_required": "dibutuhkan dari pengamatan terakhir",
        "chart_achieved": "tercapai sepanjang riwayat",
        "chart_axis": "% per tahun (majemuk)",
        "method": "Metode",
        "method_models": "Model",
        "method_models_text": (
            "Probabilitas utama berasal dari satu proyeksi terkalibrasi. Pusatnya adalah median "
            "dari beberapa prakiraan sederhana atas riwayat akhir tahun (Theta, tren teredam, "
            "langkah acak dengan drift), pada skala log, atau pada logit dari bagian batasnya "
            "untuk jumlah yang berbatas (proyeksi {ceiling}) dan cakupan (100 %), sehingga tidak "
            "ada masa depan simulasi yang melewati batas. Sebarannya, dan koreksi kecil atas pusatnya, "
            "berasal dari galat tiap horizon di 1.344 deret tahunan tiga kompetisi prakiraan (M3, "
            "M1, Tourism), diprakirakan dari seluruh riwayatnya dan dinilai pada tahun uji, "
            "diskalakan menurut besar dan ketidakteraturan perubahan tahunan deret itu sendiri. "
            "Pembacaan bulanan tidak dipakai sebagai akhir tahun: pembacaan terakhir memulai "
            "proyeksi melalui perkiraan akhir tahunnya. Wilayah dengan kurang dari tiga titik "
            "akhir tahun meminjam {top_growth} (gabungan) sebagai bagian yang disusutkan."),
        "method_weights": "Setiap model sendiri-sendiri",
        "method_weights_text": (
            "Tujuh model pertumbuhan juga dipasang sendiri-sendiri (tren linear dan "
            "eksponensial, kurva logistik dan Gompertz, pemulusan dengan tren teredam, "
            "langkah acak dengan drift, ARIMA) dan masing-masing memberi probabilitasnya "
            "sendiri, untuk menunjukkan di mana mereka berbeda. Model-model ini tidak "
            "menentukan angka utama: angka utama berasal dari proyeksi terkalibrasi. Setiap "
            "model dipasang ulang tanpa satu, dua dan tiga tahun pengamatan terakhir dan "
            "dinilai pada tahun yang tidak dilihatnya."),
        "method_weights_table": ("Galat uji balik (MAPE) setiap model untuk "
                                 "{top_targets}"),
        "col_scored_on": "{target}, dinilai pada {count}",
        "col_model": "Model",
        "method_probability": "Arti probabilitas",
        "method_probability_text": (
            "Probabilitas adalah bagian masa depan simulasi yang nilainya pada tanggal target "
            "mencapai target. Artinya: jika laju sejauh ini berlanjut, dengan ketidakpastian "
            "yang ditunjukkan riwayat, seberapa sering target tercapai?"),
        "method_not": "Yang bukan artinya",
        "method_not_text": METHOD_NOT["id"],
        "method_bands": "Kata dan lampu lalu lintas",
        "col_band_range": "Probabilitas",
        "col_words": "Kata dalam kesimpulan",
        "col_light": "Status dalam tabel",
        "method_classification": "Klasifikasi",
        "method_classification_text": (
            "Aturan kemajuan UNSD: q, rasio pertumbuhan yang tercapai terhadap yang "
            "dibutuhkan sejak tahun dasar; q 0,95 atau lebih sesuai jalur, 0,10-0,95 perlu "
            "percepatan, kurang dari itu kemunduran. Aturan Statistics Canada: R 95 % atau "
            "lebih sesuai jalur, 60-95 % perlu percepatan, 0-60 % kemajuan terbatas, di "
            "bawah 0 memburuk."),
        "light_red": "merah", "light_amber": "kuning", "light_green": "hijau",
        "light_grey": "abu-abu",
        "funds_model": "Proyeksi dana struktural",
        "funds_inputs": "Masukan",
        "col_input": "Masukan", "col_value": "Nilai", "col_how": "Cara penetapan",
        "backtest": "Uji balik",
        "backtest_text": "rata-rata galat absolut {n} proyeksi 1-3 tahun ke depan dari "
                         "titik awal {origins}: {scores}.",
        "trend_mixture": "campuran model tren",
        "joint": "Kedua target bersama-sama",
        "joint_text": ("Probabilitas keduanya tercapai, {targets}: {p}. Dana di sini berasal "
                       "dari model struktural di atas, yang iurannya mengikuti jumlah peserta "
                       "di setiap masa depan simulasi, sehingga keduanya disimulasikan "
                       "bersama."),
        "segments": "Segmen pada {year}",
        "start_estimated": ", diperkirakan dari pembacaan {date}",
        "seg_scaled": "Median segmen diskalakan ke median total: tiap segmen diproyeksikan "
                      "sebagai bagiannya dengan trennya sendiri, jumlahnya {p} dari total.",
        "col_segment": "Segmen", "col_share": "Bagian dari target", "col_fallback": "Catatan",
        "scenario": "Skenario: {name}",
        "scenario_none": "Tanpa skenario: laju sejauh ini.",
        "yes": "ya", "no": "tidak",
        "page": "halaman",
        "observations": "Data yang tersedia untuk wilayah ini",
        "col_metric": "Metrik", "col_date": "Tanggal",
        "col_note": "Catatan",
        "projection_title": "{metric} dengan laju sejauh ini",
        "projection_note": ("Diproyeksikan dari pembacaan terakhir ({last}, {date}), tanpa "
                            "target sebagai pembanding. Data: {quality}."),
        "projection_none": "{metric}: tidak diproyeksikan ({reason}).",
        "col_year_end": "Akhir tahun",
    },
}


# ---------------------------------------------------------------------------- the scheme's words
# A data folder's scheme.toml names its metrics and units (results.json "scheme"), set once
# per document (set_scheme): the lookups below return its words, else None (tables speak).

_SCHEME: ContextVar[dict | None] = ContextVar("report_scheme", default=None)


def set_scheme(scheme: dict | None) -> None:
    """Use ``scheme`` (results.json's ``scheme`` object, or None) for the lookups below."""
    _SCHEME.set(scheme if isinstance(scheme, dict) else None)
    use_year_end((scheme or {}).get("year_end") if isinstance(scheme, dict) else None)


def scheme_top_region(default: str = "national") -> str:
    """The top region id of the scheme in use."""
    return (_SCHEME.get() or {}).get("top_region") or default


def scheme_metric_label(metric: str, lang: str) -> str | None:
    """The scheme's label of ``metric`` in ``lang``, where it differs from the shipped one
    (the shipped scheme keeps the tables above), else None."""
    labels = scheme_metric(metric).get("labels") or {}
    label = labels.get(lang) or labels.get("en")
    if not label or (metric in METRIC.get(lang, {})
                     and label == _SHIPPED_LABELS.get(metric, {}).get(lang)):
        return None
    return label


def scheme_unit(unit: str) -> dict | None:
    """``{"labels", "max", "count"}`` of a unit the shipped tables do not know, else None."""
    if unit in ("persons", "IDR_trillion", "percent"):
        return None
    return ((_SCHEME.get() or {}).get("units") or {}).get(unit)


def scheme_metric(metric: str) -> dict:
    """The scheme's entry of ``metric`` (unit, labels, numerator...; {} where it has none)."""
    return ((_SCHEME.get() or {}).get("metrics") or {}).get(metric) or {}


def scheme_is_coverage(metric: str) -> bool:
    return "numerator" in scheme_metric(metric)


#: The labels of the built-in scheme: a scheme that keeps them keeps the table words above.
_SHIPPED_LABELS = {k: m.labels for k, m in default_scheme().metrics.items()}


def scheme_ceiling_words(lang: str) -> str:
    """What the saturating models saturate toward, in ``lang``: the ceiling metric of the
    scheme's coverage metric (the shipped data: the working population)."""
    scheme = _SCHEME.get() or {}
    metrics = scheme.get("metrics") or {}
    ceiling = next((m.get("ceiling") for m in metrics.values() if m.get("ceiling")),
                   "working_population")
    return (scheme_metric_label(ceiling, lang) or METRIC[lang].get(ceiling, ceiling)).lower()
