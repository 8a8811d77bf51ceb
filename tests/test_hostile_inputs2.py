"""Hostile inputs, second round: file contents, parameters and OS faults the first round
(test_hostile_inputs.py) did not reach. Each refusal is one line naming the file, row or
parameter, what was expected and what was found, exit code 2, and nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import make_data_dir, one_line_error
from forecast.cli import main


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ------------------------------------------------------------ markup in the data's words


MARKUP = "<img src=x onerror=alert(1)> & <b>bold</b>"


def test_markup_in_a_note_is_shown_as_text_in_the_notebook_html(tmp_path):
    """The region notebook's tables are exported to region_forecast.html: a note or name
    typed as HTML was inserted as markup (a script in a note ran in the reader's browser)."""
    from forecast.data import load_panel
    from forecast.styles import styled
    from forecast.tables import observations_table

    folder = make_data_dir(tmp_path / "data")
    _replace(folder / "observations.csv", "Aug survey", MARKUP)
    html = styled(observations_table(load_panel(folder), "national")).to_html()
    assert "<img" not in html and "<b>" not in html, html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html


# ------------------------------------------------------------ nesting deeper than Python recurses


DEEP_TOML = ["a = " + "[" * 100_000 + "]" * 100_000 + "\n",
             "a = " + "{b=" * 20_000 + "1" + "}" * 20_000 + "\n"]


@pytest.mark.parametrize("text", DEEP_TOML, ids=["lists", "tables"])
def test_a_scheme_toml_nested_past_the_recursion_limit_is_one_line(tiny_data_dir, capsys,
                                                                   text):
    """tomllib recurses once per level: it was a RecursionError traceback."""
    (tiny_data_dir / "scheme.toml").write_text(text, encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert f"{tiny_data_dir / 'scheme.toml'}: not valid TOML here: expected tables and " \
           "lists nested at most a few hundred levels deep, found deeper nesting" in err, err


def test_a_scenario_nested_past_the_recursion_limit_is_one_line(tiny_data_dir, tmp_path,
                                                                capsys):
    path = tmp_path / "scenario.toml"
    path.write_text(DEEP_TOML[0], encoding="utf-8")
    assert main(["run", "--data-dir", str(tiny_data_dir), "--scenario", str(path)]) == 2
    err = one_line_error(capsys)
    assert f"{path}: not valid TOML here" in err and "deeper nesting" in err, err


def test_a_manifest_nested_past_the_recursion_limit_is_one_line(tmp_path, capsys):
    run = tmp_path / "runs" / "20261129-120000-abcdef"
    run.mkdir(parents=True)
    (run / "manifest.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert main(["report", run.name, "--runs-dir", str(tmp_path / "runs")]) == 2
    err = one_line_error(capsys)
    assert f"{run / 'manifest.json'}: damaged: expected tables and lists nested" in err, err


# ------------------------------------------------------------ the date windows of scheme.toml

SHIPPED_SCHEME = (Path(__file__).parents[1] / "data" / "scheme.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("window,found", [
    ('target = ["1900-01-01", "9999-12-31"]', "['1900-01-01', '9999-12-31']"),  # pandas ends 2262
    ('observation = ["0001-01-01", "today"]', "['0001-01-01', 'today']"),
    ('target = ["1900-01-01", "2100-02-30"]', "['1900-01-01', '2100-02-30']"),  # no such day
    ('observation = ["today", "1900-01-01"]', "['today', '1900-01-01']"),  # last before first
])
def test_a_date_window_pandas_cannot_hold_is_named_in_scheme_toml(tiny_data_dir, capsys,
                                                                 window, found):
    """A window to 9999 let a target of 3000-12-31 through to an OutOfBoundsDatetime
    traceback; a reversed window with 'today' was blamed on the first observation."""
    kind = window.split(" ")[0]
    old = next(line for line in SHIPPED_SCHEME.splitlines() if line.startswith(kind + " ="))
    (tiny_data_dir / "scheme.toml").write_text(SHIPPED_SCHEME.replace(old, window),
                                               encoding="utf-8")
    _replace(tiny_data_dir / "targets.csv", "2026-12-31", "2100-02-28")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert f"scheme.toml: key 'dates.{kind}': expected [\"YYYY-MM-DD\", \"YYYY-MM-DD\" or " \
           f"\"today\"], days from 1678-01-01 to 2261-12-31, first before last, found {found}" \
        in err, err


def test_the_widest_date_window_runs(tiny_data_dir, capsys):
    (tiny_data_dir / "scheme.toml").write_text(SHIPPED_SCHEME.replace(
        'target = ["1900-01-01", "2100-12-31"]', 'target = ["1678-01-01", "2261-12-31"]'),
        encoding="utf-8")
    _replace(tiny_data_dir / "targets.csv", "2026-12-31", "2261-12-31")
    assert main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "100",
                 "--models", "linear", "--format", "json"]) == 0, capsys.readouterr().err


