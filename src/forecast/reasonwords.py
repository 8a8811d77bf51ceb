"""Word tables of :mod:`forecast.reasons` (kept apart so that module stays about rules):
what carries the rise of a falling series, the reading of ``as_of``, the coverage
denominators in Indonesian, a past-due target in a gap of the data, and the clauses of an
outlying year-end replaced and of a nowcast (:func:`adjusted`).
"""

from __future__ import annotations

from .fiscal import CALENDAR, YEAR_ENDS, day_month, year_of
from .defaults import BREAK_FACTOR
from .textnum import plural, plural_s  # noqa: F401 (forecast.reasons' words import it here)
from .topwords import top_of

#: What carries the rise of a falling series (``rise_carried_by``), by assumption.
RISE_EN = {
    "own_trend": "the combined trend of its own history turns up (the damped trend and Theta "
                 "lean on the last readings)",
    "national_growth": "the region is pooled with {top_growth}",
    "national_participants": "coverage is moved with {top_count} over {base}, not with the "
                             "region's own readings",
    "region_participants": "coverage is moved with the region's projected {count} over "
                           "{base}, not with the earlier coverage readings",
}
RISE_ID = {
    "own_trend": "gabungan tren dari riwayatnya sendiri berbalik naik (tren teredam dan Theta "
                 "bertumpu pada pengamatan terakhir)",
    "national_growth": "wilayah ini digabung dengan {top_growth}",
    "national_participants": "cakupan digerakkan oleh {top_count} terhadap {base}, bukan "
                             "oleh pengamatan wilayah itu sendiri",
    "region_participants": "cakupan digerakkan oleh proyeksi {count} wilayah terhadap "
                           "{base}, bukan oleh pengamatan cakupan sebelumnya",
}
#: The words of the shipped scheme where a note carries no metric (older results).
RISE_DEFAULTS = {"en": {"metric": "participants", "count": "participants",
                        "base": "employment"},
                 "id": {"metric": "peserta", "count": "peserta", "base": "jumlah pekerja"}}


#: How ``as_of`` was read (results.json ``vintage``), in each language.
VINTAGE = {
    "en": {"published": "as known at {date} (only what had been published by then)",
           "date": "with the values dated up to {date}, whenever published"},
    "id": {"published": "sebagaimana diketahui pada {date} (hanya yang sudah terbit saat itu)",
           "date": "dengan nilai bertanggal sampai {date}, kapan pun diterbitkan"},
}


#: Denominators of coverage (codes of ``config.DENOMINATORS``) in Indonesian. A free-text
#: denominator from a data note (English) is not translated: the line says where it is.
DENOMINATOR_ID = {"eligible_workers": "pekerja yang memenuhi syarat",
                  "potential_workers": "penduduk potensi peserta",
                  "labour_force": "angkatan kerja", "working_population": "penduduk bekerja",
                  "ucj_base": "basis indikator UCJ", "workers_unspecified": "pekerja (tanpa "
                  "rincian)", "other": "lainnya", "not_stated": "tidak dinyatakan",
                  "not stated": "tidak dinyatakan",
                  "the UCJ indicator's base (size not stated)":
                      "basis indikator UCJ (besarnya tidak dinyatakan)",
                  "the UCJ indicator's base": "basis indikator UCJ"}


#: A past-due target with no reading at its date and readings after it
#: (:func:`forecast.reasons.outcome_text`), by (language, both nearest readings below the
#: target): the nearest readings, ``near``, are named either way.
GAP = {
    ("en", False): "no reading at the target date in the data; nearest {near}",
    ("id", False): "tidak ada pembacaan pada tanggal target di data; terdekat {near}",
    ("en", True): "both nearest readings below the target; {near}, none at the target "
                  "date in the data",
    ("id", True): "kedua pembacaan terdekat di bawah target; {near}, tidak ada pembacaan "
                  "pada tanggal target di data",
}


def rise_words(r: dict, nm, lang: str) -> dict:
    """The count, base and metric a rise note names: the scheme's (the note's ``numerator``,
    ``denominator``; a pooled metric itself), else the shipped words."""
    words = dict(RISE_DEFAULTS[lang])
    if r.get("numerator"):
        words.update(count=nm(r["numerator"]), base=nm(r["denominator"]))
    if r.get("assumption") == "national_growth" and r.get("named"):
        words["metric"] = nm(r["metric"])
    # The top region's growth: "the national members' growth", or that of the scheme's top
    # region where it is no nation (forecast.topwords).
    top = r.get("top_region_name")
    words["top_growth"] = top_of(*((f"{words['metric']}' growth", "en") if lang == "en" else
                                   (f"pertumbuhan {words['metric']}", "id")), top)
    words["top_count"] = top_of(*((f"{words['count']}' projected growth", "en") if lang == "en"
                                  else (f"proyeksi pertumbuhan {words['count']}", "id")), top)
    return words


