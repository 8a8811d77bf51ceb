"""How each input of the structural fund model was set, in words, in English and Bahasa
Indonesia.

results.json keeps, per input of ``funds_model.inputs``, the sentence
:mod:`forecast.funds` wrote (``how``, in English) and the fields it was written from
(``years``, ``yearly``, ``value``, ``sd``, ``unit``; ``funds_model.benefit_basis_years`` and
``last_observed``). :func:`how_text` writes the sentence again from those fields in the
reader's language, so the notebook's fund inputs table speaks Indonesian under
``lang="id"``; in English it writes what :mod:`forecast.funds` wrote.
"""

from __future__ import annotations

from .money import IDR_UNIT, PER_HEAD, per_head, per_head_currency, unit_label
from .plurals import plural_s
from .report.numbers import date as long_date

#: Per input: the ratio of series it is the mean of, in the notation of each language
#: (the metric ids are named by the table, :func:`forecast.tables.named`).
FORMULA = {
    "en": {"investment_return": "investment_income[y] / fund_investment[y-1]",
           "contribution_per_participant":
               "contributions[y] / mean(active_total[y-1], active_total[y])",
           "benefit_share": "benefits_paid[y] / fund_investment[y-1]"},
    "id": {"investment_return": "investment_income[t] / fund_investment[t-1]",
           "contribution_per_participant":
               "contributions[t] / rata-rata(active_total[t-1], active_total[t])",
           "benefit_share": "benefits_paid[t] / fund_investment[t-1]"},
}

_TEXT = {
    "en": {"start": "observed fund_investment at {date} ({unit}), the recursion's "
                    "starting point",
           "start_now": "fund_investment at {date} ({unit}) nowcast from the reading of "
                        "{read}, the recursion's starting point (each path scaled by a "
                        "lognormal draw, sd {sd})",
           "estimate": "{formula}, mean of {n} years ({shown}); {summary}; each path draws its "
                       "own level from N(mean, sd/sqrt({n})) plus N(0, sd) each year",
           "summary": "mean {mean}, year-to-year sd {sd}",
           "scenario": "the scenario's {value} in place of the estimated {estimated} (its "
                       "year-to-year sd {sd} kept)",
           "basis": "; share of the fund rather than of contributions: {fund} year{s} support{v} "
                    "it against {both} with both benefits and contributions"},
    "id": {"start": "fund_investment teramati pada {date} ({unit}), titik awal rekursi",
           "start_now": "fund_investment pada {date} ({unit}) diperkirakan dari pembacaan "
                        "{read}, titik awal rekursi (setiap jalur diskalakan dengan satu "
                        "tarikan lognormal, simpangan baku {sd})",
           "estimate": "{formula}, rata-rata {n} tahun ({shown}); {summary}; setiap jalur "
                       "menarik tingkatnya sendiri dari N(rata-rata, sd/akar({n})) ditambah "
                       "N(0, sd) setiap tahun",
           "summary": "rata-rata {mean}, simpangan baku antartahun {sd}",
           "scenario": "{value} dari skenario, menggantikan perkiraan {estimated} "
                       "(simpangan baku antartahunnya {sd} tetap)",
           "basis": "; sebagai bagian dari dana, bukan dari iuran: {fund} tahun mendukungnya, "
                    "dibanding {both} tahun yang memuat manfaat dan iuran sekaligus"},
}


#: The shipped fund unit's words (a results.json without the scheme's units).
_SHIPPED_UNIT = {"en": "Rp trillion", "id": "Rp triliun"}


def _number(x: float, lang: str, kind: str) -> str:
    """A ratio as :mod:`forecast.funds` writes it (``8.67%``, ``Rp2.285M``); in Indonesian
    with a decimal comma and its words (``8,67 %``, ``Rp2,285 jt``). ``kind``: ``fraction``
    or the unit of a contribution per head (``THB_per_participant_year``: ``2,285 THB``)."""
    if kind == "fraction":
        text = f"{x:.2%}"
        return text if lang == "en" else text[:-1].replace(".", ",") + " %"
    currency = per_head_currency(kind)
    if currency is None:  # the fund's unit a head, its scale not known (forecast.money)
        text = f"{x:.4g} {kind.removesuffix(PER_HEAD)}"
        return text if lang == "en" else text.replace(".", ",")
    return per_head(x, currency, lang, short=True)


def how_text(d: dict, funds_model: dict, lang: str, units: dict | None = None) -> str:
    """How the fund model input ``d`` (an entry of ``funds_model["inputs"]``) was set, in
    ``lang``; the stored sentence when the fields to write it from are not all there.
    ``units``: results.json's ``scheme.units``, the fund unit's words."""
    name, words = d.get("name"), _TEXT[lang]
    if name == "fund_start" and (funds_model.get("last_observed") or {}).get("date"):
        day = funds_model["last_observed"]["date"]  # ISO, as funds wrote it in English
        start = funds_model.get("start") or {}
        unit = funds_model.get("unit") or IDR_UNIT
        words_of = (lambda d: d if lang == "en" else long_date(d, lang))  # noqa: E731
        unit = unit_label(unit, units, lang) if units or unit != IDR_UNIT \
            else _SHIPPED_UNIT[lang]
        if start.get("date") and start["date"] != day:  # a nowcast from that reading
            return words["start_now"].format(date=words_of(start["date"]), unit=unit,
                                             read=words_of(day), sd=_number(
                                                 start.get("sd_log") or 0.0, lang, "fraction"))
        return words["start"].format(date=words_of(day), unit=unit)
    if isinstance(d.get("estimated"), (int, float)) and isinstance(d.get("value"), (
            int, float)) and isinstance(d.get("sd"), (int, float)):  # a scenario's value
        kind = d.get("unit") if isinstance(d.get("unit"), str) else "fraction"
        return words["scenario"].format(**{k: _number(d[k], lang, kind)
                                           for k in ("value", "estimated", "sd")})
    years, yearly = d.get("years") or [], d.get("yearly") or []
    if name not in FORMULA[lang] or not years or len(years) != len(yearly) or \
            d.get("value") is None or d.get("sd") is None:
        return d.get("how", "")
    kind = d.get("unit") if isinstance(d.get("unit"), str) else "IDR" + PER_HEAD
    shown = ", ".join(f"{y} {_number(v, lang, kind)}" for y, v in zip(years, yearly))
    summary = words["summary"].format(mean=_number(d["value"], lang, kind),
                                      sd=_number(d["sd"], lang, kind))
    text = words["estimate"].format(formula=FORMULA[lang][name], n=len(years), shown=shown,
                                    summary=summary)
    basis = funds_model.get("benefit_basis_years") or {}
    if name == "benefit_share" and "fund" in basis and "contributions" in basis:
        k = len(basis["fund"])
        text += words["basis"].format(fund=k, both=len(basis["contributions"]), s=plural_s(k),
                                      v="s" if k == 1 else "")
    return text
