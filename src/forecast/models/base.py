"""The interface every growth model implements, and the external ceiling some of them use.

A :class:`Model` holds hyper-parameters only; :meth:`Model.fit` turns a
:class:`~forecast.series.Series` into a :class:`Fit`, which forecasts (median and central
prediction intervals) and simulates sample paths of the level after the last observation.
Models know nothing of regions, files or ensembles.
"""

from __future__ import annotations

import abc
import functools
import inspect
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from forecast.errors import ForecastError, ModelError, ParameterError
# The checks live in their own module; re-exported here, where callers import them.
from forecast.models._checks import (  # noqa: F401
    check_horizon, check_levels, check_n_paths, level_label)
from forecast.plurals import plural
from forecast.series import Series

#: Seed of the internal generator used by :meth:`Fit.forecast` when a model has no
#: analytic intervals and its quantiles come from :meth:`Fit.simulate` instead. Fixed so
#: that a forecast is a pure function of the fit.
SIMULATED_FORECAST_SEED = 20_240_101
#: Number of paths behind a simulated forecast (quantile error well under 1% of a width).
SIMULATED_FORECAST_PATHS = 20_000


def describe_point(series: Series, i: int) -> str:
    """Human-readable date of observation ``i`` (its ISO date, else its decimal year)."""
    date = series.dates[i] if i < len(series.dates) else ""
    return date if date else f"t={series.t[i]:g}"


def guarded(model: str, series: Series, what: str, action: Callable[[], Any]) -> Any:
    """Run ``action``; re-raise any non-project exception as ModelError with context.

    Third-party failures (statsmodels, numpy, scipy) carry no context a user can act on,
    so the message names the model, the series and the step (``what``).
    """
    try:
        # Overflow to inf is reported by the caller's finiteness check, with context;
        # numpy's RuntimeWarning would only add noise.
        with np.errstate(over="ignore"):
            return action()
    except ForecastError:
        raise
    except Exception as exc:
        raise ModelError(f"{model}: {what} for series {series.label} failed: "
                         f"{type(exc).__name__}: {exc}") from exc


