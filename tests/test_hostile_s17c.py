"""Input handling of the seventeenth round (third part): the library as a notebook calls it,
with arguments of the wrong type or shape: one ParameterError naming the argument, what was
expected and what was found, before any work; never an AttributeError, KeyError or TypeError
from deep inside pandas.

The data folder is conftest.py's SYNTHETIC tiny folder. Each oracle is the input itself.
"""

from __future__ import annotations

import pandas as pd
import pytest

from forecast import tables
from forecast.data import load_panel, select
from forecast.errors import ParameterError
from forecast.run import run_region


@pytest.fixture
def panel(tiny_data_dir):
    return load_panel(tiny_data_dir)


def _one_line(exc) -> str:
    text = str(exc.value)
    assert "\n" not in text and "Traceback" not in text
    return text


@pytest.mark.parametrize("bad", [None, "data", 5])
def test_a_panel_that_is_not_loaded_data_is_named(bad):
    with pytest.raises(ParameterError) as exc:
        run_region(bad, "national", n_paths=100, models=["linear"])
    text = _one_line(exc)
    assert text.startswith("panel: expected") and "load_panel" in text
    assert type(bad).__name__ in text


def test_a_panel_that_is_not_loaded_data_is_named_by_select():
    with pytest.raises(ParameterError, match=r"^panel: expected .*found str 'data'"):
        select("data", "national", "coverage_pct")


@pytest.mark.parametrize("bad", [["coverage_pct"], {"coverage_pct": 1}])
def test_a_metric_of_the_wrong_type_is_named(panel, bad):
    with pytest.raises(ParameterError, match=r"^metric: unknown metric"):
        select(panel, "national", bad)


@pytest.mark.parametrize("bad, field", [
    ("2030-12-31", "questions: expected a list"),
    ({"metric": "active_total"}, "questions: expected a list"),
    ([1], r"questions\[0\]: expected"),
    ([{"metric": "active_total", "value": 5}], r"questions\[0\]\.date: expected a date"),
    ([{"metric": "active_total", "date": "2030-13-45", "value": 5}], r"questions\[0\]\.date"),
    ([{"date": "2030-12-31", "value": 5}], r"questions\[0\]\.metric: expected a metric id"),
    ([{"metric": "active_total", "date": "2030-12-31", "value": "many"}],
     r"questions\[0\]\.value: expected a finite number, found str 'many'"),
    ([{"metric": "active_total", "date": "2030-12-31", "value": float("nan")}],
     r"questions\[0\]\.value: expected a finite number"),
])
def test_malformed_questions_are_refused_before_the_run(panel, bad, field, monkeypatch):
    import forecast.run as run

    def no_work(*a, **k):  # the check comes before any projection
        raise AssertionError("the run started")

    monkeypatch.setattr(run, "_start", no_work)
    with pytest.raises(ParameterError, match=field):
        run_region(panel, "national", n_paths=100, models=["linear"], questions=bad)


def test_an_as_of_with_a_time_zone_is_its_day(panel):
    naive = run_region(panel, "national", n_paths=100, models=["linear"],
                       as_of=pd.Timestamp("2021-12-31"))
    aware = run_region(panel, "national", n_paths=100, models=["linear"],
                       as_of=pd.Timestamp("2021-12-31", tz="Asia/Jakarta"))
    assert aware["as_of"] == naive["as_of"] is not None
    assert [t["probability"] for t in aware["targets"]] == \
        [t["probability"] for t in naive["targets"]]


TABLES = [tables.reachability_table, tables.models_table, tables.base_year_table,
          tables.quality_table]


@pytest.mark.parametrize("table", TABLES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad", [None, "results.json", ["national"]])
def test_a_table_of_something_not_results_names_results(table, bad):
    with pytest.raises(ParameterError) as exc:
        table(bad)
    text = _one_line(exc)
    assert text.startswith("results: expected the results.json object")
    assert type(bad).__name__ in text


@pytest.mark.parametrize("table", TABLES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad", [{}, {"targets": "none", "skipped": []},
                                 {"targets": [1], "skipped": []}])
def test_a_table_of_results_without_targets_names_the_field(table, bad):
    with pytest.raises(ParameterError, match=r"^results\['targets'\]: expected a list of "
                                             r"objects"):
        table(bad)


def test_quality_table_names_a_skipped_list_that_is_not_one():
    with pytest.raises(ParameterError, match=r"^results\['skipped'\]: expected a list"):
        tables.quality_table({"targets": [], "skipped": "none"})


@pytest.mark.parametrize("bad", [5, ["reports/runs"], "a\0b"])
def test_newest_run_names_a_runs_dir_that_is_not_a_path(bad):
    with pytest.raises(ParameterError, match=r"^runs_dir: expected a folder path"):
        tables.newest_run(bad)


