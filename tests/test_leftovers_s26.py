"""A refusal names the option the user typed.

`forecast run --as-of 2030` said 'as_of: expected a year ...', `--region nope` 'region:
unknown region', `batch --resume nope` 'resume: no run': the names of the notebooks'
parameters, which the command line never shows. The checks are shared with the notebooks
(where 'as_of' is the name typed); the command line now says '--as-of', '--region', ..."""

import pytest

from conftest import one_line_error
from forecast.cli import build_parser, main
from forecast.data import check_as_of, load_panel
from forecast.errors import ParameterError


@pytest.mark.parametrize("argv,start", [
    (["run", "--as-of", "2300"], "--as-of: expected a year from 2014"),
    (["run", "--region", "nope"], "--region: unknown region 'nope'; valid choices: national"),
    (["run", "--scenario", "{tmp}/none.toml"], "--scenario: file not found: "),
    (["batch", "--regions", "nope"], "--regions: unknown region(s) 'nope'"),
    (["batch", "--resume", "nope"], "--resume: no run 'nope' in "),
    (["batch", "--previous", "nope"], "--previous: no run 'nope' in "),
    (["compare", "--as-of", "2300", "2024"], "--as-of: expected a year from 2014"),
    (["compare", "--as-of", "2024", "2020"], "--as-of: expected A the earlier date and B the "
                                             "later, found A 2024-12-31 after B 2020-12-31"),
])
def test_a_refused_value_is_named_by_its_option(tiny_data_dir, tmp_path, capsys, argv, start):
    argv = [a.format(tmp=tmp_path) for a in argv]
    extra = ["--runs-dir", str(tmp_path / "runs")] if argv[0] == "batch" else []
    assert main(argv + ["--data-dir", str(tiny_data_dir)] + extra) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: {start}"), err
    assert not (tmp_path / "runs").exists()  # refused before any run folder


def test_the_notebooks_and_the_library_keep_the_parameter_name(tiny_data_dir):
    # A notebook's parameter is typed as 'as_of': its refusal says so.
    with pytest.raises(ParameterError, match="^as_of: expected a year from 2014"):
        check_as_of(load_panel(tiny_data_dir), "2300")


def _renamed(argv, message):
    parser = build_parser()
    args, _ = parser.parse_known_args(argv)
    with pytest.raises(ParameterError) as caught, parser.as_typed(args):
        raise ParameterError(message)
    return str(caught.value)


def test_only_a_name_the_command_has_as_an_option_is_renamed():
    assert _renamed(["run"], "n_paths: expected x") == "--n-paths: expected x"
    assert _renamed(["batch"], "runs-dir: expected x") == "--runs-dir: expected x"
    assert _renamed(["data", "check"], "data_dir: expected x") == "--data-dir: expected x"
    # 'report' has no --seed, and no option is named 'RUN_ID' or 'questions'.
    assert _renamed(["report", "r1"], "seed: expected x") == "seed: expected x"
    assert _renamed(["report", "r1"], "RUN_ID: no run") == "RUN_ID: no run"
    assert _renamed(["run"], "questions: expected x") == "questions: expected x"
    assert _renamed(["run"], "a sentence without a name") == "a sentence without a name"


# ------------------------------------------------------------ a resumed run's own parameters
# `forecast batch --resume R --n-paths 200` on a run of 100 paths went on with 100, and
# `--lang id` rendered English, each without a word: the run keeps its own parameters.


@pytest.fixture
def resumable(tmp_path):
    from conftest import pristine_run_folder

    run_dir = pristine_run_folder(tmp_path)  # national, 100 paths, seed 5, linear, en
    return run_dir


@pytest.mark.parametrize("option,value,said", [
    ("--n-paths", "200", "'100', found '200'"),
    ("--seed", "6", "'5', found '6'"),
    ("--models", "ets", "'linear', found 'ets'"),
    ("--lang", "id", "'en', found 'id'"),
    ("--as-of", "2020", "'all data', found '2020'"),
    ("--vintage", "date", "'published', found 'date'"),
    ("--regions", "all", "'national', found 'all'"),
    ("--data-dir", "{other}", "'{data}', found '{other}'"),
])
def test_a_resumed_run_refuses_another_value_of_its_parameters(resumable, tmp_path, capsys,
                                                               option, value, said):
    from conftest import make_data_dir

    other = make_data_dir(tmp_path / "other")
    manifest = (resumable / "manifest.json").read_bytes()
    value, said = (t.format(other=other, data=tmp_path / "data") for t in (value, said))
    assert main(["batch", "--resume", "r1", "--runs-dir", str(resumable.parent),
                 option, value]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: {option}: run r1 was started with {said}; a "
                          f"resumed run keeps its own"), err
    assert (resumable / "manifest.json").read_bytes() == manifest  # nothing rerun
    assert not (resumable / "run.lock").exists()


