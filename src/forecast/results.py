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
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from . import __version__, config
from .data import Panel, check_region, parse_as_of, select
from .errors import ModelError
from .series import Series, decimal_year
from .simulate import project
from .targets import assess

log = logging.getLogger(__name__)

#: Metrics whose saturating models (logistic, Gompertz) are bounded by another metric of the
#: same region, projected on its own trend. Money has no natural ceiling.
CEILINGS = {
    "active_total": "working_population",
    "active_pu": "working_population",
    "active_bpu": "working_population",
    "active_jakon": "working_population",
    "active_pmi": "working_population",
    "registered_total": "working_population",
}

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


def _ceiling(panel: Panel, region: str, metric: str, as_of):
    from .models.base import Ceiling

    name = CEILINGS.get(metric)
    if name is None:
        return None, None
    ceiling_series = select(panel, region, name, as_of=as_of, annual=False)
    if len(ceiling_series) < 2:
        return None, f"no {name} series with 2+ points for {region}"
    try:
        return Ceiling.from_series(ceiling_series), None
    except ModelError as exc:
        return None, str(exc)


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


def run_region(panel: Panel, region: str, *, as_of=None, n_paths: int = config.DEFAULT_N_PATHS,
               seed: int = config.DEFAULT_SEED, models: Sequence[str] | None = None,
               backtest_k: int = config.DEFAULT_BACKTEST_K) -> dict:
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

    Returns
    -------
    dict
        The results.json object (see module docstring).
    """
    from .models import available_models

    check_region(panel, region)
    cut = parse_as_of(as_of)
    models = list(models) if models else available_models()
    region_targets = panel.targets[panel.targets["region"] == region]

    entries, skipped = [], []

    def skip(rows, reason: str) -> None:
        for _, tgt in rows.iterrows():
            skipped.append({"metric": tgt["metric"], "target_date": tgt["target_date"],
                            "target_value": tgt["value"], "reason": reason})

    for metric, group in region_targets.groupby("metric", sort=False):
        series = select(panel, region, metric, as_of=cut)
        all_points = select(panel, region, metric, as_of=cut, annual=False)
        own_fit = len(series) >= 3
        national_annual = select(panel, "national", metric, as_of=cut)
        pooled = (not own_fit and region != "national" and len(all_points) >= 1
                  and len(national_annual) >= 3)
        history = series if own_fit else all_points
        if len(history) == 0:
            skip(group, f"no observations of {metric} for {region}"
                        + (f" as of {cut.date()}" if cut is not None else ""))
            continue
        future = group[[decimal_year(d) > history.last_t for d in group["target_date"]]]
        skip(group[~group.index.isin(future.index)],
             f"due on or before the last observation ({history.dates[-1]})")
        if future.empty:
            continue
        if not own_fit and not pooled:
            skip(future, f"only {len(series)} year-end observation(s) of {metric} for {region} "
                         f"and no national series to borrow from; at least 3 are needed")
            continue
        last_target = max(decimal_year(d) for d in future["target_date"])
        horizon = int(math.ceil(last_target - history.last_t - 1e-9)) + EXTRA_YEARS
        pooling = None
        try:
            if own_fit:
                ceiling, ceiling_note = _ceiling(panel, region, metric, cut)
                projection = project(series, models, horizon=horizon, n_paths=n_paths,
                                     seed=seed, ceiling=ceiling, backtest_k=backtest_k)
                quality = data_quality(series, len(all_points) - len(series))
            else:
                from .regional import pooled_projection

                ceiling, ceiling_note = _ceiling(panel, "national", metric, cut)
                nat_horizon = int(math.ceil(last_target - national_annual.last_t - 1e-9)) \
                    + EXTRA_YEARS
                national_projection = project(national_annual, models, horizon=nat_horizon,
                                              n_paths=n_paths, seed=seed, ceiling=ceiling,
                                              backtest_k=backtest_k)
                national_all = select(panel, "national", metric, as_of=cut, annual=False)
                projection, pool = pooled_projection(all_points, national_all,
                                                     national_projection, horizon=horizon,
                                                     n_paths=n_paths, seed=seed)
                pooling = pool.as_dict()
                quality = pooled_quality(series, all_points, pool)
        except ModelError as exc:
            skip(future, str(exc))
            continue
        for _, tgt in future.iterrows():
            r = assess(projection, float(tgt["value"]), tgt["target_date"])
            entries.append({
                "metric": metric,
                "target_value": r.target_value,
                "target_date": r.target_date,
                "unit": r.unit,
                "target_source_id": tgt["source_id"],
                # Every source behind this assessment: the observations shown and the target.
                "sources": sorted(set(all_points.source_ids) | {tgt["source_id"]}),
                "target_note": tgt["note"],
                "last_observed": {"date": r.last_date, "value": r.last_value},
                "probability": r.probability,
                "median": r.median,
                "p10": r.p10,
                "p90": r.p90,
                "required_cagr": r.required_cagr,
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
                "equal_weights": projection.equal_weights,
                "pooling": pooling,
                "ceiling": ({"metric": CEILINGS[metric], "note": ceiling_note}
                            if metric in CEILINGS else None),
                "base_years": list(r.base_years),
                "history": [{"date": d, "value": float(v)}
                            for d, v in zip(series.dates, series.values)],
                "sub_annual": [{"date": d, "value": float(v)}
                               for d, v in zip(all_points.dates, all_points.values)
                               if d not in series.dates],
                "fan": [{"year": int(round(t)), "t": float(t), "p10": row["p10"],
                         "p50": row["p50"], "p90": row["p90"]}
                        for t, row in projection.quantiles().iterrows()],
                "data_quality": quality,
            })
    entries.sort(key=lambda e: (e["target_date"], e["metric"]))
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
    })


def write_json(obj: dict, path: str | Path) -> Path:
    """Write JSON atomically: a temporary file in the same folder, renamed when complete."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(obj, fh, indent=2, ensure_ascii=False, allow_nan=False)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_run(results: dict, output_dir: str | Path) -> list[Path]:
    """Write results.json and the figures of a region's run into ``output_dir``.

    File names are built from metric ids and years only (never from region names or other
    text from data), so nothing can be written outside ``output_dir``.
    """
    from .plots import fan_chart, growth_chart

    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = [write_json(results, out / "results.json")]
    for entry in results["targets"]:
        path = out / f"fan_{entry['metric']}_{entry['target_date'][:4]}.png"
        _save_figure(fan_chart(entry), path)
        written.append(path)
    if results["targets"]:
        _save_figure(growth_chart(results["targets"]), out / "growth.png")
        written.append(out / "growth.png")
    return written


def _save_figure(fig, path: Path) -> None:
    # Same figure, same bytes: no software/date metadata in the PNG.
    tmp = path.with_name(f".{path.name}.tmp")
    fig.savefig(tmp, format="png", metadata={"Software": None})
    os.replace(tmp, path)
