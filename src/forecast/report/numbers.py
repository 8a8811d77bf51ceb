"""Numbers as a manager reads them, in English or the Indonesian way.

English: ``Rp1,001 trillion``, ``70 million``, ``4.9 %``. Indonesian: ``Rp1.001 triliun``,
``70 juta``, ``4,9 %`` (a dot groups thousands, a comma marks decimals). Every string the
PDFs show is built here, so the tests can format a results.json number the same way and
look for it in the PDF text.
"""

from __future__ import annotations

import math
import re

from .. import config
from ..fiscal import end_of_year
from ..params import check_language
from ..textnum import digits_apart, scaled_label, share_digits, share_extra, stated_extra
from .words import scheme_metric, scheme_unit

#: The report languages (one set for the package: :data:`forecast.config.LANGUAGES`).
LANGS = config.LANGUAGES

#: Words for the scales of counts and money, per language.
_WORDS = {
    "en": {"million": "million", "thousand": "thousand", "trillion": "trillion",
           "billion": "billion", "na": "n/a", "already_reached": "reached",
           "not_meaningful": "not meaningful"},
    "id": {"million": "juta", "thousand": "ribu", "trillion": "triliun", "billion": "miliar",
           "na": "t/a", "already_reached": "sudah tercapai", "not_meaningful": "tidak bermakna"},
}

#: The scale words, for the charts' axes too.
WORDS = _WORDS

#: A narrow no-break space keeps "4.9 %" and "70 million" on one line in the PDF. The
#: tests normalise it to a plain space when they read the text back.
NBSP = "\u00a0"


