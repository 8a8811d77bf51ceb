"""Numbers of the ``forecast run`` table (and ``forecast compare``) as a planner reads
them: 41.56M persons, Rp712.3T, 37.0% in English; 41,56 jt, Rp712,3T, 37,0% in Indonesian.

The language and the scheme's units are set once per table by
:func:`forecast.textfmt.format_results` (context variables, so a table never leaks its
settings into another thread's).
"""

from __future__ import annotations

import math
import re
from contextvars import ContextVar

from . import config
from .fiscal import year_of
from .plurals import plural, plural_s  # noqa: F401 (shared here with the number words)

#: Units of the scheme of the results being formatted (set by :func:`format_results`).
UNITS: ContextVar[dict] = ContextVar("textfmt_units", default={})
#: The language of the table being formatted (set by :func:`format_results`).
LANG: ContextVar[str] = ContextVar("textfmt_lang", default="en")


#: Scales of a large amount in a scheme's own unit (English letter, Indonesian word; M
#: becomes "jt" in :func:`local`).
BIG = ((1e12, "T", " triliun"), (1e9, "bn", " miliar"), (1e6, "M", "M"))


#: A unit label that already names a scale ("thousand people", "ribu jiwa", "'000 members"):
#: its values are written as they are, never scaled again ("7.0k thousand people").
#: The scale words of South Asia (lakh = 1e5, crore = 1e7) and the abbreviations of
#: financial statements (EUR mn, USD bn, and glued to a currency: EURm, €bn, US$m) are
#: scales too: "5.00M INR crore" is no amount.
SCALED_LABEL = re.compile(r"(?i)\b(thousands?|millions?|billions?|trillions?|ribu|juta|miliar|"
                          r"triliun|lakhs?|lacs?|crores?|mn|bn|rb|jt)\b|'000|000s"
                          r"|(?-i:(?:\b[A-Z]{3}|[€$£¥₹]) ?(?:m|mn|bn)\b)")


def scaled_label(label: str) -> bool:
    """Whether ``label`` names a scale of its own.

    Examples
    --------
    >>> scaled_label("thousand people"), scaled_label("ribu jiwa"), scaled_label("people")
    (True, True, False)
    >>> scaled_label("INR crore"), scaled_label("EURm"), scaled_label("US$bn"), scaled_label("km")
    (True, True, True, False)
    """
    return bool(SCALED_LABEL.search(label))


#: The factor of each scale a unit label may name: the count it stands for per unit.
LABEL_FACTORS = ((re.compile(r"(?i)\b(trillions?|triliun)\b"), 1e12),
                 (re.compile(r"(?i)\b(billions?|miliar|bn)\b"), 1e9),
                 (re.compile(r"(?i)\bcrores?\b"), 1e7),
                 (re.compile(r"(?i)\b(millions?|juta|jt|mn)\b"), 1e6),
                 (re.compile(r"(?i)\b(lakhs?|lacs?)\b"), 1e5),
                 (re.compile(r"(?i)\b(thousands?|ribu|rb)\b|'000|000s"), 1e3))


def label_factor(label: str) -> float:
    """How many of what is counted one unit named ``label`` stands for (1 without a scale):
    a count written as people must be multiplied by it (22,000 thousand is 22 million).

    Examples
    --------
    >>> label_factor("thousand persons"), label_factor("'000 members"), label_factor("people")
    (1000.0, 1000.0, 1.0)
    """
    return next((f for pattern, f in LABEL_FACTORS if pattern.search(label)), 1.0)


def local(text: str) -> str:
    """English number style to the language's: ``1,234.5`` -> ``1.234,5`` in Indonesian,
    and the scale letters bn/M/k as ``miliar``/``jt``/``rb``."""
    if LANG.get() != "id":
        return text
    text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    # A scale letter ends the number: the text's end, or before a unit ("180,00M jiwa").
    return re.sub(r"(?<=\d)(bn|M|k)(?= |$)",
                  lambda m: {"bn": " miliar", "M": " jt", "k": " rb"}[m.group(1)], text)


def fmt_value(value: float | None, unit: str, *, signed: bool = False, extra: int = 0) -> str:
    """A value in words a planner reads: 41.56M persons, Rp712.3T, 37.0%; ``extra`` more
    decimals (:func:`extra_digits`)."""
    if value is None:
        return "n/a" if LANG.get() == "en" else "t/a"
    return local(_fmt_value(value, unit, signed, extra))


def share_digits(value: float, digits: int) -> tuple[float, int]:
    """The value and decimals a share in percent prints with: ``digits``, or up to two more
    where a share inside (0, 100) would print as its bound, then cut toward the inside, so
    that a projection that approaches 100 % never reads as 100.0 % (nor 0.0 % above 0).

    Examples
    --------
    >>> share_digits(99.96, 1), share_digits(99.99996, 1), share_digits(37.04, 1)
    ((99.96, 2), (99.999, 3), (37.04, 1))
    """
    if value is None or not 0 < value < 100:
        return value, digits
    d = digits
    while d < digits + 2 and not 0 < round(value, d) < 100:
        d += 1
    if not 0 < round(value, d) < 100:  # still the bound: cut, not rounded, toward inside
        scale = 10 ** d
        value = (math.floor(value * scale) if value > 50 else math.ceil(value * scale)) / scale
    return value, d


