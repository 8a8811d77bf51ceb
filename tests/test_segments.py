"""Segments: own trend or share-of-total fallback, and the gap decomposition."""

from __future__ import annotations

import numpy as np
import pytest

from forecast import segments
from forecast.data import load_panel, select
from forecast.series import Series
from forecast.simulate import ModelScore, Projection, project
from forecast.targets import cagr
from forecast.reasons import reason_text

FAST_MODELS = ["linear", "exponential", "rw_drift"]


@pytest.fixture(scope="module")
def panel():
    return load_panel()


@pytest.fixture(scope="module")
def shipped(panel):
    total = select(panel, "national", "active_total", as_of=2023)
    proj = project(total, FAST_MODELS, horizon=5, n_paths=400, seed=1)
    segs = segments.project_segments(panel, proj, as_of=2023, t_end=2026.0,
                                     models=FAST_MODELS, n_paths=400, seed=1)
    return total, proj, segs


def test_sparse_segments_fall_back_on_their_share_and_say_why(panel, shipped):
    _, _, segs = shipped
    assert [s.metric for s in segs] == list(segments.SEGMENTS)
    for seg in segs:
        n = len(select(panel, "national", seg.metric, as_of=2023))
        assert n < segments.MIN_ANNUAL_POINTS and seg.fallback
        words = reason_text(seg.reason)
        assert f"only {n} year-end point" in words and "share of active_total" in words


def test_fallback_starts_from_the_last_shared_share(panel, shipped):
    _, _, segs = shipped
    pu = next(s for s in segs if s.metric == "active_pu")
    total = select(panel, "national", "active_total", as_of=2023, annual=False)
    last = pu.series.dates[-1]
    share = pu.series.last_value / dict(zip(total.dates, total.values))[last]
    assert f"{share:.1%} at {last}" in reason_text(pu.reason)


def test_segment_with_enough_points_gets_its_own_trend(tmp_path):
    from conftest import make_data_dir, observation_rows, write_csv

    root = make_data_dir(tmp_path / "d")
    rows = observation_rows()
    for y, v in {2017: 20e6, 2018: 22e6, 2019: 24e6, 2020: 23e6, 2021: 24e6, 2022: 27e6,
                 2023: 29e6}.items():
        rows.append({"region": "national", "metric": "active_pu", "date": f"{y}-12-31",
                     "value": f"{v:.0f}", "unit": "persons", "source_id": "src-a", "note": ""})
    write_csv(root / "observations.csv", rows)
    p = load_panel(root)
    total = select(p, "national", "active_total", as_of=2023)
    proj = project(total, FAST_MODELS, horizon=4, n_paths=200, seed=1)
    segs = segments.project_segments(p, proj, as_of=2023, t_end=2026.0, models=FAST_MODELS,
                                     n_paths=200, seed=1)
    assert len(segs) == 1 and not segs[0].fallback
    assert reason_text(segs[0].reason).startswith("own trend on 7 year-end points")


def _fixed(metric: str, last: float, at_2026: float) -> segments.SegmentProjection:
    series = Series.from_years([2022, 2023], [last * 0.9, last], region="national",
                               metric=metric)
    t = np.array([2024.0, 2025.0, 2026.0])
    paths = np.tile(np.linspace(last, at_2026, 4)[1:], (5, 1))
    proj = Projection(series=series, t=t, paths=paths, model_paths={"x": paths},
                      scores=(ModelScore("x", True, 1.0, None, None, 0),), seed=0)
    return segments.SegmentProjection(metric=metric, series=series, projection=proj,
                                      fallback=True, reason="test")


def test_decomposition_by_hand():
    segs = [_fixed("active_pu", 25e6, 30e6), _fixed("active_bpu", 9e6, 12e6),
            _fixed("active_jakon", 7e6, 7e6), _fixed("active_pmi", 0.5e6, 1e6)]
    d = segments.decomposition(segs, 70e6, "2026-12-31")
    rows = {r["metric"]: r for r in d["rows"]}
    assert rows["active_pu"]["median"] == pytest.approx(30e6)
    assert rows["active_pu"]["share_of_target"] == pytest.approx(30 / 70)
    assert d["sum_of_medians"] == pytest.approx(50e6) and d["gap"] == pytest.approx(20e6)
    # Others deliver 30 + 7 + 1 = 38M, so informal must reach 32M from 9M in 3 years.
    assert d["informal_required_value"] == pytest.approx(32e6)
    assert d["informal_required_cagr"] == pytest.approx((32 / 9) ** (1 / 3) - 1)
    assert d["informal_historical_cagr_full"] == pytest.approx(9 / 8.1 - 1)


def test_informal_history_is_the_seed_window_from_the_data(panel, shipped):
    total, _, segs = shipped
    d = segments.decomposition(segs, 70e6, "2026-12-31")
    bpu = select(panel, "national", "active_bpu", as_of=2023)
    by = dict(zip(bpu.dates, bpu.values))
    # The seed article's "2.5M three years earlier" is the 2020-12-31 row; the year-end 2023
    # row is the audited figure the growth is measured to.
    assert d["informal_history"]["from"] == {"date": "2020-12-31", "value": by["2020-12-31"]}
    assert d["informal_historical_cagr"] == pytest.approx(
        cagr(by["2020-12-31"], by["2023-12-31"], 3))
    others = sum(r["median"] for r in d["rows"] if r["metric"] != "active_bpu")
    assert d["informal_required_value"] == pytest.approx(70e6 - others)


def test_segments_are_reproducible(panel, shipped):
    _, proj, segs = shipped
    again = segments.project_segments(panel, proj, as_of=2023, t_end=2026.0,
                                      models=FAST_MODELS, n_paths=400, seed=1)
    for a, b in zip(segs, again):
        np.testing.assert_array_equal(a.projection.paths, b.projection.paths)
