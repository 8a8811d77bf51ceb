"""Reachability measures: growth arithmetic by hand, classifications, and assess()."""

from __future__ import annotations

import math

import numpy as np
import pytest

from forecast.errors import ParameterError
from forecast.series import Series
from forecast.simulate import ModelScore, Projection
from forecast.targets import (assess, base_year_table, cagr, classify_statcan, classify_unsd,
                              progress_ratio)


def test_cagr_known_answers():
    # The seed articles: informal participants 2.5M -> 7.6M in three years.
    assert cagr(2.5e6, 7.6e6, 3) == pytest.approx(0.449, abs=5e-4)
    # 41.56M at end-2023 to 70M at end-2026: (70/41.56)**(1/3) - 1 = 0.18980 (the brief's
    # "18.97 %" is this figure cut, not rounded, at the second decimal of a percent).
    assert cagr(41.56e6, 70e6, 3) == pytest.approx(0.18980, abs=5e-6)
    # Rp712.3T at end-2023 to Rp1,001T at end-2026.
    assert cagr(712.3, 1001, 3) == pytest.approx((1001 / 712.3) ** (1 / 3) - 1)
    assert cagr(100, 100, 5) == 0.0


@pytest.mark.parametrize("args", [(0, 1, 1), (1, 2, 0), (-1, 2, 3)])
def test_cagr_rejects(args):
    with pytest.raises(ParameterError):
        cagr(*args)


@pytest.mark.parametrize("q,unsd,statcan", [
    (1.2, "on_track", "on_track"), (0.95, "on_track", "on_track"),
    (0.94, "acceleration_needed", "acceleration_needed"),
    (0.6, "acceleration_needed", "acceleration_needed"),
    (0.59, "acceleration_needed", "limited_progress"),
    (0.10, "acceleration_needed", "limited_progress"),
    (0.09, "regression", "limited_progress"), (0.0, "regression", "limited_progress"),
    (-0.2, "regression", "deterioration"), (None, "undetermined", "undetermined"),
])
def test_classification_thresholds(q, unsd, statcan):
    assert classify_unsd(q) == unsd
    assert classify_statcan(q) == statcan


def _projection(series: Series, paths: np.ndarray) -> Projection:
    horizon = paths.shape[1]
    t = series.last_t + np.arange(1, horizon + 1, dtype=float)
    score = ModelScore(name="fixed", fitted=True, weight=1.0, backtest_mse=0.01,
                       backtest_mape=0.1, n_origins=1)
    return Projection(series=series, t=t, paths=paths, model_paths={"fixed": paths},
                      scores=(score,), seed=0)


def test_assess_on_known_paths():
    # History 2020..2023 doubling over 3 years; 1000 paths whose 2026 values are 1..1000 M.
    series = Series.from_years([2020, 2021, 2022, 2023], [20e6, 25e6, 32e6, 40e6])
    end = np.arange(1, 1001, dtype=float) * 1e6
    paths = np.column_stack([np.full(1000, 45e6), np.full(1000, 50e6), end])
    r = assess(_projection(series, paths), 70e6, "2026-12-31")
    assert r.probability == pytest.approx(931 / 1000)  # 70..1000 of 1..1000
    assert r.median == pytest.approx(500.5e6)
    assert r.p10 == pytest.approx(np.quantile(end, 0.1))
    assert r.required_cagr == pytest.approx(cagr(40e6, 70e6, 3))
    assert r.historical_cagr == pytest.approx(cagr(20e6, 40e6, 3))
    assert r.historical_cagr_3y == pytest.approx(cagr(20e6, 40e6, 3))
    assert r.growth_ratio == pytest.approx(r.required_cagr / r.historical_cagr)
    assert r.monthly_needed == pytest.approx(30e6 / 36)
    assert r.monthly_achieved_last_year == pytest.approx(8e6 / 12)
    assert r.monthly_achieved_history == pytest.approx(20e6 / 36)
    # Median path: 45, 50, 500.5 -> first reaches 70M in 2026.
    assert r.year_median_reaches == 2026
    q = cagr(20e6, 40e6, 3) / cagr(20e6, 70e6, 6)
    assert r.unsd_q == pytest.approx(q) and r.classification_unsd == classify_unsd(q)
    assert r.models[0]["probability"] == pytest.approx(0.931)


def test_assess_interpolates_mid_year_targets():
    # Between two projected year-ends a path grows at a constant rate (log-linear), never
    # by a constant amount (linear).
    series = Series.from_years([2021, 2022, 2023], [10.0, 11.0, 12.0], unit="IDR_trillion",
                               metric="fund_investment")
    paths = np.array([[20.0, 40.0]])
    r = assess(_projection(series, paths), 25.0, "2024-06-30")
    # 2024-06-30 is day 182 of the 366 days of 2024: decimal year 2023 + 182/366, between
    # 12 at end-2023 (2023.0) and 20 at end-2024 (2024.0). Log-linear, by hand:
    # 12 * (20/12) ** (182/366) = 15.4703; linear would give 12 + 8 * 182/366 = 15.9781.
    assert r.median == pytest.approx(15.47033, abs=1e-5)
    assert not r.median == pytest.approx(15.97814, abs=0.1), "linear, not log-linear"
    assert r.probability == 0.0  # 15.47 < 25


def test_assess_target_already_met():
    series = Series.from_years([2021, 2022, 2023], [50e6, 60e6, 75e6])
    paths = np.full((10, 3), 80e6)
    r = assess(_projection(series, paths), 70e6, "2026-12-31")
    assert r.classification == "target_met" and r.year_median_reaches == 2023
    assert r.required_cagr is None and r.required_growth == "already_reached"


def test_assess_rejects_past_target():
    series = Series.from_years([2021, 2022, 2023], [1.0, 2.0, 3.0])
    with pytest.raises(ParameterError, match="not after the last observation"):
        assess(_projection(series, np.ones((5, 2))), 5.0, "2023-12-31")


def test_base_year_table():
    series = Series.from_years([2017, 2020, 2023], [26.24e6, 29.98e6, 41.56e6])
    table = base_year_table(series, 70e6, 2026.0)
    assert list(table.base_year) == [2017, 2020]
    row = table.iloc[1]
    assert row.historical_cagr == pytest.approx(cagr(29.98e6, 41.56e6, 3))
    assert row.required_cagr == pytest.approx(cagr(29.98e6, 70e6, 6))
    assert row.ratio == pytest.approx(row.historical_cagr / row.required_cagr)
    assert progress_ratio(series, 70e6, 2026.0, base_index=1) == pytest.approx(row.ratio)
    assert not math.isnan(table.iloc[0].ratio)
