"""The papermill batch: every region runs, failures are isolated, runs can be resumed."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from forecast import batch
from forecast.cli import main
from forecast.errors import ParameterError
from forecast.reasons import reason_text


def template_with(tmp_path: Path, code: str) -> Path:
    """The real template with one extra cell, ``code``, after its parameters cell."""
    nb = nbformat.read(batch.TEMPLATE, as_version=4)
    index = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(index + 1, nbformat.v4.new_code_cell(code))
    path = tmp_path / "extra_cell_template.ipynb"
    nbformat.write(nb, path)
    return path


def _failing_template(tmp_path: Path, region: str) -> Path:
    """The real template with one extra cell that fails for ``region``."""
    return template_with(tmp_path, f"if region == {region!r}:\n    raise RuntimeError("
                                   f"'forced failure for the test')")


@pytest.mark.slow
def test_batch_isolates_a_failure_and_resume_completes(tiny_data_dir, tmp_path):
    runs = tmp_path / "runs"
    seen = []
    manifest = batch.run_batch(regions="all", data_dir=tiny_data_dir, runs_dir=runs,
                               n_paths=300, jobs=2, seed=3,
                               template=_failing_template(tmp_path, "kanwil-east"),
                               on_progress=lambda s, d, t: seen.append((s["region"], d, t)))
    run_dir = Path(manifest["run_dir"])
    assert manifest["summary"]["failed"] == ["kanwil-east"]
    assert sorted(r for r, _, _ in seen) == ["east-province", "kanwil-east", "national"]
    status = json.loads((run_dir / "manifest.json").read_text())["status"]
    assert status["national"]["status"] == "ok"
    assert "forced failure" in status["kanwil-east"]["error"]
    # The failed notebook is kept, with the error in it.
    assert "forced failure" in (run_dir / "kanwil-east" / "region_forecast.ipynb").read_text()
    national = json.loads((run_dir / "national" / "results.json").read_text())
    assert {t["metric"] for t in national["targets"]} == {"active_total", "fund_investment"}
    before = (run_dir / "national" / "results.json").stat().st_mtime_ns

    # Resume with the real template: only the failed region runs again.
    resumed = batch.run_batch(resume=run_dir.name, runs_dir=runs, jobs=1)
    assert resumed["summary"]["failed"] == []
    assert (run_dir / "national" / "results.json").stat().st_mtime_ns == before
    assert (run_dir / "kanwil-east" / "results.json").is_file()
    # The whole run is reconciled once every region is in: each level of the tiny data has
    # one region, which the reconciliation refuses to scale, and says so.
    recon = json.loads((run_dir / "reconciliation.json").read_text())
    assert recon["levels"]["kanwil"]["regions_in_level"] == 1
    assert "at least 2" in reason_text(recon["levels"]["province"]["skipped"])
    assert "at least 2" in resumed["summary"]["reconciliation"]


@pytest.mark.slow
def test_batch_same_results_as_run_region(tiny_data_dir, tmp_path):
    from forecast.data import load_panel
    from forecast.results import run_region

    manifest = batch.run_batch(regions="national", data_dir=tiny_data_dir,
                               runs_dir=tmp_path, n_paths=300, seed=9, jobs=1)
    got = json.loads((Path(manifest["run_dir"]) / "national" / "results.json").read_text())
    want = run_region(load_panel(tiny_data_dir), "national", n_paths=300, seed=9)
    assert got["targets"] == json.loads(json.dumps(want["targets"]))
    from forecast.batch.runs import code_hash  # the code that made it, for verify to read

    assert manifest["code_hash"] == code_hash()


@pytest.mark.parametrize("kwargs,match", [
    ({"regions": "national,atlantis"}, "unknown region"),
    ({"n_paths": 0}, "n_paths"), ({"n_paths": 10**9}, "n_paths"), ({"seed": "x"}, "seed"),
    ({"lang": "fr"}, "lang"), ({"jobs": 0}, "jobs"), ({"models": "magic"}, "models"),
    ({"as_of": "soon"}, "as_of"),
])
def test_bad_parameters_rejected_before_any_notebook(tiny_data_dir, tmp_path, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        batch.run_batch(data_dir=tiny_data_dir, runs_dir=tmp_path / "runs", **kwargs)
    assert not (tmp_path / "runs").exists(), "nothing is written for a rejected batch"


@pytest.mark.slow
def test_cli_batch_exit_code_and_summary(tiny_data_dir, tmp_path, capsys):
    code = main(["batch", "--regions", "national", "--data-dir", str(tiny_data_dir),
                 "--runs-dir", str(tmp_path), "--n-paths", "200", "--jobs", "1"])
    captured = capsys.readouterr()
    assert code == 0
    # One progress bar for the batch (plain lines when stderr is not a terminal).
    assert "1/1 regions, 0 failed, 0:00 left (national ok)" in captured.err
    assert "1 of 1 region ok" in captured.out
    assert main(["batch", "--resume", "nope", "--runs-dir", str(tmp_path)]) == 2
    assert "resume: no run 'nope'" in capsys.readouterr().err


@pytest.mark.slow
def test_batch_on_a_dask_local_cluster(tiny_data_dir, tmp_path, capsys):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        code = main(["batch", "--regions", "national,east-province", "--n-paths", "300",
                     "--seed", "9", "--data-dir", str(tiny_data_dir), "--runs-dir",
                     str(tmp_path / "runs"), "--dask-scheduler", cluster.scheduler_address])
    assert code == 0, capsys.readouterr().err
    manifest_path = next((tmp_path / "runs").glob("*/manifest.json"))
    manifest = json.loads(manifest_path.read_text())
    assert manifest["summary"]["failed"] == []
    # The same numbers as a local run with the same seed: where a region runs does not
    # change what it computes.
    local = batch.run_batch(regions="national", data_dir=tiny_data_dir,
                            runs_dir=tmp_path / "local", n_paths=300, seed=9, jobs=1)
    got = json.loads((manifest_path.parent / "national" / "results.json").read_text())
    want = json.loads((Path(local["run_dir"]) / "national" / "results.json").read_text())
    assert got["targets"] == want["targets"]


@pytest.mark.slow
def test_batch_with_an_unreachable_dask_scheduler_is_one_line(tiny_data_dir, tmp_path,
                                                             capsys):
    runs = tmp_path / "runs"
    code = main(["batch", "--regions", "national", "--data-dir", str(tiny_data_dir),
                 "--runs-dir", str(runs), "--dask-scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("forecast: error: --dask-scheduler: no Dask scheduler answered at "
                          "'tcp://127.0.0.1:9'"), err
    assert len(err.strip().splitlines()) == 1, err
    assert not runs.exists()


def _template_with(tmp_path: Path, code: str, name: str) -> Path:
    """The real template with ``code`` as an extra cell right after the parameters."""
    nb = nbformat.read(batch.TEMPLATE, as_version=4)
    index = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(index + 1, nbformat.v4.new_code_cell(code))
    path = tmp_path / name
    nbformat.write(nb, path)
    return path


def _results(manifest: dict) -> dict:
    run_dir = Path(manifest["run_dir"])
    return {r: json.loads((run_dir / r / "results.json").read_text())
            for r in manifest["regions"] if (run_dir / r / "results.json").is_file()}


@pytest.mark.slow
def test_warm_kernels_give_the_same_results_as_fresh_ones(tiny_data_dir, tmp_path):
    # One worker: every region after the first runs on the first region's kernel. A failing
    # region leaves a variable behind, which the next region must not see.
    template = _template_with(
        tmp_path, "assert 'left_by_previous_region' not in globals()\n"
                  "if region == 'kanwil-east':\n"
                  "    left_by_previous_region = 1\n"
                  "    raise RuntimeError('forced failure for the test')", "leaky.ipynb")
    common = dict(regions="all", data_dir=tiny_data_dir, n_paths=300, seed=4, jobs=1,
                  template=template)
    warm = batch.run_batch(runs_dir=tmp_path / "warm", warm_kernels=True, **common)
    fresh = batch.run_batch(runs_dir=tmp_path / "fresh", warm_kernels=False, **common)
    assert warm["regions"][-1] == "east-province"  # runs after the failing region
    assert warm["summary"]["failed"] == fresh["summary"]["failed"] == ["kanwil-east"]
    assert _results(warm) == _results(fresh) and len(_results(warm)) == 2
    nb = nbformat.read(Path(warm["run_dir"]) / "east-province" / "region_forecast.ipynb", 4)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))
    # The reused kernel's history: the counter restarted in the same session used to
    # print "ERROR! Session/line number was not unique in database" into the notebook.
    for region in ("national", "east-province"):
        text = (Path(warm["run_dir"]) / region / "region_forecast.ipynb").read_text()
        assert "not unique" not in text and "ERROR!" not in text, region


@pytest.mark.slow
def test_a_region_past_its_timeout_fails_and_the_others_finish(tiny_data_dir, tmp_path):
    template = _template_with(tmp_path, "if region == 'national':\n"
                                        "    import time\n"
                                        "    time.sleep(600)", "slow.ipynb")
    manifest = batch.run_batch(regions="all", data_dir=tiny_data_dir, runs_dir=tmp_path,
                               n_paths=300, seed=4, jobs=1, timeout=30, template=template)
    assert manifest["summary"]["failed"] == ["national"]
    assert "timed out" in manifest["status"]["national"]["error"].lower()
    assert manifest["status"]["east-province"]["status"] == "ok"


@pytest.mark.slow
def test_batch_kernel_is_this_interpreter_whatever_jupyter_has_installed(
        tiny_data_dir, tmp_path, monkeypatch):
    # A user-level "python3" kernel spec pointing at a Python that does not exist must not
    # matter: the batch runs its notebooks on the interpreter it runs in.
    spec_dir = tmp_path / "jupyter" / "kernels" / "python3"
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": ["/nonexistent/python", "-m", "ipykernel_launcher", "-f",
                 "{connection_file}"], "display_name": "broken", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    manifest = batch.run_batch(regions="national", data_dir=tiny_data_dir,
                               runs_dir=tmp_path / "runs", n_paths=200, seed=1, jobs=1)
    assert manifest["summary"]["failed"] == [], manifest["status"]


@pytest.mark.slow
def test_a_region_whose_kernel_dies_fails_with_the_reason_and_the_others_finish(
        tiny_data_dir, tmp_path):
    template = _template_with(tmp_path, "if region == 'kanwil-east':\n"
                                        "    import os\n"
                                        "    os._exit(1)", "dying.ipynb")
    manifest = batch.run_batch(regions="all", data_dir=tiny_data_dir, runs_dir=tmp_path,
                               n_paths=300, seed=4, jobs=1, timeout=120, template=template)
    assert manifest["summary"]["failed"] == ["kanwil-east"]
    assert "DeadKernelError" in manifest["status"]["kanwil-east"]["error"]
    # The next region on the same worker gets a new kernel and finishes.
    assert manifest["status"]["east-province"]["status"] == "ok"


@pytest.mark.slow
@pytest.mark.parametrize("user_value, expected", [(None, "1"), ("3", "3")])
def test_batch_kernels_compute_with_one_blas_thread_unless_the_user_says_otherwise(
        tiny_data_dir, tmp_path, monkeypatch, user_value, expected):
    # Regions run in parallel kernels; a BLAS pool per kernel would compete for the cores.
    for name in batch.ONE_THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    if user_value is not None:
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", user_value)
    template = _template_with(
        tmp_path, "import os\n"
                  f"assert os.environ.get('OPENBLAS_NUM_THREADS') == {expected!r}, os.environ\n"
                  "assert os.environ.get('OMP_NUM_THREADS') == '1'", "threads.ipynb")
    manifest = batch.run_batch(regions="national", data_dir=tiny_data_dir, n_paths=200,
                               seed=1, jobs=1, runs_dir=tmp_path / "runs", template=template)
    assert manifest["summary"]["failed"] == [], manifest["status"]
