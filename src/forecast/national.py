"""The national analysis: fund model, joint probability, segments, scenario application.

It is fed by the region run's own projection of ``active_total`` (``project_total``, from
:func:`forecast.run.run_region`), so the joint probability's marginal for workers is the
probability in the targets list and nothing is projected twice. The panel it receives is
already the vintage at ``as_of`` (cut once, at the entry).

A scenario (:mod:`forecast.scenario`) acts on the paths, not on the models; see
:func:`apply`.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from . import config, fund_backtest, funds, nowcast, segments
from .errors import ModelError, ParameterError
from .money import FUND_METRICS
from .data import Panel, select
from .params import check_n_paths, seed_sequence
from .reasons import reason
from .scenario import Scenario, load_scenario
from .series import Series, calendar_year, decimal_year
from .simulate import Projection
from .textsafe import escape


def reference_growth(total: Series, scenario: Scenario) -> float | None:
    """Growth of ``active_total`` in the shock's reference year (``like``), or None."""
    if scenario.shock is None:
        return None
    years = {int(round(t)): v for t, v in zip(total.t, total.values)}
    like = scenario.shock.like
    if like not in years or like - 1 not in years:
        have = ", ".join(map(str, sorted(years)))
        raise ParameterError(f"{scenario.source}: key 'adjustments.shock.like': expected a year "
                             f"with year-end {total.metric} in it and the year before "
                             f"(observed: {have}), found {like}")
    return years[like] / years[like - 1] - 1.0


def apply(scenario: Scenario | None, metric: str, projection: Projection, *, t0: float,
          g_ref: float | None) -> np.ndarray:
    """A projection's paths with the scenario applied (a new array; the input is kept).

    Parameters
    ----------
    scenario : Scenario or None
        None returns the paths unchanged.
    metric : str
        ``active_total`` takes every segment's extra enrolments plus its own; a segment
        takes its own.
    projection : Projection
    t0 : float
        Decimal year the extra enrolments start from (the total's last observation).
    g_ref : float or None
        Growth of the shock's reference year (:func:`reference_growth`).
    """
    paths = np.array(projection.paths, dtype=float, copy=True)
    if scenario is None:
        return paths
    t = projection.t
    year = scenario.shock.year if scenario.shock is not None else None
    last = projection.series.last_t
    # The shock year is checked on the total, which offers its projected years; a segment
    # projected to an earlier horizon (its target's) has nothing in that year to shock.
    if year is not None and g_ref is not None and (
            metric == "active_total" or last < year <= t[-1] + 1e-9):
        if not last < year <= t[-1] + 1e-9:
            raise ParameterError(f"{scenario.source}: key 'adjustments.shock.year': expected a "
                                 f"projected year of {projection.series.label} "
                                 f"({math.floor(last) + 1} to {int(round(t[-1]))}), "
                                 f"found {year}")
        # The total is annual, so both times are steps of the grid (values_at's one
        # interpolation rule returns the step's value itself).
        before = projection.values_at(max(year - 1.0, last), paths)
        at = projection.values_at(float(year), paths)
        span = year - max(year - 1.0, last)
        with np.errstate(divide="ignore", invalid="ignore"):
            ok = (before > 0) & (at > 0)
            own = np.log(np.where(ok, at / np.where(ok, before, 1.0), 1.0)) / span
        target = math.log1p(g_ref)
        shift = scenario.shock.scale * (target - own)  # per year, log points
        frac = np.clip(t - (year - 1.0), 0.0, 1.0)
        paths = paths * np.exp(shift[:, None] * frac[None, :])
    monthly = scenario.enrolments.get(metric, 0.0)
    if metric == "active_total":
        monthly = sum(scenario.enrolments.values())
    if monthly:
        paths = paths + 12.0 * monthly * np.clip(t - t0, 0.0, None)[None, :]
    return paths


@dataclass
class Context:
    """What the national extras are computed from, built once (see :func:`prepare`)."""

    panel: Panel
    region: str
    as_of: Any
    seed: np.random.SeedSequence
    n_paths: int
    total: Series
    total_projection: Projection
    active_target: tuple[float, str] | None
    fund_target: tuple[float, str] | None
    fund_inputs: Any = None
    segments: list = field(default_factory=list)
    segments_scaled: dict | None = None  # segments.scale_to_total's factor, if any
    skipped: list = field(default_factory=list)


