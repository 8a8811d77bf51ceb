"""Tests of forecast.models: one contract test over every model, then known answers.

Every random input comes from a fixed seed. Reference numbers are computed here from the
models' formulas, not pasted.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from forecast.errors import ModelError, ParameterError
from forecast.models import REGISTRY, Ceiling, available_models, get_model
from forecast.models.base import SIMULATED_FORECAST_SEED, Fit, level_label
from forecast.series import Series

N_PATHS = 2000
YEARS = np.arange(2014, 2025)
# A ceiling well above the series that grows 2 %/yr, like a working population.
CEILING = Ceiling(t0=2024.0, level=150e6, growth=0.02)


def noisy_growth_series() -> Series:
    """11 year-ends of ~9 %/yr growth from 17M, log noise sd 3 %, fixed seed."""
    rng = np.random.default_rng(20240101)
    log_noise = rng.normal(0.0, 0.03, YEARS.size)
    values = 17.0e6 * np.exp(0.09 * (YEARS - YEARS[0]) + log_noise)
    return Series.from_years(YEARS, values, region="national", metric="active_total")


def make_model(name: str, **kwargs):
    if REGISTRY[name].needs_ceiling:
        kwargs.setdefault("ceiling", CEILING)
    return get_model(name, **kwargs)


@pytest.fixture(scope="module")
def series() -> Series:
    return noisy_growth_series()


@pytest.fixture(scope="module", params=available_models())
def fitted(request, series) -> Fit:
    return make_model(request.param).fit(series)


# --------------------------------------------------------------------------- contract


def test_fit_attributes(fitted, series):
    assert fitted.model in REGISTRY
    assert fitted.series.last_t == series.last_t
    assert fitted.params and all(isinstance(v, float) and np.isfinite(v)
                                 for v in fitted.params.values())


def test_forecast_frame(fitted, series):
    frame = fitted.forecast(4, levels=(0.8, 0.95))
    assert list(frame.columns) == ["median", "lower_80", "upper_80", "lower_95", "upper_95"]
    assert frame.index.name == "t"
    assert frame.index.dtype == float
    np.testing.assert_array_equal(frame.index.to_numpy(), series.last_t + np.arange(1, 5))
    values = frame.to_numpy()
    assert np.all(np.isfinite(values)) and np.all(values > 0)
    assert np.all(frame["lower_95"] <= frame["lower_80"])
    assert np.all(frame["lower_80"] <= frame["median"])
    assert np.all(frame["median"] <= frame["upper_80"])
    assert np.all(frame["upper_80"] <= frame["upper_95"])


def test_forecast_default_level(fitted):
    assert list(fitted.forecast(1).columns) == ["median", "lower_80", "upper_80"]


def test_forecast_levels_from_an_array(fitted):
    frame = fitted.forecast(1, levels=np.array([0.5, 0.9]))
    assert list(frame.columns) == ["median", "lower_50", "upper_50", "lower_90", "upper_90"]


def test_simulate_shape_and_reproducibility(fitted):
    paths = fitted.simulate(3, N_PATHS, np.random.default_rng(7))
    assert paths.shape == (N_PATHS, 3)
    assert np.all(np.isfinite(paths))
    np.testing.assert_array_equal(paths, fitted.simulate(3, N_PATHS, np.random.default_rng(7)))
    assert not np.array_equal(paths, fitted.simulate(3, N_PATHS, np.random.default_rng(8)))


def test_simulate_single_path(fitted):
    assert fitted.simulate(1, 1, np.random.default_rng(0)).shape == (1, 1)


def test_simulation_agrees_with_forecast(fitted):
    horizon = 2
    frame = fitted.forecast(horizon)
    lower, median, upper = frame.iloc[-1][["lower_80", "median", "upper_80"]]
    paths = fitted.simulate(horizon, N_PATHS, np.random.default_rng(11))[:, -1]
    p10, p50, p90 = np.quantile(paths, [0.1, 0.5, 0.9])
    assert lower <= p50 <= upper
    width = upper - lower
    # Loose: the paths must express the same uncertainty as the interval, give or take
    # Monte Carlo error and (for statsmodels models) its own simulation scheme.
    assert 0.5 * width <= p90 - p10 <= 1.5 * width
    assert abs(p10 - lower) <= 0.5 * width
    assert abs(p90 - upper) <= 0.5 * width


@pytest.mark.parametrize("name", available_models())
def test_too_short_series(name, series):
    model = make_model(name)
    short = series.drop_last(len(series) - model.min_points + 1)
    with pytest.raises(ModelError) as info:
        model.fit(short)
    message = str(info.value)
    assert name in message and series.label in message
    assert str(model.min_points) in message


@pytest.mark.parametrize("name", available_models())
def test_minimum_length_fits(name, series):
    model = make_model(name)
    fit = model.fit(series.drop_last(len(series) - model.min_points))
    assert np.all(np.isfinite(fit.forecast(2).to_numpy()))


@pytest.mark.parametrize("name", available_models())
@pytest.mark.parametrize("bad", [0.0, -5.0])
def test_non_positive_values(name, bad, series):
    values = series.values.copy()
    values[-3] = bad
    broken = Series.from_years(YEARS, values, region="national", metric="active_total")
    model = make_model(name)
    if not model.positive_only:
        assert np.all(np.isfinite(model.fit(broken).forecast(2).to_numpy()))
        return
    with pytest.raises(ModelError, match=rf"{name}: series national/active_total .*> 0"):
        model.fit(broken)


@pytest.mark.parametrize("name", available_models())
def test_non_finite_values(name, series):
    values = series.values.copy()
    values[-2] = np.nan
    broken = Series.from_years(YEARS, values, region="national", metric="active_total")
    with pytest.raises(ModelError, match=rf"{name}: .*non-finite value nan at 2023-12-31"):
        make_model(name).fit(broken)


@pytest.mark.parametrize("kwargs", [{"horizon": 0}, {"horizon": -1}, {"horizon": 1.5},
                                    {"n_paths": 0}, {"n_paths": True}])
def test_bad_simulate_arguments(fitted, kwargs):
    arguments = {"horizon": 2, "n_paths": 10, "rng": np.random.default_rng(0)} | kwargs
    (name, value), = kwargs.items()
    with pytest.raises(ParameterError, match=rf"{name} must be an integer >= 1; got {value}"):
        fitted.simulate(**arguments)


def test_bad_forecast_arguments(fitted):
    with pytest.raises(ParameterError, match="horizon must be an integer >= 1; got 0"):
        fitted.forecast(0)
    with pytest.raises(ParameterError, match="levels"):
        fitted.forecast(2, levels=(1.2,))
    with pytest.raises(ParameterError, match="levels"):
        fitted.forecast(2, levels=())
    with pytest.raises(ParameterError, match="duplicate"):
        fitted.forecast(2, levels=(0.8, 0.801))


def test_rng_must_be_a_generator(fitted):
    with pytest.raises(ParameterError, match="rng"):
        fitted.simulate(2, 10, 42)


# --------------------------------------------------------------------------- known answers


def test_linear_exact():
    years = np.arange(2015, 2024)
    fit = get_model("linear").fit(Series.from_years(years, 2.0 + 3.0 * years))
    assert fit.params["slope"] == pytest.approx(3.0, rel=1e-12)
    assert fit.params["intercept"] == pytest.approx(2.0, abs=1e-6)
    frame = fit.forecast(3)
    expected = 2.0 + 3.0 * (2023.0 + np.arange(1, 4))
    for column in ("median", "lower_80", "upper_80"):
        np.testing.assert_allclose(frame[column].to_numpy(), expected, rtol=1e-12)


def test_linear_interval_is_ols_prediction_interval():
    # Three points with one degree of freedom: check against the textbook formula.
    t = np.array([2020.0, 2021.0, 2022.0])
    y = np.array([10.0, 13.0, 14.0])
    fit = get_model("linear").fit(Series.from_years(t, y))
    slope, intercept = np.polyfit(t, y, 1)
    resid = y - (intercept + slope * t)
    s = np.sqrt(resid @ resid / (t.size - 2))
    t_new = 2024.0
    se = s * np.sqrt(1 + 1 / t.size + (t_new - t.mean()) ** 2 / ((t - t.mean()) ** 2).sum())
    q = stats.t.ppf(0.9, df=t.size - 2)
    row = fit.forecast(2).loc[t_new]
    assert row["median"] == pytest.approx(intercept + slope * t_new, rel=1e-10)
    assert row["upper_80"] - row["median"] == pytest.approx(q * se, rel=1e-8)


def test_linear_accepts_non_positive_values():
    fit = get_model("linear").fit(Series.from_years([2020, 2021, 2022], [-1.0, 0.0, 1.0]))
    assert fit.params["slope"] == pytest.approx(1.0)


def test_exponential_exact():
    years = np.arange(2016, 2024)
    values = 100.0 * 1.1 ** (years - years[0])
    fit = get_model("exponential").fit(Series.from_years(years, values))
    assert fit.params["growth"] == pytest.approx(0.10, rel=1e-10)
    assert fit.params["rate"] == pytest.approx(np.log(1.1), rel=1e-10)
    frame = fit.forecast(5)
    np.testing.assert_allclose(frame["median"].to_numpy(),
                               values[-1] * 1.1 ** np.arange(1, 6), rtol=1e-10)


def logistic(a: float, b: float, k: float, t: np.ndarray) -> np.ndarray:
    return k / (1.0 + np.exp(-(a + b * t)))


def gompertz(a: float, b: float, k: float, t: np.ndarray) -> np.ndarray:
    return k * np.exp(-np.exp(-(a + b * t)))


@pytest.mark.parametrize(("name", "curve"), [("logistic", logistic), ("gompertz", gompertz)])
def test_saturating_exact(name, curve):
    # Curves whose midpoint lies inside the sample, so the data span the bend.
    b = 0.35
    a = -b * 2020.0
    k = 80e6
    years = np.arange(2014, 2025)
    fit = get_model(name, ceiling=Ceiling.constant(k)).fit(
        Series.from_years(years, curve(a, b, k, years)))
    assert fit.params["b"] == pytest.approx(b, abs=1e-8)
    assert fit.params["a"] == pytest.approx(a, abs=1e-8 * abs(a))
    frame = fit.forecast(3)
    expected = curve(a, b, k, 2024.0 + np.arange(1, 4))
    for column in ("median", "lower_80", "upper_80"):
        np.testing.assert_allclose(frame[column].to_numpy(), expected, rtol=1e-9)


def test_logistic_growing_ceiling_exact():
    ceiling = Ceiling(t0=2020.0, level=100.0, growth=0.02)
    b, a = 0.4, -0.4 * 2019.0
    years = np.arange(2014, 2025)
    values = ceiling.at(years) / (1.0 + np.exp(-(a + b * years)))
    fit = get_model("logistic", ceiling=ceiling).fit(Series.from_years(years, values))
    t = 2024.0 + np.arange(1, 3)
    np.testing.assert_allclose(fit.forecast(2)["median"].to_numpy(),
                               ceiling.at(t) / (1.0 + np.exp(-(a + b * t))), rtol=1e-9)
    assert fit.params["t_mid"] == pytest.approx(2019.0, rel=1e-10)


@pytest.mark.parametrize("name", ["logistic", "gompertz"])
def test_saturating_paths_stay_below_ceiling(name, series):
    fit = get_model(name, ceiling=CEILING).fit(series)
    paths = fit.simulate(10, N_PATHS, np.random.default_rng(3))
    assert np.all(paths < CEILING.at(series.last_t + np.arange(1, 11)))
    assert np.all(paths > 0)


def test_rw_drift_exact():
    years = np.arange(2015, 2025)
    values = 50.0 * 1.1 ** (years - years[0])
    fit = get_model("rw_drift").fit(Series.from_years(years, values))
    assert fit.params["drift"] == pytest.approx(np.log(1.1), rel=1e-12)
    assert fit.params["sigma"] == pytest.approx(0.0, abs=1e-12)
    np.testing.assert_allclose(fit.forecast(3)["median"].to_numpy(),
                               values[-1] * 1.1 ** np.arange(1, 4), rtol=1e-12)


def test_rw_drift_interval_formula(series):
    fit = get_model("rw_drift").fit(series)
    diffs = np.diff(np.log(series.values))
    n, drift, sd = diffs.size, diffs.mean(), diffs.std(ddof=1)
    h = np.arange(1, 4)
    scale = sd * np.sqrt(h + h**2 / n)
    q = stats.t.ppf(0.9, df=n - 1)
    frame = fit.forecast(3)
    center = np.log(series.last_value) + h * drift
    np.testing.assert_allclose(frame["lower_80"], np.exp(center - q * scale), rtol=1e-12)
    np.testing.assert_allclose(frame["upper_80"], np.exp(center + q * scale), rtol=1e-12)


def test_rw_drift_uses_trailing_run():
    years = [2010, 2011, 2015, 2016, 2017, 2018]
    values = [1.0, 1000.0, 100.0, 110.0, 121.0, 133.1]
    fit = get_model("rw_drift").fit(Series.from_years(years, values))
    assert fit.params["drift"] == pytest.approx(np.log(1.1), rel=1e-10)
    assert fit.params["n"] == 4
    assert len(fit.series) == 4


def test_evenly_spaced_models_report_the_trailing_run():
    years = [2014, 2015, 2016, 2017, 2018, 2020, 2021, 2022, 2023]
    gapped = Series.from_years(years, np.linspace(10, 20, len(years)), region="bali")
    with pytest.raises(ModelError, match="ets: series bali/active_total has a trailing run "
                                         "of 4 consecutive annual points .of 9 in all.; "
                                         "needs at least 6"):
        get_model("ets").fit(gapped)


def smooth_geometric(growth: float, n_years: int) -> tuple[Series, float]:
    years = np.arange(2024 - n_years + 1, 2025)
    rng = np.random.default_rng(99)
    # A whisper of noise: on exactly geometric data the innovation variance is zero
    # and the likelihood of ETS/ARIMA degenerates.
    values = 10e6 * (1 + growth) ** (years - years[0]) * np.exp(rng.normal(0, 0.002, n_years))
    trend_last = 10e6 * (1 + growth) ** (years[-1] - years[0])
    return Series.from_years(years, values), trend_last


@pytest.mark.parametrize("name", ["ets", "arima"])
def test_statespace_on_smooth_geometric(name):
    growth = 0.08
    series, trend_last = smooth_geometric(growth, 16)
    fit = get_model(name).fit(series)
    horizon = 3
    expected = trend_last * (1 + growth) ** np.arange(1, horizon + 1)
    np.testing.assert_allclose(fit.forecast(horizon)["median"].to_numpy(), expected, rtol=0.02)
    paths = fit.simulate(horizon, N_PATHS, np.random.default_rng(5))
    np.testing.assert_allclose(np.median(paths, axis=0), expected, rtol=0.02)


def test_arima_drift_param():
    series, _ = smooth_geometric(0.08, 16)
    fit = get_model("arima").fit(series)
    assert set(fit.params) == {"drift", "ar1", "sigma2", "n"}
    assert fit.params["drift"] == pytest.approx(np.log(1.08), abs=0.005)


def test_exponential_paths_match_t_predictive(series):
    # Paths draw sigma^2, the coefficients and the noise; the marginal at each horizon
    # must then be the OLS t predictive, so its quantiles match the analytic interval.
    fit = get_model("exponential").fit(series)
    frame = fit.forecast(3, levels=(0.5, 0.9))
    paths = fit.simulate(3, 20_000, np.random.default_rng(17))
    for level in (0.5, 0.9):
        p = level_label(level)
        lo, hi = np.quantile(paths, [(1 - level) / 2, (1 + level) / 2], axis=0)
        np.testing.assert_allclose(lo, frame[f"lower_{p}"], rtol=0.01)
        np.testing.assert_allclose(hi, frame[f"upper_{p}"], rtol=0.01)


# --------------------------------------------------------------------------- registry, errors


def test_registry_names():
    assert available_models() == ["linear", "exponential", "logistic", "gompertz", "ets",
                                  "rw_drift", "arima"]
    for name, cls in REGISTRY.items():
        assert cls.name == name


def test_unknown_model():
    with pytest.raises(ParameterError, match="unknown model 'bogus'; valid choices: linear, "
                                             "exponential, logistic, gompertz, ets, rw_drift, "
                                             "arima"):
        get_model("bogus")


def test_unknown_hyper_parameter():
    with pytest.raises(ParameterError, match="model 'linear' has no parameter 'ceiling'"):
        get_model("linear", ceiling=CEILING)
    with pytest.raises(ParameterError, match="valid choices: ceiling"):
        get_model("logistic", cap=CEILING)


def test_hyper_parameters_are_keyword_only():
    with pytest.raises(TypeError):
        REGISTRY["logistic"](CEILING)


@pytest.mark.parametrize("name", ["logistic", "gompertz"])
def test_ceiling_required(name, series):
    with pytest.raises(ModelError, match=rf"{name} needs a ceiling .*national/active_total"):
        get_model(name).fit(series)


@pytest.mark.parametrize("name", ["logistic", "gompertz"])
def test_value_above_ceiling(name, series):
    ceiling = Ceiling.constant(40e6)
    first = int(np.flatnonzero(series.values >= 40e6)[0])
    value = series.values[first]
    with pytest.raises(ModelError) as info:
        get_model(name, ceiling=ceiling).fit(series)
    message = str(info.value)
    assert f"{value:.6g}" in message
    assert series.dates[first] in message and "4e+07" in message and series.label in message


def test_ceiling_type_checked():
    with pytest.raises(ParameterError, match="ceiling must be a forecast.models.Ceiling"):
        get_model("logistic", ceiling=150e6)


def test_fit_does_not_follow_later_ceiling_changes(series):
    model = get_model("logistic", ceiling=CEILING)
    fit = model.fit(series)
    before = fit.forecast(2)
    model.ceiling = Ceiling.constant(1e12)
    pd.testing.assert_frame_equal(fit.forecast(2), before)


def test_statsmodels_failure_is_model_error(monkeypatch, series):
    import statsmodels.tsa.arima.model as arima_module

    def broken_fit(self, *args, **kwargs):
        raise np.linalg.LinAlgError("Schur decomposition solver error")

    monkeypatch.setattr(arima_module.ARIMA, "fit", broken_fit)
    # The arima model maximises the likelihood itself and calls statsmodels' fit only where
    # that has no answer: make it have none.
    import forecast.models.arima as ours
    monkeypatch.setattr(ours, "exact_mle", lambda growth: None)
    with pytest.raises(ModelError, match="arima: fit for series national/active_total "
                                         "failed: LinAlgError") as info:
        get_model("arima").fit(series)
    assert isinstance(info.value.__cause__, np.linalg.LinAlgError)


def test_non_finite_forecast_is_model_error():
    # Growth so steep that the exponential trend overflows a float within the horizon.
    years = np.arange(2020, 2025)
    fit = get_model("exponential").fit(Series.from_years(years, np.exp(100.0 * (years - 2020))))
    with pytest.raises(ModelError, match="exponential: the forecast of series .* not finite"):
        fit.forecast(10)
    with pytest.raises(ModelError, match="exponential: simulated paths .* not finite"):
        fit.simulate(10, 5, np.random.default_rng(0))


def test_simulated_forecast_fallback(series):
    # A model without analytic intervals gets quantiles of its own paths, reproducibly.
    class NoAnalytic(type(get_model("rw_drift").fit(series))):
        _forecast = Fit._forecast

    base = get_model("rw_drift").fit(series)
    fit = NoAnalytic(base.model, base.series, base.params, drift=base.params["drift"],
                     sd=base.params["sigma"], n_diffs=len(series) - 1)
    frame = fit.forecast(2)
    pd.testing.assert_frame_equal(frame, fit.forecast(2))
    paths = fit._simulate(fit.future_t(2), 20_000, np.random.default_rng(SIMULATED_FORECAST_SEED))
    np.testing.assert_allclose(frame["median"], np.median(paths, axis=0))
    analytic = base.forecast(2)
    np.testing.assert_allclose(frame.to_numpy(), analytic.to_numpy(), rtol=0.01)


# --------------------------------------------------------------------------- Ceiling


def test_ceiling_at():
    ceiling = Ceiling(t0=2020.0, level=100.0, growth=0.02)
    np.testing.assert_allclose(ceiling.at([2020.0, 2022.0, 2019.0]),
                               [100.0, 100.0 * 1.02**2, 100.0 / 1.02])
    np.testing.assert_allclose(Ceiling.constant(5.0).at([1990.0, 2050.5]), [5.0, 5.0])


def test_ceiling_from_series():
    years = np.arange(2015, 2025)
    population = 120e6 * 1.015 ** (years - 2015)
    working = Series.from_years(years, population, metric="working_population")
    ceiling = Ceiling.from_series(working)
    assert ceiling.t0 == 2024.0
    assert ceiling.level == pytest.approx(population[-1], rel=1e-10)
    assert ceiling.growth == pytest.approx(0.015, rel=1e-8)


def test_ceiling_from_series_anchors_at_fitted_value():
    t = np.array([2020.0, 2021.0, 2022.0])
    values = np.array([100.0, 120.0, 110.0])
    ceiling = Ceiling.from_series(Series.from_years(t, values))
    rate, intercept = np.polyfit(t, np.log(values), 1)
    assert ceiling.level == pytest.approx(np.exp(intercept + rate * 2022.0), rel=1e-10)
    assert ceiling.growth == pytest.approx(np.expm1(rate), rel=1e-10)


def test_ceiling_from_series_needs_two_points():
    with pytest.raises(ModelError, match="ceiling: series test/working_population has 1 "
                                         "point; needs at least 2"):
        Ceiling.from_series(Series.from_years([2024], [1e8], metric="working_population"))


@pytest.mark.parametrize("kwargs", [{"level": 0.0}, {"level": -1.0}, {"growth": -1.0},
                                    {"t0": float("nan")}])
def test_ceiling_validation(kwargs):
    with pytest.raises(ParameterError, match="Ceiling"):
        Ceiling(**({"t0": 2024.0, "level": 1.0, "growth": 0.0} | kwargs))


# --------------------------------------------------------------------------- import cost


def test_import_does_not_load_statsmodels():
    code = ("import sys, forecast.models; "
            "sys.exit(1 if 'statsmodels' in sys.modules or 'scipy.stats' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_fits_are_memoised_and_errors_too():
    from forecast.models import get_model
    from forecast.models.base import _FIT_CACHE

    series = Series.from_years(range(2014, 2024), [17.0 * 1.1 ** i for i in range(10)])
    model = get_model("ets")
    first = model.fit(series)
    assert model.fit(series) is first  # same series, same hyper-parameters: one fit
    other = Series.from_years(range(2014, 2024), [17.0 * 1.1 ** i for i in range(10)],
                              region="elsewhere")
    assert model.fit(other) is not first  # another series label is another fit
    short = series.head(2)
    for _ in range(2):
        with pytest.raises(ModelError, match="ets"):
            model.fit(short)
    assert len(_FIT_CACHE) >= 3


@pytest.mark.parametrize("n_paths", [1, 7, 300])
def test_arima_paths_equal_statsmodels_simulate(series, n_paths):
    """The one-product simulation gives statsmodels' own paths and leaves the generator
    where statsmodels' loop leaves it (so the draws that follow are unchanged too)."""
    fit = get_model("arima").fit(series)
    ours_rng, theirs_rng = np.random.default_rng(11), np.random.default_rng(11)
    ours = fit.simulate(4, n_paths, ours_rng)
    theirs = np.exp(np.asarray(fit._results.simulate(4, anchor="end", repetitions=n_paths,
                                                     rng=theirs_rng)).reshape(4, n_paths).T)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=0)
    assert ours_rng.random() == theirs_rng.random()
