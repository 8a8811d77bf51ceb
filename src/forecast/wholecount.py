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


def counts_single(unit: dict) -> bool:
    """Whether a unit, as results.json carries it (``{"labels", "max", "count"}``:
    :meth:`forecast.scheme.Scheme.as_dict`), counts single people: a count unit that is
    no share (``max`` 100) and whose labels name no scale. The one rule of the data files'
    whole numbers (:func:`forecast.datafile.whole_units`) and the tables' (:func:`whole_count`).

    Examples
    --------
    >>> counts_single({"labels": {"en": "people"}, "max": 1e10, "count": True})
    True
    >>> counts_single({"labels": {"en": "thousand people"}, "max": 1e7, "count": True})
    False
    >>> counts_single({"labels": {"en": "%"}, "max": 100, "count": True})
    False
    """
    labels = unit.get("labels") or {}
    return bool(unit.get("count")) and unit.get("max") != 100 \
        and not any(scaled_label(str(v)) for v in labels.values())


def whole_count(results: dict, unit: str | None) -> bool:
    """Whether ``unit`` of ``results`` counts single people (or members, workers)."""
    own = (((results or {}).get("scheme") or {}).get("units") or {}).get(unit)
    if own is None:
        return unit == "persons"  # the shipped count, in persons
    return counts_single(own)


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
