"""``forecast data check``'s doubt about two readings of one year-end that disagree.

A reading within ``year_end_tolerance_days`` of a year-end counts as that year-end; where a
series has two such readings (27 and 31 December), the fits take the one on the day and show
the other as a sub-annual reading. Two readings a few days apart rarely differ by more than
a point or two: 2,906,035 on 27 December beside 2,999,999 on the 31st, or a fall of 29 % in
three days, is a typo or another count, and it moved a probability from 2 % to 4 %.
"""

from __future__ import annotations

import pandas as pd

from .series import year_end_of

#: Two readings of one year-end further apart than this share of the smaller are doubted.
YEAR_END_GAP = 0.02


def _num(v: float) -> str:
    """2,999,999 or 45.5: whole numbers with separators, others as they are."""
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,g}"


def year_end_pairs(obs, tolerance: int, flow=lambda m: False, where=None,
                   shift_days: int = 0) -> list:
    """``(line, text)`` warnings for each series (region, metric, denominator) with two
    readings counted as one year-end that differ by more than :data:`YEAR_END_GAP`; flows
    are left out (a year-to-date sum on 27 December is not the year's). ``where(region,
    metric, date)`` names the file and row of the later reading; ``shift_days`` moves the
    files' days into the scheme's years (a fiscal year-end is a year-end there)."""
    shift = pd.Timedelta(days=shift_days)
    out = []
    den = obs["denominator"] if "denominator" in obs else [""] * len(obs)
    frame = obs.assign(_den=list(den)).sort_values("date")
    for (region, metric, _), rows in frame.groupby(["region", "metric", "_den"], sort=True):
        if flow(metric) or len(rows) < 2:
            continue
        seen: dict = {}
        for row in rows.itertuples(index=False):
            end = year_end_of(row.date + shift, tolerance)
            if end is None:
                continue
            first = seen.setdefault(end, row)
            if first is row or min(first.value, row.value) <= 0:
                continue
            gap = abs(row.value / first.value - 1.0)
            if gap > YEAR_END_GAP:
                w = where(region, metric, row.date) if where else "observations.csv"
                line = int(w.rsplit(":", 1)[1]) if w[-1:].isdigit() else 0
                out.append((line, f"{w}: warning: {region} {metric} {_num(row.value)} on "
                                  f"{row.date:%Y-%m-%d} and {_num(first.value)} on "
                                  f"{first.date:%Y-%m-%d} both count as year-end "
                                  f"{end - shift:%Y-%m-%d} but differ by {gap:.0%}; expected "
                                  f"readings of one year-end within {YEAR_END_GAP:.0%} of each "
                                  f"other (a typo, or another count?)"))
    return out
