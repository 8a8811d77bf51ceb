"""Scenarios: named, hypothetical adjustments applied to the simulated paths.

A scenario is a small TOML file written by a user; its numbers are assumptions, never data::

    name = "Hypothetical: informal enrolment drive"
    description = "What if 150k more informal workers joined every month?"

    [adjustments]
    extra_monthly_enrolments = { active_bpu = 150000 }   # persons a month, from the
                                                          # first projected year
    investment_return = 0.08                              # replaces the estimated mean return

    [adjustments.shock]                                   # a year like 2020
    year = 2025       # projected year hit by the shock
    like = 2020       # observed year whose growth of active_total it repeats
    scale = 1.0       # 1 repeats it, 0.5 half of the way, 0 no shock

The three adjustments act on the paths, not on the models:

* **extra monthly enrolments** add ``12 * k * (t - t0)`` persons to a segment's paths and to
  the total's, where ``t0`` is the last observation of the total (net additions that stay);
* **investment return** moves the mean return of the structural fund model; its estimated
  spread is kept, because a different expected return is not a certain one;
* **shock**: in year ``Y`` each path's growth is replaced by the growth ``active_total``
  had in the year ``like`` (``scale`` interpolates in log growth); later years keep their
  own growth from the lower level. Contributions, hence the fund, follow.

This module also assembles the national extras of results.json (``funds_model``,
``joint``, ``segments``, ``scenario``: :func:`national_extras`) and the what-if of the
explore notebook (:func:`prepare`, :func:`what_if`, :func:`interactive`).
"""

from __future__ import annotations

import dataclasses
import logging
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from . import config
from .data import Panel, parse_as_of, select, vintage
from .textsafe import MAX_NAME_CHARS, MAX_NOTE_CHARS, check_text
from .errors import ModelError, ParameterError
from .series import Series, decimal_year
from .simulate import Projection

log = logging.getLogger(__name__)

ENROLMENT_METRICS = ("active_total", "active_pu", "active_bpu", "active_jakon", "active_pmi")
MAX_MONTHLY_ENROLMENTS = 5_000_000
RETURN_RANGE = (-0.5, 0.5)
SCALE_RANGE = (0.0, 2.0)
YEAR_RANGE = (1900, 2100)

_TOP_KEYS = {"name": "text", "description": "text", "adjustments": "table"}
_ADJ_KEYS = {"extra_monthly_enrolments": "table", "investment_return": "number",
             "shock": "table"}
_SHOCK_KEYS = {"year": "whole year", "like": "whole year", "scale": "number"}


@dataclass(frozen=True)
class Shock:
    """A year whose growth of active participants repeats an observed year's."""

    year: int
    like: int
    scale: float = 1.0


@dataclass(frozen=True)
class Scenario:
    """A validated scenario (see module docstring)."""

    name: str
    description: str = ""
    enrolments: dict[str, float] = field(default_factory=dict)
    investment_return: float | None = None
    shock: Shock | None = None
    source: str = "<scenario>"

    def adjustments(self) -> dict:
        out: dict[str, Any] = {}
        if self.enrolments:
            out["extra_monthly_enrolments"] = dict(self.enrolments)
        if self.investment_return is not None:
            out["investment_return"] = self.investment_return
        if self.shock is not None:
            out["shock"] = dataclasses.asdict(self.shock)
        return out

    def as_dict(self) -> dict:
        """The ``scenario`` object of results.json."""
        return {"name": self.name, "description": self.description, "file": self.source,
                "hypothetical": True, "adjustments": self.adjustments()}


# ---------------------------------------------------------------------------- loading


def _fail(source: str, key: str, expected: str, found: Any) -> ParameterError:
    shown = repr(found) if not isinstance(found, dict) else "a table"
    return ParameterError(f"{source}: key '{key}': expected {expected}, found {shown}")


def _check_keys(table: dict, allowed: dict[str, str], source: str, prefix: str) -> None:
    for key in table:
        if key not in allowed:
            where = f"{prefix}{key}"
            raise ParameterError(f"{source}: unknown key '{where}'; valid keys"
                                 f"{' in [' + prefix[:-1] + ']' if prefix else ''}: "
                                 f"{', '.join(allowed)}")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) \
        and math.isfinite(value)


