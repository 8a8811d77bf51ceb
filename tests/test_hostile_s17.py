"""Hostile input of the seventeenth round: a region hierarchy thousands of levels deep, TOML
values (unquoted dates, booleans, missing keys) quoted in Python's words.

Every data folder here is SYNTHETIC, written by the test (the shared tiny folder of
conftest.py or made-up rows). Each oracle is the input itself: what was broken and what
must be said about it.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import one_line_error
from forecast.cli import main

SHIPPED_SCHEME = Path(__file__).resolve().parents[1] / "data" / "scheme.toml"


# ------------------------------------------------------------ a very deep region hierarchy


def _deep_folder(data: Path, depth: int) -> None:
    """``depth`` more levels under the tiny folder's province, one region on each."""
    text = SHIPPED_SCHEME.read_text(encoding="utf-8")
    old = 'levels = ["national", "kanwil", "province", "regency"]'
    assert old in text
    levels = ["national", "kanwil", "province", "regency"] + [f"l{i}" for i in range(depth)]
    (data / "scheme.toml").write_text(
        text.replace(old, "levels = [" + ", ".join(f'"{v}"' for v in levels) + "]"),
        encoding="utf-8")
    rows, parent = [], "east-province"
    for i in range(depth):
        rows.append(f"r{i},Region {i},l{i},{parent},\n")
        parent = f"r{i}"
    with open(data / "regions.csv", "a", encoding="utf-8", newline="") as fh:
        fh.write("".join(rows))


def test_a_region_chain_thousands_deep_is_checked_in_linear_time(tmp_path):
    """The check that parents end at a root walked every region's whole chain and looked
    each step up in a list: 1,500 levels took 10 s, 3,000 a minute and a half, 5,000 never
    ended in practice. Each region is now walked once. (A scheme file may no longer list
    thousands of levels, test_input_s17b.py; the cycle check still sees the chain first.)"""
    import pandas as pd

    from forecast.datafile import _check_no_cycles

    ids = ["top"] + [f"r{i}" for i in range(3000)]
    frame = pd.DataFrame({"id": ids, "parent": [""] + ids[:-1]})
    start = time.monotonic()
    _check_no_cycles(frame, tmp_path / "regions.csv")
    assert time.monotonic() - start < 20, "the deep chain was walked over and over"


def test_a_cycle_below_a_deep_chain_is_still_named(tiny_data_dir, capsys):
    """Regions known to end at the root are skipped; a loop hanging off them is not."""
    _deep_folder(tiny_data_dir, 16)
    with open(tiny_data_dir / "regions.csv", "a", encoding="utf-8") as fh:
        fh.write("loop-a,Loop A,l15,loop-b,\nloop-b,Loop B,l15,loop-a,\n")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert "regions.csv:21: column 'parent'" in err, err
    assert err.rstrip().endswith("found the cycle loop-a -> loop-b -> loop-a"), err


# ------------------------------------------------------------ TOML values in TOML's words


SCENARIO_CASES = [
    ('name = 2024-01-01\n[adjustments]\ninvestment_return = 0.07\n',
     "key 'name': expected a non-empty text such as \"Hypothetical: ...\", found the "
     "unquoted TOML date 2024-01-01"),
    ('name = "x"\ndescription = 1979-05-27T07:32:00Z\n[adjustments]\n'
     'investment_return = 0.07\n',
     "key 'description': expected text, found the unquoted TOML date-time "
     "1979-05-27T07:32:00+00:00"),
    ('name = "x"\n[adjustments.shock]\nyear = 2025-01-01\nlike = 2020\n',
     "key 'adjustments.shock.year': expected a whole year from 1900 to 2100, found the "
     "unquoted TOML date 2025-01-01"),
    ('name = "x"\n[adjustments.shock]\nyear = 2025\nlike = 07:30:00\n',
     "key 'adjustments.shock.like': expected a whole year from 1900 to 2100, found the "
     "unquoted TOML time 07:30:00"),
    ('name = "x"\n[adjustments]\ninvestment_return = false\n',
     "key 'adjustments.investment_return': expected a fraction per year from -0.5 to 0.5 "
     "(write 0.08 for 8 %), found false"),
    ('[adjustments]\ninvestment_return = 0.07\n',
     "key 'name': expected a non-empty text such as \"Hypothetical: ...\", found nothing "
     "(the key is missing)"),
    ('name = "x"\n[adjustments]\n',
     "key 'adjustments': expected at least one of extra_monthly_enrolments, "
     "investment_return, shock, found an empty table"),
]


