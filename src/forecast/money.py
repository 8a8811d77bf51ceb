"""Money in the scheme's own currency and unit: the fund model's amounts and its
contribution per participant.

A scheme's money unit (``[units.THB_billion]``) holds amounts in some multiple of the
currency of ``[scheme] currency``. That multiple, the unit's *scale*, is its optional
``scale`` key (``scale = 1e9``), else the suffix of its id (``_thousand``, ``_million``,
``_billion``, ``_trillion``); without either it is not known, and the contribution per
participant (currency units a head) is not shown, while the fund model runs as before
(the scale cancels out of its recursion). The shipped scheme (``IDR_trillion``, rupiah)
keeps its own words: ``Rp2,285,374``, ``Rp trillion``.
"""

from __future__ import annotations

import math

#: Scale of a unit id's recognised suffix: currency units in one unit of the value.
SUFFIX_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
#: The shipped scheme's currency and money unit, written the Indonesian way (Rp...).
IDR, IDR_UNIT = "IDR", "IDR_trillion"
#: The unit of a contribution per participant ends so: ``THB_per_participant_year``.
PER_HEAD = "_per_participant_year"
#: Largest scale a scheme file may state (as a unit's ``max``).
MAX_SCALE = 1e18


def suffix_scale(unit_id: str) -> float | None:
    """The scale an id's suffix names (``THB_billion`` -> 1e9), else None."""
    return SUFFIX_SCALES.get(unit_id.rsplit("_", 1)[-1].lower()) if "_" in unit_id else None


def unit_scale(unit) -> float | None:
    """Currency units in one unit of ``unit`` (a :class:`forecast.scheme.Unit`): its
    ``scale`` key, else its id's suffix, else None."""
    own = getattr(unit, "scale", None)
    return own if own is not None else suffix_scale(unit.id)


def parse_scale(spec: dict, path, key: str, fail) -> float | None:
    """The optional ``scale`` of a ``[units.X]`` table, checked: a number above 0 up to
    1e18 (``fail(path, key, expected, found)`` builds the one-line error)."""
    if "scale" not in spec:
        return None
    value = spec["scale"]
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not (0 < value <= MAX_SCALE):  # NaN and inf too
        raise fail(path, f"{key}.scale", "a positive number up to 1e18: the currency "
                   "units in one unit of the value (1e9 for an amount in billions)", value)
    return float(value)


def per_head_unit(currency: str) -> str:
    """``IDR_per_participant_year``: the unit of a contribution per participant."""
    return currency + PER_HEAD


def per_head_currency(unit: str | None) -> str | None:
    """The currency of a per-participant unit (``THB_per_participant_year`` -> THB)."""
    if isinstance(unit, str) and unit.endswith(PER_HEAD):
        head = unit[:-len(PER_HEAD)]
        return head if len(head) == 3 and head.isalpha() and head.isupper() else None
    return None


def _grouped(value: float, decimals: int, lang: str) -> str:
    text = f"{value:,.{decimals}f}"
    return text if lang != "id" else text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def per_head(value: float, currency: str, lang: str = "en", *, short: bool = False) -> str:
    """A contribution per participant: ``Rp2,285,374`` (``short``: ``Rp2.285M``, as the
    fund model's sentences write it) for rupiah; ``2,285 THB`` in another currency."""
    if currency == IDR:
        if short:
            text = f"{value / 1e6:.3f}"
            return f"Rp{text}M" if lang != "id" else f"Rp{text.replace('.', ',')} jt"
        return "Rp" + _grouped(value, 0, lang)
    decimals = 0 if abs(value) >= 10 or value == 0 else \
        max(1, 1 - math.floor(math.log10(abs(value))))  # 0.42 EUR, never "0 EUR"
    return f"{_grouped(value, decimals, lang)} {currency}"


#: Why the contribution per participant is not shown, in each language.
_MISSING = {
    "en": ("not shown: the unit {unit} of fund_investment has no scale in scheme.toml; add "
           "scale = 1e9 to [units.{unit}] if it counts billions of {currency} (or end its id "
           "in _thousand, _million, _billion or _trillion)"),
    "id": ("tidak ditampilkan: satuan {unit} dari fund_investment tidak memiliki skala di "
           "scheme.toml; tambahkan scale = 1e9 pada [units.{unit}] bila satuannya miliar "
           "{currency} (atau akhiri id-nya dengan _thousand, _million, _billion atau "
           "_trillion)"),
}


def missing_scale(missing: dict, lang: str = "en") -> str:
    """The one line saying what is missing (``missing``: ``{"unit", "currency"}``)."""
    missing = missing if isinstance(missing, dict) else {}  # a hand-edited results.json
    return _MISSING.get(lang, _MISSING["en"]).format(unit=missing.get("unit", "?"),
                                                     currency=missing.get("currency", "?"))


#: The fund model's input names that carry a money unit, for a scheme other than the
#: shipped one: {unit} the fund's unit label, {currency} the currency code.
_INPUT_NAMES = {
    "en": {"fund_start": "Fund at the start ({unit})",
           "contribution_per_participant": "Contributions per active participant a year "
                                           "({currency})"},
    "id": {"fund_start": "Dana awal ({unit})",
           "contribution_per_participant": "Iuran per peserta aktif per tahun ({currency})"},
}


def unit_label(unit: str, units: dict | None, lang: str) -> str:
    """A unit's label in ``lang`` from results.json's ``scheme.units`` (its id if none)."""
    labels = ((units or {}).get(unit) or {}).get("labels") or {}
    return labels.get(lang) or labels.get("en") or unit