def pct(x: float, lang: str, sign: str = "") -> str:
    """A share as a percent: +9.8% / +9,8 %."""
    text = f"{x:{sign}.1%}"
    return text if lang != "id" else text[:-1].replace(".", ",") + " %"


#: A rising series whose median falls short of a target its past pace would reach
#: (``slows_down``): what the projection assumes, and the evidence for it (:data:`SLOW_WHY`).
SLOW = {
    "en": "growing at its average rate since {since} ({hist}/yr) it would reach the target, "
          "but its median grows {med}/yr, because the forecasters (Theta and the damped trend) damp a "
          "trend{why}",
    "id": "dengan rata-rata pertumbuhannya sejak {since} ({hist}/tahun) target akan "
          "tercapai, tetapi mediannya tumbuh {med}/tahun, karena peramalnya (Theta dan tren teredam) meredam "
          "tren{why}",
}


#: A series at or above its target now whose median is below it on the target date
#: (``falls_below``): the probability is of the level on the date, not of a level once reached.
FALL = {
    "en": "its median falls below it {year}{falling} and is below it on the target date: the "
          "probability counts the level then, not a level once reached",
    "id": "mediannya turun di bawahnya {year}{falling} dan masih di bawahnya pada tanggal "
          "target: probabilitas menghitung tingkat pada tanggal itu, bukan tingkat yang pernah "
          "dicapai",
}
FALL_YEAR = {"en": ("in {y}", "by then"), "id": ("pada {y}", "sebelum itu")}
FALL_FALLING = {"en": " (it has fallen {hist}/yr since {since})",
                "id": " (turun {hist}/tahun sejak {since})"}


def fall_text(r: dict, lang: str) -> str:
    """The words of a ``falls_below`` note in ``lang``, after "at or above the target now, but"."""
    at, by = FALL_YEAR[lang]
    hist = r.get("historical_growth")
    return FALL[lang].format(
        year=at.format(y=r["year"]) if r.get("year") else by,
        falling="" if hist is None else FALL_FALLING[lang].format(hist=pct(abs(hist), lang),
                                                                  since=r["since"]))


#: The evidence for damping: (a count, a share of its bound). A share's is the coverage
#: benchmark's (benchmarks/results/shares*.md: Brier skill against a random walk with drift,
#: positive on immunization and Internet use, negative on access to electricity; a test
#: reads the signs there).
SLOW_WHY = {
    "en": (": on 1,344 yearly competition series their probabilities scored better than "
           "carrying the trend on (a random walk with drift)",
           " (and a share's rise slows near its bound): on yearly coverage series that scored "
           "better than carrying the trend on (a random walk with drift) for immunization and "
           "Internet use, but worse for access to electricity"),
    "id": (": pada 1.344 deret tahunan kompetisi, probabilitasnya memberi skor lebih baik "
           "daripada meneruskan tren (langkah acak dengan drift)",
           " (dan kenaikan suatu bagian melambat di dekat batasnya): pada deret tahunan "
           "cakupan, cara ini memberi skor lebih baik daripada meneruskan tren (langkah acak "
           "dengan drift) untuk imunisasi dan penggunaan Internet, tetapi lebih buruk untuk "
           "akses listrik"),
}


def slow_text(r: dict, lang: str) -> str:
    """The words of a ``slows_down`` note in ``lang``."""
    return SLOW[lang].format(since=r["since"], hist=pct(r["historical_growth"], lang),
                             med=pct(r["median_growth"], lang),
                             why=SLOW_WHY[lang][bool(r.get("bounded"))])


def year_runs(years) -> str:
    """Years missing from a history, three or more in a row as one span.

    Examples
    --------
    >>> year_runs([2015]), year_runs([2014, 2015, 2016, 2017, 2018, 2021, 2022])
    ('2015', '2014-2018, 2021, 2022')
    """
    runs: list[list[int]] = []
    for y in sorted(int(y) for y in years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) >= 3 else ", ".join(map(str, r))
                     for r in runs)


