"""Hostile input of the fifteenth round: results.json values of the right kind but not of
the shape forecast writes (inside a reason, an empty list a reader indexes, a number no
float holds), and further probes of the commands' inputs.

Every data folder here is SYNTHETIC, written by the test (the shared tiny folder of
conftest.py or made-up rows). Each oracle is the input itself: what was broken and what
must be said about it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import copy_run, edit_results, one_line_error, pristine_run_folder

from forecast.cli import main


@pytest.fixture(scope="module")
def pristine_run(tmp_path_factory) -> Path:
    """A run folder as ``forecast batch`` leaves it; each test damages a copy."""
    return pristine_run_folder(tmp_path_factory.mktemp("s15run"))


def _copy_run(pristine: Path, tmp_path: Path) -> Path:
    return copy_run(pristine, tmp_path)


def _results_path(runs: Path) -> Path:
    return runs / "r1" / "national" / "results.json"



# ------------------------------------------------------------ numbers no float holds


@pytest.mark.parametrize("number,found", [
    # OverflowError: int too large to convert to float (a traceback, exit 1)
    ("1" + "0" * 400, "found 1000000000000000... (an integer of 401 digits), past the largest "
                      "number a float holds"),
    ("-9" * 1 + "9" * 399, "found -999999999999999... (an integer of 400 digits), past the "
                           "largest number a float holds"),
    # Python's 4300-digit limit: was 'truncated or damaged ... (Exceeds the limit ...)'
    ("7" * 5000, "found 7777777777777777... (an integer of 5000 digits), past the largest "
                 "number a float holds"),
    # read as inf: named as 'Infinity', a word the file does not hold
    ("1e400", "found 1e400, past the largest number a float holds"),
])
@pytest.mark.parametrize("command", ["report", "verify"])
def test_a_results_number_no_float_holds_is_named_by_field(pristine_run, tmp_path, capsys,
                                                          number, found, command):
    runs = _copy_run(pristine_run, tmp_path)
    path = _results_path(runs)
    text = path.read_text(encoding="utf-8")
    assert text.count('"median": ') >= 1
    path.write_text(text.replace('"median": ', f'"median": {number}, "was": ', 1),
                    encoding="utf-8")
    assert main([command, "r1", "--runs-dir", str(runs)]) == 2
    err = one_line_error(capsys)
    assert err == (f"forecast: error: {path}: field 'targets[0].median': expected a finite "
                   f"number or null, {found}\n")
    assert not list((runs / "r1").rglob("*.pdf"))


def test_a_large_number_a_float_holds_is_still_read(pristine_run, tmp_path, capsys):
    # The limit is the float's, not a digit count: 1e300 in a field nobody reads is kept.
    runs = _copy_run(pristine_run, tmp_path)
    edit_results(runs, lambda r: r.update(note_by_hand=10 ** 300))
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 0
    assert (runs / "r1" / "national" / "report_en.pdf").is_file()


# ------------------------------------------------------------ shapes inside free fields

_SKIPPED = {"metric": "coverage_pct", "target_date": "2018-12-31", "target_value": 80.0,
            "reason": {"code": "different_denominator", "target_denominator": "other",
                       "reading_denominators": ["eligible_workers", "other"]}}


def _skip(**reason):
    """Append a skipped target (as forecast writes one) whose reason has ``reason``."""
    def edit(results):
        entry = json.loads(json.dumps(_SKIPPED))
        entry["reason"].update(reason)
        for key, value in reason.items():
            if value is _DROP:
                del entry["reason"][key]
        results["skipped"].append(entry)
    return edit


def _skip_reason(value):
    def edit(results):
        results["skipped"].append({**_SKIPPED, "reason": value})
    return edit


_DROP = "__drop__"


def _outlier(neighbours):
    def edit(results):
        results["targets"][0]["data_quality"]["outlier"] = {
            "date": "2024-12-31", "value": 45.0, "replaced_by": 41.0,
            "log_deviation": 0.09, "neighbours": neighbours}
    return edit


def _nowcast_method(value):
    """A nowcast that was made (the tiny folder's has too few pairs), its method edited."""
    def edit(results):
        results["targets"][0]["data_quality"]["nowcast"] = {
            "method": value, "from_date": "2025-10-31", "from_value": 42.7,
            "year_end": "2025-12-31", "value": 44.0, "log_ratio": 0.03, "sd_log": 0.037,
            "pairs": ["2023-10-31", "2024-11-30"], "filled": []}
    return edit


@pytest.mark.parametrize("edit,field,expected,found", [
    # each stopped `forecast report` ('report for national failed: <error>', exit 1)
    (_skip(code={"a": 1}), "skipped[0].reason.code",
     "a value of the shape forecast writes there (the reports stop on it: TypeError: "
     "unhashable type: 'dict')", "'{\"a\": 1}'"),
    (_skip(code="made_up"), "skipped[0].reason.code",
     "a value of the shape forecast writes there (the reports stop on it: KeyError: "
     "\"unknown reason code 'made_up'\")", "'made_up'"),
    (_skip(target_denominator=["x"]), "skipped[0].reason.target_denominator",
     "a value of the shape forecast writes there (the reports stop on it: TypeError: "
     "unhashable type: 'list')", "'[\"x\"]'"),
    (_skip(reading_denominators=True), "skipped[0].reason.reading_denominators",
     "a value of the shape forecast writes there (the reports stop on it: TypeError: "
     "'bool' object is not iterable)", "'true'"),
    (_skip(code=_DROP), "skipped[0].reason.code", "a value (the reports read it)",
     "nothing (the field is missing)"),
    (_skip_reason(["x"]), "skipped[0].reason",
     "a value of the shape forecast writes there (the reports stop on it: AttributeError: "
     "'list' object has no attribute 'get')", "'[\"x\"]'"),
    (_skip_reason({}), "skipped[0].reason.code", "a value (the reports read it)",
     "nothing (the field is missing)"),
    (_outlier([]), "targets[0].data_quality.outlier.neighbours[0]",
     "a value (the reports read it)", "nothing (the field is missing)"),  # IndexError
    # a null the table allows (a target not assessed has no median), where a chart divides
    (lambda r: r["targets"][0].update(median=None), "targets[0].median",
     "a value of the shape forecast writes there (the reports stop on it: TypeError: "
     "unsupported operand type(s) for /: 'NoneType' and 'float')", "'null'"),
    (lambda r: r["targets"][0].update(fan=None), "targets[0].fan",
     "a value of the shape forecast writes there (the reports stop on it: TypeError: "
     "'NoneType' object is not iterable)", "'null'"),
    (_nowcast_method("x"), "targets[0].data_quality.nowcast.method",
     "a value of the shape forecast writes there (the reports stop on it: KeyError: 'x')",
     "'x'"),
])
@pytest.mark.parametrize("command", ["report", "verify"])
def test_a_results_value_of_a_shape_the_reports_cannot_read_is_named(
        pristine_run, tmp_path, capsys, edit, field, expected, found, command):
    runs = _copy_run(pristine_run, tmp_path)
    path = edit_results(runs, edit)
    assert main([command, "r1", "--runs-dir", str(runs)]) == 2
    err = one_line_error(capsys)
    assert err == f"forecast: error: {path}: field '{field}': expected {expected}, found " \
                  f"{found}\n"
    assert not list((runs / "r1").rglob("*.pdf"))


def test_a_reason_as_forecast_writes_it_is_read(pristine_run, tmp_path, capsys):
    # The oracle of the table above: the same skipped target, unedited, renders.
    runs = _copy_run(pristine_run, tmp_path)
    edit_results(runs, _skip())
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 0
    assert (runs / "r1" / "national" / "report_en.pdf").is_file()


# ------------------------------------------------------------ manifest parameters a re-run refuses


def _edit_manifest(runs: Path, run: str = "r1", **params) -> Path:
    path = runs / run / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["run_id"] = run
    manifest["parameters"].update(params)
    path.write_text(json.dumps(manifest), encoding="utf-8")
    return path


@pytest.mark.parametrize("params,field,expected,found", [
    # named as if typed ('n_paths: expected ...'), or, for 10**12 paths under report, read
    ({"n_paths": 10 ** 12}, "n_paths", "expected a whole number of paths from 1 to "
     "1,000,000", "found '1000000000000'"),
    ({"seed": -5}, "seed", "expected a whole number >= 0", "found '-5'"),
    # verify read '' as the current folder, compare as the shipped data
    ({"data_dir": ""}, "data_dir", "expected the path of the run's data folder", "found ''"),
])
@pytest.mark.parametrize("argv", [["verify", "r1"], ["report", "r1"],
                                  ["compare", "r1", "r2"]])
def test_a_manifest_parameter_out_of_range_is_named_in_the_manifest(
        pristine_run, tmp_path, capsys, params, field, expected, found, argv):
    runs = _copy_run(pristine_run, tmp_path)
    shutil.copytree(runs / "r1", runs / "r2")
    _edit_manifest(runs, "r2")
    path = _edit_manifest(runs, "r1", **params)
    assert main([*argv, "--runs-dir", str(runs)]) == 2
    assert one_line_error(capsys) == (f"forecast: error: {path}: field 'parameters.{field}': "
                                       f"{expected}, {found}\n")


@pytest.mark.parametrize("params,field,message", [
    # each was 'as_of: ...' or 'models: ...', a parameter the user never typed
    ({"as_of": "1800-01-01"}, "as_of", "expected a year from 2014 (the first observation's)"),
    ({"models": "nosuchmodel"}, "models", "unknown model(s) 'nosuchmodel'; valid choices: "),
])
@pytest.mark.parametrize("argv", [["verify", "r1"], ["compare", "r1", "r2"],
                                  ["batch", "--resume", "r1"]])
def test_a_manifest_parameter_the_rerun_refuses_is_named_in_the_manifest(
        pristine_run, tmp_path, capsys, params, field, message, argv):
    runs = _copy_run(pristine_run, tmp_path)
    shutil.copytree(runs / "r1", runs / "r2")
    _edit_manifest(runs, "r2")
    path = _edit_manifest(runs, "r1", **params)
    assert main([*argv, "--runs-dir", str(runs)]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: {path}: field 'parameters.{field}': {message}")


# ------------------------------------------------------------ a terminal that cannot show a name


_ASCII_ENVIRONMENTS = [{"PYTHONIOENCODING": "ascii"},
                       # the C locale as Python leaves it when told not to coerce it
                       {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0",
                        "PYTHONUTF8": "0"}]


def _forecast(argv, env_extra, **kwargs):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONIOENCODING", "LC_ALL", "LANG", "LC_CTYPE", "PYTHONUTF8")}
    return subprocess.run([sys.executable, "-m", "forecast.cli", *argv],
                          env={**env, **env_extra}, stdin=subprocess.DEVNULL,
                          capture_output=True, **kwargs)


@pytest.mark.parametrize("env", _ASCII_ENVIRONMENTS)
def test_a_name_the_terminal_cannot_encode_is_printed_escaped(tiny_data_dir, env):
    # 'Négara' ended `forecast run` in a UnicodeEncodeError traceback (exit 1) after the
    # work, its report never printed.
    path = tiny_data_dir / "regions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Testland", "N\u00e9gara"),
                    encoding="utf-8")
    proc = _forecast(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "100",
                      "--models", "linear"], env)
    assert proc.returncode == 0, proc.stderr.decode("ascii", "replace")[-300:]
    assert b"Traceback" not in proc.stderr
    assert proc.stdout.startswith(b"N\\xe9gara (national), all data")



