"""Reasons as data, words in one place: the codes results.json carries and their text.

results.json never stores a sentence for a skipped target, a projection that could not be
made or a data-quality verdict: it stores a code and its fields. :func:`reason_text` and
:func:`quality_text` make the words, in English (``en``) or Bahasa Indonesia (``id``), for
the CLI, the notebooks' tables and the PDFs alike.

Reason codes (``{"code": ..., fields}``):

=====================  ==============================  =====================================
code                   fields                          meaning
=====================  ==============================  =====================================
``past_due``           ``last_date``                   due on or before the last observation
``no_observations``    ``metric, region, as_of``       nothing observed (``as_of`` or None)
``too_few_points``     ``n, metric, region, needed``,  too few year-end points, nothing to
                       ``top`` (the top region)        borrow from
``no_coverage``        ``region``, ``metric``          no reading of the coverage metric
                                                       (``metric`` absent: coverage_pct)
``no_employment``      (none)                          too few working_population points
``coverage_alone_``    ``n, metric, region, needed,    no count to move coverage with, and
``too_few``            numerator, denominator``        too few year-end readings to project
                                                       it on its own
``model_error``        ``message``                     the models failed (their message)
``no_fund_target``     (none)                          no fund target after the last fund
                                                       observation (national analysis)
``no_active_target``   (none)                          no active_total target after the
                                                       last observation
``no_segments``        ``region``                      no segment observations
``different_dates``    ``active_date, fund_date``      the two targets are due on different
                                                       dates (no joint probability)
``rise_carried_by``    ``metric, region, assumption,   a falling series whose median rises
                       historical_growth``             (a target's engine notes); the
                                                       assumption that carries the rise:
                                                       ``own_trend``, ``national_growth``,
                                                       ``national_participants`` or
                                                       ``region_participants``
``slows_down``         ``metric, region, since,``      a rising series that would reach its
                       ``historical_growth,``          target at its past pace and whose
                       ``median_growth``               median falls short: the projection
                                                       damps the trend (a target's notes)
``falls_below``        ``metric, region, year,``       a series at or above its target now
                       ``since, historical_growth``    whose median is below it on the date
                                                       (``year`` it falls below, or None)
``different_``         ``target_denominator,``         a coverage target whose base no
``denominator``        ``reading_denominators``        reading shares (or that is not one
                                                       defined base): not compared
=====================  ==============================  =====================================

``too_few_points`` and ``coverage_alone_too_few`` add ``recurs_at`` (``"06-30"``) where the
readings recur each year at a month-day that is no year-end (a fiscal year-end);
``no_observations`` adds ``sub_regions`` (ids) where regions under it have readings.

Outcomes of past-due targets (:mod:`forecast.outcomes`) have a ``status`` (``met``,
``missed``, ``not_in_data``); :func:`outcome_text` makes their words. The reading of
``as_of`` (``vintage``: ``published`` or ``date``) is named by :func:`vintage_text`.

A data-quality object has ``label`` (``good``, ``fair``, ``poor``, ``pooled``) and the
fields of the history (``annual_points``, ``first``, ``last``, ``gaps``,
``sub_annual_points``); a pooled projection adds ``pooled`` {``pairs``, ``weight_own``,
``own_trend``}; a coverage projection adds ``coverage`` {``anchor_date``,
``anchor_value``, ``denominator``, ``moved_with`` (``region`` or ``national``),
``employment_growth``, ``earlier_readings``} and its other fields describe the
participants it moves with. An object whose words refer to the top region carries
``top_region_name`` where the scheme's top level is not ``national`` (:mod:`forecast.topwords`).
"""

from __future__ import annotations

from .params import check_language
from .reasonwords import (DENOMINATOR_ID as _DENOMINATOR_ID, RISE_EN as _RISE_EN,
                          RISE_ID as _RISE_ID, VINTAGE as _VINTAGE, pct as _pct,
                          moved_words, plural as _plural, recurs_words, sub_words,
                          rise_words as _rise_words, slow_text, fall_text)
from .reasonwords import adjusted as _adjusted, span as _span, year_runs
from .reasonwords import outcome_text  # noqa: F401 (its home was here; callers import it)
from .topwords import no_top_series, top_of
from .basewords import alone_words, denominator_words, scheme_label  # their home was here
from .reconwords import CODES as RECON_CODES, recon_text
from .enginewords import CODES as ENGINE_CODES, engine_text