def test_a_resumed_run_takes_its_own_values_given_again(resumable, tmp_path):
    from forecast.batch import run_batch

    data = tmp_path / "data"
    asked = {"n_paths": 100, "seed": 5, "models": "linear", "lang": "en", "vintage":
             "published", "regions": "national", "data_dir": str(data / ".." / "data")}
    manifest = run_batch(resume="r1", runs_dir=resumable.parent, jobs=1, asked=asked)
    assert manifest["summary"]["ok"] == 1 and manifest["summary"]["failed"] == []


def test_the_command_line_passes_only_the_options_typed():
    args, _ = build_parser().parse_known_args(["batch", "--resume", "r1", "--n-paths", "100",
                                               "--jobs", "1"])
    assert args.typed == {"resume": "r1", "n_paths": 100, "jobs": 1}
    assert args.seed is not None and "seed" not in args.typed  # a default is not typed


def test_a_resumed_run_with_a_track_record_refuses_to_drop_it(resumable, tmp_path):
    import json

    from forecast.batch import run_batch

    path = resumable / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["parameters"]["track_record"] = True
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ParameterError, match="^track_record: run r1 was started with a track "
                                             "record; a resumed run keeps its own"):
        run_batch(resume="r1", runs_dir=resumable.parent, jobs=1, track_record=False)


# ------------------------------------------------------------ the scheme behind a data error


def _drop_rows(path, first_cell):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(l for l in lines if not l.startswith(first_cell + ",")),
                    encoding="utf-8")


def test_a_missing_top_region_row_is_named_not_its_children_called_orphans(tmp_path, capsys):
    # 'east-county ... column parent: expected a region id of this file, found northland'
    # blamed the child for the missing row of the scheme's top region.
    import shutil
    from pathlib import Path

    folder = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "data" / "example_scheme", folder)
    _drop_rows(folder / "regions.csv", "northland")
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    assert one_line_error(capsys) == (
        f"forecast: error: {folder / 'regions.csv'}: expected a row for the top region "
        f"'northland' (scheme.top_region of scheme.toml), found none; add it or change "
        f"scheme.top_region\n")


@pytest.mark.parametrize("file,old,new,said", [
    ("regions.csv", "east-province,East Province,province,",
     "east-province,East Province,county,", "unknown region level 'county'"),
    ("observations.csv", "national,active_total,2015-12-31,",
     "national,members,2015-12-31,", "unknown metric 'members'"),
    ("regions.csv", "national,Testland,national,,00", "nation,Testland,national,,00",
     "expected a row for the top region 'national', found none"),
])
def test_a_folder_without_scheme_toml_is_told_whose_vocabulary_it_was_checked_by(
        tiny_data_dir, capsys, file, old, new, said):
    # A folder of another scheme without scheme.toml: 'unknown region level country; valid
    # choices: national, kanwil, ...' blamed regions.csv and said nothing of the scheme.
    path = tiny_data_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new)
    if new.startswith("nation,"):  # its children name the new id: only the row is missing
        text = text.replace(",national,\n", ",nation,\n")
    path.write_text(text, encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert said in err, err
    assert err.endswith(f"({tiny_data_dir} has no scheme.toml, so the shipped scheme's apply, "
                        f"BPJS Ketenagakerjaan's; `forecast init NEWDIR` writes a scheme.toml "
                        f"to start from)\n"), err


def test_a_folder_with_scheme_toml_is_not_told_of_the_shipped_one(tmp_path, capsys):
    import shutil
    from pathlib import Path

    folder = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "data" / "example_scheme", folder)
    path = folder / "regions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",county,", ",regency,", 1),
                    encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    err = one_line_error(capsys)
    assert "unknown region level 'regency'; valid choices: country, county, municipality\n" \
        in err and "shipped" not in err, err


