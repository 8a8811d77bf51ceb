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
import shutil
from pathlib import Path

import pytest

from conftest import SYNTHETIC_SCHEME_HEAD, write_scheme_folder

from forecast.cli import main


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.startswith("forecast: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


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
    err = _one_line_error(capsys)
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
    """A run folder as ``forecast batch`` leaves it (the tiny folder's top region, 50
    paths, one model), without a batch; each test damages a copy."""
    from conftest import make_data_dir
    from forecast.data import load_panel
    from forecast.results import run_region, write_json

    base = tmp_path_factory.mktemp("s14run")
    panel = load_panel(make_data_dir(base / "data"))
    run_dir = base / "runs" / "r1"
    write_json(run_region(panel, "national", n_paths=50, models=["linear"]),
               run_dir / "national" / "results.json")
    manifest = {"run_id": "r1", "created": "2026-11-29T12:00:00+00:00",
                "data_hash": panel.data_hash,
                "parameters": {"as_of": "", "vintage": "published", "n_paths": 50, "seed": 5,
                               "models": "linear", "lang": "en",
                               "data_dir": str(base / "data")},
                "regions": ["national"], "status": {"national": {"status": "ok"}}}
    (run_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return run_dir


def _copy_run(pristine: Path, tmp_path: Path) -> Path:
    runs = tmp_path / "runs"
    shutil.copytree(pristine, runs / "r1")
    return runs


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
