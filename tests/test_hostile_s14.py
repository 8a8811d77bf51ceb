"""Hostile input of the fourteenth round: a scheme unit whose max lets astronomic values
through, a full disk while a PDF's figures are written, and run folders whose results.json
fields were edited into other kinds than the ones forecast writes.

Every data folder here is SYNTHETIC, written by the test (the shared tiny folder of
conftest.py or made-up rows). Each oracle is the input itself: what was broken and what
must be said about it.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from conftest import (SYNTHETIC_SCHEME_HEAD, copy_run, edit_results, one_line_error, pristine_run_folder,
                      write_scheme_folder)

from forecast.cli import main


# ------------------------------------------------------------ a unit's max

_MEMBERS = '''
[metrics.members]
unit = "people"
en = "Members"
id = "Anggota"
'''


def _scheme_with_max(folder: Path, high: str, first: float) -> Path:
    toml = SYNTHETIC_SCHEME_HEAD.format(what="test", level="district").replace(
        "max = 10000000000", f"max = {high}") + _MEMBERS
    obs = [("land", "members", f"{2014 + i}-12-31", repr(first * 1.5 ** i), "people", "")
           for i in range(10)]
    return write_scheme_folder(folder, toml, [("land", "Synthland", "land", "")], obs,
                               [("land", "members", "2030-12-31", repr(first * 60), "people",
                                 "")])


@pytest.mark.parametrize("high,found", [("1e300", "found 1e+300"), ("1.5e18", "found 1.5e+18"),
                                        ("99999999999999999999999999999999",
                                         "found 99999999999999999999999999999999")])
def test_a_unit_max_past_any_real_amount_is_refused(tmp_path, capsys, high, found):
    # max = 1e300 with values from 1e290: the models' squares overflowed (eight lines of
    # RuntimeWarning on stderr) and the projection printed a 300-digit number.
    folder = _scheme_with_max(tmp_path / "d", high, 1e12)
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    err = one_line_error(capsys)
    assert "scheme.toml: key 'units.people.max': expected a positive number up to 1e18" in err
    assert err.rstrip().endswith(found)


def test_a_unit_max_of_1e18_runs_without_warnings(tmp_path, capfd):
    # Plain rupiah of a large fund (1e15) grow without overflow up to the limit.
    folder = _scheme_with_max(tmp_path / "d", "1e18", 1e14)
    assert main(["run", "--data-dir", str(folder), "--n-paths", "100"]) == 0
    assert capfd.readouterr().err == ""


# ------------------------------------------------------------ a run folder to damage


@pytest.fixture(scope="module")
def pristine_run(tmp_path_factory) -> Path:
    """A run folder as ``forecast batch`` leaves it; each test damages a copy."""
    return pristine_run_folder(tmp_path_factory.mktemp("s14run"))


def _copy_run(pristine: Path, tmp_path: Path) -> Path:
    return copy_run(pristine, tmp_path)


# ------------------------------------------------------------ a full disk in a PDF's making


def test_a_full_disk_while_a_pdfs_figures_are_written_names_the_pdf(pristine_run, tmp_path,
                                                                     capsys, monkeypatch):
    # A full disk fails a write naming no file: the batch ended 'forecast: error: No space
    # left on device' when the summary's speed chart filled it.
    from forecast.report import render

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")  # as f.write raises it

    monkeypatch.setattr(render, "speed_figure", full)
    runs = _copy_run(pristine_run, tmp_path)
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 2
    err = capsys.readouterr().err.splitlines()[-1]
    assert err == f"forecast: error: {runs / 'r1' / 'summary_en.pdf'}: No space left on device"
    assert not (runs / "r1" / "summary_en.pdf").exists()
    assert not [p for p in (runs / "r1").iterdir() if p.name.startswith(".report")]


# ------------------------------------------------------------ results.json fields edited



def _set(keys, value):
    def edit(results):
        obj = results
        for key in keys[:-1]:
            obj = obj[key]
        obj[keys[-1]] = value
    return edit


@pytest.mark.parametrize("edit,field,expected,found", [
    # each stopped `forecast report` with a traceback (the error it was, in the comment)
    (_set(["targets", 0, "models"], "all"), "targets[0].models", "a list", "'all'"),  # TypeError: string indices must be integers
    (_set(["targets", 0, "last_observed"], None), "targets[0].last_observed", "an object",
     "'null'"),  # TypeError: 'NoneType' object is not subscriptable
    (_set(["targets", 0, "last_observed", "value"], "x"), "targets[0].last_observed.value",
     "a number", "'x'"),  # ValueError: could not convert string to float
    (_set(["targets", 0, "target_date"], "2026-13-45"), "targets[0].target_date",
     "a date YYYY-MM-DD", "'2026-13-45'"),  # IndexError: list index out of range
    (_set(["targets", 0, "target_value"], None), "targets[0].target_value", "a number",
     "'null'"),  # TypeError: unsupported operand type(s) for -
    (_set(["targets", 0, "models"], None), "targets[0].models", "a list", "'null'"),
    (_set(["targets", 0, "reachable"], {"a": 1}), "targets[0].reachable.dates",
     "a list", "nothing (the field is missing)"),  # KeyError: 'levels'
    (_set(["targets", 0, "reachable", "levels", 0, "probability"], None),
     "targets[0].reachable.levels[0].probability", "a number", "'null'"),  # TypeError
    (_set(["targets", 0, "history", 0], {"a": 1}), "targets[0].history[0].date",
     "a date YYYY-MM-DD", "nothing (the field is missing)"),  # KeyError: 'date'
    (lambda r: r["targets"][0]["speed"]["record"].pop("start_date"),
     "targets[0].speed.record.start_date", "a date YYYY-MM-DD",
     "nothing (the field is missing)"),  # KeyError: 'start_date'
    (lambda r: r["cited_sources"]["src-a"].update(published="2023-13-45"),
     "cited_sources.src-a.published", "a date YYYY-MM-DD, YYYY-MM or YYYY, or empty text or "
     "null", "'2023-13-45'"),  # the region's PDF failed: IndexError
    (_set(["targets", 0, "unit"], [5]), "targets[0].unit", "text", "'[5]'"),
    (_set(["targets", 0, "sources"], 5), "targets[0].sources", "a list or null", "'5'"),
    (_set(["generated_with"], "x"), "generated_with", "an object or null", "'x'"),
    (_set(["cited_sources"], ["x"]), "cited_sources", "an object or null", "'[\"x\"]'"),
    (_set(["region_name"], 5), "region_name", "text or null", "'5'"),
    (_set(["projections"], "x"), "projections", "a list or null", "'x'"),
    (_set(["scenario"], True), "scenario", "an object or null", "'true'"),
    (lambda r: r["targets"][0].pop("target_value"), "targets[0].target_value", "a number",
     "nothing (the field is missing)"),  # KeyError: 'target_value'
])
def test_a_results_field_of_another_kind_is_named_before_any_report(
        pristine_run, tmp_path, capsys, edit, field, expected, found):
    runs = _copy_run(pristine_run, tmp_path)
    path = edit_results(runs, edit)
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 2
    err = one_line_error(capsys)
    assert err == f"forecast: error: {path}: field '{field}': expected {expected}, found " \
                  f"{found}\n"
    assert not list((runs / "r1").rglob("*.pdf"))


def test_verify_names_a_results_field_of_another_kind_before_the_rerun(pristine_run, tmp_path,
                                                                      capsys):
    runs = _copy_run(pristine_run, tmp_path)
    path = edit_results(runs, _set(["targets", 0, "models"], {"linear": 1}))
    assert main(["verify", "r1", "--runs-dir", str(runs)]) == 2
    assert one_line_error(capsys) == (f"forecast: error: {path}: field 'targets[0].models': "
                                       "expected a list, found '{\"linear\": 1}'\n")


def test_fields_forecast_does_not_know_are_left_alone(pristine_run, tmp_path, capsys):
    # A later version's field, or a note added by hand, of any kind.
    runs = _copy_run(pristine_run, tmp_path)
    edit_results(runs, lambda r: r.update(note={"by": ["hand", 1]}, targets=[
        {**r["targets"][0], "comment": 5}, *r["targets"][1:]]))
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 0
    assert (runs / "r1" / "national" / "report_en.pdf").is_file()


# ------------------------------------------------------------ line and paragraph separators


def _set_cell(path: Path, line: int, column: str, value: str) -> None:
    import csv

    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    rows[line - 1][rows[0].index(column)] = value
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize("sep,name", [("\u2028", "LINE SEPARATOR"),
                                      ("\u2029", "PARAGRAPH SEPARATOR")])
@pytest.mark.parametrize("file,line,column", [("regions.csv", 4, "name"),
                                              ("observations.csv", 12, "note"),
                                              ("sources.csv", 2, "title")])
def test_a_unicode_line_separator_in_a_cell_is_named_as_a_line_break(
        tiny_data_dir, capsys, sep, name, file, line, column):
    # U+2028 passed where a line feed is refused: 'East\u2028Province' broke the region's
    # name over two lines of the PDF and of every message echoing it.
    path = tiny_data_dir / file
    _set_cell(path, line, column, f"East{sep}Province")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert err == (f"forecast: error: {path}:{line}: column '{column}': expected plain text, "
                   f"found the control character U+{ord(sep):04X} {name} at position 5 in "
                   f"'East\\u{ord(sep):04x}Province'\n")


def test_a_line_separator_in_a_value_is_escaped_in_the_message(tiny_data_dir, capsys):
    # The one error line held the separator itself, two lines to a log reader.
    path = tiny_data_dir / "observations.csv"
    _set_cell(path, 2, "value", "17\u2028000")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert "\u2028" not in err and "'17\\u2028000'" in err
    assert len(err.splitlines()) == 1


# ------------------------------------------------------------ manifest parameters edited


@pytest.mark.parametrize("name,value,expected,found", [
    ("track_record", "yes", "true or false", "'yes'"),
    ("track_record", 1, "true or false", "'1'"),
    ("vintage", 5, "one of published, date", "'5'"),
    ("vintage", "x", "one of published, date", "'x'"),
])
@pytest.mark.parametrize("argv", [["verify", "r1"], ["batch", "--resume", "r1"]])
def test_a_manifest_parameter_of_another_kind_is_named_in_the_manifest(
        pristine_run, tmp_path, capsys, name, value, expected, found, argv):
    # track_record "yes" made `verify` re-run with a track record and answer 'NOT
    # reproduced' (exit 1); a vintage of 5 was named without the file it came from.
    runs = _copy_run(pristine_run, tmp_path)
    path = runs / "r1" / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["parameters"][name] = value
    path.write_text(json.dumps(manifest), encoding="utf-8")
    assert main([*argv, "--runs-dir", str(runs)]) == 2
    assert one_line_error(capsys) == (f"forecast: error: {path}: field 'parameters.{name}': "
                                       f"expected {expected}, found {found}\n")
