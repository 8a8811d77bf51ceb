"""The two small types a region run's projections are passed around in.

Kept apart from :mod:`forecast.run` so the coverage projection (:mod:`forecast.coveragerun`)
can make and raise them without importing the run.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .reasons import reason, reason_text
from .series import Series, recurring_day, year_end_of


class NotProjectable(Exception):
    """A metric of a region that cannot be projected; ``reason`` is its reason object
    (:mod:`forecast.reasons`), the message its English words."""

    def __init__(self, code: str, **fields) -> None:
        self.reason = reason(code, **fields)
        super().__init__(reason_text(self.reason))


@dataclass(frozen=True)
class Projected:
    """One projected metric of a region, with what a results entry needs to describe it.

    ``ceiling_note`` is not a sentence: it is the reason object (``{"code": ...,
    fields}``, codes in :mod:`forecast.ceilingwords`) saying why the count's ceiling is not
    used, or None when it is used or the metric has none; results.json keeps it as
    ``ceiling.reason`` and its English words (:func:`forecast.ceilingwords.ceiling_text`)
    as ``ceiling.note``.
    """

    projection: object  # its .series is what the targets are measured against
    shown: Series  # year-end points shown as history
    all_points: Series  # every observation (month readings included)
    quality: dict
    pooling: dict | None
    ceiling_note: dict | None  # a reason object (forecast.ceilingwords), not its words
    coverage: dict | None = None

    def readings_beside(self) -> list[tuple[str, float]]:
        """The readings not in the history shown: month readings (one counted as a
        year-end, ``Series.moved``, is in it already), and, beside a coverage's past
        implied from its count, the readings on its dates: never hidden behind the value
        implied there (100 % read each year where 99.99 % is implied)."""
        implied = (self.coverage or {}).get("implied_points") and self.shown.dates[-1]
        moved = {m["date"] for m in self.shown.moved}
        return [(d, v) for d, v in zip(self.all_points.dates, self.all_points.values)
                if (d not in self.shown.dates or implied and d != implied) and d not in moved]


def recurs_at(points: Series, scheme) -> dict:
    """``{"recurs_at": "06-30"}`` where a series' readings recur each year at a month-day
    that is no year-end of ``scheme`` (a fiscal year-end, or 31 December in a scheme with
    fiscal years, which adds its ``year_end``); else, where readings fall during the year
    at no one day, ``{"during_year": n, "latest_during": date}``; else ``{}``: the fields of
    a too-few-year-ends reason that say why there are none."""
    days = scheme.shift_days
    day = recurring_day(points.dates, scheme.year_end_tolerance_days, shift_days=days)
    if not day:
        # Readings during the year at no one day (quarterly, monthly): how many, and the
        # latest, so the reason does not read "only 0 year-end observations" beside them.
        during = [d for d in points.dates
                  if year_end_of(pd.Timestamp(d), scheme.year_end_tolerance_days) is None]
        return {"during_year": len(during), "latest_during": during[-1],
                **({"year_end": scheme.year_end} if days else {})} if during else {}
    return {"recurs_at": day, **({"year_end": scheme.year_end} if days else {})}


def sub_regions_with(panel, region: str, metric: str) -> dict:
    """``{"sub_regions": [ids]}``: the regions directly under ``region`` with readings of
    ``metric`` (a region is never summed from them: some may be missing), else ``{}``;
    the field of a no-observations reason that says where the readings are."""
    under = panel.regions.loc[panel.regions["parent"] == region, "id"]
    obs = panel.observations
    read = set(obs.loc[obs["metric"] == metric, "region"])
    ids = [r for r in under if r in read]
    return {"sub_regions": ids} if ids else {}


def named_notes(notes, got: Projected, scheme) -> list:
    """The engine notes, a rise note naming what carries it in the scheme's terms: the
    coverage's count and base, or (another scheme) the pooled metric itself."""
    cov = got.quality.get("coverage") or {}
    other = scheme is not None and "active_total" not in scheme.metrics
    return [{**n, **({"numerator": cov["numerator"], "denominator": cov["denominator_metric"]}
                     if cov.get("numerator") else {}), **({"named": True} if other else {})}
            if isinstance(n, dict) and n.get("code") == "rise_carried_by" else n
            for n in notes]