# ------------------------------------------------------------ scheme.toml


@pytest.mark.parametrize("value,found", [('["persons"]', "['persons']"),
                                         ("{ a = 1 }", "a table"), ("[]", "an empty list")])
@pytest.mark.parametrize("command", ["data", "run"])
def test_a_metric_unit_that_is_a_list_or_table_is_named(tmp_path, capsys, value, found,
                                                       command):
    # unit = ["persons"] stopped `forecast data check` and `forecast run` with
    # 'TypeError: unhashable type: list' (a traceback, exit 1).
    folder = tmp_path / "d"
    assert main(["init", str(folder)]) == 0
    path = folder / "scheme.toml"
    text = path.read_text(encoding="utf-8")
    assert '\nunit = "persons"\n' in text
    path.write_text(text.replace('\nunit = "persons"\n', f"\nunit = {value}\n", 1),
                    encoding="utf-8")
    capsys.readouterr()
    argv = ["data", "check"] if command == "data" else ["run"]
    assert main([*argv, "--data-dir", str(folder)]) == 2
    assert one_line_error(capsys) == (f"forecast: error: {path}: key "
                                       f"'metrics.contributors.unit': expected one of the "
                                       f"units persons, percent, found {found}\n")


# ------------------------------------------------------------ a projection's ceiling reason