def reason(code: str, **fields) -> dict:
    """A reason object of results.json."""
    return {"code": code, **fields}


def _target_base(code: str, lang: str) -> str:
    """"coverage target on the working population base", or with no stated/another base.

    A label that already ends in "base" (``UCJ indicator base``) is not doubled.
    """
    if lang == "id":
        if code == "not_stated":
            return "target cakupan tanpa basis yang dinyatakan"
        if code == "other":
            return "target cakupan pada basis lain"
        return f"target cakupan berbasis {_after_basis(denominator_words(code, 'id'))}"
    if code == "not_stated":
        return "coverage target with no stated base"
    if code == "other":
        return "coverage target on another base"
    words = denominator_words(code, "en")
    return f"coverage target on the {words}" + ("" if words.endswith(" base") else " base")


def _after_basis(words: str) -> str:
    """'basis indikator UCJ' after 'berbasis' reads 'indikator UCJ' (no 'berbasis basis')."""
    return words[len("basis "):] if words.startswith("basis ") else words


def _bases(bases, lang: str) -> str:
    """The readings' bases: "eligible workers, other bases, no stated base" in English;
    in Indonesian the whole phrase after "pembacaan" ("berbasis angkatan kerja dan sebagian
    tanpa basis yang dinyatakan", never "berbasis tidak dinyatakan")."""
    # ``other`` is several stated bases, none of them the target's.
    named = [{"en": "other bases", "id": "berbagai basis lain"}[lang] if b == "other" else
             denominator_words(b, lang) for b in bases or () if b != "not_stated"]
    unstated = not bases or "not_stated" in bases
    if lang == "en":  # in the order given
        return ", ".join("no stated base" if b == "not_stated" else
                         "other bases" if b == "other" else denominator_words(b, lang)
                         for b in bases) if bases else "no stated base"
    words = "berbasis " + ", ".join(_after_basis(w) for w in named) if named else ""
    if unstated:
        words += (" dan sebagian " if named else "") + "tanpa basis yang dinyatakan"
    return words


def vintage_text(basis: str | None, as_of: str | None, lang: str = "en") -> str:
    """The reading of ``as_of`` in words; all data when there is no ``as_of``."""
    if as_of is None:
        return "all data" if lang == "en" else "semua data"
    return _VINTAGE[lang][basis or "date"].format(date=as_of)


def _where(r: dict) -> str:
    """The region a reason names: its name ("Kanwil DKI Jakarta"), the id where a reason
    written before the names (:func:`forecast.reasonwords.name_regions`) has none."""
    return str(r.get("region_name") or r["region"])


def _en(r: dict, nm=str) -> str:
    code = r["code"]
    if code == "past_due":
        return f"due on or before the last observation ({r['last_date']})"
    if code == "no_observations":
        return (f"no observations of {nm(r['metric'])} for {_where(r)}"
                + (f" as of {r['as_of']}" if r.get("as_of") else "") + sub_words(r, "en"))
    if code == "too_few_points":
        n = (f"only {_plural(r['n'], 'year-end observation')}" if r["n"]
             else "no year-end observations")
        return (f"{n} of {nm(r['metric'])} for {_where(r)} "
                + ("(the top region)" if r.get("top") else no_top_series(r, "en"))
                + f"; at least {r['needed']} are needed" + recurs_words(r, "en"))
    if code == "no_coverage":  # with "counts": the region has both counts of the ratio
        tail = (f" (not computed from the {nm(r['numerator'])} and {nm(r['denominator'])} counts: "
                f"add its readings to assess it)" if r.get("counts") else "")
        return f"no {nm(r.get('metric', 'coverage_pct'))} reading for {_where(r)}{tail}"
    if code == "coverage_alone_too_few":
        counts = (f"too few {nm(r['denominator'])} readings to move it with "
                  f"({r['denominator_readings']}; 2 are needed)"
                  if r.get("denominator_readings") else
                  f"no {nm(r['numerator'])} and {nm(r['denominator'])} counts to move it with")
        return (f"only {_plural(r['n'], 'year-end reading')} of {nm(r['metric'])} on one base for "
                f"{_where(r)} and {counts}; at least {r['needed']} are needed"
                + recurs_words(r, "en"))
    if code == "no_employment":
        return (f"{nm('coverage_pct')}: needs 2+ national {nm('working_population')} "
                f"observations to grow the denominator")
    if code == "model_error":
        return r["message"]
    if code == "no_fund_target":
        return f"no {nm('fund_investment')} target after the last fund observation"
    if code == "no_active_target":
        return f"no {nm('active_total')} target after the last observation"
    if code == "no_segments":
        return f"no segment observations for {_where(r)}"
    if code == "different_dates":
        return (f"the {nm('active_total')} target ({r['active_date']}) and the fund target "
                f"({r['fund_date']}) are due on different dates")
    if code == "slows_down":
        return slow_text(r, "en")
    if code == "falls_below":
        return (f"{nm(r['metric'])} of {_where(r)} is at or above the target now, but "
                f"{fall_text(r, 'en')}")
    if code == "rise_carried_by":
        return (f"{nm(r['metric'])} of {_where(r)} has been falling "
                f"({r['historical_growth']:.1%}/yr) yet its median rises: "
                + _RISE_EN[r["assumption"]].format(**_rise_words(r, nm, "en")))
    if code == "different_denominator":
        return (f"{_target_base(r['target_denominator'], 'en')}; the readings are on "
                f"{_bases(r['reading_denominators'], 'en')}: percentages of different bases "
                f"are not compared")
    raise KeyError(f"unknown reason code {code!r}")


