"""Structural fund model: the recursion by hand, calibration from the data, reproducibility,
the joint probability path by path, and the backtest against the trend models."""

from __future__ import annotations

import numpy as np
import pytest

from forecast import fund_backtest, funds
from forecast.data import load_panel, select
from forecast.errors import ModelError, ParameterError
from forecast.series import Series

FAST_MODELS = ["linear", "exponential", "rw_drift"]


@pytest.fixture(scope="module")
def panel():
    return load_panel()


def test_recursion_three_years_by_hand():
    # F0 = 100.
    # Year 1: r 10 %, C 20, b 5 % of F0:  100 * 1.10 + 20 - 0.05 * 100    = 125
    # Year 2: r  8 %, C 22, b 5 % of 125: 125 * 1.08 + 22 - 0.05 * 125    = 135 + 22 - 6.25
    #                                                                      = 150.75
    # Year 3: r  6 %, C 24, b 5 % of 150.75: 150.75 * 1.06 + 24 - 7.5375 = 159.795 + 24 - 7.5375
    #                                                                      = 176.2575
    out = funds.recursion(100.0, np.array([0.10, 0.08, 0.06]), np.array([20.0, 22.0, 24.0]),
                          np.array([0.05, 0.05, 0.05]))
    np.testing.assert_allclose(out, [125.0, 150.75, 176.2575], rtol=1e-12)


def test_recursion_runs_paths_side_by_side():
    r = np.array([[0.10, 0.08, 0.06], [0.0, 0.0, 0.0]])
    c = np.array([[20.0, 22.0, 24.0], [1.0, 1.0, 1.0]])
    b = np.array([[0.05] * 3, [0.0] * 3])
    out = funds.recursion(np.array([100.0, 10.0]), r, c, b)
    np.testing.assert_allclose(out[0], [125.0, 150.75, 176.2575])
    np.testing.assert_allclose(out[1], [11.0, 12.0, 13.0])  # no return, +1 a year


def test_recursion_shape_mismatch_is_a_parameter_error():
    with pytest.raises(ParameterError, match="same shape"):
        funds.recursion(1.0, np.zeros(3), np.zeros(2), np.zeros(3))


def test_recursion_with_calibrated_ratios_is_the_accounting_identity(panel):
    # With r = I[y] / F[y-1] and b = B[y] / F[y-1], one step gives F[y-1] + I + C - B.
    f = dict(zip(select(panel, "national", "fund_investment").dates,
                 select(panel, "national", "fund_investment").values))
    flows = {m: dict(zip(select(panel, "national", m).dates, select(panel, "national", m).values))
             for m in ("investment_income", "contributions", "benefits_paid")}
    f0 = f["2016-12-31"]
    i, c, b = (flows[m]["2017-12-31"] for m in ("investment_income", "contributions",
                                                  "benefits_paid"))
    out = funds.recursion(f0, np.array([i / f0]), np.array([c]), np.array([b / f0]))
    assert out[0] == pytest.approx(f0 + i + c - b)


def test_calibration_is_the_mean_of_the_yearly_ratios(panel):
    inputs = funds.calibrate(panel, as_of=2023)
    f = {int(d[:4]): v for d, v in zip(inputs.fund.dates, inputs.fund.values)}
    inc = select(panel, "national", "investment_income", as_of=2023)
    ratios = [v / f[int(d[:4]) - 1] for d, v in zip(inc.dates, inc.values)
              if int(d[:4]) - 1 in f]
    assert inputs.investment_return.value == pytest.approx(np.mean(ratios))
    assert inputs.investment_return.sd == pytest.approx(np.std(ratios, ddof=1))
    ben = select(panel, "national", "benefits_paid", as_of=2023)
    shares = [v / f[int(d[:4]) - 1] for d, v in zip(ben.dates, ben.values)
              if int(d[:4]) - 1 in f]
    assert inputs.benefit_share.value == pytest.approx(np.mean(shares))
    a = {int(d[:4]): v for d, v in zip(inputs.active.dates, inputs.active.values)}
    con = select(panel, "national", "contributions", as_of=2023)
    per_head = [v * 1e12 / ((a[y - 1] + a[y]) / 2)
                for y, v in ((int(d[:4]), v) for d, v in zip(con.dates, con.values))
                if y in a and y - 1 in a]
    assert inputs.contribution_per_participant.value == pytest.approx(np.mean(per_head))
    # The benefit basis is the one with more years behind it.
    assert len(inputs.benefit_basis_years["fund"]) > len(inputs.benefit_basis_years["contributions"])
    names = [d["name"] for d in inputs.inputs()]
    assert names == ["fund_start", "investment_return", "contribution_per_participant",
                     "benefit_share"]
    assert all(d["how"] for d in inputs.inputs())


def test_calibration_needs_two_years_of_each_input(panel):
    with pytest.raises(ModelError, match=r"contribution_per_participant needs .* found 1 \(2017\)"):
        funds.calibrate(panel, as_of=2018)