def num(v: float, lang: str = "en", unit: str | None = None) -> str:
    """45.22M / Rp860.0T in English; 45,22 juta / Rp860,0 triliun in Indonesian (one
    decimal style per report); a bare 860.0 for a unit it does not know."""
    div, en, id_ = next((s for s in ((1e12, "T", " triliun"), (1e9, "bn", " miliar"),
                                      (1e6, "M", " juta")) if abs(v) >= s[0]), (1, "", ""))
    if unit == "IDR_trillion":  # an amount in trillions of rupiah: never a bare number
        return "Rp" + num(v, lang) + ("T" if lang != "id" else " triliun")
    text = f"{v / div:,.2f}" if div > 1 else f"{v:,.1f}"
    if lang != "id":
        return text + en
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".") + id_


def span(dq: dict) -> str:
    """"2014-2024", or "2023" for one year ("2023-2023" read as a typo)."""
    a, b = year_of(dq["first"]), year_of(dq["last"])  # fiscal years' where the scheme has them
    return a if a == b else f"{a}-{b}"


_RECURS = {
    "en": ": its readings recur each year on {day} ({md}), as at a fiscal year-end, but "
          "years are counted to 31 December; {todo} (README: Fiscal years)",
    "id": ": pembacaannya berulang setiap tahun pada {day} ({md}), seperti akhir tahun "
          "fiskal, tetapi tahun dihitung sampai 31 Desember; {todo} (README: Fiscal years)",
}
#: A scheme with fiscal years (``year_end`` in scheme.toml) whose readings recur elsewhere.
_RECURS_FISCAL = {
    "en": ": its readings recur each year on {day} ({md}), but the scheme's years end on "
          "{end} (year_end = \"{ye}\" in scheme.toml); {todo} (README: Fiscal years)",
    "id": ": pembacaannya berulang setiap tahun pada {day} ({md}), tetapi tahun skema ini "
          "berakhir {end} (year_end = \"{ye}\" di scheme.toml); {todo} (README: Fiscal years)",
}
_TODO = {
    "en": ("set year_end = \"{md}\" in scheme.toml's [scheme] if the scheme's year ends on "
           "{day}", "add readings dated {end}"),
    "id": ("tetapkan year_end = \"{md}\" di [scheme] scheme.toml jika tahun skema berakhir "
           "{day}", "tambahkan pembacaan bertanggal {end}"),
}


def recurs_words(r: dict, lang: str) -> str:
    """The tail of a too-few-year-ends reason whose readings recur at another month-day
    each year (``recurs_at``, ``"06-30"``): the date found and what to do (declare that
    day the year-end, where it can be one, else add readings at the year-end); else ''."""
    md = r.get("recurs_at")
    if not md:
        return during_words(r, lang)
    ye = r.get("year_end") or CALENDAR
    day, end = day_month(md, lang), day_month(ye, lang)
    todo = _TODO[lang][0 if md in YEAR_ENDS else 1].format(md=md, day=day, end=end)
    words = _RECURS_FISCAL if ye != CALENDAR else _RECURS
    return words[lang].format(day=day, md=md, ye=ye, end=end, todo=todo)


_DURING = {
    "en": ": its {n} {other}reading{s} fall{v} during the year (the latest on {date}), and a "
          "projection fits year-ends ({end}): add the year-end readings (README: Fiscal "
          "years, for a scheme whose year ends on another day)",
    "id": ": {n} pembacaan{other} jatuh di tengah tahun (terakhir pada {date}), dan "
          "proyeksi memakai akhir tahun ({end}): tambahkan pembacaan akhir tahun (README: "
          "Fiscal years, untuk skema yang tahunnya berakhir pada hari lain)",
}


def during_words(r: dict, lang: str) -> str:
    """The tail of a too-few-year-ends reason whose readings fall during the year at no one
    day (``during_year``, quarterly or monthly readings): how many, the latest, and that
    the projection fits year-ends; else ''."""
    n = r.get("during_year")
    if not n:
        return ""
    # "its 27 readings" beside no year-end, "its 20 other readings" beside some.
    other = ({"en": "other ", "id": " lainnya"} if r.get("n") else {"en": "", "id": ""})[lang]
    return _DURING[lang].format(n=n, s=plural_s(n), v="s" if n == 1 else "",
                                other=other, date=r["latest_during"],
                                end=day_month(r.get("year_end") or CALENDAR, lang))


