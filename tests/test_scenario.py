"""Scenarios: strict validation (the bad-file corpus with exact messages), applying them to
paths, the national extras they feed, the CLI and reproducibility."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from forecast import config, national, results, scenario, whatif
from forecast.cli import main
from forecast.data import load_panel
from forecast.vintage import vintage
from forecast.errors import ParameterError
from forecast.series import Series
from forecast.simulate import ModelScore, Projection

SCENARIOS = config.DATA_DIR / "scenarios"
FAST_MODELS = ["linear", "exponential", "rw_drift"]

GOOD = '''name = "HYPOTHETICAL: test"
[adjustments]
extra_monthly_enrolments = { active_bpu = 100000, active_total = 50000 }
investment_return = 0.07
[adjustments.shock]
year = 2025
like = 2020
scale = 0.5
'''

# (file text, message after "<path>: ")
BAD = [
    ('name = "x"\ncolour = "red"\n[adjustments]\ninvestment_return = 0.07\n',
     "unknown key 'colour'; valid keys: name, description, adjustments"),
    ('[adjustments]\ninvestment_return = 0.07\n',
     "key 'name': expected a non-empty text such as \"Hypothetical: ...\", found nothing (the "
     "key is missing)"),
    ('name = 3\n[adjustments]\ninvestment_return = 0.07\n',
     "key 'name': expected a non-empty text such as \"Hypothetical: ...\", found 3"),
    ('name = "x"\n',
     "key 'adjustments': expected a table [adjustments] with at least one of "
     "extra_monthly_enrolments, investment_return, shock, found nothing (the key is missing)"),
    ('name = "x"\n[adjustments]\n',
     "key 'adjustments': expected at least one of extra_monthly_enrolments, "
     "investment_return, shock, found an empty table"),
    ('name = "x"\n[adjustments]\nreturn = 0.07\n',
     "unknown key 'adjustments.return'; valid keys in [adjustments]: "
     "extra_monthly_enrolments, investment_return, shock"),
    ('name = "x"\n[adjustments]\ninvestment_return = 8\n',
     "key 'adjustments.investment_return': expected a fraction per year from -0.5 to 0.5 "
     "(write 0.08 for 8 %), found 8"),
    ('name = "x"\n[adjustments]\ninvestment_return = "8%"\n',
     "key 'adjustments.investment_return': expected a fraction per year from -0.5 to 0.5 "
     "(write 0.08 for 8 %), found '8%'"),
    ('name = "x"\n[adjustments]\nextra_monthly_enrolments = { informal = 1000 }\n',
     "unknown key 'adjustments.extra_monthly_enrolments.informal'; valid keys in "
     "[adjustments.extra_monthly_enrolments]: active_total, active_pu, active_bpu, "
     "active_jakon, active_pmi"),
    ('name = "x"\n[adjustments]\nextra_monthly_enrolments = { active_bpu = -5 }\n',
     "key 'adjustments.extra_monthly_enrolments.active_bpu': expected persons a month, a "
     "number from 0 to 5,000,000, found -5"),
    ('name = "x"\n[adjustments]\nextra_monthly_enrolments = { active_bpu = true }\n',
     "key 'adjustments.extra_monthly_enrolments.active_bpu': expected persons a month, a "
     "number from 0 to 5,000,000, found true"),
    ('name = "x"\n[adjustments]\nextra_monthly_enrolments = 1000\n',
     "key 'adjustments.extra_monthly_enrolments': expected a table of metric = persons a "
     "month, e.g. { active_bpu = 150000 }, found 1000"),
    ('name = "x"\n[adjustments.shock]\nyear = 2025\n',
     "key 'adjustments.shock.like': expected a whole year, found nothing (the key is "
     "missing)"),
    ('name = "x"\n[adjustments.shock]\nyear = 2025.5\nlike = 2020\n',
     "key 'adjustments.shock.year': expected a whole year from 1900 to 2100, found 2025.5"),
    ('name = "x"\n[adjustments.shock]\nyear = 2025\nlike = 2020\nscale = 3\n',
     "key 'adjustments.shock.scale': expected a number from 0.0 to 2.0 (1 repeats the year "
     "in full), found 3"),
    ('name = "x"\n[adjustments.shock]\nyear = 2025\nlike = 2020\nseverity = 1\n',
     "unknown key 'adjustments.shock.severity'; valid keys in [adjustments.shock]: year, "
     "like, scale"),
]


def _write(tmp_path, text, name="s.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text,message", BAD)
def test_bad_scenario_files_get_one_exact_line(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(ParameterError) as exc:
        scenario.load_scenario(path)
    assert str(exc.value) == f"{path}: {message}"


def test_not_toml_and_missing_file(tmp_path):
    path = _write(tmp_path, "name = \n")
    with pytest.raises(ParameterError, match=r"s\.toml: expected a TOML file, found a syntax "
                                             r"error"):
        scenario.load_scenario(path)
    with pytest.raises(ParameterError, match="scenario: file not found"):
        scenario.load_scenario(tmp_path / "nope.toml")


def test_good_scenario_round_trips(tmp_path):
    s = scenario.load_scenario(_write(tmp_path, GOOD))
    assert s.enrolments == {"active_bpu": 100000.0, "active_total": 50000.0}
    assert s.investment_return == 0.07 and s.shock == scenario.Shock(2025, 2020, 0.5)
    d = s.as_dict()
    assert d["name"] == "HYPOTHETICAL: test" and d["hypothetical"] is True
    assert d["adjustments"]["shock"] == {"year": 2025, "like": 2020, "scale": 0.5}


def test_shipped_examples_are_valid_and_labelled_hypothetical():
    files = sorted(SCENARIOS.glob("*.toml"))
    assert files
    for path in files:
        s = scenario.load_scenario(path)
        assert "HYPOTHETICAL" in s.name and "Illustration only" in s.description


def _projection(values_2024_2026, last=40e6):
    series = Series.from_years([2022, 2023], [36e6, last], region="national")
    t = np.array([2024.0, 2025.0, 2026.0])
    paths = np.array(values_2024_2026, dtype=float)
    return Projection(series=series, t=t, paths=paths, model_paths={"x": paths},
                      scores=(ModelScore("x", True, 1.0, None, None, 0),), seed=0)


def test_enrolments_add_twelve_a_month_per_year_and_reach_the_total():
    s = scenario.parse_scenario({"name": "t", "adjustments": {
        "extra_monthly_enrolments": {"active_bpu": 1000, "active_total": 500}}})
    proj = _projection([[41e6, 42e6, 43e6]])
    bpu = national.apply(s, "active_bpu", proj, t0=2023.0, g_ref=None)
    np.testing.assert_allclose(bpu - proj.paths, [[12_000, 24_000, 36_000]])
    total = national.apply(s, "active_total", proj, t0=2023.0, g_ref=None)
    np.testing.assert_allclose(total - proj.paths, [[18_000, 36_000, 54_000]])
    pu = national.apply(s, "active_pu", proj, t0=2023.0, g_ref=None)
    np.testing.assert_array_equal(pu, proj.paths)


def test_shock_repeats_the_reference_growth_in_its_year():
    proj = _projection([[44e6, 48e6, 52e6], [42e6, 43e6, 44e6]])
    s = scenario.parse_scenario({"name": "t", "adjustments": {
        "shock": {"year": 2025, "like": 2020}}})
    out = national.apply(s, "active_total", proj, t0=2023.0, g_ref=-0.1)
    np.testing.assert_allclose(out[:, 0], proj.paths[:, 0])  # before the shock: untouched
    np.testing.assert_allclose(out[:, 1] / out[:, 0], 0.9)   # the shock year: -10 %
    np.testing.assert_allclose(out[:, 2] / out[:, 1], proj.paths[:, 2] / proj.paths[:, 1])
    half = scenario.parse_scenario({"name": "t", "adjustments": {
        "shock": {"year": 2025, "like": 2020, "scale": 0.5}}})
    out = national.apply(half, "active_total", proj, t0=2023.0, g_ref=-0.1)
    own = proj.paths[:, 1] / proj.paths[:, 0]
    np.testing.assert_allclose(out[:, 1] / out[:, 0], np.sqrt(own * 0.9))
    late = scenario.parse_scenario({"name": "t", "adjustments": {
        "shock": {"year": 2023, "like": 2020}}}, "late.toml")
    with pytest.raises(ParameterError, match=r"late\.toml: key 'adjustments.shock.year': "
                                             r"expected a projected year .* found 2023"):
        national.apply(late, "active_total", proj, t0=2023.0, g_ref=-0.1)


def test_reference_year_needs_observations():
    total = Series.from_years([2021, 2022, 2023], [1, 2, 3], region="national")
    s = scenario.parse_scenario({"name": "t", "adjustments": {
        "shock": {"year": 2025, "like": 2020}}}, "s.toml")
    with pytest.raises(ParameterError, match=r"s\.toml: key 'adjustments.shock.like': "
                                             r"expected a year .* found 2020"):
        national.reference_growth(total, s)
    ok = Series.from_years([2019, 2020], [34.17e6, 29.98e6], region="national")
    assert national.reference_growth(ok, s) == pytest.approx(29.98 / 34.17 - 1)


@pytest.fixture(scope="module")
def panel():
    return load_panel()


def test_national_extras_with_a_scenario_are_reproducible(panel):
    path = SCENARIOS / "hypothetical_informal_drive.toml"
    # The national analysis is fed by the run's projection of the total (national_context).
    ctx = results.national_context(panel, as_of=2023, n_paths=300, seed=11,
                                   models=FAST_MODELS)
    kw = dict(as_of=ctx.as_of, n_paths=300, seed=11, models=FAST_MODELS, with_backtest=False,
              project_total=lambda end_t: ctx.total_projection)
    cut = vintage(panel, 2023, basis="date")
    a = national.national_extras(cut, "national", scenario=path, **kw)
    b = national.national_extras(cut, "national", scenario=path, **kw)
    assert a == b
    base = national.national_extras(cut, "national", **kw)
    assert base["scenario"] is None
    sc = a["scenario"]
    assert sc["name"].startswith("HYPOTHETICAL") and sc["adjustments"] == {
        "extra_monthly_enrolments": {"active_bpu": 150000.0}}
    # More contributors: the structural fund and the workers can only go up.
    assert a["funds_model"]["median"] > base["funds_model"]["median"]
    assert sc["probabilities"]["active_total"] >= sc["baseline_probabilities"]["active_total"]
    assert sc["baseline_probabilities"]["fund_investment"] == base["funds_model"]["probability"]
    bpu = {r["metric"]: r for r in a["segments"]["rows"]}["active_bpu"]
    bpu0 = {r["metric"]: r for r in base["segments"]["rows"]}["active_bpu"]
    assert bpu["median"] - bpu0["median"] == pytest.approx(150000 * 36, rel=1e-6)


def test_scenario_is_national_only(panel):
    with pytest.raises(ParameterError, match="applies to the national run only"):
        national.national_extras(panel, "bali", scenario=SCENARIOS /
                                 "hypothetical_informal_drive.toml")
    assert national.national_extras(panel, "bali") == {"scenario": None}


def test_what_if_moves_with_the_controls(panel):
    ctx = results.national_context(panel, as_of=2023, n_paths=300, seed=2, models=FAST_MODELS)
    base = whatif.what_if(ctx)
    more = whatif.what_if(ctx, extra_monthly=500_000)
    rich = whatif.what_if(ctx, investment_return=0.12)
    assert more["active_total"] > base["active_total"]
    assert rich["fund_median"] > base["fund_median"]
    assert rich["active_total"] == base["active_total"]


def test_cli_records_the_scenario(tiny_data_dir, tmp_path, capsys):
    path = _write(tmp_path, GOOD)
    out = tmp_path / "r.json"
    code = main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "200", "--scenario",
                 str(path), "--output", str(out), "--models", ",".join(FAST_MODELS)])
    assert code == 0
    res = json.loads(out.read_text())
    assert res["scenario"]["name"] == "HYPOTHETICAL: test"
    assert res["scenario"]["file"] == str(path)
    # The tiny data has no flows: the fund model is skipped with its reason, not faked.
    assert "funds_model" not in res
    assert any(s["key"] == "funds_model" for s in res["extras_skipped"])
    assert "Scenario: HYPOTHETICAL: test" in capsys.readouterr().out


def test_cli_bad_scenario_is_one_line_exit_2(tiny_data_dir, tmp_path, capsys):
    path = _write(tmp_path, BAD[6][0])
    code = main(["run", "--data-dir", str(tiny_data_dir), "--scenario", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert err == f"forecast: error: {path}: {BAD[6][1]}\n"


def test_interactive_controls_rerun_the_what_if(panel):
    ctx = results.national_context(panel, as_of=2023, n_paths=300, seed=2, models=FAST_MODELS)
    box = whatif.interactive(ctx)
    enrol, _, _, out, picture = box.children
    drawn = picture.value
    before = out.value
    assert "Hypothetical what-if" in before and "P(both)" in before
    # Probabilities written as the legend and the PDFs write them (a bound near 0 or 1,
    # never a false "0.0%"; one decimal below 10 %, whole percents above).
    assert re.search(r"P\(workers target\) (&lt;0\.1 %|&gt;99\.9 %|\d\.\d %|\d\d %),",
                     before)
    enrol.value = 1_000_000
    assert out.value != before
    assert picture.value != drawn  # the fan charts are redrawn with the scenario
    table = whatif.what_if_table(ctx, extra_monthly=(0, 1_000_000))
    workers = table["Probability: active participants target"]
    assert workers.iloc[1] >= workers.iloc[0]


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.toml")), ids=lambda p: p.stem)
def test_every_shipped_scenario_runs_on_the_shipped_data(path, capsys):
    """A shipped example that stops with an error on the shipped data (a shock year no
    longer projected once a year of data is added) teaches the reader nothing."""
    from forecast.cli import main

    assert main(["run", "--n-paths", "200", "--models", "linear,exponential",
                 "--scenario", str(path)]) == 0, capsys.readouterr().err
    assert "Scenario: HYPOTHETICAL" in capsys.readouterr().out


def test_a_shock_after_a_segments_horizon_leaves_the_segment_and_shocks_the_total():
    # The total offered "a projected year of national/active_total (2026 to 2032)"; a shock
    # in 2030 was then refused by a segment projected only to its target's year ("expected
    # a projected year of national/active_pu (2025 to 2026)"): two messages at odds.
    proj = _projection([[44e6, 48e6, 52e6], [42e6, 43e6, 44e6]])  # to 2026
    s = scenario.parse_scenario({"name": "t", "adjustments": {
        "shock": {"year": 2030, "like": 2020}}}, "s.toml")
    np.testing.assert_array_equal(
        national.apply(s, "active_pu", proj, t0=2023.0, g_ref=-0.1), proj.paths)
    with pytest.raises(ParameterError, match=r"s\.toml: key 'adjustments.shock.year': "
                                             r"expected a projected year .*2024 to 2026.* "
                                             r"found 2030"):
        national.apply(s, "active_total", proj, t0=2023.0, g_ref=-0.1)


@pytest.mark.slow
def test_a_shock_in_a_late_projected_year_of_the_total_runs(tmp_path, capsys):
    text = (SCENARIOS / "hypothetical_shock_low_return.toml").read_text(encoding="utf-8")
    path = tmp_path / "late.toml"
    path.write_text(text.replace("year = 2026", "year = 2030"), encoding="utf-8")
    assert main(["run", "--region", "national", "--n-paths", "500", "--scenario",
                 str(path)]) == 0
    out = capsys.readouterr().out
    assert "in 2030, the growth of active participants moves 50 % of the way" in out, out
