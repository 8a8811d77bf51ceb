"""Input handling of the seventeenth round (second part): counts of any scheme's own count
unit, absurdly many levels, OS errors beside a guessed cause, quoted values shown as they
are, options given twice.

Every data folder here is SYNTHETIC, written by the test from conftest.py's made-up scheme.
Each oracle is the input itself: what was broken and what must be said about it.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from conftest import (SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, one_line_error,
                      write_rows, year_ends)
from forecast.cli import main

UNITS = {"members": "people", "pop": "people", "cov": "pct"}
REGIONS = [("land", "Land", "land", ""), ("north", "North", "county", "land")]


def _scheme(extra: str = "") -> str:
    return (SYNTHETIC_SCHEME_HEAD.format(what="test", level="county") + extra + "\n"
            + SYNTHETIC_COVERAGE_METRICS)


def _folder(root: Path, toml: str, members=("100", "110", "120", "130", "140")) -> Path:
    obs = (year_ends("land", "members", list(members), 2015)
           + year_ends("land", "pop", ["1000"] * 5, 2015))
    return write_rows(root / "data", toml, REGIONS, UNITS, obs,
                      [("land", "cov", "2030-12-31", "50")])


# ------------------------------------------------------------ whole counts of any count unit


def test_a_count_unit_of_another_scheme_takes_no_fraction(tmp_path, capsys):
    """Only the shipped unit named 'persons' was checked: 1.5 people passed."""
    data = _folder(tmp_path, _scheme(), members=("1.5", "110", "120", "130", "140"))
    assert main(["data", "check", "--data-dir", str(data)]) == 2
    assert one_line_error(capsys) == (
        f"forecast: error: {data / 'observations.csv'}:2: column 'value': expected a whole "
        f"number of people, found '1.5' (write 1001000, not 1.001 or 1,001,000)\n")


def test_a_count_unit_naming_a_scale_keeps_its_decimals(tmp_path, capsys):
    """'thousand people' counts in thousands: 1.5 of them is 1,500 people."""
    toml = _scheme().replace('en = "people"\nid = "jiwa"',
                             'en = "thousand people"\nid = "ribu jiwa"')
    assert 'en = "thousand people"' in toml
    data = _folder(tmp_path, toml, members=("1.5", "1.6", "1.7", "1.8", "1.9"))
    assert main(["data", "check", "--data-dir", str(data)]) == 0
    assert "OK (10 observations" in capsys.readouterr().out


def test_a_share_takes_decimals(tmp_path, capsys):
    data = _folder(tmp_path, _scheme())
    path = data / "targets.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",50,", ",50.5,"),
                    encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(data)]) == 0
    assert "OK (10 observations, 1 target" in capsys.readouterr().out


# ------------------------------------------------------------ absurd sizes of scheme.toml


def _many_metrics(n: int) -> str:
    return "".join(f'\n[metrics.m{i}]\nunit = "people"\nen = "M{i}"\nid = "M{i}"\n'
                   for i in range(n))


@pytest.mark.parametrize("edit, key, limit, found", [
    (lambda t: t.replace('levels = ["land", "county"]', 'levels = ["land", "county", '
                         + ", ".join(f'"l{i}"' for i in range(5000)) + "]"),
     "scheme.levels", "20 levels", "5,002"),
    (lambda t: t + _many_metrics(1000), "metrics", "200 metrics", "1,003"),
    (lambda t: t.replace('[units.pct]', "".join(
        f'[units.u{i}]\nmax = 1\nen = "u"\nid = "u"\n\n' for i in range(60)) + '[units.pct]'),
     "units", "50 units", "62"),
    (lambda t: t.replace('denominators = ["pop"]', "denominators = ["
                         + ", ".join(f'"d{i}"' for i in range(3000)) + "]"),
     "metrics.cov.denominators", "50 denominators", "3,000"),
])
def test_a_scheme_listing_absurdly_many_items_is_refused(tmp_path, capsys, edit, key, limit,
                                                         found):
    """5,000 levels passed `data check` and printed a summary line of 30 kB."""
    toml = edit(_scheme())
    assert toml != _scheme()
    data = _folder(tmp_path, toml)
    assert main(["data", "check", "--data-dir", str(data)]) == 2
    assert one_line_error(capsys) == (f"forecast: error: {data / 'scheme.toml'}: key "
                                      f"'{key}': expected at most {limit}, found {found}\n")


def test_a_scheme_at_the_bounds_still_loads(tmp_path, capsys):
    toml = _scheme().replace('levels = ["land", "county"]', 'levels = ["land", "county", '
                             + ", ".join(f'"l{i}"' for i in range(18)) + "]")
    data = _folder(tmp_path, toml + _many_metrics(197))
    assert main(["data", "check", "--data-dir", str(data)]) == 0
    assert "levels land, county, l0," in capsys.readouterr().out


# ------------------------------------------------------------ the OS's reason, no guess


@pytest.mark.parametrize("code", [errno.ENOENT, errno.EACCES, errno.EROFS])
@pytest.mark.parametrize("command", [["init", "{dir}"],
                                     ["batch", "--runs-dir", "{dir}", "--regions", "x"]])
def test_a_folder_the_system_refuses_is_named_with_its_reason_alone(tmp_path, capsys,
                                                                     monkeypatch, code,
                                                                     command):
    """`forecast init /proc/1` said "/proc/1 is not writable (No such file or directory)":
    a guess beside the system's reason, which contradicted it. /proc/1 is a folder where
    creating a file fails with ENOENT; here one made so (any reason)."""
    import tempfile

    from forecast import safepath

    folder = tmp_path / "odd"
    folder.mkdir()
    real = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and Path(dir) == folder:
            raise OSError(code, os.strerror(code), str(dir))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(safepath.tempfile, "mkstemp", mkstemp)
    args = [a.format(dir=folder) for a in command]
    assert main(args) == 2
    err = one_line_error(capsys)
    what = "DIR" if command[0] == "init" else "--runs-dir"
    assert err == (f"forecast: error: {what}: cannot write {folder}: the system refused a "
                   f"new file in {folder} ({os.strerror(code)})\n")
    assert list(folder.iterdir()) == []


# ------------------------------------------------------------ quoted values shown as they are


def test_a_quoted_value_keeps_its_spaces(tmp_path, capsys):
    """The error printer squeezed every run of blanks: a region of three spaces was shown
    as ' ', and 'a   b' as 'a b', neither what was typed."""
    data = _folder(tmp_path, _scheme())
    for typed, quoted in (("   ", "'   '"), ("a   b", "'a   b'"), ("a\tb", "'a\\x09b'")):
        assert main(["run", "--data-dir", str(data), "--region", typed]) == 2
        assert one_line_error(capsys) == (f"forecast: error: --region: unknown region "
                                          f"{quoted}; valid choices: land, north\n")


def test_a_path_with_runs_of_spaces_is_named_as_it_is(tmp_path, capsys):
    missing = tmp_path / "my   data"
    assert main(["data", "check", "--data-dir", str(missing)]) == 2
    assert f"forecast: error: {missing}: data directory not found;" in one_line_error(capsys)


def test_a_message_of_several_lines_is_still_one_line():
    from forecast.textsafe import one_line

    assert one_line("bad value:\n    'a   b'\r\n  expected x\n") == "bad value: 'a   b' expected x"


# ------------------------------------------------------------ an option given twice


@pytest.mark.parametrize("args, option, first, second", [
    (["batch", "--regions", "a", "--regions", "b"], "--regions", "a", "b"),
    (["run", "--region", "land", "--region=north"], "--region", "land", "north"),
    (["run", "--n-paths", "100", "--n-paths", "200"], "--n-paths", "100", "200"),
    (["data", "check", "--data-dir", "x", "--data-dir", "y"], "--data-dir", "x", "y"),
    (["compare", "r1", "r2", "--runs-dir", "x", "--runs-dir", "y"], "--runs-dir", "x", "y"),
])
def test_an_option_given_twice_with_different_values_is_refused(capsys, args, option, first,
                                                                  second):
    """The last value was taken silently: `batch --regions a --regions b` ran b alone."""
    assert main(args) == 2
    command = " ".join(args[:2] if args[0] == "data" else args[:1])
    assert one_line_error(capsys) == (
        f"forecast: error: {command}: argument {option}: given twice with different "
        f"values, '{first}' and '{second}'; give it once (see forecast {command} --help)\n")


def test_an_option_given_twice_with_one_value_is_taken(tmp_path, capsys):
    data = _folder(tmp_path, _scheme())
    assert main(["data", "check", "--data-dir", str(data), "--data-dir", str(data)]) == 0
    assert "OK (10 observations" in capsys.readouterr().out


def test_each_command_line_is_judged_alone():
    """The parser remembers what one command line gave, never the one before."""
    from forecast.cli import build_parser

    parser = build_parser()
    assert parser.parse_known_args(["run", "--region", "land"])[0].region == "land"
    assert parser.parse_known_args(["run", "--region", "north"])[0].region == "north"
