"""One projection per region and metric in a run: how far it reaches.

Each request of a projection used to set its own horizon: the targets of a metric (to the
latest target and :data:`forecast.config.EXTRA_YEARS` more), the ``projections`` list (to
:data:`forecast.config.PROJECTION_END_YEAR`), a coverage target's count (a year past the
coverage's own end). Different horizons draw different paths, so one run gave end-2026
participants two medians (46.35M in ``targets``, 46.26M in ``projections``, which the
reconciliation read), and a coverage target of 2045 read its count from paths other than
the count's own targets. Every request of a run now reads one projection that reaches
them all: :func:`run_end` is the run's end, and :func:`canonical_end` maps a request to
it (a coverage a year short of it, so its request of its count, a year past its own end,
meets the count's own; the run's end is a latest target and six years, or later).
"""

from __future__ import annotations

import math
from typing import Sequence

from . import config
from .series import decimal_year


def run_end(targets, region: str, questions: Sequence[dict] | None = None) -> float:
    """The decimal year every projection of ``region``'s run reaches: its latest target
    (``targets``, the cut panel's) and :data:`~forecast.config.EXTRA_YEARS`, the
    ``projections`` list's year-end and the questions' dates, whichever is latest."""
    dates = [decimal_year(d) for d in targets.loc[targets["region"] == region, "target_date"]]
    ends = [float(config.PROJECTION_END_YEAR)]
    ends += [math.ceil(max(dates)) + config.EXTRA_YEARS] if dates else []
    ends += [math.ceil(decimal_year(q["date"])) for q in questions or ()]
    return max(ends)


def canonical_end(end: float | None, requested: float, coverage: bool) -> float:
    """The end a projection requested to ``requested`` (its end and extra years) is made
    to: the run's ``end`` (a coverage's a year short of it), or ``requested`` where it
    reaches further, or without a run end."""
    if end is None:
        return requested
    if coverage:  # up to the run's end itself: its count is then asked to the end
        return end - 1.0 if requested <= end else requested
    return max(requested, end)