class Fit(abc.ABC):
    """A model fitted to one series: forecasts and sample paths after its last observation.

    Parameters
    ----------
    model : str
        Name of the model that produced the fit (its registry name).
    series : Series
        The series the model was fitted on (for models that need evenly spaced years this
        is the series' trailing run of consecutive years, see
        :meth:`~forecast.series.Series.trailing_run`).
    params : dict of str to float
        Fitted parameters, for display.

    Notes
    -----
    Subclasses implement :meth:`_simulate` and, where the model has analytic intervals,
    :meth:`_forecast`. The public methods validate arguments, re-raise third-party failures
    as :class:`~forecast.errors.ModelError` and reject non-finite output.
    """

    def __init__(self, model: str, series: Series, params: dict[str, float]) -> None:
        self.model = model
        self.series = series
        self.params = {key: float(value) for key, value in params.items()}

    def __repr__(self) -> str:
        shown = ", ".join(f"{key}={value:.6g}" for key, value in self.params.items())
        return f"<{type(self).__name__} {self.model} on {self.series.label}: {shown}>"

    def future_t(self, horizon: int) -> np.ndarray:
        """Decimal years ``last_t + 1, ..., last_t + horizon`` of a forecast."""
        return self.series.last_t + np.arange(1, check_horizon(horizon) + 1, dtype=float)

    def forecast(self, horizon: int, levels: Sequence[float] = (0.8,)) -> pd.DataFrame:
        """Median and central prediction intervals of the level, one row per year ahead.

        Intervals are analytic where the model has them (see each model). Otherwise they
        are quantiles of :meth:`simulate` with ``SIMULATED_FORECAST_PATHS`` paths drawn from
        ``numpy.random.default_rng(SIMULATED_FORECAST_SEED)``, so a forecast is still a pure
        function of the fit.

        Parameters
        ----------
        horizon : int
            Number of whole years ahead, >= 1.
        levels : sequence of float, default (0.8,)
            Central interval levels in (0, 1).

        Returns
        -------
        pandas.DataFrame
            Index ``t`` (floats ``last_t + 1 ... last_t + horizon``); column ``median`` and,
            for each level ``L``, ``lower_{P}`` and ``upper_{P}`` with ``P`` the whole
            percent of ``L`` (``lower_80``, ``upper_80``), in the series' units.

        Raises
        ------
        ParameterError
            If ``horizon`` or ``levels`` is invalid.
        ModelError
            If the model cannot produce a finite forecast.
        """
        horizon = check_horizon(horizon)
        levels = check_levels(levels)
        t = self.future_t(horizon)
        median, bounds = guarded(self.model, self.series, "forecast",
                                 lambda: self._forecast(t, levels))
        columns: dict[str, np.ndarray] = {"median": np.asarray(median, dtype=float)}
        for level, (lower, upper) in zip(levels, bounds):
            columns[f"lower_{level_label(level)}"] = np.asarray(lower, dtype=float)
            columns[f"upper_{level_label(level)}"] = np.asarray(upper, dtype=float)
        frame = pd.DataFrame(columns, index=pd.Index(t, name="t", dtype=float))
        if not np.all(np.isfinite(frame.to_numpy())):
            raise ModelError(f"{self.model}: the forecast of series {self.series.label} is "
                             f"not finite (parameters {self.params})")
        return frame

    def point(self, horizon: int) -> np.ndarray:
        """The ``median`` column of :meth:`forecast` alone, without computing intervals.

        The same numbers (models compute their median the same way in both); the per-model
        table of a projection needs only these, and the intervals cost more than the median.

        Raises
        ------
        ParameterError
            If ``horizon`` is invalid.
        ModelError
            If the median is not finite (the message of :meth:`forecast`).
        """
        t = self.future_t(horizon)
        median = np.asarray(guarded(self.model, self.series, "forecast",
                                    lambda: self._point(t)), dtype=float)
        if not np.all(np.isfinite(median)):
            raise ModelError(f"{self.model}: the forecast of series {self.series.label} is "
                             f"not finite (parameters {self.params})")
        return median

    def _point(self, t: np.ndarray) -> np.ndarray:
        """Median at ``t``; models with a cheaper way than :meth:`_forecast` override this."""
        return self._forecast(t, (0.8,))[0]

    def simulate(self, horizon: int, n_paths: int, rng: np.random.Generator) -> np.ndarray:
        """Sample paths of the level at ``last_t + 1, ..., last_t + horizon``.

        All randomness comes from ``rng``: the same generator state gives the same array.

        Parameters
        ----------
        horizon : int
            Number of whole years ahead, >= 1.
        n_paths : int
            Number of paths, >= 1.
        rng : numpy.random.Generator
            Source of every random draw.

        Returns
        -------
        numpy.ndarray
            Shape ``(n_paths, horizon)``, in the series' units.

        Raises
        ------
        ParameterError
            If ``horizon``, ``n_paths`` or ``rng`` is invalid.
        ModelError
            If the model produces non-finite paths.
        """
        horizon = check_horizon(horizon)
        n_paths = check_n_paths(n_paths)
        if not isinstance(rng, np.random.Generator):
            raise ParameterError(f"rng must be a numpy.random.Generator "
                                 f"(numpy.random.default_rng(seed)); got {type(rng).__name__}")
        t = self.future_t(horizon)
        paths = np.asarray(guarded(self.model, self.series, "simulate",
                                   lambda: self._simulate(t, n_paths, rng)), dtype=float)
        if paths.shape != (n_paths, horizon):
            raise ModelError(f"{self.model}: simulated paths of series {self.series.label} have "
                             f"shape {paths.shape}; expected {(n_paths, horizon)}")
        if not np.all(np.isfinite(paths)):
            raise ModelError(f"{self.model}: simulated paths of series {self.series.label} are "
                             f"not finite (parameters {self.params})")
        return paths

    @abc.abstractmethod
    def _simulate(self, t: np.ndarray, n_paths: int, rng: np.random.Generator) -> np.ndarray:
        """Paths of shape ``(n_paths, t.size)`` at the future times ``t``."""

    def _forecast(self, t: np.ndarray, levels: tuple[float, ...]
                  ) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
        """Median at ``t`` and one ``(lower, upper)`` pair per level.

        The default takes quantiles of simulated paths; models with analytic intervals
        override it.
        """
        rng = np.random.default_rng(SIMULATED_FORECAST_SEED)
        paths = self._simulate(t, SIMULATED_FORECAST_PATHS, rng)
        median = np.median(paths, axis=0)
        bounds = [(np.quantile(paths, (1 - level) / 2, axis=0),
                   np.quantile(paths, (1 + level) / 2, axis=0)) for level in levels]
        return median, bounds


