"""Hostile input of the sixteenth round: a null date among a results.json's readings (and
the reports' check blaming the field read after it), empty option values read as the option
left out, a seed no reader takes back, a model named twice, a coverage metric of its own
numerator, dates of the right shape naming no day, semicolon- or tab-separated files,
millions of empty rows, paths through looping links, run files and report names taken by
folders, a run folder's path given as its id, a chart named as another format, a blank
FORECAST_REPORTS_DIR.

Every data folder here is SYNTHETIC, written by the test (the shared tiny folder of
conftest.py or made-up rows). Each oracle is the input itself: what was broken and what
must be said about it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import (SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, copy_run,
                      edit_results, one_line_error, pristine_run_folder, write_rows, year_ends)
from forecast.cli import main


@pytest.fixture(scope="module")
def pristine_run(tmp_path_factory) -> Path:
    """A run folder as ``forecast batch`` leaves it; each test damages a copy."""
    return pristine_run_folder(tmp_path_factory.mktemp("s16run"))



# ------------------------------------------------------------ a null the chart turns into NaN


def test_a_null_the_reports_turn_into_nan_is_blamed_not_the_field_read_after_it(
        pristine_run):
    """The fan chart turns a null first history date into NaN and stops on the axis limits
    ("Axis limits cannot be NaN or Inf", naming no value): the reports' check blamed the
    last field read before that, the target's unit ('persons'), as forecast writes it."""
    from forecast.errors import DataError
    from forecast.report.readcheck import check_readable

    path = pristine_run / "national" / "results.json"
    results = json.loads(path.read_text(encoding="utf-8"))
    results["targets"][0]["history"][0]["date"] = None
    with pytest.raises(DataError) as err:
        check_readable(results, path, "national")
    assert str(err.value).startswith(f"{path}: field 'targets[0].history[0].date': "), err
    assert str(err.value).endswith("found 'null'"), err


@pytest.mark.parametrize("field,index", [("history", 0), ("history", 3), ("sub_annual", 0)])
def test_a_null_reading_date_in_results_json_is_refused_by_kind(pristine_run, tmp_path,
                                                                capsys, field, index):
    """A null date among a target's readings (forecast never writes one) was blamed on the
    target's unit (the first), or rendered with the reading left out of the chart."""
    runs = copy_run(pristine_run, tmp_path)

    def edit(results):
        results["targets"][0][field][index]["date"] = None
    path = edit_results(runs, edit)
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 2
    assert one_line_error(capsys) == (f"forecast: error: {path}: field 'targets[0].{field}"
                                      f"[{index}].date': expected a date YYYY-MM-DD, found "
                                      f"'null'\n")
    assert not list((runs / "r1").rglob("*.pdf"))


# ------------------------------------------------------------ empty values read as no option


@pytest.mark.parametrize("argv,option,expected", [
    (["batch", "--resume", ""], "batch: argument --resume", "a run id such as"),
    (["batch", "--previous", " "], "batch: argument --previous", "a run id such as"),
    (["batch", "--dask-scheduler", ""], "batch: argument --dask-scheduler",
     "a scheduler address"),
    (["batch", "--as-of", ""], "batch: argument --as-of", "a year or a date YYYY-MM-DD"),
    (["run", "--as-of", ""], "run: argument --as-of", "a year or a date YYYY-MM-DD"),
    (["run", "--models", ""], "run: argument --models", "comma-separated model names"),
    (["batch", "--models", ""], "batch: argument --models", "comma-separated model names"),
    (["compare", "--as-of", "", "2024"], "compare: argument A", "a run id, or a year or date"),
    (["compare", "r1", "  "], "compare: argument B", "a run id, or a year or date"),
    (["compare", "--as-of", "2023", "2024", "--region", ""], "compare: argument --region",
     "a region id"),
])
def test_an_empty_value_is_refused_not_read_as_the_option_left_out(tiny_data_dir, tmp_path,
                                                                    capsys, argv, option,
                                                                    expected):
    """`--resume "$RUN"` with RUN unset started a whole new run; `--as-of ""` used all the
    data; `compare --as-of "" 2024` compared 'now' (as the earlier side) with 2024;
    `compare --region ""` compared the top region."""
    runs = tmp_path / "runs"
    extra = [] if argv[0] == "run" else ["--runs-dir", str(runs)]
    assert main(argv + ["--data-dir", str(tiny_data_dir)] + extra) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: {option}: expected {expected}"), err
    assert "(an empty value" in err, err
    assert not runs.exists()