# ------------------------------------------------------------------- the what-if's arguments


@pytest.fixture(scope="module")
def whatif_ctx():
    """The shipped data's national context (the what-if moves the shipped scheme only)."""
    from forecast.run import national_context

    return national_context(load_panel(), n_paths=100, models=["linear"])


@pytest.mark.parametrize("bad", [None, "national", {"total": 1}])
def test_what_if_without_a_context_names_ctx(bad):
    from forecast.whatif import what_if

    with pytest.raises(ParameterError) as exc:
        what_if(bad, extra_monthly=1000)
    assert _one_line(exc).startswith("ctx: expected the context of "
                                     "forecast.run.national_context")


def test_what_if_table_of_something_not_a_context_names_ctx():
    from forecast.whatif import what_if_table

    with pytest.raises(ParameterError, match=r"^ctx: expected .* found str 'x'"):
        what_if_table("x")


@pytest.mark.parametrize("bad, said", [
    ("250000", r"^extra_monthly: expected a list of numbers .* found str '250000'"),
    (250000, r"^extra_monthly: expected a list of numbers .* found int 250000"),
    (None, r"^extra_monthly: expected a list of numbers"),
    ([0, "many"], r"^extra_monthly\[1\]: expected a finite number, found str 'many'"),
    ([0, float("nan")], r"^extra_monthly\[1\]: expected a finite number"),
])
def test_what_if_table_levels_not_a_list_of_numbers_are_named(whatif_ctx, bad, said):
    # "250000" was read as the levels 2, 5, 0, 0, 0, 0: a table of the wrong question
    from forecast.whatif import what_if_table

    with pytest.raises(ParameterError, match=said):
        what_if_table(whatif_ctx, extra_monthly=bad)


@pytest.mark.parametrize("bad", [None, ["active_pu"], 5])
def test_what_if_segment_not_text_is_named(whatif_ctx, bad):
    from forecast.whatif import what_if

    with pytest.raises(ParameterError, match=r"^segment: expected one of active_total"):
        what_if(whatif_ctx, extra_monthly=1000, segment=bad)


@pytest.mark.parametrize("kw, said", [({"step": 0}, "step"), ({"step": -5}, "step"),
                                      ({"max_monthly": "x"}, "max_monthly"),
                                      ({"max_monthly": 2.5}, "max_monthly")])
def test_interactive_slider_range_is_checked(whatif_ctx, kw, said):
    pytest.importorskip("ipywidgets")
    from forecast.whatif import interactive

    with pytest.raises(ParameterError, match=rf"^{said}: expected an integer of at least 1"):
        interactive(whatif_ctx, **kw)


# ------------------------------------------- every run argument checked before the run's work


def _no_work(monkeypatch):
    import forecast.run as run

    def refuse(*a, **k):
        raise AssertionError("the targets' work started before the arguments were checked")

    monkeypatch.setattr(run, "assess_targets", refuse)


@pytest.mark.parametrize("kw, said", [
    ({"models": ["linear", "nope"]}, r"^models: unknown model\(s\) 'nope'; valid choices"),
    ({"models": [None]}, r"^models: unknown model\(s\) None"),
    ({"models": "linear,nope"}, r"^models: unknown model\(s\) 'nope'"),
    ({"scenario": "/nonexistent/s.toml"}, r"^scenario: file not found"),
    ({"scenario": 5}, r"^scenario: expected the path of a scenario TOML file, found 5"),
])
def test_models_and_scenario_are_refused_before_the_targets_work(panel, monkeypatch, kw, said):
    _no_work(monkeypatch)
    with pytest.raises(ParameterError, match=said):
        run_region(panel, "national", n_paths=100, **kw)


def test_a_scenario_on_a_region_is_refused_before_the_targets_work(panel, tmp_path,
                                                                   monkeypatch):
    toml = tmp_path / "s.toml"
    toml.write_text('name = "made up"\n[adjustments]\ninvestment_return = 0.05\n',
                    encoding="utf-8")
    _no_work(monkeypatch)
    region = [r for r in panel.region_ids if r != "national"][0]
    with pytest.raises(ParameterError, match=r"^scenario: applies to the national run only"):
        run_region(panel, region, n_paths=100, scenario=str(toml))


@pytest.mark.parametrize("kw, said", [
    ({"n_paths": -5}, "n_paths: expected an integer"), ({"seed": 1.5}, "seed: expected"),
    ({"as_of": "soon"}, "as_of: expected"), ({"vintage_basis": "x"}, "vintage: expected"),
    ({"models": "nope"}, r"models: unknown model\(s\) 'nope'"),
    ({"scenario": 5}, "scenario: expected"), ({"questions": "x"}, "questions: expected"),
])
def test_check_run_names_each_argument_without_running(panel, monkeypatch, kw, said):
    from forecast.results import check_run

    _no_work(monkeypatch)
    args = {"n_paths": 100, "seed": 1, **kw}
    with pytest.raises(ParameterError, match=rf"^{said}"):
        check_run(panel, "national", **args)
    check_run(panel, "national", n_paths=100, seed=1, models="linear")  # good ones pass


