"""The external ceiling of the saturating models (logistic, Gompertz) for a region's metric.

One place for the rule, used by the region run, the segments and the benchmarks: a count is
bounded by the ceiling metric its scheme names (``ceiling`` of the metric in scheme.toml, or
the ``ceiling`` of the coverage metric that counts it; for the shipped data the working
population), projected on its own log-linear trend; money has no natural ceiling.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data import Panel, select
from .errors import ModelError
from .models.base import Ceiling
from .reasons import reason
from .scheme import default_scheme
from .series import Series

#: A count whose readings come this close to the ceiling's fitted trend (a share of it, or
#: three times the ceiling's own scatter about its trend if more) is within the ceiling's
#: noise of it: its share is then read against the ceiling's readings, not the trend.
NEAR_TREND = 1e-3

#: Metrics of the default (shipped) scheme whose saturating models are bounded by another
#: metric of the same region; a data folder's own scheme.toml gives its own
#: (``panel.scheme.ceilings``).
CEILINGS = default_scheme().ceilings


def ceiling_metric(panel: Panel, metric: str) -> str | None:
    """The metric bounding ``metric`` in the panel's scheme (None: no ceiling)."""
    return panel.scheme.ceiling_of(metric)


def ceiling_for(panel: Panel, region: str, metric: str, as_of=None
                ) -> tuple[Ceiling | None, str | None]:
    """The ceiling of ``metric`` for ``region`` as known at ``as_of``, and why if none.

    Returns
    -------
    (Ceiling or None, dict or None)
        The ceiling, or None with the reason object (:mod:`forecast.ceilingwords` words
        it; None as well for metrics without a ceiling).
    """
    name = ceiling_metric(panel, metric)
    if name is None:
        return None, None
    series = select(panel, region, name, as_of=as_of, annual=False)
    if len(series) < 2:
        return None, reason("ceiling_too_few", ceiling=name, region=region, n=len(series))
    try:
        trend = Ceiling.from_series(series)
    except ModelError as exc:
        return None, reason("ceiling_unusable", ceiling=name, region=region, message=str(exc))
    count = select(panel, region, metric, as_of=as_of, annual=False)
    if len(count) == 0:
        return trend, None
    scatter = float(np.std(np.log(series.values) - np.log(trend.at(series.t))))
    if np.max(count.values / trend.at(count.t)) < 1.0 - max(NEAR_TREND, 3.0 * scatter):
        return trend, None
    read = ReadCeiling.from_series(series, trend.growth)
    if count.values[-1] > read.at(count.t[-1]) * (1.0 + NEAR_TREND):
        # Counted above its ceiling where it was last read (members registered in a
        # region, residents counted where they live): the ceiling is another base, no bound
        # of it; bounding it would pin the projection below its own last reading.
        return None, reason("ceiling_below", ceiling=name, metric=metric, region=region,
                            date=count.dates[-1])
    # The trend smooths the ceiling's scatter (a population estimate revised up and down),
    # a count at 99.9 % of the readings then crosses it every other year, and its share of
    # the trend swings from 98 % to the clip at the bound: on the logit scale a swing of 5,
    # which the calibrated spread turns into a lower band at half the count.
    return read, None


@dataclass(frozen=True)
class ReadCeiling(Ceiling):
    """A ceiling read where it was observed (log-linear between its readings), and past its
    first and last readings moving at its trend's ``growth``; ``t0`` and ``level`` are its
    last reading. Built by :meth:`from_series`."""

    t_read: tuple = ()
    read: tuple = ()

    @classmethod
    def from_series(cls, series: Series, growth: float) -> ReadCeiling:  # type: ignore[override]
        return cls(t0=float(series.t[-1]), level=float(series.values[-1]),
                   growth=float(growth), t_read=tuple(float(t) for t in series.t),
                   read=tuple(float(v) for v in series.values))

    def at(self, t: float | np.ndarray) -> np.ndarray:
        """The ceiling at decimal year(s) ``t``."""
        t = np.asarray(t, dtype=float)
        t_read, logs = np.array(self.t_read), np.log(np.array(self.read))
        g = np.log1p(self.growth)
        inside = np.interp(t, t_read, logs)
        after = logs[-1] + g * (t - t_read[-1])
        before = logs[0] + g * (t - t_read[0])
        return np.exp(np.where(t > t_read[-1], after, np.where(t < t_read[0], before, inside)))
