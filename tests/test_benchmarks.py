"""The benchmark's helpers on hand-computed inputs: scoring, baselines, cases, goals, and
the synthetic-region generator. Nothing here is timed (timings live in benchmarks/ only)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from forecast import config
from forecast.data import data_hash, load_panel, select
from forecast.errors import ParameterError
from forecast.series import Series

if str(config.PROJECT_ROOT) not in sys.path:  # benchmarks/ is not installed with the package
    sys.path.insert(0, str(config.PROJECT_ROOT))

from benchmarks import accuracy, peers, scoring, synthetic  # noqa: E402
from benchmarks.scale import MAX_STEP_RATIO, ScaleResult, ScaleRow, scale_goal  # noqa: E402
from benchmarks.machine import Timing  # noqa: E402


# ------------------------------------------------------------------------------ scoring


def test_mape_is_the_mean_absolute_percentage_error():
    # |110/100 - 1| = 0.10, |45/50 - 1| = 0.10, |60/40 - 1| = 0.50 -> mean 0.70 / 3
    assert scoring.mape([110, 45, 60], [100, 50, 40]) == pytest.approx(0.7 / 3)
    assert math.isnan(scoring.mape([], []))
    with pytest.raises(ValueError, match="actual"):
        scoring.mape([1.0], [0.0])
    with pytest.raises(ValueError, match="same length"):
        scoring.mape([1.0, 2.0], [1.0])


def test_coverage_counts_actuals_inside_the_band_ends_included():
    assert scoring.coverage([0, 0, 0, 5], [1, 1, 1, 6], [0.5, 1.0, 2.0, 4.9]) == 0.5


def test_brier_score_on_hand_computed_probabilities():
    # (1-1)^2 + (0-1)^2 + (0.5-0)^2 + (0.2-0)^2 = 0 + 1 + 0.25 + 0.04 -> / 4
    assert scoring.brier([1.0, 0.0, 0.5, 0.2], [True, 1, False, 0]) == pytest.approx(1.29 / 4)
    with pytest.raises(ValueError, match="probabilities"):
        scoring.brier([1.2], [1])


def test_probability_from_a_grid_of_quantiles_interpolates_the_cdf():
    qs, values = (0.1, 0.5, 0.9), (10.0, 20.0, 30.0)
    assert scoring.prob_from_quantiles(qs, values, 20.0) == pytest.approx(0.5)
    assert scoring.prob_from_quantiles(qs, values, 15.0) == pytest.approx(0.7)  # cdf 0.3
    assert scoring.prob_from_quantiles(qs, values, 28.0) == pytest.approx(0.18)  # cdf 0.82
    # Beyond the grid the tail is unknown: held at the outermost levels.
    assert scoring.prob_from_quantiles(qs, values, 1.0) == pytest.approx(0.9)
    assert scoring.prob_from_quantiles(qs, values, 99.0) == pytest.approx(0.1)


def test_forecast_shapes_give_median_band_and_probability():
    paths = np.arange(1, 101, dtype=float).reshape(100, 1)  # 1..100 at one step
    s = scoring.SampleForecast(paths=paths)
    assert s.median[0] == pytest.approx(50.5)
    lo, hi = s.band
    assert (lo[0], hi[0]) == pytest.approx((np.quantile(paths, 0.1), np.quantile(paths, 0.9)))
    assert s.prob_at_least(1, 91.0) == pytest.approx(0.10)

    n = scoring.NormalForecast(mean=np.array([100.0]), sd=np.array([10.0]))
    lo, hi = n.band
    assert lo[0] == pytest.approx(stats.norm.ppf(0.1, 100, 10))
    assert hi[0] == pytest.approx(stats.norm.ppf(0.9, 100, 10))
    assert n.prob_at_least(1, 110.0) == pytest.approx(stats.norm.sf(110, 100, 10))

    p = scoring.PointForecast(values=np.array([5.0, 7.0]))
    assert p.band is None
    assert (p.prob_at_least(2, 7.0), p.prob_at_least(2, 7.1)) == (1.0, 0.0)

    q = scoring.QuantileForecast(qs=(0.1, 0.5, 0.9), values=np.array([[8.0], [10.0], [12.0]]))
    assert q.median[0] == 10.0
    assert [b[0] for b in q.band] == [8.0, 12.0]


def test_linear_fit_recovers_a_line_and_its_r2():
    exact = scoring.linear_fit([10, 40, 160], [5 + 2 * 10, 5 + 2 * 40, 5 + 2 * 160])
    assert exact["slope"] == pytest.approx(2.0)
    assert exact["intercept"] == pytest.approx(5.0)
    assert exact["r2"] == pytest.approx(1.0)
    curved = scoring.linear_fit([1, 2, 3, 4], [1, 4, 9, 16])
    assert curved["r2"] < 0.99
    with pytest.raises(ValueError):
        scoring.linear_fit([1, 1], [2, 3])


# ------------------------------------------------------------------------------ baselines


def test_compound_growth_extrapolation_since_first_and_over_last_years():
    s = Series.from_years([2020, 2021, 2022], [100.0, 100.0, 121.0])
    first = peers.cagr_extrapolation(s, 2)  # (121/100)^(1/2) - 1 = 10 %/yr
    assert first.median == pytest.approx([133.1, 146.41])
    last = peers.cagr_extrapolation(s, 1, years=1)  # 121/100 - 1 = 21 %
    assert last.median == pytest.approx([146.41])


def test_random_walk_with_drift_on_levels():
    s = Series.from_years([2019, 2020, 2021, 2022], [10.0, 12.0, 15.0, 17.0])
    fc = peers.rw_drift_levels(s, 2)
    # changes 2, 3, 2: drift 7/3, sd sqrt(1/3); h-step sd s * sqrt(h * (1 + h / 3))
    assert fc.median == pytest.approx([17 + 7 / 3, 17 + 14 / 3])
    assert fc.sd == pytest.approx([math.sqrt(1 / 3) * math.sqrt(4 / 3),
                                   math.sqrt(1 / 3) * math.sqrt(2 * 5 / 3)])
    with pytest.raises(ValueError, match="3 consecutive"):
        peers.rw_drift_levels(Series.from_years([2020, 2022, 2023], [1.0, 2.0, 3.0]), 1)


# ------------------------------------------------------------------------------ cases, goals


def test_cases_are_fitted_on_what_was_known_at_each_origin(tiny_data_dir):
    panel = load_panel(tiny_data_dir)
    cases, notes = accuracy.build_cases(panel, metrics=("active_total", "active_bpu"))
    # 2014..2024 year-ends: origins from the 5th point (2018) to the last with an actual.
    assert [c.origin for c in cases] == [2018, 2019, 2020, 2021, 2022, 2023]
    c = cases[0]
    assert c.train.last_t == 2018.0 and len(c.train) == 5
    full = select(panel, "national", "active_total")
    assert c.actuals == {h: float(full.values[full.t == 2018 + h][0]) for h in (1, 2, 3)}
    assert cases[-1].actuals == {1: 45.2e6}
    assert c.ceiling is not None  # working population known by 2018
    assert notes == ["national/active_bpu: 0 year-end point(s); needs 6+ (5 to fit, 1 to "
                     "score): not scored"]


def test_thresholds_are_official_targets_due_then_and_the_actual_times_factors(tiny_data_dir):
    panel = load_panel(tiny_data_dir)
    got = accuracy.thresholds_for(panel, "national", "active_total", 2023, {3: 50e6})
    assert (3, 70e6, "official target") in got
    assert sorted(x for _, x, k in got if k != "official target") == pytest.approx(
        [50e6 * f for f in accuracy.ACTUAL_FACTORS])


def _result(rows: list[tuple[str, int, float, float, float, float]]) -> accuracy.AccuracyResult:
    points = pd.DataFrame([{"method": m, "metric": "active_total", "origin": o, "step": 1,
                            "actual": a, "median": med, "lower": lo, "upper": hi}
                           for m, o, a, med, lo, hi in rows])
    methods = [accuracy.MethodInfo(m, "test") for m in dict.fromkeys(r[0] for r in rows)]
    return accuracy.AccuracyResult(points=points, probs=pd.DataFrame(
        columns=["method", "metric", "origin", "step", "threshold", "kind", "prob", "outcome"]),
        methods=methods, cases=[], notes=[])


def test_goals_compare_on_shared_forecasts_and_check_the_band():
    c = accuracy.COMBINED
    res = _result([
        (c, 2020, 100, 105, 90, 110), (c, 2021, 100, 102, 95, 99),  # APE 5 %, 2 %; 1 of 2 in
        ("worse", 2020, 100, 110, 0, 0), ("worse", 2021, 100, 90, 0, 0),  # 10 %, 10 %
        ("better", 2020, 100, 101, 0, 0),  # 1 % vs ours 5 % on the one shared forecast
    ])
    mape_goal, band_goal = accuracy.goals(res)
    assert not mape_goal["met"]
    assert "beats 1 of 2" in mape_goal["measure"] and "better (1.0% vs ours 5.0%, n=1)" \
        in mape_goal["measure"]
    assert not band_goal["met"] and "50% (1 of 2" in band_goal["measure"]
    good = accuracy.goals(_result([(c, 2020, 100, 100, 90, 110), ("worse", 2020, 100, 90, 0, 0)]
                                  + [(c, 2000 + i, 100, 100, 90, 110) for i in range(3)]
                                  + [(c, 2010, 100, 100, 101, 110)]))
    assert good[0]["met"]
    assert good[1]["met"] and "80% (4 of 5" in good[1]["measure"]


def test_scale_goal_calls_growth_linear_only_when_costs_per_region_hold():
    def result(cpu, wall=None):
        wall = wall or cpu
        rows = tuple(ScaleRow(n, Timing(w, None, c, 0, "", "", ""))
                     for n, w, c in zip((10, 40, 160), wall, cpu))
        return ScaleResult(rows=rows, n_paths=1, jobs=1, models="",
                           fit=scoring.linear_fit([10, 40, 160], cpu),
                           step_costs=((cpu[1] - cpu[0]) / 30, (cpu[2] - cpu[1]) / 120),
                           wall_fit=scoring.linear_fit([10, 40, 160], wall),
                           wall_step_costs=((wall[1] - wall[0]) / 30,
                                            (wall[2] - wall[1]) / 120))

    goal = scale_goal(result([25.0, 85.0, 325.0]))  # 2 s a region throughout
    assert goal["met"] and "CPU: marginal 2.00 s/region" in goal["measure"]
    quadratic = [5 + 0.02 * n * n for n in (10, 40, 160)]
    assert (quadratic[2] - quadratic[1]) / 120 > MAX_STEP_RATIO * (quadratic[1] - quadratic[0]) / 30
    assert not scale_goal(result(quadratic))["met"]
    # The verdict is on CPU time: noisy wall time on a shared machine does not decide it.
    noisy = scale_goal(result([25.0, 85.0, 325.0], wall=[30.0, 80.0, 500.0]))
    assert noisy["met"] and "wall: marginal" in noisy["measure"]


def test_scale_goal_is_not_judged_on_two_sizes():
    # A full `make bench` gave its whole-run budget to the calibration section, the scale ran
    # 10 and 20 regions only, and a line through two points (R^2 1.0000) was called "met".
    from benchmarks.report import goal_lines

    rows = tuple(ScaleRow(n, Timing(w, None, w, 0, "", "", "")) for n, w in ((10, 16.0),
                                                                          (20, 26.0)))
    two = ScaleResult(rows=rows, n_paths=1, jobs=1, models="",
                      fit=scoring.linear_fit([10, 20], [16.0, 26.0]), step_costs=(1.0,),
                      wall_fit=None, wall_step_costs=(), skipped=((40, 50.0, 0.0),))
    goal = scale_goal(two)
    assert goal["met"] is None and goal["measure"].startswith("not judged: 2 sizes ran")
    assert goal_lines([goal]).startswith("- **not judged**: batch cost grows linearly")
    assert goal_lines([{"goal": "g", "met": False, "measure": "m"}]) == "- **not met**: g: m"


def test_the_scale_budget_is_the_sections_own(monkeypatch, tmp_path):
    # The budget was what was left of 15 minutes for the whole run: nothing, after the
    # calibration section. It is the scale section's own now.
    import benchmarks.run as run
    import benchmarks.scale as scale

    seen = {}

    def fake_run_scale(sizes, **kw):
        seen["budget"] = kw["budget"]
        raise run.ForecastError("stop here")

    monkeypatch.setattr(scale, "run_scale", fake_run_scale)
    assert run.main(["--section", "scale", "--no-write", "--budget-minutes", "7"]) == 2
    assert seen["budget"] == 7 * 60
    assert run.main(["--section", "scale", "--no-write", "--budget-minutes", "0"]) == 2
    assert seen["budget"] is None


# ------------------------------------------------------------------------------ synthetic


def test_synthetic_regions_are_scaled_national_series_marked_synthetic(tiny_data_dir, tmp_path):
    out = tmp_path / "synthetic"
    before = data_hash(tiny_data_dir)
    ids = synthetic.make_synthetic_data(4, out, source_dir=tiny_data_dir, seed=7)
    assert ids == ["synthetic-001", "synthetic-002", "synthetic-003", "synthetic-004"]
    assert data_hash(tiny_data_dir) == before  # the source is never written
    panel = load_panel(out)  # passes every validation of a data directory
    real = load_panel(tiny_data_dir)
    assert len(panel.regions) == len(real.regions) + 4
    obs = panel.observations[panel.observations["region"].str.startswith("synthetic-")]
    assert (obs["source_id"] == synthetic.SOURCE_ID).all()
    assert obs["note"].str.startswith("SYNTHETIC, not real data").all()
    assert panel.regions.set_index("id").loc[ids, "name"].str.startswith("Synthetic").all()

    nat = select(real, "national", "active_total")
    full = select(panel, "synthetic-001", "active_total")
    ratio = full.values / nat.values
    assert np.allclose(ratio, ratio[0], rtol=1e-6)  # one constant factor per region
    lo, hi = synthetic.FACTOR_RANGE
    assert lo <= ratio[0] <= hi
    sparse = select(panel, "synthetic-002", "active_total")
    assert list(sparse.dates) == list(nat.dates[-synthetic.SPARSE_POINTS:])
    assert set(obs.loc[obs["region"] == "synthetic-002", "metric"]) == set(
        synthetic.SPARSE_METRICS)
    tgt = panel.targets[panel.targets["region"] == "synthetic-001"]
    assert set(tgt["metric"]) == {"active_total", "fund_investment"}

    again = tmp_path / "again"
    synthetic.make_synthetic_data(4, again, source_dir=tiny_data_dir, seed=7)
    assert data_hash(again) == data_hash(out)  # same seed, same files


def test_synthetic_generator_rejects_bad_sizes_and_the_source_folder(tiny_data_dir, tmp_path):
    with pytest.raises(ParameterError, match="n: expected"):
        synthetic.make_synthetic_data(0, tmp_path / "x", source_dir=tiny_data_dir)
    with pytest.raises(ParameterError, match="out_dir"):
        synthetic.make_synthetic_data(2, tiny_data_dir, source_dir=tiny_data_dir)
    assert synthetic.synthetic_ids(1000)[-1] == "synthetic-1000"


def test_synthetic_regions_from_the_shipped_data_keep_its_optional_columns(tmp_path):
    # The shipped observations carry the optional `denominator` column (coverage bases);
    # the scale benchmark's generator failed on it ("dict contains fields not in
    # fieldnames"), so `make bench` stopped at its scale section.
    out = tmp_path / "synthetic"
    ids = synthetic.make_synthetic_data(2, out, source_dir=config.PROJECT_ROOT / "data", seed=7)
    panel = load_panel(out)
    assert ids == ["synthetic-001", "synthetic-002"]
    header = (out / "observations.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",")[-1] == "denominator"
    shipped = load_panel(config.PROJECT_ROOT / "data")
    assert len(panel.observations) > len(shipped.observations)


def test_own_series_scores_another_schemes_folder(tmp_path):
    """``own_series.py --data-dir``: every origin of another scheme's series, its bounds."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from test_other_schemes import write_scheme

    from benchmarks import own_series

    # SYNTHETIC: members growing 5 %/yr with a wobble, 8 year-ends (2010-2017), no ceiling;
    # a coverage share of it without a denominator series, 8 year-ends too.
    members = [1e6 * 1.05 ** k * (1.01 if k % 2 else 0.99) for k in range(8)]
    cover = [40.0 + 3 * k + (0.5 if k % 2 else -0.5) for k in range(8)]
    obs = ([("land", "members", f"{2010 + k}-12-31", round(v), "") for k, v in
            enumerate(members)]
           + [("land", "cover", f"{2010 + k}-12-31", v, "residents") for k, v in
              enumerate(cover)])
    target = [("land", "cover", "2017-12-31", 60.0, "residents")]
    folder = write_scheme(tmp_path / "scheme", obs, target)
    out = tmp_path / "out"
    assert own_series.main(["--data-dir", str(folder), "--out", str(out)]) == 0
    points = pd.read_csv(out / "own_series_points.csv")
    ours = points[points.method == "ours (calibrated)"]
    # Origins with >= 5 points: 2014 (3 actuals ahead), 2015 (2), 2016 (1), per series.
    assert len(ours) == 2 * (3 + 2 + 1)
    cov = ours[ours.metric == "cover"]
    assert (cov.upper < 100).all() and (cov.lower > 0).all()
    assert (out / "own_series.md").read_text().count("| ours (calibrated) | 12 |") == 1
    assert (out / "reliability.png").stat().st_size > 0
    # A folder without a series long enough: one line, exit 2, nothing written.
    short = write_scheme(tmp_path / "short", obs[:3], target)
    assert own_series.main(["--data-dir", str(short), "--out", str(tmp_path / "o2")]) == 2
    assert not (tmp_path / "o2" / "own_series.md").exists()


def test_help_is_timed_with_the_bytecode_cache_a_user_has(monkeypatch, tmp_path):
    # This machine may set PYTHONDONTWRITEBYTECODE; a user's shell does not: the timed runs
    # must follow an untimed one and must not carry the variable.
    from benchmarks import speed

    calls = []
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setattr(speed.subprocess, "run",
                        lambda cmd, **kw: calls.append((cmd, kw.get("env"))))
    helps, bare = speed.startup(3)
    assert len(helps) == len(bare) == 3 and len(calls) == 2 * (1 + 3)
    assert all(env is not None and "PYTHONDONTWRITEBYTECODE" not in env for _, env in calls)
    assert [c[0][-1] for c in calls[:2]] == ["--help", "pass"]
