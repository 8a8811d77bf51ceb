"""Reliability, second round (issue 17): one corpus per class of fault, three cases or more
each. Data files, output paths, parameters, pipes, damaged and read-only run folders, full
disks, unsafe text and size limits. The inputs here are our own, not the issue's probes.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REGIONS, SOURCES, TARGETS, observation_rows, write_csv
from forecast import runfolder, safepath, textsafe
from forecast.cli import main
from forecast.data import load_panel, parse_as_of
from forecast.errors import DataError, ParameterError

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
UNSAFE = "\x1b\x07\r\u202e\u2066\u200f"


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("forecast: error: "), err
    assert "Traceback" not in err
    assert not any(ch in err for ch in UNSAFE), "unsafe characters reached the terminal"
    return err


def _load_error(data_dir: Path) -> str:
    with pytest.raises(DataError) as info:
        load_panel(data_dir)
    message = str(info.value)
    assert "\n" not in message and "\r" not in message, message
    assert not any(ch in message for ch in UNSAFE), message
    return message


def _obs(**change) -> list[dict]:
    rows = observation_rows()
    rows[3] = {**rows[3], **change}  # line 5 of the file
    return rows


# ------------------------------------------------------------ dates outside a plausible window


@pytest.mark.parametrize("date", ["2263-12-31", "1600-12-31", "2200-12-31", "9999-12-31",
                                  "2099-12-31", "1899-12-31"])
def test_observation_dates_outside_the_window_are_one_line(tiny_data_dir, date):
    write_csv(tiny_data_dir / "observations.csv", _obs(date=date))
    message = _load_error(tiny_data_dir)
    assert "observations.csv:5: column 'date'" in message
    assert "from 1900-01-01 to" in message and date in message


@pytest.mark.parametrize("date", ["2300-12-31", "1600-12-31", "2101-12-31"])
def test_target_dates_outside_the_window_are_one_line(tiny_data_dir, date):
    rows = [dict(r) for r in TARGETS]
    rows[1]["target_date"] = date
    write_csv(tiny_data_dir / "targets.csv", rows)
    message = _load_error(tiny_data_dir)
    assert "targets.csv:3: column 'target_date'" in message
    assert "from 1900-01-01 to 2100-12-31" in message


@pytest.mark.parametrize("published,expect", [
    ("2024-02-30", "expected a date YYYY-MM-DD, YYYY-MM or YYYY, or empty"),  # no such day
    ("2023-13-01", "expected a date YYYY-MM-DD, YYYY-MM or YYYY, or empty"),
    ("2263-05-01", "expected a publication date from 1900-01-01 to"),  # beyond pandas too
    ("2099-01-01", "expected a publication date from 1900-01-01 to"),  # in the future
    ("١٩٩٩-٠١-٠١", "expected a date YYYY-MM-DD, YYYY-MM or YYYY, or empty"),  # Arabic-Indic digits
    ("2024-13", "expected a date YYYY-MM-DD, YYYY-MM or YYYY, or empty"),  # no such month
])
def test_impossible_published_dates(tiny_data_dir, published, expect):
    rows = [dict(r) for r in SOURCES]
    rows[0]["published"] = published
    write_csv(tiny_data_dir / "sources.csv", rows)
    message = _load_error(tiny_data_dir)
    assert "sources.csv:2: column 'published'" in message and expect in message


def test_data_check_with_a_date_beyond_pandas_exits_2(tiny_data_dir, capsys):
    write_csv(tiny_data_dir / "observations.csv", _obs(date="2263-01-01"))
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    assert "observations.csv:5" in _one_line_error(capsys)


@pytest.mark.parametrize("as_of", ["2263-01-01", "1600-06-30", "2101-01-01"])
def test_as_of_outside_the_window(as_of):
    with pytest.raises(ParameterError, match="as_of: expected a year"):
        parse_as_of(as_of)


# ------------------------------------------------------------ values the dictionary forbids


@pytest.mark.parametrize("value,expect", [
    ("٤١٥٦٠٠٠٠", "other scripts' digits"),  # Arabic-Indic
    ("４１５６００００", "other scripts' digits"),  # full-width
    ("41_560_000", "thousands separators"),
    ("1e300", "expected at most 10,000,000,000"),
    ("20000000000", "more than the world's population"),
    ("-0", "expected a value >= 0"),
    ("-0.0", "expected a value >= 0"),
    ("+41560000", "expected a number written plainly"),
    ("0x10", "expected a number written plainly"),
    ("nan", "a finite number is expected"),
])
def test_values_the_dictionary_forbids_persons(tiny_data_dir, value, expect):
    write_csv(tiny_data_dir / "observations.csv", _obs(value=value))
    message = _load_error(tiny_data_dir)
    assert "observations.csv:5: column 'value'" in message and expect in message


@pytest.mark.parametrize("value,ok", [("250", False), ("100.01", False), ("1e3", False),
                                      ("100", True), ("82.69", True)])
def test_coverage_above_100_percent(tiny_data_dir, value, ok):
    rows = observation_rows() + [{"region": "national", "metric": "coverage_pct",
                                  "date": "2023-12-31", "value": value, "unit": "percent",
                                  "source_id": "src-a", "note": "Denominator: eligible"}]
    write_csv(tiny_data_dir / "observations.csv", rows)
    if ok:
        assert load_panel(tiny_data_dir).observations["value"].max() >= float(value)
        return
    message = _load_error(tiny_data_dir)
    assert f"observations.csv:{len(rows) + 1}: column 'value'" in message
    assert "expected at most 100 for unit 'percent'" in message


def test_trillions_of_absurd_size(tiny_data_dir):
    rows = [dict(r) for r in TARGETS]
    rows[1]["value"] = "1e12"
    write_csv(tiny_data_dir / "targets.csv", rows)
    assert "expected at most 1,000,000 for unit 'IDR_trillion'" in _load_error(tiny_data_dir)


@pytest.mark.parametrize("parents,loop", [
    ({"national": "kanwil-east"}, "national -> kanwil-east -> national"),
    ({"kanwil-east": "kanwil-east"}, "kanwil-east -> kanwil-east"),
    ({"national": "east-province"}, "national -> east-province -> kanwil-east -> national"),
])
def test_cycles_in_region_parents(tiny_data_dir, parents, loop):
    rows = [dict(r, parent=parents.get(r["id"], r["parent"])) for r in REGIONS]
    write_csv(tiny_data_dir / "regions.csv", rows)
    message = _load_error(tiny_data_dir)
    assert "regions.csv:" in message and "column 'parent'" in message and loop in message


# ------------------------------------------------------------ clear messages


def _write_raw(path: Path, header: str, rows: list[dict], columns) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        fh.write(header + "\n")
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writerows(rows)


@pytest.mark.parametrize("header,expect", [
    ("region,metric,date,value,unit,source_id,note,value", "column 8 repeats 'value'"),
    ("region,metric,date,value,unit,source_id,note,", "column 8 has no name"),
    ("region,metric,date,,unit,source_id,note", "missing column(s) value; column 4 has no name"),
    ("region,metric,date,value,value,source_id,note", "missing column(s) unit"),
])
def test_header_messages_name_the_columns_of_the_file(tiny_data_dir, header, expect):
    path = tiny_data_dir / "observations.csv"
    columns = ["region", "metric", "date", "value", "unit", "source_id", "note"]
    _write_raw(path, header, observation_rows(), columns)
    message = _load_error(tiny_data_dir)
    assert "observations.csv:1:" in message and expect in message
    # pandas' own names for such columns are not in the file, so never in the message
    assert "value.1" not in message and "Unnamed" not in message


@pytest.mark.parametrize("broken_line", [4, 6, 12])
def test_line_numbers_after_a_quoted_newline(tiny_data_dir, broken_line):
    """A note spanning two lines (quoted) pushes every later row one line down."""
    rows = observation_rows()
    rows[0]["note"] = "first line of a note\nsecond line"  # record 1 spans lines 2-3
    rows[broken_line - 3]["region"] = "atlantis"  # record broken_line-2 starts one lower
    write_csv(tiny_data_dir / "observations.csv", rows)
    message = _load_error(tiny_data_dir)
    assert f"observations.csv:{broken_line}: column 'region'" in message, message
    with open(tiny_data_dir / "observations.csv", encoding="utf-8", newline="") as fh:
        assert "atlantis" in fh.read().split("\n")[broken_line - 1]


def test_quoted_newline_in_a_note_is_refused_on_its_own_line(tiny_data_dir):
    rows = observation_rows()
    rows[4]["note"] = "two\nlines"
    write_csv(tiny_data_dir / "observations.csv", rows)
    message = _load_error(tiny_data_dir)
    assert "observations.csv:6: column 'note'" in message and "U+000A" in message


# ------------------------------------------------------------ symlinks out of the data folder


@pytest.mark.parametrize("name,target", [
    ("observations.csv", "/etc/passwd"),
    ("regions.csv", "OUTSIDE"),
    ("sources.csv", "OUTSIDE_RELATIVE"),
])
def test_data_files_linked_outside_the_folder_are_refused(tiny_data_dir, tmp_path, name,
                                                          target):
    outside = tmp_path / "elsewhere" / name
    outside.parent.mkdir()
    outside.write_bytes((tiny_data_dir / name).read_bytes())
    (tiny_data_dir / name).unlink()
    if target == "/etc/passwd":
        if not Path(target).is_file():
            pytest.skip("no /etc/passwd here")
        os.symlink(target, tiny_data_dir / name)
    elif target == "OUTSIDE":
        os.symlink(outside, tiny_data_dir / name)
    else:
        os.symlink(Path("..") / "elsewhere" / name, tiny_data_dir / name)
    message = _load_error(tiny_data_dir)
    assert f"{name}: the file is a link to" in message and "outside the data folder" in message


def test_a_link_inside_the_data_folder_is_fine(tiny_data_dir):
    (tiny_data_dir / "regions-v2.csv").write_bytes((tiny_data_dir / "regions.csv").read_bytes())
    (tiny_data_dir / "regions.csv").unlink()
    os.symlink("regions-v2.csv", tiny_data_dir / "regions.csv")
    assert len(load_panel(tiny_data_dir).regions) == len(REGIONS)


# ------------------------------------------------------------ control and right-to-left text


@pytest.mark.parametrize("file,column,text", [
    ("observations.csv", "note", "year-end \x1b[31mRED\x1b[0m"),
    ("regions.csv", "name", "East \u202eecnivorP"),
    ("sources.csv", "title", "Annual\rreport"),
    ("targets.csv", "note", "headline \u2066isolate\u2069"),
    ("sources.csv", "publisher", "Agency\x00"),
])
def test_control_and_bidi_characters_in_data_are_refused(tiny_data_dir, file, column, text):
    rows = {"observations.csv": observation_rows(), "regions.csv": REGIONS,
            "sources.csv": SOURCES, "targets.csv": TARGETS}[file]
    rows = [dict(r) for r in rows]
    rows[1][column] = text
    write_csv(tiny_data_dir / file, rows)
    message = _load_error(tiny_data_dir)
    assert f"{file}:3: column '{column}'" in message and "control character U+" in message


@pytest.mark.parametrize("argv", [
    ["run", "--region", "east\u202eprovince"],
    ["run", "--region", "x\x1b[2J\x1b[H"],
    ["batch", "--regions", "a\u2067b", "--jobs", "1"],
    ["run", "--as-of", "2023\x1b[31m"],
])
def test_unsafe_characters_from_parameters_never_reach_the_terminal(tiny_data_dir, capsys,
                                                                    argv):
    assert main([*argv, "--data-dir", str(tiny_data_dir)]) == 2
    _one_line_error(capsys)


def test_escape_makes_every_unsafe_character_visible():
    out = textsafe.escape("a\x1bb\u202ec\rd\u200de", None)
    assert out == "a\\x1bb\\u202ec\\x0dd\u200de"  # the joiner of ordinary scripts is kept
    assert textsafe.escape("x" * 50, 10) == "x" * 10 + "... (40 more characters)"


# ------------------------------------------------------------ size limits


@pytest.mark.parametrize("size", [201, 20_000_000])
def test_huge_scenario_names_are_refused_briefly(tmp_path, capsys, size):
    path = tmp_path / "big.toml"
    path.write_text(f'name = "{"N" * size}"\n[adjustments]\ninvestment_return = 0.07\n')
    assert main(["run", "--region", "national", "--scenario", str(path)]) == 2
    err = _one_line_error(capsys)
    assert len(err) < 600, len(err)
    assert ("key 'name': expected at most 200 characters" if size < 2**20 else  # the file
            "expected a TOML file of at most 1 MB (1,048,576 bytes)") in err, err  # unread


@pytest.mark.parametrize("field,text", [
    ("name", "HYPOTHETICAL \u202eevird"),
    ("description", "x" * 2001),
    ("description", "line\x1b[1m"),
])
def test_scenario_text_limits_and_control_characters(tmp_path, field, text):
    from forecast.scenario import parse_scenario

    data = {"name": "ok", "description": "fine\nacross lines",
            "adjustments": {"investment_return": 0.07}}
    parse_scenario(data, "s.toml")  # a multi-line description is fine
    data[field] = text
    with pytest.raises(ParameterError, match=f"s.toml: key '{field}': expected"):
        parse_scenario(data, "s.toml")


@pytest.mark.parametrize("file,column,size", [
    ("observations.csv", "note", 2001),
    ("regions.csv", "name", 201),
    ("sources.csv", "title", 100_000),
])
def test_size_limits_on_names_and_notes(tiny_data_dir, file, column, size):
    rows = {"observations.csv": observation_rows(), "regions.csv": REGIONS,
            "sources.csv": SOURCES}[file]
    rows = [dict(r) for r in rows]
    rows[0][column] = "y" * size
    write_csv(tiny_data_dir / file, rows)
    message = _load_error(tiny_data_dir)
    assert f"{file}:2: column '{column}': expected at most" in message and len(message) < 400


# ------------------------------------------------------------ --output and --runs-dir paths


@pytest.fixture
def no_run(monkeypatch):
    """Fail the test if the long work starts: paths must be refused before it."""
    import forecast.batch.run as batch_run
    import forecast.results

    def boom(*args, **kwargs):
        raise AssertionError("the run started before the output path was checked")

    monkeypatch.setattr(forecast.results, "run_region", boom)
    monkeypatch.setattr(batch_run, "validate", boom)


def _read_only(monkeypatch, folder: Path) -> None:
    """Make ``folder`` refuse new files: chmod for a normal user; as root (who writes
    anywhere) the OS's answer on a read-only mount, EROFS, is simulated at the probe."""
    if not IS_ROOT:
        folder.chmod(0o555)
        return
    import tempfile

    real = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).resolve() == folder.resolve():
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(dir))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(safepath.tempfile, "mkstemp", mkstemp)


