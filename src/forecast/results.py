"""One region's run: every target assessed, serialised as the results.json contract.

``results.json`` (see DESIGN.md) is what the notebooks, PDFs, CLI and tests share::

    region, region_name, as_of, generated_with {package, version, data_hash, seed,
    parameters}, targets: [{metric, target_value, target_date, unit, last_observed {date,
    value}, probability, median, p10, p90, required_cagr, historical_cagr,
    classification, models [{name, weight, probability, median}], data_quality,
    sources [source ids of the observations and the target], ...}],
    skipped: [{metric, target_date, reason}]

Probabilities are fractions in [0, 1]; growth rates are fractions per year (0.1897).
"""

from __future__ import annotations

import json
import logging
import math
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from . import __version__, config
from .ceilings import CEILINGS, ceiling_for
from .data import Panel, check_region, parse_as_of, select
from .errors import ModelError, ParameterError
from .series import Series, decimal_year
from .simulate import project
from .targets import assess

log = logging.getLogger(__name__)

#: Years projected past the latest target, so "the year the median reaches the target"
#: can be given when it is after the target date.
EXTRA_YEARS = 6


def data_quality(series: Series, sub_annual_points: int = 0) -> dict:
    """A plain label for how much the history supports a projection, with the reason.

    ``good``: 8+ year-end points and none of the last five years missing; ``fair``: 5+
    points; ``poor``: fewer. Sub-annual readings are counted but never fitted.
    """
    n = len(series)
    years = [int(round(t)) for t in series.t]
    gaps = sorted(set(range(years[0], years[-1] + 1)) - set(years)) if years else []
    recent_gap = [y for y in gaps if y > years[-1] - 5] if years else []
    if n >= 8 and not recent_gap:
        label = "good"
    elif n >= 5:
        label = "fair"
    else:
        label = "poor"
    parts = [f"{n} year-end point{'s' if n != 1 else ''}"]
    if years:
        parts.append(f"{years[0]}-{years[-1]}")
    if gaps:
        parts.append(f"missing {', '.join(map(str, gaps))}")
    if sub_annual_points:
        parts.append(f"{sub_annual_points} sub-annual reading"
                     f"{'s' if sub_annual_points != 1 else ''} shown, not fitted")
    return {"label": label, "reason": "; ".join(parts), "annual_points": n,
            "span_years": (years[-1] - years[0]) if years else 0,
            "first": series.dates[0] if n else None, "last": series.dates[-1] if n else None,
            "gaps": gaps, "sub_annual_points": int(sub_annual_points)}


def pooled_quality(series: Series, all_points: Series, pool) -> dict:
    """Data quality of a pooled projection: always ``pooled``, with what was borrowed."""
    base = data_quality(series, len(all_points) - len(series))
    own = ("its own share trend from " f"{pool.pairs} shared dates, weighted {pool.weight_own:.0%}"
           if pool.b_hat is not None else "no share trend of its own (one shared date)")
    base["label"] = "pooled"
    base["reason"] = (f"{base['reason']}; growth borrowed from the national projection, "
                      f"{own}")
    return base


