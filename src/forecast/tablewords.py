"""The column headings of the notebooks' tables, in words, in English and Bahasa Indonesia.

The tables of :mod:`forecast.tables` (and :mod:`forecast.reach`, :mod:`forecast.records`,
:mod:`forecast.whatif`) are built under short keys (``required_cagr``), then
:func:`worded` gives every column its heading in the notebook's language ("Growth
required (per year)") and records how its cells are shown (a probability, a percent, a
year, a date, a sentence) in ``frame.attrs``, where :func:`forecast.styles.styled` reads
it: the heading in Indonesian no longer says which format its cells take.
"""

from __future__ import annotations

import pandas as pd

from .errors import ParameterError
from .params import check_language
from .plurals import plural
from .report.explain import MODEL
from .report.words import CLASSIFICATION, QUALITY

#: key: (how the cells are shown, English heading, Indonesian heading). Kinds: ``prob``
#: (a probability with its bounds), ``pct`` (a fraction as a percent), ``num``,
#: ``year`` (a whole number: a year or a count), ``two`` (two decimals), ``factor``
#: (:data:`forecast.reconwords.FACTOR_DECIMALS`), ``date``, ``prose`` (sentences, given room) and ``text``.
HEADINGS: dict[str, tuple[str, str, str]] = {
    "metric": ("text", "Metric", "Metrik"),
    "target": ("text", "Target", "Target"),
    "target_value": ("num", "Target", "Target"),
    "target_date": ("date", "Target date", "Tanggal target"),
    "date": ("date", "Date", "Tanggal"),
    "value": ("num", "Value", "Nilai"),
    "unit": ("text", "Unit", "Satuan"),
    "source_id": ("text", "Source", "Sumber"),
    "publisher": ("text", "Publisher", "Penerbit"),
    "note": ("prose", "Note", "Catatan"),
    "url": ("text", "Address (URL)", "Alamat (URL)"),
    "readings": ("year", "Readings", "Jumlah data"),
    "year_end_readings": ("year", "Year-end readings (fitted)",
                          "Data akhir tahun (dipakai model)"),
    "first": ("date", "First reading", "Data pertama"),
    "last": ("date", "Last reading", "Data terakhir"),
    "last_value": ("num", "Last value", "Nilai terakhir"),
    "sources": ("year", "Sources", "Jumlah sumber"),
    "last_observed": ("num", "Last observed", "Nilai terakhir"),
    "last_date": ("date", "Observed on", "Tanggal nilai terakhir"),
    "probability": ("prob", "Probability", "Probabilitas"),
    "median": ("num", "Median", "Median"),
    "p10": ("num", "Low end of the 80 % band (10th percentile)",
            "Batas bawah rentang 80 % (persentil ke-10)"),
    "p90": ("num", "High end of the 80 % band (90th percentile)",
            "Batas atas rentang 80 % (persentil ke-90)"),
    "required_cagr": ("pct", "Growth required (per year)", "Pertumbuhan dibutuhkan (per tahun)"),
    "historical_cagr": ("pct", "Growth achieved (per year)",
                        "Pertumbuhan tercapai (per tahun)"),
    "historical_cagr_3y": ("pct", "Growth achieved, last 3 years (per year)",
                           "Pertumbuhan tercapai, 3 tahun terakhir (per tahun)"),
    "historical_cagr_3y_from": ("date", "Last 3 years counted from",
                                "3 tahun terakhir dihitung sejak"),
    "year_median_reaches": ("year", "Median reaches the target in",
                            "Median mencapai target pada tahun"),
    "unsd": ("text", "Classification (UNSD)", "Klasifikasi (UNSD)"),
    "statcan": ("text", "Classification (Statistics Canada)",
                "Klasifikasi (Statistics Canada)"),
    "quality": ("text", "Data quality", "Kualitas data"),
    "name": ("text", "Model", "Model"),
    "weight": ("two", "Weight", "Bobot"),
    "backtest_mape": ("pct", "Backtest error (MAPE)", "Galat uji balik (MAPE)"),
    "reason": ("prose", "Why", "Alasan"),
    "base_year": ("year", "Base year", "Tahun dasar"),
    "base_value": ("num", "Value in the base year", "Nilai pada tahun dasar"),
    "ratio": ("two", "Achieved / required", "Tercapai / dibutuhkan"),
    "base_historical_cagr": ("pct", "Growth achieved since the base year (per year)",
                             "Pertumbuhan tercapai sejak tahun dasar (per tahun)"),
    "base_required_cagr": ("pct", "Growth required from the base year (per year)",
                           "Pertumbuhan dibutuhkan dari tahun dasar (per tahun)"),
    "method": ("text", "Method", "Metode"),
    "input": ("text", "Input", "Masukan"),
    "sd": ("num", "Spread (sd)", "Sebaran (sd)"),
    "years": ("text", "Years", "Tahun"),
    "how": ("prose", "How it is set", "Cara penetapan"),
    "mape_1": ("pct", "Error 1 year ahead (MAPE)", "Galat 1 tahun ke depan (MAPE)"),
    "mape_2": ("pct", "Error 2 years ahead (MAPE)", "Galat 2 tahun ke depan (MAPE)"),
    "mape_3": ("pct", "Error 3 years ahead (MAPE)", "Galat 3 tahun ke depan (MAPE)"),
    "mape_all": ("pct", "Error, all forecasts (MAPE)", "Galat, semua prakiraan (MAPE)"),
    "forecasts": ("year", "Forecasts", "Jumlah prakiraan"),
    "segment": ("text", "Segment", "Segmen"),
    "share_of_target": ("pct", "Share of the target", "Bagian dari target"),
    "fallback": ("text", "Projected as a share of the total",
                 "Diproyeksikan sebagai bagian dari total"),
    "window_years": ("year", "Years in the window", "Jumlah tahun dalam jendela"),
    "record_cagr": ("pct", "Fastest growth in the data (per year)",
                    "Pertumbuhan tercepat dalam data (per tahun)"),
    "record_by": ("text", "Fastest by", "Tercepat oleh"),
    "national_record_cagr": ("pct", "Fastest of the top region (per year)",
                             "Tercepat wilayah teratas (per tahun)"),
    "similar_coverage_record_cagr": ("pct", "Fastest at a similar coverage (per year)",
                                     "Tercepat pada cakupan serupa (per tahun)"),
    "required_above_record": ("text", "Required above the fastest?",
                              "Dibutuhkan di atas yang tercepat?"),
    "band": ("text", "Probability band", "Rentang probabilitas"),
    "n": ("year", "Settled forecasts", "Prakiraan yang sudah dapat dinilai"),
    "met": ("year", "Met", "Tercapai"),
    "missed": ("year", "Missed", "Tidak tercapai"),
    "mean_probability": ("prob", "Mean probability given", "Rata-rata probabilitas"),
    "share_met": ("pct", "Share met", "Bagian yang tercapai"),
    "folder": ("text", "Folder", "Folder"),
    "region": ("text", "Region", "Wilayah"),
    "status": ("text", "Status", "Status"),
    "level": ("text", "Level", "Tingkat"),
    "year": ("year", "Year", "Tahun"),
    "regions": ("text", "Regions", "Wilayah"),
    "sum_before": ("num", "Sum of the regions' medians", "Jumlah median wilayah"),
    # The top region's median, or the parent's for a level within one region.
    "whole": ("num", "Median of the whole", "Median keseluruhan"),
    "factor": ("factor", "Factor", "Faktor"),
    "adjustment": ("num", "Adjustment", "Penyesuaian"),
}

