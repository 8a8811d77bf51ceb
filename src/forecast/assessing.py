"""Which targets of a region are projected, which are outcomes, which are skipped.

Called by :func:`forecast.run.run_region` with its context; kept apart so the run module
stays about projecting and the results entry.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Callable

import numpy as np
import pandas as pd
from scipy.special import ndtri

from . import config
from .outcomes import denominator_check, is_past_due, target_base, target_outcome
from .reasons import reason
from .series import decimal_year


def assess_targets(ctx, region: str, reference: pd.Timestamp, *, entry: Callable,
                   why: Callable, failures: tuple, extra_years: int) -> tuple[list, list, list]:
    """Every target of ``region`` in the vintage: (assessed entries, skipped, outcomes).

    A coverage target is only compared with readings on its own denominator
    (:func:`forecast.outcomes.denominator_check`); a target due by ``reference`` is an
    outcome (:func:`forecast.outcomes.target_outcome`), never a forward probability.

    ``ctx`` is the run's context (:class:`forecast.run._Context`): its ``panel`` (the
    vintage), ``coverage_base``, ``last_observation`` and ``projected``. ``entry`` makes a
    target's results entry from a projection; ``why`` the reason object of one of the
    ``failures`` (the exceptions a projection may raise).
    """
    entries, skipped, outcomes = [], [], []
    targets = ctx.panel.targets[ctx.panel.targets["region"] == region]

    def skip(rows, why: dict) -> None:
        for _, tgt in rows.iterrows():
            skipped.append({"metric": tgt["metric"], "target_date": tgt["target_date"],
                            "target_value": tgt["value"], "reason": why,
                            "denominator": target_base(ctx.panel.scheme, tgt)})

    groups = []
    for metric, group in targets.groupby("metric", sort=False):
        if not ctx.panel.scheme.is_coverage(metric):
            groups.append((metric, group, None))
            continue
        bases = group["denominator"].map(lambda d: d if isinstance(d, str) else "") \
            if "denominator" in group else pd.Series("", index=group.index)
        for base, sub in group.groupby(bases, sort=False):
            # not ``why``: that name is the reason maker the projections below still need
            reason = denominator_check(ctx.panel, region, base, metric)
            if reason is not None:
                skip(sub, reason)
            else:
                groups.append((metric, sub, base))
    for metric, group, base in groups:
        past = group[[is_past_due(d, reference) for d in group["target_date"]]]
        outcomes += [target_outcome(ctx.panel, region, tgt, reference)
                     for _, tgt in past.iterrows()]
        ctx.coverage_base = base
        before = len(entries)
        try:
            _assess_future(ctx, region, metric, group.drop(past.index), entries, skip,
                           entry=entry, why=why, failures=failures, extra_years=extra_years)
        finally:
            ctx.coverage_base = None
        for e in entries[before:]:  # a coverage target's base, as its outcome names it
            e["denominator"] = base or None
    outcomes.sort(key=lambda o: (o["target_date"], o["metric"]))
    return entries, skipped, outcomes


def _at_nowcast(got, t_target: float):
    """``got`` with its projection starting one step earlier, at the year-end nowcast from
    the last reading (its value times the nowcast's lognormal spread, as
    :func:`forecast.nowcast.widen` spreads every path), so a target due there is read off
    it; None unless ``t_target`` is that year-end."""
    now = got.quality.get("nowcast") or {}
    proj = got.projection
    series = proj.series
    if now.get("value") is None or not math.isclose(t_target, series.last_t) or \
            not math.isclose(decimal_year(now.get("year_end") or "1900-12-31"), series.last_t):
        return None

    def start(paths: np.ndarray) -> np.ndarray:
        n = paths.shape[0]
        col = now["value"] * np.exp((now.get("sd_log") or 0.0) * ndtri((np.arange(n) + 0.5) / n))
        bound = proj.bound_at(series.last_t)
        return np.c_[col if bound is None else np.minimum(col, bound), paths]

    read = replace(series, t=series.t[:-1], values=series.values[:-1],
                   dates=series.dates[:-1], source_ids=series.source_ids[:-1])
    return replace(got, projection=replace(
        proj, series=read, t=np.r_[series.last_t, proj.t], paths=start(proj.paths),
        model_paths={k: start(v) for k, v in proj.model_paths.items()}))


def _assess_future(ctx, region: str, metric: str, group, entries: list, skip: Callable, *,
                   entry: Callable, why: Callable, failures: tuple, extra_years: int) -> None:
    """Project ``metric`` once and assess the targets of ``group`` (all due later)."""
    if group.empty:
        return
    try:
        last_t, last_date = ctx.last_observation(region, metric)
    except failures as exc:
        skip(group, why(exc))
        return
    future = group[[decimal_year(d) > last_t for d in group["target_date"]]]
    skip(group[~group.index.isin(future.index)], reason("past_due", last_date=last_date))
    if future.empty:
        return
    last_target = max(decimal_year(d) for d in future["target_date"])
    try:
        got = ctx.projected(region, metric, last_target, extra_years=extra_years)
    except failures as exc:
        skip(future, why(exc))
        return
    for _, tgt in future.iterrows():
        t_target = decimal_year(tgt["target_date"])
        if t_target > got.projection.series.last_t:
            entries.append(entry(got, tgt))
            continue
        # Due at the year-end nowcast from a reading during the year, where the projection
        # starts (it stopped the run: 'target_date: 2025-12-31 is not after the last
        # observation'): read off the nowcast itself.
        at = _at_nowcast(got, t_target)
        if at is not None:
            e = entry(at, tgt)
            # What was added in the nowcast's year, as for the later targets (the series
            # read off ends a year earlier: '... a net fall of 0.0 million a month in 2025').
            full = got.projection.series
            before = full.values[np.isclose(full.t, full.last_t - 1)]
            e["monthly_achieved_last_year"] = (float(full.last_value - before[0]) / 12
                                               if before.size else None)
            entries.append(e)
            continue
        # (a filled year-end before the last reading's is due before it: past due)
        skip(tgt.to_frame().T, reason("past_due", last_date=got.all_points.dates[-1]))


def answer_questions(ctx, region: str, questions, why: Callable, failures: tuple) -> dict:
    """``{"questions": answers}`` (``{}`` when ``questions`` is None): for each question, the
    probability that its ``metric`` is at least its ``value`` at its ``date`` (the track
    record's thresholds, :mod:`forecast.trackrecord`), read from the projection the run's
    ``projections`` list shows (the same horizon, so the same memoised paths); None with the
    reason when there is none (``ctx``, ``why``, ``failures`` as in :func:`assess_targets`)."""
    if questions is None:
        return {}
    answers = []
    for q in questions:
        metric, t = q["metric"], decimal_year(q["date"])
        try:
            last_t, _ = ctx.last_observation(region, metric)
            if t <= last_t:  # already observed in this vintage: not a forecast
                answers.append({**q, "probability": None,
                                "reason": reason("not_after_last_observation", metric=metric)})
                continue
            end = max(config.PROJECTION_END_YEAR, math.floor(last_t) + 1, math.ceil(t))
            got = ctx.projected(region, metric, float(end), extra_years=0)
        except failures as exc:
            answers.append({**q, "probability": None, "reason": why(exc)})
            continue
        values = got.projection.values_at(t)
        answers.append({**q, "probability": float(np.mean(values >= q["value"]))})
    return {"questions": answers}