def prepare(panel: Panel, region: str | None = None, *, as_of=None,
            n_paths: int = config.DEFAULT_N_PATHS, seed: int = config.DEFAULT_SEED,
            models: Sequence[str],
            project_total: Callable[[float], Projection]) -> Context:
    """Take the run's projection of the total, calibrate the fund model and project the
    segments, once.

    Parameters
    ----------
    panel : Panel
        The vintage at ``as_of`` (already cut).
    region : str or None
        Default the scheme's top region.
    as_of : pandas.Timestamp or None
        The cut, recorded in the context (the panel is not cut again).
    n_paths, seed : int
    models : sequence of str
        Models of the segments' own trends.
    project_total : callable
        ``project_total(end_t)``: the run's projection of ``active_total`` reaching
        ``end_t`` plus :data:`forecast.config.EXTRA_YEARS` (see
        :func:`forecast.run.national_context`).
    """
    check_n_paths(n_paths)
    known = panel.scheme.metrics  # another scheme may call its top region "national" too
    if "active_total" not in known:
        raise ModelError("scheme.toml defines no active_total metric")
    region = panel.scheme.top_region if region is None else region
    total = select(panel, region, "active_total")
    if len(total) < 3:
        names = dict(zip(panel.regions["id"], panel.regions["name"]))
        label = panel.scheme.label("active_total").lower()
        many = f"only {len(total)}" if len(total) else "no"
        raise ModelError(f"{many} year-end reading{'' if len(total) == 1 else 's'} of "
                         f"{label} for {names.get(region, region)}; at least 3 are needed")
    future = panel.targets[(panel.targets["region"] == region)
                           & (panel.targets["metric"] == "active_total")]
    future_t = [decimal_year(d) for d in future["target_date"] if decimal_year(d) > total.last_t]
    last_target = max(future_t) if future_t else total.last_t + 3
    total_projection = project_total(last_target)
    ctx = Context(panel=panel, region=region, as_of=as_of, seed=seed_sequence(seed),
                  n_paths=int(n_paths),
                  total=total, total_projection=total_projection,
                  active_target=funds.target_of(panel, region, "active_total", total.last_t),
                  fund_target=None)
    try:
        absent = [m for m in FUND_METRICS if m not in known]
        if absent:
            raise ModelError(f"scheme.toml defines no {', '.join(absent)}")
        ctx.fund_inputs = start_at_nowcast(funds.calibrate(panel, region), panel)
        ctx.fund_target = funds.target_of(panel, region, "fund_investment",
                                          ctx.fund_inputs.fund.last_t)
        if ctx.fund_target is None:
            ctx.skipped.append({"key": "funds_model", "reason": reason("no_fund_target")})
    except ModelError as exc:
        ctx.skipped.append({"key": "funds_model",
                            "reason": reason("model_error", message=str(exc))})
    if ctx.active_target is not None:
        ctx.segments = segments.project_segments(
            panel, total_projection, region=region,
            t_end=decimal_year(ctx.active_target[1]), models=models, n_paths=n_paths,
            seed=ctx.seed, segments=tuple(m for m in segments.SEGMENTS if m in known))
        if not ctx.segments:
            ctx.skipped.append({"key": "segments",
                                "reason": reason("no_segments", region=region)})
        ctx.segments, ctx.segments_scaled = segments.scale_to_total(
            ctx.segments, total_projection, select(panel, region, "active_total", annual=False),
            decimal_year(ctx.active_target[1]))
    else:
        ctx.skipped.append({"key": "segments", "reason": reason("no_active_target")})
    return ctx


def start_at_nowcast(inputs: funds.FundInputs, panel: Panel) -> funds.FundInputs:
    """``inputs`` starting where the headline's projection of the fund starts: at the
    year-end nowcast from readings after the last year-end (:mod:`forecast.nowcast`).
    From the last year-end the recursion simulated again the years already read: from
    end-2023 (Rp712.3T) its 2025 band lay above the October 2025 reading and the nowcast
    (Rp860T, Rp878T), and it gave 66 % where the nowcast start gives about 10 %."""
    points = select(panel, inputs.region, "fund_investment", annual=False)
    fitted, fields = nowcast.prepare(inputs.fund, points, panel.scheme)
    now = fields.get("nowcast")
    if now is None or now.get("value") is None or fitted.last_t <= inputs.fund.last_t:
        return inputs
    return dataclasses.replace(inputs, fund=fitted, nowcast=now)


def extras_from(ctx: Context) -> float:
    """When a scenario's extra enrolments start: the total's last reading (October 2025),
    not its last year-end (2024): the months read already hold no hypothetical enrolment
    (the shipped drive of 150k a month added 24 months by end-2026, 10 of them read)."""
    return max(ctx.total.last_t, select(ctx.panel, ctx.region, "active_total",
                                        annual=False).last_t)


