"""What a manager reads on the pages of a scheme that is not the shipped one: a health
scheme near full coverage whose pace needs more than two decimals of a point, a pension
fund in euros whose monthly pace is growth (not money paid in a month), and the
reconciliation of a level within one region (districts in a state).

Every data folder here is SYNTHETIC (made-up rows written by the test). PDF text is read
with ``pdftotext``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_scheme_folder

from forecast.cli import main

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is not installed")

_FUND = '''
[units.EUR_billion]
max = 100000
en = "EUR billion"
id = "miliar EUR"

[metrics.reserve]
unit = "EUR_billion"
en = "Reserve fund"
id = "Dana cadangan"

[units.kpers]
max = 1000000
en = "thousand persons"
id = "ribu orang"

[metrics.workers]
unit = "kpers"
en = "Workers"
id = "Pekerja"

[metrics.contributors]
unit = "kpers"
en = "Contributors"
id = "Kontributor"
ceiling = "workers"
'''


def _ye(metric, values, first, den=""):
    unit = {"members": "people", "pop": "people", "cov": "pct", "workers": "kpers",
            "contributors": "kpers"}.get(metric, "EUR_billion")
    return [("land", metric, f"{first + i}-12-31", repr(v), unit, den)
            for i, v in enumerate(values)]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The top region's PDF text in both languages and its results.json targets, of a
    SYNTHETIC health-like scheme near full coverage with a reserve fund in EUR billion:
    coverage rising about 0.2 points a year toward a 98 % target two years on (a pace
    of about 0.02 points a month, needed and achieved), and a fund growing toward its
    target."""
    from forecast.report.render import render_region

    root = tmp_path_factory.mktemp("pages17")
    toml = SYNTHETIC_SCHEME_HEAD.format(what="health", level="district") + \
        SYNTHETIC_COVERAGE_METRICS + _FUND
    pops = [10_000_000 + 50_000 * i for i in range(11)]
    covs = [95.3, 95.5, 95.8, 96.0, 96.2, 96.4, 96.7, 96.9, 97.1, 97.3, 97.5]
    obs = (_ye("pop", pops, 2015) + _ye("members", [round(p * c / 100) for p, c in
                                                    zip(pops, covs)], 2015)
           # Coverage read every other year: its year-ends between are the members'
           # carried back (read every year the count was, the readings are the history).
           + _ye("cov", covs, 2015, "pop")[::2]
           + _ye("reserve", [round(100 * 1.06 ** i, 1) for i in range(11)], 2015)
           + _ye("workers", [round(40_000 * 1.004 ** i, 1) for i in range(11)], 2015)
           + _ye("contributors", [round(24_000 * 1.02 ** i, 1) for i in range(11)], 2015))
    targets = [("land", "cov", "2027-12-31", "98", "pct", "pop"),
               ("land", "reserve", "2030-12-31", "260", "EUR_billion", ""),
               ("land", "contributors", "2028-12-31", "33000", "kpers", "")]
    folder = write_scheme_folder(root / "d", toml, [("land", "Synthland", "land", "")],
                                 obs, targets)
    out = root / "results.json"
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300", "--format", "json",
                 "--output", str(out)]) == 0
    results = json.loads(out.read_text())
    text = {}
    for lang in ("en", "id"):
        pdf = render_region(results, root / "figs", root / f"report_{lang}.pdf", lang)
        raw = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                             check=True).stdout
        text[lang] = re.sub(r"\s+", " ", raw)
    return {"text": text, "targets": {t["metric"]: t for t in results["targets"]}}


def _number(s: str, lang: str) -> float:
    return float(s.replace(",", ".") if lang == "id" else s.replace(",", ""))


@pytest.mark.parametrize("lang,pattern", [
    ("en", r"it would take \+([\d.]+) percentage points a month against ([\d.]+) "
           r"percentage points achieved"),
    ("id", r"dibutuhkan \+([\d,]+) poin persentase per bulan, dibandingkan ([\d,]+) poin "
           r"persentase yang tercapai")])
def test_a_coverage_pace_needed_and_achieved_read_apart(pages, lang, pattern):
    # It printed "+0.02 percentage points a month against 0.02 percentage points achieved"
    # beside "unlikely": the reader saw the pace needed already achieved.
    entry = pages["targets"]["cov"]
    need, got = entry["monthly_needed"], entry["monthly_achieved_last_year"]
    assert round(need, 2) == round(got, 2) and abs(need - got) > 5e-4  # the case at hand
    m = re.search(pattern, pages["text"][lang])
    assert m, pages["text"][lang][:2000]
    shown_need, shown_got = (_number(g, lang) for g in m.groups())
    assert shown_need != shown_got
    # Each shown to within its own rounding of the value in results.json.
    assert abs(shown_need - need) < 5e-4 and abs(shown_got - got) < 5e-4


