"""The ``[dates]`` table of scheme.toml: the window of days each kind of date may take.

Each window is two calendar days (or ``"today"``, the day the data is loaded), first before
last, inside the days pandas can hold: its datetimes end in 1677 and 2262, so a wider
window let a year-3000 target through to an OutOfBoundsDatetime traceback.
"""

from __future__ import annotations

import datetime as dt
import re

from . import config
from .errors import DataError
from .tomlshown import near_key, toml_shown

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # ASCII digits, as in the CSV files
#: The first and last day a window may name (pandas' datetime64[ns] range, whole years).
DAYS = ("1678-01-01", "2261-12-31")


def _day(text) -> str | None:
    """``text`` if it is a calendar day inside :data:`DAYS`, else None (``2100-02-30``)."""
    if not isinstance(text, str) or not _DATE.match(text):
        return None
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return None
    return text if DAYS[0] <= text <= DAYS[1] else None


def parse_dates(raw, path) -> dict[str, tuple[str, str]]:
    """The scheme's date windows: ``config.DATE_WINDOWS`` updated by ``raw`` (the parsed
    ``[dates]`` table, or None).

    Raises
    ------
    DataError
        One line naming the file and key, what was expected and what was found.
    """
    windows = dict(config.DATE_WINDOWS)
    if raw is None:
        return windows
    if not isinstance(raw, dict):
        raise DataError(f"{path}: key 'dates': expected a table [dates], found "
                        f"{toml_shown(raw)}")
    extra = sorted(set(raw) - set(windows))
    if extra:
        raise DataError(f"{path}: dates: unknown key(s) {', '.join(extra)}"
                        f"{near_key(extra, sorted(windows))}; valid keys: "
                        f"{', '.join(sorted(windows))}")
    today = dt.date.today().isoformat()
    for kind, pair in raw.items():
        days = ([_day(today if d == "today" else d) for d in pair]
                if isinstance(pair, list) and len(pair) == 2 else [None])
        if None in days or days[0] > days[1]:
            raise DataError(f"{path}: key 'dates.{kind}': expected [\"YYYY-MM-DD\", "
                            f"\"YYYY-MM-DD\" or \"today\"], days from {DAYS[0]} to "
                            f"{DAYS[1]}, first before last, found {toml_shown(pair)}")
        windows[kind] = (pair[0], pair[1])
    return windows
