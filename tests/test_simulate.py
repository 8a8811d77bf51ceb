"""The calibrated engine (default) and the earlier mixture of model paths (method="mixture")."""

from __future__ import annotations

import numpy as np
import pytest

from forecast.errors import ModelError, ParameterError
from forecast.models import Ceiling, available_models
from forecast.series import Series
from forecast.simulate import _allocate, project

YEARS = list(range(2014, 2025))


def _noisy_growth(seed=3, growth=0.09):
    rng = np.random.default_rng(seed)
    values = 17e6 * np.cumprod(np.r_[1, 1 + growth + rng.normal(0, 0.03, len(YEARS) - 1)])
    return Series.from_years(YEARS, values)


def test_allocate_is_exact_and_deterministic():
    counts = _allocate({"a": 0.5, "b": 0.3333, "c": 0.1667}, 1000)
    assert sum(counts.values()) == 1000
    assert counts == _allocate({"a": 0.5, "b": 0.3333, "c": 0.1667}, 1000)
    assert counts["a"] == 500


def test_backtest_weights_sum_to_one_and_favour_the_true_model():
    # An exact 10 %/yr geometric series: the exponential trend backtests perfectly.
    series = Series.from_years(YEARS, 17e6 * 1.1 ** np.arange(len(YEARS)))
    p = project(series, ["linear", "exponential"], horizon=3, n_paths=1000, seed=1,
                weighting="backtest", method="mixture")
    w = p.weights
    assert sum(w.values()) == pytest.approx(1.0)
    assert w["exponential"] > 0.9
    assert p.paths.shape == (1000, 3)
    assert not p.equal_weights and p.weighting == "backtest"


def test_default_weights_are_equal_over_the_backtested_models():
    # Six points of the same series: the backtest still scores the models (and says which is better),
    # but by default every model that could be backtested shares the paths equally; a
    # saturating model without a ceiling, and ETS/ARIMA with too few points to backtest,
    # get nothing.
    series = Series.from_years(YEARS[-6:], 17e6 * 1.1 ** np.arange(6))
    p = project(series, ["linear", "exponential", "logistic", "arima"], horizon=3,
                n_paths=1001, seed=1, method="mixture")
    by_name = {s.name: s for s in p.scores}
    assert p.weighting == "equal" and not p.equal_weights
    assert p.weights == {"linear": 0.5, "exponential": 0.5}
    assert by_name["exponential"].backtest_mse < by_name["linear"].backtest_mse
    assert by_name["logistic"].weight == 0 and by_name["arima"].weight == 0
    assert "too few points to backtest" in by_name["arima"].reason
    assert p.paths.shape == (1001, 3)
    # The mixture holds each model's first paths, in model order: 500 + 501 (the odd path
    # goes to the first name in alphabetical order).
    np.testing.assert_array_equal(p.paths[:500], p.model_paths["linear"][:500])
    np.testing.assert_array_equal(p.paths[500:], p.model_paths["exponential"][:501])


def test_unknown_weighting_is_a_parameter_error():
    with pytest.raises(ParameterError, match="weighting: expected one of equal, backtest, "
                                             "found 'best'"):
        project(_noisy_growth(), ["linear"], horizon=1, n_paths=100, seed=1, weighting="best")


@pytest.mark.slow
def test_mixture_probability_is_weighted_average_of_models():
    series = _noisy_growth()
    p = project(series, available_models(), horizon=3, n_paths=4000, seed=7,
                ceiling=Ceiling(t0=2024.0, level=145e6, growth=0.02), method="mixture")
    target = 60e6
    mix = np.mean(p.paths[:, -1] >= target)
    weighted = sum(s.weight * np.mean(p.model_paths[s.name][:, -1] >= target)
                   for s in p.scores if s.weight > 0)
    # Each model contributes the first round(w * n) of its own paths, so the two agree up
    # to the sampling error of those subsets.
    assert mix == pytest.approx(weighted, abs=0.03)


def test_same_seed_same_paths_and_different_seed_differs():
    series = _noisy_growth()
    a = project(series, ["exponential", "rw_drift"], horizon=2, n_paths=500, seed=11)
    b = project(series, ["exponential", "rw_drift"], horizon=2, n_paths=500, seed=11)
    c = project(series, ["exponential", "rw_drift"], horizon=2, n_paths=500, seed=12)
    np.testing.assert_array_equal(a.paths, b.paths)
    assert not np.array_equal(a.paths, c.paths)


def test_saturating_models_skipped_without_ceiling():
    p = project(_noisy_growth(), ["exponential", "logistic"], horizon=2, n_paths=100, seed=1)
    by_name = {s.name: s for s in p.scores}
    assert by_name["logistic"].weight == 0
    assert by_name["logistic"].reason == {"code": "no_ceiling", "metric": p.series.metric}


def test_short_series_gets_equal_weights_or_clear_error():
    short = Series.from_years([2021, 2022, 2023], [1e6, 1.2e6, 1.3e6])
    p = project(short, ["linear", "exponential"], horizon=2, n_paths=100, seed=1,
                method="mixture")
    assert p.equal_weights and p.weights == {"linear": 0.5, "exponential": 0.5}
    with pytest.raises(ModelError, match="no model could be fitted to test/active_total"):
        project(Series.from_years([2023], [1e6]), ["linear"], horizon=1, n_paths=100, seed=1)


@pytest.mark.parametrize("kwargs,match", [
    ({"horizon": 0}, "horizon"), ({"n_paths": 0}, "n_paths"), ({"n_paths": 10**9}, "n_paths"),
    ({"seed": 1.5}, "seed"), ({"seed": -1}, "seed"), ({"models": ["magic"]}, "unknown model"),
])
def test_parameter_errors(kwargs, match):
    args = {"horizon": 2, "n_paths": 100, "seed": 1, "models": ["linear"]} | kwargs
    models = args.pop("models")
    with pytest.raises(ParameterError, match=match):
        project(_noisy_growth(), models, **args)
