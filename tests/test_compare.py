"""Why did the probability move (forecast.compare): the steps sum to the total change."""

import pandas as pd
import pytest

from conftest import make_data_dir
from forecast.cli import main
from forecast.compare import STEPS, Side, compare
from forecast.data import load_panel
from forecast.run import run_region
from forecast.vintage import vintage


def _later(panel):
    """The data a year on, with a revision and a changed target: 2021 revised from 30.7M
    to 31.5M, and the 2026 participants target cut from 70M to 65M."""
    obs = panel.observations.copy()
    hit = (obs["metric"] == "active_total") & (obs["region"] == "national") \
        & (obs["date"] == pd.Timestamp("2021-12-31"))
    obs.loc[hit, "value"] = 31.5e6
    tgt = panel.targets.copy()
    tgt.loc[tgt["value"] == 70e6, "value"] = 65e6
    return type(panel)(observations=obs, targets=tgt, regions=panel.regions,
                       sources=panel.sources, data_dir=panel.data_dir,
                       data_hash=panel.data_hash)


@pytest.fixture(scope="module")
def comparison(tmp_path_factory):
    panel = load_panel(make_data_dir(tmp_path_factory.mktemp("compare") / "data"))
    a = Side("A", vintage(panel, "2022-12-31", basis="date"), n_paths=200, seed=1)
    b = Side("B", _later(panel), n_paths=300, seed=2)
    return panel, a, b, compare(a, b, "national", run_region)


def test_steps_sum_to_the_total(comparison):
    _, _, _, got = comparison
    assert got["steps"] == list(STEPS)
    both = [t for t in got["targets"] if all(t["probability"]["assessed"])]
    assert both  # the 2026 targets are assessed all along
    for t in both:
        for what in ("probability", "median"):
            m = t[what]
            assert sum(m["steps"]) == pytest.approx(m["total"], rel=1e-12, abs=1e-12)
            assert m["total"] == pytest.approx(m["b"] - m["a"])


def test_ends_are_the_runs_themselves(comparison):
    panel, a, b, got = comparison
    direct_a = run_region(panel, "national", as_of="2022-12-31", n_paths=200, seed=1,
                          vintage_basis="date")
    direct_b = run_region(b.panel, "national", n_paths=300, seed=2)
    for direct, side in ((direct_a, "a"), (direct_b, "b")):
        for e in direct["targets"]:
            (t,) = [t for t in got["targets"] if (t["metric"], t["target_date"])
                    == (e["metric"], e["target_date"])]
            assert t["probability"][side] == e["probability"]
            assert t["median"][side] == e["median"]


def test_each_change_lands_on_its_step(comparison):
    _, _, _, got = comparison
    (active,) = [t for t in got["targets"] if t["metric"] == "active_total"
                 and t["target_date"] == "2026-12-31"]
    steps = dict(zip(STEPS, active["median"]["steps"]))
    # 2023 and 2024 are new, 2021 revised, the target cut, other paths and seed: each moves
    # the median except the target (a target does not move the projection) and the scenario
    # (none on either side).
    assert steps["new_observations"] != 0 and steps["revised_observations"] != 0
    assert steps["targets"] == 0 and steps["scenario"] == 0
    assert active["target_value"] == {"a": 70e6, "b": 65e6}
    # the cut target raises the probability at the targets step
    assert dict(zip(STEPS, active["probability"]["steps"]))["targets"] > 0


def test_cli_table_and_chart(tmp_path, capsys):
    data = make_data_dir(tmp_path / "data")
    chart = tmp_path / "waterfall.png"
    rc = main(["compare", "--as-of", "2022", "2024", "--data-dir", str(data), "--vintage",
               "date", "--n-paths", "100", "--chart", str(chart)])
    out = capsys.readouterr().out
    assert rc == 0
    assert "new observations" in out and "revised observations" in out
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_bad_date_is_one_line(tmp_path, capsys):
    rc = main(["compare", "--as-of", "2022", "20x4", "--data-dir",
               str(make_data_dir(tmp_path / "data"))])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "20x4" in err