def test_as_of_takes_every_year_its_message_offers_when_data_start_before_1900(tiny_data_dir,
                                                                               capsys):
    """A scheme whose window starts in 1678 and data from 1750: --as-of 1751 was refused
    under 'expected a year from 1750 (the first observation's)'."""
    (tiny_data_dir / "scheme.toml").write_text(SHIPPED_SCHEME.replace(
        'observation = ["1900-01-01", "today"]', 'observation = ["1678-01-01", "today"]'),
        encoding="utf-8")
    _replace(tiny_data_dir / "observations.csv", "2014-12-31", "1750-12-31")
    _replace(tiny_data_dir / "observations.csv", "2015-12-31", "1751-12-31")
    for as_of in ("1751", "1751-12-31"):
        assert main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "100",
                     "--models", "linear", "--as-of", as_of, "--vintage", "date"]) == 0, \
            capsys.readouterr().err
    assert main(["run", "--data-dir", str(tiny_data_dir), "--as-of", "1749"]) == 2
    assert "expected a year from 1750 (the first observation's)" in one_line_error(capsys)


# ------------------------------------------------------------ an output that is an input


@pytest.mark.parametrize("name", ["observations.csv", "scheme.toml", "scenario.toml"])
def test_an_output_that_is_an_input_is_refused_before_it_is_replaced(tiny_data_dir, tmp_path,
                                                                     capsys, name):
    """`forecast run --output data/observations.csv` replaced the data with results.json."""
    scenario = tmp_path / "scenario.toml"
    scenario.write_bytes((Path(__file__).parents[1] / "data" / "scenarios" /
                          "hypothetical_informal_drive.toml").read_bytes())
    (tiny_data_dir / "scheme.toml").write_text(SHIPPED_SCHEME, encoding="utf-8")
    out = scenario if name == "scenario.toml" else tiny_data_dir / name
    before = {p: p.read_bytes() for p in [*tiny_data_dir.iterdir(), scenario]}
    assert main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "100", "--output",
                 str(out), "--scenario", str(scenario)]) == 2
    err = one_line_error(capsys)
    assert f"output: expected a file other than the command's inputs, found {out}, the " \
           f"input {out} (it would be replaced by the output)" in err, err
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "scenario.toml"]


def test_a_chart_that_is_an_input_is_refused(tiny_data_dir, capsys):
    chart = tiny_data_dir / "regions.csv"
    before = chart.read_bytes()
    assert main(["compare", "--as-of", "2022", "2023", "--data-dir", str(tiny_data_dir),
                 "--chart", str(chart)]) == 2
    assert "chart: expected a file other than the command's inputs" in one_line_error(capsys)
    assert chart.read_bytes() == before


def test_a_hard_link_to_an_input_is_the_input(tiny_data_dir, tmp_path, capsys):
    import os

    os.link(tiny_data_dir / "sources.csv", tmp_path / "results.json")
    assert main(["run", "--data-dir", str(tiny_data_dir), "--output",
                 str(tmp_path / "results.json")]) == 2
    assert f"the input {tiny_data_dir / 'sources.csv'}" in one_line_error(capsys)


