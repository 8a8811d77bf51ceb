"""Partial pooling: a region with little history borrows its growth from the nation.

A region's value is written as its share of the national value, ``x_r(t) = s(t) * X(t)``.
The national value ``X`` is projected by the full model mixture; the region's share drifts
at a log-rate ``b`` that is the region's own deviation from national growth. ``b`` is
estimated from the dates where both are observed (month readings included: the share
cancels the seasonality the two have in common) and shrunk toward zero by a normal prior,

    b | data ~ N(w * b_hat, 1 / (1/tau^2 + 1/v)),   w = tau^2 / (tau^2 + v),

where ``v`` is the sampling variance of ``b_hat`` given a measurement noise of the log share
(concepts and denominators differ between regional tables). With one shared date the region
simply grows with the nation, and its band is wider by the prior on ``b`` and a random walk
in the share. The weights are reported, so a reader sees how much was borrowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .calibration import expit, logit, neighbour_strata, stratified_normal
from .errors import ModelError
from .params import check_n_paths, recorded_seed
from .parentsum import below_parts
from .reasons import reason
from .series import Series, interp_level
from .simulate import ModelScore, Projection

#: Prior sd of a region's deviation from national growth (log points per year).
TAU = 0.03
#: Noise of one observed log share (regional tables mix concepts and dates).
SIGMA_OBS = 0.05
#: Year-on-year random-walk noise of the log share beyond its trend. Measured on the
#: shipped regional counts (``benchmarks/regional_calibration.py``): 16 changes of 15
#: regions' log share of the nation between readings, robust sd 0.098 a year; 0.02 before
#: (its 80 % bands held 5 of those 16 later readings; the walk estimated without the
#: region scored held 11).
SIGMA_RW = 0.10
#: A level is reconciled only if at most this share of its regions lacks a projection
#: (such a level is scaled down only: the others are never credited with their share).
MAX_MISSING_SHARE = 0.25


@dataclass(frozen=True)
class Pooling:
    """How much a region's projection borrowed from the nation."""

    pairs: int
    share: float
    b_hat: float | None
    b_post: float
    sd_post: float
    weight_own: float  # w: 0 = all national growth, 1 = all the region's own

    def as_dict(self) -> dict:
        return {"pairs": self.pairs, "share": self.share, "own_deviation": self.b_hat,
                "pooled_deviation": self.b_post, "deviation_sd": self.sd_post,
                "weight_own": self.weight_own, "tau": TAU, "sigma_obs": SIGMA_OBS,
                "sigma_rw": SIGMA_RW}


def level_at(observed: Series, projection: Projection, t: np.ndarray,
             paths: np.ndarray | None = None) -> np.ndarray:
    """Values at times ``t`` for every path: observed where known, projected after.

    Inside the observed span the value is interpolated log-linearly between observations
    (the same on every path), and on to the projection's start when that is later (a
    nowcast year-end); after it, each path's projected value.
    """
    n_paths = (projection.paths if paths is None else paths).shape[0]
    out = np.empty((n_paths, t.size))
    start = projection.series
    for j, tj in enumerate(t):
        if tj <= observed.last_t:
            out[:, j] = interp_level(tj, observed.t, observed.values)
        elif tj < start.last_t:
            # A projection that starts after the last reading (a month reading carried to a
            # year-end estimate, forecast.nowcast): log-linear from the reading to its start.
            out[:, j] = interp_level(tj, [observed.last_t, start.last_t],
                                     [observed.last_value, start.last_value])
        else:
            out[:, j] = projection.values_at(float(tj), paths)
    return out


