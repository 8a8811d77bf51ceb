"""Hostile input of the twelfth round: files that are not text (a workbook, a compressed
copy, UTF-16 without its mark), files past any sensible size, a header of a million empty
columns, a run folder whose JSON files are pipes or devices, a stop request (SIGTERM) in the
middle of a batch, and region names whose text was read as a path.

Every data folder here is SYNTHETIC, written by the test (the shared tiny folder of
conftest.py or made-up rows). Each oracle is the input itself: what was broken and what
must be said about it.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import one_line_error

from forecast.cli import main


# ------------------------------------------------------------ files that are not text


def _csv_bytes(folder: Path) -> bytes:
    return (folder / "observations.csv").read_bytes()


@pytest.mark.parametrize("make,found", [
    (lambda raw: gzip.compress(raw), "found a gzip-compressed file (export it as CSV UTF-8)"),
    (lambda raw: b"PK\x03\x04\x14\x00\x06\x00" + bytes(200),
     "found a ZIP archive, such as an .xlsx or .ods workbook (export it as CSV UTF-8)"),
    (lambda raw: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200),
     "found an Excel 97-2003 workbook (.xls)"),
    (lambda raw: raw.decode().encode("utf-16-le"), ":1: expected UTF-8 text, found UTF-16 "
                                                   "text without a byte order mark"),
    (lambda raw: raw.decode().encode("utf-16-be"), ":1: expected UTF-8 text, found UTF-16 "
                                                   "text without a byte order mark"),
    (lambda raw: bytes(range(256)) * 4, "found byte 0x80 (the file holds binary data, not "
                                        "text: export it as CSV UTF-8)"),
])
def test_a_file_that_is_not_text_is_named_by_what_it_is(tiny_data_dir, capsys, make, found):
    # A gzip copy and random bytes were "the file is UTF-16"; an .xlsx renamed .csv and
    # UTF-16 without its mark (both valid UTF-8 with NULs) were "column '1': ... NUL".
    path = tiny_data_dir / "observations.csv"
    path.write_bytes(make(_csv_bytes(tiny_data_dir)))
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: {path}") and found in err, err
    assert "U+0000" not in err and ("UTF-16" in found) == ("UTF-16" in err), err


def test_a_scheme_toml_that_is_a_workbook_is_told_to_be_saved_as_text(tiny_data_dir, capsys):
    path = tiny_data_dir / "scheme.toml"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert f"{path}: expected UTF-8 text, found a ZIP archive" in err
    assert "(save it as UTF-8 text)" in err, err


# ------------------------------------------------------------ sizes


@pytest.mark.parametrize("name,what,limit", [
    ("observations.csv", "a CSV file of at most 100 MB", 100 * 2**20),
    ("scheme.toml", "a TOML file of at most 1 MB", 2**20)])
def test_a_data_file_past_the_size_limit_is_refused_by_its_size(tiny_data_dir, capsys, name,
                                                                 what, limit):
    # A 200 MB line took 1.4 GB of memory to be refused; a few GB ended the process
    # without a word. The file here is sparse: it takes no room on the disk.
    path = tiny_data_dir / name
    with open(path, "wb") as fh:
        fh.truncate(limit + 1)
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert f"{path}: expected {what} ({limit:,} bytes), found {limit + 1:,} bytes" in err, err


def test_a_scenario_past_the_size_limit_is_refused_by_its_size(tiny_data_dir, tmp_path,
                                                               capsys):
    path = tmp_path / "big.toml"
    with open(path, "wb") as fh:
        fh.truncate(2**20 + 1)
    assert main(["run", "--data-dir", str(tiny_data_dir), "--scenario", str(path)]) == 2
    assert one_line_error(capsys) == (f"forecast: error: {path}: expected a TOML file of at "
                                       f"most 1 MB (1,048,576 bytes), found 1,048,577 bytes\n")


def test_a_header_of_90000_empty_columns_is_one_short_line(tiny_data_dir, capsys):
    # One part per nameless column: two megabytes, cut before the line said what was
    # expected.
    path = tiny_data_dir / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + "," * 90_000] + lines[1:]) + "\n",
                    encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert f"{path}:1: columns 8 to 90,007 have no name; expected exactly region,metric," \
        "date,value,unit,source_id,note, found" in err, err
    assert len(err) < 600, len(err)


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_a_line_of_millions_of_cells_is_refused_before_it_is_split(tiny_data_dir, capsys,
                                                                   line_end):
    # 100 MB of commas (under the size limit) took 3 GB of memory to be split into its
    # 100 million cells before the count was checked.
    from forecast.csvfile import MAX_LINE_CELLS

    path = tiny_data_dir / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] += "," * MAX_LINE_CELLS
    path.write_text(line_end.join(lines) + line_end, encoding="utf-8", newline="")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    assert one_line_error(capsys) == (
        f"forecast: error: {path}:4: expected at most 100,001 cells on a line (a row has one "
        f"per column of the header), found {MAX_LINE_CELLS + 7:,}\n")


def test_a_header_of_many_repeated_names_names_three_and_counts_the_rest(tiny_data_dir,
                                                                         capsys):
    path = tiny_data_dir / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",note" * 1000] + lines[1:]) + "\n",
                    encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert ":1: column 8 repeats 'note'; column 9 repeats 'note'; column 10 repeats 'note'; " \
        "997 more repeated names; expected exactly" in err, err
    assert len(err) < 600, len(err)


# ------------------------------------------------------------ a run folder's JSON files


def _hand_run(runs: Path, run_id: str = "r1") -> Path:
    """A run folder as `forecast batch` leaves it, of one region 'land' (a SYNTHETIC
    manifest; its results.json is for each test to make)."""
    run = runs / run_id
    (run / "land").mkdir(parents=True)
    manifest = {"run_id": run_id, "regions": ["land"], "data_hash": "0" * 64,
                "parameters": {"as_of": "", "n_paths": 100, "seed": 1, "models": "",
                               "lang": "en", "data_dir": str(runs)},
                "status": {"land": {"status": "ok"}}}
    (run / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return run


@pytest.mark.parametrize("kind,found", [("pipe", "a named pipe"),
                                        ("zero", "a character device")])
@pytest.mark.parametrize("command", ["report", "verify"])
def test_a_results_json_that_is_a_pipe_or_device_is_refused_unread(tmp_path, capsys, kind,
                                                                   found, command):
    # `forecast report` waited forever on the pipe, and read /dev/zero until memory ran out.
    results = _hand_run(tmp_path) / "land" / "results.json"
    if kind == "pipe":
        os.mkfifo(results)
    else:
        results.symlink_to("/dev/zero")

    def hung(signum, frame):
        raise TimeoutError(f"{command} still reading {results} after 60 s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        code = main([command, "r1", "--runs-dir", str(tmp_path)])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert code == 2
    assert one_line_error(capsys) == (f"forecast: error: {results}: cannot be read: "
                                       f"expected a JSON file, found {found}\n")


@pytest.mark.parametrize("kind,found", [("pipe", "a named pipe"),
                                        ("zero", "a character device")])
@pytest.mark.parametrize("command", [["report"], ["verify"], ["batch", "--resume"]])
def test_a_manifest_that_is_a_pipe_is_named_not_offered_as_the_choice(tmp_path, capsys, kind,
                                                                       found, command):
    # "no run 'r1' in ...; valid choices: r1": refused, then offered as the valid choice.
    manifest = _hand_run(tmp_path) / "manifest.json"
    manifest.unlink()
    if kind == "pipe":
        os.mkfifo(manifest)
    else:
        manifest.symlink_to("/dev/zero")
    assert main([*command, "r1", "--runs-dir", str(tmp_path)]) == 2
    err = one_line_error(capsys)
    what = "--resume" if "--resume" in command else "RUN_ID"
    assert err == (f"forecast: error: {what}: expected run 'r1' to hold a manifest file, "
                   f"found {manifest} is {found}\n")
    assert main(["report", "r2", "--runs-dir", str(tmp_path)]) == 2
    assert one_line_error(capsys).endswith("valid choices: (no runs yet)\n")


# ------------------------------------------------------------ stop requests


def test_sigterm_ends_a_command_as_ctrl_c_does_in_one_line():
    # The process died at once (exit -15, no word): nothing in it could clean up.
    code = ("import os, signal, sys, time\n"
            "from forecast import cli\n"
            "def stop(parser, args):\n"
            "    os.kill(os.getpid(), signal.SIGTERM)\n"
            "    time.sleep(30)\n"
            "    return 0\n"
            "cli._run_command = stop\n"
            "sys.exit(cli.main(['data', 'check']))\n")
    proc = subprocess.run([sys.executable, "-c", code], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == \
        (128 + signal.SIGTERM, "", "forecast: stopped by SIGTERM\n")


def test_an_ignored_hangup_stays_ignored():
    # `nohup forecast batch ...`: a command that hears SIGHUP must keep ignoring it.
    code = ("import os, signal, sys\n"
            "signal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
            "from forecast import cli\n"
            "def hup(parser, args):\n"
            "    os.kill(os.getpid(), signal.SIGHUP)\n"
            "    return 0\n"
            "cli._run_command = hup\n"
            "sys.exit(cli.main(['data', 'check']))\n")
    proc = subprocess.run([sys.executable, "-c", code], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stderr) == (0, "")


def test_a_notebook_left_half_written_by_a_killed_attempt_is_removed(tmp_path):
    # SIGKILL leaves the temporary notebook of the region it was running; a resumed run
    # wrote the region's notebook again and left the stale one beside it for good.
    from forecast.runfolder import complete_or_absent

    stale = tmp_path / ".region_forecast.k1ll3d00.partial.ipynb"
    stale.write_text('{"cells": [', encoding="utf-8")
    other = tmp_path / ".results.json.k1ll3d00"  # not a notebook's: left alone here
    other.write_text("{", encoding="utf-8")
    with complete_or_absent(tmp_path / "region_forecast.ipynb") as tmp:
        tmp.write_text('{"cells": []}', encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".results.json.k1ll3d00",
                                                          "region_forecast.ipynb"]


@pytest.mark.slow  # a batch of three regions, stopped and resumed
def test_sigterm_in_a_batch_leaves_no_half_written_file_and_resume_completes(tiny_data_dir,
                                                                          tmp_path):
    runs = tmp_path / "runs"
    cmd = [sys.executable, "-m", "forecast.cli", "batch", "--data-dir", str(tiny_data_dir),
           "--runs-dir", str(runs), "--n-paths", "100", "--no-track-record", "--jobs", "1"]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(runs.glob("*/*/.region_forecast.*.partial.ipynb")):  # a region under way
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 128 + signal.SIGTERM, err
    (run,) = [p for p in runs.iterdir() if p.name != "latest"]
    # The line names the run kept and the command that completes it. The region under way
    # finishes (session 28: and is recorded, where it was left pending and run again).
    status = json.loads((run / "manifest.json").read_text(encoding="utf-8"))["status"]
    done = sorted(r for r, s in status.items() if s["status"] == "ok")
    assert done == sorted(p.parent.name for p in run.glob("*/results.json")) and len(done) == 1
    assert err.endswith(f"forecast: stopped by SIGTERM; run {run.name} kept, 1 of 3 regions "
                        f"finished: `forecast batch --resume {run.name} --runs-dir {runs}` "
                        f"completes it\n"), err
    assert list(run.glob("**/.*.partial.ipynb")) == []
    for notebook in run.glob("*/region_forecast.ipynb"):  # complete or absent
        json.loads(notebook.read_text(encoding="utf-8"))
    proc = subprocess.run([sys.executable, "-m", "forecast.cli", "batch", "--runs-dir",
                           str(runs), "--resume", run.name, "--jobs", "1"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    status = json.loads((run / "manifest.json").read_text(encoding="utf-8"))["status"]
    assert {s["status"] for s in status.values()} == {"ok"}
    assert list(run.glob("**/.*.partial.ipynb")) == []


# ------------------------------------------------------------ names read as paths


def test_a_data_check_warning_prints_a_name_as_written(tiny_data_dir, capsys):
    # Each warning line was joined to the folder as a path: 'http://x' printed as
    # 'http:/x' and 'a // b' as 'a / b'.
    path = tiny_data_dir / "regions.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Testland", "Test // land http://x \U0001F600", 1),
                    encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:2: warning: region national name 'Test // land http://x \U0001F600'" \
        in out, out


# ------------------------------------------------------------ a full disk


@pytest.mark.parametrize("existed", [False, True])
def test_init_on_a_full_disk_names_the_file_and_leaves_the_disk_as_it_was(tmp_path, capsys,
                                                                         monkeypatch,
                                                                         existed):
    # A real ENOSPC of a write names no file: the line was "No space left on device"
    # alone, and the folder init had made was left behind.
    import errno

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    folder = tmp_path / "mydata"
    if existed:
        folder.mkdir()
    assert main(["init", str(folder)]) == 2
    err = one_line_error(capsys)
    assert err == f"forecast: error: {folder / 'scheme.toml'}: No space left on device\n"
    assert folder.exists() == existed and (not existed or list(folder.iterdir()) == [])


# ------------------------------------------------------------ the run's lock


def _failed_run(runs: Path) -> Path:
    """:func:`_hand_run` whose one region failed (no results.json is needed)."""
    run = _hand_run(runs)
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    manifest["status"]["land"] = {"status": "failed", "error": "RunError: SYNTHETIC"}
    (run / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return run


@pytest.mark.parametrize("command", [["report"], ["batch", "--resume"]])
@pytest.mark.parametrize("kind", ["link", "pipe"])
def test_a_lock_file_that_is_a_link_or_pipe_is_never_written_through(tmp_path, capsys, kind,
                                                                     command):
    # `.lock -> /etc/passwd` in a copied run: `batch --resume` truncated the link's target
    # and wrote its pid there. A pipe's open in append mode was "not seekable".
    run = _failed_run(tmp_path / "runs")
    lock = run / ".lock"
    precious = tmp_path / "precious.txt"
    precious.write_text("SYNTHETIC system file\n", encoding="utf-8")
    if kind == "link":
        lock.symlink_to(precious)
    else:
        os.mkfifo(lock)
    assert main([*command, "r1", "--runs-dir", str(tmp_path / "runs")]) == 2
    err = one_line_error(capsys)
    found = "a symbolic link" if kind == "link" else "a named pipe"
    assert err.endswith(f"{lock}: expected the run's lock file, found {found}; remove it "
                        f"and try again\n"), err
    assert precious.read_text(encoding="utf-8") == "SYNTHETIC system file\n"


def test_report_refuses_a_run_a_batch_is_still_writing(tmp_path, capsys):
    # `forecast report RUN` while the batch was still running rendered the reports of
    # half a run ("7 files", exit 0), which the batch then replaced.
    from forecast.batch.runs import run_lock

    run = _failed_run(tmp_path / "runs")
    with run_lock(run):
        assert main(["report", "r1", "--runs-dir", str(tmp_path / "runs")]) == 2
    err = one_line_error(capsys)
    assert err.endswith(f"{run / '.lock'}: the run's lock is held by another process, pid "
                        f"{os.getpid()} (forecast batch) as recorded in it; wait for that "
                        f"process to end, then try again\n"), err
    assert list(run.glob("**/*.pdf")) == []


@pytest.mark.parametrize("command", [["report"], ["batch", "--resume"]])
def test_a_region_folder_linked_outside_the_run_is_refused_before_anything_is_written(
        tmp_path, capsys, command):
    # The run's checks skipped a linked region folder, then its report was written through
    # the link into the folder it named (outside the run) and its results read unchecked.
    run = _failed_run(tmp_path / "runs")
    elsewhere = tmp_path / "elsewhere"
    (run / "land").rename(elsewhere)
    (run / "land").symlink_to(elsewhere)
    assert main([*command, "r1", "--runs-dir", str(tmp_path / "runs")]) == 2
    err = one_line_error(capsys)
    assert err.endswith(f"{run / 'land'}: expected the folder of region 'land' inside the "
                        f"run, found a symbolic link to {elsewhere}; copy the folder in its "
                        f"place\n"), err
    assert list(elsewhere.iterdir()) == []


# ------------------------------------------------------------ paths


@pytest.mark.parametrize("make,found", [(lambda p: os.mkfifo(p), "a named pipe"),
                                        (lambda p: p.symlink_to("/dev/zero"),
                                         "a character device")])
def test_a_data_dir_that_is_a_pipe_or_device_says_which(tmp_path, capsys, make, found):
    # Both were "found a file".
    path = tmp_path / "data"
    make(path)
    assert main(["data", "check", "--data-dir", str(path)]) == 2
    assert one_line_error(capsys).endswith(f"{path}: expected a data directory (a folder "
                                            f"with observations.csv, targets.csv, "
                                            f"regions.csv and sources.csv), found {found}\n")


@pytest.mark.parametrize("name", ["observations.csv", "regions.csv", "sources.csv"])
@pytest.mark.parametrize("mark", ["", "\ufeff"])
def test_a_header_repeated_down_the_file_is_named_as_one(tiny_data_dir, capsys, name, mark):
    # Two exports pasted together: "unknown region 'region'", "expected a source id ...,
    # found 'id'", or a date 'date', depending on the file; the second with its BOM.
    path = tiny_data_dir / name
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:2] + [mark + lines[0]] + lines[2:]) + "\n",
                    encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    assert one_line_error(capsys) == (f"forecast: error: {path}:3: expected a data row, "
                                       f"found the header row again (two files pasted "
                                       f"together? keep only the first header)\n")


# ------------------------------------------------------------ spreadsheet exports


@pytest.mark.parametrize("old,new,piece", [
    ("2016-12-31,22600000", '2016-12-31,"=""22600000"""',
     "column 'value': expected a number written plainly, such as 41560000 or 712.3, found "
     "'=\"22600000\"' (a spreadsheet formula: write '22600000' alone)"),
    ("2016-12-31,22600000", '"=""2016-12-31""",22600000',
     "column 'date': expected an ISO date YYYY-MM-DD, found '=\"2016-12-31\"' (a "
     "spreadsheet formula: write '2016-12-31' alone)"),
    ("2016-12-31,22600000", "2016-12-31,22600000%",
     "column 'value': expected a number written plainly, such as 41560000 or 712.3, found "
     "'22600000%' (write 22600000 without the % sign: the unit column says what it counts)"),
])
def test_spreadsheet_spellings_of_a_cell_say_what_to_write(tiny_data_dir, capsys, old, new,
                                                           piece):
    path = tiny_data_dir / "observations.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert f"{path}:4: {piece}" in err, err