def _clean(value):
    """JSON-safe: numpy scalars to Python, non-finite floats to None."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, (np.floating, float)):
        value = float(value)
        return value if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return value


class _NotProjectable(Exception):
    """A metric of a region that cannot be projected; the message is the reason."""


@dataclass(frozen=True)
class _Projected:
    """One projected metric of a region, with what a results entry needs to describe it."""

    projection: object  # its .series is what the targets are measured against
    shown: Series  # year-end points shown as history
    all_points: Series  # every observation (month readings included)
    quality: dict
    pooling: dict | None
    ceiling_note: str | None
    coverage: dict | None = None


@dataclass
class _Context:
    """Projections of one run, memoised: a national projection is shared by every use."""

    panel: Panel
    cut: object
    models: list
    n_paths: int
    seed: int
    backtest_k: int
    cache: dict = field(default_factory=dict)

    def series(self, region: str, metric: str, annual: bool = True) -> Series:
        return select(self.panel, region, metric, as_of=self.cut, annual=annual)

    def last_observation(self, region: str, metric: str) -> tuple[float, str]:
        """Time and date the metric's projection starts from (raises if there is none)."""
        points = self.series(region, metric, annual=False)
        if len(points) == 0:
            raise _NotProjectable(f"no observations of {metric} for {region}"
                                  + (f" as of {self.cut.date()}" if self.cut is not None
                                     else ""))
        annual = self.series(region, metric)
        if metric != "coverage_pct" and len(annual) >= 3:
            return annual.last_t, annual.dates[-1]
        return points.last_t, points.dates[-1]

    def projected(self, region: str, metric: str, end_t: float, *,
                  extra_years: int) -> _Projected:
        key = (region, metric, round(end_t, 6), extra_years)
        if key not in self.cache:
            if metric == "coverage_pct":
                self.cache[key] = self._coverage(region, end_t, extra_years)
            else:
                self.cache[key] = self._trend(region, metric, end_t, extra_years)
        return self.cache[key]

    def _fit(self, series: Series, ceiling, end_t: float, extra_years: int):
        horizon = int(math.ceil(end_t - series.last_t - 1e-9)) + extra_years
        return project(series, self.models, horizon=max(horizon, 1), n_paths=self.n_paths,
                       seed=self.seed, ceiling=ceiling, backtest_k=self.backtest_k)

    def _trend(self, region: str, metric: str, end_t: float, extra_years: int) -> _Projected:
        series = self.series(region, metric)
        all_points = self.series(region, metric, annual=False)
        if len(all_points) == 0:
            raise _NotProjectable(f"no observations of {metric} for {region}")
        if len(series) >= 3:
            ceiling, note = ceiling_for(self.panel, region, metric, self.cut)
            return _Projected(projection=self._fit(series, ceiling, end_t, extra_years),
                              shown=series, all_points=all_points,
                              quality=data_quality(series, len(all_points) - len(series)),
                              pooling=None, ceiling_note=note)
        national_annual = self.series("national", metric)
        if region == "national" or len(national_annual) < 3:
            raise _NotProjectable(
                f"only {len(series)} year-end observation(s) of {metric} for {region} and "
                f"no national series to borrow from; at least 3 are needed")
        from .regional import pooled_projection

        # A year past end_t: the region's last reading may fall after the national one.
        national = self.projected("national", metric, end_t + 1, extra_years=extra_years)
        horizon = int(math.ceil(end_t - all_points.last_t - 1e-9)) + extra_years
        region_ceiling, _ = ceiling_for(self.panel, region, metric, self.cut)
        projection, pool = pooled_projection(all_points, national.all_points,
                                             national.projection, horizon=max(horizon, 1),
                                             n_paths=self.n_paths, seed=self.seed,
                                             ceiling=region_ceiling)
        return _Projected(projection=projection, shown=series,
                          all_points=all_points,
                          quality=pooled_quality(series, all_points, pool),
                          pooling=pool.as_dict(), ceiling_note=national.ceiling_note)

    def _coverage(self, region: str, end_t: float, extra_years: int) -> _Projected:
        from .models.base import Ceiling
        from .regional import coverage_projection

        readings = self.series(region, "coverage_pct", annual=False)
        if len(readings) == 0:
            raise _NotProjectable(f"no coverage_pct reading for {region}")
        employment_series = self.series("national", "working_population", annual=False)
        if len(employment_series) < 2:
            raise _NotProjectable("coverage_pct: needs 2+ national working_population "
                                  "observations to grow the denominator")
        employment = Ceiling.from_series(employment_series)
        source = region
        if len(self.series(region, "active_total", annual=False)) == 0:
            source = "national"  # no participants count of its own: move with the nation
        # One year past end_t: the anchor is rarely a year-end, so the coverage grid runs
        # up to a year past the participants' grid.
        active = self.projected(source, "active_total", end_t + 1, extra_years=extra_years)
        horizon = int(math.ceil(end_t - readings.last_t - 1e-9)) + extra_years
        denominator = _denominator(self.panel, region, readings.dates[-1])
        projection, basis = coverage_projection(
            readings, active.all_points, active.projection, employment,
            horizon=max(horizon, 1), denominator=denominator)
        quality = dict(active.quality)
        quality["label"] = "pooled" if active.pooling or source != region else \
            quality["label"]
        moved = ("the national participants projection (no count for the region)"
                 if source != region else "the region's projected participants")
        quality["reason"] = (
            f"coverage anchored on the {basis.anchor_date} reading ({basis.anchor_value:g} %, "
            f"denominator: {denominator}) and moved with {moved} over employment growing "
            f"{basis.employment_growth:.1%}/yr; {basis.earlier_readings} earlier reading(s) "
            f"use other denominators and are shown, not fitted; participants: "
            f"{active.quality['reason']}")
        return _Projected(projection=projection, shown=projection.series, all_points=readings,
                          quality=quality, pooling=active.pooling, ceiling_note=None,
                          coverage={**basis.as_dict(), "participants_from": source})


