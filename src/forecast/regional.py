"""Partial pooling: a region with little history borrows its growth from the nation.

A region's value is written as its share of the national value, ``x_r(t) = s(t) * X(t)``.
The national value ``X`` is projected by the full model mixture; the region's share drifts
at a log-rate ``b`` that is the region's own deviation from national growth. ``b`` is
estimated from the dates where both are observed (month readings included: the share
cancels the seasonality the two have in common) and shrunk toward zero by a normal prior,

    b | data ~ N(w * b_hat, 1 / (1/tau^2 + 1/v)),   w = tau^2 / (tau^2 + v),

where ``v`` is the sampling variance of ``b_hat`` given a measurement noise of the log share
(concepts and denominators differ between regional tables). With one shared date the region
simply grows with the nation, and its band is wider by the prior on ``b`` and a random walk
in the share. The weights are reported, so a reader sees how much was borrowed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import ModelError
from .series import Series
from .simulate import ModelScore, Projection

#: Prior sd of a region's deviation from national growth (log points per year).
TAU = 0.03
#: Noise of one observed log share (regional tables mix concepts and dates).
SIGMA_OBS = 0.05
#: Year-on-year random-walk noise of the log share beyond its trend.
SIGMA_RW = 0.02


@dataclass(frozen=True)
class Pooling:
    """How much a region's projection borrowed from the nation."""

    pairs: int
    share: float
    b_hat: float | None
    b_post: float
    sd_post: float
    weight_own: float  # w: 0 = all national growth, 1 = all the region's own

    def as_dict(self) -> dict:
        return {"pairs": self.pairs, "share": self.share, "own_deviation": self.b_hat,
                "pooled_deviation": self.b_post, "deviation_sd": self.sd_post,
                "weight_own": self.weight_own, "tau": TAU, "sigma_obs": SIGMA_OBS,
                "sigma_rw": SIGMA_RW}


def _national_at(national: Series, projection: Projection, t: np.ndarray) -> np.ndarray:
    """National values at times ``t`` for every path: observed where known, projected after."""
    n_paths = projection.paths.shape[0]
    out = np.empty((n_paths, t.size))
    for j, tj in enumerate(t):
        if tj <= national.last_t:
            out[:, j] = np.exp(np.interp(tj, national.t, np.log(national.values)))
        else:
            out[:, j] = projection.values_at(float(tj))
    return out


def share_deviation(region: Series, national: Series) -> tuple[int, float, float | None, float]:
    """Shared dates, the last share, the own deviation ``b_hat`` and its sampling variance."""
    common = sorted(set(region.dates) & set(national.dates))
    if not common:
        raise ModelError(f"pooled: {region.label} and {national.label} share no observation "
                         f"date, so the region's share of the national value is unknown")
    r = dict(zip(region.dates, region.values))
    n = dict(zip(national.dates, national.values))
    t = np.array([region.t[region.dates.index(d)] for d in common])
    log_share = np.log([r[d] / n[d] for d in common])
    share = float(np.exp(log_share[-1]))
    if len(common) < 2 or t[-1] - t[0] < 0.5:
        return len(common), share, None, np.inf
    tc = t - t.mean()
    b_hat = float(np.sum(tc * (log_share - log_share.mean())) / np.sum(tc**2))
    sigma = SIGMA_OBS
    if len(common) > 2:
        resid = log_share - log_share.mean() - b_hat * tc
        sigma = max(SIGMA_OBS, float(np.sqrt(np.sum(resid**2) / (len(common) - 2))))
    return len(common), share, b_hat, sigma**2 / float(np.sum(tc**2))


def pooled_projection(region: Series, national: Series, national_projection: Projection,
                      *, horizon: int, n_paths: int, seed: int) -> tuple[Projection, Pooling]:
    """Project a sparse region as a drifting share of the projected national series.

    Parameters
    ----------
    region : Series
        Every observation of the region (year-end and month readings); the projection is
        anchored at its last observation.
    national : Series
        Every observation of the same metric nationally.
    national_projection : Projection
        The national mixture, long enough to cover the region's horizon.
    horizon, n_paths, seed : int
        As in :func:`forecast.simulate.project`.
    """
    if len(region) == 0:
        raise ModelError(f"pooled: no observation of {region.label}")
    pairs, _, b_hat, v = share_deviation(region, national)
    if b_hat is None:
        w, b_post, sd_post = 0.0, 0.0, TAU
    else:
        w = TAU**2 / (TAU**2 + v)
        b_post = w * b_hat
        sd_post = float(np.sqrt(1.0 / (1.0 / TAU**2 + 1.0 / v)))
    rng = np.random.default_rng(seed)
    t = region.last_t + np.arange(1, horizon + 1, dtype=float)
    anchor_nat = _national_at(national, national_projection, np.array([region.last_t]))[0, 0]
    share0 = region.last_value / anchor_nat
    nat = _national_at(national, national_projection, t)
    nat = nat[rng.permutation(nat.shape[0])[:n_paths]] if nat.shape[0] >= n_paths else \
        nat[rng.integers(0, nat.shape[0], n_paths)]
    b = rng.normal(b_post, sd_post, size=(n_paths, 1))
    walk = np.cumsum(rng.normal(0.0, SIGMA_RW, size=(n_paths, horizon)), axis=1)
    steps = (t - region.last_t)[None, :]
    paths = region.last_value * (nat / anchor_nat) * np.exp(b * steps + walk)
    score = ModelScore(name="pooled", fitted=True, weight=1.0, backtest_mse=None,
                       backtest_mape=None, n_origins=0,
                       reason="national mixture times the region's shrunk share trend")
    projection = Projection(series=region, t=t, paths=paths, model_paths={"pooled": paths},
                            scores=(score,), seed=int(seed), equal_weights=False,
                            params={"pooled": {"share": share0, "b_post": b_post}})
    return projection, Pooling(pairs=pairs, share=float(share0), b_hat=b_hat,
                               b_post=float(b_post), sd_post=float(sd_post),
                               weight_own=float(w))
