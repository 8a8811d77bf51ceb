"""Fit several models to one series and simulate the combined, calibrated projection.

Two methods (``method``):

* ``"calibrated"`` (the default). The centre is the median of a few fast forecasters
  (Theta, damped trend, random walk with drift; :mod:`forecast.combine`) on a bounded working
  scale: the log of a count, or the logit of its share of a bound (a participants series over
  its ceiling, a percentage over 100), so no path can cross the bound and none is clipped
  after the fact. The spread is not any one model's: it is the empirical distribution of
  this combination's own past errors, by horizon, on 1,344 yearly series of the M3, M1 and
  Tourism competitions, standardised by each series' scale and volatility (how much and how
  evenly it moves), each raised to a per-horizon exponent, and calibrated on forecasts from
  whole histories (see :mod:`forecast.calibration`).
  Paths are the combined point forecast plus whole error trajectories drawn from that table
  (whose median is the combination's typical miss there, so the paths' median is the point
  forecast corrected by it), and every target of one series comes from one coherent set of
  paths. The registered models (``models``) make the per-model table: each
  keeps its own row (its point forecast with the same calibrated spread), so users see where
  the models disagree; one that cannot be fitted or gives a non-finite forecast is left out
  with its reason.
* ``"mixture"`` (the earlier engine, kept for comparison): each backtested model contributes
  an equal share (or a backtest-weighted share, ``weighting``) of its own simulated paths.

The backtest (leave-last-k-out) is run in both methods so the per-model table can show each
model's recent error; in the calibrated method it does not weight anything. For each origin
``j = 1..k`` a model is fitted on the series without its last ``j`` points and scored on those
points by the squared error of the log median (a scale-free error).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

from . import calibration, combine, config
from .calibration import expit, logit
from .reasons import reason, reason_text
from .errors import ModelError, ParameterError
from .models import REGISTRY, get_model
from .models.base import Ceiling
from .params import check_n_paths, recorded_seed
from .plurals import plural
from .series import Series

log = logging.getLogger(__name__)

#: How the backtested models are weighted in the mixture method (see the module docstring).
WEIGHTINGS = ("equal", "backtest")
#: Projection methods (see the module docstring).
METHODS = ("calibrated", "mixture")
DEFAULT_METHOD = "calibrated"

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
    reason: str | dict = ""  # why it was not fitted or not weighted (dict: a reason object)
    held_from: float | None = None  # when its point forecast passes the bound (held below it)


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
    method: str = "mixture"
    #: Upper bound of the quantity, as (kind, Ceiling-like with ``at(t)``) or None: "ceiling"
    #: for participants under their ceiling, "percent" for shares of 100.
    bound: object = None
    notes: tuple = ()
    #: The assumption that moves this projection away from its own history (a reason code's
    #: ``assumption``, see forecast.reasons): ``own_trend``, ``national_growth`` (a pooled
    #: region), ``national_participants`` or ``region_participants`` (coverage moved with
    #: participants over employment).
    carried_by: str = "own_trend"

    def bound_at(self, t: float) -> float | None:
        """The quantity's upper bound at decimal year ``t`` (None if unbounded)."""
        if self.bound is None:
            return None
        return float(self.bound.at(t))

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
    cls = REGISTRY.get(name)
    if cls is not None and getattr(cls, "needs_ceiling", False):
        return get_model(name, ceiling=ceiling)
    return get_model(name)


def _backtest(name: str, series: Series, ceiling, k: int,
              full_fit=None) -> tuple[list[float], list[float]]:
    """Squared log errors and absolute percentage errors of one model, leave-last-k-out.

    With ``full_fit`` (the model's fit to the whole series) a model whose fit has
    ``origin_points`` (ets) refits all origins in one search, which is cheaper.
    """
    sq, ape = [], []
    trains = [series.drop_last(j) for j in range(1, k + 1)]
    horizons = [int(round(series.t[len(tr):][-1] - tr.last_t)) for tr in trains]
    batch = getattr(full_fit, "origin_points", None)
    medians = batch(trains, horizons) if batch is not None else [None] * k
    for train, horizon, median in zip(trains, horizons, medians):
        held_t, held_v = series.t[len(train):], series.values[len(train):]
        if median is not None and not np.all(np.isfinite(median)):
            raise ModelError(f"{name}: the forecast from {train.last_t:.0f} is not finite")
        if median is None:
            # ModelError propagates: no score
            median = _build(name, ceiling).fit(train).point(horizon)
        steps = np.rint(held_t - train.last_t).astype(int)
        # A linear trend can project below zero; score it as a miss to a tiny positive value
        # rather than letting log() turn its error into NaN.
        pred = np.maximum(median[steps - 1], 1e-9 * held_v)
        sq.extend((np.log(pred) - np.log(held_v)) ** 2)
        ape.extend(np.abs(pred / held_v - 1))
    return sq, ape


