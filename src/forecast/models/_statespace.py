"""Shared glue for the statsmodels time-series models (ETS, ARIMA) fitted on log values."""

from __future__ import annotations

import contextlib
import inspect
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from forecast.models.base import Fit
from forecast.series import Series


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silence statsmodels' warnings (convergence, frequency) for the enclosed calls only.

    On 6 to 11 annual points the optimiser often stops at a bound and says so; the fit is
    still usable, and a real failure raises (and becomes a ModelError) or gives non-finite
    numbers that the caller rejects.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def log_endog(series: Series) -> pd.Series:
    """Log values on a 0..n-1 RangeIndex.

    Evenly spaced years need no dates, and statsmodels' ETS prediction code requires a
    pandas index (it fails on a bare ndarray).
    """
    return pd.Series(np.log(series.values), index=pd.RangeIndex(len(series)), name="log_value")


def rng_kwargs(simulate: Callable[..., Any], rng: np.random.Generator) -> dict[str, Any]:
    """Keyword that passes ``rng`` to a statsmodels ``simulate``.

    statsmodels 0.15 calls it ``rng``; 0.14 called it ``random_state``.
    """
    parameters = inspect.signature(simulate).parameters
    return {"rng": rng} if "rng" in parameters else {"random_state": rng}


def paths_from(simulated: Any, horizon: int, n_paths: int) -> np.ndarray:
    """statsmodels simulation output (steps by repetitions) as ``(n_paths, horizon)`` levels."""
    log_paths = np.asarray(simulated, dtype=float).reshape(horizon, n_paths)
    return np.exp(log_paths.T)


class StatsmodelsFit(Fit):
    """A fit that wraps a statsmodels results object on log values.

    Paths come from the results' ``simulate(anchor="end")``: they carry the innovation
    noise only, not parameter uncertainty, consistent with statsmodels' intervals.
    Subclasses supply ``_forecast`` (the prediction API differs between ETS and ARIMA).
    """

    def __init__(self, model: str, series: Series, params: dict[str, float], *,
                 results: Any) -> None:
        super().__init__(model, series, params)
        self._results = results

    def _simulate(self, t: np.ndarray, n_paths: int, rng: np.random.Generator) -> np.ndarray:
        simulate = self._results.simulate
        with quiet():
            simulated = simulate(nsimulations=t.size, anchor="end", repetitions=n_paths,
                                 **rng_kwargs(simulate, rng))
        return paths_from(simulated, t.size, n_paths)


class StateSpaceFit(StatsmodelsFit):
    """A :class:`StatsmodelsFit` whose results are a linear Gaussian state-space model.

    statsmodels' ``MLEResults.simulate(repetitions=n)`` runs its simulation smoother once
    per repetition in a Python loop (about 0.1 ms each: 1 s for 10,000 paths). A simulated
    path is an affine function of the random variates it is built from, so the paths are
    computed here as one matrix product: the response of the simulation to each variate is
    taken from statsmodels itself (one call per variate), and the variates are drawn from
    ``rng`` in statsmodels' own order. The paths equal statsmodels' to rounding (1e-15 on
    the log scale) and leave ``rng`` in the same state; ``tests/test_models.py`` checks both.
    """

    def _simulate(self, t: np.ndarray, n_paths: int, rng: np.random.Generator) -> np.ndarray:
        log_paths = linear_simulate(self._results, t.size, n_paths, rng)
        return np.exp(log_paths)


def linear_simulate(results: Any, nsimulations: int, repetitions: int,
                    rng: np.random.Generator) -> np.ndarray:
    """``results.simulate(nsimulations, anchor="end", repetitions=..., rng=rng)`` for a
    statsmodels state-space results object, as an array ``(repetitions, nsimulations)``.

    The draws are statsmodels': the initial states in one ``multivariate_normal`` call
    (mean and covariance of the state predicted after the sample), then for each
    repetition its measurement and its state disturbance variates (standard normal, in
    that order), which are transformed by the model's covariances inside the simulation.
    """
    nobs = results.nobs
    mean = np.asarray(results.predicted_state[:, nobs], dtype=float)
    cov = np.asarray(results.predicted_state_cov[:, :, nobs], dtype=float)
    k_endog = results.model.k_endog
    if k_endog != 1:
        raise ValueError(f"linear_simulate: one observed series expected; got {k_endog}")
    n_meas = nsimulations * k_endog
    n_state = nsimulations * results.model.ssm.k_posdef

    def response(initial: np.ndarray, variates: np.ndarray) -> np.ndarray:
        with quiet():
            out = results.simulate(
                nsimulations, anchor="end", initial_state=initial,
                measurement_shocks=variates[:n_meas].reshape(nsimulations, k_endog),
                state_shocks=variates[n_meas:].reshape(nsimulations, -1),
                pretransformed_measurement_shocks=False, pretransformed_state_shocks=False)
        return np.asarray(out, dtype=float).reshape(nsimulations)

    zero = np.zeros(n_meas + n_state)
    base = response(mean, zero)
    unit = np.eye(mean.size)
    rows = [response(mean + unit[k], zero) - base for k in range(mean.size)]
    unit = np.eye(zero.size)
    rows += [response(mean, unit[j]) - base for j in range(zero.size)]
    initial = rng.multivariate_normal(mean, cov, size=repetitions)
    variates = rng.normal(size=(repetitions, zero.size))
    return base + np.hstack([initial - mean, variates]) @ np.array(rows)