def _year(value: Any, source: str, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) \
            or not YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
        raise _fail(source, key, f"a whole year from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}", value)
    return value


def parse_scenario(data: dict, source: str = "<scenario>") -> Scenario:
    """Validate a scenario given as a dict (the parsed TOML) and return it.

    Raises
    ------
    ParameterError
        On an unknown key, a wrong type or a value out of range, naming the source, the
        key, what was expected and what was found.
    """
    _check_keys(data, _TOP_KEYS, source, "")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(source, "name", "a non-empty text such as \"Hypothetical: ...\"", name)
    description = data.get("description", "")
    if not isinstance(description, str):
        raise _fail(source, "description", "text", description)
    # Bounded, plain text: both reach the terminal, results.json and the reports.
    check_text(name.strip(), f"{source}: key 'name'", limit=MAX_NAME_CHARS)
    check_text(description, f"{source}: key 'description'", limit=MAX_NOTE_CHARS, allow="\n")
    adj = data.get("adjustments")
    if not isinstance(adj, dict):
        raise _fail(source, "adjustments", "a table [adjustments] with at least one of "
                    + ", ".join(_ADJ_KEYS), adj)
    _check_keys(adj, _ADJ_KEYS, source, "adjustments.")
    if not adj:
        raise _fail(source, "adjustments", "at least one of " + ", ".join(_ADJ_KEYS),
                    "an empty table")

    enrolments: dict[str, float] = {}
    if "extra_monthly_enrolments" in adj:
        table = adj["extra_monthly_enrolments"]
        key = "adjustments.extra_monthly_enrolments"
        if not isinstance(table, dict) or not table:
            raise _fail(source, key, "a table of metric = persons a month, e.g. "
                        "{ active_bpu = 150000 }", table)
        for metric, value in table.items():
            if metric not in ENROLMENT_METRICS:
                raise ParameterError(f"{source}: unknown key '{key}.{metric}'; valid keys in "
                                     f"[{key}]: {', '.join(ENROLMENT_METRICS)}")
            if not _number(value) or not 0 <= value <= MAX_MONTHLY_ENROLMENTS:
                raise _fail(source, f"{key}.{metric}", f"persons a month, a number from 0 to "
                            f"{MAX_MONTHLY_ENROLMENTS:,}", value)
            enrolments[metric] = float(value)

    investment_return = None
    if "investment_return" in adj:
        value = adj["investment_return"]
        lo, hi = RETURN_RANGE
        if not _number(value) or not lo <= value <= hi:
            raise _fail(source, "adjustments.investment_return",
                        f"a fraction per year from {lo} to {hi} (write 0.08 for 8 %)", value)
        investment_return = float(value)

    shock = None
    if "shock" in adj:
        table = adj["shock"]
        if not isinstance(table, dict):
            raise _fail(source, "adjustments.shock", "a table with year, like and scale", table)
        _check_keys(table, _SHOCK_KEYS, source, "adjustments.shock.")
        for required in ("year", "like"):
            if required not in table:
                raise _fail(source, f"adjustments.shock.{required}", "a whole year",
                            "nothing (the key is missing)")
        scale = table.get("scale", 1.0)
        lo, hi = SCALE_RANGE
        if not _number(scale) or not lo <= scale <= hi:
            raise _fail(source, "adjustments.shock.scale",
                        f"a number from {lo} to {hi} (1 repeats the year in full)", scale)
        shock = Shock(year=_year(table["year"], source, "adjustments.shock.year"),
                      like=_year(table["like"], source, "adjustments.shock.like"),
                      scale=float(scale))
    return Scenario(name=name.strip(), description=description.strip(), enrolments=enrolments,
                    investment_return=investment_return, shock=shock, source=source)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario TOML file.

    Raises
    ------
    ParameterError
        If the file is missing, is not TOML, or fails validation (see
        :func:`parse_scenario`).
    """
    path = Path(path)
    if not path.is_file():
        raise ParameterError(f"scenario: file not found: {path}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ParameterError(f"{path}: expected UTF-8 text, found byte "
                             f"0x{exc.object[exc.start]:02x}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ParameterError(f"{path}: expected a TOML file, found a syntax error ({exc})") \
            from None
    return parse_scenario(data, str(path))


# ---------------------------------------------------------------------------- applying


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


def _grid_values(anchor_t: float, anchor: float, t: np.ndarray, paths: np.ndarray,
                 tt: float) -> np.ndarray:
    grid = np.concatenate([[anchor_t], t])
    full = np.column_stack([np.full(paths.shape[0], anchor), paths])
    return np.array([np.interp(tt, grid, row) for row in full])


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
    if scenario.shock is not None and g_ref is not None:
        year = scenario.shock.year
        last = projection.series.last_t
        if not last < year <= t[-1] + 1e-9:
            raise ParameterError(f"{scenario.source}: key 'adjustments.shock.year': expected a "
                                 f"projected year of {projection.series.label} "
                                 f"({math.floor(last) + 1} to {int(round(t[-1]))}), "
                                 f"found {year}")
        before = _grid_values(last, projection.series.last_value, t, paths,
                              max(year - 1.0, last))
        at = _grid_values(last, projection.series.last_value, t, paths, float(year))
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


# ---------------------------------------------------------------------------- national extras


@dataclass
class Context:
    """What the national extras are computed from, built once (see :func:`prepare`)."""

    panel: Panel
    region: str
    as_of: Any
    seed: int
    n_paths: int
    total: Series
    total_projection: Projection
    active_target: tuple[float, str] | None
    fund_target: tuple[float, str] | None
    fund_inputs: Any = None
    segments: list = field(default_factory=list)
    skipped: list = field(default_factory=list)


def prepare(panel: Panel, region: str = "national", *, as_of=None,
            n_paths: int = config.DEFAULT_N_PATHS, seed: int = config.DEFAULT_SEED,
            models: Sequence[str] | None = None,
            backtest_k: int = config.DEFAULT_BACKTEST_K) -> Context:
    """Project the total, calibrate the fund model and project the segments, once.

    The total is projected exactly as :func:`forecast.results.run_region` projects it (same
    models, horizon, ceiling and seed), so the joint probability's marginal for workers is
    the probability in the targets list.
    """
    from . import funds, segments
    from .models import available_models
    from .results import EXTRA_YEARS

    cut = parse_as_of(as_of)
    models = list(models) if models else available_models()
    total = select(panel, region, "active_total", as_of=cut)
    if len(total) < 3:
        raise ModelError(f"national extras: only {len(total)} year-end active_total "
                         f"observations for {region}; at least 3 are needed")
    future = panel.targets[(panel.targets["region"] == region)
                           & (panel.targets["metric"] == "active_total")]
    future_t = [decimal_year(d) for d in future["target_date"] if decimal_year(d) > total.last_t]
    last_target = max(future_t) if future_t else total.last_t + 3
    horizon = int(math.ceil(last_target - total.last_t - 1e-9)) + EXTRA_YEARS
    total_projection = funds.project_active(panel, region, as_of=cut, models=models,
                                            horizon=horizon, n_paths=n_paths, seed=seed,
                                            backtest_k=backtest_k)
    ctx = Context(panel=panel, region=region, as_of=cut, seed=int(seed), n_paths=int(n_paths),
                  total=total, total_projection=total_projection,
                  active_target=funds.target_of(panel, region, "active_total", total.last_t),
                  fund_target=None)
    try:
        ctx.fund_inputs = funds.calibrate(panel, region, as_of=cut)
        ctx.fund_target = funds.target_of(panel, region, "fund_investment",
                                          ctx.fund_inputs.fund.last_t)
        if ctx.fund_target is None:
            ctx.skipped.append({"key": "funds_model",
                                "reason": "no fund_investment target after the last fund "
                                          "observation"})
    except ModelError as exc:
        ctx.skipped.append({"key": "funds_model", "reason": str(exc)})
    if ctx.active_target is not None:
        ctx.segments = segments.project_segments(
            panel, total_projection, region=region, as_of=cut,
            t_end=decimal_year(ctx.active_target[1]), models=models, n_paths=n_paths,
            seed=seed)
        if not ctx.segments:
            ctx.skipped.append({"key": "segments",
                                "reason": f"no segment observations for {region}"})
    else:
        ctx.skipped.append({"key": "segments",
                            "reason": "no active_total target after the last observation"})
    return ctx


def evaluate(ctx: Context, scenario: Scenario | None = None,
             backtest: dict | None = None) -> dict:
    """``funds_model``, ``joint``, ``segments`` and ``scenario`` under a scenario (or none)."""
    from . import funds, segments

    out: dict[str, Any] = {"scenario": scenario.as_dict() if scenario else None}
    g_ref = reference_growth(ctx.total, scenario) if scenario else None
    t0 = ctx.total.last_t
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
                "probability": funds.joint_probability(a_at, ctx.active_target[0], f_at,
                                                       ctx.fund_target[0]),
                "targets": ["active_total", "fund_investment"],
                "target_values": [ctx.active_target[0], ctx.fund_target[0]],
                "target_date": ctx.active_target[1],
                "marginals": {"active_total": a_prob,
                              "fund_investment": out["funds_model"]["probability"]},
                "method": "path by path: the structural fund model's contributions use each "
                          "path's active participants, so the two are simulated together"}
        else:
            note = {"key": "joint", "reason": f"the active_total target "
                    f"({ctx.active_target[1]}) and the fund target "
                    f"({ctx.fund_target[1]}) are due on different dates"}
            if note not in ctx.skipped:  # evaluate runs once per what-if
                ctx.skipped.append(note)
    if ctx.segments and ctx.active_target is not None:
        adjusted = []
        for seg in ctx.segments:
            paths = apply(scenario, seg.metric, seg.projection, t0=t0, g_ref=g_ref)
            adjusted.append(dataclasses.replace(
                seg, projection=dataclasses.replace(seg.projection, paths=paths)))
        out["segments"] = segments.decomposition(adjusted, *ctx.active_target)
    if scenario is not None:
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
                    with_backtest: bool = True) -> dict:
    """The optional national keys of results.json: funds_model, joint, segments, scenario.

    Parameters
    ----------
    panel : Panel
    region : str
        Only ``national`` gets the extras; any other region gets ``{"scenario": None}``.
    as_of, n_paths, seed, models, backtest_k
        As in :func:`forecast.results.run_region`.
    scenario : Scenario, path or None
        A scenario (or the path of its TOML file) applied to the paths. The targets list
        of results.json is never changed by it; ``scenario.probabilities`` gives what it
        moves.
    with_backtest : bool
        Add the structural model's backtest against the trend models (as known at
        ``as_of``) to ``funds_model.backtest``.

    Returns
    -------
    dict
        Keys to merge into results.json; ``extras_skipped`` lists what could not be
        computed and why.

    Raises
    ------
    ParameterError
        For a scenario on a region other than ``national``, or an invalid scenario.
    """
    if isinstance(scenario, (str, Path)):
        scenario = load_scenario(scenario) if str(scenario).strip() else None
    if region != "national":
        if scenario is not None:
            raise ParameterError(f"scenario: applies to the national run only, found region "
                                 f"{region!r} with scenario {scenario.source}")
        return {"scenario": None}
    try:
        ctx = prepare(panel, region, as_of=as_of, n_paths=n_paths, seed=seed, models=models,
                      backtest_k=backtest_k)
    except ModelError as exc:
        return {"scenario": scenario.as_dict() if scenario else None,
                "extras_skipped": [{"key": "funds_model, joint, segments",
                                    "reason": str(exc)}]}
    bt = None
    if with_backtest and ctx.fund_inputs is not None:
        from .funds import backtest

        bt = backtest(vintage(panel, ctx.as_of, basis="date"), region, models=models,
                      n_paths=min(n_paths, 2000), seed=seed)
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


def _active_probability(ctx: Context, scenario: Scenario | None) -> float | None:
    """P(active_total target) on the total's paths with the scenario applied."""
    if ctx.active_target is None:
        return None
    g_ref = reference_growth(ctx.total, scenario) if scenario else None
    paths = apply(scenario, "active_total", ctx.total_projection, t0=ctx.total.last_t,
                  g_ref=g_ref)
    at = ctx.total_projection.values_at(decimal_year(ctx.active_target[1]), paths)
    return float(np.mean(at >= ctx.active_target[0]))