@pytest.mark.parametrize("case,expect", [
    ("folder", "is a folder; expected a regular file or a new file name"),
    ("/dev/null", "is a character device"),
    ("under-file", "is a regular file, not a folder"),
    ("under-file-deeper", "is a regular file, not a folder"),
    ("read-only", "the system refused a new file in"),
    ("link-to-device", "is a character device"),
    ("fifo", "is a named pipe"),
])
def test_output_paths_are_checked_before_the_run(tmp_path, capsys, monkeypatch, no_run,
                                                 case, expect):
    plain = tmp_path / "plain.txt"
    plain.write_text("keep me")
    ro = tmp_path / "ro"
    ro.mkdir()
    path = {"folder": str(tmp_path), "/dev/null": "/dev/null",
            "under-file": str(plain / "out.json"),
            "under-file-deeper": str(plain / "a" / "b" / "out.json"),
            "read-only": str(ro / "out.json"), "link-to-device": str(tmp_path / "null-link"),
            "fifo": str(tmp_path / "fifo")}[case]
    if case == "read-only":
        _read_only(monkeypatch, ro)
    if case == "fifo":
        os.mkfifo(path)
    if case == "link-to-device":
        os.symlink("/dev/null", path)
    if case in ("/dev/null", "link-to-device") and not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    assert main(["run", "--region", "national", "--n-paths", "100", "--output", path]) == 2
    err = _one_line_error(capsys)
    assert "output:" in err and expect in err
    assert plain.read_text() == "keep me"
    if case in ("/dev/null", "link-to-device"):
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode), "/dev/null must never be replaced"


