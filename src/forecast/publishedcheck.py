"""A source dated before the figures it states: ``forecast data check``'s warning.

A figure cannot be published before its own date, so a ``published`` day in
``sources.csv`` well before it is a typo (2012-04 for a source of 2024's figures). The run
counts such a figure from its own date (:mod:`forecast.vintage`), so no vintage reads it
early, but the date that says when the source appeared is wrong for all its figures.
"""

from __future__ import annotations

import pandas as pd

from .datafile import published_end
from .plurals import plural
from .targetcheck import num

#: A figure may be dated up to this many days after its source's publication: a month's
#: figure is dated at the month's end, and its source often appeared in the last weeks of it.
GRACE_DAYS = 31


def published_warnings(panel, obs: pd.DataFrame, where, line) -> list[tuple[int, str]]:
    """One warning per source some of whose observations (``obs``, in the files' own dates)
    are dated more than :data:`GRACE_DAYS` after its ``published`` (the end of its month or
    year where only that is given), at its latest such figure (``where(region, metric,
    date)``: its file and line; ``line(where)``: the line)."""
    texts = dict(zip(panel.sources["id"], panel.sources["published"]))
    out = []
    for sid, rows in obs.groupby("source_id", sort=True):
        end = published_end(texts.get(sid))
        if end is None:
            continue
        late = rows[rows["date"] > end + pd.Timedelta(days=GRACE_DAYS)].sort_values("date")
        if late.empty:
            continue
        r = late.iloc[-1]
        w = where(r["region"], r["metric"], r["date"])
        more = f", and so {'is' if len(late) == 2 else 'are'} " \
               f"{plural(len(late) - 1, 'more figure')} of it" if len(late) > 1 else ""
        out.append((line(w), f"{w}: warning: {r['region']} {r['metric']} {num(r['value'])} on "
                             f"{r['date']:%Y-%m-%d} is from source {sid}, published "
                             f"{texts[sid]}: {(r['date'] - end).days} days before the "
                             f"figure's date{more}; expected the day the source appeared "
                             f"(sources.csv column published), on or after its figures"))
    return out
