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


# ------------------------------------------------------------ sources.csv: web addresses only


def _with_url(data_dir, url: str) -> None:
    from conftest import SOURCES, write_csv

    write_csv(data_dir / "sources.csv", [{**SOURCES[0], "url": url}, *SOURCES[1:]])


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(document.cookie)",
                                 "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd",
                                 "vbscript:msgbox(1)", "ftp://example.org/a.pdf",
                                 "//example.org/a", "https://", "https://exa mple.org/",
                                 "example.org/report.pdf"])
def test_a_source_url_that_is_not_a_web_address_is_refused_naming_file_row_column(
        tiny_data_dir, capsys, url):
    from forecast.cli import main
    from forecast.textsafe import shown

    _with_url(tiny_data_dir, url)
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = capsys.readouterr().err
    assert err == (f"forecast: error: {tiny_data_dir / 'sources.csv'}:2: column 'url': "
                   f"expected an http:// or https:// address without spaces, or empty, "
                   f"found {shown(url)}\n")


@pytest.mark.parametrize("url", ["", "https://example.org/", "http://example.org/a?b=c#d",
                                 "HTTPS://EXAMPLE.ORG/Report.pdf"])
def test_a_web_address_or_none_is_accepted(tiny_data_dir, url):
    from forecast.data import load_panel

    _with_url(tiny_data_dir, url)
    assert load_panel(tiny_data_dir).sources.iloc[0]["url"] == url


def test_the_shipped_data_passes_the_check_with_its_addresses():
    proc = subprocess.run([*CLI, "data", "check"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert ": OK (" in proc.stdout.splitlines()[0]