@pytest.mark.parametrize("argv", [["run", "--models", ",,"], ["run", "--models", " , "],
                                  ["batch", "--models", ",,"]])
def test_models_of_commas_alone_are_refused_by_run_and_batch_alike(tiny_data_dir, tmp_path,
                                                                    capsys, argv):
    """`batch --models ,,` ran every model (run refused it as "unknown model(s) (none)")."""
    runs = tmp_path / "runs"
    extra = ["--runs-dir", str(runs), "--n-paths", "100"] if argv[0] == "batch" else []
    assert main(argv + ["--data-dir", str(tiny_data_dir)] + extra) == 2
    err = one_line_error(capsys)
    assert f"unknown model(s) {argv[2]!r}; valid choices: linear," in err, err
    assert not runs.exists()


# ------------------------------------------------------------ a coverage metric of itself


def _coverage_folder(folder: Path, metrics: str) -> Path:
    """A SYNTHETIC coverage scheme (members over a population) with ``metrics``."""
    toml = SYNTHETIC_SCHEME_HEAD.format(what="hostile", level="province") + "\n" + metrics
    obs = year_ends("land", "members", [round(4e6 * 1.04 ** i) for i in range(11)], 2015)
    obs += year_ends("land", "pop", [round(50e6 * 1.01 ** i) for i in range(11)], 2015)
    obs += year_ends("land", "cov", [8 + i / 4 for i in range(11)], 2015)
    return write_rows(folder, toml, [("land", "Land", "land", "")],
                      {"members": "people", "pop": "people", "cov": "pct"}, obs,
                      [("land", "cov", "2030-12-31", 20)])


@pytest.mark.parametrize("old,new,key,found", [
    ('numerator = "members"', 'numerator = "pop"', "denominator", "pop"),
    ('ceiling = "pop"', 'ceiling = "members"', "ceiling", "members"),
])
@pytest.mark.parametrize("command", [["data", "check"], ["run", "--n-paths", "100"]])
def test_a_coverage_metric_whose_numerator_is_its_denominator_is_refused(
        tmp_path, capsys, old, new, key, found, command):
    """cov = pop / pop was accepted ("coverage: cov = pop / pop") and its target run: a share
    that is 100% whatever is read; a ceiling that is the numerator bounds nothing."""
    assert old in SYNTHETIC_COVERAGE_METRICS
    folder = _coverage_folder(tmp_path / "d", SYNTHETIC_COVERAGE_METRICS.replace(old, new))
    assert main(command + ["--data-dir", str(folder)]) == 2
    err = one_line_error(capsys)
    assert err == (f"forecast: error: {folder / 'scheme.toml'}: key 'metrics.cov.{key}': "
                   f"expected a metric other than the numerator '{found}', found "
                   f"'{found}'\n"), err


def test_the_coverage_scheme_as_written_passes_the_check(tmp_path, capsys):
    # The oracle of the test above: the same folder, unedited.
    folder = _coverage_folder(tmp_path / "d", SYNTHETIC_COVERAGE_METRICS)
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    assert "coverage: cov = members / pop (ceiling pop)" in capsys.readouterr().out


# ------------------------------------------------------------ a path through a looping link