def project(series: Series, models: Sequence[str], *, horizon: int, n_paths: int,
            seed, ceiling=None, backtest_k: int = config.DEFAULT_BACKTEST_K,
            weighting: str = config.DEFAULT_WEIGHTING, method: str = DEFAULT_METHOD,
            error_table: np.ndarray | None = None) -> Projection:
    """Fit ``models`` to ``series`` and simulate their combined projection.

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
        of their backtest error; used by the ``"mixture"`` method only.
    method : {"calibrated", "mixture"}
        The calibrated median combination (default) or the earlier mixture of model paths.
    error_table : forecast.calibration.ErrorTable or numpy.ndarray, optional
        Standardised error trajectories (n, H) and their scale exponents for the calibrated
        method (a bare array means exponents of 1); default the shipped table (the
        benchmark passes a cross-fitted one).

    Raises
    ------
    ModelError
        If no model could be fitted to the series (the message lists each model's reason).
    ParameterError
        For a bad ``horizon``, ``n_paths`` or ``seed``.
    """

    if not isinstance(horizon, (int, np.integer)) or horizon < 1:
        raise ParameterError(f"horizon: expected a whole number of years >= 1, found {horizon!r}")
    check_n_paths(n_paths)  # the CLI's floor: a library call drew a one-path "band"
    if isinstance(seed, (np.random.SeedSequence, np.random.Generator)):
        pass  # a run's stream (forecast.params.seed_sequence / spawn): default_rng takes it
    elif not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ParameterError(f"seed: expected a non-negative integer, found {seed!r}")
    if method not in METHODS:
        raise ParameterError(f"method: expected one of {', '.join(METHODS)}, found {method!r}")
    if weighting not in WEIGHTINGS:
        raise ParameterError(f"weighting: expected one of {', '.join(WEIGHTINGS)}, "
                             f"found {weighting!r}")
    unknown = [m for m in models if m not in REGISTRY]
    if unknown or not models:
        raise ParameterError(f"models: unknown model(s) {', '.join(map(repr, unknown)) or '(none given)'}; "
                             f"valid choices: {', '.join(REGISTRY)}")

    if method == "calibrated":
        return _project_calibrated(series, models, horizon=horizon, n_paths=n_paths,
                                   seed=seed, seed_id=recorded_seed(seed), ceiling=ceiling,
                                   backtest_k=backtest_k, table=error_table)
    fits, reasons, mses, mapes, origins = {}, {}, {}, {}, {}
    for name in models:
        if getattr(REGISTRY[name], "needs_ceiling", False) and ceiling is None:
            reasons[name] = reason("no_ceiling", metric=series.metric)
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
        detail = "; ".join(f"{m}: {reason_text(r)}" for m, r in reasons.items())
        raise ModelError(f"no model could be fitted to {series.label} "
                         f"({plural(len(series), 'annual point')}): {detail}")

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


def working_scale(series: Series, ceiling=None):
    """The bound of a series and its forward and inverse working-scale transforms.

    Returns ``(bound, to_z, from_z)``: ``bound`` has ``at(t)`` (or is None), ``to_z(values,
    t)`` maps levels to the working scale (log, or logit of the share of the bound) and
    ``from_z(z, t)`` maps back. Percentages are bounded by 100, a series with a ceiling by the
    ceiling; every other quantity is a non-negative count or amount on the log scale.
    """
    bound = ceiling if ceiling is not None else (
        Ceiling.constant(100.0) if series.unit == "percent" else None)
    if bound is None:
        def to_z(v, t):
            v = np.asarray(v, dtype=float)
            return np.log(np.maximum(v, 1e-6 * max(series.last_value, 1e-12)))

        def from_z(z, t):
            return np.exp(z)
    else:
        def to_z(v, t):
            return logit(np.asarray(v, dtype=float) / bound.at(t))

        def from_z(z, t):
            # Beyond +-30 the share rounds to exactly 0 or 1 in floating point; the cap keeps
            # every path strictly inside the bound (a share within 1e-13 of it).
            return expit(np.clip(z, -30.0, 30.0)) * bound.at(t)
    return bound, to_z, from_z


