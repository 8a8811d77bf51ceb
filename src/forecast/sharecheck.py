"""A share's year-end far off the line between its neighbours on the logit scale.

A share near its bound is projected on the logit of its share (:mod:`forecast.calibration`),
where 99.9 % is 6.9 and 95.7 % is 3.1. One year-end read at 99.9 % between 95 % and 96.6 %
(a count briefly near the whole) is 4 % off its neighbours in the count, under the 7 % a
count's outlier test allows (:data:`forecast.nowcast.SPIKE_LOG`), but 3.7 logit units off
in the share: it moved a target's probability from 4 % to 66 % and the data check said
nothing. One line per region and metric, at the largest such reading.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Logit units between a year-end share and the line between the year-ends either side of
#: it beyond which it is called an isolated jump (a 50 % reading between 36 % and 38 %).
SPIKE_LOGIT = 1.0


def share_spikes(panel, obs: pd.DataFrame, where, line) -> list[tuple[int, str]]:
    """``(line, warning)`` for each share metric (a percentage) whose year-end, between two
    year-ends of the same base, sits :data:`SPIKE_LOGIT` or more off the line between
    them on the logit scale, both neighbours on one side of it."""
    scheme = panel.scheme
    # Boolean arrays: an empty list would select no columns, not no rows.
    shares = obs[np.array([scheme.share_bound(m) is not None for m in obs["metric"]], bool)]
    # The scheme's year-ends (30 June for a fiscal year), within its tolerance (29 December
    # is 31 December's): the readings the projection reads as year-ends.
    month, day = (int(x) for x in scheme.year_end.split("-"))
    ends = {y: pd.Timestamp(year=y, month=month, day=day)
            for y in range(shares["date"].dt.year.min() - 1, shares["date"].dt.year.max() + 2)
            } if len(shares) else {}
    near = [min(abs((d - e).days) for e in (ends[d.year - 1], ends[d.year], ends[d.year + 1]))
            for d in shares["date"]]
    shares = shares[np.array([n <= scheme.year_end_tolerance_days for n in near], bool)]
    base = shares["denominator"].fillna("") if "denominator" in shares else ""
    out = []
    for (region, metric, _), rows in shares.assign(_base=base).groupby(
            ["region", "metric", "_base"], sort=True):
        rows = rows.sort_values("date")
        p = np.clip(rows["value"].to_numpy(float) / 100.0, 1e-6, 1 - 1e-6)
        z = np.log(p / (1 - p))
        t = rows["date"].map(pd.Timestamp.toordinal).to_numpy(float) / 365.25  # years
        worst = None
        for i in range(1, len(rows) - 1):
            if t[i + 1] - t[i - 1] > 4:  # neighbours more than two years away say little
                continue
            line_z = z[i - 1] + (z[i + 1] - z[i - 1]) * (t[i] - t[i - 1]) / (t[i + 1] - t[i - 1])
            off = z[i] - line_z
            if abs(off) >= SPIKE_LOGIT and (z[i] - z[i - 1]) * (z[i] - z[i + 1]) > 0 \
                    and (worst is None or abs(off) > abs(worst[1])):
                worst = (i, off)
        if worst is None:
            continue
        i, off = worst
        r = rows.iloc[i]
        w = where(region, metric, r["date"])
        out.append((line(w), f"{w}: warning: {region} {metric} {r['value']:g} % on "
                             f"{r['date']:%Y-%m-%d} is {abs(off):.1f} logit units "
                             f"{'above' if off > 0 else 'below'} the line between its "
                             f"neighbours ({rows.iloc[i - 1]['value']:g} % and "
                             f"{rows.iloc[i + 1]['value']:g} %); expected a share within "
                             f"{SPIKE_LOGIT:g} of it (a share is projected on its logit, "
                             f"where one such year-end moves the trend: a typo or a count "
                             f"of another scope?)"))
    return out