def share_deviation(region: Series, national: Series) -> tuple[int, float, float | None, float]:
    """Shared dates, the last share, the own deviation ``b_hat`` and its sampling variance."""
    r = dict(zip(region.dates, region.values))
    n = dict(zip(national.dates, national.values))
    common = sorted(d for d in set(r) & set(n) if r[d] > 0 and n[d] > 0)  # a share of 0: no log
    if not common:
        raise ModelError(f"pooled: {region.label} and {national.label} share no observation "
                         f"date, so the region's share of the national value is unknown")
    t = np.array([region.t[region.dates.index(d)] for d in common])
    log_share = np.log([r[d] / n[d] for d in common])
    share = float(np.exp(log_share[-1]))
    if len(common) < 2 or t[-1] - t[0] < 0.5:
        return len(common), share, None, np.inf
    tc = t - t.mean()
    b_hat = float(np.sum(tc * (log_share - log_share.mean())) / np.sum(tc**2))
    sigma = SIGMA_OBS
    if len(common) > 2:
        resid = log_share - log_share.mean() - b_hat * tc
        sigma = max(SIGMA_OBS, float(np.sqrt(np.sum(resid**2) / (len(common) - 2))))
    return len(common), share, b_hat, sigma**2 / float(np.sum(tc**2))


def stratified_walk(rng: np.random.Generator, n_paths: int, horizon: int,
                    sigma: float, slope_sd: float = 0.0,
                    beside: np.ndarray | None = None) -> np.ndarray:
    """``n_paths`` random walks of ``horizon`` yearly steps of sd ``sigma`` (their running
    sums, shape (n_paths, horizon)), plus a slope of sd ``slope_sd`` a year times the years
    when given, built from their principal components with stratified weights
    (:func:`stratified_normal`). Stratifying each step alone is undone by the sum; the
    first component carries most of each horizon's spread, so stratifying the components
    keeps the level at every horizon evenly drawn. With ``beside`` (the paths the walks
    are added to), each component is balanced among paths of similar rank in the sum so
    far (:func:`forecast.calibration.neighbour_strata`): paired with them at random, they
    moved a region's probability by a point between seeds."""
    k = np.arange(1, horizon + 1, dtype=float)
    cov = sigma**2 * np.minimum.outer(k, k) + slope_sd**2 * np.outer(k, k)
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1]  # the largest component first
    basis = vecs[:, order] * np.sqrt(np.clip(vals[order], 0.0, None))[None, :]
    if beside is None:
        return stratified_normal(rng, (n_paths, horizon)) @ basis.T
    # Component by component, each balanced among the paths of similar rank in what has
    # been added up so far (the log of ``beside``, then the components before it): paths
    # near any level then cross it in balance, whatever the seed.
    running = np.log(np.maximum(beside[:, :horizon], 1e-300))
    walk = np.zeros((n_paths, horizon))
    for j in range(horizon):
        ranks = np.argsort(np.argsort(running + walk[:, :running.shape[1]], axis=0), axis=0)
        part = neighbour_strata(ranks.mean(axis=1)[:, None], rng)[:, 0]
        walk += part[:, None] * basis[:, j][None, :]
    return walk


def headroom(p0: np.ndarray | float) -> np.ndarray | float:
    """The divisor that turns a log move of a count into a move of the logit of its share
    ``p0`` of its bound: ``1 - p0`` (the logit's slope in log p is ``1 / (1 - p0)``) up to
    a share of one half, held at one half above it.

    The slope is local: near the bound it grows without limit (100 at 99 %), and a region's
    yearly walk of 0.10 in the log (``SIGMA_RW``, measured on regions below half their
    bound) became 10 in the logit: a 10-90 % band of a region read at 99 % from 0.01 % to
    100 %, and "100 %" given 43 %. Held, a region near its bound moves in the logit as one
    at half of it does.
    """
    return 1.0 - np.minimum(p0, 0.5)


def _bounded_growth(p0: np.ndarray | float, growth: np.ndarray) -> np.ndarray:
    """A share ``p0`` moved by log-growth ``growth``, on the logit scale.

    ``logit(p) = logit(p0) + growth / headroom(p0)``: below half the bound, the same
    growth as ``p0 * exp(growth)`` at the start (the logit's slope in log p is
    ``1 / (1 - p0)``), but the share approaches 1 instead of crossing it, so nothing is
    clipped after the fact.
    """
    p0 = np.clip(p0, 1e-6, 1 - 1e-6)
    return expit(logit(p0) + growth / headroom(p0))


