"""Linear trend: OLS of the value on time, y = a + b t."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from forecast.models._trend import TrendModel
from forecast.series import Series


class LinearTrend(TrendModel):
    """Straight-line trend ``y = a + b t`` fitted by OLS; constant absolute growth ``b``.

    Intervals are OLS prediction intervals in the series' units. The only model that
    accepts values <= 0 (it takes no logs), so its intervals and paths may go below zero.

    Fitted parameters: ``intercept`` (value at t = 0), ``slope`` (units per year),
    ``sigma`` (residual standard deviation), ``n``.
    """

    name: ClassVar[str] = "linear"
    min_points: ClassVar[int] = 3
    positive_only: ClassVar[bool] = False

    def transform(self, y: np.ndarray, t: np.ndarray) -> np.ndarray:
        return np.asarray(y, dtype=float)

    def inverse(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return np.asarray(z, dtype=float)

    def display_params(self, a: float, b: float, sigma: float, series: Series
                       ) -> dict[str, float]:
        return {"intercept": a, "slope": b, "sigma": sigma}