@pytest.mark.parametrize("case,expect", [
    ("regular-file", "is a regular file, not a folder"),
    ("under-file", "is a regular file, not a folder"),
    ("device", "is a character device, not a folder"),
    ("read-only", "the system refused a new file in"),
])
def test_runs_dir_is_checked_before_the_batch(tiny_data_dir, tmp_path, capsys, monkeypatch,
                                              no_run, case, expect):
    plain = tmp_path / "plain.txt"
    plain.write_text("keep me")
    ro = tmp_path / "ro"
    ro.mkdir()
    runs = {"regular-file": plain, "under-file": plain / "runs", "device": Path("/dev/null"),
            "read-only": ro / "runs"}[case]
    if case == "read-only":
        _read_only(monkeypatch, ro)
    assert main(["batch", "--regions", "national", "--data-dir", str(tiny_data_dir),
                 "--runs-dir", str(runs)]) == 2
    err = _one_line_error(capsys)
    assert "runs-dir:" in err and expect in err
    assert plain.read_text() == "keep me"


def test_existing_regular_output_file_and_new_folders_are_fine(tmp_path):
    existing = tmp_path / "out.json"
    existing.write_text("{}")
    assert safepath.check_output_file(existing) == existing
    assert safepath.check_output_file(tmp_path / "new" / "deeper" / "out.json")
    assert safepath.check_output_dir(tmp_path / "runs" / "here")
    assert not (tmp_path / "new").exists() and not (tmp_path / "runs").exists()
    assert list(tmp_path.iterdir()) == [existing], "the write probe leaves nothing behind"