# ---------------------------------------------------------------------------- what-if


def what_if(ctx: Context, *, extra_monthly: float = 0.0, segment: str = "active_total",
            investment_return: float | None = None) -> dict:
    """Probabilities under a one-off what-if (the explore notebook's controls).

    Parameters
    ----------
    ctx : Context
        From :func:`prepare` (the projections are reused, so this is fast).
    extra_monthly : float
        Extra net enrolments a month from the first projected year (persons).
    segment : str
        Which segment they join (one of :data:`ENROLMENT_METRICS`).
    investment_return : float, optional
        Mean investment return of the fund model; None keeps the estimate.

    Returns
    -------
    dict
        ``active_total``, ``fund_investment`` and ``joint`` probabilities, the fund's
        median, and ``informal_required_cagr``.
    """
    adjustments: dict[str, Any] = {}
    if extra_monthly:
        adjustments["extra_monthly_enrolments"] = {segment: extra_monthly}
    if investment_return is not None:
        adjustments["investment_return"] = investment_return
    scenario = None
    if adjustments:
        scenario = parse_scenario({"name": "what-if (hypothetical)",
                                   "adjustments": adjustments}, "<what-if>")
    res = evaluate(ctx, scenario)
    seg = res.get("segments", {})
    return {"active_total": _active_probability(ctx, scenario),
            "fund_investment": res.get("funds_model", {}).get("probability"),
            "fund_median": res.get("funds_model", {}).get("median"),
            "joint": res.get("joint", {}).get("probability"),
            "informal_required_cagr": seg.get("informal_required_cagr")}