def input_name(name: str, lang: str, funds_model: dict, units: dict | None,
               shipped) -> str:
    """A fund model input in words: ``shipped(name, lang)`` for the shipped scheme's
    rupiah, else with the scheme's unit and currency ("Fund at the start (THB billion)")."""
    unit = funds_model.get("unit") or IDR_UNIT
    inputs = {i.get("name"): i for i in funds_model.get("inputs") or [] if isinstance(i, dict)}
    currency = per_head_currency((inputs.get("contribution_per_participant") or {})
                                 .get("unit"))
    if unit == IDR_UNIT and currency in (IDR, None) and not funds_model.get("scale_missing"):
        return shipped(name, lang)
    form = _INPUT_NAMES.get(lang, _INPUT_NAMES["en"]).get(name)
    if form is None:
        return shipped(name, lang)
    if name == "contribution_per_participant" and currency is None:
        return shipped(name, lang).replace(" (Rp)", "")
    return form.format(unit=unit_label(unit, units, lang), currency=currency)


#: The fund model's flows, added to the fund in its recursion: one unit with it.
FUND_FLOWS = ("contributions", "benefits_paid", "investment_income")


def fund_money(scheme, error) -> tuple[str, str, float | None, str]:
    """``(unit id, currency, scale or None, English unit label)`` of a scheme's
    ``fund_investment``; ``error`` (ModelError) when a flow is in another unit."""
    unit = scheme.unit_of("fund_investment")
    odd = [f"{m} in {scheme.unit_of(m)}" for m in FUND_FLOWS
           if m in scheme.metrics and scheme.unit_of(m) != unit]
    if odd:
        raise error(f"fund model: the recursion adds the flows to the fund, so they need "
                    f"its unit {unit}; found {', '.join(odd)}")
    own = scheme.units[unit]
    return unit, scheme.currency, unit_scale(own), own.labels.get("en", unit)


def input_cells(d: dict, funds_model: dict, lang: str, shown) -> dict:
    """A fund model input's ``value`` and ``sd`` cells written by ``shown(x, lang)``; for
    a contribution per head in no known currency, the line saying what is missing."""
    if d.get("name") == "contribution_per_participant" and funds_model.get("scale_missing"):
        return {"value": missing_scale(funds_model["scale_missing"], lang), "sd": ""}
    return {"value": shown(d["value"], lang), "sd": shown(d.get("sd"), lang)}


#: The metrics the structural fund model reads (forecast.funds.calibrate); national,
#: schemesections and data check take them from here.
FUND_METRICS = ("fund_investment", "active_total") + FUND_FLOWS


def fund_warnings(scheme) -> list[str]:
    """``forecast data check``'s lines on a scheme with the fund model's metrics whose
    fund unit has no scale or whose flows are in another unit (empty otherwise)."""
    if not all(m in scheme.metrics for m in FUND_METRICS):
        return []
    where = f"{scheme.path.name if scheme.path else 'scheme.toml'}: warning: "
    unit = scheme.unit_of("fund_investment")
    odd = [f"{m} in {scheme.unit_of(m)}" for m in FUND_FLOWS if scheme.unit_of(m) != unit]
    if odd:
        return [f"{where}the fund model adds contributions, benefits and income to the fund, "
                f"so they need its unit {unit}; found {', '.join(odd)} (the model is skipped)"]
    if unit_scale(scheme.units[unit]) is None:
        return [where + "contribution per participant " + missing_scale(
            {"unit": unit, "currency": scheme.currency})]
    return []


#: A year whose fund moves further than this share of the fund from what its flows add
#: (contributions - benefits + investment income) is doubtful: the shipped data's worst
#: year is 3 % (2020: a fund counted wider than its programmes' flows).
FLOW_GAP = 0.10


def flow_gaps(panel, select, real=str) -> list[tuple[str, str]]:
    """``(date, words)`` for the top region's year-ends whose fund change is more than
    :data:`FLOW_GAP` of the fund away from contributions - benefits + investment income
    of that year (flows in another scale or a fund counted otherwise): the structural
    model's recursion adds those flows, so its projection would be off by as much.
    ``select(panel, region, metric)`` gives the year-end series; ``real(iso)`` a day of
    the scheme's years as the files write it (a fiscal year-end)."""
    scheme = panel.scheme
    if not all(m in scheme.metrics for m in FUND_METRICS):
        return []
    top = scheme.top_region
    got = {m: dict(zip(s.dates, s.values)) for m in FUND_METRICS
           for s in [select(panel, top, m)]}
    fund, out = got["fund_investment"], []
    dates = sorted(fund)
    for before, date in zip(dates, dates[1:]):
        flows = [got[m].get(date) for m in ("contributions", "benefits_paid",
                                            "investment_income")]
        if None in flows or int(date[:4]) - int(before[:4]) != 1 or fund[before] <= 0:
            continue
        added = flows[0] - flows[1] + flows[2]
        moved = fund[date] - fund[before]
        if abs(moved - added) > FLOW_GAP * fund[before]:
            base, before, date = fund[before], real(before), real(date)
            out.append((date, f"the fund moves {moved:,.1f} from {before} to {date} but its "
                              f"flows add {added:,.1f} (contributions {flows[0]:,.1f} - "
                              f"benefits {flows[1]:,.1f} + investment income "
                              f"{flows[2]:,.1f}); expected them within "
                              f"{FLOW_GAP:.0%} of the fund ({base:,.1f}) (flows in "
                              f"another scale, or a fund counted wider?)"))
    return out