#: Cell words: yes/no, the fund table's rows, the segments table's extra rows.
WORDS = {
    "en": {True: "yes", False: "no", "structural": "structural fund model "
           "(F[y+1] = F[y](1+r) + C - B)", "headline": "calibrated projection (the headline)",
           "joint": "both together: {targets}", "and": " AND ",
           "sum_of_medians": "sum of the segments' medians",
           "informal_needed": "informal participants needed (the others at their pace)",
           "informal_reason": "required {req}/yr against {ach}/yr achieved over the last "
                              "three year-ends",
           "not_within": "not within the projection (to {year})",
           "level_with": "Level reached with {p} probability",
           "reached_with": "Target reached with {p} probability by",
           "not_assessed": "not assessed", "empty": "No rows to show.",
           # A run's regions by status (the summary notebook), and what a region lacks.
           "ok": "ok", "failed": "failed", "pending": "pending", "missing": "missing",
           "no_target": "no target assessed",
           "funds_model": "fund model", "segments": "segment decomposition",
           "absent": "No {what} for {name}: {why}.", "this_region": "this region",
           "national_only": "it is computed for the national run only",
           "top_only": "it is computed for the top region's run only ({top})",
           "shipped_only": "it needs the top region's active participants (active_total), "
                           "their segments and the fund with its flows, which this data folder "
                           "does not describe",
           "no_backtest": "No backtest in these results.", "source_notes": "Note"},
    "id": {True: "ya", False: "tidak", "structural": "model dana struktural "
           "(F[y+1] = F[y](1+r) + C - B)", "headline": "proyeksi terkalibrasi (angka utama)",
           "joint": "keduanya sekaligus: {targets}", "and": " DAN ",
           "sum_of_medians": "jumlah median segmen",
           "informal_needed": "peserta informal yang dibutuhkan (yang lain pada lajunya)",
           "informal_reason": "dibutuhkan {req}/thn dibanding {ach}/thn yang tercapai pada "
                              "tiga akhir tahun terakhir",
           "not_within": "tidak dalam rentang proyeksi (hingga {year})",
           "level_with": "Tingkat yang dicapai dengan probabilitas {p}",
           "reached_with": "Target tercapai dengan probabilitas {p} pada",
           "not_assessed": "tidak dinilai",
           "empty": "Tidak ada baris untuk ditampilkan.",
           "ok": "berhasil", "failed": "gagal", "pending": "belum selesai",
           "missing": "tidak ada", "no_target": "tidak ada target yang dinilai",
           "funds_model": "model dana", "segments": "dekomposisi segmen",
           "absent": "Tidak ada {what} untuk {name}: {why}.", "this_region": "wilayah ini",
           "national_only": "hanya dihitung untuk run nasional",
           "top_only": "hanya dihitung untuk run wilayah teratas ({top})",
           "shipped_only": "memerlukan peserta aktif wilayah teratas (active_total), "
                           "segmennya, serta dana dan arusnya, yang tidak dijelaskan oleh "
                           "folder data ini",
           "no_backtest": "Tidak ada uji balik dalam hasil ini.",
           "source_notes": "Catatan sumber (dalam bahasa Inggris)"},
}


