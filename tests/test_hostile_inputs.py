"""Hostile inputs found by fuzzing the command line (one mutation at a time of a valid data
folder, parameters and paths): each class gets one line naming the file, row or parameter,
what was expected and what was found, exit code 2, and nothing written."""

from __future__ import annotations

import json
import re
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import observation_rows, one_line_error, write_csv
from forecast.cli import main

DATA_FILES = ["observations.csv", "targets.csv", "regions.csv", "sources.csv"]


# ------------------------------------------------------- invalid choices in the house words


@pytest.mark.parametrize("argv,pieces", [
    (["run", "--lang", "fr"], ["run: argument --lang: expected one of en, id, found 'fr'"]),
    (["run", "--format", "xml"], ["--format: expected one of table, json, found 'xml'"]),
    (["run", "--vintage", "today"], ["--vintage: expected one of published, date, "
                                     "found 'today'"]),
    (["report", "x", "--lang", "de"], ["report: argument --lang: expected one of en, id, "
                                       "found 'de'"]),
    (["compare", "--as-of", "2023", "2024", "--format", "csv"],
     ["compare: argument --format: expected one of table, json, found 'csv'"]),
    (["frobnicate"], ["argument COMMAND: expected one of data, init, run, batch",
                      "found 'frobnicate'"]),
    (["data", "lint"], ["expected one of check, found 'lint'"]),
])
def test_invalid_choices_read_like_every_other_refusal(capsys, argv, pieces):
    assert main(argv) == 2
    err = one_line_error(capsys)
    for piece in pieces:
        assert piece in err, err
    assert "invalid choice" not in err and "choose from" not in err, err


# ----------------------------------------------- compare checks its parameters as run does


@pytest.mark.parametrize("argv,pieces", [
    (["abc", "2023"], ["--as-of: ", "a year from 2014 (the first observation's)", "found 'abc'"]),
    (["2023", "1950"], ["--as-of: ", "a year from 2014", "found '1950'",
                        "before the first observation"]),
    (["2023", "2024", "--n-paths", "0"], ["compare: argument --n-paths",
                                          "an integer from 100 to 1,000,000", "found '0'"]),
    (["2023", "2024", "--n-paths", "-5"], ["--n-paths", "found '-5'"]),
    (["2023", "2024", "--seed", "-1"], ["compare: argument --seed",
                                        "a non-negative integer", "found '-1'"]),
    (["2023", "2024", "--seed", "x"], ["--seed", "found 'x'"]),
])
def test_compare_as_of_refuses_what_run_refuses(tiny_data_dir, tmp_path, capsys, argv, pieces):
    chart = tmp_path / "chart.png"
    code = main(["compare", "--as-of", *argv, "--data-dir", str(tiny_data_dir),
                 "--chart", str(chart)])
    assert code == 2
    err = one_line_error(capsys)
    for piece in pieces:
        assert piece in err, err
    assert [p.name for p in tmp_path.iterdir()] == ["data"]  # no chart, no temp file


# ------------------------------------------------------------ links that lead nowhere


@pytest.mark.parametrize("name", DATA_FILES + ["scheme.toml"])
@pytest.mark.parametrize("how", ["dangling", "loop"])
def test_a_broken_link_is_named_as_one(tiny_data_dir, capsys, name, how):
    path = tiny_data_dir / name
    if path.exists():
        path.unlink()
    os.symlink("gone.csv" if how == "dangling" else name, path)
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert f"{name}: cannot be read" in err, err
    expect = "a symbolic link to gone.csv, which does not exist" if how == "dangling" \
        else "a symbolic link that loops"
    assert expect in err and "file not found" not in err, err


def test_a_broken_scheme_link_is_never_the_default_scheme(tiny_data_dir, capsys):
    """A folder without scheme.toml means the shipped scheme; a scheme.toml that is a
    broken link is the user's file gone wrong, not its absence."""
    (tiny_data_dir / "scheme.toml").symlink_to(tiny_data_dir / "my_scheme.toml")
    assert main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "100"]) == 2
    assert "scheme.toml: cannot be read" in one_line_error(capsys)


