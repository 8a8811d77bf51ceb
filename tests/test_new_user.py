"""A new user with another country's scheme, who reads only the README and the tool's
messages: the README's commands run as written, its command table lists every option the
commands take, and what the tool says of a foreign scheme names no Indonesian specifics."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from forecast import tables
from forecast.cli import build_parser
from forecast.errors import DataError
from forecast.scheme import load_scheme

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLE = Path(__file__).parent / "data" / "example_scheme"


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end > 0 else None]


def test_every_make_target_the_readme_names_exists():
    # The oracle is the Makefile itself: a README naming a target it lacks is out of date.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M))
    named = set(re.findall(r"`make ([a-z][a-z-]*)", README))
    named |= set(re.findall(r"^make ([a-z][a-z-]*)", README, flags=re.M))
    assert {"install", "report", "test", "test-fast"} <= named
    assert named <= targets, f"README names make targets the Makefile lacks: {named - targets}"


def test_the_readme_says_how_to_call_forecast_after_make():
    # `forecast ...` as the README writes it is "command not found" after `make report`
    # unless the environment is activated; the first section must say so.
    first = _section("Two commands")
    assert ". .venv/bin/activate" in first and ".venv/bin/forecast" in first


def _options(parser) -> set[str]:
    return {s for a in parser._actions for s in a.option_strings
            if s.startswith("--") and s not in ("--help", "--version", "--verbose")}


@pytest.mark.parametrize("command", ["init", "run", "batch", "report", "verify", "compare"])
def test_the_commands_table_lists_every_option_of_the_command(command):
    # The oracle is the argument parser the command runs with.
    sub = next(a for a in build_parser()._actions if a.dest == "command").choices[command]
    row = next(line for line in _section("Commands").splitlines()
               if line.startswith(f"| `forecast {command} "))
    listed = set(re.findall(r"--[a-z][a-z-]*", re.split(r"(?<!\\)\|", row)[1]))
    assert listed == _options(sub), f"forecast {command}: README {sorted(listed)}"


@pytest.mark.slow
def test_bring_your_own_data_commands_run_as_written(tmp_path):
    """Every `forecast ... mydata` command of "Bring your own data", in order, in a shell whose
    PATH starts with this environment's bin (what `. .venv/bin/activate` does)."""
    commands = re.findall(r"`(forecast [^`]*mydata[^`]*)`", _section("Bring your own data"))
    assert commands[0].startswith("forecast init") and len(commands) >= 4
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
           f"{os.environ.get('PATH', '')}", "FORECAST_REPORTS_DIR": str(tmp_path / "reports")}
    for command in dict.fromkeys(commands):  # each once, in the README's order
        done = subprocess.run(command, shell=True, cwd=tmp_path, env=env, text=True,
                              capture_output=True, timeout=600)
        assert done.returncode == 0, f"{command}: {done.stderr[-400:]}"
        assert "Traceback" not in done.stderr
    assert list((tmp_path / "reports" / "runs").glob("*/summary_en.pdf"))


