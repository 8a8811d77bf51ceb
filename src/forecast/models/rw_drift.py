"""Random walk with drift on log values: growth continues at its historical mean rate."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from forecast.models.base import Fit, Model
from forecast.series import Series


class RandomWalkDriftFit(Fit):
    """A fitted random walk with drift on log values.

    With ``n`` log differences of mean ``drift`` and standard deviation ``s``, the log
    level ``h`` years ahead is ``log y_last + h drift`` with scale
    ``s sqrt(h + h^2 / n)``: the random walk's own noise plus the standard error of the
    drift. Intervals use Student t quantiles with ``n - 1`` degrees of freedom (as the OLS
    trend models do) because ``s`` is itself estimated from a handful of differences.

    Paths match that distribution: per path, sigma^2 is drawn as ``(n-1) s^2 / chi2(n-1)``,
    the drift from ``N(drift, sigma^2 / n)``, and the yearly log steps from
    ``N(drift_draw, sigma^2)``, cumulated.
    """

    def __init__(self, model: str, series: Series, params: dict[str, float], *,
                 drift: float, sd: float, n_diffs: int) -> None:
        super().__init__(model, series, params)
        self._drift = drift
        self._sd = sd
        self._n = n_diffs

    def _forecast(self, t: np.ndarray, levels: tuple[float, ...]
                  ) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
        from scipy import stats  # lazy import: only forecasts need the t quantiles

        h = t - self.series.last_t
        center = np.log(self.series.last_value) + h * self._drift
        scale = self._sd * np.sqrt(h + h**2 / self._n)
        bounds = []
        for level in levels:
            q = float(stats.t.ppf((1.0 + level) / 2.0, df=self._n - 1))
            bounds.append((np.exp(center - q * scale), np.exp(center + q * scale)))
        return np.exp(center), bounds

    def _point(self, t: np.ndarray) -> np.ndarray:
        return np.exp(np.log(self.series.last_value) + (t - self.series.last_t) * self._drift)

    def _simulate(self, t: np.ndarray, n_paths: int, rng: np.random.Generator) -> np.ndarray:
        df = self._n - 1
        sigma = np.sqrt(df * self._sd**2 / rng.chisquare(df, size=n_paths))[:, None]
        drift = self._drift + sigma / np.sqrt(self._n) * rng.standard_normal((n_paths, 1))
        steps = drift + sigma * rng.standard_normal((n_paths, t.size))
        return self.series.last_value * np.exp(np.cumsum(steps, axis=1))


class RandomWalkDrift(Model):
    """Random walk with drift on the log of the series' trailing run of consecutive years.

    The drift is the mean log growth, ``sigma`` the standard deviation (ddof 1) of the
    yearly log growth. The benchmark "at the pace we have seen" model.

    Fitted parameters: ``drift`` (mean log growth per year), ``growth``
    (``exp(drift) - 1``), ``sigma``, ``drift_se`` (``sigma / sqrt(n)``), ``n`` (number of
    points fitted; the differences are one fewer).
    """

    name: ClassVar[str] = "rw_drift"
    min_points: ClassVar[int] = 3
    evenly_spaced: ClassVar[bool] = True

    def _fit(self, series: Series) -> Fit:
        diffs = np.diff(np.log(series.values))
        drift = float(np.mean(diffs))
        sd = float(np.std(diffs, ddof=1))
        params = {"drift": drift, "growth": float(np.expm1(drift)), "sigma": sd,
                  "drift_se": sd / np.sqrt(diffs.size), "n": float(len(series))}
        return RandomWalkDriftFit(self.name, series, params, drift=drift, sd=sd,
                                  n_diffs=int(diffs.size))
