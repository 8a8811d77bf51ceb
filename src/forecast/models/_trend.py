"""Trend models fitted by OLS of a transformed value on time: z = g(y, t) = a + b t.

Linear (g = y), exponential (g = log y), logistic and Gompertz (g = link of y / K(t)) share
this machinery. Every transform is increasing in y, so quantiles on the transformed scale
map to quantiles of the level and the interval of z maps to the interval of y.
"""

from __future__ import annotations

import abc
import copy
from typing import Any, ClassVar

import numpy as np

from forecast.errors import ModelError, ParameterError
from forecast.models.base import Ceiling, Fit, Model, describe_point
from forecast.series import Series


class TrendFit(Fit):
    """OLS fit of ``z = a + b t`` on a transformed scale, mapped back to levels.

    Forecast intervals are the OLS prediction intervals of a new observation
    (statsmodels ``get_prediction(...).summary_frame``, Student t with n - 2 degrees of
    freedom) mapped back through the inverse transform; the median is the back-transformed
    point prediction.

    Paths carry parameter and noise uncertainty from the same predictive distribution:
    per path, sigma^2 is drawn from its scaled inverse chi-square posterior
    (df * s^2 / chi2(df)), the coefficients from N(estimate, sigma^2 (X'X)^-1), and each
    year's residual from N(0, sigma^2) independently (the model's iid residuals about the
    trend). Each year's marginal is then exactly the t predictive behind the intervals.
    """

    def __init__(self, model: str, series: Series, params: dict[str, float], *,
                 results: Any, t_ref: float, trend_model: TrendModel) -> None:
        super().__init__(model, series, params)
        self._results = results
        self._t_ref = t_ref
        self._trend_model = trend_model

    def _exog(self, t: np.ndarray) -> np.ndarray:
        return np.column_stack([np.ones_like(t), t - self._t_ref])

    def _forecast(self, t: np.ndarray, levels: tuple[float, ...]
                  ) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
        prediction = self._results.get_prediction(self._exog(t))
        inverse = self._trend_model.inverse
        median = inverse(np.asarray(prediction.predicted_mean, dtype=float), t)
        bounds = []
        for level in levels:
            frame = prediction.summary_frame(alpha=1.0 - level)
            bounds.append((inverse(frame["obs_ci_lower"].to_numpy(dtype=float), t),
                           inverse(frame["obs_ci_upper"].to_numpy(dtype=float), t)))
        return median, bounds

    def _point(self, t: np.ndarray) -> np.ndarray:
        # The predicted mean of get_prediction (model.predict), without its intervals.
        results = self._results
        return self._trend_model.inverse(
            np.asarray(results.model.predict(results.params, self._exog(t)), dtype=float), t)

    def _simulate(self, t: np.ndarray, n_paths: int, rng: np.random.Generator) -> np.ndarray:
        results = self._results
        df = float(results.df_resid)
        sigma2 = df * float(results.scale) / rng.chisquare(df, size=n_paths)
        sigma = np.sqrt(sigma2)[:, None]
        chol = np.linalg.cholesky(np.asarray(results.normalized_cov_params, dtype=float))
        beta = np.asarray(results.params, dtype=float) + sigma * (
            rng.standard_normal((n_paths, 2)) @ chol.T)
        noise = sigma * rng.standard_normal((n_paths, t.size))
        z = beta[:, :1] + beta[:, 1:] * (t - self._t_ref) + noise
        return self._trend_model.inverse(z, t)


class TrendModel(Model):
    """Base of the OLS trend models; subclasses define the transform and its inverse."""

    min_points: ClassVar[int] = 3

    @abc.abstractmethod
    def transform(self, y: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Map levels ``y`` at times ``t`` to the scale on which the trend is linear."""

    @abc.abstractmethod
    def inverse(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Map transformed values back to levels (broadcasts ``t`` over paths)."""

    def display_params(self, a: float, b: float, sigma: float, series: Series
                       ) -> dict[str, float]:
        """Parameters shown to users, from intercept ``a`` (at t = 0), slope ``b``, sigma."""
        return {"a": a, "b": b, "sigma": sigma}

    def _fit(self, series: Series) -> Fit:
        import statsmodels.api as sm  # lazy: keeps `import forecast.models` fast

        # Centre time on the last observation: calendar years near 2000 next to a column
        # of ones make X'X ill-conditioned; the intercept at t = 0 is recovered below.
        t_ref = series.last_t
        z = self.transform(series.values, series.t)
        exog = np.column_stack([np.ones_like(series.t), series.t - t_ref])
        results = sm.OLS(z, exog).fit()
        intercept_ref, slope = (float(v) for v in results.params)
        sigma = float(np.sqrt(results.scale))
        params = self.display_params(intercept_ref - slope * t_ref, slope, sigma, series)
        params["n"] = float(len(series))
        # A copy, so that changing this model's hyper-parameters later leaves the fit intact.
        return TrendFit(self.name, series, params, results=results, t_ref=t_ref,
                        trend_model=copy.copy(self))


class CeilingTrendModel(TrendModel):
    """A trend model on ``y / K(t)`` for an external :class:`Ceiling` ``K``.

    Parameters
    ----------
    ceiling : Ceiling
        Required (keyword-only); fitting without one raises ModelError. Every observation
        must lie strictly below it.
    """

    needs_ceiling: ClassVar[bool] = True

    def __init__(self, *, ceiling: Ceiling | None = None) -> None:
        if ceiling is not None and not isinstance(ceiling, Ceiling):
            raise ParameterError(f"{self.name}: ceiling must be a forecast.models.Ceiling "
                                 f"(Ceiling.constant(level) or Ceiling.from_series(series)); "
                                 f"got {type(ceiling).__name__}")
        self.ceiling = ceiling

    def _check(self, series: Series) -> Series:
        data = super()._check(series)
        bound = self._ceiling(series).at(data.t)
        above = np.flatnonzero(data.values >= bound)
        if above.size:
            i = int(above[0])
            raise ModelError(f"{self.name}: series {series.label} has the value "
                             f"{data.values[i]:.6g} at {describe_point(data, i)}, not below "
                             f"the ceiling {bound[i]:.6g}; every value must be below the "
                             f"ceiling")
        return data

    def _ceiling(self, series: Series) -> Ceiling:
        if self.ceiling is None:
            raise ModelError(f"{self.name} needs a ceiling (keyword ceiling=Ceiling...) to fit "
                             f"series {series.label}; got none")
        return self.ceiling

    def _ceiling_at(self, t: np.ndarray) -> np.ndarray:
        # Only reached after _check, which has already required a ceiling.
        if self.ceiling is None:
            raise ModelError(f"{self.name} needs a ceiling (keyword ceiling=Ceiling...)")
        return self.ceiling.at(t)

    def display_params(self, a: float, b: float, sigma: float, series: Series
                       ) -> dict[str, float]:
        return {"a": a, "b": b, "sigma": sigma,
                "ceiling_at_last_t": float(self._ceiling(series).at(series.last_t))}
