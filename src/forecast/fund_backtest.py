"""Out-of-sample check of the structural fund model (:mod:`forecast.funds`) against the
trend models, at every origin year of the fund's history.

``benchmarks/funds_backtest.py`` prints its table; the national run records it under
``funds_model.backtest``.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from . import config
from .ceilings import ceiling_for
from .data import Panel, select
from .errors import ModelError
from .funds import _annual, _by_year, calibrate, simulate_funds
from .models import available_models
from .params import check_n_paths
from .simulate import Projection, project

def _project_active_at(panel: Panel, region: str, *, as_of, models: Sequence[str],
                       horizon: int, n_paths: int, seed: int,
                       backtest_k: int = config.DEFAULT_BACKTEST_K) -> Projection:
    """The projection of ``active_total`` as a run at the backtest origin ``as_of``
    would make it (the backtest's own vintages; a run's projection is never redone)."""
    series = select(panel, region, "active_total", as_of=as_of)
    return project(series, models, horizon=horizon, n_paths=n_paths, seed=seed,
                   ceiling=ceiling_for(panel, region, "active_total", as_of)[0],
                   backtest_k=backtest_k)


def backtest(panel: Panel, region: str | None = None, *, origins: Sequence[int] | None = None,
             max_horizon: int = 3, models: Sequence[str] | None = None,
             n_paths: int = 2000, seed: int = config.DEFAULT_SEED) -> dict:
    """Out-of-sample accuracy of the structural model against the trend models.

    At each origin year the data is cut there (:func:`forecast.vintage.vintage` semantics):
    the inputs are recalibrated, ``active_total`` is projected by the engine, and the fund
    is projected 1 to ``max_horizon`` years ahead by the structural model (median of its
    paths), by the calibrated engine the headline uses (``calibrated``) and by each trend
    model (median). Each is scored against
    the observed year-end fund by the absolute percentage error.

    Parameters
    ----------
    panel : Panel
    region : str or None
        Default the scheme's top region.
    origins : sequence of int, optional
        Origin years; default every year-end fund observation with a later one to score.
        Origins where an input cannot be estimated yet are listed with the reason.
    max_horizon : int
        Furthest year ahead scored.
    models : sequence of str, optional
        Trend models; default every registered model.
    n_paths, seed : int
        Simulation size and seed.

    Returns
    -------
    dict
        ``rows`` (origin, year, horizon, actual, and each method's forecast), ``mape``
        (method -> {"1": ..., "2": ..., "3": ..., "all": ...}), ``n`` (forecasts per
        horizon), ``skipped`` (origin, reason) and ``command``.
    """
    check_n_paths(n_paths)
    models = list(models) if models else available_models()
    region = panel.scheme.top_region if region is None else region
    fund_all = _by_year(_annual(panel, region, "fund_investment", None))
    if origins is None:
        origins = [y for y in sorted(fund_all) if any(y + h in fund_all
                                                      for h in range(1, max_horizon + 1))]
    rows, skipped = [], []
    for origin in origins:
        targets = [y for y in range(origin + 1, origin + max_horizon + 1) if y in fund_all]
        if not targets:
            skipped.append({"origin": origin, "reason": "no later year-end fund to score"})
            continue
        try:
            inputs = calibrate(panel, region, as_of=origin)
            if inputs.start_year != origin:
                raise ModelError(f"no year-end fund_investment in {origin}")
            horizon = max(targets) - origin
            active = _project_active_at(panel, region, as_of=origin, models=models,
                                    horizon=horizon + 1, n_paths=n_paths, seed=seed)
            fp = simulate_funds(inputs, active, end_year=max(targets), seed=seed)
            trend = project(select(panel, region, "fund_investment", as_of=origin), models,
                            horizon=horizon, n_paths=n_paths, seed=seed)
        except ModelError as exc:
            skipped.append({"origin": origin, "reason": str(exc)})
            continue
        for y in targets:
            h = y - origin
            row = {"origin": origin, "year": y, "horizon": h, "actual": fund_all[y],
                   "structural": float(np.median(fp.at(y))),
                   trend.method: float(np.median(trend.paths[:, h - 1]))}
            for name, paths in trend.model_paths.items():
                row[name] = float(np.median(paths[:, h - 1]))
            rows.append(row)
    engines = sorted({k for r in rows for k in r} & {"calibrated", "mixture"})
    methods = ["structural", *engines] + [m for m in models
                                           if any(m in r for r in rows)]
    mape: dict[str, dict[str, float | None]] = {}
    for m in methods:
        per = {}
        for h in range(1, max_horizon + 1):
            errs = [abs(r[m] / r["actual"] - 1) for r in rows if r["horizon"] == h and m in r]
            per[str(h)] = float(np.mean(errs)) if errs else None
        errs = [abs(r[m] / r["actual"] - 1) for r in rows if m in r]
        per["all"] = float(np.mean(errs)) if errs else None
        per["n"] = len(errs)
        mape[m] = per
    return {"region": region, "origins": [r for r in origins
                                          if r not in {s["origin"] for s in skipped}],
            "rows": rows, "mape": mape,
            "n": {str(h): sum(r["horizon"] == h for r in rows)
                  for h in range(1, max_horizon + 1)},
            "skipped": skipped, "n_paths": int(n_paths), "seed": int(seed),
            "command": f"python benchmarks/funds_backtest.py --region {region} "
                       f"--n-paths {n_paths} --seed {seed}"}
