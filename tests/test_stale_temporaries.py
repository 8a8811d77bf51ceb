"""A batch or report killed outright (SIGKILL) leaves temporaries in its run folder: files
under write_atomic's and the notebooks' temporary names, a PDF's work folder. The next
command that takes the run's lock (`batch --resume`, `report`) removes them, and nothing
else: not a file of another name, not one newer than the process, not through a link."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from forecast.cli import main
from forecast.report import render
from forecast.staletemp import remove_stale

HOUR_AGO = time.time() - 3600


def _old(path: Path) -> Path:
    os.utime(path, (HOUR_AGO, HOUR_AGO), follow_symlinks=False)
    return path


def _plant(run: Path, region: str = "national") -> tuple[list[Path], list[Path]]:
    """(stale temporaries a killed writer leaves, files that must stay) in ``run``."""
    reg = run / region
    reg.mkdir(parents=True, exist_ok=True)
    stale = [reg / ".results.json.k3j_9zq1", reg / ".fan_active_total_2026.png.abcdefgh",
             run / ".summary_en.pdf.x1y2z3w4", run / ".manifest.json.q0w9e8r7",
             reg / ".region_forecast.html.m1n2b3v4", run / ".forecast-probe-p0o9i8u7",
             reg / ".region_forecast.a1s2d3f4.partial.ipynb"]
    for p in stale:
        p.write_bytes(b"half")
        _old(p)
    work = reg / ".forecast-report-z9x8c7v6"
    work.mkdir()
    (work / "fan_0.png").write_bytes(b"png")
    _old(work / "fan_0.png")
    stale.append(_old(work))

    outside = run.parent / "elsewhere"
    outside.mkdir(exist_ok=True)
    (outside / "keep.txt").write_text("not the run's\n")
    keep = [reg / "notes.txt", reg / ".mydata.abcdefgh", run / ".forecast-probe-short",
            reg / ".results.json.toolong12", reg / "deeper" / ".results.json.k3j_9zq1"]
    for p in keep:
        p.parent.mkdir(exist_ok=True)
        p.write_text("mine\n")
        _old(p)
    fresh = reg / ".results.json.n3w3r0n3"  # newer than the process: maybe its own
    fresh.write_text("in use\n")
    link = reg / ".forecast-report-l1n2k3s4"  # a link named like a work folder
    link.symlink_to(outside, target_is_directory=True)
    not_a_folder = run / ".forecast-report-f1l2e3s4"  # a file named like one
    not_a_folder.write_text("mine\n")
    _old(not_a_folder)
    return stale, keep + [fresh, link, not_a_folder, outside / "keep.txt"]


def test_only_the_projects_own_old_temporaries_are_removed(tmp_path):
    run = tmp_path / "runs" / "20260101-000000-abc"
    stale, keep = _plant(run)
    removed = remove_stale(run)
    assert sorted(removed) == sorted(stale)
    assert not [p for p in stale if os.path.lexists(p)]
    assert all(os.path.lexists(p) for p in keep)
    assert remove_stale(run) == []  # nothing more the second time
    assert remove_stale(tmp_path / "no-such-run") == []


@pytest.mark.parametrize("command", ["report", "resume"])
def test_report_and_resume_remove_what_a_killed_writer_left(tiny_data_dir, tmp_path,
                                                            command):
    runs = tmp_path / "runs"
    assert main(["batch", "--regions", "national", "--data-dir", str(tiny_data_dir),
                 "--runs-dir", str(runs), "--n-paths", "100", "--jobs", "1",
                 "--no-track-record"]) == 0
    (run,) = [p for p in runs.iterdir() if not p.is_symlink()]
    results = (run / "national" / "results.json").read_bytes()
    stale, keep = _plant(run)
    argv = (["report", run.name, "--runs-dir", str(runs)] if command == "report" else
            ["batch", "--resume", run.name, "--runs-dir", str(runs), "--jobs", "1"])
    assert main(argv) == 0
    assert not [p for p in stale if os.path.lexists(p)]
    assert all(os.path.lexists(p) for p in keep)
    assert (run / "national" / "results.json").read_bytes() == results
    assert json.loads((run / "manifest.json").read_text())["status"]["national"]


def test_a_pdf_is_made_in_a_work_folder_beside_it(tmp_path, monkeypatch):
    """So a render killed outright leaves it in the run folder (removed by the next
    command on the run), not in the system's temporary folder."""
    seen = []

    def compile_(template, doc, workdir):
        seen.append(Path(workdir))
        raise KeyboardInterrupt  # stopped mid-render

    monkeypatch.setattr(render, "_compile", compile_)
    out = tmp_path / "run" / "national" / "report_en.pdf"
    with pytest.raises(KeyboardInterrupt):
        render.render_region({"region": "national", "targets": []}, tmp_path / "none", out)
    (work,) = seen
    assert work.parent == out.parent and work.name.startswith(".forecast-report-")
    assert not work.exists() and not out.exists()  # an ordinary stop still tidies up