# ------------------------------------------------------------ a region id nearly right


@pytest.mark.parametrize("typed,meant", [("East Province", "east-province"),  # its name
                                         ("NATIONAL", "national"),
                                         ("east_province", "east-province"),
                                         ("kanwil-eats", "kanwil-east")])
@pytest.mark.parametrize("command", ["run", "compare", "batch"])
def test_a_region_nearly_right_names_the_one_meant(tiny_data_dir, tmp_path, capsys, typed,
                                                   meant, command):
    """The list of valid choices stops at 12 (of the shipped 51): 'Jawa Barat' or
    'dki_jakarta' was refused without naming jawa-barat or dki-jakarta."""
    argv = {"run": ["run", "--region", typed],
            "compare": ["compare", "--as-of", "2022", "2023", "--region", typed],
            "batch": ["batch", "--regions", f"national,{typed}", "--runs-dir",
                      str(tmp_path / "runs")]}[command]
    assert main([*argv, "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert f"{typed!r} (did you mean {meant!r}?); valid choices: " in err, err
    assert not (tmp_path / "runs").exists()


def test_a_region_far_from_every_id_gets_no_guess(tiny_data_dir, capsys):
    assert main(["run", "--region", "atlantis", "--data-dir", str(tiny_data_dir)]) == 2
    assert "did you mean" not in one_line_error(capsys)


# ------------------------------------------------------------ more digits than Python reads


@pytest.mark.parametrize("argv,what", [(["run", "--seed"], "run: argument --seed"),
                                       (["run", "--n-paths"], "run: argument --n-paths"),
                                       (["batch", "--jobs"], "batch: argument --jobs")])
def test_a_whole_number_of_5000_digits_is_refused_by_its_size(tmp_path, capsys, argv, what):
    assert main([*argv, "9" * 5000, "--data-dir", str(tmp_path / "none")]) == 2
    err = one_line_error(capsys)
    assert f"{what}: expected" in err and "found a number of 5,000 digits" in err, err
    assert "invalid parse value" not in err and len(err) < 300, err


# ------------------------------------------------------------ the notebook's parameters


@pytest.fixture(scope="module")
def tiny_panel(tmp_path_factory):
    from forecast.data import load_panel

    return load_panel(make_data_dir(tmp_path_factory.mktemp("nb") / "data"))


@pytest.mark.parametrize("kwargs,piece", [
    ({"models": 5}, "models: expected model names such as ['linear', 'ets'] or "
                    "'linear,ets', found 5"),
    ({"scenario": 5}, "scenario: expected the path of a scenario TOML file, found 5"),
])
def test_a_notebook_parameter_of_the_wrong_type_is_one_line(tiny_panel, kwargs, piece):
    """papermill -p models 5 / -p scenario 5: a TypeError or AttributeError before."""
    from forecast.errors import ParameterError
    from forecast.results import run_region

    with pytest.raises(ParameterError, match=re.escape(piece)):
        run_region(tiny_panel, "national", n_paths=100, **kwargs)


def test_models_as_the_notebooks_text_is_read_as_the_cli_reads_it(tiny_panel):
    """run_region(models="linear") ran the models 'l', 'i', 'n', ... (refused)."""
    from forecast.results import run_region

    run = run_region(tiny_panel, "national", n_paths=100, models="linear, exponential")
    used = {m["name"] for t in run["targets"] for m in t["models"]}
    assert used == {"linear", "exponential"}, used


@pytest.mark.parametrize("folder", [5, "/tmp/a\0b"])
def test_an_output_or_data_dir_that_is_not_a_path_is_one_line(tiny_panel, folder):
    """The notebook's output_dir = 5 (TypeError), a NUL in a path (ValueError)."""
    from forecast.data import load_panel
    from forecast.errors import ParameterError
    from forecast.results import run_region, write_run

    run = run_region(tiny_panel, "national", n_paths=100, models=["linear"])
    with pytest.raises(ParameterError, match=r"^output_dir: expected a folder path, found "):
        write_run(run, folder)
    with pytest.raises(ParameterError, match=r"^data_dir: expected a folder path, found "):
        load_panel(folder)


# ------------------------------------------------------------ a '$' in the words of a chart


def test_a_dollar_in_a_scheme_label_is_drawn_not_parsed_as_mathtext(tiny_data_dir, tmp_path):
    """A metric label 'Active $\\undefinedcmd{x}$ participants' (scheme.toml) reached the
    fan chart's title: matplotlib parsed it as mathtext and raised at savefig, so the region
    notebook and its batch region failed."""
    from forecast.data import load_panel
    from forecast.results import run_region, write_run

    (tiny_data_dir / "scheme.toml").write_text(SHIPPED_SCHEME.replace(
        'en = "Active participants"', 'en = "Active $\\\\undefinedcmd{x}$ participants"'),
        encoding="utf-8")
    run = run_region(load_panel(tiny_data_dir), "national", n_paths=100, models=["linear"])
    written = write_run(run, tmp_path / "out")
    assert any(p.suffix == ".png" for p in written), written


# ------------------------------------------------------------ a cell of megabytes


@pytest.mark.parametrize("name,old", [("observations.csv", "end of Oct 2025 reading"),
                                      ("regions.csv", "East office")])
def test_a_cell_past_the_csv_field_limit_says_what_the_limit_is(tiny_data_dir, capsys, name,
                                                                old):
    """It said 'not a readable CSV (field larger than field limit (131072))'."""
    _replace(tiny_data_dir / name, old, "x" * 200_000)
    line = next(i for i, text in enumerate((tiny_data_dir / name).read_text(
        encoding="utf-8").splitlines(), 1) if "xxx" in text)
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert f"{name}:{line}: expected cells of at most 131,072 characters (notes of at most " \
           "2,000), found a longer one" in err, err


# ------------------------------------------------------------ a region marked ok without results


@pytest.mark.parametrize("how,found", [
    ("missing", "found no file of that name"),
    ("loop", "found a symbolic link that loops"),
])
def test_report_refuses_a_region_marked_ok_whose_results_are_gone(tiny_panel, tmp_path, capsys,
                                                                 how, found):
    """The summary PDF was rendered anyway and said 'national run failed: ok'."""
    import os

    run_dir = _hand_made_run(tiny_panel, tmp_path / "runs" / "20261129-120000-abcdef")
    results = run_dir / "national" / "results.json"
    results.unlink()
    if how == "loop":
        os.symlink("results.json", results)
    before = sorted(p.name for p in run_dir.rglob("*"))
    assert main(["report", run_dir.name, "--runs-dir", str(run_dir.parent)]) == 2
    err = one_line_error(capsys)
    assert f"{results}: expected the results of region 'national', which manifest.json marks " \
           f"ok, {found}" in err, err
    assert sorted(p.name for p in run_dir.rglob("*")) == before  # no PDF, no HTML


# ------------------------------------------------------------ an empty folder value


@pytest.mark.parametrize("argv", [["data", "check", "--data-dir"], ["run", "--data-dir"],
                                  ["batch", "--runs-dir"], ["init"],
                                  ["report", "20261129-120000-abcdef", "--runs-dir"],
                                  ["compare", "a", "b", "--runs-dir"], ["run", "--scenario"]])
def test_an_empty_folder_value_is_refused_not_read_as_the_current_folder(tmp_path, capsys,
                                                                         monkeypatch, argv):
    """`--data-dir "$UNSET"` was Path(''), the current folder: read as the data, or the
    batch's runs (and init's five files) written wherever the command was started."""
    monkeypatch.chdir(tmp_path)
    assert main([*argv, ""]) == 2
    err = one_line_error(capsys)
    assert "expected a path, found '' (an empty value)" in err, err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("folder,word", [("my data", "'my data'"), ("-data", "./-data"),
                                         ("it's", "'it'\"'\"'s'")])
def test_init_names_the_next_command_so_it_can_be_pasted(tmp_path, capsys, monkeypatch,
                                                         folder, word):
    """'forecast data check --data-dir my data' ran on 'my'; '--data-dir -data' was taken
    for an option."""
    monkeypatch.chdir(tmp_path)
    assert main(["init", f"./{folder}" if folder.startswith("-") else folder]) == 0
    out = capsys.readouterr().out
    assert f"`forecast data check --data-dir {word}`" in out, out
    assert main(["data", "check", "--data-dir", str(tmp_path / folder)]) == 0


# ------------------------------------------------------------ --previous latest


def _hand_made_run(panel, run_dir: Path) -> Path:
    """A run folder as ``forecast batch`` leaves it (the top region), without a batch."""
    import json

    from forecast.results import run_region, write_json

    write_json(run_region(panel, "national", n_paths=100, models=["linear"]),
               run_dir / "national" / "results.json")
    manifest = {"run_id": run_dir.name, "created": "2026-11-29T12:00:00+00:00",
                "data_hash": panel.data_hash,
                "parameters": {"as_of": "", "vintage": "published", "n_paths": 100, "seed": 5,
                               "models": "linear", "lang": "en",
                               "data_dir": str(panel.data_dir)},
                "regions": ["national"], "status": {"national": {"status": "ok"}}}
    (run_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return run_dir


def test_previous_latest_records_the_run_it_names_not_the_moving_link(tiny_panel, tmp_path):
    """The manifest kept 'previous_run': 'latest', a link the batch itself moves to the new
    run: its summary, and every later `forecast report`, compared the run with itself or
    with a later run."""
    import json
    import os

    pytest.importorskip("papermill")
    runs = tmp_path / "runs"
    earlier = _hand_made_run(tiny_panel, runs / "20261129-120000-abcdef")
    os.symlink(earlier.name, runs / "latest")
    assert main(["batch", "--data-dir", str(tiny_panel.data_dir), "--regions", "national",
                 "--n-paths", "100", "--models", "linear", "--no-track-record", "--runs-dir",
                 str(runs), "--previous", "latest"]) == 0
    new = Path(os.path.realpath(runs / "latest"))
    assert new != earlier
    manifest = json.loads((new / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["previous_run"] == earlier.name


# ------------------------------------------------------------ a runs folder that is not one


@pytest.mark.parametrize("argv", [["report", "20261129-120000-abcdef"],
                                  ["verify", "20261129-120000-abcdef"],
                                  ["compare", "20261129-120000-abcdef", "20261129-120000-abcdeg"],
                                  ["batch", "--resume", "20261129-120000-abcdef"]])
@pytest.mark.parametrize("what,found", [("file", "none ({runs} is a file, not a folder of runs)"),
                                        ("missing", "none (there is no folder {runs})")])
def test_a_runs_dir_that_is_a_file_or_missing_is_said_so(tmp_path, capsys, argv, what, found):
    """It said 'valid choices: (no runs yet)' of a file given as --runs-dir, or a typo."""
    runs = tmp_path / "runs"
    if what == "file":
        runs.write_text("x")
    assert main([*argv, "--runs-dir", str(runs)]) == 2
    err = one_line_error(capsys)
    assert f"valid choices: {found.format(runs=runs)}" in err, err


def test_the_notebooks_pass_models_as_written_so_the_library_checks_it():
    """`papermill -p models 5` failed inside the notebook's own `models.split(',')`
    (AttributeError); passed as written, the run refuses it in one line."""
    root = Path(__file__).parents[1] / "notebooks"
    for name in ("region_forecast.py", "explore.py"):
        text = (root / name).read_text(encoding="utf-8")
        assert "models.split" not in text and "models=models or None" in text, name


def test_ceilings_that_come_back_to_their_metric_are_refused(tiny_data_dir, capsys):
    """working_population capped by active_total, itself capped by working_population: the
    data check passed and the run bounded each by a projection of the other."""
    head = "[metrics.working_population]\nunit = \"persons\"\n"
    assert head in SHIPPED_SCHEME
    (tiny_data_dir / "scheme.toml").write_text(SHIPPED_SCHEME.replace(
        head, head + "ceiling = \"active_total\"\n"), encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert "scheme.toml: key 'metrics.active_total.ceiling': expected ceilings that end at a " \
           "metric without one, found 'active_total -> working_population -> active_total'" \
        in err, err


@pytest.mark.parametrize("target", ["manifest.json", "national/results.json",
                                    "the run's data"])
def test_a_compare_chart_over_a_runs_file_is_refused(tiny_panel, tmp_path, capsys, target):
    """`forecast compare A B --chart runs/A/manifest.json` replaced the run's manifest."""
    runs = tmp_path / "runs"
    run = _hand_made_run(tiny_panel, runs / "20261129-120000-abcdef")
    chart = (Path(tiny_panel.data_dir) / "observations.csv" if target == "the run's data"
             else run / target)
    before = chart.read_bytes()
    assert main(["compare", run.name, run.name, "--runs-dir", str(runs), "--chart",
                 str(chart)]) == 2
    err = one_line_error(capsys)
    assert f"chart: expected a file other than the command's inputs, found {chart}" in err, err
    assert chart.read_bytes() == before


def test_a_scheme_toml_linked_outside_the_data_folder_is_refused_as_the_csv_files_are(
        tiny_data_dir, tmp_path, capsys):
    """A CSV file linked to a file outside the folder was refused; scheme.toml was read."""
    outside = tmp_path / "elsewhere.toml"
    outside.write_text(SHIPPED_SCHEME, encoding="utf-8")
    (tiny_data_dir / "scheme.toml").symlink_to(outside)
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert f"scheme.toml: the file is a link to {outside}, outside the data folder" in err, err


@pytest.mark.parametrize("regions", ["all,national", "ALL", "national,All"])
def test_all_mixed_with_ids_is_refused_in_words_that_do_not_contradict(tiny_data_dir, tmp_path,
                                                                       capsys, regions):
    """It said "unknown region(s) 'all'; valid choices: all, national, ..."."""
    assert main(["batch", "--data-dir", str(tiny_data_dir), "--regions", regions,
                 "--runs-dir", str(tmp_path / "runs")]) == 2
    err = one_line_error(capsys)
    assert "regions: expected 'all' alone (in lower case) or comma-separated region ids, " \
           f"found {regions!r}" in err, err
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize("written,meant", [("712,3", "712.3"), ("41,56", "41.56")])
def test_an_indonesian_decimal_comma_is_named_as_one(tiny_data_dir, capsys, written, meant):
    """A quoted '712,3' (Rp712,3T as an Indonesian report writes it) got no hint."""
    _replace(tiny_data_dir / "observations.csv", "national,fund_investment,2023-12-31,712.3",
             f'national,fund_investment,2023-12-31,"{written}"')
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert f"found '{written}' (write a decimal point: {meant}, not {written})" in err, err


def test_a_region_id_too_long_for_a_folder_name_is_refused_by_the_data_check(tiny_data_dir,
                                                                             capsys):
    """A 300-letter id passed the check and `run`; the batch then failed at the region's
    folder (File name too long), left a run with it failed and ended in two lines."""
    long_id = "a" * 300
    _replace(tiny_data_dir / "regions.csv", "kanwil-east,East office", f"{long_id},East office")
    _replace(tiny_data_dir / "regions.csv", "province,kanwil-east", f"province,{long_id}")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert "regions.csv:3: column 'id': expected a lowercase slug of letters, digits and " \
           "single hyphens, at most 100 characters" in err and "(240 more characters)" in err