def test_a_coverage_unit_whose_max_is_not_100_names_the_max(tmp_path, capsys):
    # 'metrics.coverage_rate.unit: expected a percent unit (max = 100), found share' sent
    # the reader to the metric, whose unit was right; the unit's max was the slip.
    import shutil
    from pathlib import Path

    folder = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "data" / "example_scheme", folder)
    toml = folder / "scheme.toml"
    text = toml.read_text(encoding="utf-8")
    assert "[units.share]\nmax = 100\n" in text
    toml.write_text(text.replace("[units.share]\nmax = 100\n", "[units.share]\nmax = 200\n"),
                    encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    assert one_line_error(capsys) == (
        f"forecast: error: {toml}: key 'metrics.coverage_rate.unit': expected a percent unit "
        f"(max = 100) for a coverage metric, found 'share', whose units.share.max is 200\n")


@pytest.mark.parametrize("entry,warned", [
    ('{ metric = "members", year = 2030 }',
     "members due in 2030 is no target of the top region northland in targets.csv "
     "(4,000,000 due 2027-12-31)"),
    ('{ metric = "members", year = 2027, value = 5000000 }',
     "members due in 2027 of 5,000,000 is no target of the top region northland"),
    ('{ metric = "residents", year = 2027 }',
     "residents due in 2027 is no target of the top region northland in targets.csv "
     "(it has no residents target)"),
    ('{ metric = "members", year = 2027 }', None),
    ('{ metric = "members", year = 2027, value = 4000000 }', None),
])
def test_a_headline_entry_naming_no_target_is_warned_of(tmp_path, capsys, entry, warned):
    # The summary leads with the headline targets; one naming no target was dropped from
    # it, and data check said 0 warnings.
    import shutil
    from pathlib import Path

    folder = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "data" / "example_scheme", folder)
    toml = folder / "scheme.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('top_region = "northland"\n',
                                 f'top_region = "northland"\nheadline = [{entry}]\n', 1),
                    encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if ": warning: " in line]
    if warned is None:
        assert lines == [] and "\n0 warnings" in out, out
    else:
        assert len(lines) == 1 and lines[0].startswith(
            f"{folder / 'scheme.toml'}: warning: key 'scheme.headline[1]': "), out
        assert warned in lines[0], lines[0]


def test_a_second_region_without_a_parent_is_warned_of(tmp_path, capsys):
    import shutil
    from pathlib import Path

    folder = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "data" / "example_scheme", folder)
    with open(folder / "regions.csv", "a", encoding="utf-8") as f:
        f.write("islands,Islands,county,\n")
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    warned = [line for line in capsys.readouterr().out.splitlines() if ": warning: " in line]
    assert warned == [f"{folder / 'regions.csv'}:6: warning: region islands has no parent; "
                      f"expected a parent for every region but the top region northland (a "
                      f"region is placed in its tree by its parent: a parent left out, or a "
                      f"second root?)"], warned


# ------------------------------------------------------------ a full disk stops the batch
# A full disk while a notebook wrote its charts or results.json failed that region (exit 1,
# "N of M regions failed") and the batch went on to fail every other region the same way.
# It is an OS fault of the run: one line naming the file, exit 2, the run resumable.


def _template_that_fills_the_disk(tmp_path, code: int):
    from test_batch import template_with

    return template_with(tmp_path, f"import os\nraise OSError({code}, os.strerror({code}), "
                                   f"'/full/results.json')")


@pytest.mark.slow
def test_a_full_disk_in_a_notebook_stops_the_batch_resumable(tiny_data_dir, tmp_path):
    import errno
    import json

    from forecast.batch import run_batch

    runs = tmp_path / "runs"
    with pytest.raises(OSError) as caught:
        run_batch(regions="all", data_dir=tiny_data_dir, runs_dir=runs, n_paths=100, jobs=1,
                  track_record=False, template=_template_that_fills_the_disk(
                      tmp_path, errno.ENOSPC))
    assert (caught.value.errno, caught.value.filename) == (errno.ENOSPC, "/full/results.json")
    run_dir = next(runs.iterdir())
    assert caught.value.resume.endswith(f"`forecast batch --resume {run_dir.name} --runs-dir "
                                        f"{runs}` completes it"), caught.value.resume
    status = json.loads((run_dir / "manifest.json").read_text())["status"]
    assert all(s["status"] == "pending" for s in status.values()), status  # none 'failed'
    manifest = run_batch(resume=run_dir.name, runs_dir=runs, jobs=1)  # space is freed
    assert manifest["summary"]["failed"] == []


