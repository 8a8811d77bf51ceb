"""What a manager reading the run text or the PDFs trips over, fourth round: regions named
by their ids ("bengkulu") where the reader expects their names ("Bengkulu"), one value
written two ways on one page ("45.22M" beside "million", "juta" beside "jt"), a table row
split over two pages and a page left nearly empty.

The runs here use the shipped data (data/regions.csv names the regions); each oracle is a
hand-written string or a hand-counted number, never the code under test.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from forecast.cli import main


def _run(capsys, *args) -> str:
    assert main(["run", "--n-paths", "300", *args]) == 0
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def national_json(shipped_national) -> dict:
    return shipped_national


# --- 1. Regions by name, metrics by label --------------------------------------------


def test_speed_records_name_the_region_in_the_run_text(capsys):
    # The fastest year in the data is Bengkulu's 2023-2024 (212.3k -> 261.8k, +23.3 %);
    # regions.csv names it "Bengkulu" and the top region "Indonesia".
    en = _run(capsys, "--region", "national")
    assert "23.3%/yr (Bengkulu, active participants, 2023-2024)" in en
    assert "national 17.0%/yr (Indonesia, active participants, 2021-2022)" in en
    assert "(Jawa Timur, coverage, 2021-2022)" in en
    assert "(bengkulu," not in en and "(jawa-timur," not in en and "(national," not in en
    id_ = _run(capsys, "--region", "national", "--lang", "id")
    assert "23,3%/tahun (Bengkulu, peserta aktif, 2023-2024)" in id_
    assert "(bengkulu," not in id_


def test_results_json_keeps_the_id_beside_the_name(national_json):
    active = next(t for t in national_json["targets"]
                  if t["metric"] == "active_total" and t["target_date"] == "2026-12-31")
    record = active["speed"]["record"]
    assert (record["region"], record["region_name"]) == ("bengkulu", "Bengkulu")
    nat = active["speed"]["national_record"]
    assert (nat["region"], nat["region_name"]) == ("national", "Indonesia")


def test_the_speed_chart_and_table_name_region_and_metric(national_json):
    from forecast.records import speed_table
    from forecast.tablewords import keyed
    from forecast.report.speedfig import speed_rows

    rows = speed_rows(national_json["targets"], "en")
    labels = {r["record_label"] for r in rows}
    assert "Bengkulu 2023-2024" in labels and "Indonesia 2015-2016" in labels
    assert not any(lb and lb.split()[0] in {"bengkulu", "national", "jawa-timur"}
                   for lb in labels)
    table = keyed(speed_table(national_json))
    assert "Bengkulu, Active participants 2023-2024" in set(table["record_by"])
    assert not any("active_total" in str(v) for v in table["record_by"])
    assert "Active participants" in set(table["metric"])  # the label, as the reach table


def test_the_reach_table_names_the_metric_by_its_label(national_json):
    from forecast.reach import reach_table
    from forecast.tablewords import keyed
    from forecast.styles import styled

    table = keyed(reach_table(national_json))
    assert {"Active participants", "Investment funds"} <= set(table["metric"])
    # and the reachability table's "last-3y from" is a date as the other date columns are
    from forecast import tables

    html = styled(tables.reachability_table(national_json)).to_html()
    assert "2022-12-31" not in html and "31 Dec 2022" in html


def test_a_reason_names_the_region_by_its_name(capsys):
    # Kanwil DKI Jakarta has no active-participant reading at all.
    en = _run(capsys, "--region", "kanwil-dki-jakarta")
    assert "no observations of active participants for Kanwil DKI Jakarta" in en
    assert "for kanwil-dki-jakarta" not in en
    id_ = _run(capsys, "--region", "kanwil-dki-jakarta", "--lang", "id")
    assert "tidak ada pengamatan peserta aktif untuk Kanwil DKI Jakarta" in id_


def test_a_reason_in_the_pdf_words_names_the_region():
    from forecast.report.build import skip_reason

    why = {"code": "no_observations", "metric": "active_total", "region": "kanwil-dki-jakarta",
           "region_name": "Kanwil DKI Jakarta", "as_of": None}
    assert skip_reason(why, "en") == ("no observations of active participants for "
                                      "Kanwil DKI Jakarta")
    assert skip_reason(why, "id") == ("tidak ada pengamatan peserta aktif untuk "
                                      "Kanwil DKI Jakarta")


# --- 2. One way of writing a value per page --------------------------------------------

#: A data quality with an outlying year-end and a nowcast (made-up values).
_DQ = {"label": "good", "annual_points": 10, "first": "2014-12-31", "last": "2024-12-31",
       "gaps": [], "sub_annual_points": 0,
       "outlier": {"date": "2024-12-31", "value": 45.22e6, "log_deviation": 0.098,
                   "neighbours": ["2024-11-30", "2025-02-28"], "replaced_by": 41.02e6},
       "nowcast": {"from_date": "2025-10-31", "from_value": 42.7e6, "value": 44.02e6,
                   "year_end": "2025-12-31", "method": "seasonal_ratio", "sd_log": 0.037}}


def test_the_pdf_quality_line_writes_counts_as_the_page_does():
    from forecast.report.build import quality_reason

    entry = {"unit": "persons"}
    en = quality_reason(_DQ, "en", entry).replace("\u00a0", " ")
    assert "year-end 31 December 2024 (45.2 million)" in en and "fitted as 41.0 million" in en
    assert "(42.7 million), nowcast to 44.0 million at 31 December 2025" in en
    # and its dates as the page's other dates (they read 2024-12-31)
    assert "the readings of 30 November 2024 and 28 February 2025" in en
    assert "2024-12-31" not in en and "2025-10-31" not in en
    # The percent sign as the page writes it ("4.9 %"), not "+9.8%" and "(sd 3.7%)".
    assert "is +9.8 % off the line" in en and "(sd 3.7 %)" in en
    assert "45.22M" not in en and "M)" not in en
    id_ = quality_reason(_DQ, "id", entry).replace("\u00a0", " ")
    assert "akhir tahun 31 Desember 2024 (45,2 juta)" in id_ and "dipakai 41,0 juta" in id_


def test_a_coverage_quality_line_writes_its_count_as_persons():
    from forecast.report.build import quality_reason

    # A coverage target's line names the readings of the participants it moves with: those
    # are persons, though the target's unit is percent (not "45,220,000.0 %").
    dq = {**_DQ, "coverage": {"anchor_date": "2025-10-31", "anchor_value": 37.01,
                              "denominator": "ucj_base", "moved_with": "region",
                              "numerator": "active_total", "employment_growth": 0.025,
                              "earlier_readings": 1}}
    en = quality_reason(dq, "en", {"unit": "percent"}).replace("\u00a0", " ")
    assert "year-end 31 December 2024 (45.2 million)" in en and "(42.7 million)" in en
    assert "coverage anchored on the 31 October 2025 reading" in en
    assert "45,220,000" not in en and "45.22M" not in en


def test_the_indonesian_run_text_writes_jt_in_the_quality_row_too(capsys):
    text = _run(capsys, "--region", "national", "--lang", "id")
    rows = [line for line in text.splitlines() if line.lstrip().startswith("Kualitas data")]
    assert rows and "akhir tahun 2024-12-31 (45,22 jt)" in rows[0]
    assert "dipakai 41,02 jt" in rows[0]
    assert not any("juta" in r for r in rows)
    # The coverage targets' rows name the participants' readings the same way.
    assert sum("(45,22 jt)" in r for r in rows) == 4  # 70M, and the 2026, 2029, 2045 coverage
    # The rest of the table says "jt" too (the last reading of the 70M target).
    assert "Nilai terakhir         42,70 jt (2025-10-31)" in text
    # and writes "0,1%" with no space: so do the quality, "why it slows" and segment rows
    # (they said "+9,8 %", "15,1 %/tahun", "64,1 %").
    assert "menyimpang +9,8% dari garis" in rows[0]
    assert "sejak 2014 (15,1%/tahun)" in text and "(64,1% pada 30 April 2025)" in text
    assert not any(ch.isdigit() and text[i + 1:i + 3] == " %" for i, ch in enumerate(text))


# --- 4. The type of a projection's ceiling note says what it holds -----------------------


def test_the_ceiling_note_is_annotated_as_the_reason_object_it_holds():
    import typing

    from forecast.projected import Projected

    hint = typing.get_type_hints(Projected)["ceiling_note"]
    assert hint == (dict | None), hint
    assert "reason object" in Projected.__doc__


# --- 3. The summary's layout: rows whole, no near-empty page -----------------------------

#: The structural fund model's inputs as the summary names them (report/explain.py words).
FUND_INPUTS = {
    "en": ("Fund at the start (Rp trillion)", "Investment return a year",
           "Contributions per active participant a year (Rp)",
           "Benefits paid a year, as a share of the fund"),
    "id": ("Dana awal (Rp triliun)", "Imbal hasil investasi per tahun",
           "Iuran per peserta aktif per tahun (Rp)",
           "Manfaat dibayar per tahun, sebagai bagian dari dana"),
}


@pytest.fixture(scope="module")
def summary_run(tmp_path_factory) -> Path:
    runs = tmp_path_factory.mktemp("runs")
    assert main(["batch", "--regions", "national,bengkulu,dki-jakarta", "--n-paths", "300",
                 "--jobs", "1", "--lang", "en", "--runs-dir", str(runs)]) == 0
    run = (runs / "latest").resolve()
    assert main(["report", run.name, "--lang", "id", "--runs-dir", str(runs)]) == 0
    return run


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [" ".join(p.replace("\u00a0", " ").split()) for p in text.split("\f")[:-1]], \
        [len([ln for ln in p.splitlines() if ln.strip()]) for p in text.split("\f")[:-1]]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.parametrize("lang", ["en", "id"])
def test_summary_keeps_the_fund_inputs_on_one_page_and_fills_its_pages(summary_run, lang):
    pages, lines = _pages(summary_run / f"summary_{lang}.pdf")
    # The four inputs of the cross-check: on one page, not three here and one over the page.
    holding = {i for i, page in enumerate(pages) for name in FUND_INPUTS[lang] if name in page}
    assert len(holding) == 1, (lang, holding)
    (page,) = holding
    assert all(name in pages[page] for name in FUND_INPUTS[lang])
    # No page but the last holds only a heading and a chart: the growth chart page held
    # 5 lines of text (heading, two of intro, the footer) before a forced break.
    assert all(n >= 30 for n in lines[:-1]), (lang, lines)


# --- 5. What reading every page found ----------------------------------------------------


def test_the_joint_probability_names_its_two_targets():
    from forecast.report.build import optional_sections

    results = {"joint": {"probability": 0.0004, "targets": ["active_total", "fund_investment"],
                         "target_values": [70e6, 1001.0], "target_date": "2026-12-31"}}
    en = optional_sections(results, "en")["joint"]["line"].replace("\u00a0", " ")
    assert en.startswith("Probability that both are met, 70 million active participants and "
                         "Rp1,001 trillion of investment funds by end-2026: <0.1 %.")
    id_ = optional_sections(results, "id")["joint"]["line"].replace("\u00a0", " ")
    assert id_.startswith("Probabilitas keduanya tercapai, 70 juta peserta aktif dan dana "
                          "investasi Rp1.001 triliun pada akhir 2026: <0,1 %.")


def test_regions_without_targets_are_listed_by_name():
    from forecast.report.summary import summary_rows

    # "Kabupaten Gianyar" (id gianyar) sorted by its id fell between Bengkulu and Gorontalo.
    def results(name):
        return {"region_name": name, "targets": [], "projections": [], "observations": []}

    run = [("gianyar", results("Kabupaten Gianyar"), {}), ("bengkulu", results("Bengkulu"), {}),
           ("gorontalo", results("Gorontalo"), {})]
    _, rest = summary_rows(run, "en")
    assert [r["region"] for r in rest] == ["Bengkulu", "Gorontalo", "Kabupaten Gianyar"]


def test_readings_on_other_bases_are_said_so_and_one_reading_is_singular():
    from forecast.reasons import quality_text, reason_text

    why = {"code": "different_denominator", "target_denominator": "other",
           "reading_denominators": ["eligible_workers", "other", "ucj_base"]}
    assert reason_text(why) == (
        "coverage target on another base; the readings are on eligible workers, other "
        "bases, UCJ indicator base: percentages of different bases are not compared")
    assert "memenuhi syarat, berbagai basis lain, indikator UCJ:" in reason_text(why, "id")
    dq = {"label": "good", "annual_points": 3, "first": "2021-12-31", "last": "2023-12-31",
          "gaps": [], "sub_annual_points": 0,
          "coverage": {"anchor_date": "2025-10-31", "anchor_value": 37.01,
                       "denominator": "ucj_base", "moved_with": "region",
                       "employment_growth": 0.025, "earlier_readings": 1}}
    assert "; 1 earlier reading on the same base shown, not fitted;" in quality_text(dq)


def test_pdf_outcome_lines_write_dates_as_the_page_does():
    from forecast.report.build import outcome_verdicts

    # A past-due target between two readings (made-up values): the verdict's dates read
    # "31 October 2024" like every other date of the page, not "2024-10-31".
    results = {"outcomes_as_of": "2025-11-30", "outcomes": [
        {"metric": "fund_investment", "target_value": 812.66, "target_date": "2024-12-31",
         "unit": "IDR_trillion", "status": "not_in_data", "observed": None,
         "before": {"date": "2024-10-31", "value": 782.0},
         "after": {"date": "2025-03-31", "value": 801.3},
         "latest": {"date": "2025-10-31", "value": 860.0}}]}
    for lang, dates in (("en", ("31 October 2024", "31 March 2025")),
                        ("id", ("31 Oktober 2024", "31 Maret 2025"))):
        (line,) = outcome_verdicts(results, lang)
        text = "".join(s["text"] for s in line)
        assert all(d in text for d in dates), text
        assert "2024-10-31" not in text and "2025-03-31" not in text


def test_the_english_pdf_verdict_writes_percent_as_the_page_does(national_json):
    from forecast.report import i18n
    from forecast.report.words import set_scheme

    # The funds' "why it slows" clause said "(15.1%/yr)" beside "(probability 17 %)".
    fund = next(t for t in national_json["targets"] if t["metric"] == "fund_investment")
    set_scheme(national_json["scheme"])
    try:
        text = "".join(s["text"] for s in i18n.verdict(fund, "en")).replace("\u00a0", " ")
    finally:
        set_scheme(None)
    assert "growing at its average rate since 2014 (15.1 %/yr)" in text, text
    assert not any(ch.isdigit() and text[i + 1:i + 2] == "%" for i, ch in enumerate(text))


def test_indonesian_readings_without_a_stated_base_are_said_in_indonesian():
    from forecast.reasons import reason_text

    # "pembacaan berbasis tidak dinyatakan" read "readings based on not stated".
    why = {"code": "different_denominator", "target_denominator": "not_stated",
           "reading_denominators": ["not_stated", "ucj_base"]}
    assert reason_text(why, "id") == (
        "target cakupan tanpa basis yang dinyatakan; pembacaan berbasis indikator UCJ dan "
        "sebagian tanpa basis yang dinyatakan: persentase dengan basis berbeda tidak "
        "dibandingkan")
    assert "the readings are on no stated base, UCJ indicator base:" in reason_text(why)
    alone = {**why, "reading_denominators": ["not_stated"]}
    assert "; pembacaan tanpa basis yang dinyatakan:" in reason_text(alone, "id")
