"""Data quality of a projection: a plain label (good, fair, poor, pooled) and its fields.

The words are :func:`forecast.reasons.quality_text`'s; this module only counts.
"""

from __future__ import annotations

from .series import Series


def data_quality(series: Series, sub_annual_points: int = 0) -> dict:
    """A plain label for how much the history supports a projection, with its fields.

    ``good``: 8+ year-end points and none of the last five years missing; ``fair``: 5+
    points; ``poor``: fewer. Sub-annual readings are counted but never fitted. The words
    are :func:`forecast.reasons.quality_text`'s.
    """
    n = len(series)
    years = [int(round(t)) for t in series.t]
    gaps = sorted(set(range(years[0], years[-1] + 1)) - set(years)) if years else []
    recent_gap = [y for y in gaps if y > years[-1] - 5] if years else []
    if n >= 8 and not recent_gap:
        label = "good"
    elif n >= 5:
        label = "fair"
    else:
        label = "poor"
    return {"label": label, "annual_points": n,
            "span_years": (years[-1] - years[0]) if years else 0,
            "first": series.dates[0] if n else None, "last": series.dates[-1] if n else None,
            "gaps": gaps, "sub_annual_points": int(sub_annual_points),
            # Readings near a December 31 counted as that year-end (scheme tolerance).
            "moved_to_year_end": [dict(m) for m in series.moved]}


def pooled_quality(series: Series, all_points: Series, pool) -> dict:
    """Data quality of a pooled projection: always ``pooled``, with what was borrowed."""
    base = data_quality(series, len(all_points) - len(series))
    base["label"] = "pooled"
    base["pooled"] = {"pairs": pool.pairs, "weight_own": pool.weight_own,
                      "own_trend": pool.b_hat is not None}
    return base
