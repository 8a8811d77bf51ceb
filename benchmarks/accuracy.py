"""Rolling-origin backtest of the national annual series, side by side with the peers.

For every origin year ``o`` (a year-end observation with at least ``min_train`` year-end
points up to it) each method is fitted on the data known at ``o`` (``as_of=o``) and
projects ``1..3`` years ahead; the projections are scored against the year-end actuals:

* MAPE of the median;
* calibration: the share of actuals inside the 80 % band;
* Brier score of "reaches X by year Y" (the value at the year-end of Y is at least X) for
  thresholds taken from the data: the official targets of ``data/targets.csv`` due at a
  scored year-end, and the actual value there times 0.90, 0.95, 1.05 and 1.10.

Methods: our combined projection (:func:`forecast.simulate.project`, the mixture the
product reports, equal weights) and each of our models from the same call, the mixture
with inverse-error weights (shown, not part of the goal), compound-growth extrapolation
(the growth the UNSD rule measures), a random walk with drift on the levels, statsforecast
AutoETS and AutoARIMA, and Prophet with a logistic cap (see :mod:`benchmarks.peers`).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from forecast.data import Panel, select
from forecast.errors import ForecastError
from forecast.models import available_models
from forecast.models.base import Ceiling
from forecast.ceilings import ceiling_for
from forecast.series import Series
from forecast.simulate import project

from . import peers
from .scoring import Forecast, SampleForecast, brier, coverage, mape

log = logging.getLogger(__name__)

#: Series scored when they have enough year-end points.
HEADLINE_METRICS = ("active_total", "fund_investment")
SEGMENT_METRICS = ("active_pu", "active_bpu", "active_jakon", "active_pmi")
#: Fewest year-end points known at an origin.
MIN_TRAIN = 5
MAX_HORIZON = 3
#: Thresholds around the actual: actual times these factors.
ACTUAL_FACTORS = (0.90, 0.95, 1.05, 1.10)
#: The method whose goals are checked.
COMBINED = "ours: combined"
#: The mixture with inverse-error weights (``weighting="backtest"``), shown beside it.
BACKTEST_WEIGHTED = "ours: old mixture (equal weights)"
VARIANT = "ours: variant of the mixture"


@dataclass(frozen=True)
class Case:
    """One origin of one series: the training data and the actuals to score."""

    metric: str
    origin: int
    train: Series
    actuals: dict[int, float]  # steps ahead -> year-end actual
    ceiling: Ceiling | None
    thresholds: tuple[tuple[int, float, str], ...] = field(default=())  # step, X, kind

    @property
    def horizon(self) -> int:
        return max(self.actuals)


def thresholds_for(panel: Panel, region: str, metric: str, origin: int,
                   actuals: dict[int, float]) -> tuple[tuple[int, float, str], ...]:
    """Thresholds of the probability forecasts at an origin: official targets, actual x f."""
    out = []
    tgt = panel.targets
    rows = tgt[(tgt["region"] == region) & (tgt["metric"] == metric)
               & tgt["target_date"].dt.month.eq(12) & tgt["target_date"].dt.day.eq(31)]
    for step, actual in sorted(actuals.items()):
        for value in rows.loc[rows["target_date"].dt.year == origin + step, "value"]:
            out.append((step, float(value), "official target"))
        for f in ACTUAL_FACTORS:
            out.append((step, actual * f, f"actual x {f:.2f}"))
    return tuple(out)


def build_cases(panel: Panel, *, region: str = "national",
                metrics: tuple[str, ...] = HEADLINE_METRICS + SEGMENT_METRICS,
                min_train: int = MIN_TRAIN, max_horizon: int = MAX_HORIZON
                ) -> tuple[list[Case], list[str]]:
    """Every scorable origin of every series, and a note for each series left out.

    An origin is a year-end observation with at least ``min_train`` year-end points up to
    it and at least one year-end actual within ``max_horizon`` years after it.
    """
    cases, notes = [], []
    for metric in metrics:
        full = select(panel, region, metric)
        years = [int(round(t)) for t in full.t]
        found = 0
        for i, origin in enumerate(years):
            if i + 1 < min_train:
                continue
            actuals = {y - origin: float(v) for y, v in zip(years, full.values)
                       if 0 < y - origin <= max_horizon}
            if not actuals:
                continue
            train = select(panel, region, metric, as_of=origin)
            cases.append(Case(metric=metric, origin=origin, train=train, actuals=actuals,
                              ceiling=ceiling_for(panel, region, metric, origin)[0],
                              thresholds=thresholds_for(panel, region, metric, origin,
                                                        actuals)))
            found += 1
        if not found:
            notes.append(f"{region}/{metric}: {len(full)} year-end point(s); needs "
                         f"{min_train + 1}+ ({min_train} to fit, 1 to score): not scored")
    return cases, notes


# ------------------------------------------------------------------------------ methods


@dataclass
class MethodInfo:
    """A method's row label, what kind it is, and why it is missing where it is."""

    name: str
    kind: str
    note: str = ""
    failures: list[str] = field(default_factory=list)


