"""Coverage anchoring, reconciliation of regions with the nation, and their use in a run."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from forecast.data import load_panel
from forecast.errors import ModelError
from forecast.models.base import Ceiling
from forecast.coveragerun import coverage_projection
from forecast.regional import level_at, reconcile, reconcile_run
from forecast.reasons import quality_text, reason_text
from forecast.results import run_region
from forecast.series import Series
from forecast.simulate import ModelScore, Projection


def _deterministic_projection(n_paths: int = 4) -> tuple[Series, Projection]:
    """Participants 100, 110, 121 (2020-2022), projected 133.1, 146.41 on every path."""
    active = Series.from_years([2020, 2021, 2022], [100.0, 110.0, 121.0])
    paths = np.tile([133.1, 146.41], (n_paths, 1))
    score = ModelScore(name="m", fitted=True, weight=1.0, backtest_mse=None,
                       backtest_mape=None, n_origins=0)
    return active, Projection(series=active, t=np.array([2023.0, 2024.0]), paths=paths,
                              model_paths={"m": paths}, scores=(score,), seed=1)


def _coverage(values, years) -> Series:
    return Series.from_years(years, values, metric="coverage_pct", unit="percent")


def test_coverage_moves_with_participants_over_employment():
    active, proj = _deterministic_projection()
    employment = Ceiling(t0=2022.0, level=1000.0, growth=0.02)
    # Earlier readings (other denominators) must not matter: only the last one anchors.
    cov = _coverage([70.0, 40.0], [2021, 2022])
    projection, basis = coverage_projection(cov, active, proj, employment, horizon=2,
                                            denominator="labour force")
    # Growth of participants over employment, g = log(1.1 / 1.02) = 0.0755076 and
    # log(1.21 / 1.0404) = 0.1510153, moves the logit of the share by g / (1 - 0.40):
    # expit(logit(0.4) + 0.0755076 / 0.6) = 0.430547, expit(logit(0.4) + 0.1510153 / 0.6)
    # = 0.461632 (first-order the same as 40 * 1.1 / 1.02 = 43.14, but bounded).
    np.testing.assert_allclose(projection.paths[0], [43.054714, 46.163226], rtol=1e-6)
    np.testing.assert_allclose(projection.model_paths["m"][0], projection.paths[0])
    # Implied history: 2020 = 40 * 100/121 * 1.02**2, 2021 = 40 * 110/121 * 1.02, anchor 40.
    np.testing.assert_allclose(projection.series.values, [34.393388, 37.090909, 40.0],
                               rtol=1e-6)
    assert projection.series.dates[-1] == "2022-12-31"
    assert basis.anchor_value == 40.0 and basis.earlier_readings == 1
    assert basis.denominator == "labour force" and basis.implied_points == 2


def test_coverage_approaches_100_percent_without_clipping():
    active, proj = _deterministic_projection()
    employment = Ceiling(t0=2022.0, level=1000.0, growth=0.0)
    projection, _ = coverage_projection(_coverage([95.0], [2022]), active, proj, employment,
                                        horizon=2)
    # 95 % growing 10 %/yr would be 104.5 % and 115 %: on the logit it rises, below 100.
    assert np.all(projection.paths < 100.0)
    assert np.all(np.diff(projection.paths, axis=1) > 0) and projection.paths.min() > 95.0


def test_coverage_moved_with_the_nations_count_strays_from_it_as_a_pooled_region_does():
    """A region with no count of its own moves with the nation's, plus the pooled regions'
    yearly random walk (SIGMA_RW, in the log of the participants): at 40 % its logit
    spreads by SIGMA_RW * sqrt(k) / (1 - 0.40) k years on, around the nation's path."""
    from forecast.calibration import logit
    from forecast.regional import SIGMA_RW

    active, proj = _deterministic_projection(n_paths=20_000)
    employment = Ceiling(t0=2022.0, level=1000.0, growth=0.02)
    east = Series.from_years([2022], [40.0], region="east", metric="coverage_pct",
                             unit="percent")
    projection, _ = coverage_projection(east, active, proj, employment, horizon=2)
    z = logit(projection.paths / 100.0)
    # The nation's path alone (test above): 43.054714 and 46.163226.
    centre = logit(np.array([0.43054714, 0.46163226]))
    np.testing.assert_allclose(np.median(z, axis=0), centre, atol=0.01)
    np.testing.assert_allclose(z.std(axis=0), SIGMA_RW * np.sqrt([1, 2]) / 0.6, rtol=0.03)
    np.testing.assert_array_equal(projection.model_paths["m"], projection.paths)
    # The same seed gives the same paths; the region's own count would carry no walk.
    again, _ = coverage_projection(east, active, proj, employment, horizon=2)
    np.testing.assert_array_equal(again.paths, projection.paths)
    own, _ = coverage_projection(_coverage([40.0], [2022]), active, proj, employment,
                                 horizon=2)
    assert np.ptp(own.paths, axis=0).max() == 0