def _toy_inputs(sd: float = 0.0) -> funds.FundInputs:
    fund = Series.from_years([2020], [100.0], region="national", metric="fund_investment",
                             unit="IDR_trillion")
    active = Series.from_years([2020, 2021, 2022], [10e6, 12e6, 14e6], region="national")

    def est(name, value, unit="fraction"):
        return funds.Estimate(name=name, value=value, sd=sd * value, years=(1, 2, 3),
                              yearly=(value,) * 3, unit=unit, how="toy")
    return funds.FundInputs(region="national", fund=fund, active=active,
                            investment_return=est("investment_return", 0.10),
                            contribution_per_participant=est("contribution_per_participant",
                                                             2e6, "IDR_per_participant_year"),
                            benefit_share=est("benefit_share", 0.05))


def test_simulated_fund_without_spread_is_the_hand_recursion():
    # c = Rp2M a head; mean active 11M in 2021, 13M in 2022 -> C = 22 and 26 (Rp trillion).
    # 2021: 100 * 1.1 + 22 - 5 = 127;  2022: 127 * 1.1 + 26 - 6.35 = 159.35
    fp = funds.simulate_funds(_toy_inputs(), None, end_year=2022, seed=1, n_paths=100)
    # funds.INPUT_COPIES draws of the inputs for each of the 100 participants paths.
    np.testing.assert_allclose(fp.paths, np.tile([127.0, 159.35], (100 * funds.INPUT_COPIES, 1)))
    assert list(fp.years) == [2021, 2022]


def test_simulation_is_reproducible_and_carries_the_spread():
    a = funds.simulate_funds(_toy_inputs(0.1), None, end_year=2022, seed=7, n_paths=500)
    b = funds.simulate_funds(_toy_inputs(0.1), None, end_year=2022, seed=7, n_paths=500)
    c = funds.simulate_funds(_toy_inputs(0.1), None, end_year=2022, seed=8, n_paths=500)
    np.testing.assert_array_equal(a.paths, b.paths)
    assert not np.array_equal(a.paths, c.paths)
    assert a.paths[:, -1].std() > 1.0  # the inputs' spread reaches the paths
    assert np.median(a.paths[:, -1]) == pytest.approx(159.35, rel=0.02)


def test_scenario_return_moves_the_mean_only():
    fp = funds.simulate_funds(_toy_inputs(), None, end_year=2021, seed=1, n_paths=100,
                              investment_return=0.0)
    np.testing.assert_allclose(fp.paths[:, 0], 100 + 22 - 5)


def test_joint_probability_counts_paths_not_products():
    a = np.array([1.0, 2.0, 3.0, 4.0])
    f = np.array([4.0, 3.0, 2.0, 1.0])
    # Each alone is met on 3 of 4 paths; both only on paths 2 and 3.
    assert funds.joint_probability(a, 2.0, f, 2.0) == 0.5
    with pytest.raises(ParameterError):
        funds.joint_probability(a, 1, f[:2], 1)


def test_backtest_scores_every_method_on_the_same_years(panel):
    bt = fund_backtest.backtest(panel, models=FAST_MODELS, n_paths=300, seed=3)
    assert bt["origins"] and bt["rows"]
    fund = dict(zip(select(panel, "national", "fund_investment").dates,
                    select(panel, "national", "fund_investment").values))
    for row in bt["rows"]:
        assert row["actual"] == fund[f"{row['year']}-12-31"]
        assert 1 <= row["horizon"] <= 3 and row["year"] - row["origin"] == row["horizon"]
    for method in ("structural", "calibrated", *FAST_MODELS):
        errs = [abs(r[method] / r["actual"] - 1) for r in bt["rows"]]
        assert bt["mape"][method]["all"] == pytest.approx(np.mean(errs))
    # Origins too early to estimate an input are listed with the reason, not dropped silently.
    assert any("needs" in s["reason"] for s in bt["skipped"])
    again = fund_backtest.backtest(panel, models=FAST_MODELS, n_paths=300, seed=3)
    assert again["mape"] == bt["mape"]


def test_results_carry_the_fund_model_and_a_consistent_joint(panel):
    from forecast.results import run_region

    res = run_region(panel, "national", as_of=2023, n_paths=400, seed=5, models=FAST_MODELS)
    fm = res["funds_model"]
    for key in ("target_value", "target_date", "probability", "median", "p10", "p90",
                "inputs", "backtest"):
        assert key in fm
    assert fm["target_date"] == "2026-12-31"
    assert fm["p10"] <= fm["median"] <= fm["p90"]
    assert {"name", "value", "how"} <= set(fm["inputs"][0])
    joint = res["joint"]
    assert joint["targets"] == ["active_total", "fund_investment"]
    workers = next(t for t in res["targets"]
                   if t["metric"] == "active_total" and t["target_date"] == "2026-12-31")
    # The joint is counted on the very paths behind the targets list.
    assert joint["marginals"]["active_total"] == workers["probability"]
    assert joint["probability"] <= min(joint["marginals"].values())
    assert res["scenario"] is None