def test_only_a_full_or_read_only_disk_is_the_runs_fault():
    import errno

    from papermill.exceptions import PapermillExecutionError

    from forecast.batch.engine import disk_fault

    def raised(ename, evalue):
        return PapermillExecutionError(3, 3, "save()", ename, evalue, [])

    fault = disk_fault(raised("OSError", "[Errno 30] Read-only file system: '/r/a.png'"))
    assert (fault.errno, fault.strerror, fault.filename) == (
        errno.EROFS, "Read-only file system", "/r/a.png")
    assert disk_fault(raised("OSError", "[Errno 28] No space left on device")).errno == 28
    assert disk_fault(raised("PermissionError", "[Errno 13] Permission denied: 'x'")) is None
    assert disk_fault(raised("ValueError", "[Errno 28] made up")) is None
    assert disk_fault(raised("OSError", "no errno here")) is None
    assert disk_fault(OSError(errno.EDQUOT, "Disk quota exceeded")).errno == errno.EDQUOT
    assert disk_fault(OSError(errno.ENOENT, "No such file")) is None
    assert disk_fault(RuntimeError("forced")) is None


# ------------------------------------------------------------ a target restated later
# As known at mid-2024, a target stated in 2023 and restated in October 2024 was left out
# whole (the data keeps the latest statement; the cut then dropped it): neither assessed
# nor listed as not assessed. The statement known then stands in.


def _restated(tmp_path, restated_value: str):
    import shutil
    from pathlib import Path

    folder = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "data" / "example_scheme", folder)
    sources = folder / "sources.csv"  # the readings count from their own dates
    text = sources.read_text(encoding="utf-8")
    assert 'test data)",,2025-03' in text
    sources.write_text(text.replace('test data)",,2025-03', 'test data)",,'), encoding="utf-8")
    targets = folder / "targets.csv"
    text = targets.read_text(encoding="utf-8")
    old = "northland,members,2027-12-31,4000000,people,fict-plan-2024,"
    assert old in text
    targets.write_text(text.replace(old, old.replace("4000000", restated_value)),
                       encoding="utf-8")
    return folder


def _json_run(capsys, folder, *extra):
    import json

    assert main(["run", "--data-dir", str(folder), "--n-paths", "200", "--format", "json",
                 *extra]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("restated", ["4000000", "4200000"])
def test_a_target_restated_after_the_as_of_is_read_from_its_statement_then(tmp_path, capsys,
                                                                           restated):
    folder = _restated(tmp_path, restated)
    then = _json_run(capsys, folder, "--as-of", "2024-06-30")
    members = [t for t in then["targets"] if t["metric"] == "members"]
    assert [(t["target_value"], t["target_source_id"], t["other_sources"]) for t in members] == [
        (4_000_000.0, "fict-plan-2023", [])], members  # the 2024 restatement is not known
    assert then["targets_stated_later"] == 0
    now = _json_run(capsys, folder)
    members = [t for t in now["targets"] if t["metric"] == "members"]
    assert [(t["target_value"], t["target_source_id"]) for t in members] == [
        (float(restated), "fict-plan-2024")]
    assert [o["source_id"] for o in members[0]["other_sources"]] == ["fict-plan-2023"]


def test_a_target_stated_after_the_as_of_stays_out(tmp_path, capsys):
    folder = _restated(tmp_path, "4000000")
    then = _json_run(capsys, folder, "--as-of", "2023-03-31")  # before the 2023 plan
    assert [t["metric"] for t in then["targets"]] == []
    assert then["targets_stated_later"] == 3


# ------------------------------------------------------------ coverage targets the run skips


def _example(tmp_path):
    import shutil
    from pathlib import Path

    folder = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "data" / "example_scheme", folder)
    return folder


def _warnings(capsys, folder):
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    return [line for line in capsys.readouterr().out.splitlines() if ": warning: " in line]


def test_a_coverage_target_no_reading_is_on_the_base_of_is_warned_of(tmp_path, capsys):
    # data check said 0 warnings; the run said 'Not assessed: ... the readings are on no
    # stated base'. data check now says what the run will.
    folder = _example(tmp_path)
    path = folder / "observations.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count("FICTIONAL test value,residents") == 2
    path.write_text(text.replace("FICTIONAL test value,residents", "FICTIONAL test value,"),
                    encoding="utf-8")
    assert _warnings(capsys, folder) == [
        f"{folder / 'targets.csv'}:4: warning: northland coverage_rate target 2028-12-31: "
        f"coverage target on the residents base; the readings are on no stated base: "
        f"percentages of different bases are not compared; expected a reading on the "
        f"target's base (the run does not assess it otherwise)"]
    assert main(["run", "--data-dir", str(folder), "--n-paths", "200"]) == 0
    out = capsys.readouterr().out
    assert "Not assessed:\n  Population coverage by 2028-12-31: coverage target on the " \
           "residents base; the readings are on no stated base" in out, out