def moved_words(moved, lang: str) -> list[str]:
    """The data-quality clauses of readings counted as the year-end near them: one each for
    one or two, else one clause naming the first and the last (a scheme that always reads
    on 28 December would otherwise list every year).

    Examples
    --------
    >>> moved_words([{"date": "2019-12-28", "counted_as": "2019-12-31"}], "en")
    ['the 2019-12-28 reading counted as year-end 2019-12-31']
    >>> moved_words([{"date": f"{y}-12-28", "counted_as": f"{y}-12-31"}
    ...              for y in (2021, 2022, 2023)], "en")
    ['3 readings counted as the year-end near them (2021-12-28 as 2021-12-31 to 2023-12-28 as 2023-12-31)']
    """
    moved = list(moved)
    one = {"en": "the {date} reading counted as year-end {counted_as}",
           "id": "pembacaan {date} dihitung sebagai akhir tahun {counted_as}"}[lang]
    if len(moved) <= 2:
        return [one.format(**m) for m in moved]
    a, b = moved[0], moved[-1]
    return [{"en": f"{len(moved)} readings counted as the year-end near them ({a['date']} as "
                   f"{a['counted_as']} to {b['date']} as {b['counted_as']})",
             "id": f"{len(moved)} pembacaan dihitung sebagai akhir tahun terdekat "
                   f"({a['date']} sebagai {a['counted_as']} sampai {b['date']} sebagai "
                   f"{b['counted_as']})"}[lang]]


def sub_words(r: dict, lang: str) -> str:
    """The tail of a no-observations reason whose sub-regions have readings (``sub_regions``):
    where the readings are, and that a region is not summed from them; else ''."""
    ids = r.get("sub_region_names") or r.get("sub_regions")  # names where run.py added them
    if not ids:
        return ""
    shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
    if lang == "id":
        return (f" (wilayah di bawahnya punya pembacaan: {shown}; wilayah tidak dijumlahkan "
                f"dari wilayah di bawahnya, yang mungkin tidak lengkap; tambahkan "
                f"pembacaannya sendiri)")
    return (f" (regions under it have readings: {shown}; a region is not summed from the "
            f"regions under it, which may be incomplete: add its own readings)")


def name_regions(obj, region_name):
    """Add ``region_name`` beside the ``region`` id of every reason object (a dict with a
    ``code``) inside ``obj``, in place, so its words name "Kanwil DKI Jakarta", not
    "kanwil-dki-jakarta"; ``region_name(id)`` gives the name (regions.csv). Returns ``obj``.

    Examples
    --------
    >>> name_regions({"skipped": [{"reason": {"code": "no_segments", "region": "bali"}}]},
    ...              {"bali": "Bali"}.get)
    {'skipped': [{'reason': {'code': 'no_segments', 'region': 'bali', 'region_name': 'Bali'}}]}
    """
    if isinstance(obj, dict):
        if "code" in obj and isinstance(obj.get("region"), str) and "region_name" not in obj:
            obj["region_name"] = region_name(obj["region"])
        if "code" in obj and obj.get("sub_regions") and "sub_region_names" not in obj:
            obj["sub_region_names"] = [region_name(x) for x in obj["sub_regions"]]
        for value in obj.values():
            name_regions(value, region_name)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            name_regions(value, region_name)
    return obj


def outcome_text(o: dict, lang: str = "en", fmt=None, day=None) -> str:
    """A past-due target's outcome in words: met, missed, not yet in the data with the
    latest reading, or (a gap in the data at the target date, readings after it) no reading
    at the target date with the nearest ones, said to be both below the target when they
    are. ``fmt(value, unit)`` formats a value (default ``{value:g}``), ``day(iso)`` a date
    (default as it is: the PDFs write "31 October 2025" as their other lines do)."""
    fmt, day = fmt or (lambda v, unit: f"{v:g}"), day or str
    unit = o["unit"]
    seen, latest = o.get("observed"), o.get("latest")
    if o["status"] in ("met", "missed"):
        word = {("met", "en"): "met", ("missed", "en"): "missed",
                ("met", "id"): "tercapai", ("missed", "id"): "tidak tercapai"}[o["status"], lang]
        if lang == "en":
            return f"{word}: {fmt(seen['value'], unit)} on {day(seen['date'])}"
        return f"{word}: {fmt(seen['value'], unit)} pada {day(seen['date'])}"
    after, before = o.get("after"), o.get("before")
    if after:  # readings on both sides of a gap: the outcome will not come; say what is near
        on, also = (" on ", " and ") if lang == "en" else (" pada ", " dan ")
        near = also.join(f"{fmt(p['value'], unit)}{on}{day(p['date'])}"
                         for p in (before, after) if p)
        # Both below an "at least" target: not "missed" (the series may have risen to it
        # and back in between), but said, with both readings.
        below = before is not None and max(before["value"], after["value"]) < o["target_value"]
        return GAP[lang, below].format(near=near)
    if lang == "en":
        tail = (f"latest reading {fmt(latest['value'], unit)} on {day(latest['date'])}"
                if latest else "no reading")
        return f"outcome not yet in the data; {tail}"
    tail = (f"pembacaan terakhir {fmt(latest['value'], unit)} pada {day(latest['date'])}"
            if latest else "tidak ada pembacaan")
    return f"hasil belum ada di data; {tail}"


