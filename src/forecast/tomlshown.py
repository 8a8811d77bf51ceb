"""A value read from a TOML file (scheme.toml, a scenario) shown as TOML writes it.

A message about a key quotes what the file holds. Python's ``repr`` of what ``tomllib``
returns is not what the file says: an unquoted ``2024-01-01`` is ``datetime.date(2024, 1,
1)``, ``true`` is ``True`` and a missing key is ``None`` (TOML has no null).
"""

from __future__ import annotations

import datetime as dt
import difflib

MISSING = "nothing (the key is missing)"


def _kind(value) -> str:
    if isinstance(value, dt.datetime):
        return "date-time"
    return "date" if isinstance(value, dt.date) else "time"


def _inner(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_inner(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_inner(v)}" for k, v in value.items()) + " }" \
            if value else "{}"
    return repr(value)


def toml_shown(value, limit: int = 80) -> str:
    """``value`` in a message's ``found ...``: TOML's spelling, at most ``limit`` characters.

    Examples
    --------
    >>> toml_shown(dt.date(2024, 1, 1)), toml_shown(True), toml_shown(None)
    ('the unquoted TOML date 2024-01-01', 'true', 'nothing (the key is missing)')
    >>> toml_shown([dt.date(1900, 1, 1), "today"]), toml_shown({}), toml_shown("x")
    ("[1900-01-01, 'today']", 'an empty table', "'x'")
    """
    if value is None:  # what .get() gives for a key the file leaves out
        shown = MISSING
    elif isinstance(value, dict):
        shown = "a table" if value else "an empty table"
    elif isinstance(value, list) and not value:
        shown = "an empty list"
    elif isinstance(value, (dt.date, dt.time)):
        shown = f"the unquoted TOML {_kind(value)} {value.isoformat()}"
    else:
        shown = _inner(value)
    return shown if len(shown) <= limit else shown[:limit - 3] + "..."


def near_key(typed, known) -> str:
    """`` (did you mean 'top_region'?)`` for a key or id one slip from one of ``known``
    (a typo, capitals, '-' for '_'); else ''. The first of ``typed`` (a name or a list of
    them) with such a neighbour is named.

    Examples
    --------
    >>> near_key(["colour", "top_regoin"], {"top_region", "levels"})
    " (did you mean 'top_region'?)"
    >>> near_key("Investment-Return", ["investment_return"]), near_key("zzz", ["name"])
    (" (did you mean 'investment_return'?)", '')
    """
    known = [str(k) for k in known]
    for name in [typed] if isinstance(typed, str) else list(typed):
        if not isinstance(name, str):
            continue
        plain = name.strip().lower().replace("-", "_")
        hit = plain if plain in known else next(
            iter(difflib.get_close_matches(plain, known, n=1, cutoff=0.8)), None)
        if hit is not None and hit != name:
            return f" (did you mean {hit!r}?)"
    return ""
