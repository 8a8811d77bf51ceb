"""Where the coverage gap must close: each membership segment projected on its own.

Active participants are the sum of four segments: formal wage earners (``active_pu``),
informal / non-wage workers (``active_bpu``), construction-project workers
(``active_jakon``) and migrant workers (``active_pmi``). Each is projected by the same model
mixture as the total (:func:`forecast.simulate.project`) when it has at least
:data:`MIN_ANNUAL_POINTS` year-end observations. With fewer, it is projected as its share of
the projected total (:func:`forecast.regional.pooled_projection`: the share at the last date
both were read, drifting at the segment's own share trend shrunk toward zero), and the row
says so and why.

The gap decomposition then answers two questions for a target of the total: how much of
it does each segment deliver at the target date (its median), and how fast would the
informal segment have to grow if the others keep their own pace (the target minus the
others' medians, as a compound growth rate from the informal segment's last year-end).
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .ceilings import ceiling_for
from .data import Panel, parse_as_of, select
from .regional import level_at, pooled_projection, share_deviation
from .errors import ModelError
from .params import check_n_paths, seed_sequence, spawn
from .reasons import reason
from .series import Series, decimal_year, horizon_years
from .simulate import Projection, project
from .targets import growth_from

log = logging.getLogger(__name__)

SEGMENTS = ("active_pu", "active_bpu", "active_jakon", "active_pmi")
TOTAL = "active_total"
INFORMAL = "active_bpu"
#: Year-end points a segment needs to be projected on its own trend: one more than the
#: trend models' minimum of 3, so at least one backtest origin weights the models. With 3
#: points every model gets an equal weight and an exponential through them can explode;
#: the total's backtested mixture, scaled by the segment's share, is the better guide.
MIN_ANNUAL_POINTS = 4


@dataclass(frozen=True)
class SegmentProjection:
    """One segment's projection and how it was made."""

    metric: str
    series: Series  # every observation (year-end and month readings)
    projection: Projection
    fallback: bool
    reason: dict  # a reason object of forecast.enginewords (segment_*)

    def at(self, t: float) -> np.ndarray:
        return self.projection.values_at(t)


def _years(series: Series) -> list[int]:
    return [int(round(t)) for t in series.t]


def project_segments(panel: Panel, total_projection: Projection, *, region: str | None = None,
                     as_of=None, t_end: float, models: Sequence[str], n_paths: int,
                     seed, segments: Sequence[str] = SEGMENTS) -> list[SegmentProjection]:
    """Project every segment that has any observation, on its own trend or as a share.

    Parameters
    ----------
    panel : Panel
    total_projection : Projection
        Mixture projection of ``active_total``, reaching at least ``t_end``.
    region : str or None
        Default the scheme's top region.
    as_of : year, date or None
    t_end : float
        Decimal year every segment projection must reach (the target date).
    models : sequence of str
        Models of the own-trend projections.
    n_paths : int
    seed : int or numpy.random.SeedSequence
        The run's seed; segment ``k`` draws from its child stream ``(k,)``.

    Returns
    -------
    list of SegmentProjection
        In the order of ``segments``; segments without any observation are left out.
    """
    check_n_paths(n_paths)
    cut = parse_as_of(as_of, shift=panel.scheme.shift_days)
    root = seed_sequence(seed)
    region = panel.scheme.top_region if region is None else region
    total_all = select(panel, region, TOTAL, as_of=cut, annual=False)
    out = []
    for k, metric in enumerate(segments):
        annual = select(panel, region, metric, as_of=cut)
        every = select(panel, region, metric, as_of=cut, annual=False)
        if len(every) == 0:
            continue
        # Each segment gets its own child stream of the run's seed, so adding a segment does
        # not move the others and no segment shares a stream with the total.
        seg_seed = spawn(root, k)
        why = None  # why the models were not used: a reason object (forecast.enginewords)
        if len(annual) >= MIN_ANNUAL_POINTS:
            try:
                ceiling, _ = ceiling_for(panel, region, metric, cut)
                proj = project(annual, models, horizon=horizon_years(annual.last_t, t_end),
                               n_paths=n_paths,
                               seed=seg_seed, ceiling=ceiling)
                if not np.all(np.isfinite(proj.paths)):
                    raise ModelError(f"the paths of {annual.label} are not all finite")
                out.append(SegmentProjection(
                    metric=metric, series=every, projection=proj, fallback=False,
                    reason=reason("segment_own_trend", n=len(annual), years=_years(annual),
                                  weights={n: float(w) for n, w in proj.weights.items()},
                                  equal_weights=bool(proj.equal_weights))))
                continue
            except ModelError as exc:
                # The parameter dump some model errors carry is for logs, not for readers.
                log.info("segment %s: own trend failed: %s", metric, exc)
                why = reason("segment_models_failed", n=len(annual), years=_years(annual),
                             message=str(exc).split(" (parameters")[0])
        else:
            why = reason("segment_too_few", n=len(annual), years=_years(annual),
                         needed=MIN_ANNUAL_POINTS)
        try:
            pairs, share, b_hat, _ = share_deviation(every, total_all)
        except ModelError as exc:
            log.info("segment %s skipped: %s", metric, exc)
            continue
        proj, pool = pooled_projection(every, total_all, total_projection,
                                       horizon=horizon_years(every.last_t, t_end),
                                       n_paths=n_paths, seed=seg_seed)
        trend = (None if b_hat is None else
                 {"b_post": float(pool.b_post), "b_own": float(b_hat),
                  "weight_own": float(pool.weight_own)})
        out.append(SegmentProjection(
            metric=metric, series=every, projection=proj, fallback=True,
            reason=reason("segment_share", total=TOTAL, share=float(pool.share),
                          date=every.dates[-1], pairs=int(pairs), trend=trend, why=why)))
    return out


