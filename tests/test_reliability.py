"""Reliability: interrupted runs, concurrent runs, reproducibility, and bad input that
reaches the notebook or the command line. (The loader's corpus is in test_data.py, the
scenario files' in test_scenario.py, batch parameters in test_batch.py.)"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import papermill
import pytest

from forecast import batch
from forecast.cli import main
from forecast.data import load_panel
from forecast.errors import ParameterError, RunError
from forecast.results import run_region

NOTEBOOKS = Path(batch.TEMPLATE).parent


def _results(run_dir: Path) -> dict:
    return {p.parent.name: json.loads(p.read_text()) for p in run_dir.glob("*/results.json")}


def _batch_cmd(data_dir: Path, runs: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "forecast.cli", "batch", "--regions", "all", "--n-paths",
            "300", "--seed", "11", "--jobs", "1", "--data-dir", str(data_dir), "--runs-dir",
            str(runs), *extra]


@pytest.mark.slow
def test_sigkill_midway_then_resume_equals_an_uninterrupted_run(tiny_data_dir, tmp_path):
    runs = tmp_path / "killed"
    proc = subprocess.Popen(_batch_cmd(tiny_data_dir, runs), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:  # kill as soon as one region has finished
            done = list(runs.glob("*/*/results.json"))
            if done:
                break
            if proc.poll() is not None:
                pytest.fail("the batch ended before it could be killed")
            time.sleep(0.2)
        else:
            pytest.fail("no region finished within 240 s")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the batch and its kernels, no clean-up
        proc.wait()
    run_dir = next(runs.glob("*/manifest.json")).parent
    manifest = json.loads((run_dir / "manifest.json").read_text())  # never half-written
    assert any(s["status"] != "ok" for s in manifest["status"].values()), \
        "killed too late to test anything"
    assert "summary" not in manifest

    resumed = subprocess.run(_batch_cmd(tiny_data_dir, runs, "--resume", run_dir.name),
                             capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    summary = json.loads((run_dir / "manifest.json").read_text())["summary"]
    assert summary["failed"] == [] and summary["ok"] == 3

    whole = subprocess.run(_batch_cmd(tiny_data_dir, tmp_path / "whole"), capture_output=True,
                           text=True, timeout=600)
    assert whole.returncode == 0, whole.stderr
    whole_dir = next((tmp_path / "whole").glob("*/manifest.json")).parent
    assert _results(run_dir) == _results(whole_dir)
    assert len(_results(run_dir)) == 3


@pytest.mark.slow
def test_a_run_being_written_cannot_be_resumed_at_the_same_time(tiny_data_dir, tmp_path,
                                                                capsys):
    manifest = batch.run_batch(regions="national", data_dir=tiny_data_dir, runs_dir=tmp_path,
                               n_paths=200, seed=2, jobs=1)
    run_dir = Path(manifest["run_dir"])
    with batch.run_lock(run_dir):
        with pytest.raises(RunError, match=f"pid {os.getpid()} \\(forecast batch\\) as "
                                           f"recorded in it"):
            batch.run_batch(resume=run_dir.name, runs_dir=tmp_path)
        code = main(["batch", "--resume", run_dir.name, "--runs-dir", str(tmp_path)])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1 and "lock is held by another" in err
    # Released: the same resume now goes through (nothing left to do).
    assert batch.run_batch(resume=run_dir.name, runs_dir=tmp_path)["summary"]["failed"] == []


def test_two_batches_started_together_get_their_own_folders(tmp_path):
    first = batch._new_run_dir(tmp_path, "20260101-000000-abcdef")
    second = batch._new_run_dir(tmp_path, "20260101-000000-abcdef")
    assert first != second and first.is_dir() and second.is_dir()
    assert second.name == "20260101-000000-abcdef-2"


@pytest.mark.slow
def test_jobs_1_and_jobs_2_give_identical_results_and_pdfs(tiny_data_dir, tmp_path):
    from forecast.report import render_run

    runs = {}
    for jobs in (1, 2):
        m = batch.run_batch(regions="all", data_dir=tiny_data_dir,
                            runs_dir=tmp_path / f"j{jobs}", n_paths=300, seed=5, jobs=jobs)
        runs[jobs] = Path(m["run_dir"])
        render_run(runs[jobs], "en", html=False)
    assert _results(runs[1]) == _results(runs[2]) and len(_results(runs[1])) == 3
    for region in ("national", "east-province"):
        one = (runs[1] / region / "report_en.pdf").read_bytes()
        two = (runs[2] / region / "report_en.pdf").read_bytes()
        assert one == two, region


@pytest.mark.slow
def test_verify_reproduces_a_region_and_catches_a_change(tiny_data_dir, tmp_path, capsys):
    manifest = batch.run_batch(regions="national,east-province", data_dir=tiny_data_dir,
                               runs_dir=tmp_path, n_paths=300, seed=8, jobs=1)
    run_id = manifest["run_id"]
    assert main(["verify", run_id, "--runs-dir", str(tmp_path)]) == 0
    assert "national: reproduced" in capsys.readouterr().out
    assert main(["verify", run_id, "--region", "east-province",
                 "--runs-dir", str(tmp_path)]) == 0
    path = Path(manifest["run_dir"]) / "national" / "results.json"
    res = json.loads(path.read_text())
    res["targets"][0]["probability"] = 0.123456
    path.write_text(json.dumps(res))
    assert main(["verify", run_id, "--runs-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "NOT reproduced" in err and "results.targets[0].probability" in err
    assert main(["verify", run_id, "--region", "kanwil-east",
                 "--runs-dir", str(tmp_path)]) == 2
    assert "valid choices: national, east-province" in capsys.readouterr().err


@pytest.mark.slow
def test_same_inputs_same_numbers_across_processes(tiny_data_dir):
    code = ("import json,sys; from forecast.data import load_panel; "
            "from forecast.results import run_region; "
            f"print(json.dumps(run_region(load_panel({str(tiny_data_dir)!r}), 'national', "
            "n_paths=300, seed=21)))")
    outs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout for _ in range(2)]
    assert outs[0] == outs[1]
    here = run_region(load_panel(tiny_data_dir), "national", n_paths=300, seed=21)
    assert json.loads(outs[0]) == json.loads(json.dumps(here))


# ---- bad input at the command line: one line, exit code 2, nothing written ------------

CLI_CORPUS = [
    (["run", "--seed", "abc"], ["run: argument --seed: expected a non-negative integer, "
                                "found 'abc'"]),
    (["run", "--seed", "-1"], ["seed: expected a non-negative integer, found '-1'"]),
    (["run", "--n-paths", "1000000000"], ["n-paths: expected an integer from 100 to 1,000,000",
                                         "found '1000000000'"]),
    (["run", "--region", "../../etc"], ["unknown region '../../etc'", "valid choices"]),
    (["run", "--region", "bali #[x] *y*"], ["unknown region 'bali #[x] *y*'"]),
    (["run", "--as-of", "31/12/2023"], ["--as-of: ", "'31/12/2023'"]),
    (["run", "--bogus"], ["unrecognized arguments: --bogus"]),
    (["frobnicate"], ["expected one of data, init, run", "found 'frobnicate'"]),
    (["batch", "--jobs", "0"], ["jobs: expected an integer from 1 to 256, found '0'"]),
    (["batch", "--regions", "national,../x"], ["unknown region(s) '../x'"]),
    (["batch", "--lang", "fr"], ["argument --lang: expected one of en, id, found 'fr'"]),
    (["batch", "--resume", "no-such-run"], ["resume: no run 'no-such-run'"]),
    (["report", "no-such-run"], ["RUN_ID: no run 'no-such-run'"]),
    (["verify", "../../etc"], ["RUN_ID: expected a run id", "found '../../etc'"]),
    (["run", "--scenario", "/nonexistent/scenario.toml"], ["/nonexistent/scenario.toml"]),
]


@pytest.mark.parametrize("args,pieces", CLI_CORPUS, ids=[" ".join(a) for a, _ in CLI_CORPUS])
def test_cli_bad_input_is_one_line_and_exit_2(tiny_data_dir, tmp_path, capsys, args, pieces):
    extra = []
    if args[0] in ("run", "batch"):
        extra += ["--data-dir", str(tiny_data_dir)]
    if args[0] in ("batch", "report", "verify"):
        extra += ["--runs-dir", str(tmp_path / "runs")]
    code = main(args + extra)
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("forecast: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for piece in pieces:
        assert piece in err, err
    assert not (tmp_path / "runs").exists() or not any((tmp_path / "runs").iterdir())


# ---- bad notebook parameters: the run stops at the first cell with the message --------

@pytest.mark.slow
@pytest.mark.parametrize("params,piece", [
    ({"n_paths": 0}, "n_paths: expected an integer from 100 to 1,000,000, found 0"),
    ({"n_paths": 10**9}, "n_paths: expected an integer from 100 to 1,000,000"),
    ({"seed": "x"}, "seed: expected a non-negative integer, found 'x'"),
    ({"region": "../../etc"}, "unknown region '../../etc'"),
    ({"as_of": "soon"}, "as_of"),
    ({"lang": "fr"}, "lang: expected one of en, id, found 'fr'"),
    ({"compare_as_of": "2023"}, "compare_as_of: expected two as-of dates 'A,B'"),
    ({"compare_as_of": "2021,2022,2023"}, "compare_as_of: expected two as-of dates"),
])
def test_bad_notebook_parameters_fail_early_and_write_nothing(tiny_data_dir, tmp_path, params,
                                                              piece):
    out_dir = tmp_path / "out"
    with pytest.raises(papermill.PapermillExecutionError) as info:
        papermill.execute_notebook(
            str(batch.TEMPLATE), str(tmp_path / "executed.ipynb"),
            parameters={"data_dir": str(tiny_data_dir), "output_dir": str(out_dir), **params},
            kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    assert info.value.ename == "ParameterError"
    assert piece in info.value.evalue
    assert not out_dir.exists() or not any(out_dir.iterdir())


def test_run_region_rejects_bad_parameters_before_any_work(tiny_data_dir):
    panel = load_panel(tiny_data_dir)
    for kwargs, piece in (({"n_paths": 0}, "n_paths"), ({"seed": 1.5}, "seed"),
                          ({"seed": True}, "seed"), ({"backtest_k": -1}, "backtest_k")):
        with pytest.raises(ParameterError, match=piece):
            run_region(panel, "national", **kwargs)