def pooled_projection(region: Series, national: Series, national_projection: Projection,
                      *, horizon: int, n_paths: int, seed, ceiling=None
                      ) -> tuple[Projection, Pooling]:
    """Project a sparse region as a drifting share of the projected national series.

    Parameters
    ----------
    region : Series
        Every observation of the region (year-end and month readings); the projection is
        anchored at its last observation.
    national : Series
        Every observation of the same metric nationally.
    national_projection : Projection
        The national mixture, long enough to cover the region's horizon.
    horizon, n_paths, seed : int
        As in :func:`forecast.simulate.project`.
    ceiling : Ceiling, optional
        The region's own bound (its working population). With one, the region's growth
        relative to the ceiling moves its share of the ceiling on the logit scale, so it can
        approach but never pass the bound however long the national series compounds.
    """
    check_n_paths(n_paths)
    if len(region) == 0:
        raise ModelError(f"pooled: no observation of {region.label}")
    try:
        pairs, _, b_hat, v = share_deviation(region, national)
    except ModelError:
        # No date in common (a region read in 2023, the nation in 2020 and 2024): its share
        # is still known at its last reading, against the national series interpolated
        # there (level_at, below); it has no trend of its own.
        pairs, b_hat, v = 0, None, np.inf
    if b_hat is None:
        w, b_post, sd_post = 0.0, 0.0, TAU
    else:
        w = TAU**2 / (TAU**2 + v)
        b_post = w * b_hat
        sd_post = float(np.sqrt(1.0 / (1.0 / TAU**2 + 1.0 / v)))
    rng = np.random.default_rng(seed)
    t = region.last_t + np.arange(1, horizon + 1, dtype=float)
    anchor_nat = level_at(national, national_projection, np.array([region.last_t]))[0, 0]
    share0 = region.last_value / anchor_nat
    nat = level_at(national, national_projection, t)
    nat = nat[rng.permutation(nat.shape[0])[:n_paths]] if nat.shape[0] >= n_paths else \
        nat[rng.integers(0, nat.shape[0], n_paths)]
    # The share's slope (b_post, sd sd_post) and its yearly walk, drawn together.
    steps = (t - region.last_t)[None, :]
    walk = stratified_walk(rng, n_paths, horizon, SIGMA_RW, slope_sd=sd_post, beside=nat)
    growth = np.log(nat / anchor_nat) + b_post * steps + walk
    if ceiling is not None:
        c0, ct = float(ceiling.at(region.last_t)), ceiling.at(t)[None, :]
        p = _bounded_growth(region.last_value / c0, growth - np.log(ct / c0))
        paths = p * ct
    else:
        paths = region.last_value * np.exp(growth)
    score = ModelScore(name="pooled", fitted=True, weight=1.0, backtest_mse=None,
                       backtest_mape=None, n_origins=0,
                       reason="national mixture times the region's shrunk share trend")
    projection = Projection(series=region, t=t, paths=paths, model_paths={"pooled": paths},
                            scores=(score,), seed=recorded_seed(seed), equal_weights=False,
                            params={"pooled": {"share": share0, "b_post": b_post}},
                            method=national_projection.method, bound=ceiling,
                            carried_by="national_growth")
    return projection, Pooling(pairs=pairs, share=float(share0), b_hat=b_hat,
                               b_post=float(b_post), sd_post=float(sd_post),
                               weight_own=float(w))


