"""Why did the probability move (forecast.compare): the steps sum to the total change."""

import json

import pandas as pd
import pytest
from pypdf import PdfReader

from conftest import make_data_dir
from forecast.cli import main
from forecast.compare import STEPS, Side, compare
from forecast.report import render_summary
from forecast.report.comparepage import COMPARE_WORDS, compare_rows
from forecast.data import load_panel
from forecast.results import write_run
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


pytestmark_slow = pytest.mark.slow  # runs whole regions several times (pyproject.toml)


@pytest.fixture(scope="module")
def comparison(tmp_path_factory):
    panel = load_panel(make_data_dir(tmp_path_factory.mktemp("compare") / "data"))
    a = Side("A", vintage(panel, "2022-12-31", basis="date"), n_paths=200, seed=1)
    b = Side("B", _later(panel), n_paths=300, seed=2)
    return panel, a, b, compare(a, b, "national", run_region)


@pytestmark_slow
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


@pytestmark_slow
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


@pytestmark_slow
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


@pytestmark_slow
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


def test_summary_page_rows_by_hand():
    comparison = {"a": "A", "b": "B", "steps": list(STEPS), "targets": [{
        "metric": "active_total", "target_date": "2026-12-31",
        "target_value": {"a": 70e6, "b": 70e6},
        "probability": {"a": 0.07, "b": 0.02, "total": -0.05,
                        "steps": [-0.04, 0.01, 0.0, -0.02, 0.0],
                        "assessed": [True] * 6, "alone": [-0.04, 0.01, 0.0, -0.02, 0.0],
                        "interaction": 0.0}}]}
    (row,) = compare_rows(comparison, "en")
    assert row[1:] == ["7.0\u00a0%", "\u22124.0", "+1.0", "+0.0", "\u22122.0", "+0.0",
                       "2.0\u00a0%", "+0.0"]
    assert row[0].startswith("Active participants: 70")


@pytest.mark.slow
def test_summary_page_when_the_run_names_a_previous_run(tmp_path):
    data = make_data_dir(tmp_path / "data")
    panel = load_panel(data)
    runs = tmp_path / "runs"
    for run_id, as_of, previous in (("20231231-000000-aaaaaa", "2022-12-31", None),
                                    ("20241231-000000-bbbbbb", "", "20231231-000000-aaaaaa")):
        write_run(run_region(panel, "national", as_of=as_of or None, n_paths=100, seed=5,
                             vintage_basis="published"), runs / run_id / "national")
        manifest = {"run_id": run_id, "regions": ["national"],
                    "status": {"national": {"status": "ok"}},
                    "parameters": {"as_of": as_of, "n_paths": 100, "seed": 5, "models": "",
                                   "lang": "en", "data_dir": str(data)}}
        if previous:
            manifest["previous_run"] = previous
        (runs / run_id / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    pdf = render_summary(runs / "20241231-000000-bbbbbb", tmp_path / "summary.pdf", "en")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    title = COMPARE_WORDS["en"]["title"].format(run="20231231-000000-aaaaaa")
    assert " ".join(title.split()) in " ".join(text.split())


def test_a_run_whose_data_folder_changed_since_is_flagged(tmp_path):
    from forecast.compare_cmd import format_comparison, side_from_run

    data = make_data_dir(tmp_path / "data")
    run = tmp_path / "runs" / "20241231-000000-cccccc"
    run.mkdir(parents=True)
    params = {"as_of": "2022-12-31", "n_paths": 100, "seed": 5, "models": "", "lang": "en",
              "data_dir": str(data)}
    for recorded, changed in ((load_panel(data).data_hash, False), ("0" * 64, True)):
        manifest = {"run_id": run.name, "regions": ["national"], "data_hash": recorded,
                    "status": {"national": {"status": "ok"}}, "parameters": params}
        (run / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        assert side_from_run(run, "published").data_changed is changed
    text = format_comparison({"a": "run X", "b": "run Y", "steps": list(STEPS), "targets": [],
                              "data_changed": ["run X"]})
    assert "Note: the data folder of run X has changed since it ran" in text
    assert "data folder" not in format_comparison({"a": "run X", "b": "run Y",
                                                   "steps": list(STEPS), "targets": []})


def test_cli_table_and_chart_name_targets_in_words_and_an_empty_chart_says_why():
    from forecast.compare_cmd import format_comparison
    from forecast.compareplot import waterfall_chart

    target = {"metric": "active_total", "target_date": "2026-12-31",
              "target_value": {"a": 7e7, "b": 7e7},
              "probability": {"a": None, "b": 0.03, "total": None, "steps": [None] * 5,
                              "assessed": [False, False, False, True, True, True],
                              "alone": [None] * 5, "interaction": None},
              "median": {"a": None, "b": 4.9e7, "total": None, "steps": [None] * 5,
                         "assessed": [False, False, False, True, True, True],
                         "alone": [None] * 5, "interaction": None}}
    c = {"a": "as of 2022", "b": "as of 2023", "steps": list(STEPS), "targets": [target]}
    names = {"active_total": "Active participants"}.get
    assert "Active participants >= 70.00M by 2026-12-31" in format_comparison(
        c, {"active_total": "persons"}, names)
    fig = waterfall_chart(c)  # assessed on one side only: no panel, a sentence instead
    assert [t.get_text() for t in fig.texts] == [
        "No target is assessed on both sides: nothing to decompose."]
