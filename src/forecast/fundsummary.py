"""What the structural fund model reports (:mod:`forecast.funds`): the target it is set
against, the ``funds_model`` object of results.json and the joint probability."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .errors import ParameterError
from .headline import matches
from .series import decimal_year

if TYPE_CHECKING:  # pragma: no cover
    from .data import Panel
    from .funds import FundProjection


def target_of(panel: Panel, region: str, metric: str, after_t: float) -> tuple[float, str] | None:
    """The target of ``metric`` due after ``after_t`` that the structural fund model, the
    joint probability and the segments are set against: (value, ISO date). The scheme's
    headline target of ``metric`` (``[scheme] headline``) where it is among them, else the
    latest-dated: a 2027 fund target added beside the 2026 headline took the cross-check
    off the headline and dropped the joint probability (two dates)."""
    rows = panel.targets[(panel.targets["region"] == region)
                         & (panel.targets["metric"] == metric)]
    rows = rows[np.array([decimal_year(d) > after_t for d in rows["target_date"]], dtype=bool)]
    if rows.empty:
        return None
    rows = rows.sort_values("target_date")
    if region == panel.scheme.top_region:
        picked = [i for i, (d, value) in enumerate(zip(rows["target_date"], rows["value"]))
                  if any(matches({"metric": metric, "target_date": f"{d:%Y-%m-%d}",
                                  "target_value": float(value)}, mark)
                         for mark in panel.scheme.headline)]
        rows = rows.iloc[picked] if picked else rows
    row = rows.iloc[-1]
    return float(row["value"]), row["target_date"].strftime("%Y-%m-%d")


def summarise(fp: FundProjection, target_value: float, target_date: str,
              backtest: dict | None = None) -> dict:
    """The ``funds_model`` object of results.json for one target."""
    year = int(target_date[:4])
    at = fp.at(year)
    p10, med, p90 = (float(v) for v in np.quantile(at, [0.1, 0.5, 0.9]))
    inputs = fp.inputs
    now = inputs.nowcast
    out = {
        "metric": "fund_investment",
        "target_value": float(target_value),
        "target_date": target_date,
        "unit": inputs.unit,
        # The last reading; the recursion's start where that is a nowcast from it.
        "last_observed": {"date": now["from_date"], "value": float(now["from_value"])}
        if now else {"date": inputs.fund.dates[-1], "value": inputs.start_value},
        "start": {"date": inputs.fund.dates[-1], "value": inputs.start_value,
                  "sd_log": float(now["sd_log"]) if now else 0.0},
        "probability": float(np.mean(at >= target_value)),
        "median": med, "p10": p10, "p90": p90,
        "inputs": inputs.inputs(),
        "benefit_basis_years": inputs.benefit_basis_years,
        "accounting_check": list(inputs.accounting_check),
        "fan": [{"year": int(y), "p10": float(np.quantile(fp.paths[:, j], 0.1)),
                 "p50": float(np.median(fp.paths[:, j])),
                 "p90": float(np.quantile(fp.paths[:, j], 0.9))}
                for j, y in enumerate(fp.years)],
        "backtest": backtest or {},
    }
    if inputs.scale is None:  # the contribution per head is in no currency: not shown
        out["scale_missing"] = {"unit": inputs.unit, "currency": inputs.currency}
    return out


def joint_probability(a: np.ndarray, a_target: float, f: np.ndarray, f_target: float) -> float:
    """Share of paths on which both ``a >= a_target`` and ``f >= f_target`` (path by path)."""
    a, f = np.asarray(a), np.asarray(f)
    if a.shape != f.shape:
        raise ParameterError(f"joint probability: expected paths of the same shape, found "
                             f"{a.shape} and {f.shape}")
    return float(np.mean((a >= a_target) & (f >= f_target)))