class _FullDisk:
    """A file object whose write stores half the bytes, then fails as a full disk does."""

    def __init__(self, fh):
        self.fh = fh

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()

    def write(self, data):
        self.fh.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("existing", [None, "old results"])
def test_disk_full_while_writing_output_is_one_line_and_leaves_nothing_half(
        tiny_data_dir, tmp_path, capsys, monkeypatch, existing):
    import forecast.results

    out = tmp_path / "out" / "national.json"
    if existing:
        out.parent.mkdir()
        out.write_text(existing)
    real_fdopen = os.fdopen
    real_write_json = forecast.results.write_json

    def write_json_on_a_full_disk(obj, path):
        monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: _FullDisk(real_fdopen(fd, *a, **k)))
        try:
            return real_write_json(obj, path)
        finally:
            monkeypatch.setattr(os, "fdopen", real_fdopen)

    monkeypatch.setattr(forecast.results, "write_json", write_json_on_a_full_disk)
    assert main(["run", "--region", "national", "--n-paths", "100", "--data-dir",
                 str(tiny_data_dir), "--output", str(out)]) == 2  # an OS fault, mid-run
    err = _one_line_error(capsys)
    assert "No space left on device" in err and str(out) in err
    assert [p.name for p in out.parent.iterdir()] == ([out.name] if existing else [])
    if existing:
        assert out.read_text() == existing