def _ours(case: Case, n_paths: int, seed: int) -> dict[str, Forecast]:
    proj = project(case.train, available_models(), horizon=case.horizon, n_paths=n_paths,
                   seed=seed, ceiling=case.ceiling)
    out: dict[str, Forecast] = {COMBINED: SampleForecast(paths=proj.paths)}
    for name, paths in proj.model_paths.items():
        out[f"ours: {name}"] = SampleForecast(paths=paths)
    # The earlier engine (equal-weight mixture of model paths) on the same fits, for comparison.
    other = project(case.train, available_models(), horizon=case.horizon, n_paths=n_paths,
                    seed=seed, ceiling=case.ceiling, method="mixture")
    out[BACKTEST_WEIGHTED] = SampleForecast(paths=other.paths)
    return out


def _methods(n_paths: int, seed: int, status: dict[str, str]
             ) -> list[tuple[list[MethodInfo], Callable[[Case], dict[str, Forecast]]]]:
    """(rows, function of a case giving a forecast per row name), in table order."""
    ours_rows = [MethodInfo(COMBINED, "ours: calibrated median combination (the product's)"),
                 MethodInfo(BACKTEST_WEIGHTED, VARIANT)] + [
        MethodInfo(f"ours: {m}", "ours: single model") for m in available_models()]
    groups = [
        (ours_rows, lambda c: _ours(c, n_paths, seed)),
        ([MethodInfo("CAGR since first obs. (UNSD baseline)", "baseline: point")],
         lambda c: {"CAGR since first obs. (UNSD baseline)":
                    peers.cagr_extrapolation(c.train, c.horizon)}),
        ([MethodInfo("CAGR last 3 years", "baseline: point")],
         lambda c: {"CAGR last 3 years": peers.cagr_extrapolation(c.train, c.horizon,
                                                                    years=3)}),
        ([MethodInfo("random walk + drift (levels)", "baseline: normal")],
         lambda c: {"random walk + drift (levels)": peers.rw_drift_levels(c.train,
                                                                          c.horizon)}),
    ]
    for which in ("AutoETS", "AutoARIMA"):
        name = f"statsforecast {which}"
        groups.append(([MethodInfo(name, "peer: statsforecast", status["statsforecast"])],
                       (lambda w, n: lambda c: {n: peers.statsforecast_model(
                           c.train, c.horizon, w)})(which, name)))

    def prophet(c: Case) -> dict[str, Forecast]:
        fc, _ = peers.prophet_model(c.train, c.horizon, ceiling=c.ceiling, seed=seed)
        return {"Prophet": fc}

    groups.append(([MethodInfo("Prophet", "peer: logistic cap (linear for money)",
                               status["prophet"])], prophet))
    return groups


@dataclass
class AccuracyResult:
    """Long tables of every scored forecast and probability, and the method rows."""

    points: pd.DataFrame  # method, metric, origin, step, actual, median, lower, upper
    probs: pd.DataFrame  # method, metric, origin, step, threshold, kind, prob, outcome
    methods: list[MethodInfo]
    cases: list[Case]
    notes: list[str]


def run_accuracy(panel: Panel, *, n_paths: int = 10_000, seed: int = 20261231,
                 region: str = "national", min_train: int = MIN_TRAIN,
                 peer_libraries: bool = True) -> AccuracyResult:
    """Backtest every method on every origin of the national series.

    Parameters
    ----------
    panel : Panel
        The data (the shipped ``data/`` by default in ``run.py``).
    n_paths, seed : int
        Paths and seed of our projections (and Prophet's samples).
    region : str
        Region whose series are backtested.
    min_train : int
        Fewest year-end points known at an origin.
    peer_libraries : bool
        Run statsforecast and Prophet (False skips them, e.g. in quick mode).
    """
    cases, notes = build_cases(panel, region=region, min_train=min_train)
    status = peers.peer_status()
    if not peer_libraries:
        status = {k: v or "skipped (--no-peers)" for k, v in status.items()}
    groups = _methods(n_paths, seed, status)
    points, probs = [], []
    for rows, fn in groups:
        if any(r.note for r in rows):
            continue
        for case in cases:
            try:
                forecasts = fn(case)
            except (ForecastError, ValueError, ArithmeticError, np.linalg.LinAlgError,
                    NotImplementedError, RuntimeError) as exc:
                for r in rows:
                    r.failures.append(f"{case.metric} {case.origin}: "
                                      f"{type(exc).__name__}: {' '.join(str(exc).split())[:90]}")
                continue
            for r in rows:
                fc = forecasts.get(r.name)
                if fc is None:
                    r.failures.append(f"{case.metric} {case.origin}: not fitted")
                    continue
                med = fc.median
                band = fc.band
                for step, actual in case.actuals.items():
                    points.append({"method": r.name, "metric": case.metric,
                                   "origin": case.origin, "step": step, "actual": actual,
                                   "median": float(med[step - 1]),
                                   "lower": float(band[0][step - 1]) if band else math.nan,
                                   "upper": float(band[1][step - 1]) if band else math.nan})
                for step, x, kind in case.thresholds:
                    p = fc.prob_at_least(step, x)
                    if p is None:
                        continue
                    probs.append({"method": r.name, "metric": case.metric,
                                  "origin": case.origin, "step": step, "threshold": x,
                                  "kind": kind, "prob": p,
                                  "outcome": bool(case.actuals[step] >= x)})
    methods = [r for rows, _ in groups for r in rows]
    return AccuracyResult(points=pd.DataFrame(points, columns=[
        "method", "metric", "origin", "step", "actual", "median", "lower", "upper"]),
        probs=pd.DataFrame(probs, columns=["method", "metric", "origin", "step", "threshold",
                                           "kind", "prob", "outcome"]),
        methods=methods, cases=cases, notes=notes)


