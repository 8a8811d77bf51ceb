"""A target's checks in ``forecast data check`` (:mod:`forecast.datacheck`): its scale
against its readings, its base, and the readings each target's checks read."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

import pandas as pd

from .data import Panel


def num(value: float) -> str:
    """A value as the messages print it: whole with thousands separators from 1,000, in
    powers of ten past 10^21, beyond any cell (a ratio to a reading of 1e-300 printed 300
    digits).

    >>> num(2_160.4), num(0.25), num(1e18), num(1.81e302)
    ('2,160', '0.25', '1,000,000,000,000,000,000', '1.81e+302')
    """
    if abs(value) >= 1e21:
        return f"{value:.3g}"
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"


def target_panels(panel: Panel) -> Iterator[tuple]:
    """Each target (a row of ``panel.targets``) with a panel of the readings its checks
    read, its region's and the top region's: 2,000 targets each scanning the whole of
    400,000 readings took minutes."""
    rows_of = {r: g for r, g in panel.observations.groupby("region", sort=False)}
    none, top = panel.observations.iloc[:0], panel.scheme.top_region
    for row in panel.targets.itertuples(index=False):
        parts = [rows_of.get(row.region, none)] + ([rows_of.get(top, none)]
                                                   if row.region != top else [])
        yield row, replace(panel, observations=pd.concat(parts))


def scale(panel: Panel, row) -> str:
    """Words for a target a thousand times off the latest reading of its metric for its
    region, a target of 0, or a percentage target of at most 1 (0.98 for 98 %: a fraction)
    where the readings are above 1 or there are none, else ''."""
    obs = panel.observations
    rows = obs[(obs["region"] == row.region) & (obs["metric"] == row.metric)
               & (obs["value"] > 0)].sort_values("date")
    if row.value == 0:  # any reading meets it: a blank cell written as 0, or a typo?
        return "a target any reading meets"
    if panel.scheme.units[panel.scheme.unit_of(row.metric)].max == 100:
        if 0 < row.value <= 1 and (rows.empty or rows.iloc[-1]["value"] > 1):
            return (f"a percentage of at most 1 (read as {row.value:g} %, not "
                    f"{100 * row.value:g} %)")
        return ""
    if rows.empty or row.value <= 0:
        return ""
    last = rows.iloc[-1]
    ratio = row.value / last["value"]
    if 1e-3 <= ratio <= 1e3:
        return ""
    size = f"1/{num(round(1 / ratio))} of" if ratio < 1 else f"{num(round(ratio))} times"
    return f"{size} its latest reading {num(last['value'])} ({last['date']:%Y-%m-%d})"


def base_mismatch(panel: Panel, row) -> str:
    """Words for a coverage target that states no base (column ``denominator``) where its
    region's readings state one (a file without the column, a blank cell), else ''."""
    if not panel.scheme.is_coverage(row.metric) or \
            str(getattr(row, "denominator", "") or "").strip():
        return ""
    obs = panel.observations
    rows = obs[(obs["region"] == row.region) & (obs["metric"] == row.metric)]
    bases = sorted({str(d).strip() for d in rows.get("denominator", pd.Series(dtype=object))
                    if isinstance(d, str) and d.strip()})
    if not bases:
        return ""
    return f"no stated base, but its readings are on {', '.join(bases)}"
