"""Damped additive-trend exponential smoothing on log values (statsmodels ETS, AAdN)."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from forecast.errors import ModelError
from forecast.models._statespace import StatsmodelsFit, log_endog, one_thread, quiet
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

    def _point(self, t: np.ndarray) -> np.ndarray:
        # The predicted mean of get_prediction, without its intervals.
        with quiet():
            return np.exp(np.asarray(self._results.forecast(t.size), dtype=float))

    def origin_point(self, train: Series, horizon: int) -> np.ndarray | None:
        """Point forecast from the end of ``train``, refitted from this fit's parameters.

        For a backtest origin: ``train`` is this fit's series without its last points. The
        model is refitted on it by one likelihood maximisation started at this fit's
        parameters (instead of the four starts of a fit, each followed by building a
        results object); the forecast is ``level + (phi + ... + phi^h) trend`` from the
        states at the end of ``train``. None if ``train``'s trailing run is not the start
        of this fit's series or the refit fails (the caller then fits in full).
        """
        from statsmodels.tsa.exponential_smoothing.ets import ETSModel  # lazy import

        run = train.trailing_run()
        if len(run) > len(self.series) or not np.array_equal(
                run.values, self.series.values[:len(run)]) or run.t[0] != self.series.t[0]:
            return None
        model = ETSModel(log_endog(run), error="add", trend="add", damped_trend=True)
        try:
            with quiet(), one_thread():
                params = model.fit(start_params=np.asarray(self._results.params),
                                   disp=False, return_params=True)
        except (ValueError, ArithmeticError, np.linalg.LinAlgError):
            return None
        return np.exp(_damped_point(params, np.log(run.values), horizon))


def _damped_point(params: np.ndarray, log_values: np.ndarray, horizon: int) -> np.ndarray:
    """ETS(A,Ad,N) point forecast on the log scale after ``log_values``.

    ``params`` in statsmodels' order (smoothing_level, smoothing_trend, damping_trend,
    initial_level, initial_trend); the states are run through the values and the forecast
    is ``level + (phi + ... + phi^h) trend``, as statsmodels' own (to 1e-14).
    """
    alpha, beta, phi, level, trend = (float(v) for v in params)
    for y in log_values:
        predicted = level + phi * trend
        error = y - predicted
        level, trend = predicted + alpha * error, phi * trend + beta * error
    return level + np.cumsum(phi ** np.arange(1, horizon + 1)) * trend


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
        best, best_llf = None, -np.inf
        failures: list[Exception] = []
        # statsmodels' default start (smoothing_level 0.1) often stops at a poor local
        # optimum with smoothing_level -> 0 on short trending series; restart from a few
        # other points and keep the highest likelihood. Each start returns its parameters
        # only; the results object (a smoothing pass and its wrapping, as long as the
        # optimisation itself) is built once, for the best: the same object fit() returns.
        for start in _start_params(endog.to_numpy()):
            try:
                with quiet(), one_thread():
                    found = model.fit(start_params=start, disp=False, return_params=True)
                    llf = model.loglike(found)  # what results.llf would be
            except (ValueError, ArithmeticError, np.linalg.LinAlgError) as exc:
                failures.append(exc)
                continue
            if np.isfinite(llf) and (best is None or llf > best_llf):
                best, best_llf = found, llf
        if best is None:
            reason = (f"{type(failures[0]).__name__}: {failures[0]}" if failures
                      else "the log-likelihood is not finite from any start")
            raise ModelError(f"{self.name}: fit to series {series.label} failed: {reason}")
        with quiet():
            best = model.smooth(best)
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
