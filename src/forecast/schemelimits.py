"""Bounds on how many levels, units, metrics and denominators a ``scheme.toml`` may list.

A file with thousands of levels or metrics describes no scheme: it passed every other check
and printed a summary line of hundreds of kilobytes. Each bound is far above any real
scheme's (the shipped one has 4 levels, 3 units, 17 metrics, 8 denominators) and is named,
with the key, in one line.
"""

from __future__ import annotations

from .errors import DataError

#: Region levels, top first: a country's tiers of government number fewer than ten.
MAX_LEVELS = 20
#: Units of measure.
MAX_UNITS = 50
#: Metrics of the vocabulary.
MAX_METRICS = 200
#: Values the ``denominator`` column of one coverage metric may take.
MAX_DENOMINATORS = 50


def _check(path, key: str, items, limit: int, what: str) -> None:
    if isinstance(items, (list, dict)) and len(items) > limit:
        raise DataError(f"{path}: key '{key}': expected at most {limit} {what}, found "
                        f"{len(items):,}")


def check_scheme_sizes(raw: dict, path) -> None:
    """Refuse a parsed scheme file that lists more than a bound allows (shapes other than a
    list or a table are left to the checks that name them)."""
    head = raw.get("scheme")
    if isinstance(head, dict):
        _check(path, "scheme.levels", head.get("levels"), MAX_LEVELS, "levels")
    _check(path, "units", raw.get("units"), MAX_UNITS, "units")
    metrics = raw.get("metrics")
    _check(path, "metrics", metrics, MAX_METRICS, "metrics")
    if isinstance(metrics, dict):
        for mid, spec in metrics.items():
            if isinstance(spec, dict):
                _check(path, f"metrics.{mid}.denominators", spec.get("denominators"),
                       MAX_DENOMINATORS, "denominators")
