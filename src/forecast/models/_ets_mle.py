"""Maximum likelihood of ETS(A,Ad,N) on log values, for a series and its prefixes at once.

The likelihood is statsmodels' (``ETSModel(error="add", trend="add", damped_trend=True)``,
its bounds: ``smoothing_level`` and ``smoothing_trend / smoothing_level`` in
[1e-4, 1 - 1e-4], ``damping_trend`` in [0.8, 0.98], the initial level and trend free):
``-n/2 (log(2 pi s2) + 1)`` with ``s2`` the mean squared one-step error.

Why not statsmodels' own fit: it restarts L-BFGS from four points (short trending series
have poor local optima) and takes about 13 ms a start, so a fit and the three refits of a
display backtest took about 70 ms of a projection's 80 (M3 yearly). Here the one-step errors
are linear in the initial level and trend, so for given smoothing and damping those two
are a least-squares solution (exact), and only three bounded parameters are searched:
a grid, then a pattern search, with every candidate of a step evaluated in one vectorised
pass. The prefixes of a series (the backtest origins) share the pass, because the errors
of a prefix are the first errors of the series.
"""

from __future__ import annotations

import numpy as np

#: Bounds of (smoothing_level, smoothing_trend / smoothing_level, damping_trend).
LOWER = np.array([1e-4, 1e-4, 0.8])
UPPER = np.array([1 - 1e-4, 1 - 1e-4, 0.98])
_GRID = (np.array([0.0, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.75, 0.9, 1.0]),
         np.array([0.0, 0.05, 0.15, 0.3, 0.5, 0.75, 1.0]),
         np.linspace(0.0, 1.0, 7))
#: The pattern search stops when its step is this small (a share of each bound's range).
_TOL = 1e-4
#: The step is divided by this where no neighbour is better.
_SHRINK = 4.0
_PAIRS = ((0, 0, 0, 1, 1, 2), (0, 1, 2, 1, 2, 2))
_STENCIL = np.stack(np.meshgrid([-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0],
                                indexing="ij"), axis=-1).reshape(-1, 3)


def _to_params(u: np.ndarray) -> np.ndarray:
    """Unit-cube coordinates (..., 3) -> (alpha, beta, phi) (..., 3)."""
    x = LOWER + np.clip(u, 0.0, 1.0) * (UPPER - LOWER)
    return np.stack([x[..., 0], x[..., 0] * x[..., 1], x[..., 2]], axis=-1)


def _profile(y: np.ndarray, params: np.ndarray, ends: np.ndarray) -> tuple:
    """Profiled -log-likelihood (to a constant) of each candidate at each prefix end.

    ``params`` (G, 3) as (alpha, beta, phi); ``ends`` the prefix lengths. Returns ``(nll,
    initial)``, shapes (len(ends), G) and (len(ends), G, 2): the initial level and trend
    that minimise each candidate's squared errors.
    """
    alpha, beta, phi = (params[:, k] for k in range(3))
    g = params.shape[0]
    # Three channels of the (linear) recursion: the data with zero initial states, and the
    # response to a unit initial level and to a unit initial trend with zero data.
    level = np.zeros((3, g))
    level[1] = 1.0
    trend = np.zeros((3, g))
    trend[2] = 1.0
    errors = np.empty((y.size, 3, g))
    data = np.zeros((3, 1))
    for t in range(y.size):
        predicted = level + phi * trend
        data[0, 0] = y[t]
        error = data - predicted
        errors[t] = error
        level = predicted + alpha * error
        trend = phi * trend + beta * error
    # The sums of products up to each end: sums over the segments between sorted ends,
    # accumulated (a cumulative sum over every step cost a third of the pass).
    order = np.argsort(ends)
    cuts = np.concatenate([[0], ends[order][:-1]])
    used = errors[:ends.max()]
    segments = np.empty((cuts.size, 6, g))
    for k, (a, b) in enumerate(zip(*_PAIRS)):  # plain slices: fancy indexing was 8x slower
        segments[:, k] = np.add.reduceat(used[:, a] * used[:, b], cuts, axis=0)
    segments[:-1][cuts[:-1] == cuts[1:]] = 0.0  # equal ends: an empty segment
    sums = np.empty_like(segments)
    sums[order] = np.cumsum(segments, axis=0)
    s00, s01, s02, s11, s12, s22 = (sums[:, k] for k in range(6))
    det = s11 * s22 - s12**2
    with np.errstate(divide="ignore", invalid="ignore"):
        c1 = (-s01 * s22 + s02 * s12) / det
        c2 = (-s02 * s11 + s01 * s12) / det
        sse = s00 + c1 * s01 + c2 * s02
        nll = 0.5 * ends[:, None] * np.log(np.maximum(sse, 1e-300) / ends[:, None])
    nll = np.where(np.isfinite(nll) & (det > 0), nll, np.inf)
    return nll, np.stack([c1, c2], axis=-1)


