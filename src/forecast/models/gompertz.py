"""Gompertz growth towards an external ceiling: y = K(t) exp(-exp(-(a + b t)))."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from forecast.models._trend import CeilingTrendModel


class GompertzTrend(CeilingTrendModel):
    """Gompertz curve under an external, growing ceiling ``K(t)``.

    ``y(t) = K(t) exp(-exp(-(a + b t)))``, fitted by OLS of ``-log(-log(y / K(t)))`` on
    ``t``. Unlike the logistic it is asymmetric: growth slows earlier and approaches the
    ceiling more gradually, as adoption of social insurance often does. Intervals are OLS
    prediction intervals on the transformed scale, mapped back.

    Parameters
    ----------
    ceiling : Ceiling
        Required, keyword-only; every observation must lie strictly below it.

    Notes
    -----
    Fitted parameters: ``a``, ``b`` (per year), ``sigma`` (residual standard deviation on
    the transformed scale), ``ceiling_at_last_t``, ``n``.
    """

    name: ClassVar[str] = "gompertz"
    min_points: ClassVar[int] = 3

    def transform(self, y: np.ndarray, t: np.ndarray) -> np.ndarray:
        return -np.log(-np.log(y / self._ceiling_at(t)))

    def inverse(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        # exp(-z) overflows to inf for very negative z; the level is then exactly 0.
        with np.errstate(over="ignore"):
            return self._ceiling_at(t) * np.exp(-np.exp(-np.asarray(z, dtype=float)))