def _past_bound(projection: Projection, paths: np.ndarray) -> dict | None:
    """The first projected year whose median of ``paths`` (a scenario's) is above the
    projection's bound (active participants over their working population), with the two;
    None if none is. A scenario's extra enrolments add to every path unbounded: 5 million
    informal workers a month gave 164M participants for a ceiling of 151M, without a word."""
    if projection.bound is None:
        return None
    median = np.median(paths, axis=0)
    for t, m in zip(projection.t, median):
        bound = projection.bound_at(float(t))
        if m > bound:
            return {"year": calendar_year(float(t)), "median": float(m), "bound": bound}
    return None


def evaluate(ctx: Context, scenario: Scenario | None = None,
             backtest: dict | None = None) -> dict:
    """``funds_model``, ``joint``, ``segments`` and ``scenario`` under a scenario (or none)."""
    out: dict[str, Any] = {"scenario": scenario.as_dict() if scenario else None}
    g_ref = reference_growth(ctx.total, scenario) if scenario else None
    t0 = extras_from(ctx)
    total_paths = apply(scenario, "active_total", ctx.total_projection, t0=t0, g_ref=g_ref)
    fp = None
    if ctx.fund_inputs is not None and ctx.fund_target is not None:
        fp = funds.simulate_funds(
            ctx.fund_inputs, ctx.total_projection, end_year=int(ctx.fund_target[1][:4]),
            seed=ctx.seed, active_paths=total_paths,
            investment_return=scenario.investment_return if scenario else None)
        out["funds_model"] = funds.summarise(fp, *ctx.fund_target, backtest=backtest)
    a_prob = None
    if ctx.active_target is not None:
        a_at = ctx.total_projection.values_at(decimal_year(ctx.active_target[1]), total_paths)
        a_prob = float(np.mean(a_at >= ctx.active_target[0]))
    if fp is not None and ctx.active_target is not None:
        if ctx.active_target[1] == ctx.fund_target[1]:
            f_at = fp.at(int(ctx.fund_target[1][:4]))
            out["joint"] = {
                # The fund's paths are funds.INPUT_COPIES draws per participants path.
                "probability": funds.joint_probability(
                    np.tile(a_at, f_at.size // a_at.size), ctx.active_target[0], f_at,
                    ctx.fund_target[0]),
                "targets": ["active_total", "fund_investment"],
                "target_values": [ctx.active_target[0], ctx.fund_target[0]],
                "target_date": ctx.active_target[1],
                "marginals": {"active_total": a_prob,
                              "fund_investment": out["funds_model"]["probability"]},
                "method": "path by path: the structural fund model's contributions use each "
                          "path's active participants, so the two are simulated together"}
        else:
            note = {"key": "joint",
                    "reason": reason("different_dates", active_date=ctx.active_target[1],
                                     fund_date=ctx.fund_target[1])}
            if note not in ctx.skipped:  # evaluate runs once per what-if
                ctx.skipped.append(note)
    if ctx.segments and ctx.active_target is not None:
        adjusted = []
        for seg in ctx.segments:
            paths = apply(scenario, seg.metric, seg.projection, t0=t0, g_ref=g_ref)
            adjusted.append(dataclasses.replace(
                seg, projection=dataclasses.replace(seg.projection, paths=paths)))
        # Extra enrolments of the total itself join no segment, yet count towards its target.
        extra = 12.0 * (scenario.enrolments.get("active_total", 0.0) if scenario else 0.0)
        years = max(decimal_year(ctx.active_target[1]) - t0, 0.0)
        out["segments"] = segments.decomposition(adjusted, *ctx.active_target,
                                                 unassigned=extra * years,
                                                 scaled=ctx.segments_scaled)
    if scenario is not None:
        past = _past_bound(ctx.total_projection, total_paths)
        if past is not None:  # its extras are not bounded: the reader is told
            out["scenario"]["past_bound"] = past
        out["scenario"]["probabilities"] = {
            "active_total": a_prob,
            "fund_investment": out.get("funds_model", {}).get("probability"),
            "joint": out.get("joint", {}).get("probability")}
    return out


def national_extras(panel: Panel, region: str, *, as_of=None,
                    n_paths: int = config.DEFAULT_N_PATHS, seed: int = config.DEFAULT_SEED,
                    models: Sequence[str] | None = None,
                    backtest_k: int = config.DEFAULT_BACKTEST_K,
                    scenario: Scenario | str | Path | None = None,
                    with_backtest: bool = True,
                    project_total: Callable[[float], Projection] | None = None) -> dict:
    """The optional national keys of results.json: funds_model, joint, segments, scenario.

    Parameters
    ----------
    panel : Panel
    region : str
        Only the scheme's top region (``national`` for the shipped data) gets the extras,
        when the scheme defines ``active_total``; any other region gets
        ``{"scenario": None}``.
    as_of, n_paths, seed, models, backtest_k
        As in :func:`forecast.results.run_region`.
    scenario : Scenario, path or None
        A scenario (or the path of its TOML file) applied to the paths. The targets list
        of results.json is never changed by it; ``scenario.probabilities`` gives what it
        moves.
    with_backtest : bool
        Add the structural model's backtest against the trend models (as known at
        ``as_of``) to ``funds_model.backtest``.
    project_total : callable
        The run's projection of ``active_total`` (see :func:`prepare`); needed for the
        top region.

    Returns
    -------
    dict
        Keys to merge into results.json; ``extras_skipped`` lists what could not be
        computed and why.

    Raises
    ------
    ParameterError
        For a scenario on a region other than the top region, on a scheme without
        ``active_total``, or an invalid scenario.
    """
    check_n_paths(n_paths)
    scenario = resolve_scenario(panel, region, scenario)
    if region != panel.scheme.top_region or "active_total" not in panel.scheme.metrics:
        return {"scenario": None}  # a scheme without participants: no analysis of them
    try:
        ctx = prepare(panel, region, as_of=as_of, n_paths=n_paths, seed=seed, models=models,
                      project_total=project_total)
    except ModelError as exc:
        return {"scenario": scenario.as_dict() if scenario else None,
                "extras_skipped": [{"key": "funds_model, joint, segments",
                                    "reason": reason("model_error", message=str(exc))}]}
    bt = None
    if with_backtest and ctx.fund_inputs is not None:
        bt = fund_backtest.backtest(panel, region, models=models, n_paths=min(n_paths, 2000),
                                    seed=int(ctx.seed.entropy))
    out = evaluate(ctx, scenario, backtest=bt)
    if scenario is not None:
        base = evaluate(ctx, None)
        out["scenario"]["baseline_probabilities"] = {
            "active_total": _active_probability(ctx, None),
            "fund_investment": base.get("funds_model", {}).get("probability"),
            "joint": base.get("joint", {}).get("probability")}
    if ctx.skipped:
        out["extras_skipped"] = list(ctx.skipped)
    return out


def resolve_scenario(panel: Panel, region: str, scenario) -> Scenario | None:
    """``scenario`` (a Scenario, the path of its TOML file, '' or None) read and checked for
    ``region``, before a run's work: one ParameterError naming it, else the Scenario or None."""
    if isinstance(scenario, (str, Path)):
        scenario = load_scenario(scenario) if str(scenario).strip() else None
    elif scenario is not None and not isinstance(scenario, Scenario):  # a notebook's 5
        raise ParameterError(f"scenario: expected the path of a scenario TOML file, found "
                             f"{scenario!r}")
    if scenario is None:
        return scenario
    top = panel.scheme.top_region
    if region != top:
        raise ParameterError(f"scenario: applies to {_top_run(panel)} only, found region "
                             f"{region!r} with scenario {scenario.source}")
    if "active_total" not in panel.scheme.metrics:
        # Another scheme: nothing for the scenario to move.
        raise ParameterError(
            f"scenario: moves the fund model, joint probability and segments of "
            f"{_top_run(panel)}, which need the metric active_total, and this data folder's "
            f"scheme.toml defines none; found scenario {scenario.source}: run without it")
    return scenario


def _top_run(panel: Panel) -> str:
    """The top region's run in words: ``the national run`` for a top region of that id,
    else ``the run of the top region Thailand ('thailand')``."""
    top = panel.scheme.top_region
    if top == "national":
        return "the national run"
    name = escape(panel.region_name(top), 80)
    return f"the run of the top region {name} ({top!r})" if name != top else \
        f"the run of the top region {top!r}"


def _active_probability(ctx: Context, scenario: Scenario | None) -> float | None:
    """P(active_total target) on the total's paths with the scenario applied."""
    if ctx.active_target is None:
        return None
    g_ref = reference_growth(ctx.total, scenario) if scenario else None
    paths = apply(scenario, "active_total", ctx.total_projection, t0=extras_from(ctx),
                  g_ref=g_ref)
    at = ctx.total_projection.values_at(decimal_year(ctx.active_target[1]), paths)
    return float(np.mean(at >= ctx.active_target[0]))
