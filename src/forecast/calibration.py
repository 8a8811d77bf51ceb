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

    e_h = (z_{T+h} - zhat_{T+h|T}) / (s_T ** b_h * v_T ** c_h),   h = 1..H,

standardised by two measures of the series' own history at the origin, over the last (up
to) :data:`SCALE_WINDOW` yearly changes of ``z`` before ``T``:

* the *scale* ``s_T``, the mean absolute yearly change (the in-sample naive error that MASE
  divides by, on the log scale): how fast the series moves;
* the *volatility* ``v_T``, the mean absolute deviation of those changes from their mean
  (:func:`volatility_of`): how unevenly it moves. A steady climber has a large scale and a
  small volatility; its drift is easy to extrapolate one or two years ahead.

Dividing by them makes errors of a fast-growing young series, a slow mature one, a smooth
one and a jumpy one comparable. The exponents say how errors grow with each. ``b_h`` and
``c_h`` come from a median regression of the log absolute error on the log scale and the log
volatility over the calibration set (:func:`fit_two_exponents`): the volatility carries most
of it one year ahead (``c_1`` 0.59, ``b_1`` 0.28), the scale most of it six years ahead
(``b_6`` 0.54, ``c_6`` 0.19), as a steady trend's own breaks take over from year-to-year
noise. ``b_h + c_h`` is 0.73-0.88: errors grow with the size of a series' moves, but less than
in proportion (with the scale alone and ``b_h = 1`` the most volatile competition series got
95 % bands tens of thousands of times their last value). On the three sets, scored
cross-fitted, the volatility lowered CRPS and the interval score on each against the scale
alone (``benchmarks/table_variants.py``); the choice rule, fixed before M3 was scored, took it.

A forecast's paths are ``zhat_h + s_T ** b_h * v_T ** c_h * e_h`` with whole trajectories
``e`` drawn from the table, so the horizons of one path stay correlated as real errors are.
Beyond ``H`` years a trajectory is stretched as ``e_H * (h / H) ** a``, with ``a`` the growth
of the table's spread from 1 to ``H`` years (a log-log slope), and ``b_h = b_H``,
``c_h = c_H``. The table ships as package data (``forecast/_data/yearly_errors.csv``),
rebuilt by ``benchmarks/build_error_table.py``; its header names the source, the settings
and both sets of exponents.
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


#: Fewest yearly changes behind a volatility: the competition trajectories the table was
#: built from had at least 5. A shorter history gets at least its scale as its volatility.
VOL_MIN_CHANGES = 5


def volatility_of(z: np.ndarray) -> float:
    """Mean absolute deviation of ``z``'s yearly changes from their mean (last window).

    A steady climber's changes hardly deviate from their mean, so this is small where
    :func:`scale_of` is large: it tells a smooth trend from a jumpy one. With fewer than
    :data:`VOL_MIN_CHANGES` changes it is at least the scale, because a few changes say
    little about how smooth a series is.
    """
    z = np.asarray(z, dtype=float)
    d = np.diff(z[-(SCALE_WINDOW + 1):])
    d = d[np.isfinite(d)]
    if d.size == 0:
        return SCALE_FLOOR * 4
    vol = max(float(np.mean(np.abs(d - np.mean(d)))), SCALE_FLOOR)
    return max(vol, scale_of(z)) if d.size < VOL_MIN_CHANGES else vol


#: The header line of the table file that carries the exponents ``b_h``.
EXPONENTS_TAG = "# exponents:"
#: ... and the one that carries the volatility exponents ``c_h``.
VOL_EXPONENTS_TAG = "# volatility exponents:"


@dataclasses.dataclass(frozen=True)
class ErrorTable:
    """Standardised error trajectories (n, H) and the exponents of each horizon's spread.

    ``exponents`` are ``b_h`` (of the scale); ``vol_exponents``, when present, are ``c_h``
    (of the volatility), and a forecast's spread is ``scale ** b_h * vol ** c_h``.
    """

    errors: np.ndarray
    exponents: np.ndarray
    vol_exponents: np.ndarray | None = None

    @property
    def shape(self) -> tuple[int, int]:
        return self.errors.shape

    def spread(self, scale: float, horizon: int, vol: float | None = None) -> np.ndarray:
        """``scale ** b_h * vol ** c_h`` for ``h = 1..horizon`` (``b_H``, ``c_H`` beyond)."""

        def upto(x):
            return np.concatenate([x, np.full(max(0, horizon - x.size), x[-1])])[:horizon]

        out = float(scale) ** upto(self.exponents)
        if self.vol_exponents is not None:
            if vol is None:
                raise ValueError("this error table needs the series' volatility")
            out = out * float(vol) ** upto(self.vol_exponents)
        return out


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