@pytest.fixture(scope="module")
def province_run(tmp_path_factory) -> Path:
    """A run folder of the tiny folder's province, whose projection names the ceiling it
    could not follow (a reason object: code, ceiling, region, n)."""
    from conftest import make_data_dir
    from forecast.data import load_panel
    from forecast.results import run_region, write_json

    base = tmp_path_factory.mktemp("s15prov")
    panel = load_panel(make_data_dir(base / "data"))
    run_dir = base / "runs" / "r1"
    results = run_region(panel, "east-province", n_paths=100, models=["linear"])
    assert results["projections"][0]["ceiling"]["reason"]["code"] == "ceiling_too_few"
    write_json(results, run_dir / "east-province" / "results.json")
    manifest = {"run_id": "r1", "created": "2026-11-29T12:00:00+00:00",
                "data_hash": panel.data_hash,
                "parameters": {"as_of": "", "vintage": "published", "n_paths": 100, "seed": 5,
                               "models": "linear", "lang": "en",
                               "data_dir": str(base / "data")},
                "regions": ["east-province"],
                "status": {"east-province": {"status": "ok"}}}
    (run_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return run_dir


@pytest.mark.parametrize("key,value,expected,found", [
    # KeyError: 'ceiling' / 'n' (taken by a format of the whole reason: no read names it)
    ("ceiling", _DROP, "a value (the reports read it)", "nothing (the field is missing)"),
    ("n", _DROP, "a value (the reports read it)", "nothing (the field is missing)"),
    ("n", "x", "a value of the shape forecast writes there (the reports stop on it: "
               "ValueError: invalid literal for int() with base 10: 'x')", "'x'"),
    ("n", None, "", ""),  # unedited
])
def test_a_projections_ceiling_reason_of_another_shape_is_named(province_run, tmp_path, capsys,
                                                              key, value, expected, found):
    runs = tmp_path / "runs"
    shutil.copytree(province_run, runs / "r1")
    path = runs / "r1" / "east-province" / "results.json"
    results = json.loads(path.read_text(encoding="utf-8"))
    results["targets"] = []  # a region with nothing to assess: its PDF shows projections
    reason = results["projections"][0]["ceiling"]["reason"]
    if value is _DROP:
        del reason[key]
    elif value is not None:
        reason[key] = value
    path.write_text(json.dumps(results), encoding="utf-8")
    if value is None:  # the oracle: the reason as written renders
        assert main(["report", "r1", "--runs-dir", str(runs)]) == 0
        assert (runs / "r1" / "east-province" / "report_en.pdf").is_file()
        return
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 2
    assert one_line_error(capsys) == (f"forecast: error: {path}: field 'projections[0]."
                                       f"ceiling.reason.{key}': expected {expected}, found "
                                       f"{found}\n")
    assert not list((runs / "r1").rglob("*.pdf"))


def test_a_folder_named_with_a_line_feed_prints_escaped_on_success(tmp_path, capsys):
    # The success lines named the path raw: "x<LF>y: OK" read as two lines, the second
    # starting "y: OK". Escaped as in every error message, it stays one line.
    from conftest import make_data_dir

    folder = make_data_dir(tmp_path / "x\ny")
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(str(tmp_path / "x\\x0ay")) and first.endswith(")"), first
    assert ": OK (" in first
    # `forecast init` of such a folder too: two lines, each naming it escaped.
    assert main(["init", str(tmp_path / "a\nb")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("wrote 5 files to "), lines
    assert all("a\\x0ab" in line for line in lines), lines
