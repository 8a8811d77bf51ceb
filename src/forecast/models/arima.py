"""ARIMA(1,1,0) with drift on log values (statsmodels)."""

from __future__ import annotations

from typing import ClassVar

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
    point forecast. Paths are statsmodels' ``simulate(anchor="end")``, computed in one
    matrix product (:class:`StateSpaceFit`); they carry the innovation noise only, not
    parameter uncertainty, consistent with those intervals.
    """

    def _forecast(self, t: np.ndarray, levels: tuple[float, ...]
                  ) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
        with quiet():
            prediction = self._results.get_forecast(steps=t.size)
            frames = [prediction.summary_frame(alpha=1.0 - level) for level in levels]
        median = np.exp(np.asarray(prediction.predicted_mean, dtype=float))
        bounds = [(np.exp(frame["mean_ci_lower"].to_numpy(dtype=float)),
                   np.exp(frame["mean_ci_upper"].to_numpy(dtype=float))) for frame in frames]
        return median, bounds


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
        from statsmodels.tsa.arima.model import ARIMA  # lazy import

        with quiet():
            results = ARIMA(log_endog(series), order=(1, 1, 0), trend="t").fit()
        if not np.isfinite(results.llf):
            raise ModelError(f"{self.name}: fit to series {series.label} failed: the "
                             f"log-likelihood is {results.llf}")
        params = {_PARAM_NAMES.get(name, name): float(value)
                  for name, value in zip(results.param_names, np.asarray(results.params))}
        params["n"] = float(len(series))
        return ARIMADriftFit(self.name, series, params, results=results)
