"""Damped additive-trend exponential smoothing on log values (statsmodels ETS, AAdN)."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from forecast.errors import ModelError
from forecast.models._statespace import StatsmodelsFit, log_endog, quiet
from forecast.models.base import Fit, Model
from forecast.series import Series


class DampedETSFit(StatsmodelsFit):
    """A fitted ETS(A,Ad,N) model on log values.

    Forecast intervals are statsmodels' analytic prediction intervals on the log scale
    (``get_prediction(...).summary_frame``), exponentiated; the median is the exponentiated
    point forecast. Paths come from the results' ``simulate(anchor="end")`` and carry the
    innovation noise only, not parameter uncertainty, consistent with those intervals.
    """

    def _forecast(self, t: np.ndarray, levels: tuple[float, ...]
                  ) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
        nobs = len(self.series)
        with quiet():
            prediction = self._results.get_prediction(start=nobs, end=nobs + t.size - 1)
            frames = [prediction.summary_frame(alpha=1.0 - level) for level in levels]
        median = np.exp(np.asarray(prediction.predicted_mean, dtype=float))
        bounds = [(np.exp(frame["pi_lower"].to_numpy(dtype=float)),
                   np.exp(frame["pi_upper"].to_numpy(dtype=float))) for frame in frames]
        return median, bounds


class DampedETS(Model):
    """Exponential smoothing with an additive damped trend, on log values.

    statsmodels ``ETSModel(error="add", trend="add", damped_trend=True)`` on the log of
    the series' trailing run of consecutive years: a local growth rate that is updated by
    each observation and fades out (damping) over the horizon.

    Fitted parameters: ``smoothing_level``, ``smoothing_trend``, ``damping_trend``,
    ``initial_level``, ``initial_trend`` (statsmodels names) and ``sigma`` (innovation
    standard deviation on the log scale), ``n``.
    """

    name: ClassVar[str] = "ets"
    min_points: ClassVar[int] = 6
    evenly_spaced: ClassVar[bool] = True

    def _fit(self, series: Series) -> Fit:
        from statsmodels.tsa.exponential_smoothing.ets import ETSModel  # lazy import

        endog = log_endog(series)
        model = ETSModel(endog, error="add", trend="add", damped_trend=True)
        best = None
        failures: list[Exception] = []
        # statsmodels' default start (smoothing_level 0.1) often stops at a poor local
        # optimum with smoothing_level -> 0 on short trending series; restart from a few
        # other points and keep the highest likelihood.
        for start in _start_params(endog.to_numpy()):
            try:
                with quiet():
                    results = model.fit(start_params=start, disp=False)
            except (ValueError, ArithmeticError, np.linalg.LinAlgError) as exc:
                failures.append(exc)
                continue
            if np.isfinite(results.llf) and (best is None or results.llf > best.llf):
                best = results
        if best is None:
            reason = (f"{type(failures[0]).__name__}: {failures[0]}" if failures
                      else "the log-likelihood is not finite from any start")
            raise ModelError(f"{self.name}: fit to series {series.label} failed: {reason}")
        params = {name: float(value)
                  for name, value in zip(best.param_names, np.asarray(best.params))}
        params["sigma"] = float(np.sqrt(best.scale))
        params["n"] = float(len(series))
        return DampedETSFit(self.name, series, params, results=best)


def _start_params(log_values: np.ndarray) -> list[np.ndarray | None]:
    """Start points for the optimiser: statsmodels' default, then three smoothing levels.

    Parameter order is statsmodels': smoothing_level, smoothing_trend, damping_trend,
    initial_level (the level one step before the first observation), initial_trend. The
    initial states come from a straight line through the log values.
    """
    steps = np.arange(log_values.size, dtype=float)
    slope, intercept = np.polyfit(steps, log_values, 1)
    starts: list[np.ndarray | None] = [None]
    for alpha in (0.2, 0.5, 0.9):
        starts.append(np.array([alpha, 0.1 * alpha, 0.95, intercept - slope, slope]))
    return starts
