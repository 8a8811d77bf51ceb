"""A batch run names a previous run (``--previous``: the summary's "why it moved" page) and
its top region carries the track record (national PDF, both languages, ``forecast verify``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from forecast.cli import main
from forecast.data import load_panel
from forecast.report.comparepage import COMPARE_WORDS
from forecast.report.trackpage import TRACK_WORDS
from forecast.results import add_track_record, run_region


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


@pytest.mark.parametrize("run_id,expected", [
    ("nope", "previous: no run 'nope' in "), ("../x", "previous: expected a run id")])
def test_a_bad_previous_run_is_one_line_and_exit_2(tiny_data_dir, tmp_path, capsys, run_id,
                                                   expected):
    runs = tmp_path / "runs"
    runs.mkdir()
    code = main(["batch", "--regions", "national", "--data-dir", str(tiny_data_dir),
                 "--runs-dir", str(runs), "--previous", run_id])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and expected in err, err
    assert list(runs.iterdir()) == [], "nothing is written for a rejected batch"


def test_an_as_of_run_scores_only_what_was_known_then(tiny_data_dir):
    # As of end-2021 the tiny data's national series starts its record at the third
    # year-end and stops before 2021; no target is settled by then, so nothing is scored.
    panel = load_panel(tiny_data_dir)
    run = run_region(panel, "national", as_of="2021-12-31", n_paths=100, seed=4,
                     vintage_basis="date")
    tr = add_track_record(run, panel)["track_record"]
    assert tr["n_paths"] == 100 and tr["basis"] == "date"
    assert tr["vintages"] and all(v < "2021-12-31" for v in tr["vintages"])
    assert all(f["outcome_date"] <= "2021-12-31" for f in tr["forecasts"])


@pytest.mark.slow
def test_batch_previous_run_page_and_national_track_record(tiny_data_dir, tmp_path, capsys):
    runs = tmp_path / "runs"
    common = ["--regions", "national", "--data-dir", str(tiny_data_dir), "--runs-dir",
              str(runs), "--n-paths", "200", "--jobs", "1", "--seed", "7"]
    assert main(["batch", *common, "--as-of", "2022", "--no-track-record"]) == 0
    (first,) = [p.name for p in runs.iterdir()
                if (p / "manifest.json").is_file() and not p.is_symlink()]  # not "latest"
    assert not (runs / first / "manifest.json").read_text().count('"previous_run"')
    assert "track_record" not in json.loads(
        (runs / first / "national" / "results.json").read_text())

    assert main(["batch", *common, "--previous", first]) == 0
    (second,) = [p.name for p in runs.iterdir() if (p / "manifest.json").is_file()
                 and not p.is_symlink() and p.name != first]
    manifest = json.loads((runs / second / "manifest.json").read_text())
    assert manifest["previous_run"] == first and manifest["parameters"]["track_record"]
    title = COMPARE_WORDS["en"]["title"].format(run=first)
    assert " ".join(title.split()) in _text(runs / second / "summary_en.pdf")
    # The national report shows the track record, in both languages.
    results = json.loads((runs / second / "national" / "results.json").read_text())
    assert results["track_record"]["n_paths"] == 200
    assert results["track_record"]["vintages"]
    assert TRACK_WORDS["en"]["title"] in _text(runs / second / "national" / "report_en.pdf")
    capsys.readouterr()
    assert main(["report", second, "--lang", "id", "--runs-dir", str(runs)]) == 0
    # Rendering shows its progress (a long run's report used to print nothing for a minute).
    assert "1/1 regions, 0 failed, 0:00 left (national ok)" in capsys.readouterr().err
    assert TRACK_WORDS["id"]["title"] in _text(runs / second / "national" / "report_id.pdf")
    assert COMPARE_WORDS["id"]["title"].format(run=first).split()[0] in \
        _text(runs / second / "summary_id.pdf")
    # verify re-runs the region with its track record and finds the same results.json.
    assert main(["verify", second, "--runs-dir", str(runs)]) == 0
    assert "reproduced" in capsys.readouterr().out
    # A resumed run keeps its previous run; naming another is one line, exit 2.
    assert main(["batch", "--resume", second, "--runs-dir", str(runs), "--previous",
                 "20000101-000000-aaaaaa"]) == 2
    assert "a resumed run keeps its own" in capsys.readouterr().err
    assert main(["batch", "--resume", second, "--runs-dir", str(runs)]) == 0
    assert json.loads((runs / second / "manifest.json").read_text())["previous_run"] == first


def test_a_vintage_with_a_coverage_target_on_another_base_and_too_short_a_series():
    # As of end-2017 (the shipped data's first track-record year-end), the coverage target
    # on another denominator is skipped, and so are the metrics with too few year-ends: the
    # second skip once raised "'dict' object is not callable" (the first's reason had taken
    # the name of the reason maker), failing the national notebook of every batch.
    run = run_region(load_panel(None), "national", as_of="2017-12-31", n_paths=100, seed=1)
    codes = {s["reason"]["code"] for s in run["skipped"]}
    assert {"different_denominator", "too_few_points"} <= codes


def test_the_track_record_of_another_scheme_reads_its_own_metric():
    # The fictional example scheme counts "members", not "active_total": its year-ends come
    # from its own projected metric (the batch's top-region notebook failed on it before).
    example = Path(__file__).parent / "data" / "example_scheme"
    panel = load_panel(example)
    run = run_region(panel, panel.scheme.top_region, n_paths=100, seed=2)
    tr = add_track_record(run, panel)["track_record"]
    assert panel.scheme.projected_metrics[0] == "members"
    assert tr["vintages"][0] == "2017-12-31" and tr["n_paths"] == 100
