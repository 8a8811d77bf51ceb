"""Hostile input on the surfaces of fiscal years, fonts and the batch's notebooks.

Each test is a probe of one hostile-input round that found a defect: the oracle is the
project's rule (one line naming the file, field or parameter, exit code 2, nothing
half-written) or the absence of a file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import one_line_error

from test_fiscal_years import write

from forecast.cli import main


def _hand_made_run(folder: Path, run_dir: Path, region: str = "land") -> Path:
    """A run folder as ``forecast batch`` leaves it (one region), without a batch."""
    from forecast.data import load_panel
    from forecast.results import run_region, write_json

    panel = load_panel(folder)
    write_json(run_region(panel, region, n_paths=100, models=["linear"]),
               run_dir / region / "results.json")
    manifest = {"run_id": run_dir.name, "created": "2026-11-29T12:00:00+00:00",
                "data_hash": panel.data_hash,
                "parameters": {"as_of": "", "vintage": "published", "n_paths": 100, "seed": 5,
                               "models": "linear", "lang": "en", "data_dir": str(folder)},
                "regions": [region], "status": {region: {"status": "ok"}}}
    (run_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return run_dir


# ------------------------------------------------------------ a results.json's year_end


@pytest.fixture(scope="module")
def fiscal_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("fiscal")
    return _hand_made_run(write(base / "data", "06-30"), base / "runs" / "20261129-120000-abcdef")


@pytest.mark.parametrize("field,value", [
    ("year_end", "13-45"), ("year_end", 5), ("year_end", "02-29"), ("year_end", None),
    ("year_end", "01-31"), ("scheme.year_end", "xx"), ("scheme.year_end", "03-31")])
def test_report_refuses_a_results_json_whose_year_end_is_damaged(fiscal_run, tmp_path, capsys,
                                                                 field, value):
    """'13-45' or 5 stopped `forecast report` with a traceback in fiscal.day_month; '02-29'
    printed 'fiscal years ending 29 February'; a scheme.year_end other than the top-level
    one drew the charts in one year and wrote the words in another."""
    import shutil

    run_dir = tmp_path / "runs" / fiscal_run.name
    shutil.copytree(fiscal_run, run_dir)
    path = run_dir / "land" / "results.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    (doc["scheme"] if field.startswith("scheme.") else doc)["year_end"] = value
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = sorted(p.name for p in run_dir.rglob("*"))
    assert main(["report", run_dir.name, "--runs-dir", str(run_dir.parent)]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: {path}: field '{field}': expected ")
    shown = value if isinstance(value, str) else json.dumps(value)
    assert err.rstrip().endswith(f"found '{shown}'")
    assert sorted(p.name for p in run_dir.rglob("*")) == before  # no PDF, no HTML


@pytest.mark.parametrize("keys,value,field", [
    ((), "x", "scheme"), (("units",), "x", "scheme.units"),
    (("metrics", "members"), 5, "scheme.metrics.members"),
    (("metrics", "members", "labels"), 5, "scheme.metrics.members.labels"),
    (("units", "people", "labels"), "x", "scheme.units.people.labels"),
    (("metrics", "members", "unit"), 5, "scheme.metrics.members.unit"),
    (("units", "people", "max"), "x", "scheme.units.people.max"),
    (("name",), "x", "scheme.name")])
def test_report_refuses_a_results_json_whose_scheme_is_damaged(fiscal_run, tmp_path, capsys,
                                                               keys, value, field):
    """A text or number where results.json's scheme holds an object stopped `forecast
    report` with "AttributeError: 'str' object has no attribute 'get'" (exit 1)."""
    import shutil

    run_dir = tmp_path / "runs" / fiscal_run.name
    shutil.copytree(fiscal_run, run_dir)
    path = run_dir / "land" / "results.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    node = doc
    for key in ("scheme",) + keys[:-1] if keys else ():
        node = node[key]
    node[(keys or ("scheme",))[-1]] = value
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = sorted(p.name for p in run_dir.rglob("*"))
    assert main(["report", run_dir.name, "--runs-dir", str(run_dir.parent)]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: {path}: field '{field}': expected ")
    assert err.rstrip().endswith(f"found '{value}'")
    assert sorted(p.name for p in run_dir.rglob("*")) == before


def test_a_results_json_from_before_fiscal_years_is_read_as_calendar_years(fiscal_run,
                                                                            tmp_path, capsys):
    """No year_end anywhere (an older version's file): the report renders, in calendar
    years (the check above must not refuse what older versions wrote)."""
    import shutil

    run_dir = tmp_path / "runs" / fiscal_run.name
    shutil.copytree(fiscal_run, run_dir)
    path = run_dir / "land" / "results.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    del doc["year_end"], doc["scheme"]["year_end"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["report", run_dir.name, "--runs-dir", str(run_dir.parent)]) == 0
    assert (run_dir / "land" / "report_en.pdf").is_file()


# ------------------------------------------------------------ compare across year-ends


def test_compare_refuses_runs_whose_years_end_on_different_days(tmp_path, capsys):
    """A calendar run and a fiscal run: A's 31 December 2030 target was matched with B's
    30 June 2030 one and every step measured in B's calendar (a table of zeros under B's
    dates); no chart is written."""
    runs = tmp_path / "runs"
    cal = _hand_made_run(write(tmp_path / "cal", None), runs / "20261129-120000-aaaaaa")
    fis = _hand_made_run(write(tmp_path / "fis", "06-30"), runs / "20261129-130000-bbbbbb")
    chart = tmp_path / "chart.png"
    assert main(["compare", cal.name, fis.name, "--runs-dir", str(runs),
                 "--chart", str(chart)]) == 2
    err = one_line_error(capsys)
    assert err == (f"forecast: error: compare: expected two runs whose years end on the same "
                   f"day, found run {cal.name} with years ending 31 December and run "
                   f"{fis.name} with years ending 30 June (scheme.toml year_end); compare "
                   f"runs of one year-end\n")
    assert not chart.exists()


# ------------------------------------------------------------ names a reader cannot see


def _set_cell(path: Path, row: int, column: str, value: str) -> None:
    import csv

    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[row][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


@pytest.mark.parametrize("name,found", [
    ("", "''"), ("   ", "''"),
    ("\u200d", "the characters U+200D, none of them visible"),
    ("\u0e31\u0e48\u0e34", "the characters U+0E31 U+0E48 U+0E34, none of them visible"),
    ("\u0301\u200c\u0301", "the characters U+0301 U+200C U+0301, none of them visible")])
def test_a_region_name_with_nothing_visible_is_one_line(tmp_path, capsys, name, found):
    """An empty name, a joiner or Thai combining marks alone passed: the run text, the
    PDFs' titles and the charts printed the region as nothing."""
    folder = write(tmp_path / "d", None)
    _set_cell(folder / "regions.csv", 2, "name", name)
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    assert one_line_error(capsys) == (
        f"forecast: error: {folder / 'regions.csv'}:3: column 'name': expected a region name "
        f"with a letter, digit or sign (what the reports print), found {found}\n")


@pytest.mark.parametrize("name", ["\u0e01\u0e38", "Nord\u200dland", "\U0001f1ee\U0001f1e9 x",
                                  "-"])
def test_a_region_name_with_one_visible_character_is_kept(tmp_path, capsys, name):
    folder = write(tmp_path / "d", None)
    _set_cell(folder / "regions.csv", 2, "name", name)
    assert main(["data", "check", "--data-dir", str(folder)]) == 0


def test_a_scheme_label_of_a_joiner_alone_is_one_line(tmp_path, capsys):
    folder = write(tmp_path / "d", "06-30")
    toml = folder / "scheme.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'en = "Members"', 'en = "\\u200d\\u200c"', 1), encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    assert one_line_error(capsys).startswith(
        f"forecast: error: {toml}: key 'metrics.members.en': expected a non-empty one-line "
        f"text of at most 200 characters, found ")


def test_a_source_whose_title_and_publisher_are_invisible_is_one_line(tmp_path, capsys):
    folder = write(tmp_path / "d", None)
    _set_cell(folder / "sources.csv", 1, "title", "\u200d")
    _set_cell(folder / "sources.csv", 1, "publisher", " ")
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    assert one_line_error(capsys).startswith(
        f"forecast: error: {folder / 'sources.csv'}:2: column 'title': expected a title or a "
        f"publisher for source 'syn', found both empty")


# ------------------------------------------------------------ a chart of a 200-character name


def test_a_chart_of_a_200_character_name_keeps_its_plot_and_says_nothing(recwarn):
    """The summary's growth chart of a region named with 200 characters (the most
    regions.csv allows) collapsed its axes to nothing, with matplotlib's warning on stderr;
    a shorter one ran off the image's left edge. The long label is cut with an ellipsis;
    a short one is kept as it is."""
    from forecast.plots import growth_by_region, to_png

    thai = "\u0e01\u0e23\u0e38\u0e07\u0e40\u0e17\u0e1e"
    long = (f"{thai} \U0001f1ee\U0001f1e9 {{{{ }}}} #set " * 10)[:200]
    for name in (long, "x" * 120, "Short"):
        row = {"label": name, "required_cagr": 0.05, "historical_cagr": 0.03}
        fig = growth_by_region([row], title="", required_label="req", achieved_label="ach",
                               xlabel="ax")
        to_png(fig)
        ax = fig.axes[0]
        # The plot keeps most of the figure's width, and the label its first letters.
        assert ax.get_position().width > 0.25
        (tick,) = [t.get_text() for t in ax.get_yticklabels()]
        assert tick == name if name == "Short" else \
            tick.startswith(name[:20]) and tick.endswith("\u2026") and len(tick) <= 60
    assert not [w for w in recwarn if "constrained_layout" in str(w.message)]


# ------------------------------------------------------------ year_end as TOML spells it


@pytest.mark.parametrize("value,found", [
    ("2024-06-30", 'the unquoted TOML date 2024-06-30 (write the month and day in quotes: '
                   'year_end = "06-30")'),
    ("2024-02-29", 'the unquoted TOML date 2024-02-29 (write the month and day in quotes: '
                   'year_end = "MM-DD")'),
    ("06:30:00", 'the unquoted TOML time 06:30:00 (write the month and day in quotes: '
                 'year_end = "MM-DD")'),
    ("true", "true")])
def test_a_year_end_toml_reads_as_a_date_or_boolean_is_named_in_tomls_words(tmp_path, capsys,
                                                                              value, found):
    """Unquoted, 2024-06-30 is a TOML date: the message said 'found datetime.date(2024,
    6, 30)' (and a boolean 'True'), Python's words, not the file's."""
    folder = write(tmp_path / "d", "06-30")
    toml = folder / "scheme.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'year_end = "06-30"', f"year_end = {value}"), encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: {toml}: key 'scheme.year_end': expected the last "
                          f"day of a month from March to December as \"MM-DD\"")
    assert err.endswith(f"found {found}\n")


# ------------------------------------------------------------ resume on changed data


def test_resume_refuses_a_run_whose_data_changed_since_it_started(tmp_path, capsys):
    """scheme.toml's year_end changed between a run and its --resume: the finished region
    kept fiscal years ending 30 June and the resumed ones were run ending 30 September,
    in one run, silently. Nothing is run or written."""
    folder = write(tmp_path / "d", "06-30")
    run_dir = _hand_made_run(folder, tmp_path / "runs" / "20261129-120000-abcdef")
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    manifest["regions"] = ["land", "north"]
    manifest["status"]["north"] = {"status": "pending"}
    (run_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    toml = folder / "scheme.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"06-30"', '"09-30"'),
                    encoding="utf-8")
    def files():  # the lock file a resume leaves (an flock, released on exit) aside
        return sorted(str(p) for p in run_dir.rglob("*") if p.name != ".lock")

    before = files()
    assert main(["batch", "--runs-dir", str(run_dir.parent), "--resume", run_dir.name]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: --resume: expected the data run {run_dir.name} "
                          f"started with (data hash {manifest['data_hash'][:12]}), found "
                          f"{folder} changed since (hash ")
    assert files() == before and "pending" in (run_dir / "manifest.json").read_text()


def test_batch_refuses_a_previous_run_whose_years_end_on_another_day(tmp_path, capsys):
    """--previous a calendar run for a fiscal scheme: every region ran, then the summary's
    comparison page failed (before the compare check: a page of zeros under the wrong
    dates). Refused before any region runs; no run folder is made."""
    runs = tmp_path / "runs"
    cal = _hand_made_run(write(tmp_path / "cal", None), runs / "20261129-120000-aaaaaa")
    fis = write(tmp_path / "fis", "06-30")
    assert main(["batch", "--data-dir", str(fis), "--runs-dir", str(runs), "--previous",
                 cal.name, "--n-paths", "100", "--no-track-record"]) == 2
    assert one_line_error(capsys) == (
        f"forecast: error: --previous: expected a run whose years end on 30 June, as this "
        f"data's do (year_end of {fis}), found run {cal.name} with years ending 31 December\n")
    assert sorted(p.name for p in runs.iterdir()) == [cal.name]


def test_compare_refuses_runs_of_two_schemes(tmp_path, capsys):
    """Two schemes of one year-end (another name in scheme.toml): no step between them
    means anything, so compare says so in one line and writes no chart."""
    runs = tmp_path / "runs"
    one = _hand_made_run(write(tmp_path / "one", None), runs / "20261129-120000-aaaaaa")
    other = write(tmp_path / "other", None)
    toml = other / "scheme.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        "Synthetic fiscal scheme", "Another pension scheme"), encoding="utf-8")
    two = _hand_made_run(other, runs / "20261129-130000-bbbbbb")
    chart = tmp_path / "chart.png"
    assert main(["compare", one.name, two.name, "--runs-dir", str(runs),
                 "--chart", str(chart)]) == 2
    err = one_line_error(capsys)
    assert err == (f"forecast: error: compare: expected two runs of one scheme, found run "
                   f"{one.name} of 'Synthetic fiscal scheme' (top region land) and run "
                   f"{two.name} of 'Another pension scheme' (top region land) (scheme.toml "
                   f"[scheme] name and top_region); compare runs of one scheme\n")
    assert not chart.exists()
    # Two schemes whose years also end on other days: the schemes are named, not the days.
    fis = write(tmp_path / "fis", "06-30")
    toml = fis / "scheme.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        "Synthetic fiscal scheme", "A fiscal-year fund"), encoding="utf-8")
    four = _hand_made_run(fis, runs / "20261129-150000-dddddd")
    assert main(["compare", one.name, four.name, "--runs-dir", str(runs)]) == 2
    assert "expected two runs of one scheme" in one_line_error(capsys)
    # One scheme twice is compared as before.
    three = _hand_made_run(tmp_path / "one", runs / "20261129-140000-cccccc")
    assert main(["compare", one.name, three.name, "--runs-dir", str(runs)]) == 0


def test_batch_refuses_a_previous_run_of_another_scheme(tmp_path, capsys):
    """--previous a run of another scheme: every region ran, then the comparison page
    failed ("compare: expected two runs of one scheme"), and --resume failed the same way
    for good. Refused before any region runs; no run folder is made."""
    runs = tmp_path / "runs"
    one = _hand_made_run(write(tmp_path / "one", None), runs / "20261129-120000-aaaaaa")
    other = write(tmp_path / "other", None)
    toml = other / "scheme.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        "Synthetic fiscal scheme", "Another pension scheme"), encoding="utf-8")
    assert main(["batch", "--data-dir", str(other), "--runs-dir", str(runs), "--previous",
                 one.name, "--n-paths", "100", "--no-track-record"]) == 2
    assert one_line_error(capsys) == (
        f"forecast: error: --previous: expected a run of this data's scheme 'Another pension "
        f"scheme' (top region land; {other}), found run {one.name} of 'Synthetic fiscal "
        f"scheme' (top region land)\n")
    assert sorted(p.name for p in runs.iterdir()) == [one.name]