def share_extra(values) -> int:
    """The extra decimals (0 to 2) with which no share of ``values`` inside (0, 100) prints
    as its bound: a band of 99.8 % to 99.97 % is "99.80 % to 99.97 %", not "... 100.0 %"
    (and one precision for the values shown together, where :func:`share_digits` alone
    would give the one near the bound its own)."""
    inside = [float(v) for v in values if v is not None and 0 < v < 100]
    return next((e for e in range(3) if all(0 < round(v, 1 + e) < 100 for v in inside)), 2)


def _share(value: float, sign: str, digits: int) -> str:
    value, digits = share_digits(value, digits)
    return f"{sign}{value:.{digits}f}%"


def _fmt_value(value: float, unit: str, signed: bool, extra: int = 0) -> str:
    sign = "+" if signed and value > 0 else ""
    if unit == "persons":
        if abs(value) >= 1e9:  # 1.07bn people, never "1,070.00M"
            return f"{sign}{value / 1e9:,.{2 + extra}f}bn"
        if abs(value) >= 1e6:
            return f"{sign}{value / 1e6:,.{2 + extra}f}M"
        if abs(value) >= 1e4:  # under 10,000 counted as such: 9,500, not 9.50k
            return f"{sign}{value / 1e3:,.{1 + extra}f}k"
        return f"{sign}{value:,.0f}"
    if unit == "IDR_trillion":
        return f"{sign}Rp{value:,.{1 + extra}f}T"
    if unit == "percent":
        return _share(value, sign, 1 + extra)
    own = UNITS.get().get(unit)  # a unit of the data folder's scheme.toml
    if own is not None:
        if own.get("max") == 100:
            return _share(value, sign, 1 + extra)
        labels = own.get("labels") or {}
        label = labels.get(LANG.get()) or labels.get("en") or unit
        if own.get("count") and scaled_label(label):  # 7,000 thousand people, not 7.0k
            if 0 < abs(value) < 1:
                return f"{sign}{value:.{2 + extra}g} {label}"
            return f"{sign}{value:,.{(0 if abs(value) >= 100 else 1) + extra}f} {label}"
        if own.get("count"):  # a few thousand counted as such, as in the PDFs: 2,160
            return (f"{sign}{value:,.0f} {label}" if abs(value) < 1e4 else
                    f"{_fmt_value(value, 'persons', signed, extra)} {label}")
        if 0 < abs(value) < 1:  # two significant digits: 0.083, never a false "0.0"
            return f"{sign}{value:.{2 + extra}g} {label}"
        if scaled_label(label):  # 1,500,000 KRW billion, never "1.50M KRW billion"
            return f"{sign}{value:,.{(0 if abs(value) >= 1e4 else 1) + extra}f} {label}"
        for div, en, id_ in BIG:  # an amount in plain currency units: 25.00T naira
            if abs(value) >= div:
                return (f"{sign}{value / div:,.{2 + extra}f}"
                        f"{en if LANG.get() == 'en' else id_} {label}")
        return f"{sign}{value:,.{1 + extra}f} {label}"
    return f"{sign}{value:,.{4 + extra}g} {unit}"


#: At most this many decimals more than usual tell values apart (:func:`extra_digits`).
MAX_EXTRA = 4


def digits_apart(show, values) -> int:
    """The fewest extra decimals (0 to :data:`MAX_EXTRA`) with which ``show(value, extra)``
    prints values that differ differently: a band of 2,496,000 to 2,504,000 is not
    "2.50M to 2.50M", nor a median of 69.996M "70.00M" beside a 70M target.

    ``show`` prints in English style; trailing decimal zeros are dropped before comparing
    (``70`` and ``70.0`` read the same).
    """
    xs = sorted({float(v) for v in values if v is not None})
    # A pair no decimals part (a count of a few people prints whole at any precision: 39.6
    # and 40) does not ask for them: the target beside it would read "60.00000k".
    distinct = [(a, b) for a, b in zip(xs, xs[1:])
                if abs(b - a) > 1e-9 * max(abs(a), abs(b), 1e-12)
                and _read(show(a, MAX_EXTRA)) != _read(show(b, MAX_EXTRA))]
    for extra in range(MAX_EXTRA + 1):
        if all(_read(show(a, extra)) != _read(show(b, extra)) for a, b in distinct):
            return extra
    return MAX_EXTRA


def stated_extra(show, x: float | None, cap: int = 2) -> int:
    """The fewest extra decimals (0 to ``cap``) with which ``show(x, extra)`` prints a
    stated number as stated: a target of 57.55 million is not "57.5 million", nor 32.15 %
    "32.1 %" (0 where even ``cap`` does not: 1,763,259 persons stays "1.8 million")."""
    if x is None:
        return 0
    full = _read(show(x, MAX_EXTRA))
    return next((e for e in range(cap + 1) if _read(show(x, e)) == full), 0)


