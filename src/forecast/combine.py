"""Fast point forecasts on the working scale, combined by their median.

The calibrated engine (:mod:`forecast.simulate`) centres its paths on the median of a few
simple, well-tested forecasters applied to the series on its working scale ``z`` (the log of
a count, or the logit of a share of its bound). Each is closed-form or fitted by a small grid
search in NumPy, so the centre costs microseconds rather than the statsmodels fits of the
per-model table:

* ``rw_drift``: random walk with drift, ``z_T + h (z_T - z_1) / (n - 1)``;
* ``theta``: the Theta method (Assimakopoulos and Nikolopoulos 2000) in its SES-with-drift
  form (Hyndman and Billah 2003): simple exponential smoothing of ``z`` plus half the slope
  of a straight line through ``z``;
* ``damped``: Holt's linear trend with a damped slope (Gardner and McKenzie 1985), fitted by
  least squares of the one-step errors over a grid of ``alpha, beta, phi``.

Each is applied twice: to the working scale (growth in percent) and to the natural scale
(counts, or shares of the bound; growth in units, as the M3 peers do), then mapped to the
working scale. Which of these enter the combination was decided on the odd-numbered half of the
M3 yearly series by CRPS and reported on the even half (``benchmarks/choose_combination.py``):
Theta and damped trend on both scales and the random walk with drift on the natural scale
(the log-scale random walk with drift compounds its growth and overshoots). The linear and
exponential trends, ETS, ARIMA and the saturating curves stay in the per-model table only.
The fifth round tried their trimmed mean (the middle three of the five averaged) in place of
the median: better on the odd half of M3 (CRPS 1.872 against 1.879, MASE 2.675 against
2.687), but worse on M1 and Tourism together, the sets the error table's recipe is chosen
on (mean CRPS 1.966 against 1.959; Tourism's MASE 2.686 against 2.645), so the median stays
(``benchmarks/m3_compute.py --how trimmed``, then ``benchmarks/table_variants.py``). The
sixth round tried the optimised Theta models (``autotheta``, :mod:`forecast.thetamodels`) in
place of the standard Theta method on the values: a little better on the competitions, worse
on the project's own series, not taken (``benchmarks/README.md``).

A share of a bound (participants over their ceiling, a percentage) gets the same five
members, the logit standing for the log: a straight line in the share is kept off both
bounds by :data:`SHARE_FLOOR` of its last distance from each, the mirror of a count's floor.
No set as large as M3 has shares, so the members are the M3 design carried over; on the
project's own series they moved MAPE from 9.5 to 9.2 % and the Brier score from 0.177 to
0.176 (``benchmarks/own_series.py``) against logit-scale members only. The floor was chosen
on shares (``benchmarks/share_floor.py``, ``benchmarks/README.md`` item 14): with the
count's 5 %, a share climbing fast near its bound sent all three members on the share to
the floor, which became the median, and the band collapsed onto it.
"""

from __future__ import annotations

import numpy as np

from . import thetamodels
from .calibration import logit

#: The forecasters in the combination, by name.
COMBINATION = ("theta", "damped", "theta_level", "damped_level", "rw_drift_level")
#: How their forecasts are combined: ``"trimmed"`` (leave out the highest and the lowest of
#: each year's forecasts, average the rest) or ``"median"``.
COMBINER = "median"

_ALPHAS = np.linspace(0.05, 1.0, 20)
_HOLT = np.array([(a, b, p) for a in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
                  for b in (0.01, 0.05, 0.1, 0.2, 0.3) if b <= a
                  for p in (0.8, 0.85, 0.9, 0.95, 0.98)])


def annual_grid(t: np.ndarray, z: np.ndarray) -> np.ndarray:
    """``z`` on whole years back from the last observation (linear between readings)."""
    t = np.asarray(t, dtype=float)
    z = np.asarray(z, dtype=float)
    ok = np.isfinite(z)
    t, z = t[ok], z[ok]
    if t.size == 0:
        return z
    n = int(np.floor(t[-1] - t[0] + 1e-9)) + 1
    grid = t[-1] - np.arange(n)[::-1]
    return np.interp(grid, t, z)


def rw_drift(z: np.ndarray, horizon: int) -> np.ndarray:
    h = np.arange(1, horizon + 1)
    drift = (z[-1] - z[0]) / (len(z) - 1) if len(z) > 1 else 0.0
    return z[-1] + h * drift