def adjusted(dq: dict, lang: str) -> list[str]:
    """Words for year-ends that move by a factor no pace reaches (forecast.quality.breaks),
    an outlying year-end replaced and a nowcast (forecast.nowcast)."""
    out = []
    if dq.get("breaks"):
        runs = year_runs(dq["breaks"])
        out.append(f"year-ends moving x{BREAK_FACTOR:g} or /{BREAK_FACTOR:g} or more from the "
                   f"one before in {runs} (a change of counting or a typo?)" if lang == "en"
                   else f"akhir tahun bergerak x{BREAK_FACTOR:g} atau /{BREAK_FACTOR:g} atau "
                   f"lebih dari sebelumnya pada {runs} (perubahan cara hitung atau salah ketik?)")
    o, n, u = dq.get("outlier"), dq.get("nowcast"), dq.get("unit")
    # The values in the style of the page they are on (quality_text's ``fmt``), where
    # their unit is known.
    show = (u and dq.get("_fmt")) or (lambda v, unit: num(v, lang, unit))
    d = dq.get("_day") or str  # and their dates ("31 October 2025" in the PDFs)
    if o:
        off = pct(o["log_deviation"], lang, "+")
        if lang == "en":
            out.append(f"year-end {d(o['date'])} ({show(o['value'], u)}) is {off} off the line "
                       f"between the readings of {d(o['neighbours'][0])} and "
                       f"{d(o['neighbours'][1])}: fitted "
                       f"as {show(o['replaced_by'], u)} (cause unknown)")
        else:
            out.append(f"akhir tahun {d(o['date'])} ({show(o['value'], u)}) menyimpang {off} "
                       f"dari garis antara pembacaan {d(o['neighbours'][0])} dan "
                       f"{d(o['neighbours'][1])}: dipakai {show(o['replaced_by'], u)} "
                       f"(penyebab tidak diketahui)")
    if n and n.get("value") is not None:
        how = {"seasonal_ratio": ("the same-month to year-end ratio of earlier years",
                                  "rasio bulan yang sama ke akhir tahun pada tahun-tahun lalu"),
               "growth": ("the recent yearly growth", "pertumbuhan tahunan terakhir")}
        words = how[n["method"]][0 if lang == "en" else 1] + (
            (" of its share of its ceiling, which it cannot pass" if lang == "en" else
             " bagiannya dari plafonnya, yang tidak dapat dilampaui")
            if n.get("of_ceiling") else "")
        if lang == "en":
            out.append(f"projection starts from the {d(n['from_date'])} reading "
                       f"({show(n['from_value'], u)}), nowcast to {show(n['value'], u)} at "
                       f"{d(n['year_end'])} with {words} (sd {n['sd_log']:.1%})"
                       + (f"; also nowcast: {', '.join(map(d, n['filled']))}" if n.get("filled")
                          else ""))
        else:
            out.append(f"proyeksi dimulai dari pembacaan {d(n['from_date'])} "
                       f"({show(n['from_value'], u)}), diperkirakan {show(n['value'], u)} "
                       f"pada {d(n['year_end'])} dengan {words} (simpangan baku "
                       f"{pct(n['sd_log'], lang)})"
                       + (f"; juga diperkirakan: {', '.join(map(d, n['filled']))}" if n.get("filled")
                          else ""))
    elif n:
        out.append(f"latest reading {d(n['from_date'])} not used: too few years with both a "
                   f"reading in that month and a year-end" if lang == "en" else
                   f"pembacaan terakhir {d(n['from_date'])} tidak dipakai: terlalu sedikit tahun "
                   f"dengan pembacaan bulan itu dan akhir tahun")
    return out