# ------------------------------------------------------------------------------ summaries


def summarise(result: AccuracyResult) -> pd.DataFrame:
    """One row per method: forecasts scored, MAPE (all and by step), coverage, Brier."""
    rows = []
    n_total = sum(len(c.actuals) for c in result.cases)
    for m in result.methods:
        pts = result.points[result.points["method"] == m.name]
        prb = result.probs[result.probs["method"] == m.name]
        banded = pts.dropna(subset=["lower", "upper"])
        row = {"method": m.name, "kind": m.kind, "forecasts": len(pts), "of": n_total,
               "mape": mape(pts["median"], pts["actual"])}
        for step in range(1, MAX_HORIZON + 1):
            s = pts[pts["step"] == step]
            row[f"mape_h{step}"] = mape(s["median"], s["actual"])
        row["coverage80"] = coverage(banded["lower"], banded["upper"], banded["actual"]) \
            if len(banded) else math.nan
        row["brier"] = brier(prb["prob"], prb["outcome"]) if len(prb) else math.nan
        tg = prb[prb["kind"] == "official target"]
        row["brier_targets"] = brier(tg["prob"], tg["outcome"]) if len(tg) else math.nan
        row["n_probs"], row["n_target_probs"] = len(prb), len(tg)
        row["note"] = m.note or (f"missing at {len(m.failures)} origin(s): {m.failures[0]}"
                                 if m.failures else "")
        rows.append(row)
    return pd.DataFrame(rows)


def by_metric(result: AccuracyResult) -> tuple[pd.DataFrame, pd.DataFrame]:
    """MAPE and forecast count per method and series (rows: methods, columns: metrics)."""
    if result.points.empty:
        return pd.DataFrame(), pd.DataFrame()
    pts = result.points.assign(ape=(result.points["median"] / result.points["actual"] - 1).abs())
    table = pts.pivot_table(index="method", columns="metric", values="ape", aggfunc="mean")
    counts = pts.pivot_table(index="method", columns="metric", values="ape", aggfunc="size")
    order = [m.name for m in result.methods if m.name in table.index]
    return table.loc[order], counts.loc[order]


def goals(result: AccuracyResult) -> list[dict]:
    """The issue's accuracy goals, each with its measure and whether it is met.

    The combined projection is compared with every other method on the forecasts both
    made (same series, origin and step), so a method that could not forecast at the early,
    short origins is not compared on different ground.
    """
    pts = result.points
    ours = pts[pts["method"] == COMBINED].set_index(["metric", "origin", "step"])
    out = []
    beaten, lost, untested = [], [], []
    for m in result.methods:
        if m.name == COMBINED or m.kind == VARIANT:  # a variant is neither peer nor model
            continue
        other = pts[pts["method"] == m.name].set_index(["metric", "origin", "step"])
        common = ours.index.intersection(other.index)
        if not len(common):
            untested.append(m.name)
            continue
        a = mape(ours.loc[common, "median"], ours.loc[common, "actual"])
        b = mape(other.loc[common, "median"], other.loc[common, "actual"])
        (beaten if a < b else lost).append(f"{m.name} ({b:.1%} vs ours {a:.1%}, "
                                           f"n={len(common)})")
    out.append({"goal": "combined MAPE below every peer and every single model "
                        "(on the forecasts both made)",
                "met": bool(ours.size) and not lost,
                "measure": (f"beats {len(beaten)} of {len(beaten) + len(lost)}"
                            + (f"; not below: {'; '.join(lost)}" if lost else "")
                            + (f"; not comparable: {', '.join(untested)}" if untested else ""))})
    banded = pts[(pts["method"] == COMBINED)]
    cov = coverage(banded["lower"], banded["upper"], banded["actual"]) if len(banded) \
        else math.nan
    inside = int(((banded["actual"] >= banded["lower"])
                  & (banded["actual"] <= banded["upper"])).sum())
    out.append({"goal": "80 % band of the combined projection holds 70-90 % of the actuals",
                "met": bool(0.7 <= cov <= 0.9) if not math.isnan(cov) else False,
                "measure": f"{cov:.0%} ({inside} of {len(banded)} actuals)"})
    return out