def test_a_data_dir_that_is_a_looping_link(tmp_path, capsys):
    loop = tmp_path / "data"
    loop.symlink_to(loop)
    assert main(["data", "check", "--data-dir", str(loop)]) == 2
    err = one_line_error(capsys)
    assert f"{loop}: expected a data directory" in err and "loops" in err, err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_scheme_toml_that_is_a_named_pipe_is_refused_without_reading(tiny_data_dir, capsys):
    os.mkfifo(tiny_data_dir / "scheme.toml")  # reading it would wait for a writer forever
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert "scheme.toml: cannot be read: expected a TOML file, found a named pipe" in err


# ------------------------------------------------------------ a quote never closed


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_a_file_cut_inside_a_quoted_note_names_the_line(tiny_data_dir, capsys, cut):
    rows = observation_rows()
    for row in rows:
        row["note"] = "a note, with a comma"  # every note quoted
    write_csv(tiny_data_dir / "observations.csv", rows)
    path = tiny_data_dir / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    keep = max(2, int(len(lines) * cut))
    last = lines[keep - 1]
    # The last kept line stops inside its quoted note: a download or copy cut short.
    path.write_text("".join(lines[:keep - 1]) + last[:last.index('"') + 4], encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert f"observations.csv:{keep}: a quote (\") opened on this line is never closed" \
        in err, err
    assert "C error" not in err and "tokenizing" not in err, err


def test_a_stray_quote_swallowing_later_lines_names_its_line(tiny_data_dir, capsys):
    path = tiny_data_dir / "targets.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("national", '"national', 1)  # opened, never closed
    path.write_text("".join(lines), encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert "targets.csv:3: a quote (\") opened on this line is never closed" in err, err


def test_a_literal_quote_inside_an_unquoted_note_is_still_fine(tiny_data_dir, capsys):
    path = tiny_data_dir / "observations.csv"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + 'a 5" screen\n', encoding="utf-8")  # last note: one quote
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 0, \
        capsys.readouterr().err


# ------------------------------------------------------------ blanks around header names


@pytest.mark.parametrize("name", DATA_FILES)
def test_blanks_around_column_names_are_read_like_the_names(tiny_data_dir, capsys, name):
    """The header check ignores the blanks of ' region , metric'; so must the reading (it
    once ended in a KeyError traceback)."""
    path = tiny_data_dir / name
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(", ".join(f" {c} " for c in header.split(",")) + "\n" + rest,
                    encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 0, \
        capsys.readouterr().err


# ------------------------------------------------------------ rows with too many or too few cells


@pytest.mark.parametrize("name", DATA_FILES)
@pytest.mark.parametrize("change,cells", [(lambda r: r + ",x,y", +2), (lambda r: r + ",x", +1),
                                          (lambda r: r.rsplit(",", 3)[0], -3)])
def test_a_row_with_another_count_of_cells_names_its_line(tiny_data_dir, capsys, name, change,
                                                          cells):
    path = tiny_data_dir / name
    lines = path.read_text(encoding="utf-8").split("\n")
    n = len(lines[0].split(","))
    lines[2] = change(lines[2])  # line 3 of the file
    path.write_text("\n".join(lines), encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert f"{name}:3: expected {n} cells, one per column of the header" in err, err
    assert f"found {n + cells}" in err and "C error" not in err, err


def test_a_duplicate_row_shows_its_date_as_written(tiny_data_dir, capsys):
    path = tiny_data_dir / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert "date=2014-12-31)" in err and "00:00:00" not in err, err


# ------------------------------------------------------------ readings of 0


def _no_nan(text: str):
    def refuse(constant):
        raise AssertionError(f"{constant} in the results")
    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("metric", ["active_total", "fund_investment", "working_population"])
@pytest.mark.parametrize("where", ["first", "last", "all"])
def test_a_reading_of_0_is_a_skipped_target_not_a_crash_or_warnings(tiny_data_dir, capfd,
                                                                    metric, where):
    """A count may be 0 (the data dictionary allows values >= 0); no growth compounds from
    it. The run ends normally, says why a target was not projected, and prints no numpy
    warning (it once ended in a ZeroDivisionError traceback or 'divide by zero' lines)."""
    rows = observation_rows()
    mine = [r for r in rows if r["region"] == "national" and r["metric"] == metric]
    for r in {"first": mine[:1], "last": mine[-1:], "all": mine}[where]:
        r["value"] = "0"
    write_csv(tiny_data_dir / "observations.csv", rows)
    code = main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "100",
                 "--format", "json"])
    out, err = capfd.readouterr()
    assert code == 0 and err == "", err
    results = _no_nan(out)
    skipped = json.dumps(results.get("skipped", []))
    if metric == "active_total" and where == "all":
        assert "expected readings above 0 to project growth from, found 0" in skipped, skipped
    if metric == "active_total" and where == "first":
        # A 0 before the first count (a scheme before it started) is left out, not fitted.
        firsts = [t["data_quality"]["first"] for t in results["targets"]
                  if t["metric"] == metric and t["data_quality"].get("first")]
        assert firsts and mine[0]["date"] not in firsts, firsts


# ------------------------------------------------------------ input files that are not files


@pytest.mark.parametrize("make,found", [
    (lambda p: p.mkdir(), "a folder"),
    (lambda p: os.mkfifo(p), "a named pipe"),
    (lambda p: p.symlink_to(p.parent / "gone.toml"), "which does not exist"),
    (lambda p: p.symlink_to(p), "a symbolic link that loops"),
])
def test_a_scenario_that_is_not_a_file_says_what_it_is(tmp_path, capsys, make, found):
    path = tmp_path / "scenario.toml"
    make(path)
    assert main(["run", "--scenario", str(path)]) == 2
    err = one_line_error(capsys)
    assert f"scenario: {path}: expected a TOML file, found " in err and found in err, err
    assert "file not found" not in err, err


def test_a_scenario_that_is_a_device_is_never_read(capsys):
    assert main(["run", "--scenario", os.devnull]) == 2
    assert "found a character device" in one_line_error(capsys)


# ------------------------------------------------------------ names longer than the system allows


@pytest.mark.parametrize("argv,pieces", [
    (["run", "--output", "{tmp}/" + "x" * 300 + ".json"],
     ["output: expected names of at most 245 bytes", "found one of 305 bytes"]),
    (["run", "--output", "{tmp}/" + "x" * 250],  # fits NAME_MAX, its temporary name not
     ["output: expected names of at most 245 bytes", "temporary name 10 bytes longer"]),
    (["run", "--output", "{tmp}/" + "/".join(["d" * 200] * 25) + "/r.json"],
     ["output: expected a path shorter than 4096 bytes"]),
    (["compare", "--as-of", "2023", "2024", "--chart", "{tmp}/" + "é" * 200 + ".png"],
     ["chart: expected names of at most 245 bytes", "found one of 404 bytes"]),
    (["batch", "--runs-dir", "{tmp}/" + "y" * 300 + "/runs"],
     ["runs-dir: expected names of at most 255 bytes", "found one of 300 bytes"]),
    (["data", "check", "--data-dir", "{tmp}/" + "z" * 300],
     ["data directory cannot be used (File name too long)"]),
])
def test_names_longer_than_the_file_system_allows_are_refused_first(tiny_data_dir, tmp_path,
                                                                    capsys, argv, pieces):
    """Refused before the run (exit 2), never at its first write (exit 1, after the work)."""
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    if argv[0] in ("run", "compare", "batch"):
        argv += ["--data-dir", str(tiny_data_dir)]
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(argv) == 2
    err = one_line_error(capsys)
    for piece in pieces:
        assert piece in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# ------------------------------------------------------------ a malformed Dask address


@pytest.mark.parametrize("address,piece", [
    ("garbage", "missing port number"),
    ("foo://host:8786", "unknown protocol 'foo'"),
    ("inproc://x", "unknown protocol 'inproc'"),
    # A host name DNS cannot hold (a label over 63 characters, an empty label, over 253 in
    # all) passed the address check and failed in the Client.
    ("tcp://" + "x" * 70 + ":8786", "label"),
    ("tcp://a..b:8786", "label"),
    ("tcp://" + "a." * 130 + "b" * 70 + ":8786", "label"),
    ("tcp://host:99999", "a port from 1 to 65535"),
])
def test_a_malformed_dask_address_is_one_line_and_exits_at_once(tiny_data_dir, tmp_path,
                                                                address, piece):
    """In a real process: a Client made on such an address hung 20 s at exit, then printed
    a traceback from its destructor."""
    pytest.importorskip("distributed")
    proc = subprocess.run([sys.executable, "-m", "forecast.cli", "batch", "--regions",
                           "national", "--data-dir", str(tiny_data_dir), "--runs-dir",
                           str(tmp_path / "runs"), "--dask-scheduler", address],
                          capture_output=True, text=True, timeout=15)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert f"dask-scheduler: expected an address like tcp://host:8786, found '{address}'" \
        in proc.stderr and piece in proc.stderr, proc.stderr
    assert not (tmp_path / "runs").exists()


def test_a_command_without_its_subcommand_is_one_line(capsys):
    assert main(["data"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ("forecast: error: data: expected a subcommand: check (see "
                            "forecast data --help)\n")


# ------------------------------------------------------------ numbers in other spellings


@pytest.mark.parametrize("argv,found", [
    (["run", "--seed", "١٢"], "'١٢'"),             # Arabic-Indic digits: int() reads them
    (["run", "--seed", "1_000"], "'1_000'"),      # int() reads underscores
    (["run", "--n-paths", "٥٠٠"], "'٥٠٠'"),
    (["compare", "--as-of", "2023", "2024", "--n-paths", "1_0"], "'1_0'"),
    (["batch", "--jobs", "²"], "'²'"),
    (["batch", "--timeout", "1_0"], "'1_0'"),
    (["batch", "--timeout", "١٠"], "'١٠'"),
])
def test_numbers_are_written_in_ascii_digits_as_in_the_data(tmp_path, capsys, argv, found):
    assert main(argv + (["--runs-dir", str(tmp_path / "runs")] if argv[0] == "batch"
                        else [])) == 2
    err = one_line_error(capsys)
    assert f"found {found}" in err, err
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize("text", ["5", " 5", "+5", "0005"])
def test_plain_spellings_of_a_whole_number_are_still_read(text):
    from forecast.cliargs import whole

    assert whole(0)(text) == 5


# ------------------------------------------------------------ standard output on a full disk


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("argv", [["data", "check"],
                                  ["run", "--n-paths", "100", "--format", "json"],
                                  ["run", "--n-paths", "100"],
                                  ["--help"], ["--version"], ["data", "--help"],
                                  ["init", "--help"]])
def test_standard_output_on_a_full_disk_is_named_in_one_line(tiny_data_dir, argv):
    if "--help" not in argv and "--version" not in argv:
        argv = [*argv, "--data-dir", str(tiny_data_dir)]
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "forecast.cli", *argv], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == "forecast: error: standard output: No space left on device\n", \
        proc.stderr


# ------------------------------------------------------------ permissions, as a user without root's


def _as_a_plain_user(argv: list[str]) -> subprocess.CompletedProcess:
    """Run the CLI where permissions hold: directly for a normal user; for root, with the
    capabilities that bypass them dropped (capsh), else the test is skipped."""
    cmd = [sys.executable, "-m", "forecast.cli", *argv]
    if os.geteuid() == 0:
        import shlex
        import shutil

        if shutil.which("capsh") is None:
            pytest.skip("root without capsh: permissions cannot be tested")
        cmd = ["capsh", "--drop=cap_dac_override,cap_dac_read_search,cap_fowner", "--",
               "-c", " ".join(shlex.quote(c) for c in cmd)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_init_into_a_read_only_empty_folder_is_refused_before_writing(tmp_path):
    folder = tmp_path / "mydata"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        proc = _as_a_plain_user(["init", str(folder)])
    finally:
        folder.chmod(0o755)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("forecast: error: DIR: cannot write ") \
        and proc.stderr.count("\n") == 1 and "(Permission denied)" in proc.stderr, proc.stderr
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("name", DATA_FILES + ["scheme.toml"])
def test_an_unreadable_data_file_is_one_line_exit_2(tiny_data_dir, name):
    path = tiny_data_dir / name
    if not path.exists():
        path.write_text((Path(__file__).parent / "data" / "example_scheme" / name)
                        .read_text(encoding="utf-8"), encoding="utf-8")
    path.chmod(0)
    proc = _as_a_plain_user(["data", "check", "--data-dir", str(tiny_data_dir)])
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == f"forecast: error: {path}: cannot be read (Permission denied)\n"


def test_init_on_a_full_disk_leaves_no_half_folder(tmp_path, capsys, monkeypatch):
    import errno

    real = Path.write_text
    calls = []

    def write_text(self, *args, **kwargs):
        calls.append(self.name)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)
    folder = tmp_path / "mydata"
    assert main(["init", str(folder)]) == 2  # an OS fault: one line, exit code 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err, err
    assert not folder.exists()  # the two files written before are gone, and its folder


# ------------------------------------------------------------ the notebooks' library calls


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    from conftest import make_data_dir
    from forecast.data import load_panel
    from forecast.results import run_region

    panel = load_panel(make_data_dir(tmp_path_factory.mktemp("tiny") / "data"))
    return panel, run_region(panel, "national", n_paths=100)


def test_charts_in_an_unknown_language_are_one_line(tiny_run):
    """The region notebook's `lang` reaches the charts first: it was a KeyError 'fr'."""
    from forecast import plots
    from forecast.errors import ParameterError

    _, run = tiny_run
    with pytest.raises(ParameterError, match="lang: expected one of en, id, found 'fr'"):
        plots.growth_chart_png(run["targets"], lang="fr")
    with pytest.raises(ParameterError, match="found 'EN'"):
        plots.fan_chart_png(run["targets"][0], lang="EN")


@pytest.mark.parametrize("what", ["a file", "under a file"])
def test_write_run_to_an_impossible_output_dir_is_one_line(tiny_run, tmp_path, what):
    """The notebook's `output_dir`: a FileExistsError or FileNotFoundError before."""
    from forecast.errors import ParameterError
    from forecast.store import write_run

    afile = tmp_path / "afile"
    afile.write_text("x")
    target = afile if what == "a file" else afile / "out"
    with pytest.raises(ParameterError, match=r"output_dir: cannot write .*not a folder"):
        write_run(tiny_run[1], target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


@pytest.mark.parametrize("kwargs,piece", [
    ({"region": "atlantis"}, "unknown region 'atlantis'"),
    ({"as_of": "1950"}, "before the first observation"),
    ({"as_of": "soon"}, "a year from 2014 (the first observation's)"),
])
def test_the_observations_table_checks_region_and_as_of_as_the_run_does(tiny_run, kwargs,
                                                                        piece):
    from forecast.errors import ParameterError
    from forecast.tables import observations_table

    args = {"region": "national", "as_of": None, **kwargs}
    with pytest.raises(ParameterError, match=re.escape(piece)):
        observations_table(tiny_run[0], args["region"], args["as_of"])


@pytest.mark.parametrize("text", ["abc", "2023", "2021,2022,2023", ",2023", 2023])
def test_compare_as_of_takes_the_notebooks_text_or_refuses_it(tiny_run, text):
    from forecast.compare_cmd import compare_as_of
    from forecast.errors import ParameterError

    with pytest.raises(ParameterError, match="compare_as_of: expected two as-of dates 'A,B'"):
        compare_as_of(tiny_run[0], "national", text)


def test_compare_as_of_reads_the_notebooks_text(tiny_run):
    from forecast.compare_cmd import compare_as_of

    moved = compare_as_of(tiny_run[0], "national", " 2022, 2023", n_paths=100)
    assert (moved["a"], moved["b"]) == ("2022-12-31", "2023-12-31")


@pytest.mark.parametrize("argv", [["run", "--output", "{tmp}/out/"], ["run", "--output", "."],
                                  ["run", "--output", ""],
                                  ["compare", "--as-of", "2023", "2024", "--chart", "{tmp}/c/"]])
def test_an_output_named_as_a_folder_is_refused(tmp_path, capsys, argv):
    """Path('out/') is 'out': the slash, the user's word for a folder, was lost and a file
    named 'out' written."""
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(argv) == 2
    err = one_line_error(capsys)
    assert "expected a file name, found the folder" in err, err
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------ encodings


@pytest.mark.parametrize("name", DATA_FILES + ["scheme.toml"])
@pytest.mark.parametrize("encoding,hint", [("utf-16", "the file is UTF-16: save it as UTF-8"),
                                           ("utf-16-be", "the file is UTF-16"),
                                           ("latin-1", "Latin-1 or Windows-1252")])
def test_a_file_in_another_encoding_says_which_it_likely_is(tiny_data_dir, capsys, name,
                                                            encoding, hint):
    path = tiny_data_dir / name
    if not path.exists():
        path.write_text((Path(__file__).parent / "data" / "example_scheme" / name)
                        .read_text(encoding="utf-8"), encoding="utf-8")
    text = path.read_text(encoding="utf-8").replace("e", "é", 1)  # one non-ASCII letter
    path.write_bytes(text.encode(encoding))
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert f"{path}:" in err and "expected UTF-8 text, found byte 0x" in err and hint in err, \
        err


def test_a_byte_order_mark_is_fine(tiny_data_dir, capsys):
    for name in DATA_FILES:
        path = tiny_data_dir / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 0, \
        capsys.readouterr().err


# ------------------------------------------------------------ the summary notebook's run_dir


@pytest.mark.parametrize("run_dir,piece", [
    ("{tmp}/nothing", "run_dir: expected the folder of a batch run (with a manifest.json)"),
    ("{tmp}/afile", "run_dir: expected the folder of a batch run (with a manifest.json)"),
    (5, "run_dir: expected the folder of a batch run, found 5"),
    ("", "run_dir: expected the folder of a batch run, found ''"),
])
def test_run_table_refuses_what_is_not_a_run_folder(tmp_path, run_dir, piece):
    from forecast.errors import ParameterError
    from forecast.tables import reconciliation_table, run_table

    (tmp_path / "afile").write_text("x")
    if isinstance(run_dir, str):
        run_dir = run_dir.replace("{tmp}", str(tmp_path))
    for table in (run_table, reconciliation_table):
        with pytest.raises(ParameterError, match=re.escape(piece)):
            table(run_dir)


def test_run_table_reads_a_damaged_run_as_one_line(tmp_path):
    from forecast.errors import DataError
    from forecast.tables import run_table

    run = tmp_path / "20261129-120000-abcdef"
    (run / "national").mkdir(parents=True)
    (run / "manifest.json").write_text("")
    with pytest.raises(DataError, match="manifest.json: empty: expected a complete JSON"):
        run_table(run)


def test_no_run_yet_is_one_line_not_max_of_nothing(tmp_path):
    """The summary notebook's default run_dir: max() of no run was a ValueError."""
    from forecast.errors import ParameterError
    from forecast.tables import newest_run

    with pytest.raises(ParameterError, match="run_dir: expected a batch run, found none in"):
        newest_run(tmp_path / "runs")


@pytest.mark.parametrize("data_dir", [5, 2.5, ["data"], True])
def test_a_data_dir_that_is_not_a_path_is_one_line(data_dir):
    """A notebook's data_dir parameter set to a number: was a TypeError from pathlib."""
    from forecast.data import load_panel
    from forecast.errors import ParameterError

    with pytest.raises(ParameterError, match=r"data_dir: expected a folder path, found "):
        load_panel(data_dir)


def test_a_value_starting_with_a_dash_says_how_to_write_it(tiny_data_dir, tmp_path, capsys,
                                                           monkeypatch):
    assert main(["data", "check", "--data-dir", "-data"]) == 2
    err = one_line_error(capsys)
    assert "argument --data-dir: expected one argument (a value that starts with '-' is " \
           "written --option=-value, or a path as ./-name)" in err, err
    # and the two ways it names do work
    import shutil

    shutil.copytree(tiny_data_dir, tmp_path / "-data")
    monkeypatch.chdir(tmp_path)
    assert main(["data", "check", "--data-dir=-data"]) == 0
    assert main(["data", "check", "--data-dir", "./-data"]) == 0