# ------------------------------------------------------------ parameters


_PASTED = ",".join(["x"] * 20_000)


@pytest.mark.parametrize("argv,piece", [
    (["run", "--models", _PASTED], "--models: unknown model(s) 'x'; valid choices: linear,"),
    (["batch", "--models", _PASTED], "models: unknown model(s) 'x'; valid choices: linear,"),
    (["batch", "--regions", _PASTED], "regions: unknown region(s) 'x'; valid choices: all, "
                                      "national, kanwil-east, east-province (see "
                                      "regions.csv)"),
    (["run", "--region", "x" * 5000], "region: unknown region 'xxxxxxxxxx"),
    (["run", "--models", "y" * 5000], "--models: unknown model(s) 'yyyyyyyyyy"),
])
def test_a_pasted_value_keeps_the_valid_choices_on_the_line(tiny_data_dir, tmp_path, capsys,
                                                            argv, piece):
    # Each name was echoed as typed, 20,000 times or 5,000 characters long: the line was
    # cut at 2,000 characters before it said what the valid choices are.
    assert main([*argv, "--data-dir", str(tiny_data_dir)] +
                (["--runs-dir", str(tmp_path / "runs")] if argv[0] == "batch" else [])) == 2
    err = one_line_error(capsys)
    assert piece in err and "valid choices: " in err and len(err) < 400, err[:500]