def test_coverage_needs_a_participants_series():
    _, proj = _deterministic_projection()
    empty = Series.from_years([], [])
    with pytest.raises(ModelError, match="no participants series"):
        coverage_projection(_coverage([40.0], [2022]), empty, proj,
                            Ceiling.constant(1.0), horizon=1)


def test_reconcile_shares_the_whole_in_proportion():
    whole = {2026: {"p10": 80.0, "p50": 100.0, "p90": 120.0}}
    parts = {"a": {2026: {"p10": 20.0, "p50": 30.0, "p90": 40.0}, 2027: {"p50": 1.0}},
             "b": {2026: {"p10": 40.0, "p50": 50.0, "p90": 60.0}}}
    out = reconcile(whole, parts)
    assert out["years"] == [2026]
    assert out["factor"][2026] == pytest.approx(1.25)
    assert out["adjustment"][2026] == pytest.approx(20.0)
    assert out["regions"]["a"][2026]["p50"] == pytest.approx(37.5)
    assert out["regions"]["b"][2026]["p90"] == pytest.approx(75.0)
    total = sum(out["regions"][r][2026]["p50"] for r in parts)
    assert total == pytest.approx(whole[2026]["p50"])


def test_reconcile_without_common_years_is_an_error():
    with pytest.raises(ModelError, match="share no year"):
        reconcile({2026: {"p50": 1.0}}, {"a": {2027: {"p50": 1.0}}})


def _res(region, fan):
    return {"region": region, "projections": [
        {"metric": "active_total", "projected": True,
         "fan": [{"year": y, "p10": v * 0.9, "p50": v, "p90": v * 1.1} for y, v in fan]}]}


def test_reconcile_run_needs_every_region_of_a_level():
    regions = pd.DataFrame({"id": ["national", "k1", "k2", "p1", "p2", "p3", "p4"],
                            "level": ["national", "kanwil", "kanwil"] + ["province"] * 4})
    results = {"national": _res("national", [(2026, 100.0)]),
               "k1": _res("k1", [(2026, 40.0)]), "k2": _res("k2", [(2026, 40.0)]),
               "p1": _res("p1", [(2026, 50.0)]), "p2": _res("p2", [(2026, 20.0)]),
               "p3": _res("p3", [(2026, 10.0)])}
    out = reconcile_run(results, regions)
    assert out["levels"]["kanwil"]["factor"][2026] == pytest.approx(1.25)
    assert "p4" in out["levels"]["province"]["missing"]
    assert "only be reconciled" in reason_text(out["levels"]["province"]["skipped"])
    # A region of the level that ran but has no participants is listed, and the others
    # are scaled down only: its share of the whole is not theirs (it was: factor 1.25).
    none = {"metric": "active_total", "projected": False, "reason": "no observations"}
    results["p4"] = {"region": "p4", "projections": [none]}
    out = reconcile_run(results, regions)
    assert out["levels"]["province"]["missing"] == {"p4": "no observations"}
    assert out["levels"]["province"]["factor"][2026] == pytest.approx(1.0)
    assert out["levels"]["province"]["down_only"] is True
    assert out["levels"]["province"]["down_why"] == "missing"
    results["p1"] = _res("p1", [(2026, 90.0)])  # the three above the whole: scaled down
    out = reconcile_run(results, regions)
    assert out["levels"]["province"]["factor"][2026] == pytest.approx(100 / 120)
    assert "skipped" in reconcile_run({"k1": results["k1"]}, regions)
    # Most of a level without counts: scaling the rest to the whole would mislead.
    results["p3"] = {"region": "p3", "projections": [none]}
    out = reconcile_run(results, regions)
    assert "would credit them with the rest" in reason_text(out["levels"]["province"]["skipped"])


