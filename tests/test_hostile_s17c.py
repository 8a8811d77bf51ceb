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
        run_region(bad, "national", n_paths=5, models=["linear"])
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
        run_region(panel, "national", n_paths=5, models=["linear"], questions=bad)


def test_an_as_of_with_a_time_zone_is_its_day(panel):
    naive = run_region(panel, "national", n_paths=20, models=["linear"],
                       as_of=pd.Timestamp("2021-12-31"))
    aware = run_region(panel, "national", n_paths=20, models=["linear"],
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