@pytest.mark.parametrize("argv,what", [
    (["run", "--n-paths", "100", "--output", "{loop}/x.json", "--data-dir", "{data}"],
     "--output"),
    (["compare", "r1", "r1", "--runs-dir", "{runs}", "--chart", "{loop}/c.png"], "--chart"),
])
def test_an_output_under_a_looping_link_is_one_line(pristine_run, tiny_data_dir, tmp_path,
                                                    capsys, argv, what):
    """`--output loop/x.json` (loop -> loop2 -> loop) stopped with a traceback:
    RuntimeError: Symlink loop from '.../loop' (Path.resolve, looking for a batch run)."""
    (tmp_path / "loop").symlink_to("loop2")
    (tmp_path / "loop2").symlink_to("loop")
    runs = copy_run(pristine_run, tmp_path)
    argv = [a.format(loop=tmp_path / "loop", runs=runs, data=tiny_data_dir) for a in argv]
    assert main(argv) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: {what}: cannot use {tmp_path / 'loop'}/"), err
    assert "Too many levels of symbolic links" in err, err


def test_resume_in_a_runs_folder_that_is_a_looping_link_is_one_line(tmp_path, capsys):
    """`batch --runs-dir loop --resume r1` stopped with RuntimeError: Symlink loop."""
    (tmp_path / "loop").symlink_to("loop2")
    (tmp_path / "loop2").symlink_to("loop")
    assert main(["batch", "--runs-dir", str(tmp_path / "loop"), "--resume", "r1"]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: --resume: no run 'r1' in {tmp_path / 'loop'}; "), err
    assert "a symbolic link that loops" in err, err


# ------------------------------------------------------------ scenario tables


def test_an_empty_enrolments_table_is_said_to_be_empty(tiny_data_dir, tmp_path, capsys):
    """`extra_monthly_enrolments = {}` was refused as "expected a table of metric = persons
    a month, ..., found a table": the file has the table asked for; what is wrong is that
    it is empty."""
    path = tmp_path / "s.toml"
    path.write_text('name = "x"\n[adjustments]\nextra_monthly_enrolments = {}\n',
                    encoding="utf-8")
    assert main(["run", "--data-dir", str(tiny_data_dir), "--scenario", str(path)]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: {path}: key 'adjustments.extra_monthly_"
                          f"enrolments': expected a table of metric = persons a month"), err
    assert err.endswith(", found an empty table\n"), err


# ------------------------------------------------------------ a date written right of no day


@pytest.mark.parametrize("name,old,new,column,expected", [
    ("observations.csv", "2014-12-31,17000000", "2023-02-29,17000000", "date",
     "an ISO date YYYY-MM-DD"),
    ("observations.csv", "2014-12-31,17000000", "2023-13-01,17000000", "date",
     "an ISO date YYYY-MM-DD"),
    ("targets.csv", "2026-12-31,70000000", "2026-04-31,70000000", "target_date",
     "an ISO date YYYY-MM-DD"),
    ("sources.csv", "2024-01-31", "2024-02-30", "published",
     "a date YYYY-MM-DD, YYYY-MM or YYYY, or empty"),
])
def test_a_date_of_the_right_shape_but_no_day_says_so(tiny_data_dir, capsys, name, old, new,
                                                      column, expected):
    """'2023-02-29' was refused as "expected an ISO date YYYY-MM-DD, found '2023-02-29'": it
    is written as asked; what is wrong is that the calendar has no such day (as --as-of
    says)."""
    path = tiny_data_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert err == (f"forecast: error: {path}:2: column '{column}': expected {expected}, "
                   f"found '{new.split(',')[0]}' (not a calendar date)\n"), err


# ------------------------------------------------------------ a file of the run that is a folder


def test_a_results_json_that_is_a_folder_is_named_not_file_descriptor_3(pristine_run,
                                                                         tmp_path, capsys):
    """A results.json replaced by a folder was refused as "forecast: error: 3: Is a
    directory" (os.fdopen of the opened folder, naming its descriptor)."""
    runs = copy_run(pristine_run, tmp_path)
    path = runs / "r1" / "national" / "results.json"
    path.unlink()
    path.mkdir()
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 2
    assert one_line_error(capsys) == (f"forecast: error: {path}: cannot be read: expected a "
                                      f"JSON file, found a folder\n")


@pytest.mark.parametrize("name", ["summary_en.pdf", "national/report_en.pdf",
                                  "national/region_forecast.html"])
def test_a_report_name_taken_by_a_folder_is_refused_before_any_report(pristine_run, tmp_path,
                                                                       capsys, name):
    """A folder named summary_en.pdf stopped `forecast report` with "...: Is a directory"
    after the regions' PDFs were written; one named report_en.pdf failed the region with
    "IsADirectoryError: [Errno 21] Is a directory" and exit code 1."""
    runs = copy_run(pristine_run, tmp_path)
    (runs / "r1" / name).mkdir()
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 2
    assert one_line_error(capsys) == (
        f"forecast: error: report: cannot write {runs / 'r1' / name}: expected a regular "
        f"file or no file there (the report is written there), found a folder\n")
    assert [p for p in (runs / "r1").rglob("*") if p.is_file() and p.suffix == ".pdf"] == []


# ------------------------------------------------------------ a seed no reader takes back


@pytest.mark.parametrize("command", [["run"], ["batch"], ["compare", "--as-of", "2023", "2024"]])
def test_a_seed_of_400_digits_is_refused_before_the_run(tiny_data_dir, tmp_path, capsys,
                                                         command):
    """`batch --seed 999...9` (400 digits) ran, then every reader refused the run it wrote:
    "field 'generated_with.seed': ... past the largest number a float holds" (the region
    failed, report and verify stopped). The refusal names the size, not 400 digits."""
    runs = tmp_path / "runs"
    extra = ["--runs-dir", str(runs)] if command[0] == "batch" else []
    assert main(command + ["--data-dir", str(tiny_data_dir), "--seed", "9" * 400]
                + extra) == 2
    err = one_line_error(capsys)
    assert f"argument --seed: expected a non-negative integer of at most 38 digits, found a " \
           f"number of 400 digits (see forecast {command[0]} --help)\n" in err, err
    assert not runs.exists()


def test_the_largest_seed_runs_and_the_library_refuses_one_more_digit(tiny_data_dir):
    from forecast.data import load_panel
    from forecast.errors import ParameterError
    from forecast.results import run_region

    tiny_panel = load_panel(tiny_data_dir)
    results = run_region(tiny_panel, "national", n_paths=100, seed=10**38 - 1, models=["linear"])
    assert json.loads(json.dumps(results))["generated_with"]["seed"] == 10**38 - 1
    with pytest.raises(ParameterError, match=r"^seed: expected a non-negative integer of at "
                                             r"most 38 digits, found 10{38}$"):
        run_region(tiny_panel, "national", n_paths=100, seed=10**38, models=["linear"])


# ------------------------------------------------------------ a blank FORECAST_REPORTS_DIR


@pytest.mark.parametrize("blank", ["", " ", "\t"])
def test_a_blank_reports_dir_variable_is_unset_not_a_folder_named_blank(tmp_path, blank):
    """FORECAST_REPORTS_DIR=' ' made `forecast batch` write its run into a folder named ' '
    of the current folder (an empty value already meant unset)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "FORECAST_REPORTS_DIR": blank,
           "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    out = subprocess.run([sys.executable, "-c", "from forecast import config; "
                          "print(config.RUNS_DIR)"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, check=True).stdout.strip()
    assert Path(out).is_absolute() and Path(out).parts[-2:] == ("reports", "runs"), out
    assert blank not in Path(out).parts


# ------------------------------------------------------------ a spreadsheet's other separators


@pytest.mark.parametrize("name,sep,word", [("observations.csv", ";", "semicolons"),
                                           ("targets.csv", "\t", "tabs")])
def test_a_file_separated_by_semicolons_or_tabs_says_so(tiny_data_dir, capsys, name, sep,
                                                        word):
    """A spreadsheet set to a comma-decimal language (Indonesian among them) saves CSV with
    semicolons: the header was refused as seven missing columns and one unexpected column
    'region;metric;...', never saying what differed."""
    path = tiny_data_dir / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",", sep), encoding="utf-8")
    header = text.splitlines()[0]
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    assert one_line_error(capsys) == (
        f"forecast: error: {path}:1: expected columns separated by commas ({header}), found "
        f"them separated by {word} (save the file as CSV UTF-8, comma-delimited)\n")


# ------------------------------------------------------------ a chart named as another format


@pytest.mark.parametrize("name", ["waterfall.pdf", "waterfall.svg", "waterfall.jpg"])
def test_a_chart_named_as_another_format_is_refused_before_the_runs(pristine_run, tmp_path,
                                                                    capsys, name):
    """`--chart waterfall.pdf` wrote PNG bytes into waterfall.pdf (a file no PDF viewer
    opens) and said it wrote the chart."""
    runs = copy_run(pristine_run, tmp_path)
    chart = tmp_path / "out" / name
    assert main(["compare", "r1", "r1", "--runs-dir", str(runs), "--chart", str(chart)]) == 2
    assert one_line_error(capsys) == (f"forecast: error: --chart: expected a file name ending in "
                                      f".png (the chart is a PNG image), found '{chart}'\n")
    assert not chart.parent.exists()


def test_a_chart_named_png_in_capitals_is_written(pristine_run, tmp_path, capsys):
    runs = copy_run(pristine_run, tmp_path)
    chart = tmp_path / "WATERFALL.PNG"
    assert main(["compare", "r1", "r1", "--runs-dir", str(runs), "--chart", str(chart)]) == 0
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("levels,found", [("[]", "an empty list"),
                                          ('["land", "land"]', "['land', 'land']")])
def test_scheme_levels_refused_show_what_was_written(tmp_path, capsys, levels, found):
    """`levels = []` and `levels = ["land", "land"]` were refused as "..., found list"."""
    metrics = SYNTHETIC_COVERAGE_METRICS
    folder = _coverage_folder(tmp_path / "d", metrics)
    path = folder / "scheme.toml"
    text = path.read_text(encoding="utf-8")
    assert 'levels = ["land", "province"]' in text
    path.write_text(text.replace('levels = ["land", "province"]', f"levels = {levels}"),
                    encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: {path}: key 'scheme.levels': expected a list of "
                          f"distinct level ids"), err
    assert err.endswith(f", found {found}\n"), err


# ------------------------------------------------------------ a runs folder's 'latest'


@pytest.mark.parametrize("make,what", [(lambda p: p.mkdir(), "a folder"),
                                       (lambda p: p.write_text("x"), "a file")])
def test_a_latest_that_is_not_a_link_is_named_as_what_it_is(tmp_path, make, what):
    """A regular file named latest beside the runs was called "a folder, not a link"."""
    from forecast.batch.runs import point_latest

    run = tmp_path / "20261130-120000-abcdef"
    run.mkdir()
    make(tmp_path / "latest")
    assert point_latest(run) == (f"{tmp_path / 'latest'} is {what}, not a link; the newest "
                                 f"run is {run.resolve()}")


# ------------------------------------------------------------ a run given by its path


@pytest.mark.parametrize("command", [["report"], ["verify"], ["compare"]])
def test_a_run_folders_path_given_as_its_id_says_how_to_write_it(pristine_run, tmp_path,
                                                                 capsys, command):
    """`forecast report reports/runs/2026...` (the path a batch printed) was refused as not
    a run id, with no word of --runs-dir."""
    runs = copy_run(pristine_run, tmp_path)
    assert main(command + [str(runs / "r1")] * (2 if command == ["compare"] else 1)) == 2
    assert one_line_error(capsys).endswith(
        f"found '{runs / 'r1'}' (a run folder's path: write --runs-dir {runs} r1)\n")


# ------------------------------------------------------------ a model named twice


def test_a_model_named_twice_is_run_and_listed_once(tiny_data_dir, tmp_path, capsys):
    """`--models linear,linear,ets` listed the linear trend twice under 'Each model alone',
    each with weight 0.5 (the weights summing to 1.5); batch recorded 'linear,linear'."""
    out = tmp_path / "r.json"
    assert main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "100", "--models",
                 "linear,linear,ets", "--output", str(out)]) == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    assert [m["name"] for m in results["targets"][0]["models"]] == ["linear", "ets"]
    assert results["generated_with"]["parameters"]["models"] == ["linear", "ets"]
    from forecast.batch.params import validate

    _, params = validate(regions="national", as_of=None, n_paths=100, seed=1,
                         models="linear, linear,ets", lang="en", jobs=1,
                         data_dir=tiny_data_dir, vintage="published", track_record=False)
    assert params.models == "linear,ets"


# ------------------------------------------------------------ millions of empty rows


def test_a_file_past_the_row_limit_is_refused_while_it_is_read(tiny_data_dir, capsys,
                                                                monkeypatch):
    """35 MB of empty rows (',,,,,,', five million of them) took 35 s and 1.7 GB of memory
    to be refused as "line 35: unknown region ''"; rows past the limit are refused as they
    are counted (the limit lowered here: the tiny file has 35 rows)."""
    import forecast.csvfile as csvfile

    monkeypatch.setattr(csvfile, "MAX_ROWS", 30)
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    assert one_line_error(capsys) == (
        f"forecast: error: {tiny_data_dir / 'observations.csv'}:32: expected at most 30 data "
        f"rows (the rows of every region, metric and date of a scheme), found more: this "
        f"line is row 31\n")


@pytest.mark.parametrize("name", ["observations.csv", "targets.csv"])
def test_the_row_limit_is_above_what_100_mb_of_real_rows_hold(name):
    # The oracle of the limit: the shortest row of the shipped data, repeated up to the
    # byte limit of a data file, is within the row limit.
    from forecast import config
    from forecast.csvfile import MAX_ROWS
    from forecast.safepath import MAX_INPUT_BYTES

    rows = (config.DATA_DIR / name).read_bytes().splitlines()[1:]
    shortest = min(len(r) for r in rows) + 1  # its line break
    assert MAX_INPUT_BYTES // shortest <= MAX_ROWS


def test_the_library_runs_a_model_named_twice_once():
    # The CLI's --models dropped the repeat; the library's run_region listed the linear
    # trend twice in each target's models table (and in the notebook's models parameter).
    from forecast.data import load_panel
    from forecast.results import run_region

    got = run_region(load_panel(), "national", n_paths=200,
                     models=["linear", "linear", "rw_drift"])
    assert [m["name"] for m in got["targets"][0]["models"]] == ["linear", "rw_drift"]
    assert got["generated_with"]["parameters"]["models"] == ["linear", "rw_drift"]
    text = run_region(load_panel(), "national", n_paths=200, models="linear,linear")
    assert [m["name"] for m in text["targets"][0]["models"]] == ["linear"]


def test_a_semicolon_file_with_an_optional_column_says_so(tmp_path, capsys):
    """The shipped targets.csv carries the optional denominator column: saved with
    semicolons it still got 'missing column(s) region, metric, ...; unexpected column(s)
    region;metric;...;denominator', as the check only knew the required columns."""
    import shutil

    from forecast import config

    data = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, data, ignore=shutil.ignore_patterns("raw", "curation"))
    path = data / "targets.csv"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0].endswith(",denominator")
    path.write_text(text.replace(",", ";"), encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(data)]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: {path}:1: expected columns separated by commas "), err
    assert "found them separated by semicolons" in err, err