def test_statements_of_one_target_on_two_bases_are_named_as_such(tmp_path, capsys):
    # 'fict-plan-2024 states 50, fict-plan-2023 states 80; the first is used': two targets
    # on different bases (80 % of residents, 50 % of the labour force), read as one.
    folder = _example(tmp_path)
    toml = folder / "scheme.toml"
    text = toml.read_text(encoding="utf-8")
    assert 'denominators = ["residents"]' in text
    toml.write_text(text.replace('denominators = ["residents"]',
                                 'denominators = ["residents", "labour_force"]'),
                    encoding="utf-8")
    with open(folder / "targets.csv", "a", encoding="utf-8") as f:
        f.write("northland,coverage_rate,2028-12-31,50,share,fict-plan-2024,x,labour_force\n")
    warned = _warnings(capsys, folder)
    # The one read (the latest published) has no reading on its base: said as above.
    assert len(warned) == 2 and warned[1].startswith(
        f"{folder / 'targets.csv'}:9: warning: northland coverage_rate target 2028-12-31: "
        f"coverage target on the labour force base; the readings are on residents"), warned
    assert warned[:1] == [
        f"{folder / 'targets.csv'}:4: warning: northland coverage_rate 2028-12-31: stated on "
        f"different bases (80 on residents (fict-plan-2023); 50 on labour_force "
        f"(fict-plan-2024)); expected one base per region, metric and date (the statements "
        f"are read as one target, the latest published: a target on another base is not "
        f"assessed)"]


def test_a_target_of_0_is_warned_of(tmp_path, capsys):
    # 'Reserve fund >= 0.0 EUR million ... Probability >99.9%': data check said nothing.
    folder = _example(tmp_path)
    path = folder / "targets.csv"
    text = path.read_text(encoding="utf-8")
    assert ",1700,EUR_million," in text
    path.write_text(text.replace(",1700,EUR_million,", ",0,EUR_million,"), encoding="utf-8")
    assert _warnings(capsys, folder) == [
        f"{path}:5: warning: northland reserve_fund target 2027-12-31: 0 is a target any "
        f"reading meets; expected the scale of the readings (a value in another unit or "
        f"scale?)"]


# ------------------------------------------------------------ a manifest's as-of, a real day


@pytest.mark.parametrize("as_of", ["2023-13-45", "2023-02-30", "0000-00-00", "9999-12-31"])
def test_a_manifest_as_of_that_is_no_day_is_refused_before_any_report(resumable, capsys,
                                                                      as_of):
    # '2023-13-45' stopped `forecast report` with an IndexError traceback after the
    # regions' PDFs were written; '2023-02-30' was printed as 'Data as of 30 February'.
    import json

    path = resumable / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["parameters"]["as_of"] = as_of
    path.write_text(json.dumps(manifest), encoding="utf-8")
    for command in (["report", "r1"], ["verify", "r1"]):
        assert main([*command, "--runs-dir", str(resumable.parent)]) == 2
        assert one_line_error(capsys) == (
            f"forecast: error: {path}: field 'parameters.as_of': expected a calendar date "
            f"YYYY-MM-DD up to this year, or empty text, found '{as_of}'\n")
    assert not list(resumable.rglob("*.pdf")) and not list(resumable.rglob("*.html"))


# ------------------------------------------------------------ a summary without its top region


@pytest.mark.slow
@pytest.mark.skipif(__import__("shutil").which("pdftotext") is None,
                    reason="needs poppler's pdftotext")
