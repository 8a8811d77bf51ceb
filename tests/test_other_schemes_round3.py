"""Other schemes through ``--data-dir``, third realism round: a scheme that publishes at a
fiscal year-end, names in other scripts, and further shapes of published histories.

Every folder here is SYNTHETIC, written by the test: made-up numbers that describe no real
scheme. Each oracle is the data itself or a hand-written string, never the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows

from forecast.cli import main

SCHEME = SYNTHETIC_SCHEME_HEAD.format(what="round-3", level="county") + SYNTHETIC_COVERAGE_METRICS
UNIT = {"members": "people", "pop": "people", "cov": "pct"}
REGIONS = (("land", "Land", "land", ""), ("north", "North", "county", "land"))
#: Members growing ~9 %/yr from 3.0M, read once a year (SYNTHETIC).
MEMBERS = [3.0e6, 3.3e6, 3.6e6, 4.0e6, 4.4e6, 4.8e6, 5.3e6, 5.8e6, 6.3e6, 6.9e6]


def write(folder: Path, observations, targets, scheme: str = SCHEME, regions=REGIONS) -> Path:
    """A SYNTHETIC data folder; rows are (region, metric, date, value)."""
    return write_rows(folder, scheme, regions, UNIT, observations, targets)


def at(month_day: str, region: str, metric: str, values, first: int = 2014):
    """(region, metric, date, value) rows at ``month_day`` of each year from ``first``."""
    return [(region, metric, f"{first + i}-{month_day}", v) for i, v in enumerate(values)]


def run_out(capsys, folder: Path, *extra) -> str:
    assert main(["run", "--data-dir", str(folder), "--n-paths", "200", *extra]) == 0
    return capsys.readouterr().out


# ------------------------------------------------------------------ fiscal year-ends


def test_a_count_read_at_a_fiscal_year_end_says_the_date_found_and_what_to_do(tmp_path,
                                                                               capsys):
    folder = write(tmp_path / "d", at("06-30", "land", "members", MEMBERS),
                   [("land", "members", "2027-06-30", 10e6)])
    out = run_out(capsys, folder)
    assert ("no year-end observations of members for Land (the top region); at least 3 "
            "are needed: its readings recur each year on 30 June (06-30), as at a fiscal "
            "year-end, but years are counted to 31 December; set year_end = \"06-30\" in "
            "scheme.toml's [scheme] if the scheme's year ends on 30 June (README: Fiscal "
            "years)") in out
    out = run_out(capsys, folder, "--lang", "id")
    assert "pembacaannya berulang setiap tahun pada 30 Juni (06-30)" in out
    doc = json.loads(run_out(capsys, folder, "--format", "json"))
    (skipped,) = doc["skipped"]
    assert skipped["reason"]["recurs_at"] == "06-30"


def test_coverage_read_at_31_march_names_its_day_too(tmp_path, capsys):
    folder = write(tmp_path / "d", at("03-31", "land", "cov", [30 + 2 * i for i in range(10)]),
                   [("land", "cov", "2030-03-31", 60)])
    out = run_out(capsys, folder)
    assert "no members and population counts to move it with; at least 3 are needed: its " \
           "readings recur each year on 31 March (03-31)" in out


def test_check_warns_once_on_a_target_whose_readings_recur_at_a_fiscal_year_end(tmp_path,
                                                                               capsys):
    folder = write(tmp_path / "d", at("06-30", "land", "members", MEMBERS),
                   [("land", "members", "2026-12-31", 10e6),
                    ("land", "members", "2027-12-31", 11e6)])
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.count("recur each year") == 1
    assert ("targets.csv:2: warning: land members: its readings recur each year on 06-30 and 0 "
            "fall at a year-end (12-31); expected 3 or more year-ends") in out


def test_december_readings_beside_fiscal_ones_are_no_fiscal_scheme(tmp_path, capsys):
    rows = at("06-30", "land", "members", MEMBERS) + at("12-31", "land", "members", MEMBERS)
    folder = write(tmp_path / "d", rows, [("land", "members", "2027-12-31", 10e6)])
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    assert "recur" not in capsys.readouterr().out
    assert "recur" not in run_out(capsys, folder)


# ------------------------------------------------------------------ names in other scripts

THAI, CHINESE, KOREAN = "ประเทศไทย", "广东省", "가입자"
VIETNAMESE, ARABIC = "Hà Nội – Thừa Thiên Huế", "الرياض"


def _typst_prints_a_box(tmp_path: Path, text: str) -> bool:
    """Whether typst, with its embedded fonts and the added ones under the reports' font
    list (as the reports compile), prints a character of ``text`` as the empty box: glyph 0
    (.notdef) shown in the page's text."""
    import io
    import re

    import typst
    from pypdf import PdfReader

    from forecast.fonts import font_folders

    common = (Path(__file__).resolve().parents[1] / "src" / "forecast" / "report" / "templates"
              / "common.typ").read_text(encoding="utf-8")
    fonts = re.search(r"set text\(font: (\(.*?\)),", common, flags=re.S).group(1)
    (tmp_path / "t.typ").write_text(f"#set text(font: {fonts})\n{text}\n", encoding="utf-8")
    pdf = typst.compile(str(tmp_path / "t.typ"), font_paths=font_folders(),
                        ignore_system_fonts=True)
    content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()
    shown = re.findall(rb"\((.*?)\)\s*Tj|\[(.*?)\]\s*TJ", content, flags=re.S)
    glyphs = b"".join(a + b for a, b in shown).replace(b"\\000", b"\x00")
    return any(glyphs[i:i + 2] == b"\x00\x00" for i in range(0, len(glyphs) - 1))


