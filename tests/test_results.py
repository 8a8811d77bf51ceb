"""The results.json contract of one region's run, and its reproducibility."""

from __future__ import annotations

import json

import numpy as np

import pytest

from forecast.data import load_panel
from forecast.errors import ParameterError
from forecast.regional import SIGMA_OBS, SIGMA_RW, TAU, pooled_projection
from forecast.reasons import quality_text
from forecast.results import data_quality, run_region, write_json
from forecast.series import Series
from forecast.simulate import ModelScore, Projection

TARGET_FIELDS = {"metric", "target_value", "target_date", "unit", "last_observed",
                 "probability", "median", "p10", "p90", "required_cagr", "historical_cagr",
                 "classification", "models", "data_quality"}


@pytest.fixture(scope="module")
def tiny_results(tmp_path_factory):
    from conftest import make_data_dir

    panel = load_panel(make_data_dir(tmp_path_factory.mktemp("d") / "data"))
    return panel, run_region(panel, "national", as_of=2023, n_paths=1000, seed=5,
                           vintage_basis="date")


def test_contract_fields(tiny_results):
    _, res = tiny_results
    assert res["region"] == "national" and res["as_of"] == "2023-12-31"
    gw = res["generated_with"]
    assert {"version", "data_hash", "seed", "parameters"} <= set(gw)
    assert gw["seed"] == 5 and gw["parameters"]["n_paths"] == 1000
    metrics = {t["metric"] for t in res["targets"]}
    assert metrics == {"active_total", "fund_investment"}
    for t in res["targets"]:
        assert TARGET_FIELDS <= set(t)
        assert 0.0 <= t["probability"] <= 1.0
        assert t["p10"] <= t["median"] <= t["p90"]
        assert set(t["last_observed"]) == {"date", "value"}
        assert abs(sum(m["weight"] for m in t["models"]) - 1) < 1e-9
        assert {"name", "weight", "probability", "median"} <= set(t["models"][0])
    active = next(t for t in res["targets"] if t["metric"] == "active_total")
    # As of end-2023 the last observation is 41.56M: 70M by end-2026 needs 18.98 %/yr.
    assert active["last_observed"] == {"date": "2023-12-31", "value": 41_560_000.0}
    assert active["required_cagr"] == pytest.approx(0.18980, abs=5e-6)
    json.dumps(res, allow_nan=False)  # strictly valid JSON


@pytest.mark.slow
def test_sparse_region_borrows_national_growth(tiny_data_dir):
    panel = load_panel(tiny_data_dir)
    national = run_region(panel, "national", n_paths=2000, seed=4)
    res = run_region(panel, "east-province", n_paths=2000, seed=4)
    (t,) = res["targets"]
    assert t["data_quality"]["label"] == "pooled"
    assert t["data_quality"]["pooled"] == {"pairs": 1, "weight_own": 0.0, "own_trend": False}
    assert quality_text(t["data_quality"]).endswith(
        "; growth borrowed from the national projection, no share trend of its own (one "
        "shared date)")
    assert t["pooling"]["pairs"] == 1 and t["pooling"]["weight_own"] == 0.0
    assert [m["name"] for m in t["models"]] == ["pooled"]
    # One shared date (end-2023, share 0.9M / 41.56M): the region grows with the nation.
    nat = next(e for e in national["targets"] if e["metric"] == "active_total")
    share = 900_000 / 41_560_000
    assert t["median"] == pytest.approx(share * nat["median"], rel=0.05)
    # ...with a wider band than the nation's, relative to its level.
    assert (t["p90"] - t["p10"]) / t["median"] > (nat["p90"] - nat["p10"]) / nat["median"]
    assert t["historical_cagr"] is None and t["classification"] == "undetermined"