def reconcile(whole: dict, parts: dict[str, dict], *, years: Sequence[int] | None = None,
              bound_only: bool = False) -> dict:
    """Scale regional projections so that the parts add up to the whole, year by year.

    Proportional (top-down) reconciliation of medians: in each year the national median
    ``N`` is shared among the regions in proportion to their own medians ``m_r``, so the
    reconciled median is ``m_r * N / sum(m)``; each region's 10-90 % band is scaled by the
    same factor. Regions without a projection are not in the sum: pass ``bound_only``
    where there are any, or the factor credits the others with their share.

    Parameters
    ----------
    whole : dict
        ``{year: {"p10", "p50", "p90"}}`` of the national projection.
    parts : dict
        ``{region: {year: {"p10", "p50", "p90"}}}`` of the regional projections.
    years : sequence of int, optional
        Years to reconcile; default every year all parts and the whole share.
    bound_only : bool, default False
        Scale down only (factor at most 1): for parts that may not be all of the whole
        (the regencies of a province that the data lists), which must not exceed it but
        need not fill it.

    Returns
    -------
    dict
        ``years``, per-year ``factor``, ``sum_before``, ``whole``, ``adjustment``
        (what the factor adds to ``sum_before``: ``whole - sum_before``, or less where
        ``bound_only`` keeps parts below the whole as they are), and ``regions``: per
        region and year the median before and after and the band after.
    """
    if not parts:
        raise ModelError("reconcile: no regional projection to reconcile")
    common = set(whole)
    for fan in parts.values():
        common &= set(fan)
    years = sorted(common if years is None else set(years) & common)
    if not years:
        raise ModelError("reconcile: the regional projections and the national one share "
                         "no year")
    out = {"years": years, "factor": {}, "sum_before": {}, "whole": {}, "adjustment": {},
           "regions": {r: {} for r in sorted(parts)}}
    for y in years:
        total = float(sum(parts[r][y]["p50"] for r in parts))
        k = whole[y]["p50"] / total
        if bound_only:
            k = min(k, 1.0)
        out["factor"][y] = k
        out["sum_before"][y] = total
        out["whole"][y] = float(whole[y]["p50"])
        out["adjustment"][y] = total * (k - 1.0)  # what the factor adds: 0 when kept
        for r in parts:
            q = parts[r][y]
            out["regions"][r][y] = {"p50_before": float(q["p50"]), "p10": k * q["p10"],
                                    "p50": k * q["p50"], "p90": k * q["p90"]}
    return out