def combined_point(series: Series, models: Sequence[str], *, horizon: int, ceiling=None,
                   backtest_k: int = 0) -> dict:
    """The models' point forecasts on the working scale, the combined centre, the scale.

    Returns a dict with ``t``, ``bound``, ``to_z``, ``from_z``, ``points`` (model -> z, the
    per-model table), ``combined`` (the centre: :func:`forecast.combine.combined`, or None
    for fewer than 2 points), ``scale`` and ``vol`` (see :func:`forecast.calibration.scale_of`, ``volatility_of``),
    ``reasons`` (model -> why it was left out), ``params``, ``mapes`` and ``origins`` (the
    display backtest, when ``backtest_k > 0``), ``held`` (model -> the decimal year its
    point forecast passes the bound, or None; under a bound only).
    """
    bound, to_z, from_z = working_scale(series, ceiling)
    t = series.last_t + np.arange(1, horizon + 1, dtype=float)
    reasons, points, mapes, origins, params, held = {}, {}, {}, {}, {}, {}
    for name in models:
        if getattr(REGISTRY[name], "needs_ceiling", False) and ceiling is None:
            reasons[name] = reason("no_ceiling", metric=series.metric)
            continue
        try:
            fit = _build(name, ceiling).fit(series)
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                median = fit.point(horizon)
                z = to_z(median, t)
        except ModelError as exc:
            reasons[name] = str(exc)
            continue
        if not np.all(np.isfinite(z)):
            reasons[name] = f"{name}: the point forecast is not finite; left out"
            continue
        points[name] = z
        params[name] = dict(fit.params)
        if bound is not None:  # past the bound its share is read as "almost at the bound"
            past = np.flatnonzero(np.asarray(median, dtype=float) / bound.at(t)
                                  >= 1.0 - calibration.SHARE_EPS)
            held[name] = float(t[past[0]]) if past.size else None
        if backtest_k > 0:
            cls = REGISTRY[name]
            usable = len(series.trailing_run()) if getattr(cls, "evenly_spaced", False) \
                else len(series)
            k = min(backtest_k, usable - cls.min_points)
            if k >= 1:
                try:
                    _, ape = _backtest(name, series, ceiling, k, full_fit=fit)
                    mapes[name], origins[name] = float(np.mean(ape)), k
                except ModelError:
                    pass
    # The centre: the median of the fast forecasters of forecast.combine on this series (the
    # models above are the per-model table; they do not move the centre).
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        z_hist = to_z(series.values, series.t)
        u_hist = (series.values if bound is None
                  else np.asarray(series.values, dtype=float) / bound.at(series.t))
    combined = None
    if len(series) >= 2 and np.all(np.isfinite(z_hist)):
        combined, _ = combine.combined(series.t, u_hist, horizon,
                                       "log" if bound is None else "logit")
    dt = np.diff(series.t)
    steps = np.diff(z_hist) / np.where(dt > 0, dt, 1.0)
    z_years = np.concatenate([[0.0], np.cumsum(steps)])
    return {"t": t, "bound": bound, "to_z": to_z, "from_z": from_z, "points": points,
            "combined": combined, "scale": calibration.scale_of(z_years),
            "vol": calibration.volatility_of(z_years), "reasons": reasons, "params": params,
            "mapes": mapes, "origins": origins, "held": held}


def _project_calibrated(series: Series, models: Sequence[str], *, horizon: int, n_paths: int,
                        seed, seed_id: int, ceiling, backtest_k: int,
                        table: np.ndarray | None) -> Projection:
    """The calibrated median combination (see the module docstring)."""
    c = combined_point(series, models, horizon=horizon, ceiling=ceiling, backtest_k=backtest_k)
    points, reasons, t, from_z = c["points"], c["reasons"], c["t"], c["from_z"]
    if not points or c["combined"] is None:
        detail = "; ".join(f"{m}: {reason_text(r)}" for m, r in reasons.items())
        raise ModelError(f"no model could be fitted to {series.label} "
                         f"({plural(len(series), 'annual point')}): {detail}")
    table = calibration.load_table() if table is None else table
    rng = np.random.default_rng(seed)
    errors = calibration.scaled_errors(c["scale"], table, horizon, n_paths, rng, vol=c["vol"])
    with np.errstate(over="ignore"):
        paths = from_z(c["combined"][None, :] + errors, t[None, :])
        model_paths = {name: from_z(z[None, :] + errors, t[None, :])
                       for name, z in points.items()}
    weight = 1.0 / len(points)
    scores = tuple(
        ModelScore(name=name, fitted=name in points, weight=weight if name in points else 0.0,
                   backtest_mse=None, backtest_mape=c["mapes"].get(name),
                   n_origins=c["origins"].get(name, 0), reason=reasons.get(name, ""),
                   held_from=c["held"].get(name))
        for name in models)
    notes = tuple(f"{m} left out: {r}" for m, r in reasons.items() if isinstance(r, str))
    return Projection(series=series, t=t, paths=paths, model_paths=model_paths, scores=scores,
                      seed=seed_id, equal_weights=False, params=c["params"], weighting="median",
                      method="calibrated", bound=c["bound"], notes=notes)
