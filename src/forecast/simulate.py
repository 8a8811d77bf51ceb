"""Fit several models to one series, backtest them, and mix their sample paths.

The backtest suits short annual series: leave-last-k-out. For each origin ``j = 1..k`` a
model is fitted on the series without its last ``j`` points and scored on those points by
the squared error of the log median (a scale-free error, so people and rupiah compare).
A model enters the mixture only if it can be fitted at every origin; its backtest error
is reported beside it.

Weights (``weighting``):

* ``"equal"`` (the default): every backtested model gets the same weight. With 3
  backtest origins, weights estimated from the errors mostly follow noise; equal weights
  are the usual remedy (the "forecast combination puzzle": Smith and Wallis 2009,
  Claeskens et al. 2016), and on the national rolling-origin backtest
  (``benchmarks/``) they missed by less than inverse-error weights (MAPE 9.6 % against
  11.1 % over 24 forecasts; a small sample, and the one this choice was made on).
* ``"backtest"``: proportional to the inverse of the mean squared log error, so a model
  that would have missed by twice as much gets a quarter of the weight.

If no model can be backtested, every model that fits gets an equal weight (and the fact
is reported as ``equal_weights``).

The combined projection is a mixture: each model contributes a share of the paths equal
to its weight, so the probability of reaching a target is the weighted average of the
models' probabilities.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

from . import config
from .errors import ModelError, ParameterError
from .params import recorded_seed
from .series import Series

log = logging.getLogger(__name__)

#: How the backtested models are weighted (see the module docstring).
WEIGHTINGS = ("equal", "backtest")

#: Floor on a model's mean squared log error, so a perfect backtest cannot take all weight
#: (a 0.5 % miss, squared).
_MSE_FLOOR = 0.005**2


@dataclass(frozen=True)
class ModelScore:
    """A model's fit and backtest on one series."""

    name: str
    fitted: bool
    weight: float
    backtest_mse: float | None  # mean squared log error over the backtest origins
    backtest_mape: float | None  # mean absolute percentage error, for people to read
    n_origins: int
    reason: str = ""  # why it was not fitted or not weighted


@dataclass(frozen=True)
class Projection:
    """Simulated future of one series under the weighted mixture of models.

    Attributes
    ----------
    series : Series
        The history the models were fitted on.
    t : numpy.ndarray
        Decimal years of the projected steps (last_t + 1, ..., last_t + horizon).
    paths : numpy.ndarray
        Mixture paths, shape (n_paths, horizon).
    model_paths : dict
        Each fitted model's own paths (n_paths each), for per-model measures.
    scores : tuple of ModelScore
        Weights and backtest errors, in the order models were asked for.
    seed : int or None
        The seed the paths were drawn with (a SeedSequence's entropy; None for a
        Generator passed in).
    """

    series: Series
    t: np.ndarray
    paths: np.ndarray
    model_paths: dict[str, np.ndarray]
    scores: tuple[ModelScore, ...]
    seed: int
    equal_weights: bool = False  # no model could be backtested: every fitted model, equally
    params: dict[str, dict[str, float]] = field(default_factory=dict)
    weighting: str = config.DEFAULT_WEIGHTING

    @property
    def weights(self) -> dict[str, float]:
        return {s.name: s.weight for s in self.scores if s.weight > 0}

    def quantiles(self, qs: Sequence[float] = (0.1, 0.5, 0.9)) -> pd.DataFrame:
        """Quantiles of the mixture at each projected step (index: decimal year)."""
        data = {f"p{round(q * 100):d}": np.quantile(self.paths, q, axis=0) for q in qs}
        return pd.DataFrame(data, index=pd.Index(self.t, name="t"))

    def values_at(self, t_target: float, paths: np.ndarray | None = None) -> np.ndarray:
        """Path values at a decimal year, interpolated (log-linearly) between steps.

        Raises
        ------
        ParameterError
            If ``t_target`` is before the last observation or past the horizon.
        """
        paths = self.paths if paths is None else paths
        t0 = self.series.last_t
        if t_target < t0 - 1e-9 or t_target > self.t[-1] + 1e-9:
            raise ParameterError(f"target date: decimal year {t_target:.2f} is outside the "
                                 f"projection ({t0:.2f} to {self.t[-1]:.2f})")
        grid = np.concatenate([[t0], self.t])
        full = np.column_stack([np.full(paths.shape[0], self.series.last_value), paths])
        j = int(np.searchsorted(grid, t_target - 1e-9))
        if j == 0 or np.isclose(grid[j], t_target):
            return full[:, j]
        w = (t_target - grid[j - 1]) / (grid[j] - grid[j - 1])
        lo, hi = full[:, j - 1], full[:, j]
        with np.errstate(divide="ignore", invalid="ignore"):
            geo = lo * (hi / lo) ** w
        return np.where((lo > 0) & (hi > 0), geo, lo + w * (hi - lo))


def _build(name: str, ceiling) -> object:
    from .models import REGISTRY, get_model

    cls = REGISTRY.get(name)
    if cls is not None and getattr(cls, "needs_ceiling", False):
        return get_model(name, ceiling=ceiling)
    return get_model(name)


def _backtest(name: str, series: Series, ceiling, k: int) -> tuple[list[float], list[float]]:
    """Squared log errors and absolute percentage errors of one model, leave-last-k-out."""
    sq, ape = [], []
    for j in range(1, k + 1):
        train = series.drop_last(j)
        held_t, held_v = series.t[len(train):], series.values[len(train):]
        fit = _build(name, ceiling).fit(train)  # ModelError propagates: no score
        horizon = int(round(held_t[-1] - train.last_t))
        fc = fit.forecast(horizon)
        steps = np.rint(held_t - train.last_t).astype(int)
        # A linear trend can project below zero; score it as a miss to a tiny positive value
        # rather than letting log() turn its error into NaN.
        pred = np.maximum(fc["median"].to_numpy()[steps - 1], 1e-9 * held_v)
        sq.extend((np.log(pred) - np.log(held_v)) ** 2)
        ape.extend(np.abs(pred / held_v - 1))
    return sq, ape