def reconcile_run(results: dict[str, dict], regions, *, metric: str = "active_total",
                  top: str = "national", levels: Sequence[str] | None = None,
                  whole_levels: Sequence[str] | None = None) -> dict:
    """Reconcile every level's regional projections of ``metric`` with the national one.

    A level whose regions make up the whole country (the first level below the top, or
    one under every region of the level above it) is reconciled with the top region. A
    deeper level that the data lists only in part (regencies of some provinces) is
    reconciled with each parent, scaled down only (``bound_only``): its regions may not
    add up to more than their province, but need not fill it. Those entries are keyed
    ``"<level> in <parent>"`` and carry ``parent``.

    Whether a level is scaled both ways is the scheme's word (``whole_levels``): only a
    level whose listed regions make up all of the region above may be scaled up to it; any
    other is scaled down only, so regions listed in part are never credited with the rest.
    So is a whole level some of whose regions have no projection (``down_why``
    ``"missing"``): one province of four without a count doubled the other three's
    medians. Each reconciled entry says which (``down_only``).

    Parameters
    ----------
    results : dict
        ``{region id: results.json object}`` of a run (must include ``top``).
    regions : pandas.DataFrame
        ``regions.csv`` (``id``, ``level``, ``parent``): which regions make up each level.
    metric : str
        A metric every region projects (``projections`` in results.json).
    top : str
        The top region (the scheme's ``top_region``).
    levels : sequence of str, optional
        The levels top first (the scheme's); default their order in ``regions``.
    whole_levels : sequence of str, optional
        The levels whose regions make up the whole (the scheme's ``whole_levels``). Default:
        the levels reconciled with the top region (a reading that cannot tell a level
        listed in part from a whole one; a scheme always passes its own).

    Returns
    -------
    dict
        ``{"metric", "levels": {level: {...}}}`` where each level holds the output of
        :func:`reconcile` plus ``included`` and ``missing`` (with reasons), or ``skipped``
        with the reason when the level cannot be reconciled: a reason object whose words
        :func:`forecast.reasons.reason_text` makes (codes: :mod:`forecast.reconwords`).
    """

    def fan_of(res: dict) -> tuple[dict | None, str | None]:
        for p in res.get("projections", []):
            if p["metric"] == metric:
                if not p.get("projected"):
                    return None, p.get("reason", "not projected")
                return {int(q["year"]): q for q in p["fan"]}, None
        return None, f"no {metric} projection in results.json"

    out = {"metric": metric, "method": "proportional (top-down) scaling of medians",
           "levels": {}}
    if top not in results:
        out["skipped"] = reason("recon_no_top", top=top)
        return out
    whole, why = fan_of(results[top])
    if whole is None:
        out["skipped"] = reason("recon_top_unprojected", top=top, why=why)
        return out
    level_of = dict(zip(regions["id"], regions["level"]))
    # Without a parent column every level is taken to make up the whole.
    parent_of = dict(zip(regions["id"], regions["parent"])) if "parent" in regions else {}
    order = list(levels) if levels is not None else list(dict.fromkeys(regions["level"]))
    below = [lv for lv in order if lv != level_of.get(top) and (regions["level"] == lv).any()]
    groups = []  # (key, level, ids, whole fan, parent or None)
    for i, level in enumerate(below):
        ids = [r for r in regions.loc[regions["level"] == level, "id"]]
        above = set(regions.loc[regions["level"] == below[i - 1], "id"]) if i else set()
        if i == 0 or not parent_of or above <= {parent_of[r] for r in ids}:
            groups.append((level, level, ids, whole, None))
            continue
        for parent in sorted({parent_of[r] for r in ids}):
            fan, _ = fan_of(results[parent]) if parent in results else (None, None)
            groups.append((f"{level} in {parent}", level,
                           [r for r in ids if parent_of[r] == parent], fan, parent))
    for key, level, ids, whole, parent in groups:
        if parent is not None and whole is None:
            out["levels"][key] = {"parent": parent, "regions_in_level": len(ids),
                                  "included": [], "missing": {},
                                  "skipped": reason("recon_parent_unprojected", parent=parent,
                                                    level=level, metric=metric)}
            continue
        parts, missing = {}, {}
        for rid in ids:
            if rid not in results:
                missing[rid] = "not in this run"
                continue
            fan, why = fan_of(results[rid])
            if fan is None:
                missing[rid] = why
            else:
                parts[rid] = fan
        entry = {"regions_in_level": len(ids), "included": sorted(parts), "missing": missing}
        if parent is not None:
            entry["parent"] = parent
        absent = [r for r, why in missing.items() if why == "not in this run"]
        if absent:
            entry["skipped"] = reason("recon_not_all_run", n_run=len(ids) - len(absent),
                                      n=len(ids), level=level)
        elif len(parts) < (1 - MAX_MISSING_SHARE) * len(ids):
            entry["skipped"] = reason("recon_too_few", n_projected=len(parts), n=len(ids),
                                      level=level, metric=metric,
                                      whole=parent or top)
        elif len(parts) < (2 if parent is None else 1):
            entry["skipped"] = reason("recon_need_two", n_projected=len(parts), n=len(ids),
                                      level=level, metric=metric)
        elif not set(whole).intersection(*map(set, parts.values())):
            entry["skipped"] = reason("recon_no_common_year", level=level)
        else:
            try:
                down = parent is not None if whole_levels is None else \
                    level not in whole_levels
                entry.update(reconcile(whole, parts, bound_only=down or bool(missing)),
                             down_only=down or bool(missing),
                             **({"down_why": "missing"} if missing and not down else {}))
            except ModelError as exc:
                entry["skipped"] = reason("model_error", message=str(exc))
        out["levels"][key] = entry
    # A region below its own regions (no level sets them against each other).
    out["below_parts"] = below_parts(results, regions, metric=metric, top=top)
    return out
