"""The results.json contract of one region's run, and its reproducibility."""

from __future__ import annotations

import json

import numpy as np

import pytest

from forecast.data import load_panel
from forecast.errors import ParameterError
from forecast.reasons import quality_text
from forecast.results import data_quality, run_region, write_json
from forecast.series import Series

TARGET_FIELDS = {"metric", "target_value", "target_date", "unit", "last_observed",
                 "probability", "median", "p10", "p90", "required_cagr", "historical_cagr",
                 "classification", "models", "data_quality"}


@pytest.fixture(scope="module")
def tiny_results(tmp_path_factory):
    from conftest import make_data_dir

    panel = load_panel(make_data_dir(tmp_path_factory.mktemp("d") / "data"))
    return panel, run_region(panel, "national", as_of=2023, n_paths=1000, seed=5)


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
    from forecast.regional import TAU, share_deviation
    from forecast.series import Series

    years = [2017, 2021, 2023]
    nat = Series.from_years(years, [26e6, 30e6, 41e6], region="national")
    # The region's share rises 5 %/yr in log terms.
    reg = Series.from_years(years, [1e6 * 26 / 26 * np.exp(0.05 * (y - 2017)) * (n / 26e6)
                                    for y, n in zip(years, [26e6, 30e6, 41e6])],
                            region="east-province")
    pairs, share, b_hat, v = share_deviation(reg, nat)
    assert pairs == 3 and b_hat == pytest.approx(0.05)
    w = TAU**2 / (TAU**2 + v)
    assert 0 < w < 1


def test_same_seed_same_json_different_seed_differs(tiny_results):
    panel, res = tiny_results
    again = run_region(panel, "national", as_of=2023, n_paths=1000, seed=5)
    assert json.dumps(again) == json.dumps(res)
    other = run_region(panel, "national", as_of=2023, n_paths=1000, seed=6)
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
    shown = plots.fan_chart_png(entry)  # what the notebook displays, for every target
    for other in res["targets"][1:]:
        plots.fan_chart_png(other)
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