def project(series: Series, models: Sequence[str], *, horizon: int, n_paths: int,
            seed: int, ceiling=None, backtest_k: int = config.DEFAULT_BACKTEST_K,
            weighting: str = config.DEFAULT_WEIGHTING) -> Projection:
    """Fit ``models`` to ``series``, backtest and weight them, and simulate the mixture.

    Parameters
    ----------
    series : Series
        Annual history (year-end values).
    models : sequence of str
        Registered model names (see ``forecast.models.available_models``).
    horizon : int
        Number of annual steps past the last observation.
    n_paths : int
        Paths in the mixture (and per model).
    seed : int, numpy.random.SeedSequence or numpy.random.Generator
        Seed of the ``numpy.random.Generator`` every path is drawn from.
    ceiling : forecast.models.base.Ceiling, optional
        External ceiling for the saturating models; without one they are skipped.
    backtest_k : int
        Number of leave-last-out origins of the backtest.
    weighting : {"equal", "backtest"}
        Equal weights for the backtested models, or weights proportional to the inverse
        of their backtest error (see the module docstring).

    Raises
    ------
    ModelError
        If no model could be fitted to the series (the message lists each model's reason).
    ParameterError
        For a bad ``horizon``, ``n_paths`` or ``seed``.
    """
    from .models import REGISTRY

    if not isinstance(horizon, (int, np.integer)) or horizon < 1:
        raise ParameterError(f"horizon: expected a whole number of years >= 1, found {horizon!r}")
    if not isinstance(n_paths, (int, np.integer)) or isinstance(n_paths, bool) \
            or not 1 <= n_paths <= config.MAX_N_PATHS:
        raise ParameterError(f"n_paths: expected an integer from 1 to {config.MAX_N_PATHS:,}, "
                             f"found {n_paths!r}")
    if isinstance(seed, (np.random.SeedSequence, np.random.Generator)):
        pass  # a run's stream (forecast.params.seed_sequence / spawn): default_rng takes it
    elif not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ParameterError(f"seed: expected a non-negative integer, found {seed!r}")
    if weighting not in WEIGHTINGS:
        raise ParameterError(f"weighting: expected one of {', '.join(WEIGHTINGS)}, "
                             f"found {weighting!r}")
    unknown = [m for m in models if m not in REGISTRY]
    if unknown or not models:
        raise ParameterError(f"models: unknown model(s) {', '.join(map(repr, unknown)) or '(none given)'}; "
                             f"valid choices: {', '.join(REGISTRY)}")

    fits, reasons, mses, mapes, origins = {}, {}, {}, {}, {}
    for name in models:
        if getattr(REGISTRY[name], "needs_ceiling", False) and ceiling is None:
            reasons[name] = f"no ceiling series for {series.metric}"
            continue
        try:
            fits[name] = _build(name, ceiling).fit(series)
        except ModelError as exc:
            reasons[name] = str(exc)
            continue
        cls = REGISTRY[name]
        usable = len(series.trailing_run()) if getattr(cls, "evenly_spaced", False) \
            else len(series)
        k = min(backtest_k, usable - cls.min_points)
        if k < 1:
            reasons[name] = "too few points to backtest"
            continue
        try:
            sq, ape = _backtest(name, series, ceiling, k)
        except ModelError as exc:
            reasons[name] = f"backtest failed: {exc}"
            continue
        mses[name] = max(float(np.mean(sq)), _MSE_FLOOR)
        mapes[name] = float(np.mean(ape))
        origins[name] = k
    if not fits:
        detail = "; ".join(f"{m}: {r}" for m, r in reasons.items())
        raise ModelError(f"no model could be fitted to {series.label} "
                         f"({len(series)} annual points): {detail}")

    equal = not mses
    if equal:
        raw = {name: 1.0 for name in fits}
    elif weighting == "equal":
        raw = {name: 1.0 for name in mses}
    else:
        raw = {name: 1.0 / mses[name] for name in mses}
    total = sum(raw.values())
    weights = {name: raw.get(name, 0.0) / total for name in fits}

    rng = np.random.default_rng(seed)
    model_paths = {name: fits[name].simulate(horizon, n_paths, rng) for name in fits}
    counts = _allocate(weights, n_paths)
    paths = np.concatenate([model_paths[name][:counts[name]] for name in fits
                            if counts[name] > 0], axis=0)
    scores = tuple(
        ModelScore(name=name, fitted=name in fits, weight=weights.get(name, 0.0),
                   backtest_mse=mses.get(name), backtest_mape=mapes.get(name),
                   n_origins=origins.get(name, 0), reason=reasons.get(name, ""))
        for name in models)
    t = series.last_t + np.arange(1, horizon + 1, dtype=float)
    return Projection(series=series, t=t, paths=paths, model_paths=model_paths,
                      scores=scores, seed=recorded_seed(seed), equal_weights=equal,
                      params={name: dict(fits[name].params) for name in fits},
                      weighting=weighting)


def _allocate(weights: dict[str, float], n: int) -> dict[str, int]:
    """Split ``n`` paths by weight (largest remainder), deterministically."""
    exact = {k: w * n for k, w in weights.items()}
    counts = {k: int(np.floor(v)) for k, v in exact.items()}
    short = n - sum(counts.values())
    for k in sorted(exact, key=lambda k: (-(exact[k] - counts[k]), k))[:short]:
        counts[k] += 1
    return counts