# Fitting is deterministic, and one run fits the same series many times (the backtest
# origins of every projection, the fund model's backtest, a region pooled on the national
# series), so fits are memoised per process. A Fit is never mutated after it is made:
# simulate() draws from the generator it is given.
_FIT_CACHE: OrderedDict = OrderedDict()
_FIT_CACHE_SIZE = 2048


def clear_fit_cache() -> None:
    """Forget every memoised fit (for tests that change how a library fits)."""
    _FIT_CACHE.clear()


@functools.lru_cache(maxsize=None)
def keyword_names(cls: type) -> tuple[str, ...]:
    """The keyword-only parameters of ``cls.__init__`` (its hyper-parameters), once a class:
    ``inspect.signature`` took a third of a millisecond, and it ran for every fit."""
    return tuple(p.name for p in inspect.signature(cls.__init__).parameters.values()
                 if p.kind is inspect.Parameter.KEYWORD_ONLY)


class Model(abc.ABC):
    """A growth model: hyper-parameters in the constructor, data in :meth:`fit`.

    Attributes
    ----------
    name : str
        Registry name, used in messages and results.
    min_points : int
        Fewest observations the model accepts (of the trailing run, for models with
        ``evenly_spaced``).
    needs_ceiling : bool
        Whether the model needs an external :class:`Ceiling` (keyword ``ceiling``).
    positive_only : bool
        Whether the model takes logs, so every value must be > 0.
    evenly_spaced : bool
        Whether the model needs consecutive whole years and so fits only
        :meth:`~forecast.series.Series.trailing_run`.
    """

    name: ClassVar[str]
    min_points: ClassVar[int]
    needs_ceiling: ClassVar[bool] = False
    positive_only: ClassVar[bool] = True
    evenly_spaced: ClassVar[bool] = False

    def __repr__(self) -> str:
        args = ", ".join(f"{key}={value!r}" for key, value in self.hyper_parameters().items())
        return f"{type(self).__name__}({args})"

    def hyper_parameters(self) -> dict[str, Any]:
        """The constructor's keyword arguments as set on this instance."""
        return {name: getattr(self, name) for name in keyword_names(type(self))}

    def fit(self, series: Series) -> Fit:
        """Fit the model to ``series``.

        Parameters
        ----------
        series : Series
            Observed values; models with ``evenly_spaced`` use its trailing run of
            consecutive whole years.

        Returns
        -------
        Fit

        Raises
        ------
        ModelError
            If the series is too short, has non-finite values, has values <= 0 for a model
            that takes logs, breaks a model-specific rule (ceiling), or the fit fails. The
            message names the model, the series label, what was needed and what was found.
        """
        key = (type(self), repr(self), series.label, series.t.tobytes(),
               series.values.tobytes(), series.dates)
        hit = _FIT_CACHE.get(key)
        if hit is None:
            try:
                hit = self._fit_uncached(series)
            except ModelError as exc:
                hit = exc
            _FIT_CACHE[key] = hit
            while len(_FIT_CACHE) > _FIT_CACHE_SIZE:
                _FIT_CACHE.popitem(last=False)
        if isinstance(hit, ModelError):
            raise hit
        return hit

    def _fit_uncached(self, series: Series) -> Fit:
        data = self._check(series)
        fitted = guarded(self.name, series, "fit", lambda: self._fit(data))
        bad = {key: value for key, value in fitted.params.items() if not np.isfinite(value)}
        if bad:
            raise ModelError(f"{self.name}: fit to series {series.label} gave non-finite "
                             f"parameters {bad}")
        return fitted

    @abc.abstractmethod
    def _fit(self, series: Series) -> Fit:
        """Fit to an already validated series (the trailing run for evenly spaced models)."""

    def _check(self, series: Series) -> Series:
        """Validate ``series`` for this model and return the part the model fits."""
        data = series.trailing_run() if self.evenly_spaced else series
        if len(data) < self.min_points:
            if self.evenly_spaced:
                found = (f"a trailing run of {plural(len(data), 'consecutive annual point')} "
                         f"(of {len(series)} in all)")
            else:
                found = plural(len(data), "point")
            raise ModelError(f"{self.name}: series {series.label} has {found}; needs at "
                             f"least {self.min_points}")
        nonfinite = np.flatnonzero(~np.isfinite(data.values))
        if nonfinite.size:
            i = int(nonfinite[0])
            raise ModelError(f"{self.name}: series {series.label} has the non-finite value "
                             f"{data.values[i]} at {describe_point(data, i)}; needs finite "
                             f"values")
        if self.positive_only:
            nonpositive = np.flatnonzero(data.values <= 0)
            if nonpositive.size:
                i = int(nonpositive[0])
                raise ModelError(f"{self.name}: series {series.label} has the value "
                                 f"{data.values[i]:g} at {describe_point(data, i)}; needs "
                                 f"values > 0 (the model works on logs)")
        return data


