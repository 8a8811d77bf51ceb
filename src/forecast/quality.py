"""Data quality of a projection: a plain label (good, fair, poor, pooled) and its fields.

The words are :func:`forecast.reasons.quality_text`'s; this module only counts.
"""

from __future__ import annotations

from .defaults import BREAK_FACTOR
from .series import Series


def breaks(series: Series) -> list[int]:
    """The years whose year-end moved from the one before by :data:`BREAK_FACTOR` or more a
    year, up or down (x0.13): the data check's "a change of counting or a typo?", never a
    pace a projection can stand on. Each by the year of the later reading."""
    out = []
    for i in range(1, len(series)):
        v0, v1 = float(series.values[i - 1]), float(series.values[i])
        if v0 > 0 and v1 > 0:
            factor = (v1 / v0) ** (1 / max(float(series.t[i] - series.t[i - 1]), 1.0))
            if factor >= BREAK_FACTOR or factor <= 1 / BREAK_FACTOR:
                out.append(int(round(series.t[i])))
    return out


def data_quality(series: Series, sub_annual_points: int = 0) -> dict:
    """A plain label for how much the history supports a projection, with its fields.

    ``good``: 8+ year-end points, none of the last five years missing and no year-end
    moving :data:`BREAK_FACTOR` times or more from the one before (:func:`breaks`);
    ``fair``: 5+ points; ``poor``: fewer. Sub-annual readings are counted but never fitted. The words
    are :func:`forecast.reasons.quality_text`'s.
    """
    n = len(series)
    years = [int(round(t)) for t in series.t]
    gaps = sorted(set(range(years[0], years[-1] + 1)) - set(years)) if years else []
    recent_gap = [y for y in gaps if y > years[-1] - 5] if years else []
    moves = breaks(series)
    if n >= 8 and not recent_gap and not moves:
        label = "good"
    elif n >= 5:
        label = "fair"
    else:
        label = "poor"
    return {"label": label, "annual_points": n,
            "span_years": (years[-1] - years[0]) if years else 0,
            "first": series.dates[0] if n else None, "last": series.dates[-1] if n else None,
            "gaps": gaps, "breaks": moves, "sub_annual_points": int(sub_annual_points),
            # Readings near a December 31 counted as that year-end (scheme tolerance).
            "moved_to_year_end": [dict(m) for m in series.moved]}


def pooled_quality(series: Series, all_points: Series, pool) -> dict:
    """Data quality of a pooled projection: always ``pooled``, with what was borrowed."""
    base = data_quality(series, len(all_points) - len(series))
    base["label"] = "pooled"
    base["pooled"] = {"pairs": pool.pairs, "weight_own": pool.weight_own,
                      "own_trend": pool.b_hat is not None}
    return base