@pytest.fixture(scope="module")
def shipped():
    return load_panel()


@pytest.mark.slow
def test_regional_coverage_target_is_assessed_on_shipped_data(shipped):
    # Bali's only coverage target is due at end-2025, past due with all data today (an
    # outcome, tests/test_outcomes.py): assessed as of mid-2025, with the Mar 2025 reading.
    res = run_region(shipped, "bali", n_paths=400, seed=3, as_of="2025-06-30",
                     vintage_basis="date")
    cov = [t for t in res["targets"] if t["metric"] == "coverage_pct"]
    assert cov, res["skipped"]
    entry = cov[0]
    assert entry["coverage_basis"]["anchor_date"] == entry["last_observed"]["date"]
    cov_q = entry["data_quality"]["coverage"]
    assert cov_q["anchor_date"] == entry["last_observed"]["date"]
    assert cov_q["denominator"] == "ucj_base"  # named in words, not by its code
    assert "denominator: UCJ indicator base)" in quality_text(entry["data_quality"])
    assert 0.0 <= entry["probability"] <= 1.0
    proj = {p["metric"]: p for p in res["projections"]}
    assert proj["active_total"]["projected"]
    years = [q["year"] for q in proj["active_total"]["fan"]]
    assert years[-1] == 2030 and years == sorted(years)


def test_region_without_participants_says_why(shipped):
    res = run_region(shipped, "papua-tengah", n_paths=200, seed=3)
    proj = {p["metric"]: p for p in res["projections"]}
    assert proj["active_total"]["projected"] is False
    assert proj["active_total"]["reason"] == {"code": "no_observations",
                                              "metric": "active_total",
                                              "region": "papua-tengah",
                                              "region_name": "Papua Tengah", "as_of": None}
    assert reason_text(proj["active_total"]["reason"]) == \
        "no observations of active_total for Papua Tengah"
    assert reason_text(proj["active_total"]["reason"], "id") == \
        "tidak ada pengamatan active_total untuk Papua Tengah"


def test_level_at_bridges_the_gap_to_a_projection_that_starts_later():
    # The last reading (t 2021.75, 100) and a projection starting at a nowcast year-end
    # (t 2022.0, 110): halfway, the level is the geometric mean sqrt(100 * 110) = 104.88;
    # this once raised "outside the projection" (forecast compare --as-of 2022 2023).
    observed = SimpleNamespace(t=np.array([2020.0, 2021.75]), values=np.array([90.0, 100.0]),
                               last_t=2021.75, last_value=100.0)
    projection = SimpleNamespace(paths=np.full((3, 1), 121.0),
                                 series=SimpleNamespace(last_t=2022.0, last_value=110.0))
    got = level_at(observed, projection, np.array([2021.0, 2021.875]))
    assert got[:, 0] == pytest.approx(np.exp(np.interp(2021.0, [2020.0, 2021.75],
                                                        np.log([90.0, 100.0]))))
    assert got[:, 1] == pytest.approx(np.sqrt(100.0 * 110.0))


def test_every_history_date_of_a_run_is_a_plain_str():
    # numpy.str_ dates (from indexing an array of dates) broke the fan chart under pandas 2:
    # pd.Timestamp(numpy.str_) raises "Expected str, got numpy.str_".
    from forecast.data import load_panel
    from forecast.run import run_region

    res = run_region(load_panel(None), "national", n_paths=100, seed=1)
    for entry in res["targets"]:
        for point in entry["history"] + entry["sub_annual"]:
            assert type(point["date"]) is str, (entry["metric"], point)