def check(lang: str) -> str:
    """``lang`` if the tables have words in it, else one line naming the parameter."""
    check_language(lang)  # a list or a long string: one short line, not a TypeError
    if lang not in WORDS:
        raise ParameterError(f"lang: expected one of {', '.join(WORDS)}, found {lang!r}")
    return lang


def word(key, lang: str) -> str:
    """A cell word of :data:`WORDS` in ``lang``."""
    return WORDS[check(lang)][key]


def classified(code: str | None, lang: str) -> str | None:
    """A progress classification in words ("on track" / "sesuai jalur")."""
    return CLASSIFICATION[check(lang)].get(code, code)


def quality(label: str | None, lang: str) -> str | None:
    """A data-quality label in words ("good" / "baik")."""
    return QUALITY[check(lang)].get(label, label)


def model(name: str, lang: str) -> str:
    """A model id in words ("ets" -> "exponential smoothing")."""
    return MODEL[check(lang)].get(name, name)


def heading(key: str, lang: str) -> str:
    """The heading of column ``key`` in ``lang``; a key without one reads as words
    ("backtest_mape" -> "Backtest mape"), never as an identifier."""
    if key in HEADINGS:
        return HEADINGS[key][1 if check(lang) == "en" else 2]
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def worded(frame: pd.DataFrame, lang: str, *, extra: dict | None = None) -> pd.DataFrame:
    """``frame`` with its columns headed in words in ``lang`` and their kinds in ``attrs``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns under the keys of :data:`HEADINGS` (or of ``extra``).
    lang : str
        ``"en"`` or ``"id"``.
    extra : dict, optional
        ``{key: (kind, heading)}`` for columns whose heading is made by the table
        (a level "with 90 % probability").

    Returns
    -------
    pandas.DataFrame
        ``attrs["kinds"]`` maps each heading to its kind, ``attrs["keys"]`` back to its key
        and ``attrs["lang"]`` is ``lang``.

    Examples
    --------
    >>> f = worded(pd.DataFrame({"required_cagr": [0.1]}), "id")
    >>> list(f.columns), f.attrs["kinds"]
    (['Pertumbuhan dibutuhkan (per tahun)'], {'Pertumbuhan dibutuhkan (per tahun)': 'pct'})
    """
    extra = extra or {}
    names, kinds = {}, {}
    for key in frame.columns:
        if key in extra:
            kind, name = extra[key]
        else:
            kind, name = (HEADINGS.get(key, ("text",))[0], heading(key, lang))
        names[key], kinds[name] = name, kind
    attrs = dict(frame.attrs)
    out = frame.rename(columns=names)
    out.attrs = {**attrs, "kinds": kinds, "lang": check(lang),
                 "keys": {v: k for k, v in names.items()}}
    return out