@pytest.mark.parametrize("region,found", [(["national"], "list ['national']"),
                                          ({"id": "national"}, "dict {'id': 'national'}"),
                                          (5, "int 5")])
def test_a_notebooks_region_of_another_type_is_one_line(tiny_data_dir, region, found):
    # papermill -y 'region: [national]': "TypeError: unhashable type: 'list'".
    from forecast.data import load_panel
    from forecast.errors import ParameterError
    from forecast.results import run_region

    panel = load_panel(tiny_data_dir)
    with pytest.raises(ParameterError) as caught:
        run_region(panel, region, n_paths=100)
    assert str(caught.value) == f"region: expected a region id such as national, found {found}"


@pytest.mark.parametrize("below", ["", "land", "land/new"])
def test_a_runs_dir_inside_a_run_is_refused_as_an_output_there_is(tiny_data_dir, tmp_path,
                                                                  capsys, below):
    # A batch into a run's region folder ran, its run nested among the outer run's
    # outputs, while `--output` there is refused.
    run = _failed_run(tmp_path / "runs")
    (run / ".lock").touch()  # as every batch leaves it
    runs_dir = run / below if below else run
    assert main(["batch", "--data-dir", str(tiny_data_dir), "--runs-dir", str(runs_dir),
                 "--regions", "national", "--n-paths", "100"]) == 2
    err = one_line_error(capsys)
    assert err == (f"forecast: error: --runs-dir: expected a folder outside batch run folders, "
                   f"found {runs_dir}, inside the run {run} (its reports and checks would "
                   f"mix the two runs)\n")
    assert sorted(p.name for p in run.iterdir()) == [".lock", "land", "manifest.json"]