def _id(r: dict, nm=str) -> str:
    code = r["code"]
    if code == "past_due":
        return f"jatuh tempo pada atau sebelum pengamatan terakhir ({r['last_date']})"
    if code == "no_observations":
        return (f"tidak ada pengamatan {nm(r['metric'])} untuk {_where(r)}"
                + (f" per {r['as_of']}" if r.get("as_of") else "") + sub_words(r, "id"))
    if code == "too_few_points":
        w = "(wilayah teratas)" if r.get("top") else no_top_series(r, "id")
        return (f"hanya {r['n']} pengamatan akhir tahun {nm(r['metric'])} untuk {_where(r)} "
                f"{w}; minimal {r['needed']} diperlukan" + recurs_words(r, "id"))
    if code == "no_coverage":
        t = (f" (tidak dihitung dari jumlah {nm(r['numerator'])} dan {nm(r['denominator'])}: "
             f"tambahkan pembacaannya untuk menilainya)" if r.get("counts") else "")
        return f"tidak ada pembacaan {nm(r.get('metric', 'coverage_pct'))} untuk {_where(r)}{t}"
    if code == "coverage_alone_too_few":
        counts = (f"terlalu sedikit pembacaan {nm(r['denominator'])} untuk menggerakkannya "
                  f"({r['denominator_readings']}; minimal 2 diperlukan)"
                  if r.get("denominator_readings") else
                  f"tidak ada jumlah {nm(r['numerator'])} dan {nm(r['denominator'])} untuk "
                  "menggerakkannya")
        return (f"hanya {r['n']} pembacaan akhir tahun {nm(r['metric'])} pada satu basis untuk "
                f"{_where(r)} dan {counts}; minimal {r['needed']} diperlukan"
                + recurs_words(r, "id"))
    if code == "no_fund_target":
        return f"tidak ada target {nm('fund_investment')} setelah pengamatan dana terakhir"
    if code == "no_active_target":
        return f"tidak ada target {nm('active_total')} setelah pengamatan terakhir"
    if code == "no_segments":
        return f"tidak ada pengamatan segmen untuk {_where(r)}"
    if code == "different_dates":
        return (f"target {nm('active_total')} ({r['active_date']}) dan target dana "
                f"({r['fund_date']}) jatuh tempo pada tanggal berbeda")
    if code == "slows_down":
        return slow_text(r, "id")
    if code == "falls_below":
        return (f"{nm(r['metric'])} untuk {_where(r)} kini sudah mencapai target, tetapi "
                + fall_text(r, "id"))
    if code == "rise_carried_by":
        return (f"{nm(r['metric'])} untuk {_where(r)} terus menurun "
                f"({_pct(r['historical_growth'], 'id')}/tahun) namun mediannya naik: "
                + _RISE_ID[r["assumption"]].format(**_rise_words(r, nm, "id")))
    if code == "different_denominator":
        return (f"{_target_base(r['target_denominator'], 'id')}; pembacaan "
                f"{_bases(r['reading_denominators'], 'id')}: persentase dengan basis berbeda "
                f"tidak dibandingkan")
    # The reports have never translated these three (model messages are English text
    # from the models); they are printed as in English, as before.
    return _en(r, nm)


_REASON = {"en": _en, "id": _id}