def keyed(frame: pd.DataFrame) -> pd.DataFrame:
    """A :func:`worded` frame under its keys again (a frame without headings as it is)."""
    keys = frame.attrs.get("keys")
    return frame.rename(columns=keys) if keys else frame


def nothing_ahead(results: dict, lang: str = "en") -> str:
    """Why a run has no target to assess, in one sentence: the targets already due (their
    outcomes), those not assessed, those stated after the run's as-of date, or none at all.

    Examples
    --------
    >>> nothing_ahead({"region_name": "Land", "outcomes": [{}, {}], "skipped": []})
    'No target of Land is still ahead to assess: 2 targets already due (met or missed: see the targets already due).'
    >>> nothing_ahead({"region_name": "Bali", "outcomes": [], "skipped": []}, "id")
    'Bali tidak memiliki target dalam data.'
    """
    name = results.get("region_name") or results.get("region", "")
    due, skipped = len(results.get("outcomes") or []), len(results.get("skipped") or [])
    later = int(results.get("targets_stated_later") or 0)
    as_of = (results.get("as_of") or "")[:10]
    if lang == "en":
        parts = ([f"{plural(due, 'target')} already due (met or missed: see the targets "
                  "already due)"] if due else []) + (
            [f"{plural(skipped, 'target')} not assessed (why: forecast run, or results.json "
             "skipped)"] if skipped else []) + (
            [f"{plural(later, 'target')} stated after {as_of}"] if later else [])
        return (f"No target of {name} is still ahead to assess: " + "; ".join(parts) + "."
                if parts else f"{name} has no target in the data.")
    parts = ([f"{due} target sudah jatuh tempo (tercapai atau tidak: lihat target yang sudah "
              "jatuh tempo)"] if due else []) + (
        [f"{skipped} target tidak dinilai (alasannya: forecast run, atau results.json "
         "skipped)"] if skipped else []) + (
        [f"{later} target dinyatakan setelah {as_of}"] if later else [])
    return (f"Tidak ada target {name} yang masih akan datang untuk dinilai: "
            + "; ".join(parts) + "." if parts else f"{name} tidak memiliki target dalam data.")
