"""Logistic growth towards an external ceiling: y = K(t) / (1 + exp(-(a + b t)))."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from forecast.models._trend import CeilingTrendModel
from forecast.series import Series


class LogisticTrend(CeilingTrendModel):
    """Logistic curve under an external, growing ceiling ``K(t)``.

    ``y(t) = K(t) / (1 + exp(-(a + b t)))``, fitted by OLS of ``logit(y / K(t))`` on ``t``.
    The ceiling is given, not estimated: a short series that has not yet bent cannot
    identify its own asymptote. Intervals are OLS prediction intervals of the logit,
    mapped back, so they always stay between 0 and the ceiling.

    Parameters
    ----------
    ceiling : Ceiling
        Required, keyword-only; every observation must lie strictly below it.

    Notes
    -----
    Fitted parameters: ``a``, ``b`` (per year), ``sigma`` (residual standard deviation of
    the logit), ``t_mid`` (``-a / b``: when the series reaches half the ceiling),
    ``ceiling_at_last_t``, ``n``.
    """

    name: ClassVar[str] = "logistic"
    min_points: ClassVar[int] = 3

    def transform(self, y: np.ndarray, t: np.ndarray) -> np.ndarray:
        share = y / self._ceiling_at(t)
        return np.log(share) - np.log1p(-share)

    def inverse(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        # 0.5 (1 + tanh(z / 2)) is the logistic function without exp overflow.
        return self._ceiling_at(t) * 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))

    def display_params(self, a: float, b: float, sigma: float, series: Series
                       ) -> dict[str, float]:
        params = super().display_params(a, b, sigma, series)
        params["t_mid"] = -a / b if b != 0 else float("nan")
        return params
