"""The yearly-competition benchmark's own machinery: recalibration, cross-fitting, scoring."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import m3  # noqa: E402
from benchmarks.build_error_table import latest_origin, recalibrate  # noqa: E402
from benchmarks.m3data import dataset_of  # noqa: E402


def test_dataset_of_reads_the_prefix_and_m3_has_none():
    assert dataset_of("N0001") == "M3"
    assert dataset_of("M1/YAF2") == "M1"
    assert dataset_of("Tourism/Y1") == "Tourism"


def test_latest_origin_marks_each_series_last_training_origin():
    got = latest_origin(["a", "a", "b", "a", "b"], [8, 10, 6, 6, 12])
    assert got.tolist() == [False, True, False, False, True]


def test_recalibration_collapses_the_table_when_every_latest_error_sits_at_the_median():
    # Deep errors 1..99 in each of two horizons; every latest error equals the deep median
    # (50), so every PIT value is 0.50: each level maps to the same quantile and, once
    # centred, the whole table is zero.
    deep = np.column_stack([np.arange(1.0, 100.0)] * 2)
    latest = np.full((5, 2), 50.0)
    errors = np.vstack([deep, latest])
    flag = np.r_[np.zeros(len(deep), bool), np.ones(len(latest), bool)]
    out = recalibrate(errors, flag)
    assert np.allclose(out, 0.0)


def test_recalibration_keeps_ranks_centres_and_widens_when_latest_errors_are_wider():
    rng = np.random.default_rng(3)
    deep = rng.normal(0, 1, (2000, 3))
    latest = rng.normal(0, 2, (600, 3))  # later origins miss by twice as much
    errors = np.vstack([deep, latest])
    flag = np.r_[np.zeros(len(deep), bool), np.ones(len(latest), bool)]
    out = recalibrate(errors, flag)
    for h in range(3):
        # ranks within a column are kept (trajectories stay whole), the median is zero
        assert np.all(np.diff(out[np.argsort(errors[:, h]), h]) >= 0)
        assert abs(np.median(out[:, h])) < 1e-12
    w_in = np.quantile(errors, 0.9, axis=0) - np.quantile(errors, 0.1, axis=0)
    w_out = np.quantile(out, 0.9, axis=0) - np.quantile(out, 0.1, axis=0)
    # the latest errors' PITs against N(0,1) put 80 % of them in about +-2.56 sd of N(0,2)
    # terms: the 80 % band must widen, by less than the full factor of the mixture's tails
    assert np.all(w_out > 1.3 * w_in)


def _cache(ids_by_set):
    rows = []
    for k, sn in enumerate(ids_by_set):
        for origin in (6, 8):  # two training origins a series: one deep, one latest
            rows.append({"series": sn, "kind": "train", "origin": origin, "scale": 1.0,
                         **{f"z{h}": 0.0 for h in range(1, 7)},
                         **{f"e{h}": float(k + origin) for h in range(1, 7)}})
    return pd.DataFrame(rows)


def test_a_series_is_never_scored_with_a_table_that_saw_it():
    m3_ids = [f"N{i:04d}" for i in range(10)]
    other = ["M1/A", "M1/B", "Tourism/C"]
    cache = _cache(m3_ids + other)
    data = [(sn, np.ones(8), np.ones(6)) for sn in m3_ids]
    tables, fold, used = m3.tables_for(data, cache, own_set=True)
    # 5 folds of 10 series: each table has the 8 M3 series of the other folds + 3 others
    assert sorted(fold.values()) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert {t.shape[0] for t in tables.values()} == {22} and used == 22
    tables, fold, used = m3.tables_for(data, cache, own_set=False)
    assert set(fold.values()) == {0} and tables[0].shape[0] == 6 and used == 6


def test_recalibration_without_deep_rows_only_centres():
    errors = np.array([[1.0, 2.0], [3.0, 6.0], [5.0, 10.0]])
    out = recalibrate(errors, np.ones(3, bool))
    assert out.tolist() == [[-2.0, -4.0], [0.0, 0.0], [2.0, 4.0]]


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
