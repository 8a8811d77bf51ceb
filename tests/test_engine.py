"""The calibrated engine: bounds, robustness to a failing model, seeds, coherent paths."""

from __future__ import annotations

import numpy as np
import pytest

from forecast import calibration
from forecast.errors import ModelError
from forecast.models import Ceiling, available_models
from forecast.series import Series
from forecast.simulate import project
from forecast.targets import assess

YEARS = list(range(2014, 2025))


def _growth(seed=3, growth=0.09, start=17e6, unit="persons", metric="active_total"):
    rng = np.random.default_rng(seed)
    values = start * np.cumprod(np.r_[1, 1 + growth + rng.normal(0, 0.03, len(YEARS) - 1)])
    return Series.from_years(YEARS, values, unit=unit, metric=metric)


def test_shipped_table_names_its_source_and_has_six_horizons():
    table = calibration.load_table()
    assert table.shape[1] == 6 and table.shape[0] >= 500
    from importlib import resources
    head = resources.files("forecast").joinpath("_data", "yearly_errors.csv").read_text()
    assert "M3 competition" in head.splitlines()[2]


def test_two_seeds_move_no_probability_by_more_than_one_point():
    series = _growth()
    a = project(series, available_models(), horizon=6, n_paths=5000, seed=1)
    b = project(series, available_models(), horizon=6, n_paths=5000, seed=np.random.SeedSequence(2))
    for j in range(6):
        for x in np.quantile(a.paths[:, j], [0.05, 0.2, 0.5, 0.8, 0.95]):
            pa, pb = np.mean(a.paths[:, j] >= x), np.mean(b.paths[:, j] >= x)
            assert abs(pa - pb) <= 0.01, (j, x, pa, pb)


def test_participants_never_above_their_ceiling_in_any_path():
    # A ceiling only 10 % above the last value, and fast growth: unbounded trends would cross.
    series = _growth(growth=0.15)
    ceiling = Ceiling(t0=2024.0, level=series.last_value * 1.1, growth=0.01)
    p = project(series, available_models(), horizon=20, n_paths=2000, seed=5, ceiling=ceiling)
    assert np.all(p.paths < ceiling.at(p.t)[None, :])
    for paths in p.model_paths.values():
        assert np.all(paths < ceiling.at(p.t)[None, :])
    assert np.all(p.paths > 0)
    r = assess(p, ceiling.at(2030.0) * 1.01, "2030-12-31")
    assert r.probability == 0.0 and r.bound_note == "target_at_or_above_bound"
    # No pace reaches it, so no rate is printed to be compared with the record.
    assert r.required_growth == "not_meaningful" and r.required_cagr is None
    assert r.growth_ratio is None


def test_coverage_stays_below_100_and_a_100_percent_target_gets_an_honest_answer():
    series = Series.from_years(YEARS, np.linspace(60, 97, len(YEARS)), unit="percent",
                               metric="coverage_pct")
    p = project(series, ["linear", "exponential", "rw_drift"], horizon=10, n_paths=2000,
                seed=1)
    assert np.all((p.paths > 0) & (p.paths < 100))
    # A target at the bound is met within rounding of it (from 99.95 %, as a published
    # "100 %" is): no path touches 100 %, yet coverage rising to 97 % may round to it.
    r = assess(p, 100.0, "2030-12-31")
    assert r.bound_note == "target_at_bound" and r.bound_value == 100.0
    # Rounding to 100 % stays unlikely (the clipped engine called it likely, 69 %);
    # a straight line in the share, one of the combination's members, runs to the bound
    # within a year, so it is not "very unlikely" either: 10 % with these paths.
    assert r.probability == np.mean(p.values_at(2030.0) >= 99.95) and r.probability < 0.2
    # Above the bound, no path can reach it.
    r = assess(p, 100.5, "2030-12-31")
    assert r.probability == 0.0 and r.bound_note == "target_at_or_above_bound"