@dataclass(frozen=True)
class Ceiling:
    """An external, deterministic upper bound that grows at a constant rate.

    ``at(t) = level * (1 + growth) ** (t - t0)``. Saturating models (logistic, Gompertz)
    approach it instead of estimating their own asymptote, which short series cannot pin
    down. It carries no uncertainty of its own.

    Parameters
    ----------
    t0 : float
        Decimal year at which the ceiling equals ``level``.
    level : float
        Ceiling at ``t0``, in the series' units; > 0.
    growth : float
        Growth per year as a fraction (0.02 for 2 %/yr); > -1.
    """

    t0: float
    level: float
    growth: float

    def __post_init__(self) -> None:
        for name in ("t0", "level", "growth"):
            value = getattr(self, name)
            if not isinstance(value, (int, float, np.number)) or not np.isfinite(value):
                raise ParameterError(f"Ceiling: {name} must be a finite number; got {value!r}")
            object.__setattr__(self, name, float(value))
        if self.level <= 0:
            raise ParameterError(f"Ceiling: level must be > 0; got {self.level!r}")
        if self.growth <= -1:
            raise ParameterError(f"Ceiling: growth must be > -1 (a fraction per year); "
                                 f"got {self.growth!r}")

    def at(self, t: float | np.ndarray) -> np.ndarray:
        """Ceiling at decimal year(s) ``t``."""
        return self.level * (1.0 + self.growth) ** (np.asarray(t, dtype=float) - self.t0)

    @classmethod
    def constant(cls, level: float) -> Ceiling:
        """A ceiling that stays at ``level``."""
        return cls(t0=0.0, level=level, growth=0.0)

    @classmethod
    def from_series(cls, series: Series) -> Ceiling:
        """Ceiling following the log-linear trend of ``series`` (e.g. working population).

        Fits log(value) = c + r t by least squares and anchors the ceiling at the series'
        last time, at the fitted (not the observed) value, with growth ``exp(r) - 1``.

        Raises
        ------
        ModelError
            If the series has fewer than 2 points, or a non-finite or non-positive value.
        """
        if len(series) < 2:
            raise ModelError(f"ceiling: series {series.label} has "
                             f"{plural(len(series), 'point')}; needs at least 2 to fit a trend")
        values = series.values
        bad = np.flatnonzero(~np.isfinite(values) | (values <= 0))
        if bad.size:
            i = int(bad[0])
            raise ModelError(f"ceiling: series {series.label} has the value {values[i]} at "
                             f"{describe_point(series, i)}; needs finite values > 0")
        # Centre time on the anchor so the intercept is the fitted log level there.
        rate, log_level = np.polyfit(series.t - series.last_t, np.log(values), 1)
        return cls(t0=series.last_t, level=float(np.exp(log_level)),
                   growth=float(np.expm1(rate)))