def interactive(ctx: Context, *, max_monthly: int = 1_000_000, step: int = 25_000):
    """ipywidgets controls that rerun :func:`what_if` and show the probabilities moving.

    Returns
    -------
    ipywidgets.VBox
        Sliders for extra monthly enrolments and the investment return, a segment choice,
        and the probabilities, updated on every change.
    """
    try:
        import ipywidgets as widgets
    except ImportError as exc:  # declared in pyproject; a partial install lands here
        raise ParameterError("interactive: needs the ipywidgets package "
                             "(pip install ipywidgets)") from exc
    base_r = ctx.fund_inputs.investment_return.value if ctx.fund_inputs is not None else 0.08
    enrol = widgets.IntSlider(value=0, min=0, max=max_monthly, step=step,
                              description="extra / month", continuous_update=False)
    seg = widgets.Dropdown(options=list(ENROLMENT_METRICS), value="active_total",
                           description="segment")
    ret = widgets.FloatSlider(value=round(base_r, 4), min=0.0, max=0.15, step=0.0025,
                              readout_format=".2%", description="return",
                              continuous_update=False)
    out = widgets.HTML()

    def fmt(p):
        return "n/a" if p is None else f"{p:.1%}"

    def refresh(_=None):
        r = what_if(ctx, extra_monthly=enrol.value, segment=seg.value,
                    investment_return=ret.value)
        out.value = (f"<b>Hypothetical what-if</b> (not data): "
                     f"P(workers target) {fmt(r['active_total'])}, "
                     f"P(fund target, structural) {fmt(r['fund_investment'])}, "
                     f"P(both) {fmt(r['joint'])}; fund median "
                     + ("n/a" if r["fund_median"] is None else f"Rp{r['fund_median']:,.0f}T")
                     + "; informal growth needed "
                     + fmt(r["informal_required_cagr"]) + "/yr")

    for w in (enrol, seg, ret):
        w.observe(refresh, names="value")
    refresh()
    return widgets.VBox([enrol, seg, ret, out])


def what_if_table(ctx: Context, extra_monthly: Sequence[float] = (0, 250_000, 500_000,
                                                                   1_000_000),
                  segment: str = "active_total", investment_return: float | None = None):
    """Probabilities for a few levels of extra monthly enrolments (a static what-if).

    The levels are hypothetical control settings, not data; the first, 0, is the baseline.

    Returns
    -------
    pandas.DataFrame
        One row per level: ``P(workers)``, ``P(fund)``, ``P(both)`` and the fund median.
    """
    import pandas as pd

    rows = []
    for k in extra_monthly:
        r = what_if(ctx, extra_monthly=float(k), segment=segment,
                    investment_return=investment_return)
        rows.append({"extra per month (hypothetical)": k, "segment": segment,
                     "P(workers)": r["active_total"], "P(fund)": r["fund_investment"],
                     "P(both)": r["joint"], "fund median": r["fund_median"],
                     "informal growth needed": r["informal_required_cagr"]})
    return pd.DataFrame(rows)