def test_a_model_with_a_non_finite_forecast_is_left_out_with_a_note(monkeypatch):
    import forecast.simulate as sim

    real_build = sim._build

    class Broken:
        def __init__(self, inner):
            self.inner = inner

        def fit(self, series):
            fit = self.inner.fit(series)

            class F:
                params = fit.params

                def forecast(self, horizon):
                    frame = fit.forecast(horizon)
                    frame["median"] = np.inf
                    return frame

                # The per-model table asks a fit for its median alone (Fit.point).
                def point(self, horizon):
                    return self.forecast(horizon)["median"].to_numpy()
            return F()

    monkeypatch.setattr(sim, "_build", lambda name, ceiling: Broken(real_build(name, ceiling))
                        if name == "exponential" else real_build(name, ceiling))
    p = project(_growth(), ["linear", "exponential", "rw_drift"], horizon=3, n_paths=500,
                seed=2)
    assert "exponential" not in p.model_paths and np.all(np.isfinite(p.paths))
    assert any("exponential" in n and "not finite" in n for n in p.notes)
    r = assess(p, p.series.last_value * 1.2, "2027-12-31")
    assert 0.0 <= r.probability <= 1.0
    assert "exponential" not in [m["name"] for m in r.models]


def test_every_model_failing_is_a_model_error():
    with pytest.raises(ModelError, match="no model could be fitted"):
        project(Series.from_years([2023], [1e6]), ["linear"], horizon=1, n_paths=100, seed=1)


def test_probabilities_of_one_series_come_from_one_set_of_paths():
    # Reaching a higher level by a date is never more likely than reaching a lower one, and
    # reaching a level by a later date uses the same paths (no per-target resampling).
    p = project(_growth(), available_models(), horizon=6, n_paths=3000, seed=4)
    x = p.series.last_value
    probs = [assess(p, x * f, "2028-12-31").probability for f in (1.1, 1.3, 1.5)]
    assert probs[0] >= probs[1] >= probs[2]
    assert np.mean(p.paths[:, 3] >= x * 1.3) == probs[1]


def test_band_widens_with_the_horizon():
    p = project(_growth(), available_models(), horizon=20, n_paths=3000, seed=4)
    q = np.log(p.quantiles((0.1, 0.9)))
    width = (q["p90"] - q["p10"]).to_numpy()
    assert np.all(np.diff(width) > 0)


def test_required_growth_is_a_rate_only_where_meaningful():
    p = project(_growth(), ["linear", "rw_drift"], horizon=6, n_paths=500, seed=1)
    last = p.series.last_value
    reached = assess(p, last * 0.9, "2026-12-31")
    assert reached.required_growth == "already_reached" and reached.required_cagr is None
    absurd = assess(p, last * 40, "2026-12-31")
    assert absurd.required_growth == "not_meaningful" and absurd.required_cagr is None
    normal = assess(p, last * 1.21, "2026-12-31")
    assert normal.required_growth == "rate"
    assert normal.required_cagr == pytest.approx(0.1, abs=1e-9)


def test_a_falling_series_that_rises_names_the_assumption_carrying_it():
    # Participants fell 5 %/yr for a decade; the projection (a stand-in for one moved by the
    # national series) rises 3 %/yr: the target's notes must say what carries the rise.
    from dataclasses import replace

    falling = _growth(growth=-0.05, start=1e6)
    p = project(falling, ["rw_drift"], horizon=5, n_paths=500, seed=1)
    rising = falling.last_value * 1.03 ** np.arange(1, 6)
    lifted = replace(p, paths=np.tile(rising, (500, 1)), carried_by="national_growth")
    notes = assess(lifted, falling.last_value * 1.1, "2029-12-31").notes
    codes = [n for n in notes if isinstance(n, dict)]
    assert codes and codes[0]["code"] == "rise_carried_by"
    assert codes[0]["assumption"] == "national_growth"
    # The series' own (falling) projection needs no such note.
    assert not [n for n in assess(p, falling.last_value * 1.1, "2029-12-31").notes
                if isinstance(n, dict)]


