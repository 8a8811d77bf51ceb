"""The fast fits of ets and arima against statsmodels, and the median-only forecast.

ets and arima keep statsmodels' models and likelihoods but maximise them themselves (see
forecast.models._ets_mle and forecast.models.arima.exact_mle); statsmodels is the oracle:
our ets fit ends where its own fit does on most series, its log-likelihood at our arima
parameters is at least what its own fit reaches, and its forecast at our parameters is our
point forecast.
"""

from __future__ import annotations

import numpy as np
import pytest

from forecast.models import REGISTRY, Ceiling, available_models, get_model
from forecast.models._ets_mle import fit_prefixes
from forecast.models.arima import ARIMADrift, exact_mle
from forecast.models.ets import PARAM_NAMES, DampedETS, damped_point
from forecast.series import Series

CEILING = Ceiling(t0=2024.0, level=150e6, growth=0.02)


def _series(seed: int, n: int, growth: float = 0.06, sd: float = 0.04, ar: float = 0.0,
            damp: float = 1.0) -> Series:
    """A seeded yearly series: log growth with AR(1) noise, the growth fading by ``damp``."""
    rng = np.random.default_rng(seed)
    shocks, steps = rng.normal(0.0, sd, n), np.empty(n)
    for i in range(n):
        steps[i] = growth * damp**i + (ar * (steps[i - 1] - growth * damp**(i - 1))
                                       if i else 0.0) + shocks[i]
    years = np.arange(2024 - n + 1, 2025)
    return Series.from_years(years, 1e6 * np.exp(np.cumsum(steps)), region=f"s{seed}")


CASES = [_series(1, 11), _series(2, 8, sd=0.02), _series(3, 20, growth=0.1, damp=0.85),
         _series(4, 14, growth=-0.02, sd=0.08), _series(5, 30, ar=0.6), _series(6, 6),
         _series(7, 17, growth=0.15, sd=0.01, damp=0.9), _series(8, 25, sd=0.15, ar=-0.4)]


def _statsmodels_ets(series: Series):
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    from forecast.models._statespace import log_endog

    return ETSModel(log_endog(series), error="add", trend="add", damped_trend=True)


def test_ets_fit_agrees_with_statsmodels_fit_on_most_series():
    # Both searches end on a local maximum of a likelihood that is often flat; from the same
    # four starts they end on the same one for most series (95 % of the M3 yearly series to
    # 1 %), not for all: here s7 and s8 (on s7 statsmodels' maximum is higher).
    agree = []
    for series in CASES:
        ours, theirs = DampedETS().fit(series), DampedETS()._fit_statsmodels(series)
        agree.append(np.allclose(ours.point(6), theirs.point(6), rtol=1e-3))
        # sigma is statsmodels' scale (the mean squared one-step error) at our parameters
        vector = np.array([ours.params[n] for n in PARAM_NAMES])
        scale = _statsmodels_ets(series).smooth(vector).scale
        assert ours.params["sigma"] == pytest.approx(np.sqrt(scale), rel=1e-8)
    assert sum(agree) >= 6, agree


@pytest.mark.parametrize("series", CASES[:4], ids=lambda s: s.region)
def test_ets_reported_likelihood_and_forecast_are_statsmodels(series):
    (params, llf, _), = fit_prefixes(np.log(series.values), [len(series)])
    model = _statsmodels_ets(series)
    assert llf == pytest.approx(model.loglike(params), abs=1e-6)
    expected = np.asarray(model.smooth(params).forecast(5), dtype=float)
    np.testing.assert_allclose(damped_point(params, np.log(series.values), 5), expected,
                               rtol=1e-12)


def test_ets_origins_are_the_fits_of_the_shorter_series():
    # The backtest refits all origins in one search; each must be the fit of its own
    # shorter series (a chain's path does not depend on the others in the pass).
    series = CASES[2]
    fit = DampedETS().fit(series)
    trains = [series.drop_last(j) for j in (1, 2, 3)]
    batch = fit.origin_points(trains, [1, 2, 3])
    for train, h, got in zip(trains, [1, 2, 3], batch):
        np.testing.assert_allclose(got, DampedETS().fit(train).point(h), rtol=1e-12)


def test_ets_origin_that_is_not_a_prefix_is_left_to_a_full_fit():
    series = CASES[0]
    other = Series.from_years(np.arange(2014, 2024), series.values[:10] * 1.01,
                              region=series.region)
    assert DampedETS().fit(series).origin_points([other], [1]) == [None]


@pytest.mark.parametrize("series", CASES, ids=lambda s: s.region)
def test_arima_likelihood_is_at_least_statsmodels_own(series):
    ours = ARIMADrift().fit(series)
    theirs = ARIMADrift()._fit_statsmodels(series)
    vector = np.array([ours.params["drift"], ours.params["ar1"], ours.params["sigma2"]])
    assert theirs._results.model.loglike(vector) >= theirs._results.llf - 1e-6
    # the point forecast is statsmodels' predicted mean at our parameters
    expected = np.exp(np.asarray(ours._results.get_forecast(steps=4).predicted_mean))
    np.testing.assert_allclose(ours.point(4), expected, rtol=1e-12)


def test_arima_exact_mle_has_no_answer_without_variation():
    assert exact_mle(np.array([0.05])) is None
    assert exact_mle(np.full(8, 0.05)) is None  # an exactly geometric series
    # ... and the model then falls back to statsmodels' fit
    years = np.arange(2015, 2025)
    fit = ARIMADrift().fit(Series.from_years(years, 1e6 * 1.05 ** np.arange(10),
                                             region="geometric"))
    assert np.isfinite(fit.point(3)).all()


@pytest.mark.parametrize("name", available_models())
def test_point_is_the_median_of_forecast(name):
    kwargs = {"ceiling": CEILING} if REGISTRY[name].needs_ceiling else {}
    fit = get_model(name, **kwargs).fit(CASES[0] if not kwargs else _series(1, 11))
    np.testing.assert_array_equal(fit.point(4), fit.forecast(4)["median"].to_numpy())