def scale_to_total(segments: list[SegmentProjection], total: Projection, observed: Series,
                   t_target: float) -> tuple[list[SegmentProjection], dict | None]:
    """Where every segment of :data:`SEGMENTS` is projected as its share of the total, their
    paths scaled so that their medians at ``t_target`` (the date the decomposition reads)
    sum to the total's (``observed`` its readings, ``total`` its projection), and the factor
    with the sum before (``scaled_to_total``); else as they are and None. Each share
    follows its own trend, and the four summed to 104 % of the total by 2026: the gap and
    informal's need were 1.7M too small. A scenario's extras are added after, unscaled."""
    if {s.metric for s in segments} != set(SEGMENTS) or not all(s.fallback for s in segments):
        return segments, None
    before = float(sum(np.median(s.at(t_target)) for s in segments))
    f = float(np.median(level_at(observed, total, np.array([t_target])))) / before
    out = [dataclasses.replace(seg, projection=dataclasses.replace(
        seg.projection, paths=seg.projection.paths * f,
        model_paths={k: v * f for k, v in seg.projection.model_paths.items()}))
        for seg in segments]
    return out, {"factor": f, "sum_before": before}


def decomposition(segments: Sequence[SegmentProjection], target_value: float,
                  target_date: str, unassigned: float = 0.0,
                  scaled: dict | None = None) -> dict:
    """How much of a target of the total each segment delivers, and what informal must do.

    Parameters
    ----------
    segments : sequence of SegmentProjection
    target_value : float
        Target of ``active_total`` (persons).
    target_date : str
        ISO date it is due.
    unassigned : float
        Persons the total gains by then in no segment (a what-if's extra enrolments of
        ``active_total``): they count towards the target, so informal needs that many fewer.
    scaled : dict, optional
        How :func:`scale_to_total` scaled the segments (``scaled_to_total``), recorded.

    Returns
    -------
    dict
        The ``segments`` object of results.json: ``year``, ``target_value``,
        ``target_date``, ``rows`` [{metric, last_value, last_date, median, p10, p90,
        share_of_target, fallback, reason}], ``sum_of_medians``, ``unassigned`` (where
        some), ``gap`` (the target less both),
        ``informal_required_value``, ``informal_required_cagr``,
        ``informal_historical_cagr`` (to its last reading, from the reading nearest
        three years before it) and ``informal_history`` (the points).
    """
    t = decimal_year(target_date)
    rows = []
    medians = {}
    for seg in segments:
        vals = seg.at(t)
        p10, med, p90 = (float(v) for v in np.quantile(vals, [0.1, 0.5, 0.9]))
        medians[seg.metric] = med
        rows.append({"metric": seg.metric, "last_value": seg.series.last_value,
                     "last_date": seg.series.dates[-1], "median": med, "p10": p10,
                     "p90": p90, "share_of_target": med / target_value,
                     "fallback": seg.fallback, "reason": seg.reason})
    total = float(sum(medians.values()))
    # The gap counts the total's extras in no segment, as informal's need does: "gap
    # +22.07M" stood beside an informal need below informal's own median.
    out = {"year": int(target_date[:4]), "target_value": float(target_value),
           "target_date": target_date, "rows": rows, "sum_of_medians": total,
           **({"unassigned": float(unassigned)} if unassigned else {}),
           **({"scaled_to_total": scaled} if scaled else {}),
           "gap": float(target_value - total - unassigned), "informal_required_value": None,
           "informal_required_cagr": None, "informal_historical_cagr": None,
           "informal_historical_cagr_full": None, "informal_history": None}
    informal = next((s for s in segments if s.metric == INFORMAL), None)
    if informal is None:
        return out
    others = sum(v for m, v in medians.items() if m != INFORMAL) + unassigned
    required = float(target_value - others)
    out["informal_required_value"] = required
    # From its last reading, shown two lines above: from its last year-end (9.19M, 2023)
    # it read 57.7 %/yr where a lower reading of April 2025 (8.99M) needs far more.
    base = informal.series
    years_left = t - base.last_t
    if required > 0 and years_left > 0:
        out["informal_required_cagr"] = growth_from(base.last_value, required, years_left)
    out["informal_required_from"] = {"date": base.dates[-1], "value": base.last_value}
    # Achieved to the same last reading the need runs from: it ended at the last year-end
    # (54.3 %/yr to 9.19M in 2023) beside a lower reading of April 2025 (8.99M).
    if len(base) >= 2 and base.last_t > base.t[0]:
        full = growth_from(base.values[0], base.last_value, base.last_t - base.t[0])
        out["informal_historical_cagr_full"] = full
        # The reading nearest three years before the last (the first of a tie).
        i = int(np.argmin(np.abs(base.t[:-1] - (base.last_t - 3)) + 1e-9 * base.t[:-1]))
        out["informal_historical_cagr"] = growth_from(base.values[i], base.last_value,
                                                      base.last_t - base.t[i])
        out["informal_history"] = {
            "from": {"date": base.dates[i], "value": float(base.values[i])},
            "to": {"date": base.dates[-1], "value": base.last_value},
            "points": [{"date": d, "value": float(v)}
                       for d, v in zip(informal.series.dates, informal.series.values)]}
    return out