def test_a_summary_without_the_top_region_says_so(tiny_data_dir, tmp_path, capsys):
    # 'Verdicts: national / No target of this region can be assessed.': the top region has
    # targets; it was not among the regions run.
    import subprocess

    runs = tmp_path / "runs"
    assert main(["batch", "--data-dir", str(tiny_data_dir), "--regions", "east-province",
                 "--n-paths", "100", "--no-track-record", "--jobs", "1", "--runs-dir",
                 str(runs)]) == 0
    run_dir = next(p for p in runs.iterdir() if not p.is_symlink())
    for lang, said in (("en", "The top region (national) is not in this run: a batch "
                              "assesses its targets only when it is among the regions it "
                              "runs."),
                       ("id", "Wilayah teratas (national) tidak termasuk dalam run ini")):
        if lang == "id":
            assert main(["report", run_dir.name, "--runs-dir", str(runs), "--lang", "id"]) == 0
        text = subprocess.run(["pdftotext", str(run_dir / f"summary_{lang}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert said in " ".join(text.split()), text[:600]
        assert "No target of this region can be assessed" not in text


# ------------------------------------------------------------ compare: what it reads


@pytest.fixture
def two_runs(tmp_path):
    import json
    import shutil

    from conftest import pristine_run_folder

    r1 = pristine_run_folder(tmp_path)  # national, all data, made 2026-11-29
    r2 = r1.parent / "r2"
    shutil.copytree(r1, r2)
    manifest = json.loads((r2 / "manifest.json").read_text(encoding="utf-8"))
    manifest.update(run_id="r2", created="2026-11-30T12:00:00+00:00")
    (r2 / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return r1.parent


@pytest.mark.parametrize("option,value", [("--n-paths", "500"), ("--seed", "7"),
                                          ("--vintage", "date"), ("--data-dir", "{data}")])
def test_compare_of_runs_refuses_an_option_it_does_not_read(two_runs, capsys, option, value):
    # Each was accepted and changed nothing: runs are compared with their own.
    value = value.format(data=two_runs.parent / "data")
    assert main(["compare", "r1", "r2", "--runs-dir", str(two_runs), option, value]) == 2
    assert one_line_error(capsys) == (
        f"forecast: error: {option}: expected only with --as-of, found it with run ids (runs "
        f"are compared with their own paths, seed, vintage and data folder, as their "
        f"manifests record them); leave it out\n")


def test_compare_of_dates_refuses_a_runs_folder(two_runs, capsys):
    assert main(["compare", "--as-of", "2023", "2024", "--data-dir",
                 str(two_runs.parent / "data"), "--runs-dir", str(two_runs)]) == 2
    assert one_line_error(capsys) == (
        "forecast: error: --runs-dir: expected only without --as-of, found it with two dates "
        "(two dates read no run); leave it out\n")


def test_compare_of_runs_refuses_a_region_they_did_not_run(two_runs, capsys):
    # Compared anyway, recomputed from the data and labelled 'run r1'; verify refused it.
    assert main(["compare", "r1", "r2", "--runs-dir", str(two_runs), "--region",
                 "east-province"]) == 2
    assert one_line_error(capsys) == (
        "forecast: error: --region: 'east-province' is not in run r1 (two runs are compared "
        "on a region both ran); valid choices: national\n")


def test_compare_of_runs_refuses_the_later_run_first(two_runs, capsys):
    # Two dates in this order were refused ('swap them'); two runs gave a 'new
    # observations' step that removed observations.
    import json

    path = two_runs / "r2" / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["parameters"]["as_of"] = "2020-12-31"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    assert main(["compare", "r1", "r2", "--runs-dir", str(two_runs)]) == 2
    assert one_line_error(capsys) == (
        "forecast: error: A: expected the earlier run first, found run r1 (all data on "
        "2026-11-29) after run r2 (as of 2020-12-31); swap them\n")


def test_a_manifest_status_forecast_never_writes_is_refused(resumable, capsys):
    import json

    path = resumable / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["status"]["national"]["status"] = "banana"  # was reported as a result
    path.write_text(json.dumps(manifest), encoding="utf-8")
    assert main(["report", "r1", "--runs-dir", str(resumable.parent)]) == 2
    assert one_line_error(capsys) == (
        f"forecast: error: {path}: field 'status.national.status': expected one of pending, "
        f"ok, failed, found 'banana'\n")


@pytest.mark.parametrize("command", [["verify", "r1"], ["compare", "r1", "r1"],
                                     ["batch", "--resume", "r1"]])
def test_a_run_whose_data_folder_is_gone_names_the_manifest_field(resumable, tmp_path,
                                                                  capsys, command):
    # '.../data: data directory not found' named neither the manifest nor its field.
    import shutil

    shutil.rmtree(tmp_path / "data")
    assert main([*command, "--runs-dir", str(resumable.parent)]) == 2
    assert one_line_error(capsys) == (
        f"forecast: error: {resumable / 'manifest.json'}: field 'parameters.data_dir': "
        f"{tmp_path / 'data'}: data directory not found; expected a folder with "
        f"observations.csv, targets.csv, regions.csv and sources.csv (the run's data folder, "
        f"moved or deleted since?)\n")
