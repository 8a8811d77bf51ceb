"""Hostile input on the eleventh round's surfaces: ``forecast report``'s progress bar on a
standard error that is closed, full or gone; a run folder that changes while its reports
render; the notebooks' ``lang``; table words on odd values; natural sort on odd names.

Every data folder here is SYNTHETIC, written by the test: made-up numbers that describe no
real scheme. Each oracle is the input itself (what was broken, what must be said about it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows, year_ends
from forecast.cli import main

SCHEME = SYNTHETIC_SCHEME_HEAD.format(what="hostile", level="province") + "\n" \
    + SYNTHETIC_COVERAGE_METRICS
UNIT = {"members": "people", "pop": "people", "cov": "pct"}


def _two_region_run(tmp_path: Path) -> tuple[Path, str]:
    """A finished batch run of Land and two provinces (SYNTHETIC); (runs folder, run id)."""
    members = [4e6 * 1.04 ** i for i in range(11)]
    obs = year_ends("land", "members", [round(m) for m in members], 2015)
    targets = [("land", "members", "2030-12-31", 6e6)]
    regions = [("land", "Land", "land", "")]
    for k in (1, 2):
        obs += year_ends(f"p{k}", "members", [round(m / 10 * k) for m in members], 2015)
        targets.append((f"p{k}", "members", "2030-12-31", 6e5 * k))
        regions.append((f"p{k}", f"Province {k}", "province", "land"))
    folder = write_rows(tmp_path / "d", SCHEME, regions, UNIT, obs, targets)
    runs = tmp_path / "runs"
    assert main(["batch", "--data-dir", str(folder), "--runs-dir", str(runs), "--n-paths",
                 "200", "--no-track-record", "--jobs", "1"]) == 0
    return runs, os.readlink(runs / "latest") if (runs / "latest").is_symlink() \
        else next(p.name for p in runs.iterdir() if p.name != "latest")


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory):
    return _two_region_run(tmp_path_factory.mktemp("run"))


def _report(runs: Path, run_id: str, stderr_redirect: str) -> subprocess.CompletedProcess:
    cmd = (f'"{sys.executable}" -m forecast.cli report {run_id} --runs-dir "{runs}" '
           f"{stderr_redirect}")
    return subprocess.run(["sh", "-c", cmd], stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, text=True, timeout=300)


@pytest.mark.slow  # a batch run, then its reports twice
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("redirect", ["2>&-", "2>/dev/full"])
def test_report_renders_everything_when_standard_error_takes_nothing(finished_run, redirect):
    # The progress bar's first write failed: exit 1 (a bug's code) after one region, the
    # other PDFs and the summary never rendered.
    runs, run_id = finished_run
    for pdf in (runs / run_id).glob("**/*.pdf"):
        pdf.unlink()
    proc = _report(runs, run_id, redirect)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.startswith("reports (en): ")
    assert sorted(p.relative_to(runs / run_id).as_posix()
                  for p in (runs / run_id).glob("**/*.pdf")) == \
        ["land/report_en.pdf", "p1/report_en.pdf", "p2/report_en.pdf", "summary_en.pdf"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("redirect", ["2>&-", "2>/dev/full"])
def test_bad_input_is_code_2_when_standard_error_takes_nothing(tmp_path, redirect):
    # Closed: the error line went to standard output (print(file=None) prints there).
    # Full: printing the error line failed too, and the command ended with code 1.
    missing = tmp_path / "no-such-folder"
    cmd = f'"{sys.executable}" -m forecast.cli run --data-dir "{missing}" {redirect}'
    proc = subprocess.run(["sh", "-c", cmd], stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, text=True, timeout=120)
    assert (proc.returncode, proc.stdout) == (2, "")


@pytest.mark.slow  # a batch run
def test_a_region_removed_while_the_reports_render_is_a_failed_region(tmp_path,
                                                                     monkeypatch, capsys):
    # p2's folder was removed after the run was checked and before its report: it was
    # counted 'ok' and the command ended with 0, one PDF short.
    from forecast.report import render as rr

    runs, run_id = _two_region_run(tmp_path)
    for pdf in (runs / run_id).glob("**/*.pdf"):
        pdf.unlink()
    capsys.readouterr()
    region = rr.RunReports.region

    def removing(self, name):
        if name == "p1":
            shutil.rmtree(runs / run_id / "p2")
        return region(self, name)

    monkeypatch.setattr(rr.RunReports, "region", removing)
    assert main(["report", run_id, "--runs-dir", str(runs)]) == 1
    err = capsys.readouterr().err
    assert f"report for p2 failed: DataError: {runs / run_id / 'p2' / 'results.json'}: " \
        "expected the results of region 'p2', which manifest.json marks ok, found no file" \
        in err
    assert "2/3 regions, 0 failed" in err and "3/3 regions, 1 failed" in err


@pytest.mark.parametrize("lang", [["en"], {"en": 1}, "x" * 10_000, "\u202een"])
def test_a_notebooks_lang_of_any_kind_is_one_short_line(lang):
    # papermill passes whatever it was given (-y 'lang: [en]', a pasted page): a list was
    # a TypeError (unhashable) in the tables' words, a 10,000-character value was echoed
    # whole, and the reasons' words raised a KeyError.
    import pandas as pd

    from forecast import reasons, tablewords
    from forecast.batch import validate
    from forecast.errors import ParameterError

    calls = [lambda: tablewords.worded(pd.DataFrame({"region": ["a"]}), lang),
             lambda: tablewords.check(lang),
             lambda: reasons.reason_text({"code": "no_target"}, lang),
             lambda: reasons.quality_text({"annual_points": 5}, lang),
             lambda: validate(regions="all", as_of=None, n_paths=100, seed=1, models="",
                              lang=lang, jobs=1, data_dir=None)]
    for call in calls:
        with pytest.raises(ParameterError) as caught:
            call()
        message = str(caught.value)
        assert message.startswith("lang: expected one of en, id, found ")
        assert len(message) < 200 and "\n" not in message and "\u202e" not in message


@pytest.mark.parametrize("lang", ["en", "id"])
def test_table_cells_of_infinite_and_astronomic_values_are_short_words(lang):
    # A count's cell of inf raised OverflowError (int(inf)) in the notebook's table, and
    # 1e300 was written with 300 digits.
    import pandas as pd

    from forecast import styles, tablewords

    inf = float("inf")
    frame = tablewords.worded(pd.DataFrame({
        "region": ["x" * 200, "\u202e\u0639\u0631\u0628\u064a", None],
        "median": [inf, -inf, 1e300], "target_value": [-1e300, float("nan"), -2.5],
        "required_cagr": [inf, 1e300, -0.05]}), lang)
    cells = styles.shown(frame)
    styles.styled(frame).to_html()  # the notebook's display of the same table
    median, target, growth = (list(cells[tablewords.heading(k, lang)])
                              for k in ("median", "target_value", "required_cagr"))
    comma = "," if lang == "id" else "."
    assert median == ["\u221e", "\u2212\u221e", "1e+300"]
    assert target == ["-1e+300", "\u2014", f"-2{comma}5"]
    assert growth == ["\u221e %", "1e+302 %", f"-5{comma}0 %"]
    assert list(cells[tablewords.heading("region", lang)])[0] == "x" * 200


def test_region_names_are_ordered_by_their_numbers_in_any_script():
    # 'Area 1\u00b2' (a superscript two after a digit) raised ValueError from int('\u00b2') and
    # the batch's summary PDF failed with a traceback; a number past 4,300 digits did too.
    from forecast.report.summary import name_order

    names = ["Area 1\u00b2", "Area \u0661\u0662", "Area \uff13", "Area 2", "Area 9",
             "Area " + "9" * 5000, "Area 10a", "Area 10B", "\u00b2", "Area 02"]
    assert sorted(names, key=name_order) == [
        "Area 1\u00b2", "Area 02", "Area 2", "Area \uff13", "Area 9", "Area 10a", "Area 10B",
        "Area \u0661\u0662", "Area " + "9" * 5000, "\u00b2"]


@pytest.mark.slow  # a batch run
def test_batch_with_standard_error_closed_runs_its_notebooks(tmp_path):
    # With `2>&-` the progress bar raised AttributeError (None.isatty) before any region.
    import json

    members = [round(4e6 * 1.04 ** i) for i in range(11)]
    folder = write_rows(tmp_path / "d", SCHEME, [("land", "Land", "land", "")], UNIT,
                        year_ends("land", "members", members, 2015),
                        [("land", "members", "2030-12-31", 6e6)])
    runs = tmp_path / "runs"
    cmd = (f'"{sys.executable}" -m forecast.cli batch --data-dir "{folder}" --runs-dir '
           f'"{runs}" --n-paths 200 --no-track-record --jobs 1 2>&-')
    proc = subprocess.run(["sh", "-c", cmd], stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout
    (manifest,) = runs.glob("2*/manifest.json")  # beside the link "latest"
    assert json.loads(manifest.read_text())["status"]["land"]["status"] == "ok"
    assert (manifest.parent / "land" / "report_en.pdf").is_file()


def test_a_closed_standard_error_reaches_the_commands_children_as_the_null_device():
    # The null device opened in its place by os.open was not inheritable: a child (a
    # notebook's kernel, typst) started without descriptor 2, and outside the tests every
    # region's kernel died ('Kernel died before replying to kernel_info').
    code = ("import subprocess, sys\n"
            "from forecast.cliout import quiet_stderr\n"
            "with quiet_stderr():\n"
            "    child = [sys.executable, '-c', 'import os; os.fstat(2)']\n"
            "    print(subprocess.run(child).returncode)\n")
    proc = subprocess.run(["sh", "-c", f'"{sys.executable}" -c "$0" 2>&-', code],
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True,
                          timeout=60)
    assert proc.stdout == "0\n"


def test_a_read_only_region_folder_is_refused_before_any_report(tmp_path):
    # A run folder writable but one region's folder read-only: the other regions were
    # rendered, then that region failed naming a temporary file
    # ('.report_en.pdf.6t7i1nnf'), exit 1.
    import shlex

    run = tmp_path / "run"
    for region in ("land", "p1", "p2"):
        (run / region).mkdir(parents=True)
    (run / "p1").chmod(0o555)
    code = ("from forecast.errors import ParameterError\n"
            "from forecast.safepath import check_writable_run\n"
            "try:\n"
            f"    check_writable_run({str(run)!r}, 'report')\n"
            "except ParameterError as exc:\n"
            "    print(exc)\n")
    cmd = [sys.executable, "-c", code]
    if os.geteuid() == 0:  # root writes anywhere: drop the capabilities that allow it
        if shutil.which("capsh") is None:
            pytest.skip("root without capsh: permissions cannot be tested")
        cmd = ["capsh", "--drop=cap_dac_override,cap_dac_read_search,cap_fowner", "--",
               "-c", " ".join(shlex.quote(c) for c in cmd)]
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True,
                          timeout=60)
    assert proc.stdout == (f"report: cannot write {run / 'p1'}: the system refused a new "
                           f"file in {run / 'p1'} (Permission denied)\n")


def test_a_results_file_cut_in_a_string_is_named_with_one_at(tmp_path):
    # A region's results.json cut while the reports rendered read 'Unterminated string
    # starting at at line 1, column 18' (json's words end in 'at').
    from forecast.errors import DataError
    from forecast.runfolder import read_json_file

    path = tmp_path / "results.json"
    path.write_text('{"region": "p2", "targ', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_json_file(path)
    assert str(caught.value) == (f"{path}: truncated or damaged: expected a complete JSON "
                                 "object (Unterminated string starting at line 1, column 18)")


@pytest.mark.parametrize("constant", ["Infinity", "-Infinity", "NaN"])
def test_a_results_file_with_a_non_finite_number_is_named_by_field(tmp_path, constant):
    # json reads Infinity and NaN, which this package never writes (allow_nan=False): a
    # region's required growth of Infinity stopped the summary PDF with 'summary.typ:
    # typst could not render the report: Out of range float values are not JSON
    # compliant', naming neither the file nor the field.
    from forecast.errors import DataError
    from forecast.runfolder import read_json_file

    path = tmp_path / "results.json"
    path.write_text('{"region": "p0", "targets": [{"required_cagr": %s}]}' % constant,
                    encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_json_file(path)
    assert str(caught.value) == (f"{path}: field 'targets[0].required_cagr': expected a "
                                 f"finite number or null, found {constant} (not a JSON "
                                 "number)")
    path.write_text('{"note": "NaN", "value": 1e300}', encoding="utf-8")  # words are words
    assert read_json_file(path) == {"note": "NaN", "value": 1e300}
