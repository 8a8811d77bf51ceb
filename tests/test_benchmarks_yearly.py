"""The yearly-competition benchmark's own machinery: recalibration, cross-fitting, scoring."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import m3  # noqa: E402
from benchmarks.build_error_table import (  # noqa: E402
    fit_exponents, latest_origin, make_table, recalibrate)
from benchmarks.m3data import dataset_of  # noqa: E402


def test_dataset_of_reads_the_prefix_and_m3_has_none():
    assert dataset_of("N0001") == "M3"
    assert dataset_of("M1/YAF2") == "M1"
    assert dataset_of("Tourism/Y1") == "Tourism"


def test_latest_origin_marks_each_series_last_training_origin():
    got = latest_origin(["a", "a", "b", "a", "b"], [8, 10, 6, 6, 12])
    assert got.tolist() == [False, True, False, False, True]


def test_recalibration_collapses_each_column_when_every_calibration_error_sits_at_its_median():
    # Deep errors 1..99 in each of two horizons; every calibration error equals the deep
    # median (50), so every PIT value is 0.50: each level maps to the same quantile, 50.
    deep = np.column_stack([np.arange(1.0, 100.0)] * 2)
    out = recalibrate(deep, np.full((5, 2), 50.0))
    assert np.allclose(out, 50.0)


def test_recalibration_keeps_ranks_and_takes_the_calibration_errors_spread_and_median():
    rng = np.random.default_rng(3)
    deep = rng.normal(0, 1, (4000, 3))
    cal = np.column_stack([rng.normal(0, 2, 3000),        # misses by twice as much
                           rng.normal(0.5, 1, 3000),      # biased by half a unit
                           rng.normal(0, 0.5, 3000)])     # misses by half as much
    out = recalibrate(deep, cal)
    for h in range(3):
        # ranks within a column are kept (trajectories stay whole)
        assert np.all(np.diff(out[np.argsort(deep[:, h]), h]) >= 0)
    w = np.quantile(out, 0.9, axis=0) - np.quantile(out, 0.1, axis=0)
    w_cal = np.quantile(cal, 0.9, axis=0) - np.quantile(cal, 0.1, axis=0)
    assert np.allclose(w, w_cal, rtol=0.08)
    assert np.allclose(np.median(out, axis=0), [0.0, 0.5, 0.0], atol=0.08)
    # and the 80 % band of the mapped table holds about 80 % of the calibration errors
    lo, hi = np.quantile(out, 0.1, axis=0), np.quantile(out, 0.9, axis=0)
    assert np.all(np.abs(np.mean((cal >= lo) & (cal <= hi), axis=0) - 0.8) < 0.03)


def test_recalibration_centres_a_horizon_no_calibration_error_reached():
    # Tourism's held-out years stop at 4: a horizon with no calibration error is centred only.
    deep = np.array([[1.0, 2.0], [3.0, 6.0], [5.0, 10.0]])
    cal = np.array([[3.0, np.nan], [3.0, np.nan]])
    out = recalibrate(deep, cal)
    assert out[:, 1].tolist() == [-4.0, 0.0, 4.0]
    assert np.allclose(out[:, 0], 3.0)


def test_make_table_calibrates_to_the_held_out_errors():
    # Equal scales (exponents 1): training errors N(0, 1), held-out errors N(0, 1.5). (The map
    # cannot reach past the training errors' range; on the shipped data at most 0.1 % of the
    # calibration errors a horizon fall outside it.)
    rng = np.random.default_rng(5)
    errors = rng.normal(0, 1, (3000, 2))
    latest = np.zeros(3000, bool)
    held = rng.normal(0, 1.5, (2000, 2))
    table = make_table(errors, np.ones(3000), latest, held, np.ones(2000))
    w = np.quantile(table.errors, 0.9, axis=0) - np.quantile(table.errors, 0.1, axis=0)
    assert np.allclose(w, 2 * 1.2816 * 1.5, rtol=0.08)
    assert table.errors.shape == (3000, 2)


def test_fit_exponents_uses_the_rows_observed_at_each_horizon():
    rng = np.random.default_rng(8)
    scales = np.exp(rng.uniform(-4, 0, 4000))
    raw = np.column_stack([scales ** 0.5 * rng.standard_normal(4000),
                           scales ** 1.0 * rng.standard_normal(4000)])
    raw[::3, 1] = np.nan  # a horizon some series never reached
    b = fit_exponents(raw, scales)
    assert np.allclose(b, [0.5, 1.0], atol=0.08)


def _cache(ids_by_set):
    rows = []
    for k, sn in enumerate(ids_by_set):
        for origin in (6, 8):  # two training origins a series: one deep, one latest
            rows.append({"series": sn, "kind": "train", "origin": origin, "scale": 1.0, "vol": 1.0,
                         **{f"z{h}": 0.0 for h in range(1, 7)},
                         **{f"e{h}": float(k + origin) for h in range(1, 7)}})
        rows.append({"series": sn, "kind": "test", "origin": 14, "scale": 1.0, "vol": 1.0,
                     **{f"z{h}": 0.0 for h in range(1, 7)},
                     **{f"e{h}": float(k) - 3.0 for h in range(1, 7)}})
    return pd.DataFrame(rows)


def test_a_series_is_never_scored_with_a_table_that_saw_it():
    m3_ids = [f"N{i:04d}" for i in range(10)]
    other = ["M1/A", "M1/B", "Tourism/C"]
    cache = _cache(m3_ids + other)
    data = [(sn, np.ones(8), np.ones(6)) for sn in m3_ids]
    tables, fold, used = m3.tables_for(data, cache, own_set=True)
    # 5 folds of 10 series: each table has the 8 M3 series of the other folds + 3 others,
    # 2 training rows and 1 held-out row each; the table itself keeps the deep rows
    assert sorted(fold.values()) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert {t.shape[0] for t in tables.values()} == {11} and used == 33
    # Change the rows of one scored series, training and held-out: only the tables of the
    # other folds may move; its own fold's table is the same to the last bit.
    target = m3_ids[3]
    moved = cache.copy()
    sel = moved.series == target
    moved.loc[sel, [f"e{h}" for h in range(1, 7)]] = 1e3
    again, _, _ = m3.tables_for(data, moved, own_set=True)
    for k in tables:
        same = np.array_equal(tables[k].errors, again[k].errors)
        assert same == (k == fold[target])
    tables, fold, used = m3.tables_for(data, cache, own_set=False)
    assert set(fold.values()) == {0} and tables[0].shape[0] == 3 and used == 9


def test_score_on_a_hand_computed_case():
    # One series, history 1, 2, 3 (mean absolute change 1), actuals 4 and 6 over h = 1, 2.
    data = [("s", np.array([1.0, 2.0, 3.0]), np.array([4.0, 6.0]))]
    q = np.zeros((1, m3.GRID.size, 2))
    q[0, :, 0] = np.linspace(3.0, 5.0, m3.GRID.size)  # median 4: exact; 80 % band [3.5, 4.5]
    q[0, :, 1] = np.linspace(2.0, 4.0, m3.GRID.size)  # median 3: off by 3; band misses above
    sc = m3.score(q, data)
    assert sc["MASE"] == pytest.approx((0 + 3) / 2)
    assert sc["cov80"] == pytest.approx(0.5)
    assert sc["above80"] == pytest.approx(0.5) and sc["below80"] == 0.0
    assert sc["med_above"] == 0.0
    # MSIS: band 95 % is [q0, q12]; h1 width 2, no miss; h2 width 2 + 40 * (6 - 4) = 82
    assert sc["MSIS"] == pytest.approx((2 + 82) / 2)


def test_variant_rule_takes_the_lowest_mean_crps_among_variants_with_calibrated_bands():
    from benchmarks.table_variants import choose

    def sc(crps, cov):
        return {"CRPS": crps, "cov80": cov}

    scores = {("M1", "a"): sc(2.0, 0.80), ("Tourism", "a"): sc(1.70, 0.78),
              ("M1", "b"): sc(1.9, 0.80), ("Tourism", "b"): sc(1.60, 0.76),  # bands too narrow
              ("M1", "c"): sc(2.1, 0.79), ("Tourism", "c"): sc(1.58, 0.79),
              ("M3", "d"): sc(0.1, 0.80)}  # M3 never decides
    assert choose(scores) == "c"  # mean 1.84 against a's 1.85; b is out
    assert choose({("M1", "a"): sc(2.0, 0.80)}) is None


def test_make_table_with_volatilities_fits_both_exponents_and_standardises_by_them():
    # Errors scale ** 0.4 * vol ** 0.5 times N(0, 1), training and held-out alike: the table
    # carries those exponents, and its trajectories are N(0, 1) again (80 % width 2.56).
    rng = np.random.default_rng(9)
    n, m = 20000, 10000
    s, v = np.exp(rng.uniform(-4, 0, n)), np.exp(rng.uniform(-4, 0, n))
    hs, hv = np.exp(rng.uniform(-4, 0, m)), np.exp(rng.uniform(-4, 0, m))
    raw = (s ** 0.4 * v ** 0.5)[:, None] * rng.standard_normal((n, 2))
    hraw = (hs ** 0.4 * hv ** 0.5)[:, None] * rng.standard_normal((m, 2))
    table = make_table(raw / s[:, None], s, np.zeros(n, bool), hraw / hs[:, None], hs, v, hv)
    assert np.allclose(table.exponents, 0.4, atol=0.05)
    assert np.allclose(table.vol_exponents, 0.5, atol=0.05)
    w = np.quantile(table.errors, 0.9, axis=0) - np.quantile(table.errors, 0.1, axis=0)
    assert np.allclose(w, 2 * 1.2816, rtol=0.08)


def test_error_signal_measures_each_sets_held_out_error_size_against_its_training():
    # Errors exactly scale ** 0.5 * vol ** 0.5 on the training rows (residual 0 after the
    # regression) and twice that on M3's held-out rows, once on M1's: the held-out to
    # training ratio is 2 for M3 and 1 for M1, whatever the scales.
    from benchmarks import error_signal

    rng = np.random.default_rng(5)
    rows = []
    for sid, factor in [(f"N{i:04d}", 2.0) for i in range(30)] + \
            [(f"M1/YAF{i}", 1.0) for i in range(30)]:
        for kind, origin in (("train", 6), ("train", 8), ("test", 10)):
            scale, vol = rng.uniform(0.02, 0.3), rng.uniform(0.01, 0.2)
            size = np.sqrt(scale * vol) * (factor if kind == "test" else 1.0)
            sign = rng.choice([-1.0, 1.0], size=6)
            rows.append({"series": sid, "kind": kind, "origin": origin, "scale": scale,
                         "vol": vol, **{f"e{h}": sign[h - 1] * size for h in range(1, 7)}})
    cache = pd.DataFrame(rows)
    res = error_signal.residuals(cache)
    text = error_signal.report(error_signal.per_series(cache, res), res, cache)
    m3 = next(line for line in text.splitlines() if line.startswith("| M3 |"))
    m1 = next(line for line in text.splitlines() if line.startswith("| M1 |"))
    assert m3.split("|")[-2].strip() == "2.00"
    assert m1.split("|")[-2].strip() == "1.00"


def test_error_signal_keeps_each_errors_sign_over_its_predicted_size():
    from benchmarks import error_signal

    cache = pd.DataFrame({"e1": [0.2, -0.2], "e2": [np.nan, 0.1], "e3": 0.1, "e4": 0.1,
                          "e5": 0.1, "e6": 0.1})
    res = np.log(np.array([[2.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.5, 3.0, 1.0, 1.0, 1.0, 1.0]]))
    res[0, 1] = np.nan
    got = error_signal.signed(cache, res)
    assert got[0, 0] == pytest.approx(2.0) and got[1, 0] == pytest.approx(-0.5)
    assert got[1, 1] == pytest.approx(3.0) and np.isnan(got[0, 1])


def test_disagreement_signal_finds_a_third_factor_only_where_there_is_one():
    # |error| = scale ** 0.5 * vol ** 0.5 * d ** k exactly, random signs: with k = 0.7 the
    # disagreement's exponent comes back as 0.7 and the residual vanishes; with k = 0 it
    # carries nothing.
    from benchmarks import disagreement_signal

    rng = np.random.default_rng(9)
    scale, vol, d = (rng.uniform(0.02, 0.3, 400), rng.uniform(0.01, 0.2, 400),
                     rng.uniform(0.01, 0.5, 400))
    sign = rng.choice([-1.0, 1.0], size=400)
    got = disagreement_signal.signal(sign * np.sqrt(scale * vol) * d ** 0.7, scale, vol, d)
    assert got["e"] == pytest.approx(0.7, abs=1e-3) and got["rho"] > 0.9
    assert got["mad3"] < 1e-3 < got["mad2"]
    noise = np.exp(rng.normal(0, 0.5, 400))
    none = disagreement_signal.signal(sign * np.sqrt(scale * vol) * noise, scale, vol, d)
    assert abs(none["e"]) < 0.15 and abs(none["rho"]) < 0.15
    assert none["mad3"] == pytest.approx(none["mad2"], rel=0.05)
    # Too few rows to say anything: no answer rather than a number from noise.
    assert disagreement_signal.signal(sign[:10], scale[:10], vol[:10], d[:10]) is None


def test_later_rounds_take_a_variant_only_if_it_lowers_crps_on_m1_and_tourism_both():
    from benchmarks import table_variants

    def sc(crps):
        return {"CRPS": crps, "cov80": 0.8}

    scores = {("M1", "shipped"): sc(2.266), ("Tourism", "shipped"): sc(1.651),
              ("M1", "disagree"): sc(2.249), ("Tourism", "disagree"): sc(1.656),
              ("M1", "better"): sc(2.2), ("Tourism", "better"): sc(1.6)}
    assert table_variants.lowers_both(scores) == ["better"]
    # The third round's rule takes the lowest mean, the one-sided variant included.
    del scores["M1", "better"], scores["Tourism", "better"]
    assert table_variants.choose(scores) == "disagree"
    assert table_variants.lowers_both(scores) == []
    assert table_variants.lowers_both({("M1", "shipped"): sc(2.0)}) is None


@pytest.mark.slow
def test_prophet_peer_continues_a_straight_line_and_repeats_with_its_seed():
    pytest.importorskip("prophet")
    line = np.arange(10.0, 30.0)  # 20 years rising by one a year
    data = [("a", line, line[-6:]), ("b", 2 * line, line[-6:])]
    q, seconds = m3.prophet_peer(data, 6)
    assert q.shape == (2, m3.GRID.size, 6) and seconds > 0
    assert np.all(np.diff(q, axis=1) >= 0)  # quantiles in order
    median = q[:, list(m3.GRID).index(0.5), :]
    np.testing.assert_allclose(median[0], np.arange(30.0, 36.0), rtol=0.02)
    np.testing.assert_allclose(median[1], 2 * np.arange(30.0, 36.0), rtol=0.02)
    again, _ = m3.prophet_peer(data, 6)
    np.testing.assert_array_equal(q, again)