def _read(text: str) -> str:
    """A number printed in English style as read: "70.0 million" and "70 million" alike."""
    return re.sub(r"\.(\d*?)0+(?!\d)", lambda m: "." + m.group(1) if m.group(1) else "", text)


def extra_digits(values, unit: str, stated=None) -> int:
    """The extra decimals of :func:`fmt_value` that tell ``values`` apart (a target, its
    last reading, the median and the band ends of one target block), and print the
    ``stated`` target (or targets and readings, a list) as stated (:func:`stated_extra`)."""
    values = list(values)

    def show(v, extra):
        return _fmt_value(v, unit, False, extra)

    said = stated if isinstance(stated, (list, tuple)) else [stated]
    apart = max([digits_apart(show, values)] + [stated_extra(show, x) for x in said])
    share = unit == "percent" or (UNITS.get().get(unit) or {}).get("max") == 100
    return max(apart, share_extra(values)) if share else apart


#: The classification rules' thresholds of a progress ratio (forecast.config): a ratio
#: just under one prints a third decimal, not the threshold itself.
RATIO_THRESHOLDS = (config.UNSD_ON_TRACK, config.UNSD_REGRESSION, config.STATCAN_ON_TRACK,
                    config.STATCAN_ACCELERATION)


def two_decimals(x: float) -> str:
    """``x`` to two decimals in English style, or three where two would print a
    classification threshold it is under: 0.947 is "acceleration needed" and printed "0.95"
    beside 0.952's "on track".

    >>> two_decimals(0.947), two_decimals(0.952), two_decimals(1.234), two_decimals(-0.001)
    ('0.947', '0.95', '1.23', '0.00')
    """
    text = f"{x:,.2f}".replace("-0.00", "0.00")
    return f"{x:,.3f}" if any(float(text) == th and x < th for th in RATIO_THRESHOLDS) \
        else text


def fmt_ratio(x: float | None) -> str:
    """A progress ratio to two decimals (:func:`two_decimals`); "n/a" ("t/a") for none.

    >>> fmt_ratio(-0.001), fmt_ratio(1.234), fmt_ratio(None)
    ('0.00', '1.23', 'n/a')
    """
    if x is None:
        return fmt_value(None, "")
    return local(two_decimals(x))


def fmt_pct(x: float | None, digits: int = 1) -> str:
    if x is None:
        return "n/a" if LANG.get() == "en" else "t/a"
    text = f"{x * 100:.{digits}f}%"
    # A fall too small to show is no fall: -0.004 % is "0.0%", never "-0.0%".
    return local(text[1:] if text.startswith("-") and set(text[1:-1]) <= set("0.") else text)


def fmt_prob(p: float) -> str:
    """Probabilities near 0 or 1 are shown as bounds, not as a false 0 % or 100 %."""
    # Under 0.1 % or over 99.9 % is shown as the bound, as the PDFs and the notebook tables
    # show it (report.numbers.probability, styles.probability): 0.04 % of paths is not
    # "0.0 %", and 0.06 % is not the "0.1 %" the PDF beside it writes "<0.1 %".
    if 0.0 <= p < 0.001:
        return local("<0.1%")
    if 0.999 < p <= 1.0:
        return local(">99.9%")
    return fmt_pct(p)


def recent_years(t: dict, last_year: str) -> str | None:
    """The first year of the recent growth (``historical_cagr_3y``): its base reading's
    year; 3 years before ``last_year`` in a results.json written before it was named."""
    if t.get("historical_cagr_3y") is None:
        return None
    since = t.get("historical_cagr_3y_from")
    return year_of(since) if since else str(int(last_year) - 3)


def pace_from(t: dict) -> str:
    """The first year of the growth achieved (``historical_cagr``): the data quality's first
    year-end, but a coverage target's history (carried back from its count, or its own
    readings where it moves with another region's count) can start later: its first point.
    """
    history = t.get("history") or []
    first = ((history[0]["date"] if t.get("coverage_basis") and history else None)
             or (t.get("data_quality") or {}).get("first")
             # no year-end read (a region read each September): its first reading
             or t.get("historical_cagr_from") or "")
    return year_of(first) if first else ""

def pace_to(t: dict) -> str:
    """The last year of the growth achieved: the year-end of the fitted series it is measured
    to. A nowcast year-end (the year of a mid-year reading, :mod:`forecast.nowcast`) where
    there is one, else the last year-end read (a later reading the models did not fit is
    not in it); a coverage target's history ends at its anchor reading, where it is measured
    to."""
    history = t.get("history") or []
    dq = t.get("data_quality") or {}
    last = ((history[-1]["date"] if t.get("coverage_basis") and history else None)
            or (dq.get("nowcast") or {}).get("year_end") or dq.get("last")
            or (history[-1]["date"] if history else None) or t["last_observed"]["date"])
    return year_of(last)


def were(k: int, n: int) -> str:
    """The verb (English) of "k of n were met": "was" for one forecast or one of many ("1 of 10")."""
    return "was" if k == 1 or n == 1 else "were"

