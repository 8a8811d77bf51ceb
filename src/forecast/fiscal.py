"""Fiscal years: a scheme whose year ends at another month-end (``year_end = "06-30"``).

The engine counts a year to 31 December everywhere (year-end rows, horizons, paths at year
ends, past-due outcomes, speed records, the track record). A scheme whose year ends on
30 June is run in *fiscal time*: on load every date is moved forward by a fixed number of
days, :func:`shift_days`, so that its year-end falls on 31 December of the same year
(30 June 2023 + 184 days = 31 December 2023). For a month-end from March on, the days from
the next day to 31 December never include a 29 February, so the shift is the same in
every year and maps days to days one to one. Years keep their number: the fiscal year
ending 30 June 2023 is the internal year 2023, so every year a report prints is the year
the fiscal year ends in.

What a user gives (``--as-of``, a source's publication date) is moved the same way on the
way in; what a user sees (results.json, :func:`real_dates`) is moved back. A
:class:`pandas.Timestamp` handed to the library is taken as internal (already moved).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from contextvars import ContextVar

import pandas as pd

from .errors import DataError

#: The default: the calendar year.
CALENDAR = "12-31"
#: The year-ends a scheme may declare: the last day of a month from March to December
#: (a shift over February would differ in leap years).
YEAR_ENDS = tuple(f"{m:02d}-{(dt.date(2001, m % 12 + 1, 1) - dt.timedelta(days=1)).day:02d}"
                  if m < 12 else "12-31" for m in range(3, 13))
_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_EMBEDDED = re.compile(r"\b([0-9]{4}-[0-9]{2}-[0-9]{2})\b")
#: Keys whose values are the user's own text (notes, titles, publication dates as written):
#: never moved.
_USER_TEXT = {"note", "title", "url", "publisher", "published", "name", "region_name",
              "region", "source_id", "target_source_id", "labels", "description"}
#: Keys whose text is the engine's (an error message) and may name a date inside it.
_MESSAGES = {"message"}

_MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"),
           "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                  "September", "Oktober", "November", "Desember")}


#: The year-end of the results being put in words (set with the scheme: report.words).
_YEAR_END: ContextVar[str] = ContextVar("year_end", default=CALENDAR)


def use_year_end(year_end: str | None) -> None:
    """Name years by ``year_end``'s fiscal years in the words made from now on (None:
    calendar years)."""
    _YEAR_END.set(year_end if year_end in YEAR_ENDS else CALENDAR)


def year_end_in_use() -> str:
    """The year-end ``"MM-DD"`` of the words being made (:func:`use_year_end`)."""
    return _YEAR_END.get()


def year_of(iso: str) -> str:
    """The year a calendar day ``YYYY-MM-DD`` is counted in: the year its fiscal year ends
    in, under the year-end in use (:func:`use_year_end`); ``iso[:4]`` for calendar years.

    Examples
    --------
    >>> use_year_end("03-31"); year_of("2023-12-30"), year_of("2023-03-31")
    ('2024', '2023')
    >>> use_year_end(None); year_of("2023-12-30")
    '2023'
    """
    days = shift_days(_YEAR_END.get())
    if not days or not iso:
        return (iso or "")[:4]
    try:
        return str((dt.date.fromisoformat(iso[:10]) + dt.timedelta(days=days)).year)
    except ValueError:
        return iso[:4]


def end_of_year(iso: str | None) -> bool:
    """Whether ``iso`` may be written "end-YYYY": 31 December, under calendar years only.

    Under fiscal years ending 30 June, "end-2024" would read as either 31 December or the
    fiscal year's end; such a day is written out instead.

    Examples
    --------
    >>> use_year_end(None); end_of_year("2024-12-31"), end_of_year("2024-06-30")
    (True, False)
    >>> use_year_end("06-30"); end_of_year("2024-12-31"), end_of_year("2024-06-30")
    (False, False)
    >>> use_year_end(None)
    """
    return _YEAR_END.get() == CALENDAR and bool(iso) and iso[5:10] == "12-31"


def parse_year_end(value, path) -> str:
    """The ``year_end`` key of scheme.toml's ``[scheme]``, checked.

    Raises
    ------
    DataError
        One line naming the file and key, what was expected and what was found.
    """
    if isinstance(value, str) and value in YEAR_ENDS:
        return value
    shown = (repr(value) if not isinstance(value, (dict, list)) else type(value).__name__)[:80]
    if isinstance(value, bool):  # as TOML spells it, not Python's True
        shown = str(value).lower()
    elif isinstance(value, (dt.date, dt.time)):  # year_end = 2024-06-30: a TOML date
        day = f"{value:%m-%d}" if isinstance(value, dt.date) else "MM-DD"
        day = day if day in YEAR_ENDS else "MM-DD"  # never a year-end it would refuse
        shown = (f"the unquoted TOML {type(value).__name__} {value.isoformat()} (write the "
                 f"month and day in quotes: year_end = \"{day}\")")
    raise DataError(f"{path}: key 'scheme.year_end': expected the last day of a month from "
                    f"March to December as \"MM-DD\" (\"03-31\", \"06-30\", \"09-30\", ..., "
                    f"\"12-31\"), found {shown}")


def shift_days(year_end: str = CALENDAR) -> int:
    """Days from a year-end ``"MM-DD"`` to 31 December of the same year (0 for 12-31).

    Examples
    --------
    >>> shift_days("06-30"), shift_days("03-31"), shift_days("09-30"), shift_days("12-31")
    (184, 275, 92, 0)
    """
    month, day = int(year_end[:2]), int(year_end[3:])
    return (dt.date(2001, 12, 31) - dt.date(2001, month, day)).days


def to_internal(ts: pd.Timestamp, days: int) -> pd.Timestamp:
    """A real day in fiscal time."""
    return ts + pd.Timedelta(days=days) if days else ts


def to_real(ts: pd.Timestamp, days: int) -> pd.Timestamp:
    """A day of fiscal time back on the calendar."""
    return ts - pd.Timedelta(days=days) if days else ts


def real_iso(text: str, days: int) -> str:
    """An ISO day of fiscal time back on the calendar, as ISO text."""
    if not days:
        return text
    return (dt.date.fromisoformat(text) - dt.timedelta(days=days)).isoformat()


def calendar_panel(panel):
    """``panel`` (a :class:`forecast.data.Panel`) with its observation and target dates
    back on the calendar: what ``forecast data check`` names, as the files do."""
    days = panel.scheme.shift_days
    if not days:
        return panel
    return dataclasses.replace(
        panel, observations=panel.observations.assign(
            date=to_real(panel.observations["date"], days)),
        targets=panel.targets.assign(target_date=to_real(panel.targets["target_date"], days)))


def real_dates(obj, days: int, key: str | None = None):
    """``obj`` (results.json, a track record, a comparison) with every date moved back to
    the calendar: each ISO day ``YYYY-MM-DD`` held by a field, and those inside an engine
    message; the user's own text (notes, titles, ``published``) is left as written. Years
    (``year``, ``fan[].t``) are kept: they are the years the fiscal years end in."""
    if not days:
        return obj
    if isinstance(obj, dict):
        return {k: obj[k] if k in _USER_TEXT else real_dates(v, days, k)
                for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(real_dates(v, days, key) for v in obj)
    if isinstance(obj, str):
        if _ISO.match(obj):
            return _real_or_same(obj, days)
        if key in _MESSAGES:
            return _EMBEDDED.sub(lambda m: _real_or_same(m.group(1), days), obj)
    return obj


def _real_or_same(text: str, days: int) -> str:
    try:
        return real_iso(text, days)
    except ValueError:  # not a calendar day: not a date of ours
        return text


def results_year_end(results: dict) -> str:
    """The year-end of a results.json object (``"12-31"`` for one written before fiscal
    years were known)."""
    return (results or {}).get("year_end") or \
        ((results or {}).get("scheme") or {}).get("year_end") or CALENDAR


def day_month(year_end: str, lang: str = "en") -> str:
    """``30 June`` / ``30 Juni``."""
    return f"{int(year_end[3:])} {_MONTHS[lang][int(year_end[:2]) - 1]}"


def fiscal_sentence(year_end: str, lang: str = "en") -> str:
    """The one line a report prints once where its years are fiscal years, else ''."""
    if year_end == CALENDAR:
        return ""
    if lang == "id":
        return (f"Tahun adalah tahun fiskal yang berakhir {day_month(year_end, 'id')}; "
                f"setiap tahun disebut menurut tahun berakhirnya.")
    return (f"Years are fiscal years ending {day_month(year_end, 'en')}, each named by the "
            f"year it ends in.")


def axis_words(year_end: str, lang: str = "en") -> str:
    """An axis label for years: '' for calendar years."""
    if year_end == CALENDAR:
        return ""
    return (f"fiscal year ending {day_month(year_end, 'en')}" if lang == "en"
            else f"tahun fiskal berakhir {day_month(year_end, 'id')}")


def clip_window(high: str, days: int, last: str) -> str:
    """A date window's end moved back so that it plus ``days`` stays on or before ``last``
    (pandas holds no later day)."""
    if not days or high == "today":
        return high
    limit = (dt.date.fromisoformat(last) - dt.timedelta(days=days)).isoformat()
    return min(high, limit)