def test_the_table_of_printable_characters_agrees_with_what_typst_prints(tmp_path):
    from forecast.glyphs import pdf_characters

    def in_table(c):
        return any(a <= ord(c) <= b for a, b in pdf_characters())

    for c in "广한ひ":  # Chinese, Korean, Japanese: boxes
        assert _typst_prints_a_box(tmp_path, c) and not in_table(c), c
    for c in "ộữЖΩرשไก":  # Vietnamese, Cyrillic, Greek, Arabic, Hebrew, Thai, Khmer: printed
        assert not _typst_prints_a_box(tmp_path, c) and in_table(c), c


def _check_regions(tmp_path, capsys, regions) -> tuple[Path, str]:
    """`data check` of a one-metric folder with these regions: the folder and the output."""
    folder = write(tmp_path / "d", at("12-31", "land", "members", MEMBERS),
                   [("land", "members", "2027-12-31", 10e6)], regions=regions)
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    return folder, capsys.readouterr().out


def test_check_names_a_region_name_the_reports_would_print_as_boxes(tmp_path, capsys):
    regions = (("land", THAI, "land", ""), ("gd", CHINESE, "county", "land"),
               ("hn", VIETNAMESE, "county", "land"), ("ry", ARABIC, "county", "land"))
    folder, out = _check_regions(tmp_path, capsys, regions)
    assert ("regions.csv:3: warning: region gd name '广东省' has Chinese/Japanese (CJK) "
            "characters ('广' U+5E7F) that the PDFs' and the charts' fonts lack: the reports "
            "print them as empty boxes (the run text is unaffected)") in out
    assert out.count("empty boxes") == 1  # Thai, Vietnamese and Arabic print
    assert f"name '{THAI}'" not in out
    # The run text is printed by the terminal: the name as written.
    assert THAI in run_out(capsys, folder)


