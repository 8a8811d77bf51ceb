"""What `make report` prints: one progress bar per batch, a closing summary with the PDF
paths, no kernel warning per region; and reports/runs/latest is the newest run."""

from __future__ import annotations

import io
import logging

from forecast.batch.launch import QUIET, DropTcpWarning
from forecast.batch.runs import point_latest as _point_latest
from forecast.progress import Progress


class _Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_progress_in_a_log_is_one_plain_line_per_region_with_failed_and_time_left():
    out, clock = io.StringIO(), _Clock()
    bar = Progress(out, tty=False, width=10, clock=clock)
    clock.now = 10.0
    bar.update({"region": "bali", "status": "ok"}, 1, 4)
    clock.now = 20.0
    bar.update({"region": "aceh", "status": "failed", "error": "boom"}, 2, 4)
    lines = out.getvalue().splitlines()
    assert lines == ["[##--------] 1/4 regions, 0 failed, 0:30 left (bali ok)",
                     "[#####-----] 2/4 regions, 1 failed, 0:20 left (aceh failed)"]
    assert "\r" not in out.getvalue()


def test_progress_on_a_terminal_redraws_one_line_and_ends_it():
    out, clock = io.StringIO(), _Clock()
    bar = Progress(out, tty=True, width=4, clock=clock)
    for done in (1, 2):
        clock.now = 5.0 * done
        bar.update({"region": f"r{done}", "status": "ok"}, done, 2)
    text = out.getvalue()
    assert text.count("\r") == 2 and text.count("\n") == 1 and text.endswith("\n")
    assert "2/2 regions, 0 failed, 0:00 left" in text


def test_latest_links_to_the_newest_run_and_survives_a_resume_through_it(tmp_path):
    runs = tmp_path / "runs"
    old, new = runs / "20260101-000000-aaaaaa", runs / "20260102-000000-bbbbbb"
    old.mkdir(parents=True)
    new.mkdir()
    _point_latest(old)
    _point_latest(new)
    link = runs / "latest"
    assert link.is_symlink() and link.resolve() == new.resolve()
    _point_latest(link)  # a run resumed as `--resume latest`
    assert link.resolve() == new.resolve()


def test_a_real_folder_named_latest_is_left_alone(tmp_path):
    runs = tmp_path / "runs"
    (runs / "latest").mkdir(parents=True)
    run = runs / "20260102-000000-bbbbbb"
    run.mkdir()
    note = _point_latest(run)
    assert not (runs / "latest").is_symlink()
    assert "is a folder, not a link" in note


def test_kernel_launcher_drops_only_the_tcp_warning():
    drop = DropTcpWarning()

    def record(msg):
        return logging.LogRecord("IPKernelApp", logging.WARNING, __file__, 1, msg, None, None)

    assert not drop.filter(record(QUIET + ". All communication ... encryption."))
    assert drop.filter(record("Kernel died: something else"))
