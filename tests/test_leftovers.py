"""Leftover defects, each pinned by a test that failed before its fix: standard output
closed or gone, non-web addresses in sources.csv, flows declared by a scheme, the reason a
region has no targets, and a past-due target with both readings below it.

Every data folder written here is SYNTHETIC (made-up numbers that describe no real scheme).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CLI = [sys.executable, "-m", "forecast.cli"]


# ------------------------------------------------------------ standard output closed or gone


def _close_stdout():  # runs in the child before exec: `forecast ... >&-`
    os.close(1)


@pytest.mark.parametrize("argv", [["run", "--n-paths", "100"], ["data", "check"], ["--help"]])
def test_a_closed_standard_output_is_one_line_and_exit_2(tiny_data_dir, argv):
    if argv != ["--help"]:
        argv = [*argv, "--data-dir", str(tiny_data_dir)]
    proc = subprocess.run([*CLI, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, timeout=120, preexec_fn=_close_stdout)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == ("forecast: error: standard output: expected an open standard "
                           "output (a terminal, file or pipe), found it closed\n")


@pytest.mark.parametrize("argv", [["run", "--n-paths", "100", "--format", "json"],
                                  ["run", "--n-paths", "100"], ["data", "check"], ["--help"]])
def test_a_reader_gone_before_the_first_line_exits_141_without_a_word(tiny_data_dir, argv):
    """The pipe's reading end is closed before the command starts, so its first write
    meets EPIPE whatever the size of the output (Python ignores SIGPIPE)."""
    if argv != ["--help"]:
        argv = [*argv, "--data-dir", str(tiny_data_dir)]
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run([*CLI, *argv], stdout=write_end, stderr=subprocess.PIPE,
                              text=True, timeout=120)
    finally:
        os.close(write_end)
    assert (proc.returncode, proc.stderr) == (141, "")


def test_run_json_into_head_c_10_prints_ten_bytes_and_no_traceback(tiny_data_dir):
    cmd = " ".join([*CLI, "run", "--n-paths", "100", "--format", "json", "--data-dir",
                    str(tiny_data_dir)])
    proc = subprocess.run(["bash", "-c", f"{cmd} | head -c 10; echo \" ${{PIPESTATUS[0]}}\""],
                          capture_output=True, text=True, timeout=120)
    assert proc.stderr == ""
    text, code = proc.stdout.rsplit(" ", 1)
    assert text == '{\n  "regio' and code.strip() in ("0", "141")


# ------------------------------------------------------------ sources.csv: web addresses only


def _with_url(data_dir, url: str) -> None:
    from conftest import SOURCES, write_csv

    write_csv(data_dir / "sources.csv", [{**SOURCES[0], "url": url}, *SOURCES[1:]])


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(document.cookie)",
                                 "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd",
                                 "vbscript:msgbox(1)", "ftp://example.org/a.pdf",
                                 "//example.org/a", "https://", "https://exa mple.org/",
                                 "example.org/report.pdf"])
def test_a_source_url_that_is_not_a_web_address_is_refused_naming_file_row_column(
        tiny_data_dir, capsys, url):
    from forecast.cli import main
    from forecast.textsafe import shown

    _with_url(tiny_data_dir, url)
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 2
    err = capsys.readouterr().err
    assert err == (f"forecast: error: {tiny_data_dir / 'sources.csv'}:2: column 'url': "
                   f"expected an http:// or https:// address without spaces, or empty, "
                   f"found {shown(url)}\n")


@pytest.mark.parametrize("url", ["", "https://example.org/", "http://example.org/a?b=c#d",
                                 "HTTPS://EXAMPLE.ORG/Report.pdf"])
def test_a_web_address_or_none_is_accepted(tiny_data_dir, url):
    from forecast.data import load_panel

    _with_url(tiny_data_dir, url)
    assert load_panel(tiny_data_dir).sources.iloc[0]["url"] == url


def test_the_shipped_data_passes_the_check_with_its_addresses():
    proc = subprocess.run([*CLI, "data", "check"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert ": OK (" in proc.stdout.splitlines()[0]


# ------------------------------------------------------------ flows declared by the scheme

#: A SYNTHETIC money metric added to test_other_schemes' synthetic scheme; ``{flow}`` is
#: the declaration under test.
MONEY = '''
[units.money]
max = 1000000
en = "million EUR"
id = "juta EUR"

[metrics.paid_in]
unit = "money"
en = "Paid in"
id = "Dibayar"
{flow}
'''


def _flow_folder(folder, flow: str, rows, targets=()):
    """A SYNTHETIC folder: a synthetic scheme whose metric ``paid_in`` carries ``flow``
    (a TOML line, or ""); ``rows`` are (date, value, source) of paid_in in 'land'."""
    import csv

    from test_other_schemes import SCHEME

    folder.mkdir(parents=True)
    (folder / "scheme.toml").write_text(SCHEME.format(denominators='"residents"')
                                        + MONEY.format(flow=flow), encoding="utf-8")

    def put(name, header, body):
        with open(folder / name, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([header, *body])

    put("regions.csv", ["id", "name", "level", "parent", "bps_code"],
        [["land", "Synthland", "land", "", ""]])
    put("sources.csv", ["id", "publisher", "title", "url", "published"],
        [[s, "SYNTHETIC", "made-up test figures", "", "2000-01-01"] for s in ("syn", "ytd")])
    head = ["region", "metric", "{}", "value", "unit", "source_id", "note", "denominator"]
    put("observations.csv", [h.format("date") for h in head],
        [["land", "paid_in", d, v, "money", s, "SYNTHETIC", ""] for d, v, s in rows])
    put("targets.csv", [h.format("target_date") for h in head],
        [["land", "paid_in", d, v, "money", "syn", "SYNTHETIC", ""] for d, v in targets]
        or [["land", "paid_in", "2030-12-31", "999", "money", "syn", "SYNTHETIC", ""]])
    return folder


#: Year-ends of a SYNTHETIC amount paid in each year (100 to 190), and year-to-date sums
#: of a second source around the last: three quarters of 2021, one quarter of 2022.
YEAR_ENDS = [(f"{y}-12-31", 100.0 + 10 * i, "syn") for i, y in enumerate(range(2012, 2022))]
YEAR_TO_DATE = [("2021-09-30", 140.0, "ytd"), ("2022-03-31", 48.0, "ytd")]
DECLARED = ["flow = true", "flow = false", ""]


@pytest.mark.parametrize("flow", DECLARED)
def test_a_declared_flows_year_end_is_not_judged_by_its_year_to_date_readings(tmp_path,
                                                                             flow):
    from forecast.data import load_panel, select
    from forecast.nowcast import prepare

    panel = load_panel(_flow_folder(tmp_path / "d", flow, YEAR_ENDS + YEAR_TO_DATE))
    annual = select(panel, "land", "paid_in")
    fitted, fields = prepare(annual, select(panel, "land", "paid_in", annual=False),
                             panel.scheme)
    if flow == "flow = true":
        assert fields == {} and list(fitted.values) == [v for _, v, _ in YEAR_ENDS]
    else:  # as a level, 190 sits far above the line from 140 (Sep) to 48 (Mar): replaced
        assert fields["outlier"]["date"] == "2021-12-31"
        assert fields["outlier"]["neighbours"] == ["2021-09-30", "2022-03-31"]


@pytest.mark.parametrize("flow", DECLARED)
def test_a_run_of_a_declared_flow_keeps_its_last_year_end(tmp_path, capsys, flow):
    import json

    from forecast.cli import main

    folder = _flow_folder(tmp_path / "d", flow, YEAR_ENDS + YEAR_TO_DATE)
    assert main(["run", "--data-dir", str(folder), "--n-paths", "200", "--format",
                 "json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)["targets"]
    assert ("outlier" in entry["data_quality"]) == (flow != "flow = true")


@pytest.mark.parametrize("flow", DECLARED)
def test_a_change_of_source_to_year_to_date_readings_is_no_jump_for_a_flow(tmp_path, flow):
    from forecast.data import load_panel
    from forecast.datacheck import data_warnings

    panel = load_panel(_flow_folder(tmp_path / "d", flow, YEAR_ENDS + YEAR_TO_DATE))
    jumps = [w for w in data_warnings(panel) if "warning: land paid_in" in w]
    # As levels: 140 (Sep, 'ytd') after 180 (2020, 'syn') is -22 %, 190 after 140 is +36 %,
    # 48 after 190 is -75 %: three changes of source beyond -20 % or +30 % a year.
    assert len(jumps) == (0 if flow == "flow = true" else 3), data_warnings(panel)


@pytest.mark.parametrize("flow", DECLARED)
def test_a_past_target_of_a_flow_is_set_beside_year_ends_only(tmp_path, flow):
    import pandas as pd

    from forecast.data import load_panel
    from forecast.outcomes import target_outcome

    rows = [("2020-12-31", 100.0, "syn"), ("2022-03-31", 30.0, "ytd"),
            ("2022-12-31", 130.0, "syn")]
    panel = load_panel(_flow_folder(tmp_path / "d", flow, rows, [("2021-12-31", "120")]))
    out = target_outcome(panel, "land", panel.targets.iloc[0], pd.Timestamp("2023-06-30"))
    assert out["status"] == "not_in_data"
    assert out["before"]["date"] == "2020-12-31"
    assert out["after"]["date"] == ("2022-12-31" if flow == "flow = true" else "2022-03-31")


@pytest.mark.parametrize("line, found", [('flow = "yes"', "'yes'"), ("flow = 1", "1")])
def test_a_flow_declaration_that_is_not_true_or_false_is_one_line(tmp_path, line, found):
    from forecast.data import load_panel
    from forecast.errors import DataError

    folder = _flow_folder(tmp_path / "d", line, YEAR_ENDS)
    with pytest.raises(DataError) as err:
        load_panel(folder)
    assert str(err.value) == (f"{folder / 'scheme.toml'}: key 'metrics.paid_in.flow': "
                              f"expected true (an amount over a year, e.g. money paid in it) "
                              f"or false (a level), and false for a coverage metric, found "
                              f"{found}")


def test_a_coverage_metric_cannot_be_a_flow(tmp_path):
    from forecast.errors import DataError
    from forecast.scheme import load_scheme
    from test_other_schemes import SCHEME

    (tmp_path / "scheme.toml").write_text(
        SCHEME.format(denominators='"residents"') + "flow = true\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"key 'metrics.cover.flow': expected true .* "
                                        r"found true$"):
        load_scheme(tmp_path)


def test_the_shipped_scheme_file_declares_its_three_flows():
    from forecast import config
    from forecast.scheme import load_scheme

    shipped = load_scheme(config.DATA_DIR)
    assert shipped.path is not None
    assert [m for m in shipped.metrics if shipped.is_flow(m)] == [
        "contributions", "benefits_paid", "investment_income"]


# ------------------------------------------------------------ regions without targets


@pytest.mark.parametrize("lang, words", [
    ("en", "\u2014 not projected: no reading of members"),
    ("id", "\u2014 tidak diproyeksikan: tidak ada pengamatan anggota")])
def test_a_region_with_coverage_readings_only_says_why_it_has_no_projection(tmp_path, lang,
                                                                            words):
    from test_other_schemes import write_scheme

    from forecast.data import load_panel
    from forecast.report.summary import summary_rows
    from forecast.report.words import set_scheme
    from forecast.run import run_region

    # SYNTHETIC: 'land' has members and residents; 'district' only a coverage reading.
    obs = [("land", "members", f"{y}-12-31", 1e6 + 1e5 * i, "")
           for i, y in enumerate(range(2014, 2024))]
    obs += [("land", "residents", f"{y}-12-31", 2e6, "") for y in range(2014, 2024)]
    obs += [("district", "cover", "2023-12-31", 40.0, "residents")]
    folder = write_scheme(tmp_path / "d", obs, [("land", "members", "2030-12-31", 2e6, "")],
                          regions=(("land", "Synthland", "land", ""),
                                   ("district", "Synth District", "district", "land")))
    results = run_region(load_panel(folder), "district", n_paths=100)
    assert results["targets"] == [] and results["skipped"] == []
    set_scheme(results["scheme"])  # as the summary document does: the scheme's labels
    try:
        _, (row,) = summary_rows([("district", results, {"status": "ok"})], lang)
    finally:
        set_scheme(None)
    assert row["projected"] == words
    assert row["latest"].startswith({"en": "Resident coverage: 40",
                                     "id": "Cakupan penduduk: 40"}[lang])


# ------------------------------------------------------------ a past target in a gap


def _gap(before, after, target=100.0):
    point = lambda v, d: None if v is None else {"date": d, "value": v, "source_id": "syn"}  # noqa: E731
    return {"metric": "members", "target_value": target, "target_date": "2020-12-31",
            "unit": "people", "status": "not_in_data", "observed": None,
            "latest": point(after, "2022-12-31"), "before": point(before, "2019-12-31"),
            "after": point(after, "2021-12-31")}


@pytest.mark.parametrize("lang, words", [
    ("en", "both nearest readings below the target; 90 on 2019-12-31 and 99.5 on 2021-12-31, "
           "none at the target date in the data"),
    ("id", "kedua pembacaan terdekat di bawah target; 90 pada 2019-12-31 dan 99.5 pada "
           "2021-12-31, tidak ada pembacaan pada tanggal target di data")])
def test_a_gap_with_both_readings_below_the_target_says_so_with_both(lang, words):
    from forecast.reasons import outcome_text

    assert outcome_text(_gap(90.0, 99.5), lang) == words


@pytest.mark.parametrize("before, after", [(90.0, 100.0), (90.0, 130.0), (120.0, 80.0),
                                           (None, 80.0)])
def test_a_gap_not_below_on_both_sides_names_the_nearest_readings_as_before(before, after):
    from forecast.reasons import outcome_text

    # At the target (100 >= 100) is reaching it; one side above, or no reading before:
    # nothing is said about where the series stood against the target.
    text = outcome_text(_gap(before, after))
    assert text.startswith("no reading at the target date in the data; nearest ")
    assert text.endswith(f"{after:g} on 2021-12-31")


def test_the_report_verdict_puts_both_below_in_bold_and_the_readings_after(tmp_path):
    from forecast.report.build import outcome_verdicts

    o = {**_gap(90.0, 99.5), "target_date": "2020-12-31", "denominator": None}
    (line,) = outcome_verdicts({"outcomes": [o], "outcomes_as_of": "2022-06-30"}, "en")
    assert [seg["text"] for seg in line if seg["strong"]] == [
        "both nearest readings below the target"]
    # The page's date style (test_reader4): 31 December 2019, not 2019-12-31.
    assert "31 December 2019" in line[-1]["text"] and "31 December 2021" in line[-1]["text"]