def test_a_batch_names_in_one_line_the_names_its_reports_print_as_boxes(tmp_path, capsys,
                                                                         caplog):
    scheme = SCHEME.replace('en = "Members"', f'en = "{KOREAN}"')
    regions = (("land", "Land", "land", ""), ("gd", CHINESE, "county", "land"),
               ("hn", VIETNAMESE, "county", "land"))
    rows = at("12-31", "land", "members", MEMBERS) + at("12-31", "gd", "members", MEMBERS) \
        + at("12-31", "hn", "members", MEMBERS)
    folder = write(tmp_path / "d", rows, [("land", "members", "2027-12-31", 10e6)],
                   scheme=scheme, regions=regions)
    runs = tmp_path / "runs"
    assert main(["batch", "--data-dir", str(folder), "--runs-dir", str(runs), "--n-paths",
                 "100", "--jobs", "1", "--no-track-record"]) == 0
    said = [r.getMessage() for r in caplog.records if "empty boxes" in r.getMessage()]
    assert said == ["2 names of the reports have Korean (Hangul), Chinese/Japanese (CJK) "
                    "characters that the PDFs' or the charts' fonts lack: scheme.toml "
                    "metrics.members.en '가입자'; region gd name '广东省'; the reports print "
                    "them as empty boxes (the run text is unaffected); expected Latin, Greek, "
                    "Cyrillic, Hebrew, Arabic, Armenian, Georgian, Thai or Khmer letters "
                    "(README: Names in other scripts)"]
    # The Indonesian reports print "Anggota": only the region's name is left.
    caplog.clear()
    (run,) = [p.name for p in runs.iterdir() if not p.is_symlink()]
    assert main(["report", run, "--runs-dir", str(runs), "--lang", "id"]) == 0
    said = [r.getMessage() for r in caplog.records if "empty boxes" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("1 name of the reports has Chinese")


# ------------------------------------------------------------------ readings near a year-end

#: Members read each 28 December (a last working day), 3.0M growing 8 %/yr (SYNTHETIC):
#: 2019-12-28 holds 3.0M x 1.08^5 = 4,407,984 and 2020-12-28 3.0M x 1.08^6 = 4,760,623.
NEAR = at("12-28", "land", "members", [round(3.0e6 * 1.08 ** i) for i in range(10)])


def test_a_past_target_is_settled_by_the_reading_counted_as_its_year_end(tmp_path, capsys):
    folder = write(tmp_path / "d", NEAR, [("land", "members", "2019-12-31", 4.0e6),
                                          ("land", "members", "2020-12-31", 5.0e6),
                                          ("land", "members", "2027-12-31", 8e6)])
    out = run_out(capsys, folder)
    assert "Members >= 4.00M people by 2019-12-31: met: 4.41M people on 2019-12-28" in out
    assert "Members >= 5.00M people by 2020-12-31: missed: 4.76M people on 2020-12-28" in out
    doc = json.loads(run_out(capsys, folder, "--format", "json"))
    first = doc["outcomes"][0]
    assert first["observed"] == {"date": "2019-12-28", "value": 4407984.0, "source_id": "syn",
                                 "counted_as": "2019-12-31"}


def test_speed_records_count_the_readings_near_a_year_end_as_the_fits_do(tmp_path, capsys):
    folder = write(tmp_path / "d", NEAR, [("land", "members", "2027-12-31", 8e6)])
    doc = json.loads(run_out(capsys, folder, "--format", "json"))
    speed = doc["targets"][0]["speed"]
    # Ten year-ends 2014-2023, a target 4 years after the last: windows 2014-2018 .. 2019-2023,
    # each growing 8 %/yr (rounding of the readings aside).
    assert speed["window_years"] == 4 and speed["n_windows"] == 6
    assert abs(speed["record"]["cagr"] - 0.08) < 1e-6
    out = run_out(capsys, folder)
    assert "no series of this kind has year-ends" not in out


def test_many_readings_counted_as_year_ends_are_named_in_one_clause(tmp_path, capsys):
    folder = write(tmp_path / "d", NEAR, [("land", "members", "2027-12-31", 8e6)])
    out = run_out(capsys, folder)
    assert ("10 year-end points; 2014-2023; 10 readings counted as the year-end near them "
            "(2014-12-28 as 2014-12-31 to 2023-12-28 as 2023-12-31)") in out
    assert "the 2015-12-28 reading counted as year-end" not in out


def test_a_comparison_of_runs_that_assess_nothing_says_why(tmp_path, capsys):
    folder = write(tmp_path / "d", at("06-30", "land", "members", MEMBERS),
                   [("land", "members", "2027-06-30", 10e6)])
    assert main(["compare", "2021", "2023", "--as-of", "--data-dir", str(folder),
                 "--n-paths", "100"]) == 0
    out = capsys.readouterr().out
    assert "No target is assessed on either side: nothing to compare." in out
    assert ("Not assessed in the data as of 2023-12-31: Members by 2027-06-30: no year-end "
            "observations of members for Land (the top region)") in out
    assert main(["compare", "2021", "2023", "--as-of", "--data-dir", str(folder),
                 "--n-paths", "100", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["targets"] == [] and doc["not_assessed"][0]["reason"]["recurs_at"] == "06-30"


# ------------------------------------------------------------------ coverage as a fraction


def test_coverage_written_as_a_fraction_of_its_counts_is_refused(tmp_path, capsys):
    """A data-check warning once; the run went on and read 0.3 as 0.3 % (session 27): now
    loading refuses it, for every command."""
    members = [6.0e6, 6.3e6, 6.6e6]
    rows = (at("12-31", "land", "members", members) + at("12-31", "land", "pop", [20e6] * 3)
            + at("12-31", "land", "cov", [0.3, 0.315, 33.0]))  # 30 %, 31.5 % as fractions
    folder = write(tmp_path / "d", rows, [("land", "cov", "2030-12-31", 60)])
    for argv in (["data", "check"], ["run", "--n-paths", "100"]):
        assert main([*argv, "--data-dir", str(folder)]) == 2
        # Header line 1, members lines 2-4, pop 5-7, cov 8-10.
        assert capsys.readouterr().err == (
            f"forecast: error: {folder / 'observations.csv'}:8: column 'value': land cov 0.3 "
            "on 2014-12-31 is a hundredth of members / pop on that date (30.0 %), and so is 1 "
            "more reading; expected a percentage (30.0), not a fraction\n")


def test_check_warns_on_two_regions_of_one_name(tmp_path, capsys):
    regions = (("land", "Land", "land", ""), ("north", "North", "county", "land"),
               ("north-c", "Central", "county", "land"), ("south-c", "Central", "county", "land"))
    folder, out = _check_regions(tmp_path, capsys, regions)
    assert ("regions.csv:5: warning: region south-c name 'Central' is also region north-c's "
            "(line 4); expected distinct names, as the reports list regions by name (e.g. "
            "with the parent's: 'Central (Land)')") in out


def test_check_warns_on_a_target_a_thousand_times_off_its_readings(tmp_path, capsys):
    # The last reading is 6.9M (2023-12-31): 10 is 1/690,000 of it, 7e9 is 1,014 times.
    folder = write(tmp_path / "d", at("12-31", "land", "members", MEMBERS),
                   [("land", "members", "2027-12-31", 10), ("land", "members", "2028-12-31", 7e9),
                    ("land", "members", "2029-12-31", 9e6)])
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert ("targets.csv:2: warning: land members target 2027-12-31: 10 is 1/690,000 of its "
            "latest reading 6,900,000 (2023-12-31); expected the scale of the readings (a value "
            "in another unit or scale?)") in out
    assert "targets.csv:3: warning: land members target 2028-12-31: 7,000,000,000 is 1,014 " \
           "times its latest reading" in out
    assert out.count("expected the scale") == 2


def test_a_region_read_only_through_the_regions_under_it_says_where_the_readings_are(
        tmp_path, capsys):
    regions = REGIONS + (("north-a", "North A", "district", "north"),
                         ("north-b", "North B", "district", "north"))
    scheme = SCHEME.replace('levels = ["land", "county"]', 'levels = ["land", "county", "district"]')
    rows = at("12-31", "land", "members", MEMBERS) \
        + at("12-31", "north-a", "members", [m / 10 for m in MEMBERS])
    folder = write(tmp_path / "d", rows, [("north", "members", "2027-12-31", 1e6)],
                   scheme=scheme, regions=regions)
    out = run_out(capsys, folder, "--region", "north")
    assert ("Members by 2027-12-31: no observations of members for North (regions under it "
            "have readings: North A; a region is not summed from the regions under it, which "
            "may be incomplete: add its own readings)") in out