def reason_text(r: dict | str | None, lang: str = "en", name=None) -> str:
    """The words of a reason object in ``lang`` (a plain string is returned as it is).

    ``name(metric, lang)`` gives a metric's name in ``lang`` (the reports' and the CLI's
    :func:`forecast.report.i18n.metric_name`); without it the ids are shown.
    """
    if r is None:
        return ""
    if isinstance(r, str):
        return r
    check_language(lang)  # one short line naming the parameter, not a KeyError
    nm = _in_sentence(name, lang) if name else str
    if r.get("code") in RECON_CODES:  # a level of a batch run's reconciliation
        return recon_text(r, lang, nm, lambda why: reason_text(why, lang, name))
    if r.get("code") in ENGINE_CODES:  # a segment's projection, a model left out
        return engine_text(r, lang, nm, lambda why: reason_text(why, lang, name))
    return _REASON[lang](r, nm)


def _in_sentence(name, lang: str):
    """``name`` for use inside a sentence: "Active participants" -> "active participants"."""
    return lambda metric: (lambda text: text[:1].lower() + text[1:])(name(metric, lang))


def is_past(r: dict | str | None) -> bool:
    """Whether a reason says the target was due before the last observation."""
    return isinstance(r, dict) and r.get("code") == "past_due"


def _history_en(dq: dict) -> str:
    n = dq["annual_points"]
    parts = [_plural(n, "year-end point")]
    if dq.get("first") and dq.get("last"):
        parts.append(_span(dq))
    if dq.get("gaps"):
        parts.append(f"missing {year_runs(dq['gaps'])}")
    if dq.get("sub_annual_points"):
        parts.append(f"{_plural(dq['sub_annual_points'], 'sub-annual reading')} shown, not fitted")
    parts += _adjusted(dq, "en")
    parts += moved_words(dq.get("moved_to_year_end") or (), "en")
    if dq.get("coverage_alone") is not None:
        parts.append(alone_words(dq["coverage_alone"], "en"))
    text = "; ".join(parts)
    pooled = dq.get("pooled")
    if pooled is not None:
        own = (f"its own share trend from {pooled['pairs']} shared dates, weighted "
               f"{pooled['weight_own']:.0%}" if pooled["own_trend"]
               else f"no share trend of its own ({'one' if pooled['pairs'] else 'no'} shared date)")
        top = top_of("projection", "en", dq.get("top_region_name"))
        text = f"{text}; growth borrowed from {top}, {own}"
    return text


def _quality_en(dq: dict) -> str:
    cov = dq.get("coverage")
    if cov is None:
        return _history_en(dq)
    # The scheme's own words for the count and the base (older objects: the fixed ones).
    count = scheme_label(cov.get("numerator_labels"), "en", "participants").lower()
    base = scheme_label(cov.get("denominator_labels"), "en", "employment").lower()
    moved = (top_of(f"{count} projection", "en", dq.get("top_region_name"))
             + " (no count for the region" + ("; the band adds how far a region's count "
                                               "strays from it, as for pooled regions)"
                                               if cov.get("walk") else ")")
             if cov["moved_with"] == "national" else f"the region's projected {count}")
    anchor = (dq.get("_day") or str)(cov["anchor_date"])
    # The base by the metric's name where it is that metric ("residents", not "pop").
    den = base if str(cov["denominator"]).replace(" ", "_") == cov.get(
        "denominator_metric") else denominator_words(cov["denominator"], "en")
    earlier = cov["earlier_readings"]
    return (f"coverage anchored on the {anchor} reading ({cov['anchor_value']:g} %, "
            f"denominator: {den}) and moved with {moved} over {base} "
            f"{'falling' if _falls(cov) else 'growing'} "
            f"{abs(cov['employment_growth']):.1%}/yr; "
            + (f"{_plural(earlier, 'earlier reading')} on the same base shown, not fitted; "
               if earlier else "")
            + f"{_whose(count, cov, dq, 'en')}: {_history_en(dq)}")


def _falls(cov: dict) -> bool:
    """Whether the base falls by a rate that shows at one decimal (-0.04 %/yr is 0.0)."""
    return cov["employment_growth"] <= -0.0005


def _whose(count: str, cov: dict, dq: dict, lang: str) -> str:
    """The count whose history follows: the top region's where coverage moved with it
    ("members of Acme Group"), never as if the region's own."""
    if cov["moved_with"] != "national":
        return count
    name = dq.get("top_region_name")
    if lang == "id":
        return f"{count} {name or 'nasional'}"
    return f"{count} of {name}" if name else f"national {count}"