def test_pooled_share_trend_is_shrunk():
    # The region's share of the nation rises exactly 5 %/yr in log terms, seen on three
    # shared year-ends; the nation's projection is flat, so the region's projected growth
    # is its pooled share trend alone.
    assert (TAU, SIGMA_OBS, SIGMA_RW) == (0.03, 0.05, 0.10), "the hand values below use these"
    years = [2017, 2021, 2023]
    nat_values = [26e6, 30e6, 41e6]
    nat = Series.from_years(years, nat_values, region="national")
    reg = Series.from_years(years, [0.04 * n * np.exp(0.05 * (y - 2017))
                                    for y, n in zip(years, nat_values)], region="east-province")
    horizon, n_paths = 3, 20_000
    flat = np.full((n_paths, horizon), 41e6)
    score = ModelScore(name="fixed", fitted=True, weight=1.0, backtest_mse=None,
                       backtest_mape=None, n_origins=0)
    nat_projection = Projection(series=nat, t=2023.0 + np.arange(1, horizon + 1), paths=flat,
                                model_paths={"fixed": flat}, scores=(score,), seed=0)
    projection, pooling = pooled_projection(reg, nat, nat_projection, horizon=horizon,
                                            n_paths=n_paths, seed=11)
    # By hand: years centred on 2020 1/3 are -10/3, 2/3, 8/3 (sum of squares 56/3). The
    # line fits exactly, so the noise is its floor 0.05: v = 0.05**2 / (56/3) = 3/22400.
    # w = 0.03**2 / (0.03**2 + 3/22400) = 168/193; the pooled trend is 0.05 * 168/193 =
    # 0.043523/yr, with sd sqrt(1 / (1/0.03**2 + 22400/3)) = sqrt(9/77200) = 0.010797.
    assert pooling.pairs == 3
    assert pooling.b_hat == pytest.approx(0.05)
    assert pooling.weight_own == pytest.approx(168 / 193)
    assert pooling.b_post == pytest.approx(0.04352332, rel=1e-7)
    assert pooling.sd_post == pytest.approx(0.01079724, rel=1e-6)
    # The paths carry the shrunk trend, not the region's own 5 %/yr: after 3 years the
    # log growth has mean 3 * 0.043523 = 0.13057 and sd sqrt(9 * 9/77200 + 3 * 0.10**2) =
    # 0.17621 (trend uncertainty plus the share's random walk); the unshrunk 0.15 is 15
    # standard errors of the mean (0.17621 / sqrt(20,000)) away, the tolerance 3.
    growth = np.log(projection.paths[:, -1] / reg.last_value)
    assert growth.mean() == pytest.approx(0.13057, abs=0.0037)
    assert growth.std() == pytest.approx(0.17621, rel=0.03)


@pytest.mark.slow
def test_same_seed_same_json_different_seed_differs(tiny_results):
    panel, res = tiny_results
    again = run_region(panel, "national", as_of=2023, n_paths=1000, seed=5,
                           vintage_basis="date")
    assert json.dumps(again) == json.dumps(res)
    other = run_region(panel, "national", as_of=2023, n_paths=1000, seed=6,
                           vintage_basis="date")
    assert json.dumps(other["targets"]) != json.dumps(res["targets"])


def test_unknown_region(tiny_results):
    panel, _ = tiny_results
    with pytest.raises(ParameterError, match="unknown region 'bali'"):
        run_region(panel, "bali")


def test_data_quality_labels():
    good = data_quality(Series.from_years(range(2014, 2025), range(1, 12)), 2)
    assert good["label"] == "good"
    assert quality_text(good) == ("11 year-end points; 2014-2024; 2 sub-annual readings "
                                  "shown, not fitted")
    assert quality_text(good, "id") == ("11 titik akhir tahun; 2014-2024; 2 pembacaan "
                                        "antartahun ditampilkan, tidak dipakai untuk "
                                        "pemodelan")
    gap = data_quality(Series.from_years([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2023],
                                         range(1, 9)))
    assert gap["label"] == "fair" and gap["gaps"] == [2021, 2022]
    assert data_quality(Series.from_years([2022, 2023], [1, 2]))["label"] == "poor"


def test_write_json_is_atomic(tmp_path):
    path = write_json({"a": 1}, tmp_path / "out" / "results.json")
    assert json.loads(path.read_text()) == {"a": 1}
    with pytest.raises(ValueError):
        write_json({"a": float("nan")}, path)
    assert json.loads(path.read_text()) == {"a": 1}, "a failed write leaves the old file"
    assert [p.name for p in path.parent.iterdir()] == ["results.json"]
    assert path.stat().st_mode & 0o777 == 0o644  # readable by others, like every output


def test_charts_are_rendered_once_for_the_notebook_and_the_saved_files(tiny_results,
                                                                       tmp_path, monkeypatch):
    from forecast import plots
    from forecast.results import write_run

    _, res = tiny_results
    entry = res["targets"][0]
    # What the notebook displays, for every target (in the run's scheme words).
    shown = plots.fan_chart_png(entry, scheme=res.get("scheme"))
    for other in res["targets"][1:]:
        plots.fan_chart_png(other, scheme=res.get("scheme"))
    growth = plots.growth_chart_png(res["targets"])
    assert shown.startswith(b"\x89PNG") and shown._repr_png_() == bytes(shown)
    assert shown == plots.to_png(plots.fan_chart(entry))  # the same picture

    def no_redraw(*args, **kwargs):
        raise AssertionError("a chart was drawn a second time")

    monkeypatch.setattr(plots, "fan_chart", no_redraw)
    monkeypatch.setattr(plots, "growth_chart", no_redraw)
    write_run(res, tmp_path)  # saves what was shown, without drawing again
    saved = tmp_path / f"fan_{entry['metric']}_{entry['target_date'][:4]}.png"
    assert saved.read_bytes() == shown
    assert (tmp_path / "growth.png").read_bytes() == growth
    # A different entry is a different chart, drawn anew.
    changed = dict(entry, target_value=entry["target_value"] * 2)
    with pytest.raises(AssertionError, match="drawn a second time"):
        plots.fan_chart_png(changed)