# ------------------------------------------------------------ non-finite parameters


@pytest.mark.parametrize("timeout", ["nan", "inf", "-5", "0", "-inf", "1e400", "0.001"])
def test_timeout_must_be_finite_and_positive(tiny_data_dir, tmp_path, capsys, timeout):
    runs = tmp_path / "runs"
    assert main(["batch", "--regions", "national", "--data-dir", str(tiny_data_dir),
                 "--runs-dir", str(runs), f"--timeout={timeout}"]) == 2
    err = _one_line_error(capsys)
    assert "--timeout: expected a number of seconds >= 1 (a cell's limit, in whole " \
           "seconds)" in err
    assert not runs.exists(), "nothing is written for a bad parameter"


@pytest.mark.parametrize("timeout", [float("nan"), -5.0, 0, float("inf"), True, 0.5])
def test_run_batch_checks_the_timeout_first(tiny_data_dir, tmp_path, timeout):
    from forecast.batch import run_batch

    with pytest.raises(ParameterError, match="timeout: expected a number of seconds >= 1"):
        run_batch(regions="national", data_dir=tiny_data_dir, runs_dir=tmp_path / "r",
                  timeout=timeout)
    assert not (tmp_path / "r").exists()


# ------------------------------------------------------------ broken pipe


@pytest.mark.parametrize("argv", [
    ["data", "check"],
    ["run", "--region", "national", "--n-paths", "100", "--format", "json"],
    ["run", "--region", "national", "--n-paths", "100"],
])
def test_a_closed_pipe_exits_quietly(argv):
    proc = subprocess.Popen([sys.executable, "-m", "forecast.cli", *argv],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()  # like `| head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=300)
    proc.stderr.close()
    assert err == "", err
    assert proc.returncode in (0, 141)


# ------------------------------------------------------------ damaged run folders


@pytest.fixture(scope="module")
def national_results(tmp_path_factory):
    from conftest import make_data_dir
    from forecast.results import run_region

    data_dir = make_data_dir(tmp_path_factory.mktemp("rundata") / "data")
    return data_dir, run_region(load_panel(data_dir), "national", n_paths=200, seed=5)


@pytest.fixture
def run_folder(tmp_path, national_results):
    """A run folder as ``forecast batch`` leaves it (one region), built without a batch."""
    from forecast.results import write_json

    data_dir, results = national_results
    runs = tmp_path / "runs"
    run_dir = runs / "20261129-120000-abcdef"
    write_json(results, run_dir / "national" / "results.json")
    manifest = {"run_id": run_dir.name, "created": "2026-11-29T12:00:00+00:00",
                "data_hash": load_panel(data_dir).data_hash,
                "parameters": {"as_of": "", "vintage": "published", "n_paths": 200, "seed": 5, "models": "",
                               "lang": "en", "data_dir": str(data_dir)},
                "regions": ["national"], "status": {"national": {"status": "ok"}}}
    write_json(manifest, run_dir / "manifest.json")
    return run_dir


def _damage(path: Path, how) -> None:
    if callable(how):
        data = json.loads(path.read_text())
        how(data)
        path.write_text(json.dumps(data))
    else:
        text = path.read_text()
        path.write_text(text[: int(len(text) * how)])


MANIFEST_DAMAGE = [
    ("truncated", 0.5, "manifest.json: truncated or damaged"),
    ("empty", 0.0, "manifest.json: empty"),
    ("no parameters", lambda m: m.pop("parameters"),
     "field 'parameters': expected an object"),
    ("parameters not an object", lambda m: m.update(parameters=[1, 2]),
     "field 'parameters': expected an object"),
    ("n_paths as text", lambda m: m["parameters"].update(n_paths="200"),
     "field 'parameters.n_paths': expected a whole number"),
    ("no seed", lambda m: m["parameters"].pop("seed"),
     "field 'parameters.seed': expected a whole number, found nothing"),
    ("regions not a list", lambda m: m.update(regions="national"),
     "field 'regions': expected a non-empty list"),
    ("unknown lang", lambda m: m["parameters"].update(lang="fr"),
     "field 'parameters.lang': expected one of en, id"),
]


@pytest.mark.parametrize("name,how,expect", MANIFEST_DAMAGE, ids=[c[0] for c in MANIFEST_DAMAGE])
@pytest.mark.parametrize("command", ["verify", "report"])
def test_damaged_manifest_is_one_line_naming_file_and_field(run_folder, capsys, name, how,
                                                            expect, command):
    _damage(run_folder / "manifest.json", how)
    before = sorted(p.name for p in run_folder.rglob("*"))
    assert main([command, run_folder.name, "--runs-dir", str(run_folder.parent)]) == 2
    err = _one_line_error(capsys)
    assert str(run_folder / "manifest.json") in err and expect in err
    assert sorted(p.name for p in run_folder.rglob("*")) == before, "nothing was written"


@pytest.mark.parametrize("name,how,expect", [
    ("truncated", 0.6, "results.json: truncated or damaged"),
    ("empty", 0.0, "results.json: empty"),
    ("no targets", lambda r: r.pop("targets"), "field 'targets': expected a list"),
    ("another region", lambda r: r.update(region="east-province"),
     "field 'region': expected 'national'"),
    ("target without metric", lambda r: r["targets"][0].pop("metric"),
     "field 'targets[0].metric': expected text"),
])
def test_damaged_results_is_one_line_before_the_rerun(run_folder, capsys, monkeypatch, name,
                                                       how, expect):
    import forecast.results

    monkeypatch.setattr(forecast.results, "run_region",
                        lambda *a, **k: pytest.fail("re-ran the region before reading"))
    _damage(run_folder / "national" / "results.json", how)
    assert main(["verify", run_folder.name, "--runs-dir", str(run_folder.parent)]) == 2
    err = _one_line_error(capsys)
    assert str(run_folder / "national" / "results.json") in err and expect in err


RESULTS_DAMAGE = [
    ("truncated", 0.6, "results.json: truncated or damaged"),
    ("empty", 0.0, "results.json: empty"),
    ("not an object", lambda r: r.clear() or r.update(x=1), "field 'region'"),
    ("probability as text", lambda r: r["targets"][0].update(probability="high"),
     "field 'targets[0].probability': expected a number from 0 to 1 or null, found 'high'"),
    ("probability above 1", lambda r: r["targets"][0].update(probability=2.5),
     "field 'targets[0].probability': expected a number from 0 to 1 or null, found '2.5'"),
    ("median as text", lambda r: r["targets"][0].update(median="50M"),
     "field 'targets[0].median': expected a finite number or null"),
    ("p90 a boolean", lambda r: r["targets"][0].update(p90=True),
     "field 'targets[0].p90': expected a finite number or null"),
]


@pytest.mark.parametrize("name,how,expect", RESULTS_DAMAGE, ids=[c[0] for c in RESULTS_DAMAGE])
@pytest.mark.parametrize("command", ["report", "resume"])
def test_damaged_results_stop_report_and_resume_before_any_work(run_folder, capsys, name, how,
                                                                expect, command):
    """Each region's results.json is read before a PDF is rendered or a notebook resumed:
    one line, exit 2, nothing written (was a TypeError or JSONDecodeError traceback, or a
    warning line plus the error)."""
    _damage(run_folder / "national" / "results.json", how)
    before = sorted(p.name for p in run_folder.rglob("*"))
    argv = (["report", run_folder.name] if command == "report"
            else ["batch", "--resume", run_folder.name, "--jobs", "1"])
    assert main(argv + ["--runs-dir", str(run_folder.parent)]) == 2
    err = _one_line_error(capsys)
    assert str(run_folder / "national" / "results.json") in err and expect in err, err
    after = sorted(p.name for p in run_folder.rglob("*") if p.name != ".lock")  # the lock
    assert after == before, "nothing was written"  # file of any batch run, kept by design


def test_the_run_folder_fixture_itself_verifies(run_folder, capsys):
    assert main(["verify", run_folder.name, "--runs-dir", str(run_folder.parent)]) == 0
    assert "national: reproduced" in capsys.readouterr().out


# ------------------------------------------------------------ region ids read from disk


@pytest.mark.parametrize("region", ["../../escaped", "/tmp/abs", "a/b", "..", "National",
                                    "x\u202ey", 7])
def test_region_ids_from_a_manifest_are_validated_like_the_cli(run_folder, capsys, region):
    _damage(run_folder / "manifest.json", lambda m: m.update(regions=["national", region]))
    before = set(run_folder.parent.parent.rglob("*"))
    assert main(["report", run_folder.name, "--runs-dir", str(run_folder.parent)]) == 2
    err = _one_line_error(capsys)
    assert "manifest.json: field 'regions[1]': expected " in err
    assert set(run_folder.parent.parent.rglob("*")) == before, "nothing was written"


def test_region_ids_in_the_status_are_validated_too(run_folder):
    _damage(run_folder / "manifest.json",
            lambda m: m["status"].update({"../up": {"status": "ok"}}))
    with pytest.raises(DataError, match="field 'status': expected a region id"):
        runfolder.read_manifest(run_folder)


# ------------------------------------------------------------ run ids that are paths


@pytest.mark.parametrize("argv", [
    ["report", ".."], ["report", "/tmp"], ["report", "."], ["verify", "../runs"],
    ["verify", "a/b"], ["batch", "--resume", "/an/absolute/path"],
    ["batch", "--resume", ".."], ["batch", "--resume", "../../etc"],
])
def test_run_ids_that_are_paths_are_refused(tmp_path, capsys, argv):
    runs = tmp_path / "runs"
    runs.mkdir()
    (tmp_path / "manifest.json").write_text("{}")  # what '..' would have found
    assert main([*argv, "--runs-dir", str(runs)]) == 2
    err = _one_line_error(capsys)
    assert "expected a run id such as" in err


# ------------------------------------------------------------ read-only run folders


def test_report_in_a_read_only_run_folder_is_one_line(run_folder, capsys, monkeypatch):
    _read_only(monkeypatch, run_folder)
    try:
        assert main(["report", run_folder.name, "--runs-dir", str(run_folder.parent)]) == 2
        err = _one_line_error(capsys)
        assert "report: cannot write" in err and "the system refused a new file in" in err
    finally:
        run_folder.chmod(0o755)


def test_resume_in_a_read_only_run_folder_is_one_line(run_folder, capsys, monkeypatch):
    _read_only(monkeypatch, run_folder)
    try:
        assert main(["batch", "--resume", run_folder.name, "--runs-dir",
                     str(run_folder.parent)]) == 2
        err = _one_line_error(capsys)
        assert "resume: cannot write" in err and "the system refused a new file in" in err
        assert not (run_folder / ".lock").exists()
    finally:
        run_folder.chmod(0o755)


def test_resume_of_a_damaged_manifest_is_one_line(run_folder, capsys):
    _damage(run_folder / "manifest.json", 0.3)
    assert main(["batch", "--resume", run_folder.name, "--runs-dir",
                 str(run_folder.parent)]) == 2
    assert "manifest.json: truncated or damaged" in _one_line_error(capsys)


# ------------------------------------------------------------ notebooks: complete or absent


@pytest.mark.parametrize("written,raises,outcome", [
    ('{"cells": []}', False, "complete"),
    ('{"cells": [', True, "absent"),
    ('{"cells": [', False, "absent"),
    ('{"cells": [], "error": "kept"}', True, "complete"),  # a failed region's notebook
    (None, True, "old"),  # nothing written at all: an earlier notebook stays
])
def test_complete_or_absent(tmp_path, written, raises, outcome):
    final = tmp_path / "region_forecast.ipynb"
    final.write_text('{"old": true}')
    try:
        with runfolder.complete_or_absent(final) as tmp:
            assert tmp.parent == final.parent and tmp != final
            if written is not None:
                tmp.write_text(written)
            if raises:
                raise OSError(errno.ENOSPC, "No space left on device")
    except OSError:
        assert raises
    expected = {"complete": written, "absent": None, "old": '{"old": true}'}[outcome]
    assert (final.read_text() if final.exists() else None) == expected
    assert [p.name for p in tmp_path.iterdir()] == ([final.name] if expected else [])


# ------------------------------------------------------------ disk full during a batch


def _batch_argv(data_dir: Path, runs: Path, *extra: str) -> list[str]:
    return ["batch", "--regions", "national", "--n-paths", "200", "--seed", "3", "--jobs", "1",
            "--data-dir", str(data_dir), "--runs-dir", str(runs), *extra]


def _notebooks_are_complete_or_absent(run_dir: Path) -> None:
    for path in run_dir.rglob("*.ipynb"):
        assert not path.name.startswith("."), f"a temporary notebook was left: {path}"
        json.loads(path.read_text())  # complete JSON, or the test fails here


def test_disk_full_while_saving_the_notebook_then_resume(tiny_data_dir, tmp_path, capsys,
                                                         monkeypatch):
    import papermill.iorw

    real = papermill.iorw.LocalHandler.write

    def full_disk(self, buf, path):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(buf[: len(buf) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)

    monkeypatch.setattr(papermill.iorw.LocalHandler, "write", full_disk)
    runs = tmp_path / "runs"
    # An OS fault, not the region's failure (exit 1): one line, exit 2, the run resumable.
    assert main(_batch_argv(tiny_data_dir, runs, "--fresh-kernels")) == 2
    err = _one_line_error(capsys)
    run_dir = next(runs.glob("*/manifest.json")).parent
    assert "region_forecast.ipynb: No space left on device; run " in err, err
    assert err.endswith(f"0 of 1 region finished: `forecast batch --resume {run_dir.name} "
                        f"--runs-dir {runs}` completes it\n"), err
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["status"]["national"]["status"] == "pending"
    _notebooks_are_complete_or_absent(run_dir)
    assert not (run_dir / "national" / "region_forecast.ipynb").exists()

    monkeypatch.setattr(papermill.iorw.LocalHandler, "write", real)  # space is freed
    assert main(_batch_argv(tiny_data_dir, runs, "--resume", run_dir.name)) == 0
    _notebooks_are_complete_or_absent(run_dir)
    assert (run_dir / "national" / "region_forecast.ipynb").is_file()
    assert json.loads((run_dir / "manifest.json").read_text())["summary"]["ok"] == 1


def test_disk_full_while_writing_the_manifest_is_one_line_and_resumable(
        tiny_data_dir, tmp_path, capsys, monkeypatch):
    import forecast.batch.run as batch_run

    real = batch_run.write_json
    calls = []

    def full_after_first(obj, path):
        calls.append(path)
        if len(calls) == 2:  # the first region's status: the disk has just filled
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(obj, path)

    monkeypatch.setattr(batch_run, "write_json", full_after_first)
    runs = tmp_path / "runs"
    assert main(_batch_argv(tiny_data_dir, runs, "--fresh-kernels")) == 2  # an OS fault
    err = _one_line_error(capsys)
    assert "manifest.json: No space left on device" in err
    run_dir = next(runs.glob("*/manifest.json")).parent
    manifest = json.loads((run_dir / "manifest.json").read_text())  # still valid
    assert manifest["status"]["national"]["status"] == "pending"
    _notebooks_are_complete_or_absent(run_dir)

    monkeypatch.setattr(batch_run, "write_json", real)
    assert main(_batch_argv(tiny_data_dir, runs, "--resume", run_dir.name)) == 0
    assert json.loads((run_dir / "manifest.json").read_text())["summary"]["failed"] == []


@pytest.mark.parametrize("file,how,field", [
    ("manifest.json", lambda m: m.update(run_id="run\u202e"), "run_id"),
    ("manifest.json", lambda m: m["parameters"].update(models="ets\x1b[2J"),
     "parameters.models"),
    ("national/results.json", lambda r: r.update(region_name="Testland\u202e"),
     "region_name"),
    ("national/results.json", lambda r: r["targets"][0].update(note="a\x07b"),
     "targets[0].note"),
])
def test_unsafe_text_in_a_run_folder_never_reaches_a_report(run_folder, capsys, file, how,
                                                            field):
    _damage(run_folder / file, how)
    assert main(["report", run_folder.name, "--runs-dir", str(run_folder.parent)]) == 2
    err = _one_line_error(capsys)
    assert f"{file.split('/')[-1]}: field '{field}'" in err
    assert not any(run_folder.rglob("*.pdf"))


def test_verify_needs_the_data_hash(run_folder, capsys):
    _damage(run_folder / "manifest.json", lambda m: m.pop("data_hash"))
    assert main(["verify", run_folder.name, "--runs-dir", str(run_folder.parent)]) == 2
    assert "field 'data_hash': expected the data hash as text" in _one_line_error(capsys)


def test_verify_an_empty_region_is_refused_not_read_as_the_default(run_folder, capsys):
    """``--region ""`` (an unset shell variable) quietly verified the top region."""
    assert main(["verify", run_folder.name, "--region", "", "--runs-dir",
                 str(run_folder.parent)]) == 2
    assert "region: '' has no results.json in run" in _one_line_error(capsys)
