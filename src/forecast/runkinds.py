"""Every field of a results.json read back is of the kind forecast writes.

The reports, ``verify`` and the notebooks' tables read dozens of fields of a region's
results.json; an edited or foreign file with a text where a list was ("models": "all"),
a list where an object was, a null where a date was, or a date that is no day
("2026-13-45") stopped them with a TypeError or an IndexError deep inside. The table of
kinds (``forecast/_data/results_kinds.csv``, made by ``tests/tools/results_kinds.py``
from varied runs) names the kind of each field; a field it does not list (added by a
later version, or by hand) is not checked.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache
from importlib import resources

_WORDS = {"number": "a number", "date": "a date YYYY-MM-DD",
          "published": "a date YYYY-MM-DD, YYYY-MM or YYYY, or empty text",
          "text": "text", "list": "a list", "object": "an object", "bool": "true or false",
          "null": "null"}


@lru_cache(maxsize=1)
def kinds() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    """({field path: kinds}, {object path: keys never absent}) of the shipped table
    (``targets[].fan[].p10``: number or null; ``targets[]``: metric, target_value, ...)."""
    text = (resources.files("forecast") / "_data" / "results_kinds.csv").read_text("utf-8")
    rows = [line.split(",") for line in text.splitlines()
            if line and not line.startswith("#")][1:]
    required: dict[str, list[str]] = {}
    for path, _, need in rows:
        if need:
            parent, _, key = path.rpartition(".")
            required.setdefault(parent, []).append(key)
    return ({path: frozenset(k.split("|")) for path, k, _ in rows},
            {parent: tuple(keys) for parent, keys in required.items()})


def _is(value, kind: str) -> bool:
    if kind == "null":
        return value is None
    if kind == "bool":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if kind == "number":
        return isinstance(value, (int, float)) and math.isfinite(value)
    if kind in ("text", "date", "published"):
        if not isinstance(value, str):
            return False
        if kind == "text":
            return True
        # A source's publication has the precision its citation gives (sources.csv).
        m = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", value)
        if kind == "published" and not value:
            return True
        try:
            return bool(m) and (kind == "published" or m[3] is not None) and \
                dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1)) is not None
        except ValueError:
            return False
    return isinstance(value, list if kind == "list" else dict)


def check_kinds(results: dict, fail, missing) -> None:
    """Raise ``fail(field, expected, found)`` (a :class:`~forecast.errors.DataError`) for
    the first field of ``results`` of another kind than the table's, or ``found`` =
    ``missing`` for a required one that is absent."""
    _check(results, "", "", *kinds(), fail, missing)


def _words(want) -> str:
    return " or ".join(_WORDS[k] for k in sorted(want, key=list(_WORDS).index))


def _check(value, path: str, field: str, table, required, fail, missing) -> None:
    want = table.get(path)
    if want is not None and not any(_is(value, k) for k in want):
        raise fail(field or "(top level)", _words(want), value)
    if isinstance(value, dict):
        for key in required.get(path, ()):
            if key not in value:
                raise fail(f"{field}.{key}".lstrip("."), _words(table[f"{path}.{key}"] - {"null"}),
                           missing)
        free = f"{path}.*".lstrip(".") in table
        for key, item in value.items():
            _check(item, f"{path}.{'*' if free else key}".lstrip("."),
                   f"{field}.{key}".lstrip("."), table, required, fail, missing)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check(item, f"{path}[]", f"{field}[{i}]", table, required, fail, missing)
