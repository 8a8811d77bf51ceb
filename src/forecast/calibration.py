"""The calibrated spread of the combined forecast: a table of standardised forecast errors.

The combined point forecast (:mod:`forecast.simulate`) is a median of the models' point
forecasts on a scale-free working scale ``z``: the log of a count, or the logit of a share
of its bound (participants over their ceiling, coverage over 100 %). Its spread does not
come from any one model's own error model: it is the empirical distribution of the
combination's past forecast errors, measured by rolling origin on the yearly series of three
forecasting competitions (M3: 645, M1: 181, Tourism: 518) and pooled across them. Each error
trajectory is

    e_h = (z_{T+h} - zhat_{T+h|T}) / s_T,   h = 1..H,

standardised by the series' own scale at the origin, ``s_T`` = the mean absolute yearly
change of ``z`` over the last (up to) :data:`SCALE_WINDOW` years before ``T`` (the in-sample
naive error that MASE divides by, on the log scale). Dividing by it makes errors of a
fast-growing young series and of a slow mature one comparable.

A forecast's paths are ``zhat_h + s_T * e_h`` with whole trajectories ``e`` drawn from the
table, so the horizons of one path stay correlated as real errors are. Beyond ``H`` years a
trajectory is stretched as ``e_H * (h / H) ** a``, with ``a`` the growth of the table's
spread from 1 to ``H`` years (a log-log slope). The table ships as package data
(``forecast/_data/yearly_errors.csv``), rebuilt by
``benchmarks/build_error_table.py``; its header names the source and the settings.
"""

from __future__ import annotations

import functools
from importlib import resources

import numpy as np
from scipy.special import ndtri

#: Years of history (yearly changes) behind a series' scale.
SCALE_WINDOW = 10
#: Floor on the scale, in log points: a series that never moved still has some uncertainty.
SCALE_FLOOR = 0.005
#: Shares are kept in [SHARE_EPS, 1 - SHARE_EPS] before a logit (a model's point forecast at
#: or above the bound is read as "almost at the bound").
SHARE_EPS = 1e-4
#: Relative bandwidth of the small Gaussian jitter added to resampled trajectories, so the
#: probabilities are smooth in the target rather than steps of one trajectory.
JITTER = 0.1

TABLE_RESOURCE = "yearly_errors.csv"


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=float), SHARE_EPS, 1.0 - SHARE_EPS)
    return np.log(p) - np.log1p(-p)


def expit(z: np.ndarray) -> np.ndarray:
    # Clipped so a far-off z gives 0 or 1 without an overflow warning (exp(709) is the most
    # a float holds).
    return 1.0 / (1.0 + np.exp(-np.clip(np.asarray(z, dtype=float), -700.0, 700.0)))


def scale_of(z: np.ndarray) -> float:
    """Mean absolute yearly change of ``z`` over its last :data:`SCALE_WINDOW` changes."""
    z = np.asarray(z, dtype=float)
    d = np.abs(np.diff(z[-(SCALE_WINDOW + 1):]))
    d = d[np.isfinite(d)]
    if d.size == 0:
        return SCALE_FLOOR * 4
    return max(float(np.mean(d)), SCALE_FLOOR)


def parse_table(text: str) -> np.ndarray:
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    body = [list(map(float, r.split(","))) for r in rows[1:]]
    return np.asarray(body, dtype=float)


@functools.lru_cache(maxsize=4)
def load_table(path: str | None = None) -> np.ndarray:
    """The shipped error table: standardised error trajectories, shape (n, H)."""
    if path is None:
        text = resources.files("forecast").joinpath("_data", TABLE_RESOURCE).read_text()
    else:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    table = parse_table(text)
    table = table[np.all(np.isfinite(table), axis=1)]
    table.setflags(write=False)
    return table


def spread_exponent(table: np.ndarray) -> float:
    """Log-log slope of the table's spread (80 % width) from 1 to H years ahead."""
    h = np.arange(1, table.shape[1] + 1)
    width = np.quantile(table, 0.9, axis=0) - np.quantile(table, 0.1, axis=0)
    slope = np.polyfit(np.log(h), np.log(np.maximum(width, 1e-9)), 1)[0]
    return float(np.clip(slope, 0.5, 1.5))


def extend(table: np.ndarray, horizon: int) -> np.ndarray:
    """Trajectories over ``horizon`` years (cut, or stretched past the table's H)."""
    big_h = table.shape[1]
    if horizon <= big_h:
        return table[:, :horizon]
    a = spread_exponent(table)
    extra = np.arange(big_h + 1, horizon + 1) / big_h
    return np.column_stack([table, table[:, -1:] * extra[None, :] ** a])


def draw(table: np.ndarray, horizon: int, n_paths: int, rng: np.random.Generator) -> np.ndarray:
    """``n_paths`` standardised error trajectories over ``horizon`` years.

    Stratified, so that the seed hardly matters: every trajectory of the table is used
    ``n_paths // n`` times, and the remaining paths take a systematic sample (random start,
    even steps) of the trajectories ordered by their last error, so the spread at the far
    horizon is represented evenly. A small Gaussian jitter (:data:`JITTER` of each
    horizon's sd) smooths the probabilities; the rows are shuffled.
    """
    full = extend(table, horizon)
    n = full.shape[0]
    whole, rest = divmod(n_paths, n)
    parts = [np.tile(np.arange(n), whole)]
    if rest:
        order = np.argsort(full[:, -1], kind="stable")
        step = n / rest
        parts.append(order[np.floor(rng.uniform(0, step) + step * np.arange(rest)).astype(int)])
    idx = rng.permutation(np.concatenate(parts))
    out = full[idx]
    sd = np.std(full, axis=0)
    # Stratified (Latin hypercube) normal draws: each horizon's jitter has exactly the
    # normal's quantiles up to a uniform shift within each stratum, so the seed moves the
    # probabilities far less than plain normal draws would.
    strata = np.argsort(rng.random(out.shape), axis=0)
    noise = ndtri((strata + rng.uniform(size=out.shape)) / n_paths)
    return out + JITTER * sd[None, :] * noise
