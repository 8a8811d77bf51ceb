"""A count of people is whole in the notebook's tables, as on every other page.

The run text and the PDFs write a projected count of a few people whole ("16 people":
:func:`forecast.textnum.fmt_value`, :func:`forecast.report.numbers.persons`); the projection's
paths are fractions of a person, and the notebook's tables showed their medians as such
("16.4", "20.3"). A count is a unit of the scheme marked ``count`` whose label names no
scale of its own ("thousand persons" holds fractions: 12.5 thousand is 12,500 people).
"""

from __future__ import annotations

import math

from .textnum import scaled_label


def whole_count(results: dict, unit: str | None) -> bool:
    """Whether ``unit`` of ``results`` counts single people (or members, workers)."""
    own = (((results or {}).get("scheme") or {}).get("units") or {}).get(unit)
    if own is None:
        return unit == "persons"  # the shipped count, in persons
    labels = own.get("labels") or {}
    return bool(own.get("count")) and not any(scaled_label(str(v)) for v in labels.values())


def whole(value, results: dict, unit: str | None):
    """``value`` rounded to a whole one where ``unit`` is a count of single people; anything
    else (a share, an amount, a missing value, words) as it is."""
    if (isinstance(value, float) and math.isfinite(value)
            and whole_count(results, unit)):
        return float(round(value))
    return value


def whole_medians(models: list, results: dict, unit: str | None) -> list[dict]:
    """The per-model rows of a target (``models`` of results.json), each median whole where
    ``unit`` is a count of single people (:func:`whole`)."""
    return [{**m, "median": whole(m.get("median"), results, unit)} for m in models]