@pytest.mark.parametrize("lang,needed,wrong", [
    ("en", r"it would take \+[\d.]+ EUR billion of net growth a month",
     r"EUR billion a month"),
    ("id", r"dibutuhkan pertumbuhan bersih per bulan \+[\d,]+ miliar EUR",
     r"miliar EUR per bulan")])
def test_a_fund_in_another_currency_needs_growth_a_month_not_money_a_month(
        pages, lang, needed, wrong):
    # It printed "it would take +1.4 EUR billion a month against 1.0 EUR billion achieved":
    # the fund's monthly growth read as money paid in each month (the shipped rupiah fund
    # said "of net growth a month").
    text = pages["text"][lang]
    assert re.search(needed, text), text[:2500]
    assert not re.search(wrong, text)


@pytest.mark.parametrize("lang,old,crosses", [
    ("en", "sub-annual readings (crosses)", "a coverage's own readings"),
    ("id", "pembacaan bulanan (silang)", "pembacaan cakupan itu sendiri")])
def test_the_chart_caption_does_not_call_year_end_coverage_readings_sub_annual(
        pages, lang, old, crosses):
    # A coverage moved with its count: the chart's dots are the year-ends the count implies
    # and its crosses the coverage readings, all at year-ends; the caption under it said
    # "Observed year-ends (dots), sub-annual readings (crosses)".
    entry = pages["targets"]["cov"]
    assert entry["coverage_basis"]["implied_points"] > 0  # the chart the caption is under
    assert all(h["date"].endswith("-12-31") for h in entry["history"])
    text = pages["text"][lang]
    assert old not in text
    assert crosses in text


@pytest.mark.parametrize("lang,target,reach", [
    ("en", "33 million contributors by end-2028",
     r"Reachable by end-2028: at least ([\d.]+) million persons with 90 % probability, "
     r"([\d.]+) million persons with 50 %, ([\d.]+) million persons with 10 %"),
    ("id", "kontributor 33 juta pada akhir 2028",
     r"Yang dapat dicapai pada akhir 2028: sedikitnya ([\d,]+) juta orang dengan "
     r"probabilitas 90 %, ([\d,]+) juta orang dengan 50 %, ([\d,]+) juta orang dengan "
     r"10 %")])
def test_a_count_in_thousands_is_reachable_in_the_verdicts_own_words(
        pages, lang, target, reach):
    # The verdict said "33 million contributors by end-2028" and, on its next line,
    # "Reachable by end-2028: at least 31,230 thousand persons with 90 % probability": one
    # paragraph, two ways of writing one count, the reader left to convert.
    text = pages["text"][lang]
    assert target in text
    m = re.search(reach, text)
    assert m, text[text.find("2028") - 300:text.find("2028") + 600]
    levels = pages["targets"]["contributors"]["reachable"]["levels"]
    for shown, level in zip(m.groups(), levels):  # thousands of persons, in millions
        assert abs(_number(shown, lang) - level["value"] / 1000) < 0.051


@pytest.mark.parametrize("lang,pattern", [
    ("en", r"of the projected workers \(([\d.]+) million persons\), the most it can reach"),
    ("id", r"dari pekerja yang diproyeksikan \(([\d,]+) juta orang\), nilai terbesar")])
def test_the_ceiling_of_a_count_in_thousands_is_in_the_verdicts_own_words(pages, lang, pattern):
    # "33 million contributors ...; the target is 75.7 % of the projected labour force
    # (43,621 thousand persons)": the ceiling beside the target in another way of writing.
    entry = pages["targets"]["contributors"]
    m = re.search(pattern, pages["text"][lang])
    assert m, pages["text"][lang][:3000]
    assert abs(_number(m.group(1), lang) - entry["bound_value"] / 1000) < 0.051


@pytest.mark.parametrize("lang,old,crosses", [
    ("en", "sub-annual readings, the median", "a coverage's own readings"),
    ("id", "pembacaan antartahun, proyeksi", "pembacaan cakupan itu sendiri")])
def test_the_notebooks_chart_lead_does_not_call_coverage_readings_sub_annual(
        lang, old, crosses):
    # The region notebook's lead above the same charts said "Observed year-end values,
    # sub-annual readings, ..." above a coverage chart of implied year-ends.
    from forecast.notebookwords import section

    lead = str(section("fan", lang))
    assert old not in lead and crosses in lead


# ------------------------------------------------------------ reconciliation of a sub-level


def test_a_level_within_one_region_is_not_adjusted_up_to_it():
    # Districts of a state may not cover the whole state: scaled down only. The table read
    # "factor 1.000, adjustment +4.4 million people" (the gap, never applied).
    from forecast.regional import reconcile

    whole = {2026: {"p10": 90.0, "p50": 100.0, "p90": 110.0}}
    parts = {"d": {2026: {"p10": 30.0, "p50": 40.0, "p90": 50.0}}}
    out = reconcile(whole, parts, bound_only=True)
    assert out["factor"][2026] == 1.0
    assert out["adjustment"][2026] == 0.0
    assert out["regions"]["d"][2026]["p50"] == pytest.approx(40.0)
    over = reconcile(whole, {"d": {2026: {"p10": 110.0, "p50": 125.0, "p90": 140.0}}},
                     bound_only=True)
    assert over["adjustment"][2026] == pytest.approx(-25.0)  # scaled down to the whole


