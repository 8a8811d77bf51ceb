"""ARIMA(1,1,0) with drift on log values (statsmodels' model; its likelihood maximised here)."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from forecast.errors import ModelError
from forecast.models._statespace import StateSpaceFit, log_endog, quiet
from forecast.models.base import Fit, Model
from forecast.series import Series

#: statsmodels parameter names -> the names shown to users.
_PARAM_NAMES = {"x1": "drift", "ar.L1": "ar1", "sigma2": "sigma2"}


class ARIMADriftFit(StateSpaceFit):
    """A fitted ARIMA(1,1,0)-with-drift model on log values.

    Forecast intervals are statsmodels' analytic ones on the log scale
    (``get_forecast(...).summary_frame``), exponentiated; the median is the exponentiated
    point forecast (computed from the parameters, see :meth:`_point`). Paths are
    statsmodels' ``simulate(anchor="end")``, computed in one matrix product
    (:class:`StateSpaceFit`); they carry the innovation noise only, not parameter
    uncertainty, consistent with those intervals. statsmodels' results object is built (at
    the fitted parameters) only when intervals or paths are asked for.
    """

    def __init__(self, model: str, series: Series, params: dict[str, float], *,
                 results: Any = None) -> None:
        super().__init__(model, series, params, results=results)

    def _forecast(self, t: np.ndarray, levels: tuple[float, ...]
                  ) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
        with quiet():
            prediction = self._results.get_forecast(steps=t.size)
            frames = [prediction.summary_frame(alpha=1.0 - level) for level in levels]
        median = self._point(t)  # statsmodels' predicted mean, to 1e-14
        bounds = [(np.exp(frame["mean_ci_lower"].to_numpy(dtype=float)),
                   np.exp(frame["mean_ci_upper"].to_numpy(dtype=float))) for frame in frames]
        return median, bounds

    @property
    def _results(self) -> Any:
        """statsmodels' results at the fitted parameters, built when first needed.

        Only the intervals and the paths need them; the point forecast does not.
        """
        if self._built is None:
            from statsmodels.tsa.arima.model import ARIMA  # lazy import

            p = self.params
            with quiet():
                self._built = _model(ARIMA, self.series).smooth(
                    np.array([p["drift"], p["ar1"], p["sigma2"]]), cov_type="none")
        return self._built

    @_results.setter
    def _results(self, results: Any) -> None:
        self._built = results

    def _point(self, t: np.ndarray) -> np.ndarray:
        # The log growth i years ahead is expected to be drift + ar1^i (last growth - drift):
        # statsmodels' predicted mean (to 1e-14), without building its results.
        p = self.params
        logs = np.log(self.series.values[-2:])
        steps = np.rint(t - self.series.last_t).astype(int)
        ahead = np.arange(1, int(steps.max()) + 1)
        growth = p["drift"] + p["ar1"] ** ahead * (logs[1] - logs[0] - p["drift"])
        return np.exp(logs[1] + np.cumsum(growth))[steps - 1]


def _model(arima: Any, series: Series) -> Any:
    return arima(log_endog(series), order=(1, 1, 0), trend="t")


def exact_mle(growth: np.ndarray) -> tuple[float, float, float] | None:
    """Exact Gaussian maximum likelihood of an AR(1) with mean on the log growth.

    The likelihood statsmodels' ``ARIMA(order=(1, 1, 0), trend="t")`` maximises (the
    differences as a stationary AR(1) about the drift), maximised exactly: for a given
    ``ar1`` the drift and the innovation variance are closed form (generalised least
    squares), and ``ar1`` is searched on a grid, then refined to 1e-10. On the 645 M3
    yearly series this reaches statsmodels' own likelihood at least as high as its L-BFGS
    does (up to 3.7 higher; 5e-7 lower at worst), with ``ar1`` up to 0.31 away, in 1 ms
    instead of 17. Returns ``(drift, ar1, sigma2)``, or None for fewer than two
    differences or a zero residual variance (an exactly geometric series); the model
    then falls back to statsmodels' fit.
    """
    from scipy.optimize import minimize_scalar  # lazy: scipy only for fits

    x = np.asarray(growth, dtype=float)
    if x.size < 2 or not np.all(np.isfinite(x)) or \
            np.ptp(x) <= 1e-12 * max(1.0, float(np.abs(x).max())):
        return None

    def profile(phi):
        phi = np.asarray(phi, dtype=float)[..., None]
        head = np.sqrt(1.0 - phi[..., 0] ** 2)
        rest = x[1:] - phi * x[:-1]
        drift = (head**2 * x[0] + (1.0 - phi[..., 0]) * rest.sum(axis=-1)) / (
            head**2 + (x.size - 1) * (1.0 - phi[..., 0]) ** 2)
        ss = (head * (x[0] - drift)) ** 2 + (
            (rest - (1.0 - phi) * drift[..., None]) ** 2).sum(axis=-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            nll = 0.5 * x.size * np.log(ss / x.size) - 0.5 * np.log(head**2)
        return nll, drift, ss / x.size

    grid = np.linspace(-0.99, 0.99, 67)
    nll = profile(grid)[0]
    if not np.any(np.isfinite(nll)):
        return None
    i = int(np.nanargmin(nll))
    lo, hi = (grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)])
    lo, hi = (-0.9999 if i == 0 else lo), (0.9999 if i == grid.size - 1 else hi)
    best = minimize_scalar(lambda v: float(profile(v)[0]), bounds=(lo, hi), method="bounded",
                           options={"xatol": 1e-10})
    phi = float(best.x)
    _, drift, sigma2 = (float(v) for v in profile(phi))
    if not (np.isfinite(drift) and np.isfinite(sigma2) and sigma2 > 0):
        return None
    return drift, phi, sigma2


class ARIMADrift(Model):
    """ARIMA(1,1,0) with drift on the log of the series' trailing run of consecutive years.

    statsmodels ``ARIMA(order=(1, 1, 0), trend="t")``: in a model differenced once, the
    linear time trend is a constant drift of the log differences, i.e. a mean growth rate,
    and the AR(1) term lets a fast (or slow) year be followed by another.

    Fitted parameters: ``drift`` (mean log growth per year), ``ar1``, ``sigma2``
    (innovation variance on the log scale), ``n``.
    """

    name: ClassVar[str] = "arima"
    min_points: ClassVar[int] = 6
    evenly_spaced: ClassVar[bool] = True

    def _fit(self, series: Series) -> Fit:
        estimate = exact_mle(np.diff(np.log(series.values)))
        if estimate is None:
            return self._fit_statsmodels(series)
        drift, ar1, sigma2 = estimate
        params = {"drift": drift, "ar1": ar1, "sigma2": sigma2, "n": float(len(series))}
        return ARIMADriftFit(self.name, series, params)

    def _fit_statsmodels(self, series: Series) -> Fit:
        """statsmodels' own fit, where :func:`exact_mle` has no answer."""
        from statsmodels.tsa.arima.model import ARIMA  # lazy import

        # No covariance of the parameters: nothing here uses it.
        with quiet():
            results = _model(ARIMA, series).fit(cov_type="none")
        if not np.isfinite(results.llf):
            raise ModelError(f"{self.name}: fit to series {series.label} failed: the "
                             f"log-likelihood is {results.llf}")
        params = {_PARAM_NAMES.get(name, name): float(value)
                  for name, value in zip(results.param_names, np.asarray(results.params))}
        params["n"] = float(len(series))
        return ARIMADriftFit(self.name, series, params, results=results)