@pytest.mark.parametrize("text,message", SCENARIO_CASES)
def test_a_scenario_value_is_quoted_as_the_toml_file_writes_it(tiny_data_dir, tmp_path,
                                                               capsys, text, message):
    """An unquoted date was quoted as 'datetime.date(2024, 1, 1)', false as 'False', a
    missing key as 'None' and an empty table as the quoted words "'an empty table'"."""
    scenario = tmp_path / "scenario.toml"
    scenario.write_text(text, encoding="utf-8")
    out = tmp_path / "results.json"
    assert main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "100", "--scenario",
                 str(scenario), "--output", str(out)]) == 2
    assert one_line_error(capsys) == f"forecast: error: {scenario}: {message}\n"
    assert not out.exists()


SCHEME_CASES = [
    ('top_region = "national"', 'top_region = 2020-01-01',
     "key 'scheme.top_region': expected a region id (lowercase slug) of regions.csv, found "
     "the unquoted TOML date 2020-01-01"),
    ('currency = "IDR"', 'currency = true',
     "key 'scheme.currency': expected an ISO 4217 code such as EUR, found true"),
    ('observation = ["1900-01-01", "today"]', 'observation = [1900-01-01, "today"]',
     "key 'dates.observation': expected [\"YYYY-MM-DD\", \"YYYY-MM-DD\" or \"today\"], days "
     "from 1678-01-01 to 2261-12-31, first before last, found [1900-01-01, 'today']"),
    ('year_end_tolerance_days = 7', 'year_end_tolerance_days = 07:00:00',
     "key 'scheme.year_end_tolerance_days': expected a whole number of days from 0 to 31, "
     "found the unquoted TOML time 07:00:00"),
    ('region_code_digits = [2, 4]', 'region_code_digits = [true, 4]',
     "key 'scheme.region_code_digits': expected a list of digit counts such as [2, 4] (or "
     "[] for any code), found [true, 4]"),
]


@pytest.mark.parametrize("old,new,message", SCHEME_CASES)
def test_a_scheme_value_is_quoted_as_the_toml_file_writes_it(tiny_data_dir, capsys, old,
                                                             new, message):
    """[1900-01-01, "today"] was quoted as "[datetime.date(1900, 1, 1), 'today']"."""
    text = SHIPPED_SCHEME.read_text(encoding="utf-8")
    assert old in text
    path = tiny_data_dir / "scheme.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    assert one_line_error(capsys) == f"forecast: error: {path}: {message}\n"


# ------------------------------------------------------------ a key one slip from a known one


