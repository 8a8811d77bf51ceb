"""Coverage written as a fraction: 0.4 where the data's own counts give 40 %.

A coverage metric is a percentage (its unit's max is 100). A reading within 5 % of a
hundredth of its numerator over its denominator, read on the same region and date, is a
fraction written where a percentage belongs. The run would take it for 0.4 % and call a
rising series a regression, so loading refuses it (it was a data-check warning, and the run
went on without a word). A reading on another stated base is not compared: its counts are
not the scheme's.
"""

from __future__ import annotations

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


def first_fraction(frame: pd.DataFrame, scheme) -> Fraction | None:
    """The first row of ``frame`` (observations: region, metric, date, value, denominator)
    in file order whose coverage value is a hundredth of its counts' ratio, else None."""
    hits = []
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
            share = 100.0 * num / den
            if abs(100.0 * value - share) <= TOLERANCE * share:
                hits.append((int(i), share, cov.numerator, cov.denominator))
    if not hits:
        return None
    i, share, num, den = min(hits)
    return Fraction(index=i, share=share, more=len(hits) - 1, numerator=num, denominator=den)


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