def _denominator(panel: Panel, region: str, date: str) -> str:
    """The denominator a coverage reading's note states ("Denominator: ...")."""
    obs = panel.observations
    rows = obs[(obs["region"] == region) & (obs["metric"] == "coverage_pct")
               & (obs["date"] == pd.Timestamp(date))]
    note = str(rows["note"].iloc[0]) if len(rows) and isinstance(rows["note"].iloc[0], str) \
        else ""
    marker = "Denominator:"
    if marker not in note:
        return "not stated"
    return note.split(marker, 1)[1].strip().rstrip(".").split(". ")[0] or "not stated"


def _target_entry(got: _Projected, tgt) -> dict:
    projection = got.projection
    r = assess(projection, float(tgt["value"]), tgt["target_date"])
    metric = tgt["metric"]
    return {
        "metric": metric,
        "target_value": r.target_value,
        "target_date": r.target_date,
        "unit": r.unit,
        "target_source_id": tgt["source_id"],
        # Every source behind this assessment: the observations shown and the target.
        "sources": sorted((set(got.all_points.source_ids) | set(got.shown.source_ids)
                           | {tgt["source_id"]}) - {""}),
        "target_note": tgt["note"],
        "last_observed": {"date": r.last_date, "value": r.last_value},
        "probability": r.probability,
        "median": r.median,
        "p10": r.p10,
        "p90": r.p90,
        "required_cagr": r.required_cagr,
        "required_growth": r.required_growth,
        "bound_value": r.bound_value,
        "bound_note": r.bound_note,
        "engine": {"method": projection.method, "notes": list(r.notes)},
        "historical_cagr": r.historical_cagr,
        "historical_cagr_3y": r.historical_cagr_3y,
        "growth_ratio": r.growth_ratio,
        "year_median_reaches": r.year_median_reaches,
        "projection_end_year": r.projection_end_year,
        "monthly_needed": r.monthly_needed,
        "monthly_achieved_last_year": r.monthly_achieved_last_year,
        "monthly_achieved_history": r.monthly_achieved_history,
        "classification": r.classification,
        "classifications": {"unsd": r.classification_unsd,
                            "statcan": r.classification_statcan,
                            "unsd_q": r.unsd_q, "statcan_r": r.statcan_r,
                            "base_year": r.base_year},
        "models": [{"name": m["name"], "weight": m["weight"],
                    "probability": m["probability"], "median": m["median"],
                    "backtest_mape": m["backtest_mape"]} for m in r.models],
        "models_not_used": [{"name": s.name, "reason": s.reason}
                            for s in projection.scores if s.weight == 0],
        "weighting": projection.weighting,
        "equal_weights": projection.equal_weights,
        "pooling": got.pooling,
        "coverage_basis": got.coverage,
        "ceiling": ({"metric": CEILINGS[metric], "note": got.ceiling_note}
                    if metric in CEILINGS else None),
        "base_years": list(r.base_years),
        "history": [{"date": d, "value": float(v)}
                    for d, v in zip(got.shown.dates, got.shown.values)],
        "sub_annual": [{"date": d, "value": float(v)}
                       for d, v in zip(got.all_points.dates, got.all_points.values)
                       if d not in got.shown.dates],
        "fan": [{"year": int(round(t)), "t": float(t), "p10": row["p10"],
                 "p50": row["p50"], "p90": row["p90"]}
                for t, row in projection.quantiles().iterrows()],
        "data_quality": got.quality,
    }