@pytest.mark.parametrize("old,new,piece", [
    ('top_region = "national"', 'top_regoin = "national"',
     "scheme: unknown key(s) top_regoin (did you mean 'top_region'?); valid keys: "),
    ("[scheme]", "[Scheme]",
     "top level: unknown key(s) Scheme (did you mean 'scheme'?); valid keys: "),
    ("[dates]\n", '[dates]\nobsrevation = ["1900-01-01", "today"]\n',
     "dates: unknown key(s) obsrevation (did you mean 'observation'?); valid keys: "),
    ('[metrics.active_total]\nunit', '[metrics.active_total]\nunits',
     "metrics.active_total: unknown key(s) units (did you mean 'unit'?); valid keys: "),
    ('ceiling = "working_population"', 'ceiling = "working-population"',
     "found 'working-population' (did you mean 'working_population'?)\n"),
])
def test_a_scheme_key_one_slip_from_a_known_one_names_it(tiny_data_dir, capsys, old, new,
                                                         piece):
    """A region typed one letter off is named ('did you mean'); a scheme.toml key was only
    listed among every valid one, and a ceiling among all seventeen metrics."""
    text = SHIPPED_SCHEME.read_text(encoding="utf-8")
    assert old in text
    (tiny_data_dir / "scheme.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = one_line_error(capsys)
    assert piece in err, err


@pytest.mark.parametrize("text,piece", [
    ('name = "x"\n[adjustments]\nextra_monthly_enrolment = { active_bpu = 1 }\n',
     "unknown key 'adjustments.extra_monthly_enrolment' (did you mean "
     "'extra_monthly_enrolments'?); valid keys in [adjustments]: "),
    ('name = "x"\n[adjustments]\nextra_monthly_enrolments = { active-bpu = 1 }\n',
     "unknown key 'adjustments.extra_monthly_enrolments.active-bpu' (did you mean "
     "'active_bpu'?); valid keys in [adjustments.extra_monthly_enrolments]: "),
    ('Name = "x"\n[adjustments]\ninvestment_return = 0.07\n',
     "unknown key 'Name' (did you mean 'name'?); valid keys: name, description, "
     "adjustments\n"),
    ('name = "x"\ncolour = "red"\n[adjustments]\ninvestment_return = 0.07\n',
     "unknown key 'colour'; valid keys: name, description, adjustments\n"),
])
def test_a_scenario_key_one_slip_from_a_known_one_names_it(tiny_data_dir, tmp_path, capsys,
                                                           text, piece):
    scenario = tmp_path / "scenario.toml"
    scenario.write_text(text, encoding="utf-8")
    assert main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "100", "--scenario",
                 str(scenario)]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: {scenario}: ") and piece in err, err


# ------------------------------------------------------------ a run folder's manifest


@pytest.fixture(scope="module")
def pristine_run(tmp_path_factory) -> Path:
    """A run folder as ``forecast batch`` leaves it; each test damages a copy."""
    from conftest import pristine_run_folder

    return pristine_run_folder(tmp_path_factory.mktemp("s17run"))


def test_a_region_listed_twice_in_the_manifest_is_refused_before_any_report(
        pristine_run, tmp_path, capsys):
    """`report` rendered the region twice, printed it twice and counted '3 files' for two;
    `batch --resume` counted '2/2 regions' for one."""
    import json

    from conftest import copy_run

    runs = copy_run(pristine_run, tmp_path)
    path = runs / "r1" / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["regions"] = ["national", "national"]
    path.write_text(json.dumps(manifest), encoding="utf-8")
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 2
    assert one_line_error(capsys) == (f"forecast: error: {path}: field 'regions[1]': "
                                      f"expected each region id once, found 'national' "
                                      f"again (regions[0])\n")
    assert not list((runs / "r1").rglob("*.pdf")) and not list((runs / "r1").rglob("*.html"))


# ------------------------------------------------------------ a name with bytes not UTF-8


def test_a_name_with_a_byte_that_is_not_utf8_is_shown_as_that_byte(tiny_data_dir, tmp_path,
                                                                   capsys):
    """A Latin-1 name ('caf\\xe9') reaches Python as the surrogate U+DCE9: the messages
    said 'caf\\udce9', a code no file name holds; they now show the byte, \\xe9."""
    import os
    import shutil

    folder = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/caf\xe9"))
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: {tmp_path}/caf\\xe9: data directory not "
                          f"found"), err
    shutil.copytree(tiny_data_dir, folder)
    out = folder / "observations.csv"
    assert main(["run", "--data-dir", str(folder), "--n-paths", "100", "--models", "linear",
                 "--output", str(out)]) == 2
    err = one_line_error(capsys)
    assert f"found {tmp_path}/caf\\xe9/observations.csv, the input" in err, err
    assert "udce9" not in err
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    assert capsys.readouterr().out.startswith(f"{tmp_path}/caf\\xe9: OK (")


