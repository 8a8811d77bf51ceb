"""Schemes whose year ends at a fiscal year-end (``year_end = "06-30"`` in scheme.toml).

The oracle is a calendar-year twin: the same SYNTHETIC scheme with every date moved by hand
(a year-end 31 December to the fiscal year-end of the same year, any other day by the
fixed number of days, computed with :mod:`datetime`), run through the CLI. Every
probability, median and band must be the twin's, and every date the twin's date moved the
same way; the code under test computes neither side's expectation.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows

from forecast.cli import main

UNIT = {"members": "people", "pop": "people", "cov": "pct"}
REGIONS = (("land", "Land", "land", ""), ("north", "North", "county", "land"))
#: Members ~6 %/yr and a population ~1 %/yr, read at each year-end 2012-2023 (SYNTHETIC).
YEARS = range(2012, 2024)
MEMBERS = [2.0e6 * 1.06 ** i for i in range(len(YEARS))]
POP = [8.0e6 * 1.01 ** i for i in range(len(YEARS))]
#: Days from each fiscal year-end to 31 December, counted by hand (June 30 -> December 31:
#: 0 + 31 + 31 + 30 + 31 + 30 + 31 = 184; March 31 -> December 31: 275).
DAYS = {"06-30": 184, "03-31": 275}
ISO = re.compile(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b")


def _rows(month_day: str = "12-31", days: int = 0):
    """The twin's rows: year-ends at ``month_day``, the one mid-year reading moved back
    ``days`` days (by :mod:`datetime`)."""
    def mid(iso: str) -> str:
        return (dt.date.fromisoformat(iso) - dt.timedelta(days=days)).isoformat()

    obs = []
    for y, m, p in zip(YEARS, MEMBERS, POP):
        obs += [("land", "members", f"{y}-{month_day}", round(m)),
                ("land", "pop", f"{y}-{month_day}", round(p)),
                ("north", "members", f"{y}-{month_day}", round(0.3 * m)),
                ("north", "pop", f"{y}-{month_day}", round(0.25 * p))]
    obs.append(("land", "members", mid("2024-09-30"), round(MEMBERS[-1] * 1.05)))
    obs.append(("land", "cov", f"2023-{month_day}", 31.0))
    targets = [("land", "members", f"2030-{month_day}", 4.5e6),
               ("land", "cov", f"2032-{month_day}", 45.0),
               ("land", "members", f"2020-{month_day}", 3.0e6),   # past due: met
               ("north", "members", f"2030-{month_day}", 1.5e6)]
    return obs, targets


def write(folder: Path, year_end: str | None) -> Path:
    """The SYNTHETIC scheme: calendar years (``year_end`` None), else moved to ``year_end``."""
    head = SYNTHETIC_SCHEME_HEAD.format(what="fiscal", level="county")
    if year_end:
        head = head.replace("[scheme]\n", f'[scheme]\nyear_end = "{year_end}"\n', 1)
    obs, targets = _rows(year_end or "12-31", DAYS.get(year_end, 0))
    return write_rows(folder, head + SYNTHETIC_COVERAGE_METRICS, REGIONS, UNIT, obs, targets)


def moved(text: str, year_end: str) -> str:
    """``text`` with each ISO date as the fiscal twin has it: 12-31 -> the fiscal year-end
    of the same year, another day ``DAYS[year_end]`` days earlier."""
    def one(m):
        if m.group(0)[5:] == "12-31":
            return f"{m.group(1)}-{year_end}"
        return (dt.date.fromisoformat(m.group(0))
                - dt.timedelta(days=DAYS[year_end])).isoformat()
    return ISO.sub(one, text)


def run(capsys, folder: Path, *extra) -> str:
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300", *extra]) == 0
    return capsys.readouterr().out


#: Fields that differ by design: the data's identity, today's date, the year-end itself.
DIFFER = {"data_hash", "outcomes_as_of", "year_end"}


def same_but_dates(cal, fis, year_end: str, where: str = "") -> None:
    """``fis`` is ``cal`` with every date moved (:func:`moved`), every number equal."""
    if isinstance(cal, dict):
        assert set(cal) - DIFFER == set(fis) - DIFFER, where
        for k in set(cal) - DIFFER:
            same_but_dates(cal[k], fis[k], year_end, f"{where}.{k}")
    elif isinstance(cal, list):
        assert len(cal) == len(fis), where
        for i, (a, b) in enumerate(zip(cal, fis)):
            same_but_dates(a, b, year_end, f"{where}[{i}]")
    elif isinstance(cal, str) and where.endswith(".published"):
        assert fis == cal, where  # both folders' source was published on 2000-01-01
    elif isinstance(cal, str):
        assert fis == moved(cal, year_end), where
    else:
        assert fis == cal, where  # probabilities, medians, bands: identical


@pytest.mark.slow
@pytest.mark.parametrize("year_end", ["06-30", "03-31"])
@pytest.mark.parametrize("as_of", [None, "2022", "2023-10-31"])
def test_a_fiscal_scheme_is_its_calendar_twin_with_the_dates_moved(tmp_path, capsys, year_end,
                                                                  as_of):
    cal, fis = write(tmp_path / "cal", None), write(tmp_path / "fis", year_end)
    extra = ["--as-of", as_of] if as_of else []
    # The same day for both: a year is its year-end, a day the twin's day moved.
    fis_extra = ["--as-of", as_of if len(as_of) == 4 else moved(as_of, year_end)] if as_of \
        else []
    a = json.loads(run(capsys, cal, "--format", "json", "--track-record", *extra))
    b = json.loads(run(capsys, fis, "--format", "json", "--track-record", *fis_extra))
    assert b["year_end"] == year_end and a["year_end"] == "12-31"
    assert a["targets"] and a["track_record"]["vintages"]  # something was compared
    if as_of is None:
        assert a["outcomes"][0]["status"] == "met"
    same_but_dates(a, b, year_end)
    for lang in ("en", "id"):
        ta = run(capsys, cal, "--lang", lang, "--track-record", *extra)
        tb = run(capsys, fis, "--lang", lang, "--track-record", *fis_extra)
        head_b, fiscal_line, *rest_b = tb.splitlines()
        head_a, *rest_a = ta.splitlines()
        month = {"06-30": ("30 June", "30 Juni"), "03-31": ("31 March", "31 Maret")}[year_end]
        assert fiscal_line == (f"Years are fiscal years ending {month[0]}, each named by the "
                               f"year it ends in." if lang == "en" else
                               f"Tahun adalah tahun fiskal yang berakhir {month[1]}; setiap "
                               f"tahun disebut menurut tahun berakhirnya.")
        today = dt.date.today().isoformat()  # past due at today: today in both runs
        assert "\n".join(rest_b).replace(today, "today") == moved(
            "\n".join(rest_a).replace(today, "today"), year_end)
        assert not re.search(r"12-31|31 December|Desember", tb)


def test_a_fiscal_year_is_one_annual_point_and_as_of_a_year_is_its_year_end(tmp_path,
                                                                            capsys):
    folder = write(tmp_path / "fis", "06-30")
    doc = json.loads(run(capsys, folder, "--format", "json", "--as-of", "2022"))
    assert doc["as_of"] == "2022-06-30" and doc["year_end"] == "06-30"
    assert doc["scheme"]["year_end"] == "06-30"
    (members,) = [t for t in doc["targets"] if t["metric"] == "members"]
    assert members["target_date"] == "2030-06-30"
    assert members["last_observed"]["date"] == "2022-06-30"
    assert members["data_quality"]["annual_points"] == 11  # 2012-2022, one a fiscal year
    assert members["data_quality"]["first"] == "2012-06-30"
    assert [h["date"] for h in members["history"]][:2] == ["2012-06-30", "2013-06-30"]


def test_data_check_counts_a_fiscal_schemes_annual_points(tmp_path, capsys):
    folder = write(tmp_path / "fis", "06-30")
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("land ")
               and " members " in line)
    # rows, year-end rows, first, last: the file's own dates.
    assert row.split()[2:] == ["13", "12", "2012-06-30", "2024-03-30"]
    assert "recur" not in out and "expected a year-end" not in out
    assert '; fiscal years ending 30 June (year_end = "06-30"); ' in out


def test_a_fiscal_scheme_read_at_31_december_gets_the_mirror_advice(tmp_path, capsys):
    head = SYNTHETIC_SCHEME_HEAD.format(what="fiscal", level="county").replace(
        "[scheme]\n", '[scheme]\nyear_end = "06-30"\n', 1)
    obs = [("land", "members", f"{y}-12-31", round(m)) for y, m in zip(YEARS, MEMBERS)]
    folder = write_rows(tmp_path / "d", head + SYNTHETIC_COVERAGE_METRICS, REGIONS, UNIT, obs,
                        [("land", "members", "2030-06-30", 4.5e6)])
    out = run(capsys, folder)
    assert ("its readings recur each year on 31 December (12-31), but the scheme's years end "
            "on 30 June (year_end = \"06-30\" in scheme.toml); set year_end = \"12-31\" in "
            "scheme.toml's [scheme] if the scheme's year ends on 31 December (README: Fiscal "
            "years)") in out
    assert "pada 31 Desember (12-31), tetapi tahun skema ini berakhir 30 Juni" in run(
        capsys, folder, "--lang", "id")
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert ("land members: its readings recur each year on 12-31 and 0 fall at a year-end "
            "(06-30)") in out
    assert "target dated" not in out  # 2030-06-30 is this scheme's year-end


@pytest.mark.parametrize("value", ['"06-15"', '"02-28"', '"02-29"', '"01-31"', '"6-30"',
                                   '"06-31"', '"13-31"', '630', '"June"', '""'])
def test_a_bad_year_end_is_one_line_naming_the_file_and_key(tmp_path, capsys, value):
    folder = write(tmp_path / "fis", "06-30")
    toml = folder / "scheme.toml"
    toml.write_text(toml.read_text().replace('year_end = "06-30"', f"year_end = {value}"))
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert err.startswith(f"error: {toml}: key 'scheme.year_end': expected the last day of a "
                          f"month from March to December") or \
        f"{toml}: key 'scheme.year_end': expected the last day of a month" in err
    assert err.endswith(f"found {value if value == '630' else repr(value.strip(chr(34)))}")


def test_a_date_window_near_pandas_last_day_is_clipped_not_a_traceback(tmp_path, capsys):
    folder = write(tmp_path / "fis", "03-31")
    toml = folder / "scheme.toml"
    toml.write_text(toml.read_text() + '\n[dates]\ntarget = ["1900-01-01", "2261-12-31"]\n')
    with open(folder / "targets.csv", "a", encoding="utf-8") as f:
        f.write("land,members,2261-06-30,9000000,people,syn,SYNTHETIC,\n")
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert "targets.csv" in err and "2261-06-30" in err and "2261-03-31" in err


@pytest.mark.slow
def test_the_batch_of_a_fiscal_scheme_prints_30_june_in_both_languages(tmp_path, capsys):
    from pypdf import PdfReader

    folder = write(tmp_path / "fis", "06-30")
    runs = tmp_path / "runs"
    assert main(["batch", "--data-dir", str(folder), "--n-paths", "200", "--jobs", "1",
                 "--runs-dir", str(runs), "--no-track-record", "--as-of", "2023"]) == 0
    capsys.readouterr()
    (run_dir,) = [d for d in runs.iterdir() if d.name != "latest"]
    # --as-of 2023: the fiscal year ending 30 June 2023, once (not moved twice on the way
    # through the batch's notebook parameters).
    for region in ("land", "north"):
        doc = json.loads((run_dir / region / "results.json").read_text())
        assert doc["as_of"] == "2023-06-30" and doc["year_end"] == "06-30"
        assert doc["targets"][0]["last_observed"]["date"] == "2023-06-30"
    assert main(["report", "--runs-dir", str(runs), "--lang", "id", run_dir.name]) == 0
    for lang, june, fiscal in (("en", "30 June 2030", "Years are fiscal years ending 30 June"),
                               ("id", "30 Juni 2030", "tahun fiskal yang berakhir 30 Juni")):
        for pdf in (run_dir / f"summary_{lang}.pdf", run_dir / "land" / f"report_{lang}.pdf",
                    run_dir / "north" / f"report_{lang}.pdf"):
            text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
            assert june in text and fiscal in text, pdf
            assert not re.search(r"12-31|31 December|31 Desember|end-20", text), pdf


def test_compare_as_of_names_the_fiscal_days(tmp_path, capsys):
    folder = write(tmp_path / "fis", "06-30")
    assert main(["compare", "2021", "2023", "--as-of", "--data-dir", str(folder),
                 "--n-paths", "100", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["a"], doc["b"]) == ("as of 2021-06-30", "as of 2023-06-30")
    assert {t["target_date"] for t in doc["targets"]} == {"2030-06-30", "2032-06-30"}


def test_the_notebooks_observation_table_shows_the_files_dates(tmp_path):
    from forecast import data, tables

    panel = data.load_panel(write(tmp_path / "fis", "06-30"))
    obs = tables.observations_table(panel, "land", "2022")
    keys = tables.keyed(obs)
    members = keys[keys["metric"] == panel.scheme.label("members")]
    assert f"{members['date'].min():%Y-%m-%d}" == "2012-06-30"
    assert f"{members['date'].max():%Y-%m-%d}" == "2022-06-30"  # --as-of 2022: 30 June 2022
    summary = tables.keyed(tables.observations_summary(obs)).set_index("metric")
    assert summary.loc[panel.scheme.label("members"), "year_end_readings"] == 11


def test_31_december_is_written_out_under_fiscal_years():
    # "end-2024" under fiscal years ending 30 June could be read as 30 June 2024.
    from forecast.fiscal import use_year_end
    from forecast.report.i18n import by_date
    from forecast.report.numbers import short_date

    try:
        use_year_end("06-30")
        assert short_date("2024-12-31", "en") == "Dec 2024"
        assert short_date("2024-12-31", "id") == "Des 2024"
        assert short_date("2024-06-30", "en") == "Jun 2024"
        assert by_date("2026-12-31", "en") == "by 31 December 2026"
        use_year_end(None)
        assert short_date("2024-12-31", "en") == "end-2024"
        assert by_date("2026-12-31", "id") == "pada akhir 2026"
    finally:
        use_year_end(None)


def test_the_summary_projects_regions_without_targets_to_a_year_every_one_reaches():
    # The column used to be fixed at end-2026: a run whose data end in 2026 showed a dash
    # in every row, and a fiscal scheme's "end-2026" named the wrong day.
    from forecast.fiscal import use_year_end
    from forecast.report.summary import _year_end_words, latest_and_projected, projected_year

    def region(first_year):
        return {"targets": [], "observations": [], "projections": [
            {"projected": True, "metric": "members", "unit": "persons",
             "fan": [{"year": y, "p10": 1e6 * (y - 2000), "p50": 2e6 * (y - 2000),
                      "p90": 3e6 * (y - 2000)} for y in range(first_year, first_year + 4)]}]}

    run = [("a", region(2027), {}), ("b", region(2028), {})]
    assert projected_year(run) == 2028
    row = latest_and_projected(run[0][1], "en", projected_year(run))
    assert row["projected"] != "\u2014" and "56" in row["projected"]  # 2e6 x 28, told apart
    try:
        use_year_end("06-30")
        assert _year_end_words(2028, "en") == "30 June 2028"
        assert _year_end_words(2028, "id") == "30 Juni 2028"
        use_year_end(None)
        assert _year_end_words(2028, "en") == "end-2028"
    finally:
        use_year_end(None)