def _projection_entry(got: _Projected, end_year: int) -> dict:
    """Year-end quantiles of a metric projected whether or not it has a target."""
    projection = got.projection
    last = projection.series
    fan = []
    for year in range(math.floor(last.last_t) + 1, end_year + 1):
        values = projection.values_at(float(year))
        p10, p50, p90 = np.quantile(values, [0.1, 0.5, 0.9])
        fan.append({"year": year, "p10": p10, "p50": p50, "p90": p90})
    return {"metric": last.metric, "unit": last.unit, "projected": True,
            "last_observed": {"date": last.dates[-1], "value": last.last_value},
            "fan": fan, "pooling": got.pooling, "data_quality": got.quality}


def check_run_parameters(*, n_paths, seed, backtest_k=config.DEFAULT_BACKTEST_K) -> None:
    """Reject simulation parameters of the wrong type or range before any work starts.

    Raises
    ------
    ParameterError
        Naming the parameter, what was expected and what was found.
    """
    def whole(value) -> bool:
        return isinstance(value, (int, np.integer)) and not isinstance(value, bool)

    if not whole(n_paths) or not 1 <= n_paths <= config.MAX_N_PATHS:
        raise ParameterError(f"n_paths: expected an integer from 1 to {config.MAX_N_PATHS:,}, "
                             f"found {n_paths!r}")
    if not whole(seed) or seed < 0:
        raise ParameterError(f"seed: expected a non-negative integer, found {seed!r}")
    if not whole(backtest_k) or not 0 <= backtest_k <= 20:
        raise ParameterError(f"backtest_k: expected an integer from 0 to 20, found "
                             f"{backtest_k!r}")