def _quality_id(dq: dict) -> str:
    cov = dq.get("coverage")
    if cov is None:
        return _history_id(dq)
    count = scheme_label(cov.get("numerator_labels"), "id", "peserta").lower()  # as _en
    base = scheme_label(cov.get("denominator_labels"), "id", "lapangan kerja").lower()
    moved = (top_of(f"proyeksi {count}", "id", dq.get("top_region_name"))
             + " (tidak ada jumlah untuk wilayah ini" + (
                 "; rentangnya menambahkan seberapa jauh jumlah suatu wilayah menyimpang "
                 "darinya, seperti wilayah yang pertumbuhannya dipinjam)" if cov.get("walk") else ")")
             if cov["moved_with"] == "national" else f"proyeksi {count} wilayah ini")
    code = str(cov["denominator"])
    same = code.replace(" ", "_") == cov.get("denominator_metric")
    denominator = _DENOMINATOR_ID.get(code) or _DENOMINATOR_ID.get(code.replace(" ", "_")) \
        or (base if same else "sebagaimana tertulis di catatan data")
    value = f"{cov['anchor_value']:g}".replace(".", ",")
    growth = f"{100 * abs(cov['employment_growth']):.1f}".replace(".", ",")
    anchor = (dq.get("_day") or str)(cov["anchor_date"])
    return (f"cakupan berpatokan pada pembacaan {anchor} ({value} %, penyebut: "
            f"{denominator}) dan bergerak mengikuti {moved} dengan {base} "
            f"{'turun' if _falls(cov) else 'tumbuh'} {growth} %/tahun; "
            + (f"{cov['earlier_readings']} pembacaan sebelumnya pada basis yang sama "
               "ditampilkan, tidak dipakai untuk pemodelan; " if cov["earlier_readings"]
               else "")
            + f"{_whose(count, cov, dq, 'id')}: {_history_id(dq)}")


def _history_id(dq: dict) -> str:
    n = dq["annual_points"]
    parts = [f"{n} titik akhir tahun"]
    if dq.get("first") and dq.get("last"):
        parts.append(_span(dq))
    if dq.get("gaps"):
        parts.append("tidak ada " + year_runs(dq["gaps"]))
    if dq.get("sub_annual_points"):
        parts.append(f"{dq['sub_annual_points']} pembacaan antartahun ditampilkan, tidak "
                     f"dipakai untuk pemodelan")
    parts += _adjusted(dq, "id")
    parts += moved_words(dq.get("moved_to_year_end") or (), "id")
    if dq.get("coverage_alone") is not None:
        parts.append(alone_words(dq["coverage_alone"], "id"))
    pooled, top = dq.get("pooled"), top_of("proyeksi", "id", dq.get("top_region_name"))
    if pooled is not None:  # what the English line says of the region's own share trend
        own = (f"tren pangsanya sendiri dari {pooled['pairs']} tanggal bersama, berbobot "
               f"{round(100 * pooled['weight_own'])} %" if pooled["own_trend"]
               else f"tanpa tren pangsa sendiri ({'satu' if pooled['pairs'] else 'tanpa'} "
                    f"tanggal bersama)")
        parts.append(f"pertumbuhan dipinjam dari {top}, {own}")
    elif dq.get("label") == "pooled":
        parts.append(f"pertumbuhan dipinjam dari {top}")
    cov = dq.get("coverage")
    if cov is not None and cov.get("denominator_labels"):
        parts.append(f"penyebut cakupan: {scheme_label(cov['denominator_labels'], 'id', '')}"
                     .lower())
    return "; ".join(parts)


_QUALITY = {"en": _quality_en, "id": _quality_id}


def quality_text(dq: dict, lang: str = "en", unit: str | None = None, fmt=None,
                 day=None) -> str:
    """The data-quality reason (without its label) in ``lang``, values in ``unit``;
    ``fmt(value, unit)`` writes a value as the rest of the page does (default 45.22M /
    45,22 juta), so one page never says "45.22M" beside "45.2 million"; ``day(iso)`` a
    date (default as it is, 2025-10-31)."""
    check_language(lang)  # one short line naming the parameter, not a KeyError
    if "annual_points" not in dq:  # an object written by hand (tests, old runs)
        return dq.get("reason", "")
    return _QUALITY[lang]({**dq, **({"unit": unit} if unit else {}), "_fmt": fmt,
                           "_day": day})