@pytest.mark.slow
def test_the_region_notebook_stops_at_its_first_cell_on_a_wrong_run_parameter(
        tmp_path, tiny_data_dir, monkeypatch):
    # `-p n_paths -5` was refused by the run's cell, after the observations were shown
    papermill = pytest.importorskip("papermill")
    import json
    from pathlib import Path

    import forecast

    # the kernel imports this checkout's package
    monkeypatch.setenv("PYTHONPATH", str(Path(forecast.__file__).resolve().parents[1]))

    notebooks = Path(__file__).resolve().parents[1] / "notebooks"
    out = tmp_path / "r.ipynb"
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        papermill.execute_notebook(str(notebooks / "region_forecast.ipynb"), str(out),
                                   parameters={"n_paths": -5, "data_dir": str(tiny_data_dir)},
                                   kernel_name="python3", progress_bar=False,
                                   cwd=str(notebooks))
    assert caught.value.ename == "ParameterError"
    assert caught.value.evalue.startswith("n_paths: expected an integer"), caught.value.evalue
    shown = [o for c in json.loads(out.read_text())["cells"] if c["cell_type"] == "code"
             for o in c.get("outputs", []) if o["output_type"] != "error"]
    assert shown == []  # nothing shown before the one line


# ------------------------------------------- results.json numbers outside the ranges written


@pytest.fixture(scope="module")
def pristine_run(tmp_path_factory):
    from conftest import pristine_run_folder

    return pristine_run_folder(tmp_path_factory.mktemp("s17c-run"))


def _fan_inside_out(r):
    row = r["targets"][0]["fan"][-1]
    row["p10"], row["p90"] = row["p90"], row["p10"]


def _model_probability(r):
    r["targets"][0]["models"][0]["probability"] = 5


def _model_weight(r):
    r["targets"][0]["models"][0]["weight"] = -0.5


@pytest.mark.parametrize("edit, field, expected", [
    (_fan_inside_out, "targets[0].fan[{last}].p10", "a number at most p50"),
    (_model_probability, "targets[0].models[0].probability", "a number from 0 to 1 or null"),
    (_model_weight, "targets[0].models[0].weight", "a number from 0 to 1 or null"),
])
@pytest.mark.parametrize("command", ["report", "verify"])
def test_a_results_number_outside_its_range_is_named(pristine_run, tmp_path, capsys, edit,
                                                      field, expected, command):
    # a report printed a model's probability of 500 % and drew a fan inside out
    import json

    from conftest import copy_run, edit_results, one_line_error
    from forecast.cli import main

    runs = copy_run(pristine_run, tmp_path)
    path = edit_results(runs, edit)
    last = len(json.loads(path.read_text())["targets"][0]["fan"]) - 1
    assert main([command, "r1", "--runs-dir", str(runs)]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: {path}: field '{field.format(last=last)}': "
                          f"expected {expected}"), err
    assert not list((runs / "r1").rglob("*.pdf"))


def test_the_pristine_results_are_in_range(pristine_run, tmp_path):
    # the oracle of the table above: the unedited file is read
    from conftest import copy_run
    from forecast.runfolder import read_results

    runs = copy_run(pristine_run, tmp_path)
    assert read_results(runs / "r1" / "national" / "results.json")["targets"]


@pytest.mark.parametrize("moment", ["datetime", "datetime at noon"])
def test_an_as_of_datetime_is_its_day_as_a_date_is(panel, moment):
    # datetime.date(2021, 12, 31) was read, datetime.datetime(2021, 12, 31) refused
    import datetime as dt

    given = dt.datetime(2021, 12, 31, 12 if "noon" in moment else 0)
    as_text = run_region(panel, "national", n_paths=100, models=["linear"], as_of="2021-12-31")
    as_datetime = run_region(panel, "national", n_paths=100, models=["linear"], as_of=given)
    assert as_datetime["as_of"] == as_text["as_of"] is not None
    assert [t["probability"] for t in as_datetime["targets"]] == \
        [t["probability"] for t in as_text["targets"]]


@pytest.mark.parametrize("bad", ["x", None])
def test_compare_as_of_names_the_vintage_as_the_run_does(panel, bad):
    # it said "basis: expected ...", a name no caller wrote
    from forecast.compare_cmd import compare_as_of

    with pytest.raises(ParameterError, match=r"^vintage: expected one of published, date"):
        compare_as_of(panel, "national", "2019,2020", n_paths=100, vintage_basis=bad)