def test_a_region_above_its_working_population_is_not_capped_at_it():
    # Jakarta counts participants where their employer registered them (head offices), so
    # its last reading (about 8.0M) is above its working residents. Capping it there
    # collapsed the band onto the cap (p10 = p50 = p90 = 6.09M in 2025, p10 = 0 later).
    from forecast.data import load_panel
    from forecast.results import run_region

    res = run_region(load_panel(), "dki-jakarta", n_paths=1000)
    (proj,) = [p for p in res["projections"] if p["metric"] == "active_total"]
    last = max(o["value"] for o in res["observations"] if o["metric"] == "active_total") \
        if res["observations"] else None
    for f in proj["fan"]:
        assert 0 < f["p10"] < f["p50"] < f["p90"]
    first = proj["fan"][0]
    assert last is None or first["p90"] > 0.9 * last


def test_scale_exponents_are_the_slope_of_error_size_against_scale():
    # Errors built as scale ** 0.5 (h1) and scale ** 1.0 (h2) times +-1: the fitted
    # exponents are those slopes, exactly (the group medians lie on the lines).
    scales = np.repeat(np.geomspace(0.01, 1.0, 20), 2)
    signs = np.tile([1.0, -1.0], 20)
    raw = np.column_stack([signs * scales**0.5, signs * scales])
    b = calibration.fit_exponents(raw, scales)
    assert b == pytest.approx([0.5, 1.0], abs=1e-9)


def test_error_table_spread_uses_the_last_exponent_beyond_the_table():
    table = calibration.ErrorTable(errors=np.zeros((3, 2)), exponents=np.array([1.0, 0.5]))
    assert table.spread(0.04, 4) == pytest.approx([0.04, 0.2, 0.2, 0.2])
    assert calibration.as_table(np.zeros((3, 2))).spread(0.04, 2) == pytest.approx([0.04, 0.04])


def test_table_file_carries_its_exponents():
    text = "# a comment\n# exponents:0.9,0.8\nh1,h2\n0.1,0.2\n-0.1,0.3\n"
    table = calibration.parse_table(text)
    assert table.exponents.tolist() == [0.9, 0.8] and table.vol_exponents is None
    assert table.errors.tolist() == [[0.1, 0.2], [-0.1, 0.3]]
    both = calibration.parse_table("# exponents:0.9,0.8\n# volatility exponents:0.3,0.2\n"
                                   "h1,h2\n0.1,0.2\n")
    assert both.exponents.tolist() == [0.9, 0.8] and both.vol_exponents.tolist() == [0.3, 0.2]
    shipped = calibration.load_table()
    b, c = shipped.exponents, shipped.vol_exponents
    assert b.shape == c.shape == (6,) and np.all(b > 0) and np.all(c > 0)
    # A series whose yearly changes are all k times larger gets a spread k ** (b + c) times
    # larger: more than the square root of k, less than k itself (errors grow with the size
    # of a series' moves, but less than in proportion: the fit of the one-factor table).
    assert np.all((b + c > 0.5) & (b + c < 1.2))


def test_volatility_is_the_mean_absolute_deviation_of_the_yearly_changes():
    # changes 0.10, 0.20, 0.10, 0.20, 0.10, 0.20: mean 0.15, every deviation 0.05
    z = np.concatenate([[0.0], np.cumsum([0.1, 0.2] * 3)])
    assert calibration.volatility_of(z) == pytest.approx(0.05)
    assert calibration.scale_of(z) == pytest.approx(0.15)
    # a straight line has no volatility: the floor
    assert calibration.volatility_of(np.arange(8) * 0.1) == calibration.SCALE_FLOOR
    # fewer than VOL_MIN_CHANGES changes: at least the scale (a few changes say little)
    assert calibration.volatility_of(np.array([0.0, 0.1, 0.2, 0.3])) == pytest.approx(0.1)
    # only the last SCALE_WINDOW changes count: an old jump is forgotten
    old_jump = np.concatenate([[0.0, 5.0], 5.0 + 0.1 * np.arange(1, 12)])
    assert calibration.volatility_of(old_jump) == calibration.SCALE_FLOOR


