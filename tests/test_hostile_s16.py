"""Hostile input of the sixteenth round: a null among a results.json's history dates, and
further probes of the commands' parameters, data files and output paths.

Every data folder here is SYNTHETIC, written by the test (the shared tiny folder of
conftest.py or made-up rows). Each oracle is the input itself: what was broken and what
must be said about it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import copy_run, one_line_error, pristine_run_folder
from forecast.cli import main


@pytest.fixture(scope="module")
def pristine_run(tmp_path_factory) -> Path:
    """A run folder as ``forecast batch`` leaves it; each test damages a copy."""
    return pristine_run_folder(tmp_path_factory.mktemp("s16run"))


def _edit_results(runs: Path, edit) -> Path:
    path = runs / "r1" / "national" / "results.json"
    results = json.loads(path.read_text(encoding="utf-8"))
    edit(results)
    path.write_text(json.dumps(results), encoding="utf-8")
    return path


# ------------------------------------------------------------ a null the chart turns into NaN


def test_a_null_history_date_is_named_not_the_field_read_after_it(pristine_run, tmp_path,
                                                                   capsys):
    """The fan chart turns a null date into NaN and stops on the axis limits ("Axis limits
    cannot be NaN or Inf", naming no value): the message blamed the last field read before,
    the target's unit ('persons'), which is as forecast writes it."""
    runs = copy_run(pristine_run, tmp_path)

    def edit(results):
        results["targets"][0]["history"][0]["date"] = None
    path = _edit_results(runs, edit)
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 2
    err = one_line_error(capsys)
    assert f"{path}: field 'targets[0].history[0].date': " in err, err
    assert err.endswith("found 'null'\n"), err
    assert not list((runs / "r1").rglob("*.pdf"))