@pytest.mark.parametrize("lang,whole_head,old_head", [
    ("en", "Median of the whole", "Top region's median"),
    ("id", "Median keseluruhan", "Median wilayah teratas")])
def test_the_reconciliation_table_of_a_sub_level(tmp_path, lang, whole_head, old_head):
    from forecast import tables

    run = tmp_path / "run"
    (run / "north").mkdir(parents=True)
    (run / "manifest.json").write_text("{}")
    (run / "north" / "results.json").write_text(json.dumps({
        "region": "north", "region_name": "North State", "targets": [], "skipped": []}))
    # As an older run wrote it: the gap to the parent as the "adjustment" of factor 1.
    (run / "reconciliation.json").write_text(json.dumps({"metric": "members", "levels": {
        "district in north": {"parent": "north", "regions_in_level": 1,
                              "included": ["harbor"], "missing": {}, "years": [2026],
                              "sum_before": {"2026": 846.0}, "whole": {"2026": 5256.0},
                              "factor": {"2026": 1.0}, "adjustment": {"2026": 4410.0}}}}))
    frame = tables.reconciliation_table(run, lang)
    heads = frame.attrs["keys"]
    col = {v: k for k, v in heads.items()}
    assert whole_head in frame.columns and old_head not in frame.columns
    row = frame.iloc[0]
    assert row[col["whole"]] == 5256.0  # the parent's median, under a heading that fits it
    assert row[col["adjustment"]] == 0.0  # nothing added at a factor of 1


# ------------------------------------------------------------ the explore notebook's what-if


@pytest.mark.parametrize("lang,sentence", [("en", "not available for this data folder"),
                                           ("id", "tidak tersedia untuk folder data ini")])
def test_the_what_if_levels_of_another_scheme_are_a_sentence_not_an_english_table(
        lang, sentence):
    # A scheme without the shipped active participants and fund (every other scheme): the
    # explore notebook showed a one-cell table headed "what-if" (in English, also in the
    # Indonesian notebook) with the sentence right-aligned in it, above the same sentence
    # as a paragraph from the interactive controls.
    from forecast import whatif
    from forecast.styles import styled

    html = styled(whatif.what_if_table(None, lang=lang))._repr_html_()
    assert sentence in html
    assert "<table" not in html and "<th" not in html
    assert html == whatif.interactive(None, lang=lang)._repr_html_()  # one way to say it


# ------------------------------------------------------------ the summary's speed chart

_LONG = ("Łódź-Ödenwald-Þórsmörk Südliche Küstenprovinz der Älteren Großgemeinden "
         "(Ærøskøbing)")


def test_the_record_labels_of_the_speed_chart_stay_inside_the_plot():
    # A region with a long non-ASCII name held two records: its who-and-when label ran
    # from the diamond across the plot's right frame, over the marks beside it.
    from forecast.plots import to_png
    from forecast.report.speedfig import speed_chart, speed_rows

    def entry(metric, required, windows, start, end):
        return {"metric": metric, "unit": "pct", "target_value": 80.0,
                "target_date": "2030-12-31", "required_cagr": required,
                "speed": {"window_cagrs": windows, "record": {
                    "region": "oelande", "region_name": _LONG,
                    "start_date": f"{start}-12-31", "end_date": f"{end}-12-31"}}}

    rows = speed_rows([entry("a", 0.026, [0.015, 0.018, 0.019], 2014, 2017),
                       entry("b", 0.056, [0.04, 0.06, 0.07], 2016, 2021),
                       entry("c", 0.010, [0.012, 0.011, 0.070], 2018, 2023)], "en")
    fig = speed_chart(rows)
    to_png(fig)
    ax = fig.axes[0]
    renderer = fig._get_renderer()
    box = ax.get_window_extent(renderer)
    labels = [t for t in ax.texts if t.get_text().strip()]
    assert len(labels) == 3
    for t in labels:
        ext = t.get_window_extent(renderer)
        assert box.x0 <= ext.x0 and ext.x1 <= box.x1, (t.get_text(), ext, box)
        assert t.get_text().startswith("Łódź-Ödenwald") and t.get_text()[-9:] in (
            "2014-2017", "2016-2021", "2018-2023")  # who and when, the years whole


def test_the_speed_chart_of_a_name_without_glyphs_warns_nothing_itself(recwarn):
    # Placing the labels measured them, and each character the font lacks (a CJK region
    # name) warned on stderr from here, before the PNG's own handling of it.
    from forecast.report.speedfig import speed_chart

    speed_chart([{"label": "Members: 5 by end-2030", "required_cagr": 0.05,
                  "window_cagrs": [0.01, 0.07], "record_label": "广东省 2016-2021"}])
    assert not [w for w in recwarn if "Glyph" in str(w.message)]