def spaced_percent(text: str) -> str:
    """Words made for the run table ("15.1%/yr") with the PDF's percent sign ("15.1 %/yr")."""
    return re.sub(r"(\d)%", r"\1" + NBSP + "%", text)


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported language, else raise ParameterError."""
    return check_language(lang)


def number(value: float, decimals: int, lang: str) -> str:
    """``value`` with ``decimals`` decimals and grouped thousands in the style of ``lang``.

    Examples
    --------
    >>> number(1001, 0, "en"), number(1001, 0, "id"), number(4.94, 1, "id")
    ('1,001', '1.001', '4,9')
    """
    text = f"{value:,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if text.startswith("-") and set(text[1:]) <= set("0.,"):
        text = text[1:]  # no "-0.0" from rounding a tiny negative value
    return text


#: Scales of a large amount in a scheme's own unit ("naira", not "naira million"): the
#: largest the amount reaches, so 25,000,000,000,000 naira reads 25 trillion naira.
BIG_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def big_scale(*values: float | None) -> tuple[float, str | None]:
    """The divisor and scale word of amounts shown together (1 and None below a million)."""
    big = max((abs(v) for v in values if v is not None), default=0.0)
    return next(((d, k) for d, k in BIG_SCALES if big >= d), (1.0, None))


def _decimals(x: float, extra: int = 0, whole: bool = True) -> int:
    """Whole numbers are shown whole (70 million) unless ``whole`` is False; others with
    one decimal (45.2 million), or ``1 + extra``."""
    return 0 if whole and math.isclose(x, round(x), abs_tol=1e-9) else 1 + extra


def persons_scale(*values: float | None) -> str:
    """The scale shared by counts shown side by side: ``billion`` (a nation's population
    scheme: never "1,070 million"), ``million`` or ``thousand``."""
    big = max((abs(v) for v in values if v is not None), default=0.0)
    return "billion" if big >= 1e9 else "million" if big >= 1e6 else "thousand"


def persons(value: float | None, lang: str, *, scale: str | None = None,
            signed: bool = False, extra: int = 0, whole: bool = True) -> str:
    """A count of people: ``45.2 million`` / ``45,2 juta``, ``305 thousand`` / ``305 ribu``.

    Parameters
    ----------
    value : float or None
        Persons; None gives "n/a".
    lang : {"en", "id"}
    scale : {"billion", "million", "thousand", "unit"}, optional
        Force a scale so that numbers compared in one sentence share it; default chosen
        from the value.
    signed : bool
        Prefix a ``+`` on positive values (net additions).
    extra : int
        Decimals more than usual (:func:`entry_extra`), for values shown together that
        would otherwise print alike.
    whole : bool
        Show a whole number whole (640 thousand); False gives it the decimals of the
        others (640.0 thousand), for numbers shown together (:func:`shown_together`).
    """
    if value is None:
        return _WORDS[lang]["na"]
    # Under 10,000 counted as such, as a scheme's own count: 9,500, not 9.500 thousand.
    scale = scale or small_count(value) or persons_scale(value)
    sign = "+" if signed and value > 0 else ""
    if scale == "unit" or (scale == "thousand" and abs(value) < 1e3):
        return f"{sign}{number(value, 0, lang)}"
    div = {"billion": 1e9, "million": 1e6}.get(scale, 1e3)
    x = value / div
    # Billions keep two decimals (1.07 billion): one would move a count by 50 million.
    more = extra + (scale == "billion")
    return f"{sign}{number(x, _decimals(x, more, whole), lang)}{NBSP}{_WORDS[lang][scale]}"


def small_count(x: float | None) -> str | None:
    """``"unit"``, the scale of a scheme's count below 10,000 (counted as such: 2,160
    members), else None (the scale :func:`persons` picks)."""
    return "unit" if x is not None and abs(x) < 1e4 else None


def rupiah(value: float | None, lang: str, *, signed: bool = False, extra: int = 0,
           whole: bool = True) -> str:
    """An amount given in IDR trillion: ``Rp1,001 trillion`` / ``Rp1.001 triliun``.

    Amounts under one trillion are shown in billions (``Rp850 billion`` / ``Rp850 miliar``).
    """
    if value is None:
        return _WORDS[lang]["na"]
    sign = "+" if signed and value > 0 else ("-" if value < 0 else "")
    v = abs(value)
    if v < 1 and v > 0:
        b = round(v * 1000)
        return f"{sign}Rp{number(b, 0, lang)}{NBSP}{_WORDS[lang]['billion']}"
    return f"{sign}Rp{number(v, _decimals(v, extra, whole), lang)}{NBSP}{_WORDS[lang]['trillion']}"


def percent_value(value: float | None, lang: str, *, signed: bool = False,
                  extra: int = 0) -> str:
    """A value already in percent (coverage): ``37.2 %``."""
    if value is None:
        return _WORDS[lang]["na"]
    sign = "+" if signed and value > 0 else ""
    value, digits = share_digits(value, 1 + extra)  # 99.96 %, never 100.0 % below the bound
    return f"{sign}{number(value, digits, lang)}{NBSP}%"


def value(x: float | None, unit: str, lang: str, *, signed: bool = False,
          scale: str | None = None, extra: int = 0, whole: bool = True) -> str:
    """A value in its unit: persons, IDR trillion or percent (see the functions above);
    ``extra`` decimals more than usual (:func:`entry_extra`); ``whole`` False gives a whole
    number decimals too (:func:`shown_together`)."""
    if unit == "persons":
        return persons(x, lang, signed=signed, scale=scale, extra=extra, whole=whole)
    if unit == "IDR_trillion":
        return rupiah(x, lang, signed=signed, extra=extra, whole=whole)
    if unit == "percent":
        return percent_value(x, lang, signed=signed, extra=extra)
    own = scheme_unit(unit)  # a unit of the data folder's scheme.toml
    if own is not None:
        if own.get("max") == 100:
            return percent_value(x, lang, signed=signed, extra=extra)
        if x is None:
            return _WORDS[lang]["na"]
        label = (own.get("labels") or {}).get(lang) or unit
        if own.get("count") and scaled_label(label):  # 7,000 thousand people, not 7.0k
            # Nothing is "0", as a whole number is whole (_decimals): never "0.0 thousand".
            digits = (1 - math.floor(math.log10(abs(x))) + extra if 0 < abs(x) < 1
                      else 0 if abs(x) >= 100 else _decimals(x, extra, whole))
            sign = "+" if signed and x > 0 else ""
            return f"{sign}{number(x, digits, lang)}{NBSP}{label}"
        # The unit's name after a plain space: a table cell may wrap before it ("2.16
        # thousand / members"); glued on, a long name ran over the next column.
        if own.get("count"):
            scale = scale or small_count(x)  # 2,160 members, not 2.16 thousand members
            count = persons(x, lang, signed=signed, scale=scale, extra=extra, whole=whole)
            return f"{count} {label}"
        sign = "+" if signed and x > 0 else ""
        # A label naming its scale is not scaled again: 1,500,000 KRW billion, never "1.50
        # million KRW billion" (and no band from "970,658 KRW billion" to "1.90 million").
        scaled = scaled_label(label)
        if scaled and abs(x) >= 1e4:  # whole units of the label's scale: 5+ digits
            return f"{sign}{number(x, extra, lang)}{NBSP}{label}"
        div, big = (1.0, None) if scaled else big_scale(x)
        if big is not None:  # three digits of a large amount: 1.73 trillion, 26.4 trillion
            y = x / div
            digits = _decimals(y, 0, whole) and max(1, 2 - math.floor(math.log10(abs(y)))) + extra
            return f"{sign}{number(y, digits, lang)}{NBSP}{_WORDS[lang][big]} {label}"
        # Below 1, two significant digits (0.081): one decimal showed 0.06 and 0.08 as 0.1.
        digits = (1 - math.floor(math.log10(abs(x))) + extra if 0 < abs(x) < 1
                  else _decimals(abs(x), extra, whole))
        return f"{sign}{number(x, digits, lang)}{NBSP}{label}"
    if x is None:
        return _WORDS[lang]["na"]
    return f"{number(x, 1, lang)}{NBSP}{unit}"


def shown_together(pairs: list[tuple[float | None, str]], lang: str, *,
                   extra: int = 0, scale: str | None = None) -> list[str]:
    """(value, unit) pairs shown in one table or row, in one precision per unit: a whole
    number takes the decimals of the others when any of them shows decimals. ``scale``:
    one scale for the counts (:func:`persons`), as a table column shows them.

    :func:`value` shows a whole number whole, which set "640 thousand" beside "771.0
    thousand" in the segments table.

    Examples
    --------
    >>> shown_together([(640_000, "persons"), (771_000.4, "persons"), (43.0, "percent")], "en")
    ['640.0\xa0thousand', '771.0\xa0thousand', '43.0\xa0%']
    >>> shown_together([(640_000, "persons"), (7_000_000, "persons")], "id")
    ['640\xa0ribu', '7\xa0juta']
    """
    short = [value(v, u, lang, extra=extra, scale=scale) for v, u in pairs]
    point = re.compile(r"\d,\d" if lang == "id" else r"\d\.\d")  # a decimal, not a group
    dotted = {u for (_, u), s in zip(pairs, short) if point.search(s)}
    return [value(v, u, lang, extra=extra, scale=scale, whole=False) if u in dotted else s
            for (v, u), s in zip(pairs, short)]


def quality_unit(dq: dict, unit: str | None) -> str | None:
    """The unit of the values a data-quality line names: a coverage line's readings and
    nowcast are of the count it moves with (persons), not percentages; None if unknown."""
    cov = dq.get("coverage")
    if not cov:
        return unit
    count = cov.get("numerator")
    return (scheme_metric(count).get("unit") or config.METRICS.get(count, (None,))[0]
            if count else None)


def entry_extra(entry: dict) -> int:
    """The extra decimals with which a target entry's target, last reading, median and band
    ends (or a past-due target's outcome readings) that differ print apart
    (:func:`forecast.textnum.digits_apart`): a band of 2,496,000 to 2,504,000 persons is
    2.496 to 2.504 million, not "2.5 million – 2.5 million"; and with which the target
    prints as stated (:func:`forecast.textnum.stated_extra`): 57.55 million, not 57.5.
    """
    values = [entry.get("target_value"), entry.get("median"), entry.get("p10"),
              entry.get("p90")] + [(entry.get(k) or {}).get("value") for k in (
                  "last_observed", "observed", "before", "after", "latest")]  # or an outcome's
    def show(v, extra):
        return value(v, entry["unit"], "en", extra=extra)

    # The target and the last reading as stated (37.01 % on every row that shows it).
    said = (entry.get("target_value"), (entry.get("last_observed") or {}).get("value"))
    apart = max([digits_apart(show, values)] + [stated_extra(show, x) for x in said])
    unit = entry["unit"]
    share = unit == "percent" or (scheme_unit(unit) or {}).get("max") == 100
    return max(apart, share_extra(values)) if share else apart  # 99.97 %, not 100.0 %


def rate(x: float | None, lang: str, *, decimals: int = 1) -> str:
    """A growth rate given as a fraction per year: 0.1898 -> ``19.0 %``."""
    if x is None:
        return _WORDS[lang]["na"]
    return f"{number(100 * x, decimals, lang)}{NBSP}%"


def required_value(entry: dict, lang: str) -> float | str | None:
    """Growth required as a rate where a rate means something (``required_growth`` of
    :mod:`forecast.targets`), else in words: ``reached`` at or above the target, ``not
    meaningful`` at or above the bound or with under a year left. None where no rate
    could be had."""
    status = entry.get("required_growth", "rate")
    if status in ("already_reached", "not_meaningful"):
        return _WORDS[lang][status]
    return entry.get("required_cagr")


def required_rate(entry: dict, lang: str) -> str:
    """:func:`required_value` as the tables print it: ``19.0 %``, ``reached``, ``n/a``."""
    v = required_value(entry, lang)
    return v if isinstance(v, str) else rate(v, lang)


def probability(p: float | None, lang: str) -> str:
    """A probability given as a fraction: ``4.9 %``, ``32 %``, ``<0.1 %``, ``>99.9 %``.

    Below 10 % one decimal is kept (4.9 % and 1.4 % are different messages); above it,
    whole percents (the simulation does not support more). 0 and 1 are shown as bounds,
    never as a false certainty.
    """
    if p is None:
        return _WORDS[lang]["na"]
    if p <= 0.0:
        return f"<{number(0.1, 1, lang)}{NBSP}%"
    if p >= 1.0:
        return f">{number(99.9, 1, lang)}{NBSP}%"
    pct = 100 * p
    if pct < 0.1:
        return f"<{number(0.1, 1, lang)}{NBSP}%"
    if pct > 99.9:
        return f">{number(99.9, 1, lang)}{NBSP}%"
    decimals = 1 if pct < 9.95 or pct > 99.05 else 0
    return f"{number(pct, decimals, lang)}{NBSP}%"


_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"],
}


def date(iso: str | None, lang: str) -> str:
    """An ISO date as ``31 December 2026`` / ``31 Desember 2026``."""
    if not iso:
        return _WORDS[lang]["na"]
    y, m, d = iso[:10].split("-")
    return f"{int(d)} {_MONTHS[lang][int(m) - 1]} {y}"


_SHORT_MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "id": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
}


def short_date(iso: str | None, lang: str) -> str:
    """A date for table cells: ``end-2023`` / ``akhir 2023`` at year-end, else ``Oct 2025``."""
    if not iso:
        return _WORDS[lang]["na"]
    y, m, d = iso[:10].split("-")
    if end_of_year(iso):  # under fiscal years, a month and year: "end-2024" is ambiguous
        return f"end-{y}" if lang == "en" else f"akhir {y}"
    return f"{_SHORT_MONTHS[lang][int(m) - 1]} {y}"
