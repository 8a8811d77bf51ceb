"""Exponential trend: OLS of log value on time, a constant growth rate."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from forecast.models._trend import TrendModel
from forecast.series import Series


class ExponentialTrend(TrendModel):
    """Log-linear trend ``log y = a + b t`` fitted by OLS; constant growth ``exp(b) - 1``.

    Intervals are OLS prediction intervals on the log scale, exponentiated; the median is
    the exponentiated point prediction (the geometric, not arithmetic, mean).

    Fitted parameters: ``intercept`` (log value at t = 0), ``rate`` (log growth per
    year), ``growth`` (``exp(rate) - 1``, fraction per year), ``sigma`` (residual standard
    deviation of log values), ``n``.
    """

    name: ClassVar[str] = "exponential"
    min_points: ClassVar[int] = 3

    def transform(self, y: np.ndarray, t: np.ndarray) -> np.ndarray:
        return np.log(y)

    def inverse(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return np.exp(z)

    def display_params(self, a: float, b: float, sigma: float, series: Series
                       ) -> dict[str, float]:
        return {"intercept": a, "rate": b, "growth": float(np.expm1(b)), "sigma": sigma}