# ------------------------------------------------------------ compare's dates the wrong way round


def test_compare_as_of_with_the_later_date_first_is_refused(tiny_data_dir, tmp_path, capsys):
    """`compare --as-of 2024 2022` ran backwards: the two years of readings the later date
    has and the earlier lacks were called 'revised observations' (-4.97M on the tiny data),
    none 'new'. A is the earlier run by the command's own help."""
    chart = tmp_path / "moved.png"
    assert main(["compare", "--as-of", "2024", "2022", "--vintage", "date", "--data-dir",
                 str(tiny_data_dir), "--n-paths", "100", "--chart", str(chart)]) == 2
    assert one_line_error(capsys) == ("forecast: error: --as-of: expected A the earlier date "
                                      "and B the later, found A 2024-12-31 after B "
                                      "2022-12-31 (swap them)\n")
    assert not chart.exists()


def test_compare_as_of_in_order_or_on_one_day_still_runs(tiny_data_dir, capsys):
    from forecast.compare_cmd import compare_as_of
    from forecast.data import load_panel
    from forecast.errors import ParameterError

    panel = load_panel(tiny_data_dir)
    for text in ("2022,2024", "2024-06-30,2024-06-30"):
        assert compare_as_of(panel, "national", text, vintage_basis="date", n_paths=100)
    with pytest.raises(ParameterError, match="found A 2023-12-31 after B 2022-12-31"):
        compare_as_of(panel, "national", "2023,2022", vintage_basis="date", n_paths=100)


# ------------------------------------------------------------ a whole number only once rounded


@pytest.mark.parametrize("name,line,text", [
    ("observations.csv", 3, "17000000.0000000000001"),
    ("observations.csv", 3, "9999999999.99999999"),  # rounds to the unit's max, 1e10
    # 1e-400, which rounds to 0, is refused before as too small to hold
    # (test_leftovers_s17.py).
    ("targets.csv", 2, "70000000.000000001"),
])
def test_a_count_with_a_fraction_a_float_rounds_away_is_refused(tiny_data_dir, capsys, name,
                                                                 line, text):
    """The whole-number check of persons looked at the float: a fraction past its 16
    digits was rounded off and the reading taken as whole."""
    path = tiny_data_dir / name
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = rows[line - 1].split(",")
    cells[3] = text
    rows[line - 1] = ",".join(cells)
    path.write_text("".join(rows), encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    assert one_line_error(capsys) == (f"forecast: error: {path}:{line}: column 'value': "
                                      f"expected a whole number of persons, found '{text}' "
                                      f"(write 1001000, not 1.001 or 1,001,000)\n")


def test_whole_counts_in_any_plain_notation_are_still_read(tiny_data_dir, capsys):
    path = tiny_data_dir / "observations.csv"
    text = path.read_text(encoding="utf-8")
    for old, new in (("17000000", "1.7e7"), ("18900000", "18900000.000"),
                     ("22600000", "2260000000e-2")):
        assert f",{old}," in text
        text = text.replace(f",{old},", f",{new},", 1)
    path.write_text(text, encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 0
    assert "OK (33 observations" in capsys.readouterr().out


# ------------------------------------------------------------ source ids apart only in capitals


def test_source_ids_apart_only_in_capitals_are_refused(tiny_data_dir, capsys):
    """'SRC-A' beside 'src-a' passed the check: a row citing one was read as citing
    another source than a reader of the reports, which list ids, would take it for."""
    path = tiny_data_dir / "sources.csv"
    with open(path, "a", encoding="utf-8", newline="") as fh:
        fh.write("SRC-A,Another agency,Another report,,\r\n")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    assert one_line_error(capsys) == (f"forecast: error: {path}:4: column 'id': expected ids "
                                      f"that differ in more than capitals, found 'SRC-A' "
                                      f"beside 'src-a' on line 2\n")
