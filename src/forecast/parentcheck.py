"""A region's count far above its parent's: a unit slip, not a region.

A region in ``regions.csv`` is part of its parent, so its count of a metric can hardly be
far above the parent's count of the same metric on the same date. A region of 1,031,908
members under a country of 1,099 (a count entered in persons where the file's unit is
thousands) went through ``data check`` with no warning, into the reconciliation. Shares
(coverage, any percentage) are not compared: a region's share may be above its parent's.
One line per region and metric, at the first such reading, counting the others.
"""

from __future__ import annotations

import pandas as pd

from .plurals import plural

#: A region's count may exceed its parent's by this factor before it is called a slip:
#: counts by place of registration (head offices in a capital) and by residence differ.
FACTOR = 2.0


def above_parent(panel, obs: pd.DataFrame, where, line) -> list[tuple[int, str]]:
    """``(line, warning)`` for each region and count metric read above ``FACTOR`` times its
    parent's reading of the same date (``where`` and ``line`` as the data check's)."""
    parent_of = {r: p for r, p in zip(panel.regions["id"], panel.regions["parent"])
                 if isinstance(p, str) and p}
    counts = obs[[panel.scheme.share_bound(m) is None for m in obs["metric"]]]
    values = counts.set_index(["region", "metric", "date"])["value"]
    out = []
    for (region, metric), rows in counts.groupby(["region", "metric"], sort=True):
        parent = parent_of.get(region)
        if parent is None:
            continue
        over = [(r.date, r.value, values[(parent, metric, r.date)])
                for r in rows.sort_values("date").itertuples(index=False)
                if (parent, metric, r.date) in values.index
                and 0 < values[(parent, metric, r.date)] * FACTOR < r.value]
        if not over:
            continue
        date, value, top = over[0]
        w = where(region, metric, date)
        more = f" (and {plural(len(over) - 1, 'later reading')})" if len(over) > 1 else ""
        out.append((line(w), f"{w}: warning: {region} {metric} {value:,.0f} on "
                             f"{date:%Y-%m-%d} is {_times(value / top)} times its parent "
                             f"{parent}'s {top:,.0f}{more}; expected at most "
                             f"{FACTOR:g} times the parent's count (a unit slip: persons "
                             f"in a file of thousands?)"))
    return out


def _times(ratio: float) -> str:
    """A ratio as a reader reads it: 1,288 or 2.5 (not 1.29e+03)."""
    return f"{ratio:,.0f}" if ratio >= 10 else f"{ratio:.1f}"