@pytest.mark.parametrize("value,found", [("false", "'false'"), ("no", "'no'"), (0, "0"),
                                         (None, "None"), ([True], "[True]")])
def test_a_yes_no_parameter_given_as_text_is_refused_not_read_as_yes(value, found):
    # `papermill ... -p track_record false` passes the text 'false' (only True and False
    # become booleans), and the notebook's `if track_record` ran the long track record.
    from forecast.errors import ParameterError
    from forecast.params import check_flag

    assert check_flag(True, "track_record") is True
    assert check_flag(False, "track_record") is False
    with pytest.raises(ParameterError) as caught:
        check_flag(value, "track_record")
    assert str(caught.value) == ("track_record: expected True or False (papermill: -p "
                                 f"track_record True), found {found}")


# ------------------------------------------------------------ the PDFs' layout


@pytest.mark.skipif(__import__("shutil").which("pdftotext") is None,
                    reason="needs poppler's pdftotext")
def test_a_200_letter_region_name_stays_on_the_page(tiny_data_dir, tmp_path):
    # One unbreakable word ran off the page in the title and the footer, and over the
    # next column of the summary's table.
    import re

    from forecast.data import load_panel
    from forecast.report.render import render_region
    from forecast.results import run_region

    path = tiny_data_dir / "regions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Testland", "W" * 200, 1),
                    encoding="utf-8")
    results = run_region(load_panel(tiny_data_dir), "national", n_paths=100)
    pdf = render_region(results, tmp_path, tmp_path / "report_en.pdf")
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout
    width = float(re.search(r'<page width="([0-9.]+)"', boxes).group(1))
    right = max(float(x) for x in re.findall(r'xMax="([0-9.]+)"', boxes))
    assert right <= width, (right, width)
    assert "W" * 8 in boxes  # the name is there, in pieces