def test_two_exponents_are_recovered_from_errors_built_with_them():
    # |error| = scale ** 0.3 * vol ** 0.6 (h1) and scale ** 0.7 * vol ** 0.1 (h2), signs
    # alternating: the median regression recovers the exponents that built them.
    rng = np.random.default_rng(3)
    scales, vols = np.exp(rng.uniform(-5, 0, 400)), np.exp(rng.uniform(-5, 0, 400))
    signs = np.tile([1.0, -1.0], 200)
    raw = np.column_stack([signs * scales**0.3 * vols**0.6, signs * scales**0.7 * vols**0.1])
    b, c = calibration.fit_two_exponents(raw, scales, vols)
    assert b == pytest.approx([0.3, 0.7], abs=1e-6) and c == pytest.approx([0.6, 0.1], abs=1e-6)


def test_spread_with_volatility_exponents():
    table = calibration.ErrorTable(errors=np.zeros((3, 2)), exponents=np.array([1.0, 0.5]),
                                   vol_exponents=np.array([0.5, 0.0]))
    assert table.spread(0.04, 3, vol=0.01) == pytest.approx([0.004, 0.2, 0.2])
    with pytest.raises(ValueError, match="volatility"):
        table.spread(0.04, 2)


def test_a_smooth_climber_gets_a_narrower_band_than_a_jumpy_one_with_the_same_growth():
    # Both grow 8 % a year on average over 12 years; one steadily, one by 0 % and 16 %
    # by turns. Same scale, different volatility: the steady one's band is narrower.
    years = np.arange(2010, 2022)
    steady = 1e6 * np.exp(0.08 * np.arange(12))
    jumpy = 1e6 * np.exp(np.concatenate([[0.0], np.cumsum([0.0, 0.16] * 6)[:11]]))
    widths = []
    for values in (steady, jumpy):
        p = project(Series.from_years(years, values, region="r", metric="m", unit="people"),
                    ["rw_drift"], horizon=3, n_paths=2000, seed=1)
        q10, q90 = np.quantile(p.paths[:, 0], [0.1, 0.9])
        widths.append(np.log(q90 / q10))
    assert widths[0] < 0.6 * widths[1]


def test_a_share_is_combined_from_both_scales_and_straight_lines_stay_off_the_bound():
    from forecast import combine

    # A share climbing 10 points a year: a straight line in the share runs into 1 next year.
    u = np.array([0.5, 0.6, 0.7, 0.8, 0.9])
    centre, points = combine.combined(np.arange(5.0), u, 3, "logit")
    assert set(points) == set(combine.COMBINATION)
    # The natural-scale random walk with drift (1.0, 1.1, 1.2) is held at 1 - 0.25 * 0.1 of
    # the bound: it closes at most three quarters of its last distance from it.
    assert points["rw_drift_level"] == pytest.approx(np.full(3, np.log(0.975 / 0.025)))
    assert np.all(np.isfinite(centre))
    assert centre == pytest.approx(np.median(np.vstack(list(points.values())), axis=0))
    # A share that started tiny is not floored in its history (logit scale, not the line's
    # floor): its logit-scale drift is (logit 0.4 - logit 0.001) / 4.
    _, pts = combine.combined(np.arange(5.0), np.array([0.001, 0.01, 0.1, 0.3, 0.4]), 1,
                              "logit", members=("rw_drift",))
    drift = (np.log(0.4 / 0.6) - np.log(0.001 / 0.999)) / 4
    assert pts["rw_drift"][0] == pytest.approx(np.log(0.4 / 0.6) + drift)


def test_combine_points_median_and_trimmed_mean():
    from forecast import combine

    pts = np.array([[1.0, 10.0], [2.0, 0.0], [4.0, 3.0], [8.0, 5.0], [100.0, 4.0]])
    # median: 4 and 4; trimmed: drop 1 and 100 -> (2 + 4 + 8) / 3; drop 0 and 10 -> 4
    assert combine.combine_points(pts, "median").tolist() == [4.0, 4.0]
    assert combine.combine_points(pts, "trimmed") == pytest.approx([14 / 3, 4.0])
    assert combine.combine_points(pts[:2], "trimmed").tolist() == [1.5, 5.0]
    assert combine.COMBINER == "median"  # the fifth round's trimmed mean was not taken
    with pytest.raises(ValueError, match="trimmed"):
        combine.combine_points(pts, "mean")