def test_a_missing_key_says_missing_not_none(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    for f in EXAMPLE.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    toml = folder / "scheme.toml"
    text = toml.read_text(encoding="utf-8")
    # A foreign user who writes the scheme's name in English only.
    toml.write_text(re.sub(r', id = "[^"]*" \}', " }", text, count=1), encoding="utf-8")
    with pytest.raises(DataError) as got:
        load_scheme(folder)
    message = str(got.value)
    assert "'scheme.name.id'" in message and "found nothing (the key is missing)" in message
    assert "None" not in message


def test_another_schemes_top_region_is_not_told_it_is_not_national():
    # What the explore notebook prints for a scheme whose top region is "th".
    results = {"region": "th", "region_name": "Thailand",
               "scheme": {"top_region": "th"}, "targets": []}
    got = tables.funds_summary_table(results)
    assert got.startswith("No fund model for Thailand: ")
    assert "national run only" not in got and "does not describe" in got
    shipped = {"region": "kanwil-banten", "region_name": "Kanwil Banten",
               "scheme": {"top_region": "national"}, "targets": []}
    assert tables.funds_summary_table(shipped).endswith("computed for the national run only.")


def test_a_fiscal_regions_projection_lines_name_the_day_not_end_of_year(tmp_path, capsys):
    """The run text of a region without targets, fiscal years ending 30 June: each projected
    year is "2027-06-30", never "end-2027" (31 December to a reader). The oracle is the
    calendar twin of test_fiscal_years, whose lines say "end-2027" with the same numbers."""
    from test_fiscal_years import write

    from forecast.cli import main

    texts = {}
    for year_end in (None, "06-30"):
        folder = write(tmp_path / str(year_end), year_end)
        rows = (folder / "targets.csv").read_text(encoding="utf-8").splitlines()
        (folder / "targets.csv").write_text(  # north without targets: projected only
            "\n".join(r for r in rows if not r.startswith("north,")) + "\n", encoding="utf-8")
        assert main(["run", "--data-dir", str(folder), "--region", "north",
                     "--n-paths", "300"]) == 0
        texts[year_end] = [line for line in capsys.readouterr().out.splitlines()
                           if ": median " in line]
    calendar, fiscal = texts[None], texts["06-30"]
    assert calendar and all(re.match(r" +end-\d{4}: ", line) for line in calendar)
    want = [re.sub(r"end-(\d{4})", r"\1-06-30", line) for line in calendar]
    assert fiscal == want
    assert not any("end-" in line for line in fiscal)


@pytest.mark.parametrize("year_end, en, id_", [("06-30", "30 June", "30 Juni"),
                                               ("03-31", "31 March", "31 Maret"),
                                               ("12-31", "End of year", "Akhir tahun")])
def test_the_pdfs_projection_table_heads_its_years_with_the_schemes_day(year_end, en, id_):
    # A region without targets: its PDF's table of projected years (2027, 2028, ...).
    from forecast.report.build import projection_sections

    fan = [{"year": 2027, "p10": 90.0, "p50": 100.0, "p90": 110.0}]
    results = {"year_end": year_end, "projections": [{
        "metric": "members", "projected": True, "unit": "persons", "fan": fan,
        "last_observed": {"value": 95.0, "date": "2026-06-30"},
        "data_quality": {"label": "good", "reasons": []}}]}
    heads = [projection_sections(results, lang)[0]["headers"][0] for lang in ("en", "id")]
    assert heads == [en, id_]


def test_models_changes_the_each_model_line_not_the_headline(capsys):
    # What `forecast run --help` says of --models, checked on the example scheme.
    from forecast.cli import main

    got = {}
    for extra in ([], ["--models", "ets"]):
        assert main(["run", "--data-dir", str(EXAMPLE), "--n-paths", "300",
                     "--format", "json", *extra]) == 0
        got[bool(extra)] = json.loads(capsys.readouterr().out)["targets"]
    assert got[False] and len(got[False]) == len(got[True])
    for every, ets in zip(got[False], got[True]):
        assert (ets["probability"], ets["median"]) == (every["probability"], every["median"])
        names = [{m["name"] for m in e["models"]} for e in (ets, every)]
        assert names[0] == {"ets"} < names[1]


@pytest.mark.parametrize("args, command", [(["data", "check"], "data check"), (["run"], "run"),
                                           (["batch"], "batch")])
def test_a_bare_data_folder_is_shown_with_its_option(tmp_path, capsys, args, command):
    # The natural first try: `forecast data check mydata`.
    from forecast.cli import main

    folder = tmp_path / "my data"
    assert main([*args, str(folder)]) == 2
    err = capsys.readouterr().err
    assert err == (f"forecast: error: {command}: unrecognized arguments: {folder} (a data "
                   f"folder is given as --data-dir '{folder}') (see forecast {command} "
                   f"--help)\n")
    assert not folder.exists()


@pytest.mark.slow
def test_a_fiscal_baht_scheme_in_thai_script_pdfs_say_nothing_of_bpjs_nor_end_of_year(
        tmp_path, capsys):
    """The walk-through's scheme in small: SYNTHETIC members, population, coverage and a fund
    in THB billion, read each 30 June, regions named in Thai with a transliteration. Its
    PDFs, in both languages, show no word of the shipped scheme, no "end-YYYY" (31 December
    to a reader: README, "Fiscal years") and the scheme's own currency."""
    from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows
    from pypdf import PdfReader
    from test_fiscal_years import DAYS, REGIONS, UNIT, _rows
    from test_scheme import BPJS_WORDS

    from forecast.cli import main

    head = SYNTHETIC_SCHEME_HEAD.format(what="baht", level="county").replace(
        'currency = "EUR"', 'currency = "THB"\nyear_end = "06-30"')
    head += '\n[units.THB_billion]\nmax = 1000000\nen = "THB billion"\nid = "miliar THB"\n\n'
    fund = '\n[metrics.fund]\nunit = "THB_billion"\nen = "Fund"\nid = "Dana"\n'
    obs, targets = _rows("06-30", DAYS["06-30"])
    obs += [("land", "fund", f"{y}-06-30", 1800 + 120 * i) for i, y in enumerate(range(2014,
                                                                                     2024))]
    obs += [("south", "members", f"{y}-06-30", 400000 + 9000 * i)
            for i, y in enumerate(range(2016, 2024))]
    targets += [("land", "fund", "2027-06-30", 3300)]
    regions = [("land", "ประเทศไทย (Thailand)", "land", ""),
               ("north", "ภาคเหนือ (North)", "county", "land"),
               ("south", "ภาคใต้ (South)", "county", "land")]
    assert [r[0] for r in REGIONS] == ["land", "north"]
    folder = write_rows(tmp_path / "d", head + SYNTHETIC_COVERAGE_METRICS + fund, regions,
                        {**UNIT, "fund": "THB_billion"}, obs, targets)
    runs = tmp_path / "runs"
    assert main(["batch", "--data-dir", str(folder), "--runs-dir", str(runs), "--n-paths",
                 "200", "--jobs", "1", "--no-track-record"]) == 0
    run_dir = next(p for p in runs.iterdir() if not p.is_symlink())
    assert main(["report", run_dir.name, "--runs-dir", str(runs), "--lang", "id"]) == 0
    capsys.readouterr()
    for lang in ("en", "id"):
        for pdf in [run_dir / f"summary_{lang}.pdf",
                    *(run_dir / r / f"report_{lang}.pdf" for r in ("land", "north", "south"))]:
            text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
                            .split())
            found = [w for w in BPJS_WORDS + ("end-20", "akhir 20") if w in text]
            assert not found, f"{pdf.parent.name}/{pdf.name}: {found}"
            if pdf.parent.name in ("land", run_dir.name):
                assert ("THB billion" if lang == "en" else "miliar THB") in text, pdf