def test_long_runs_get_break_points_and_nothing_else_changes():
    from forecast.report.render import breakable

    doc = {"a": "W" * 40, "b": ["Jawa Barat", "x-" * 40, "example.org/" + "a/" * 30],
           "n": 5, "e": "e\u0301" * 40, "z": "\U0001F468\u200d\U0001F469" * 20}
    out = breakable(doc)
    assert out["a"] == "\u200b".join(["W" * 8] * 5)
    assert out["b"] == doc["b"] and out["n"] == 5  # breakable already, or not text
    assert out["e"].replace("\u200b", "") == doc["e"]
    assert "\u200b\u0301" not in out["e"]  # never between a letter and its accent
    assert "\u200d\u200b" not in out["z"] and "\u200b\u200d" not in out["z"]


def test_report_never_reads_the_data_folder_a_manifest_names(tiny_data_dir, tmp_path, capsys):
    # The reports rendered, then naming the top region read scheme.toml of the manifest's
    # data_dir: moved, damaged or a device, the command ended in an error after every PDF.
    from forecast.data import load_panel
    from forecast.results import run_region, write_run

    runs = tmp_path / "runs"
    run = runs / "r1"
    write_run(run_region(load_panel(tiny_data_dir), "national", n_paths=100), run / "national")
    manifest = {"run_id": "r1", "regions": ["national"], "data_hash": "0" * 64,
                "parameters": {"as_of": "", "n_paths": 100, "seed": 1, "models": "",
                               "lang": "en", "data_dir": "/dev/zero"},
                "status": {"national": {"status": "ok"}}}
    (run / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 0
    captured = capsys.readouterr()
    assert "forecast: error" not in captured.err, captured.err
    assert f"national: {run / 'national' / 'report_en.pdf'}" in captured.out, captured.out


@pytest.mark.parametrize("argv", [["run", "--n-paths", "100", "--output"],
                                  ["compare", "--as-of", "2022", "2023", "--n-paths", "100",
                                   "--chart"]])
def test_an_output_where_an_absent_input_is_read_from_is_refused(tiny_data_dir, capsys, argv):
    # The data folder had no scheme.toml: `--output DATA/scheme.toml` wrote the results
    # there, and the folder's next check failed with "scheme.toml: not valid TOML".
    target = tiny_data_dir / "scheme.toml"
    assert main([*argv, str(target), "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert err.endswith(f"expected a file other than the command's inputs, found {target}, "
                        f"where scheme.toml is read from (absent now; the output would be "
                        f"read as it next time)\n"), err
    assert not target.exists()


def test_a_run_file_saved_with_a_bom_by_an_editor_is_read(tmp_path):
    # A manifest opened and saved in a Windows editor: "damaged: expected a complete JSON
    # object (Unexpected UTF-8 BOM ...)", while a data CSV with a BOM is read.
    run = _failed_run(tmp_path / "runs")
    manifest = run / "manifest.json"
    manifest.write_bytes(b"\xef\xbb\xbf" + manifest.read_bytes())
    from forecast.runfolder import read_manifest

    assert read_manifest(run)["run_id"] == "r1"


# ------------------------------------------------------------ the notebooks' HTML


def test_data_words_in_the_notebooks_html_are_never_typeset_as_mathematics():
    # MathJax (the exported HTML's, and JupyterLab's) typesets text between two dollars
    # anywhere in the page: a region "Pay $5 or $10" showed "5 or " as a formula. It
    # leaves alone what sits inside an element of class tex2jax_ignore.
    import re

    import pandas as pd

    from forecast.styles import Collapsed, Note, styled

    name = "Pay $5 or $10 \\(x\\)"
    frame = pd.DataFrame({"region": [name], "probability": [0.5]})
    for html in (Note(name)._repr_html_(), styled(frame).to_html(),
                 Collapsed(styled(frame), name)._repr_html_()):
        body = re.sub(r"<style.*?</style>", "", html, flags=re.S).lstrip()
        opening = re.match(r"<(\w+)[^>]*>", body).group(0)  # the element around it all
        assert 'class="tex2jax_ignore"' in opening, html[:300]
        assert "$5 or $10" in html


def test_an_output_blocked_by_a_folder_names_the_output_not_a_temporary_file(tmp_path):
    # "Is a directory: '.../.report_en.pdf.kpl7tq7e' -> '.../report_en.pdf'": the name of a
    # temporary file the user never made, in the line of a failed region's report.
    from forecast.store import write_atomic

    target = tmp_path / "report_en.pdf"
    (target / "inside").mkdir(parents=True)
    with pytest.raises(OSError) as caught:
        write_atomic(b"%PDF-", target)
    assert caught.value.filename == str(target) and caught.value.filename2 is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report_en.pdf"]


def test_a_runs_dir_too_deep_for_the_runs_files_is_refused_before_the_run(tiny_data_dir,
                                                                          tmp_path, capsys):
    # 4,031 bytes passed the folder's own check (under 4,096); then every region failed
    # with "File name too long" and the command ended with code 1.
    path_max = os.pathconf(tmp_path, "PC_PATH_MAX")
    runs = tmp_path / "runs"
    while len(os.fsencode(str(runs))) < path_max - 90:
        runs = runs / ("d" * min(250, path_max - 90 - len(os.fsencode(str(runs)))))
    assert main(["batch", "--data-dir", str(tiny_data_dir), "--runs-dir", str(runs),
                 "--regions", "national", "--n-paths", "100", "--no-track-record"]) == 2
    err = one_line_error(capsys)
    assert f"runs-dir: expected a path of at most {path_max - 101:,} bytes (the files " \
        f"written in it lie up to 100 bytes deeper), found " in err, err
    assert not (tmp_path / "runs").exists()


@pytest.mark.slow
def test_the_region_notebook_refuses_a_yes_no_parameter_given_as_text(tmp_path):
    # `papermill -p track_record false` passes the text 'false', which `if track_record`
    # read as yes: the long track record ran. The notebook now refuses it in one line,
    # before the data is read.
    papermill = pytest.importorskip("papermill")
    notebooks = Path(__file__).resolve().parents[1] / "notebooks"
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        papermill.execute_notebook(str(notebooks / "region_forecast.ipynb"),
                                   str(tmp_path / "r.ipynb"),
                                   parameters={"track_record": "false",
                                               "data_dir": str(tmp_path / "none")},
                                   kernel_name="python3", progress_bar=False,
                                   cwd=str(notebooks))
    assert caught.value.ename == "ParameterError"
    assert caught.value.evalue.startswith("track_record: expected True or False"), \
        caught.value.evalue
