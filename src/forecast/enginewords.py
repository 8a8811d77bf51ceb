"""The engine's notes in English and Bahasa Indonesia: how a segment was projected, why a
model was not used.

:func:`forecast.segments.project_segments` records how a segment was projected, and
:func:`forecast.simulate.project` why a model needing a ceiling was left out, as reason
objects (``{"code": ..., fields}``, as results.json does, :mod:`forecast.reasons`); these
are their codes, and :func:`forecast.reasons.reason_text` makes their words here:

==========================  ================================  ============================
code                        fields                            meaning
==========================  ================================  ============================
``segment_own_trend``       ``n, years, weights,``            projected on its own trend
                            ``equal_weights``                 (``weights``: model -> weight)
``segment_too_few``         ``n, years, needed``              too few year-end points for
                                                              the models
``segment_models_failed``   ``n, years, message``             the models failed (their
                                                              message, English text)
``segment_share``           ``total, share, date, pairs,``    projected as its share of
                            ``trend, why``                    ``total``; ``trend``: None
                                                              (one shared date) or
                                                              {``b_post, b_own,
                                                              weight_own``}; ``why``: the
                                                              reason object of the two
                                                              codes above, or None
``no_ceiling``              ``metric``                        a model needs a ceiling and
                                                              the metric has none
``passes_bound``            ``year``                          a model's trend passes the
                                                              bound by then: held just
                                                              below it
==========================  ================================  ============================

A results.json written before these codes carries the English sentence: it is shown as
written (:func:`forecast.reasons.reason_text` returns a string as it is).
"""

from __future__ import annotations

import re

from .fiscal import day_month
from .plurals import plural_s

_TEXT = {
    "en": {
        "segment_own_trend": "own trend on {n} year-end points ({years}); models {used}{note}",
        "segment_too_few": "only {n} year-end point{s} ({years}), {needed} needed for the "
                           "models",
        "segment_models_failed": "the trend models failed on its {n} year-end points "
                                 "({years}): {message}",
        "segment_share": "{why}projected as its share of {total}: {share}% at {date}, "
                         "{pairs} shared date{s}, {trend}",
        "no_ceiling": "no ceiling series for {metric}",
        "passes_bound": "past the bound from {year}: held below it",
        # Parts of the words above.
        "equal": " (too few points to backtest: equal weights)",
        "no_trend": "no share trend (one shared date)",
        "trend": "share trend {b_post}/yr after shrinkage (own {b_own}, weight {weight}%)",
        "none": "none",
    },
    "id": {
        "segment_own_trend": "tren sendiri pada {n} titik akhir tahun ({years}); model "
                             "{used}{note}",
        "segment_too_few": "hanya {n} titik akhir tahun ({years}), {needed} dibutuhkan untuk "
                           "model",
        "segment_models_failed": "model tren gagal pada {n} titik akhir tahunnya ({years}): "
                                 "{message}",
        "segment_share": "{why}diproyeksikan sebagai bagiannya dari {total}: {share} % pada "
                         "{date}, {pairs} tanggal bersama, {trend}",
        "no_ceiling": "tidak ada deret plafon untuk {metric}",
        "passes_bound": "melewati batas sejak {year}: ditahan di bawahnya",
        "equal": " (titik terlalu sedikit untuk uji balik: bobot sama)",
        "no_trend": "tanpa tren bagian (satu tanggal bersama)",
        "trend": "tren bagian {b_post}/thn setelah penyusutan (sendiri {b_own}, bobot "
                 "{weight} %)",
        "none": "tidak ada",
    },
}

#: The codes of this module (:func:`forecast.reasons.reason_text` hands them here).
CODES = frozenset(("segment_own_trend", "segment_too_few", "segment_models_failed",
                   "segment_share", "no_ceiling", "passes_bound"))


def _num(value: float, spec: str, lang: str) -> str:
    """``value`` written with ``spec``; a decimal comma in Indonesian (0.008 -> 0,008)."""
    text = format(value, spec)
    return text.replace(".", ",") if lang == "id" else text


def _years(years, lang: str) -> str:
    return ", ".join(str(y) for y in years) or _TEXT[lang]["none"]


def engine_text(r: dict, lang: str, nm=str, why=None) -> str:
    """The words of an engine note ``r`` (a reason object of :data:`CODES`) in ``lang``.

    ``nm(metric)`` names a metric in a sentence; ``why(reason)`` gives the words of the
    nested reason of ``segment_share`` (default: this function's).

    Examples
    --------
    >>> engine_text({"code": "no_ceiling", "metric": "fund_investment"}, "id")
    'tidak ada deret plafon untuk fund_investment'
    """
    words, code = _TEXT[lang], r["code"]
    fields = dict(r)
    if "years" in fields:
        fields["years"] = _years(fields["years"], lang)
    if "metric" in fields:
        fields["metric"] = nm(fields["metric"])
    if code == "segment_own_trend":
        fields["used"] = ", ".join(f"{m} {_num(w, '.2f', lang)}"
                                   for m, w in r["weights"].items())
        fields["note"] = words["equal"] if r.get("equal_weights") else ""
    elif code == "segment_too_few":
        fields["s"] = plural_s(r["n"])
    elif code == "segment_share":
        trend = r.get("trend")
        fields["trend"] = words["no_trend"] if trend is None else words["trend"].format(
            b_post=_num(trend["b_post"], "+.3f", lang), b_own=_num(trend["b_own"], "+.3f", lang),
            weight=_num(100 * trend["weight_own"], ".0f", lang))
        fields["share"] = _num(100 * r["share"], ".1f", lang)
        fields["total"] = nm(r["total"])
        fields["s"] = plural_s(r["pairs"])
        if lang == "id":  # "30 April 2025"; English keeps the ISO date, as it always has
            fields["date"] = f"{day_month(r['date'][5:10], 'id')} {r['date'][:4]}"
        before = r.get("why")
        words_of = why or (lambda w: engine_text(w, lang, nm))
        fields["why"] = f"{words_of(before)}; " if before else ""
    return words[code].format(**fields)


def share_of(note) -> tuple[float, str] | None:
    """(share, ISO date) of a segment projected as its share of the total: from its reason
    object, or read from the English sentence of a results.json written before the codes;
    None for another note."""
    if isinstance(note, dict):
        return (float(note["share"]), note["date"]) if note.get("code") == "segment_share" \
            else None
    m = re.search(r"share of \w+: ([0-9.]+)% at (\d{4}-\d{2}-\d{2})", note or "")
    return (float(m.group(1)) / 100, m.group(2)) if m else None
