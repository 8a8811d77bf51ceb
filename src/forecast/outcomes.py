"""Past-due targets as outcomes, and which coverage readings a coverage target may meet.

A target whose date has passed at the run's reference date (its ``as_of``, or today for a
run on all data) is never given a forward probability: it is ``met`` or ``missed`` when the
data holds a reading at the target date, otherwise ``not_in_data`` with the latest reading
(value and date) known at the reference date. An outcome object of results.json
(``outcomes`` list)::

    {metric, target_value, target_date, unit, target_source_id, denominator (coverage
     only, else None), status ("met" | "missed" | "not_in_data"),
     observed {date, value, source_id} (the reading at the target date, or None),
     latest {date, value, source_id} (the latest reading known, or None),
     before, after (only for ``not_in_data`` with a reading after the target date: the
     nearest readings before, or None, and after it)}

Targets are "at least": met means the reading at the target date is >= the target.

Coverage percentages are only comparable on one base: a coverage target is compared only
with readings on the same ``denominator`` (data/README.md), and never on a base that is not
one defined base (``not_stated``, ``other``, ``workers_unspecified``), even if the target and
the readings share that label. A data directory without the column (every denominator empty)
keeps its old behaviour: its readings are taken as one base.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from .data import Panel
from .reasons import reason
from .series import year_end_of

STATUSES = ("met", "missed", "not_in_data")

#: Labels that do not name one base: two values with the same label may be on different
#: bases, so nothing is compared on them (data/README.md, "Denominators of coverage").
NOT_ONE_BASE = ("not_stated", "other", "workers_unspecified")


def reference_date(cut: pd.Timestamp | None, today: pd.Timestamp | None = None,
                   shift_days: int = 0) -> pd.Timestamp:
    """The date a target is past due at: the run's cut, or today for a run on all data
    (moved ``shift_days`` into fiscal time, as the panel's dates are)."""
    if cut is not None:
        return cut
    today = (today if today is not None else pd.Timestamp.today()).normalize()
    return today + pd.Timedelta(days=shift_days)


def is_past_due(target_date, reference: pd.Timestamp) -> bool:
    """Whether a target's date is on or before the reference date."""
    return pd.Timestamp(target_date) <= reference


def _den(value) -> str:
    return value if isinstance(value, str) else ""


def target_base(scheme, tgt) -> str | None:
    """A coverage target's base as results.json names it (``denominator``): the target's
    ``denominator`` cell; None where it is empty or the metric is not a coverage one."""
    return (_den(tgt.get("denominator")) or None) if scheme.is_coverage(tgt["metric"]) \
        else None


def coverage_readings(panel: Panel, region: str, denominator: str | None,
                      metric: str = "coverage_pct") -> pd.DataFrame:
    """The region's readings of the coverage ``metric`` on ``denominator`` (None: all of
    them)."""
    obs = panel.observations
    rows = obs[(obs["region"] == region) & (obs["metric"] == metric)]
    if denominator is None or "denominator" not in rows:
        return rows
    return rows[rows["denominator"].map(_den) == denominator]


def denominator_check(panel: Panel, region: str, target_denominator,
                      metric: str = "coverage_pct") -> dict | None:
    """None when the region has readings a target of the coverage ``metric`` on
    ``target_denominator`` can be compared with; otherwise the reason object
    (``different_denominator``) naming the target's base and the bases of the readings."""
    den = _den(target_denominator)
    every = coverage_readings(panel, region, None, metric)
    bases = sorted({_den(d) for d in every.get("denominator", pd.Series(dtype=object))}
                   - {""})
    if len(every) == 0:
        # "counts": both counts of the ratio are there; coverage is never divided out of
        # them (its readings state their base), and the words say so.
        cov = panel.scheme.metrics.get(metric)
        have = set(panel.observations.loc[panel.observations["region"] == region, "metric"])
        counts = cov is not None and {cov.numerator, cov.denominator} <= have
        return reason("no_coverage", region=region, metric=metric, counts=counts,
                      **({"numerator": cov.numerator, "denominator": cov.denominator}
                         if counts else {}))
    if den in NOT_ONE_BASE or (den == "" and bases):
        return reason("different_denominator", target_denominator=den or "not_stated",
                      reading_denominators=bases)
    if len(coverage_readings(panel, region, den, metric)) == 0:
        return reason("different_denominator", target_denominator=den,
                      reading_denominators=bases)
    return None


def _point(row) -> dict:
    return {"date": row["date"].strftime("%Y-%m-%d"), "value": float(row["value"]),
            "source_id": row["source_id"]}


def target_outcome(panel: Panel, region: str, tgt, reference: pd.Timestamp) -> dict:
    """The outcome object of one past-due target (see the module docstring).

    ``panel`` is the run's vintage: only readings known at the reference date are read.
    """
    metric = tgt["metric"]
    obs = panel.observations
    # Every coverage metric of the scheme, not only the shipped one's id.
    coverage = panel.scheme.is_coverage(metric)
    if coverage:
        rows = coverage_readings(panel, region, _den(tgt.get("denominator")), metric)
    else:
        rows = obs[(obs["region"] == region) & (obs["metric"] == metric)]
    rows = rows[rows["date"] <= reference].sort_values("date")
    due = pd.Timestamp(tgt["target_date"])
    observed = _at(rows, due, panel.scheme.year_end_tolerance_days)
    flow = panel.scheme.is_flow(metric)
    # A flow's latest full year, not a year-to-date sum of another year beside the target.
    ends = rows[rows["date"].map(lambda d: year_end_of(
        d, panel.scheme.year_end_tolerance_days) is not None)] if flow else rows
    if observed is None:
        status = "not_in_data"
    else:
        status = "met" if observed["value"] >= float(tgt["value"]) else "missed"
    return {"metric": metric, "target_value": float(tgt["value"]),
            "target_date": due.strftime("%Y-%m-%d"), "unit": tgt["unit"],
            "target_source_id": tgt["source_id"],
            "denominator": target_base(panel.scheme, tgt),
            "status": status, "observed": observed,
            "latest": _point(ends.iloc[-1]) if len(ends) else None,
            **_around(rows, due, flow, observed,
                      panel.scheme.year_end_tolerance_days)}


def _at(rows: pd.DataFrame, due: pd.Timestamp, tolerance: int) -> dict | None:
    """The reading a target due at ``due`` is settled by: one on that day, else, for a
    year-end, the closest within ``tolerance`` days (the earlier on a tie), which the fits
    count as that year-end too (``counted_as`` says so)."""
    at = rows[rows["date"] == due]
    if len(at):
        return _point(at.iloc[-1])
    if tolerance <= 0 or (due.month, due.day) != (12, 31):
        return None
    near = rows[rows["date"].map(lambda d: year_end_of(d, tolerance) == due)]
    if near.empty:
        return None
    gap = (near["date"] - due).abs()
    return {**_point(near.loc[gap.sort_values(kind="stable").index[0]]),
            "counted_as": due.strftime("%Y-%m-%d")}


def _around(rows: pd.DataFrame, due: pd.Timestamp, flow: bool, observed,
            tolerance: int = 0) -> dict:
    """A gap at the due date with readings after it: the nearest reading on either side
    (``before`` None if there is none); a flow's year-to-date readings are no level to
    set beside a full-year target, so only its year-ends count."""
    if flow:
        rows = rows[rows["date"].map(lambda d: year_end_of(d, tolerance) is not None)]
    if observed is not None or not (rows["date"] > due).any():
        return {}
    before = rows[rows["date"] < due]
    return {"before": _point(before.iloc[-1]) if len(before) else None,
            "after": _point(rows[rows["date"] > due].iloc[0])}


def on_base(panel: Panel, region: str, denominator: str,
            metric: str = "coverage_pct") -> Panel:
    """``panel`` without the region's readings of the coverage ``metric`` on another base
    than ``denominator`` (what a coverage target on that base is projected from)."""
    obs = panel.observations
    other = ((obs["region"] == region) & (obs["metric"] == metric)
             & (obs["denominator"].map(_den) != denominator)) if "denominator" in obs else \
        pd.Series(False, index=obs.index)
    # replace, not a new Panel: the data folder's scheme must survive the cut.
    return replace(panel, observations=obs[~other].reset_index(drop=True))


def upcoming(panel: Panel, reference: pd.Timestamp) -> Panel:
    """``panel`` with only the targets due after ``reference`` (what may be projected)."""
    tgt = panel.targets
    return replace(panel, targets=tgt[tgt["target_date"] > reference].reset_index(drop=True))
