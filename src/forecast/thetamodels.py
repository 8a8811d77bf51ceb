"""The optimised Theta models of Fiorucci et al. (2016), chosen by their in-sample fit.

"Models for optimising the theta method and their relationship to state space models"
(International Journal of Forecasting 32, 1151-1161) writes the Theta method as a state
space model and frees its parameters:

* ``STM``: the standard Theta method (``theta = 2``), a straight line fitted once;
* ``OTM``: the same with ``theta`` fitted;
* ``DSTM``, ``DOTM``: their dynamic forms, whose line is refitted as each value arrives.

The one-step prediction is ``mu_t = l_{t-1} + (1 - 1/theta) * ((1 - alpha)^(t-1) A_{t-1} +
(1 - (1 - alpha)^t) / alpha * B_{t-1})``, with ``l`` the simple exponential smoothing of the
values (weight ``alpha``) and ``A``, ``B`` the intercept and slope of the straight line
through them; forecasts feed ``mu`` back in as the next value. As in ``AutoTheta`` of
statsforecast, the model is the one of the four with the lowest mean squared one-step error,
``alpha`` in [0.1, 0.99] and ``theta`` >= 1. Here the two are fitted on a grid, all at once
in NumPy, and the initial level in closed form: each one-step error is linear in it, with
weight ``(1 - alpha)^t``, so its least-squares value is a ratio of two sums.

It is a candidate member of the engine's centre (:mod:`forecast.combine`, ``autotheta``), not
in the shipped combination: in the sixth round, in place of the standard Theta method on the
values, it won the choice on M3's odd half and the error-table rule on M1 and Tourism, by
small margins, and made our own series' scores worse; ``benchmarks/README.md`` has the
numbers and why it was not taken.
"""

from __future__ import annotations

import numpy as np

#: The grid of the smoothing weight and of theta (statsforecast's bounds: [0.1, 0.99], >= 1).
ALPHAS = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99])
THETAS = np.array([1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 6.0, 10.0, 20.0])
KINDS = ("STM", "OTM", "DSTM", "DOTM")


def _step(state, i, x, alpha, dynamic):
    """The states after value ``x`` at time ``i`` (0-based)."""
    level, mean, a, b = state
    level = alpha * x + (1 - alpha) * level
    new_mean = (i * mean + x) / (i + 1)
    if dynamic:
        b = ((i - 1) * b + 6 * (x - mean) / (i + 1)) / (i + 2)
        a = new_mean - b * (i + 2) / 2
    return level, new_mean, a, b


def _predict(state, i, alpha, theta):
    level, _, a, b = state
    return level + (1 - 1 / theta) * (a * (1 - alpha) ** i
                                      + b * (1 - (1 - alpha) ** (i + 1)) / alpha)


def _start(y, size, init, alpha, dynamic):
    n = len(y)
    if dynamic:
        a, b = np.full(size, y[0]), np.zeros(size)
    else:
        t = np.arange(1, n + 1)
        slope = 6 * (2 * np.mean(t * y) - (1 + n) * np.mean(y)) / (n ** 2 - 1)
        a, b = np.full(size, np.mean(y) - (n + 1) * slope / 2), np.full(size, slope)
    return alpha * y[0] + (1 - alpha) * init, np.full(size, y[0]), a, b


def _errors(y, alpha, theta, dynamic, init):
    """One-step errors at times 1..n-1 (rows) for each parameter pair (columns), and the
    final states."""
    state = _start(y, alpha.size, init, alpha, dynamic)
    errs = np.empty((len(y) - 1, alpha.size))
    for i in range(1, len(y)):
        errs[i - 1] = y[i] - _predict(state, i, alpha, theta)
        state = _step(state, i, y[i], alpha, dynamic)
    return errs, state


def fit(y: np.ndarray) -> tuple[str, float, float, float]:
    """The model (of :data:`KINDS`), ``alpha``, ``theta`` and initial level with the lowest
    mean squared one-step error."""
    y = np.asarray(y, dtype=float)
    n = len(y)
    best = (np.inf, "STM", 0.5, 2.0, y[0] / 2)
    for kind in KINDS:
        thetas = THETAS if kind.endswith("OTM") else np.array([2.0])
        alpha, theta = (g.ravel() for g in np.meshgrid(ALPHAS, thetas))
        raw, _ = _errors(y, alpha, theta, kind.startswith("D"), np.zeros(alpha.size))
        weight = (1 - alpha)[None, :] ** np.arange(1, n)[:, None]
        init = (raw * weight).sum(axis=0) / (weight ** 2).sum(axis=0)
        mse = np.mean((raw - weight * init[None, :]) ** 2, axis=0)
        k = int(np.argmin(mse))
        if mse[k] < best[0]:
            best = (float(mse[k]), kind, float(alpha[k]), float(theta[k]), float(init[k]))
    return best[1:]


def auto_theta(z: np.ndarray, horizon: int) -> np.ndarray:
    """Forecasts ``1..horizon`` steps ahead from the best-fitting of the four models (a
    random walk with drift's below 4 values, too few to choose among them)."""
    z = np.asarray(z, dtype=float)
    n = len(z)
    if n < 4:
        drift = (z[-1] - z[0]) / (n - 1) if n > 1 else 0.0
        return z[-1] + drift * np.arange(1, horizon + 1)
    kind, alpha, theta, init = fit(z)
    one = np.array([alpha])
    _, state = _errors(z, one, np.array([theta]), kind.startswith("D"), np.array([init]))
    out = np.empty(horizon)
    for k in range(horizon):
        out[k] = _predict(state, n + k, alpha, theta)[0]
        state = _step(state, n + k, out[k], alpha, kind.startswith("D"))
    return out
