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
