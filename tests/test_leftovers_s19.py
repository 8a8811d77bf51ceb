"""Leftovers of round 19: a floor on the simulated paths, an as_of Timestamp after this
year, the what-if's extra_monthly=None, the batch lock's message, and one rule of a
count of single people.

Each test failed before its fix. The oracles are the project's rules (one line naming the
parameter, what was expected and what was found; exit code 2) and facts set up by the test
(the pid that holds a lock, a scheme whose percent unit is bounded by another).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, one_line_error

from forecast.cli import main
from forecast.errors import ParameterError, RunError


# ------------------------------------------------------------------- at least 100 paths


@pytest.mark.parametrize("n", ["1", "2", "10", "99"])
@pytest.mark.parametrize("command", [["run"], ["batch", "--regions", "national"],
                                     ["compare", "--as-of", "2022", "2023"]])
def test_too_few_paths_are_refused_on_the_command_line(tmp_path, capsys, command, n):
    # `forecast run --n-paths 1` printed an 80% band of one value and the fund model's
    # probability of one path as 0 or 100 %.
    argv = [*command, "--n-paths", n]
    if command[0] == "batch":
        argv += ["--runs-dir", str(tmp_path / "runs")]
    assert main(argv) == 2
    err = one_line_error(capsys)
    assert f"argument --n-paths: expected an integer from 100 to 1,000,000, found '{n}'" \
        in err, err
    assert not (tmp_path / "runs").exists()


@pytest.fixture(scope="module")
def shipped_panel():
    from forecast.data import load_panel

    return load_panel()


@pytest.mark.parametrize("n", [1, 2, 10, 99])
def test_too_few_paths_are_refused_by_the_library_and_the_notebooks_check(shipped_panel, n):
    from forecast.batch.params import validate
    from forecast.compare_cmd import compare_as_of
    from forecast.results import check_run, national_context, run_region

    message = f"n_paths: expected an integer from 100 to 1,000,000, found {n}"
    calls = [lambda: check_run(shipped_panel, "national", n_paths=n, seed=1),
             lambda: run_region(shipped_panel, "national", n_paths=n, seed=1),
             lambda: national_context(shipped_panel, n_paths=n, seed=1),
             lambda: compare_as_of(shipped_panel, "national", "2022,2023", n_paths=n),
             lambda: validate(regions="national", as_of=None, n_paths=n, seed=1,
                              models="", lang="en", jobs=1, data_dir=None)]
    for call in calls:
        with pytest.raises(ParameterError) as err:
            call()
        assert str(err.value) == message


def test_one_hundred_paths_pass_the_check(shipped_panel):
    from forecast.results import check_run

    check_run(shipped_panel, "national", n_paths=100, seed=1)  # the floor itself


@pytest.mark.parametrize("flag", ["--speed-paths", "--scale-paths"])
def test_the_benchmarks_refuse_too_few_paths_for_the_command_line_before_any_work(
        monkeypatch, capsys, flag):
    # Their runs are `forecast run` and `forecast batch`, which refuse fewer than 100
    # paths: the driver took 50, then stopped midway on the first of them.
    from benchmarks import machine
    from benchmarks import run as bench

    def started(*_a, **_k):
        raise AssertionError("the benchmark started")

    monkeypatch.setattr(machine, "machine_info", started)
    assert bench.main([flag, "50"]) == 2
    assert capsys.readouterr().err == (f"bench: error: {flag}: expected an integer from 100 "
                                       f"to 1,000,000, found 50\n")


# ------------------------------------------------------------------ as_of after this year


def _end_of_this_year() -> pd.Timestamp:
    return pd.Timestamp.today().normalize() + pd.offsets.YearEnd(0)


@pytest.mark.parametrize("given", [pd.Timestamp("2200-01-01"),
                                   pd.Timestamp("2200-01-01", tz="Asia/Jakarta"),
                                   "next year"])
def test_an_as_of_timestamp_after_this_year_is_refused(shipped_panel, given):
    from forecast.results import check_run, run_region
    from forecast.vintage import vintage

    if isinstance(given, str):  # the day after the last one allowed
        given = _end_of_this_year() + pd.Timedelta(days=1)
    for call in (lambda: check_run(shipped_panel, "national", as_of=given, n_paths=100, seed=1),
                 lambda: run_region(shipped_panel, "national", as_of=given, n_paths=100),
                 lambda: vintage(shipped_panel, given)):
        with pytest.raises(ParameterError) as err:
            call()
        text = str(err.value)
        assert text.startswith("as_of: expected a year from ") and text.endswith(
            f"found {given!r} (after this year: nothing is known yet)"), text


def test_an_as_of_timestamp_up_to_the_end_of_this_year_is_taken(shipped_panel):
    from forecast.results import check_run
    from forecast.vintage import vintage

    end = _end_of_this_year()
    check_run(shipped_panel, "national", as_of=end, n_paths=100, seed=1)
    assert len(vintage(shipped_panel, end).observations) > 0


def test_a_fiscal_schemes_cut_at_the_end_of_this_year_still_reads(tmp_path):
    # A day of fiscal time runs ahead of the calendar: the last day allowed, moved into
    # it, is past 31 December and must not be refused on the way.
    from test_fiscal_years import write

    from forecast.data import check_as_of, load_panel, select
    from forecast.vintage import vintage

    panel = load_panel(write(tmp_path / "data", "06-30"))
    cut = check_as_of(panel, f"{_end_of_this_year():%Y-%m-%d}")
    assert cut > _end_of_this_year()  # fiscal time, as the run uses it
    assert len(vintage(panel, cut).observations) == len(panel.observations)
    metric = panel.observations["metric"].iloc[0]
    select(panel, panel.observations["region"].iloc[0], metric, as_of=cut)


def test_an_as_of_datetime_is_named_as_given():
    import datetime as dt

    from forecast.data import parse_as_of

    with pytest.raises(ParameterError, match=r"found datetime\.datetime\(2200, 1, 1, 0, 0\) "
                                             r"\(after this year"):
        parse_as_of(dt.datetime(2200, 1, 1))


# --------------------------------------------------------------- the what-if's arguments


@pytest.fixture(scope="module")
def whatif_ctx(shipped_panel):
    from forecast.results import national_context

    return national_context(shipped_panel, n_paths=200, models=["linear"])


@pytest.mark.parametrize("bad", [None, "250000", -5.0, float("nan"), True, 5_000_001])
def test_extra_monthly_not_a_number_of_persons_is_named(whatif_ctx, bad):
    # None gave the baseline's probabilities without a word (a notebook's cleared cell
    # looked like "no effect"); the others were named as a scenario file's key.
    from forecast.whatif import what_if

    with pytest.raises(ParameterError) as err:
        what_if(whatif_ctx, extra_monthly=bad)
    assert str(err.value).startswith("extra_monthly: expected persons a month, a number "
                                     "from 0 (none) to 5,000,000, found "), err.value


@pytest.mark.parametrize("bad", ["0.08", float("inf"), 0.9])
def test_investment_return_out_of_range_is_named(whatif_ctx, bad):
    from forecast.whatif import what_if

    with pytest.raises(ParameterError) as err:
        what_if(whatif_ctx, investment_return=bad)
    assert str(err.value).startswith("investment_return: expected None (the estimate) or a "
                                     "fraction per year from -0.5 to 0.5"), err.value


def test_numpy_numbers_move_the_what_if_as_python_numbers_do(whatif_ctx):
    from forecast.whatif import what_if

    assert what_if(whatif_ctx, extra_monthly=np.int64(250_000),
                   investment_return=np.float32(0.125)) == \
        what_if(whatif_ctx, extra_monthly=250_000.0, investment_return=0.125)


# ------------------------------------------------------------------ the batch lock's words


def _hold(lock: Path, text: str):
    """Hold ``lock`` as another writer would, with ``text`` recorded in it."""
    lock.write_text(text, encoding="utf-8")
    fd = os.open(lock, os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def _refusal(run: Path) -> str:
    from forecast.batch.runs import run_lock

    with pytest.raises(RunError) as err:
        with run_lock(run):
            pass
    return str(err.value)


@pytest.mark.parametrize("recorded, holder", [("{pid}", "forecast batch"),
                                              ("{pid} report", "forecast report")])
def test_a_held_lock_names_its_file_and_the_pid_recorded(tmp_path, recorded, holder):
    # It said "another batch (pid unknown) is writing this run": a guess of who, and of
    # what, the lock file does not record.
    fd = _hold(tmp_path / ".lock", recorded.format(pid=os.getpid()))
    try:
        assert _refusal(tmp_path) == (
            f"{tmp_path / '.lock'}: the run's lock is held by another process, pid "
            f"{os.getpid()} ({holder}) as recorded in it; wait for that process to end, "
            f"then try again")
    finally:
        os.close(fd)


def test_a_held_lock_without_a_pid_says_none_is_recorded(tmp_path):
    fd = _hold(tmp_path / ".lock", "")
    try:
        text = _refusal(tmp_path)
    finally:
        os.close(fd)
    assert text.startswith(f"{tmp_path / '.lock'}: the run's lock is held by another "
                           f"process, which recorded no pid in it; find it with 'lsof ")
    assert "unknown" not in text and "batch" not in text


def test_a_held_lock_whose_recorded_pid_is_gone_says_so(tmp_path):
    gone = 4_194_304 + 12_345  # above Linux's largest pid: no such process
    fd = _hold(tmp_path / ".lock", str(gone))
    try:
        text = _refusal(tmp_path)
    finally:
        os.close(fd)
    assert f"pid {gone} (forecast batch), recorded in it, is no longer running" in text
    assert "lsof" in text


# ------------------------------------------------------- a count of single people, one rule


def test_the_data_files_and_the_tables_agree_on_whole_counts(tmp_path):
    # A percent metric bounded by another percent metric makes its unit a "count" in
    # results.json: the data files took its decimals, the notebook's tables rounded its
    # medians to whole percents.
    from forecast.datafile import whole_units
    from forecast.scheme import load_scheme
    from forecast.wholecount import whole, whole_count

    toml = SYNTHETIC_SCHEME_HEAD.format(what="bounded share", level="area") \
        + SYNTHETIC_COVERAGE_METRICS + '''
[metrics.share]
unit = "pct"
en = "Share paid on time"
id = "Porsi tepat waktu"
ceiling = "cap"

[metrics.cap]
unit = "pct"
en = "Share allowed"
id = "Porsi yang diizinkan"
'''
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "scheme.toml").write_text(toml, encoding="utf-8")
    for name in ("observations.csv", "targets.csv", "regions.csv", "sources.csv"):
        (folder / name).write_text("", encoding="utf-8")
    scheme = load_scheme(folder)
    results = {"scheme": scheme.as_dict()}
    assert results["scheme"]["units"]["pct"]["count"]  # the case: a bounded share
    assert {u for u in scheme.units if whole_count(results, u)} == whole_units(scheme) \
        == {"people"}
    assert whole(37.4, results, "pct") == 37.4 and whole(16.4, results, "people") == 16.0