def _ses_levels(z: np.ndarray, alphas: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Final level and one-step SSE of SES for each alpha (level starts at ``z[0]``)."""
    level = np.full(alphas.shape, z[0])
    sse = np.zeros(alphas.shape)
    for x in z[1:]:
        err = x - level
        sse += err**2
        level = level + alphas * err
    return level, sse


def theta(z: np.ndarray, horizon: int) -> np.ndarray:
    h = np.arange(1, horizon + 1)
    n = len(z)
    if n < 3:
        return rw_drift(z, horizon)
    slope = np.polyfit(np.arange(n), z, 1)[0]
    # SES of the series, smoothing weight by least squares of its one-step errors, plus half
    # the line's slope with the SES-with-drift correction of Hyndman and Billah (2003).
    levels, sse = _ses_levels(z, _ALPHAS)
    k = int(np.argmin(sse))
    a = _ALPHAS[k]
    return levels[k] + 0.5 * slope * (h - 1 + 1 / a - (1 - a) ** n / a)


def damped(z: np.ndarray, horizon: int) -> np.ndarray:
    n = len(z)
    if n < 4:
        return rw_drift(z, horizon)
    a, b, p = _HOLT[:, 0], _HOLT[:, 1], _HOLT[:, 2]
    level = np.full(a.shape, z[0])
    trend = np.full(a.shape, z[1] - z[0])
    sse = np.zeros(a.shape)
    for x in z[1:]:
        pred = level + p * trend
        err = x - pred
        sse += err**2
        new_level = pred + a * err
        trend = p * trend + a * b * err
        level = new_level
    k = int(np.argmin(sse))
    steps = np.cumsum(p[k] ** np.arange(1, horizon + 1))
    return level[k] + steps * trend[k]


FORECASTERS = {"rw_drift": rw_drift, "theta": theta, "damped": damped,
               "autotheta": thetamodels.auto_theta}

#: Lowest level a forecast made on the natural scale may take before the log, as a share of
#: the last value (a straight line can cross zero; a count cannot).
LEVEL_FLOOR = 0.05
#: For a share of a bound, the least distance a forecast made on the share may keep from
#: either bound, as a share of its last distance from it: a straight line closes at most
#: three quarters of the gap. Chosen among 0.05 (the count's floor), 0.25 and 0.5 on the odd
#: halves of two sets of coverage series (``benchmarks/share_floor.py``).
SHARE_FLOOR = 0.25


def to_working(u: np.ndarray, kind: str, last: float) -> np.ndarray:
    """Natural values (counts, or shares of the bound) to the working scale."""
    u = np.asarray(u, dtype=float)
    if kind == "logit":
        # The mirror of a count's floor: a straight line in the share may come no closer to
        # either bound than SHARE_FLOOR of its last distance from it.
        return logit(np.clip(u, SHARE_FLOOR * last, 1 - SHARE_FLOOR * (1 - last)))
    return np.log(np.maximum(u, LEVEL_FLOOR * last))


def combine_points(points: np.ndarray, how: str = COMBINER) -> np.ndarray:
    """Each column's median, or its trimmed mean: the highest and the lowest value left out
    (with at least three values), the rest averaged."""
    points = np.asarray(points, dtype=float)
    if how == "median":
        return np.median(points, axis=0)
    if how != "trimmed":
        raise ValueError(f"how: expected 'trimmed' or 'median'; found {how!r}")
    ordered = np.sort(points, axis=0)
    return (ordered[1:-1] if len(ordered) >= 3 else ordered).mean(axis=0)


def combined(t: np.ndarray, u: np.ndarray, horizon: int, kind: str = "log",
             members: tuple[str, ...] = COMBINATION,
             how: str = COMBINER) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The ``members``' forecasts combined (:func:`combine_points`), on the working scale.

    ``u`` are the natural values: counts (``kind="log"``) or shares of the bound in (0, 1)
    (``kind="logit"``). A member named ``<forecaster>`` is applied to the working-scale
    values (log or logit), one named ``<forecaster>_level`` to ``u`` itself and then mapped
    to the working scale (a share is kept :data:`SHARE_FLOOR` of its last distance from
    either bound, a count above :data:`LEVEL_FLOOR` of its last value). Returns the
    combination and each member's forecast.
    """
    uu = annual_grid(t, u)
    # The history itself is not floored on the logit scale: only straight lines are kept off
    # the bounds (a share may well have grown from a tiny start).
    zz = logit(uu) if kind == "logit" else to_working(uu, kind, uu[-1])
    points = {}
    for name in members:
        if name.endswith("_level"):
            points[name] = to_working(FORECASTERS[name[:-6]](uu, horizon), kind, uu[-1])
        else:
            points[name] = FORECASTERS[name](zz, horizon)
    return combine_points(np.vstack(list(points.values())), how), points
