"""Coverage written as a fraction: 0.4 where the data's own counts give 40 %.

A coverage metric is a percentage (its unit's max is 100). A reading within 5 % of a
hundredth of its numerator over its denominator, read on the same region and date, is a
fraction written where a percentage belongs. The run would take it for 0.4 % and call a
rising series a regression, so loading refuses it (it was a data-check warning, and the run
went on without a word). A reading on another stated base is not compared: its counts are
not the scheme's.

A reading far from the share its counts give (60 % where they give 94.8 %) is another base's
or a typo: ``data check`` warns of it (:func:`off_counts`); the run anchors on it as it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from .errors import DataError
from .plurals import plural

#: Within this share of a hundredth of the counts' ratio, a reading is a fraction.
TOLERANCE = 0.05


@dataclass(frozen=True)
class Fraction:
    """The first reading written as a fraction (``index``: its row in the frame), the
    percentage the counts give (``share``) and how many more readings are like it."""

    index: int
    share: float
    more: int
    numerator: str
    denominator: str


def _readings(frame: pd.DataFrame, scheme):
    """(row, share of the counts in percent, numerator, denominator) of each coverage
    reading of ``frame`` on the scheme's own base (or an empty one) with both counts read
    on its region and date."""
    for metric in scheme.coverage_metrics:
        cov = scheme.metrics[metric]
        counts = frame[frame["metric"].isin([cov.numerator, cov.denominator])]
        by = dict(zip(zip(counts["region"], counts["metric"], counts["date"]),
                      counts["value"]))
        bases = frame.get("denominator", pd.Series("", index=frame.index)).fillna("")
        rows = frame[(frame["metric"] == metric) & bases.isin(["", cov.denominator])]
        for i, region, date, value in zip(rows.index, rows["region"], rows["date"],
                                          rows["value"]):
            num = by.get((region, cov.numerator, date))
            den = by.get((region, cov.denominator, date))
            if num is None or not den or not value > 0:
                continue
            yield int(i), float(value), 100.0 * num / den, cov.numerator, cov.denominator


def first_fraction(frame: pd.DataFrame, scheme) -> Fraction | None:
    """The first row of ``frame`` (observations: region, metric, date, value, denominator)
    in file order whose coverage value is a hundredth of its counts' ratio, else None."""
    hits = [(i, share, num, den) for i, value, share, num, den in _readings(frame, scheme)
            if abs(100.0 * value - share) <= TOLERANCE * share]
    if not hits:
        return None
    i, share, num, den = min(hits)
    return Fraction(index=i, share=share, more=len(hits) - 1, numerator=num, denominator=den)


#: Off the share of its counts by more than this part of it, a reading is another base's.
DISAGREE = 0.10


def disagreements(frame: pd.DataFrame, scheme) -> list[tuple[int, float, str, str]]:
    """(row, share the counts give, numerator, denominator) of each coverage reading on the
    scheme's own base (or an empty one) more than :data:`DISAGREE` off the share its counts
    on that region and date give (and not a fraction of it): 60 % where members and
    population give 94.8 %. The run anchors on it as it is: a warning of ``data check``."""
    return [(i, share, num, den) for i, value, share, num, den in _readings(frame, scheme)
            if abs(value - share) > DISAGREE * share
            and abs(100.0 * value - share) > TOLERANCE * share]


def refuse_fractions(frame: pd.DataFrame, scheme, where) -> None:
    """Raise :class:`forecast.errors.DataError` at the first fraction (``where(index)``: the
    file, line and column of a row)."""
    hit = first_fraction(frame, scheme)
    if hit is None:
        return
    row = frame.loc[hit.index]
    date = pd.Timestamp(row["date"]).strftime("%Y-%m-%d")
    more = (f", and so {'is' if hit.more == 1 else 'are'} {plural(hit.more, 'more reading')}"
            if hit.more else "")
    raise DataError(f"{where(hit.index)}: {row['region']} {row['metric']} {row['value']:g} on "
                    f"{date} is a hundredth of {hit.numerator} / {hit.denominator} on that "
                    f"date ({hit.share:.1f} %){more}; expected a percentage "
                    f"({hit.share:.1f}), not a fraction")


def off_counts(obs: pd.DataFrame, scheme, where, line) -> list[tuple[int, str]]:
    """Coverage readings far from the share their own counts give on that date (a base
    other than the one it says, or a typo): ``data check``'s warnings, one per series at its
    first (``where(region, metric, date)``: its file and line; ``line(where)``: the line)."""
    hits = sorted(disagreements(obs, scheme), key=lambda h: tuple(obs.loc[h[0], [
        "region", "metric", "date"]]))
    series = Counter((obs.loc[i, "region"], obs.loc[i, "metric"]) for i, *_ in hits)
    out, seen = [], set()
    for i, share, num, den in hits:
        r = obs.loc[i]
        if (r["region"], r["metric"]) in seen:
            continue
        seen.add((r["region"], r["metric"]))
        more = series[r["region"], r["metric"]] - 1
        w = where(r["region"], r["metric"], r["date"])
        out.append((line(w), f"{w}: warning: {r['region']} {r['metric']} {r['value']:g} on "
                              f"{r['date']:%Y-%m-%d} is not {num} / {den} on that date "
                              f"({share:.1f} %)" + (f", nor {'is' if more == 1 else 'are'} "
                                                    f"{plural(more, 'more reading')}"
                                                    if more else "")
                              + "; expected the share its counts give, or the base it is of "
                              "in column denominator (the run anchors on it as it is)"))
    return out
