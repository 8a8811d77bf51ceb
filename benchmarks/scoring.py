"""Scores of point, interval and probability forecasts, and the forecast shapes they read.

Every method in the accuracy benchmark returns one :class:`Forecast` per origin: a median
per step ahead, optionally an 80 % band, and a way to say how likely the value is to reach
a threshold. Methods differ in what they give (sample paths, a grid of quantiles, a normal
distribution, or a point only), so each shape has its own small class.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

#: Central band scored for calibration.
BAND = 0.8
#: Lower and upper quantiles of the band.
BAND_Q = ((1 - BAND) / 2, (1 + BAND) / 2)


def ape(pred: float, actual: float) -> float:
    """Absolute percentage error ``|pred / actual - 1|`` as a fraction.

    Raises
    ------
    ValueError
        If ``actual`` is not > 0 (a percentage error of a zero actual is undefined).
    """
    if not actual > 0:
        raise ValueError(f"actual: expected a value > 0 for a percentage error, found {actual!r}")
    return abs(pred / actual - 1.0)


def mape(preds: Sequence[float], actuals: Sequence[float]) -> float:
    """Mean absolute percentage error (a fraction: 0.05 is 5 %); NaN when empty."""
    preds, actuals = np.asarray(preds, dtype=float), np.asarray(actuals, dtype=float)
    if preds.shape != actuals.shape:
        raise ValueError(f"preds and actuals: expected the same length, found {preds.size} "
                         f"and {actuals.size}")
    if preds.size == 0:
        return math.nan
    return float(np.mean([ape(p, a) for p, a in zip(preds, actuals)]))


def coverage(lower: Sequence[float], upper: Sequence[float],
             actuals: Sequence[float]) -> float:
    """Share of actuals inside their band ``[lower, upper]`` (ends included); NaN when empty."""
    lo, hi, y = (np.asarray(a, dtype=float) for a in (lower, upper, actuals))
    if not lo.shape == hi.shape == y.shape:
        raise ValueError("lower, upper and actuals: expected the same length")
    if y.size == 0:
        return math.nan
    return float(np.mean((y >= lo) & (y <= hi)))


def brier(probs: Sequence[float], outcomes: Sequence[bool | int]) -> float:
    """Brier score: mean of ``(p - outcome)^2``; 0 is perfect, 0.25 is always saying 50 %."""
    p, o = np.asarray(probs, dtype=float), np.asarray(outcomes, dtype=float)
    if p.shape != o.shape:
        raise ValueError(f"probs and outcomes: expected the same length, found {p.size} "
                         f"and {o.size}")
    if np.any((p < 0) | (p > 1)):
        raise ValueError("probs: expected probabilities in [0, 1]")
    if p.size == 0:
        return math.nan
    return float(np.mean((p - o) ** 2))


def prob_from_quantiles(qs: Sequence[float], values: Sequence[float], x: float) -> float:
    """``P(Y >= x)`` from a grid of quantiles, interpolating the CDF linearly between them.

    Beyond the outermost quantiles the tail mass is not known, so the probability is
    held at the outermost level (for a grid from 1 % to 99 %: at most 0.99, at least 0.01).
    """
    qs, values = np.asarray(qs, dtype=float), np.asarray(values, dtype=float)
    order = np.argsort(qs)
    qs, values = qs[order], np.maximum.accumulate(values[order])
    cdf = float(np.interp(x, values, qs, left=qs[0], right=qs[-1]))
    return 1.0 - cdf


def normal_prob_at_least(mean: float, sd: float, x: float) -> float:
    """``P(Y >= x)`` for a normal ``Y``; a point mass when ``sd`` is 0."""
    if sd <= 0:
        return float(mean >= x)
    return 0.5 * math.erfc((x - mean) / (sd * math.sqrt(2.0)))


@dataclass(frozen=True)
class Forecast:
    """What a method says about steps ``1..h`` after an origin.

    Subclasses give ``median`` (shape (h,)), ``band`` (lower, upper arrays, or None when
    the method gives no interval) and ``prob_at_least(step, x)`` (None when it gives no
    distribution; a point forecast answers 0 or 1, see :class:`PointForecast`).
    """

    @property
    def median(self) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def band(self) -> tuple[np.ndarray, np.ndarray] | None:
        return None

    def prob_at_least(self, step: int, x: float) -> float | None:
        return None


@dataclass(frozen=True)
class SampleForecast(Forecast):
    """Sample paths of shape (n_paths, h), as our projection and Prophet give."""

    paths: np.ndarray

    @property
    def median(self) -> np.ndarray:
        return np.median(self.paths, axis=0)

    @property
    def band(self) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = np.quantile(self.paths, BAND_Q, axis=0)
        return lo, hi

    def prob_at_least(self, step: int, x: float) -> float:
        return float(np.mean(self.paths[:, step - 1] >= x))


@dataclass(frozen=True)
class QuantileForecast(Forecast):
    """A grid of quantiles per step (statsforecast gives central intervals at levels)."""

    qs: tuple[float, ...]
    values: np.ndarray  # shape (len(qs), h)

    def _at(self, q: float) -> np.ndarray:
        return np.array([np.interp(q, self.qs, self.values[:, j])
                         for j in range(self.values.shape[1])])

    @property
    def median(self) -> np.ndarray:
        return self._at(0.5)

    @property
    def band(self) -> tuple[np.ndarray, np.ndarray]:
        return self._at(BAND_Q[0]), self._at(BAND_Q[1])

    def prob_at_least(self, step: int, x: float) -> float:
        return prob_from_quantiles(self.qs, self.values[:, step - 1], x)


@dataclass(frozen=True)
class NormalForecast(Forecast):
    """A normal distribution per step (the textbook random walk with drift)."""

    mean: np.ndarray
    sd: np.ndarray

    @property
    def median(self) -> np.ndarray:
        return np.asarray(self.mean, dtype=float)

    @property
    def band(self) -> tuple[np.ndarray, np.ndarray]:
        z = 1.2815515655446004  # standard normal 90th percentile: the 80 % central band
        return self.mean - z * self.sd, self.mean + z * self.sd

    def prob_at_least(self, step: int, x: float) -> float:
        return normal_prob_at_least(float(self.mean[step - 1]), float(self.sd[step - 1]), x)


@dataclass(frozen=True)
class PointForecast(Forecast):
    """A point path only (compound-growth extrapolation).

    Read as a forecast of certainty, its probability of reaching ``x`` is 1 or 0, which
    is what a yes/no progress verdict amounts to; it has no band.
    """

    values: np.ndarray

    @property
    def median(self) -> np.ndarray:
        return np.asarray(self.values, dtype=float)

    def prob_at_least(self, step: int, x: float) -> float:
        return float(self.values[step - 1] >= x)


def linear_fit(x: Sequence[float], y: Sequence[float]) -> dict[str, float]:
    """Least-squares line ``y = intercept + slope * x`` and its R^2.

    Raises
    ------
    ValueError
        With fewer than two distinct ``x``.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.size != y.size or np.unique(x).size < 2:
        raise ValueError("linear_fit: expected two or more distinct x of the same length as y")
    slope, intercept = np.polyfit(x, y, 1)
    resid = y - (intercept + slope * x)
    total = float(np.sum((y - y.mean()) ** 2))
    r2 = 1.0 - float(np.sum(resid**2)) / total if total > 0 else 1.0
    return {"slope": float(slope), "intercept": float(intercept), "r2": r2}
