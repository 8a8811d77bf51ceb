"""The calibrated spread of the combined forecast: a table of standardised forecast errors.

The combined point forecast (:mod:`forecast.simulate`) is a median of the models' point
forecasts on a scale-free working scale ``z``: the log of a count, or the logit of a share
of its bound (participants over their ceiling, coverage over 100 %). Its spread does not
come from any one model's own error model: it is the empirical distribution of the
combination's past forecast errors on the yearly series of three forecasting competitions
(M3: 645, M1: 181, Tourism: 518), pooled across them. The trajectories come from rolling
origins inside each series' training part; they are then mapped, horizon by horizon, so that
their levels hold on a *calibration set* of forecasts made as the product makes them, from a
series' whole history: each series' latest training origin and its forecast of the
competition's held-out years (``benchmarks/build_error_table.py``). The map keeps the
calibration errors' median, so the table is not centred on zero: the combination's typical
miss there (too low one year ahead on M3 and M1) is carried into the paths. Each error
trajectory is

    e_h = (z_{T+h} - zhat_{T+h|T}) / s_T ** b_h,   h = 1..H,

standardised by the series' own scale at the origin, ``s_T`` = the mean absolute yearly
change of ``z`` over the last (up to) :data:`SCALE_WINDOW` years before ``T`` (the in-sample
naive error that MASE divides by, on the log scale), raised to an exponent ``b_h``. Dividing
by it makes errors of a fast-growing young series and of a slow mature one comparable.

The exponents say how errors grow with the scale. Errors do not grow in proportion to it
(``b_h = 1``): a series that jumps by half its size from year to year misses by less than
that multiple of a calm series' miss, and less so the further ahead (its jumps partly undo
each other). ``b_h`` is the slope of the log of the median absolute error against the log of
the scale, over ten groups of the calibration set's errors by scale (:func:`fit_exponents`;
1.02 one year ahead, 0.81-0.89 two to six years ahead). With ``b_h = 1`` the most volatile
competition series got 95 % bands tens of thousands of times their last value.

A forecast's paths are ``zhat_h + s_T ** b_h * e_h`` with whole trajectories ``e`` drawn
from the table, so the horizons of one path stay correlated as real errors are. Beyond ``H`` years a
trajectory is stretched as ``e_H * (h / H) ** a``, with ``a`` the growth of the table's
spread from 1 to ``H`` years (a log-log slope), and ``b_h = b_H``. The table ships as package data
(``forecast/_data/yearly_errors.csv``), rebuilt by
``benchmarks/build_error_table.py``; its header names the source and the settings.
"""

from __future__ import annotations

import dataclasses
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


#: The header line of the table file that carries the exponents ``b_h``.
EXPONENTS_TAG = "# exponents:"


@dataclasses.dataclass(frozen=True)
class ErrorTable:
    """Standardised error trajectories (n, H) and the scale exponent of each horizon."""

    errors: np.ndarray
    exponents: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return self.errors.shape

    def spread(self, scale: float, horizon: int) -> np.ndarray:
        """``scale ** b_h`` for ``h = 1..horizon`` (``b_H`` beyond the table)."""
        b = self.exponents
        b = np.concatenate([b, np.full(max(0, horizon - b.size), b[-1])])[:horizon]
        return float(scale) ** b


def as_table(table) -> ErrorTable:
    """An :class:`ErrorTable`; a bare array of trajectories gets exponents of 1."""
    if isinstance(table, ErrorTable):
        return table
    errors = np.asarray(table, dtype=float)
    return ErrorTable(errors=errors, exponents=np.ones(errors.shape[1]))


def fit_exponents(raw: np.ndarray, scales: np.ndarray, groups: int = 10) -> np.ndarray:
    """Per horizon, the slope of log median |error| against log scale, over scale groups.

    ``raw`` are the unstandardised errors (n, H) on the working scale and ``scales`` each
    trajectory's ``s_T``. The trajectories are cut into ``groups`` of equal count by scale;
    the slope is fitted through the groups' medians, so a few wild series do not decide it.
    """
    raw, ls = np.asarray(raw, dtype=float), np.log(np.asarray(scales, dtype=float))
    if np.unique(ls).size < groups:  # too few distinct scales to fit a slope: proportional
        return np.ones(raw.shape[1])
    edges = np.quantile(ls, np.linspace(0, 1, groups + 1))
    idx = np.clip(np.digitize(ls, edges) - 1, 0, groups - 1)
    mx = np.array([np.median(ls[idx == k]) for k in range(groups)])
    out = []
    for h in range(raw.shape[1]):
        my = np.array([np.log(max(np.median(np.abs(raw[idx == k, h])), 1e-12))
                       for k in range(groups)])
        out.append(np.polyfit(mx, my, 1)[0])
    return np.asarray(out, dtype=float)


def parse_table(text: str) -> ErrorTable:
    lines = text.splitlines()
    exps = [line[len(EXPONENTS_TAG):] for line in lines if line.startswith(EXPONENTS_TAG)]
    rows = [line for line in lines if line and not line.startswith("#")]
    body = np.asarray([list(map(float, r.split(","))) for r in rows[1:]], dtype=float)
    exponents = (np.asarray(list(map(float, exps[0].split(","))), dtype=float) if exps
                 else np.ones(body.shape[1]))
    return ErrorTable(errors=body, exponents=exponents)


@functools.lru_cache(maxsize=4)
def load_table(path: str | None = None) -> ErrorTable:
    """The shipped error table: standardised error trajectories (n, H) and exponents."""
    if path is None:
        text = resources.files("forecast").joinpath("_data", TABLE_RESOURCE).read_text()
    else:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    table = parse_table(text)
    errors = table.errors[np.all(np.isfinite(table.errors), axis=1)]
    errors.setflags(write=False)
    return ErrorTable(errors=errors, exponents=table.exponents)


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


def scaled_errors(scale: float, table, horizon: int, n_paths: int,
                  rng: np.random.Generator) -> np.ndarray:
    """Error paths on the working scale: ``s ** b_h`` times :func:`draw`'s trajectories."""
    table = as_table(table)
    return table.spread(scale, horizon)[None, :] * draw(table.errors, horizon, n_paths, rng)


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
