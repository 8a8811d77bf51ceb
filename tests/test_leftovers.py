"""Leftover defects, each pinned by a test that failed before its fix: standard output
closed or gone, non-web addresses in sources.csv, flows declared by a scheme, the reason a
region has no targets, and a past-due target with both readings below it.

Every data folder written here is SYNTHETIC (made-up numbers that describe no real scheme).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CLI = [sys.executable, "-m", "forecast.cli"]


# ------------------------------------------------------------ standard output closed or gone


def _close_stdout():  # runs in the child before exec: `forecast ... >&-`
    os.close(1)


@pytest.mark.parametrize("argv", [["run", "--n-paths", "50"], ["data", "check"], ["--help"]])
def test_a_closed_standard_output_is_one_line_and_exit_2(tiny_data_dir, argv):
    if argv != ["--help"]:
        argv = [*argv, "--data-dir", str(tiny_data_dir)]
    proc = subprocess.run([*CLI, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, timeout=120, preexec_fn=_close_stdout)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == ("forecast: error: standard output: expected an open standard "
                           "output (a terminal, file or pipe), found it closed\n")


@pytest.mark.parametrize("argv", [["run", "--n-paths", "50", "--format", "json"],
                                  ["run", "--n-paths", "50"], ["data", "check"], ["--help"]])
def test_a_reader_gone_before_the_first_line_exits_141_without_a_word(tiny_data_dir, argv):
    """The pipe's reading end is closed before the command starts, so its first write
    meets EPIPE whatever the size of the output (Python ignores SIGPIPE)."""
    if argv != ["--help"]:
        argv = [*argv, "--data-dir", str(tiny_data_dir)]
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run([*CLI, *argv], stdout=write_end, stderr=subprocess.PIPE,
                              text=True, timeout=120)
    finally:
        os.close(write_end)
    assert (proc.returncode, proc.stderr) == (141, "")


def test_run_json_into_head_c_10_prints_ten_bytes_and_no_traceback(tiny_data_dir):
    cmd = " ".join([*CLI, "run", "--n-paths", "50", "--format", "json", "--data-dir",
                    str(tiny_data_dir)])
    proc = subprocess.run(["bash", "-c", f"{cmd} | head -c 10; echo \" ${{PIPESTATUS[0]}}\""],
                          capture_output=True, text=True, timeout=120)
    assert proc.stderr == ""
    text, code = proc.stdout.rsplit(" ", 1)
    assert text == '{\n  "regio' and code.strip() in ("0", "141")