def fit_two_exponents(raw: np.ndarray, scales: np.ndarray,
                      vols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per horizon, ``b_h`` and ``c_h`` of ``|error| ~ scale ** b_h * vol ** c_h``.

    A median (least absolute deviations) regression of ``log |error|`` on ``log scale`` and
    ``log vol`` over the rows observed at that horizon, the two-factor form of
    :func:`fit_exponents`: a median, so a few wild series do not decide it.
    """
    raw = np.asarray(raw, dtype=float)
    ls, lv = np.log(np.asarray(scales, dtype=float)), np.log(np.asarray(vols, dtype=float))
    b, c = [], []
    for h in range(raw.shape[1]):
        ok = np.isfinite(raw[:, h]) & (raw[:, h] != 0)
        x = np.column_stack([np.ones(ok.sum()), ls[ok], lv[ok]])
        coef = _median_regression(x, np.log(np.abs(raw[ok, h])))
        b.append(coef[1])
        c.append(coef[2])
    return np.asarray(b, dtype=float), np.asarray(c, dtype=float)


def _median_regression(x: np.ndarray, y: np.ndarray, iters: int = 100) -> np.ndarray:
    """Least absolute deviations by iteratively reweighted least squares."""
    coef = np.linalg.lstsq(x, y, rcond=None)[0]
    for _ in range(iters):
        w = np.sqrt(1.0 / np.maximum(np.abs(y - x @ coef), 1e-4))
        new = np.linalg.lstsq(x * w[:, None], y * w, rcond=None)[0]
        if np.max(np.abs(new - coef)) < 1e-9:
            return new
        coef = new
    return coef


def parse_table(text: str) -> ErrorTable:
    lines = text.splitlines()

    def tagged(tag):
        found = [line[len(tag):] for line in lines if line.startswith(tag)]
        return np.asarray(list(map(float, found[0].split(","))), dtype=float) if found else None

    rows = [line for line in lines if line and not line.startswith("#")]
    body = np.asarray([list(map(float, r.split(","))) for r in rows[1:]], dtype=float)
    exponents = tagged(EXPONENTS_TAG)
    return ErrorTable(errors=body,
                      exponents=np.ones(body.shape[1]) if exponents is None else exponents,
                      vol_exponents=tagged(VOL_EXPONENTS_TAG))


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
    return ErrorTable(errors=errors, exponents=table.exponents,
                      vol_exponents=table.vol_exponents)


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
                  rng: np.random.Generator, vol: float | None = None) -> np.ndarray:
    """Error paths on the working scale: the spread (:meth:`ErrorTable.spread`) times
    :func:`draw`'s trajectories."""
    table = as_table(table)
    return (table.spread(scale, horizon, vol)[None, :]
            * draw(table.errors, horizon, n_paths, rng))


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
    return out + JITTER * sd[None, :] * neighbour_strata(out, rng)


#: Paths whose jitter is stratified together: neighbours in each horizon's order of errors.
JITTER_BLOCK = 16


def neighbour_strata(out: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Standard normal jitter for the paths ``out``, stratified among neighbours.

    In each column, the paths in order of their error fall in blocks of
    :data:`JITTER_BLOCK`; each block holds one draw in each of its equally likely strata of
    the normal, in a random order. Every path's jitter is still a standard normal draw,
    independent of its error, but the paths near any threshold are pushed across it in
    balance. Over 30 seeds of :func:`draw` at 5,000 paths, the largest standard deviation of
    a probability at the table's 10, 57 and 97 % points fell from 0.31 to 0.22 points (the
    rest is which trajectories fill the paths beyond the table's rows).
    """
    m = out.shape[0]
    block = np.arange(m) // JITTER_BLOCK
    size = np.bincount(block)[block]  # the last block may be short
    noise = np.empty(out.shape)
    for j in range(out.shape[1]):
        by_error = np.argsort(out[:, j], kind="stable")
        # Sorting block + a random key in [0, 1) orders each block at random: the i-th of
        # that order takes stratum i - start of its block.
        shuffled = np.argsort(block + rng.random(m), kind="stable")
        stratum = np.empty(m)
        stratum[shuffled] = np.arange(m) - block * JITTER_BLOCK
        noise[by_error, j] = ndtri((stratum + rng.uniform(size=m)) / size)
    return noise


def stratified_normal(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """Standard normal draws of ``shape``, stratified down each column (Latin hypercube).

    Each column holds one draw in each of its ``shape[0]`` equally likely strata, at a
    uniform place within it, in a random order: the normal's quantiles, so the seed moves a
    probability far less than plain draws would (two seeds apart by more than 1 point was
    the issue), while the columns stay independent of one another.
    """
    strata = np.argsort(rng.random(shape), axis=0)
    return ndtri((strata + rng.uniform(size=shape)) / shape[0])