def run_region(panel: Panel, region: str, *, as_of=None, n_paths: int = config.DEFAULT_N_PATHS,
               seed: int = config.DEFAULT_SEED, models: Sequence[str] | None = None,
               backtest_k: int = config.DEFAULT_BACKTEST_K, scenario=None) -> dict:
    """Assess every future target of ``region`` and return its results.json object.

    Parameters
    ----------
    panel : Panel
        Loaded data (:func:`forecast.data.load_panel`).
    region : str
        Region id.
    as_of : year, date or None
        Use only what was known then; targets due after the last observation are assessed.
    n_paths, seed : int
        Simulation size and seed (the same inputs give the same numbers).
    models : sequence of str, optional
        Model names; default every registered model.
    backtest_k : int
        Leave-last-out origins for the model weights.
    scenario : forecast.scenario.Scenario, path or None
        Hypothetical adjustments for the national extras (national only).

    Returns
    -------
    dict
        The results.json object (see module docstring).
    """
    from .models import available_models

    check_region(panel, region)
    cut = parse_as_of(as_of)
    check_run_parameters(n_paths=n_paths, seed=seed, backtest_k=backtest_k)
    models = list(models) if models else available_models()
    region_targets = panel.targets[panel.targets["region"] == region]

    entries, skipped = [], []
    ctx = _Context(panel=panel, cut=cut, models=models, n_paths=n_paths, seed=seed,
                   backtest_k=backtest_k)

    def skip(rows, reason: str) -> None:
        for _, tgt in rows.iterrows():
            skipped.append({"metric": tgt["metric"], "target_date": tgt["target_date"],
                            "target_value": tgt["value"], "reason": reason})

    for metric, group in region_targets.groupby("metric", sort=False):
        try:
            last_t, last_date = ctx.last_observation(region, metric)
        except _NotProjectable as exc:
            skip(group, str(exc))
            continue
        future = group[[decimal_year(d) > last_t for d in group["target_date"]]]
        skip(group[~group.index.isin(future.index)],
             f"due on or before the last observation ({last_date})")
        if future.empty:
            continue
        last_target = max(decimal_year(d) for d in future["target_date"])
        try:
            got = ctx.projected(region, metric, last_target, extra_years=EXTRA_YEARS)
        except (_NotProjectable, ModelError) as exc:
            skip(future, str(exc))
            continue
        for _, tgt in future.iterrows():
            entries.append(_target_entry(got, tgt))

    projections = []
    for metric in config.PROJECTED_METRICS:
        try:
            last_t, _ = ctx.last_observation(region, metric)
            end = max(config.PROJECTION_END_YEAR, math.floor(last_t) + 1)
            got = ctx.projected(region, metric, float(end), extra_years=0)
        except (_NotProjectable, ModelError) as exc:
            projections.append({"metric": metric, "unit": config.METRICS[metric][0],
                                "projected": False, "reason": str(exc)})
            continue
        projections.append(_projection_entry(got, end))
    entries.sort(key=lambda e: (e["target_date"], e["metric"]))
    # National extras (issue 5): funds_model, joint, segments, scenario; see forecast.scenario.
    from .scenario import national_extras

    extras = national_extras(panel, region, as_of=cut, n_paths=n_paths, seed=seed,
                             models=models, backtest_k=backtest_k, scenario=scenario)
    return _clean({
        "region": region,
        "region_name": panel.region_name(region),
        "as_of": cut.strftime("%Y-%m-%d") if cut is not None else None,
        "generated_with": {
            "package": "forecast",
            "version": __version__,
            "data_hash": panel.data_hash,
            "seed": int(seed),
            "parameters": {"region": region,
                           "as_of": cut.strftime("%Y-%m-%d") if cut is not None else None,
                           "n_paths": int(n_paths), "models": models,
                           "backtest_k": int(backtest_k)},
        },
        "targets": entries,
        "skipped": skipped,
        "projections": projections,
        **extras,
    })


def write_atomic(data: bytes, path: str | Path) -> Path:
    """Write ``data`` atomically: a temporary file in the same folder, renamed when
    complete, readable by others (not mkstemp's private mode). A reader never sees a
    half-written file, and two writers never share a temporary name."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_json(obj: dict, path: str | Path) -> Path:
    """Write JSON atomically (:func:`write_atomic`)."""
    text = json.dumps(obj, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    return write_atomic(text.encode("utf-8"), path)


def write_run(results: dict, output_dir: str | Path) -> list[Path]:
    """Write results.json and the figures of a region's run into ``output_dir``.

    File names are built from metric ids and years only (never from region names or other
    text from data), so nothing can be written outside ``output_dir``.
    """
    from .plots import fan_chart_png, growth_chart_png

    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in results["targets"]:
        path = out / f"fan_{entry['metric']}_{entry['target_date'][:4]}.png"
        write_atomic(fan_chart_png(entry), path)
        written.append(path)
    if results["targets"]:
        write_atomic(growth_chart_png(results["targets"]), out / "growth.png")
        written.append(out / "growth.png")
    # results.json last: its presence says the region's outputs are complete.
    written.insert(0, write_json(results, out / "results.json"))
    return written