def fit_prefixes(log_values: np.ndarray, ends) -> list[tuple[np.ndarray, float, float] | None]:
    """Maximum-likelihood parameters for each prefix ``log_values[:end]`` of ``ends``.

    Returns, per end, ``(params, llf, sigma2)`` with ``params`` in statsmodels' order
    (smoothing_level, smoothing_trend, damping_trend, initial_level, initial_trend),
    ``llf`` statsmodels' log-likelihood and ``sigma2`` the mean squared one-step error (its
    ``scale``), or None where no candidate had a finite likelihood.
    """
    y = np.asarray(log_values, dtype=float)
    ends = np.asarray(ends, dtype=int)
    grid = np.stack(np.meshgrid(*_GRID, indexing="ij"), axis=-1).reshape(-1, 3)
    nll, _ = _profile(y, _to_params(grid), ends)
    # A pattern search from each of the best few grid points of each prefix (chains), all
    # chains' candidates in one pass; each prefix keeps its best chain.
    # The best two, and the best with the least and with the most smoothing: short series
    # often have their optimum in a narrow basin at either end of smoothing_level.
    edges = [np.flatnonzero(grid[:, 0] == 0.0), np.flatnonzero(grid[:, 0] == 1.0)]
    top = np.column_stack([np.argsort(nll, axis=1)[:, :2]]
                          + [e[np.argmin(nll[:, e], axis=1)] for e in edges])
    owner = np.repeat(np.arange(ends.size), top.shape[1])
    centre = grid[top.ravel()]
    value = nll[owner, top.ravel()]
    step = np.tile([0.1, 0.15, 1 / 6], (owner.size, 1))
    k = _STENCIL.shape[0]
    # A chain stops once its step is below _TOL in every coordinate; the others go on. A
    # chain's path depends on its own candidates only, so a prefix gets the same answer
    # whichever other prefixes share the passes.
    for _ in range(80):
        active = np.flatnonzero(np.any(step >= _TOL, axis=1))
        if active.size == 0:
            break
        cand = np.clip(centre[active, None, :] + _STENCIL[None] * step[active, None, :],
                       0.0, 1.0)
        nll, _ = _profile(y, _to_params(cand.reshape(-1, 3)), ends)
        rows = np.arange(active.size)
        own = nll[owner[active][:, None], rows[:, None] * k + np.arange(k)[None, :]]
        pick = np.argmin(own, axis=1)
        found = own[rows, pick]
        better = found < value[active] - 1e-13
        centre[active] = np.where(better[:, None], cand[rows, pick], centre[active])
        value[active] = np.where(better, found, value[active])
        step[active] = np.where(better[:, None], step[active], step[active] / _SHRINK)
    chosen = np.array([np.flatnonzero(owner == i)[np.argmin(value[owner == i])]
                       for i in range(ends.size)])
    centre = centre[chosen]
    nll, initial = _profile(y, _to_params(centre), ends)
    out: list[tuple[np.ndarray, float, float] | None] = []
    for i, m in enumerate(ends):
        if not np.isfinite(nll[i, i]):
            out.append(None)
            continue
        smoothing = _to_params(centre[i])
        llf = -nll[i, i] - 0.5 * m * (np.log(2 * np.pi) + 1)
        sigma2 = float(np.exp(2.0 * nll[i, i] / m))
        out.append((np.concatenate([smoothing, initial[i, i]]), float(llf), sigma2))
    return out
