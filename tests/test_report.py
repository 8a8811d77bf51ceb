"""Management reports: PDFs per region and per run in en/id, HTML notebooks, the CLI."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

from conftest import REGIONS, SOURCES, TARGETS, observation_rows, write_csv
from forecast.cli import main
from forecast.data import load_panel
from forecast.errors import ParameterError
from forecast.report import (export_html, render_region, render_run, render_summary,
                             report_name, summary_name)
from forecast.report import build, explain, i18n, summary
from forecast.report import numbers as fmt
from forecast.results import run_region, write_run

LANGS = ("en", "id")
#: Every typst control character, an unbalanced math dollar (fatal to matplotlib's
#: mathtext) and code-like input: it must print literally, in the PDF and the chart.
HOSTILE = "East #sys.exit() *b* _u_ $5 @ref <lab> [x] \\ `code` // c /* d */ #{1+1}"
HOSTILE_NOTE = "note #set page(width: 1cm) = heading $$ ] [ `raw` /* #import \"x\""


def _text(pdf: Path) -> str:
    """The PDF's text with runs of whitespace (and no-break spaces) as one space."""
    reader = PdfReader(str(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _norm(s: str) -> str:
    return " ".join(s.split())


def _squash(s: str) -> str:
    """Without any whitespace: a long name may wrap at any of its spaces or slashes."""
    return "".join(s.split())


def _pages(pdf: Path) -> int:
    return len(PdfReader(str(pdf)).pages)


def _data_dir(root: Path) -> Path:
    """The tiny data of conftest, with a hostile province name and target note."""
    root.mkdir(parents=True, exist_ok=True)
    regions = copy.deepcopy(REGIONS)
    regions[2]["name"] = HOSTILE
    targets = copy.deepcopy(TARGETS)
    targets[2]["note"] = HOSTILE_NOTE
    write_csv(root / "regions.csv", regions)
    write_csv(root / "sources.csv", SOURCES)
    write_csv(root / "observations.csv", observation_rows())
    write_csv(root / "targets.csv", targets)
    return root


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    """A batch-run folder built without papermill: results.json and figures per region."""
    root = tmp_path_factory.mktemp("report")
    data_dir = _data_dir(root / "data")
    panel = load_panel(data_dir)
    run = root / "runs" / "test-run"
    regions = [r["id"] for r in REGIONS]
    for region in regions:
        write_run(run_region(panel, region, n_paths=300, seed=5), run / region)
    manifest = {"run_id": "test-run", "regions": regions,
                "status": {r: {"status": "ok"} for r in regions},
                "parameters": {"as_of": "", "n_paths": 300, "seed": 5, "models": "",
                               "lang": "en", "data_dir": str(data_dir)}}
    (run / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    for lang in LANGS:
        render_run(run, lang, html=False)
    return run


def _results(run_dir: Path, region: str) -> dict:
    return json.loads((run_dir / region / "results.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------- numbers


@pytest.mark.parametrize("lang,got,want", [
    ("en", fmt.rupiah(1001, "en"), "Rp1,001 trillion"),
    ("id", fmt.rupiah(1001, "id"), "Rp1.001 triliun"),
    ("en", fmt.rupiah(712.34, "en"), "Rp712.3 trillion"),
    ("id", fmt.rupiah(712.34, "id"), "Rp712,3 triliun"),
    ("en", fmt.persons(70e6, "en"), "70 million"),
    ("id", fmt.persons(70e6, "id"), "70 juta"),
    ("id", fmt.persons(45.22e6, "id"), "45,2 juta"),
    ("en", fmt.persons(1.03e6, "en", signed=True), "+1.0 million"),
    ("en", fmt.persons(305e3, "en", scale="million"), "0.3 million"),
    ("id", fmt.persons(12_345, "id"), "12,3 ribu"),
    ("en", fmt.probability(0.049, "en"), "4.9 %"),
    ("id", fmt.probability(0.049, "id"), "4,9 %"),
    ("en", fmt.probability(0.322, "en"), "32 %"),
    ("en", fmt.probability(0.0, "en"), "<0.1 %"),
    ("en", fmt.probability(1.0, "en"), ">99.9 %"),
    ("id", fmt.rate(0.1898, "id"), "19,0 %"),
    ("id", fmt.number(1234567.891, 2, "id"), "1.234.567,89"),
    ("en", fmt.short_date("2025-10-31", "en"), "Oct 2025"),
    ("id", fmt.short_date("2026-12-31", "id"), "akhir 2026"),
])
def test_numbers_are_formatted_the_way_of_each_language(lang, got, want):
    assert got.replace(fmt.NBSP, " ") == want


def test_unknown_language_is_a_parameter_error():
    with pytest.raises(ParameterError, match="lang: expected one of en, id, found 'fr'"):
        fmt.check_lang("fr")


@pytest.mark.parametrize("p,key", [(0.0, "very_unlikely"), (0.0494, "very_unlikely"),
                                   (0.05, "unlikely"), (0.3249, "unlikely"), (0.33, "even"),
                                   (0.67, "likely"), (0.9449, "likely"),
                                   (0.95, "very_likely"), (1.0, "very_likely")])
def test_probability_bands_follow_the_documented_table(p, key):
    """The table's edges as the number is printed (4.9 %, 32 %, 94 %: below them; 0.0499,
    0.3299 and 0.9499 print 5.0 %, 33 % and 95 %, and read as those)."""
    assert i18n.band(p) == key


def test_verdict_sentence_names_pace_target_band_and_monthly_need(run_dir):
    entry = next(e for e in _results(run_dir, "national")["targets"]
                 if e["metric"] == "active_total")
    text = i18n.verdict_text(entry, "en").replace(fmt.NBSP, " ")
    first, last = entry["history"][0]["date"][:4], entry["history"][-1]["date"][:4]
    assert text.startswith(f"At the pace of {first}-{last}, 70 million active participants "
                           f"by end-2026 is {i18n.BAND_WORDS['en'][i18n.band(entry['probability'])]}")
    prob = fmt.probability(entry["probability"], "en").replace(fmt.NBSP, " ")
    assert f"(probability {prob})" in text
    scale = fmt.persons_scale(entry["monthly_needed"], entry["monthly_achieved_last_year"])
    need = fmt.persons(entry["monthly_needed"], "en", scale=scale, signed=True)
    assert f"it would take {need} net new participants a month".replace(fmt.NBSP, " ") in text
    assert f"achieved in {last}." in text


# ---------------------------------------------------------------------------- PDFs


@pytest.mark.parametrize("lang", LANGS)
def test_region_pdf_pages_and_key_numbers(run_dir, lang):
    results = _results(run_dir, "national")
    pdf = run_dir / "national" / report_name(lang)
    # Verdicts, table and charts, then details and sources flowing on (no forced page break
    # leaving a page mostly blank): the tiny data fits on one or two pages.
    assert _pages(pdf) in (1, 2)
    text = _text(pdf)
    assert results["targets"], "the tiny national data has targets to assess"
    for e in results["targets"]:
        unit = e["unit"]
        for want in (fmt.probability(e["probability"], lang),
                     fmt.value(e["median"], unit, lang),
                     build.band_range(e, lang),
                     build.growth_pair(e, lang),
                     build.target_label(e, lang),
                     build.classification(e, lang),
                     i18n.BAND_WORDS[lang][i18n.band(e["probability"])]):
            assert _norm(want) in text, want
    assert _norm(i18n.verdict_text(results["targets"][0], lang)) in text
    # Sources resolved through sources.csv.
    assert "Annual report" in text and "example.org/a" in text
    assert i18n.QUALITY[lang][results["targets"][0]["data_quality"]["label"]] in text


@pytest.mark.parametrize("lang", LANGS)
def test_region_without_targets_says_why_and_shows_its_data(run_dir, lang):
    results = _results(run_dir, "kanwil-east")
    assert results["targets"] == []
    pdf = run_dir / "kanwil-east" / report_name(lang)
    assert _pages(pdf) == 1
    text = _text(pdf)
    assert _norm(i18n.t(lang, "no_targets_data")) in text
    _assert_projections_printed(results, text, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_region_without_targets_shows_its_projection_year_by_year(run_dir, tmp_path, lang):
    # east-province as if it had no target: its participants projected to the horizon.
    results = _results(run_dir, "east-province")
    results["targets"], results["skipped"] = [], []
    assert any(p["projected"] for p in results["projections"])
    pdf = render_region(results, run_dir / "east-province", tmp_path / "r.pdf", lang)
    _assert_projections_printed(results, _text(pdf), lang)


def _assert_projections_printed(results: dict, text: str, lang: str) -> None:
    """What the region would reach at the pace seen so far: each projection, year by
    year, or why there is none."""
    assert results["projections"]
    for p in results["projections"]:
        metric = i18n.metric_name(p["metric"], lang)
        if not p["projected"]:
            assert _squash(i18n.t(lang, "projection_none", metric=metric,
                                  reason=build.skip_reason(p["reason"], lang))) in _squash(text)
            continue
        assert _norm(i18n.t(lang, "projection_title", metric=metric)) in text
        last = p["fan"][-1]
        # The last year-end's median, in the column's scale and decimals (1.40 million where
        # the years need two decimals to differ): read back, it rounds to the median.
        scale = fmt.value(last["p50"], p["unit"], lang).split("\u00a0")[-1]
        found = re.search(rf"{last['year']} (\d+(?:[.,]\d+)?) {scale}", text)
        assert found, (last, scale)
        shown = found.group(1).replace(",", ".") if lang == "id" else found.group(1)
        step = 10.0 ** -len(shown.partition(".")[2])
        size = {"million": 1e6, "juta": 1e6, "thousand": 1e3, "ribu": 1e3}.get(scale, 1.0)
        assert abs(float(shown) * size - last["p50"]) <= step * size / 2 + 1e-6, (shown, last)


@pytest.mark.parametrize("lang", LANGS)
def test_summary_pdf_pages_verdicts_and_every_region(run_dir, lang):
    pdf = run_dir / summary_name(lang)
    # overview with every region, growth chart, method, sources: they follow on rather
    # than each start a page (a forced break left a page with only the chart;
    # test_reader4), so the tiny run needs fewer than four pages.
    assert 2 <= _pages(pdf) <= 4
    text = _text(pdf)
    national = _results(run_dir, "national")
    for e in national["targets"]:
        assert _norm(i18n.verdict_text(e, lang)) in text
    province = _results(run_dir, "east-province")["targets"][0]
    # The summary's row shows no median or band beside the target, so its label has the
    # target's own digits (1.5 million), not those telling it from a band (1.50 million).
    assert _norm(build.target_label({k: province[k] for k in (
        "metric", "target_value", "unit", "target_date")}, lang)) in text
    assert _norm(fmt.probability(province["probability"], lang)) in text
    # The region without a target is listed after the others, with its reason.
    assert _squash(text).index("Eastoffice") > _squash(text).index(_squash(HOSTILE))
    # Regions with no target in the data share one compact table (region, latest
    # reading, projected participants), not a list of "no targets in the data".
    assert _norm(i18n.t(lang, "regions_without_title")) in text
    assert _norm(i18n.t(lang, "no_region_targets")) not in text
    # The method page states the probability bands the words come from.
    for _, key in i18n.BANDS:
        assert _squash(i18n.BAND_WORDS[lang][key]) in _squash(text)
    assert i18n.t(lang, "method") in text


@pytest.mark.parametrize("lang,numbers", [
    ("en", ("46.7 million", "46.2 million", "0.990", "-469.0 thousand", "2 of 3")),
    ("id", ("46,7 juta", "46,2 juta", "0,990", "-469,0 ribu", "2 dari 3"))])
def test_summary_pdf_sets_the_regions_against_the_whole(run_dir, tmp_path, lang, numbers):
    # The summary notebook's reconciliation, now in the PDF a manager reads: a level's
    # medians summed against the top region's, and a level not reconciled named with why,
    # its whole by name ("East office", not the id "kanwil-east").
    run = tmp_path / "run"
    import shutil
    shutil.copytree(run_dir, run)
    title = {"en": "Do the regions add up to the whole?",
             "id": "Apakah jumlah wilayah sama dengan keseluruhan?"}[lang]
    assert _squash(title) not in _squash(_text(run_dir / summary_name(lang)))  # none: none
    (run / "reconciliation.json").write_text(json.dumps({
        "metric": "active_total", "levels": {
            "province": {"regions_in_level": 3, "included": ["a", "b"],
                         "missing": {"c": "not projected"}, "years": [2026],
                         "sum_before": {"2026": 46716730.0}, "whole": {"2026": 46247750.0},
                         "factor": {"2026": 0.98996}, "adjustment": {"2026": -468977.0}},
            "regency in kanwil-east": {
                "parent": "kanwil-east", "regions_in_level": 5, "included": [], "missing": {},
                "skipped": {"code": "recon_too_few", "n_projected": 1, "n": 5,
                            "level": "regency", "metric": "active_total",
                            "whole": "kanwil-east"}}}}), encoding="utf-8")
    pdf = render_summary(run, tmp_path / "summary.pdf", lang)
    text = _squash(_text(pdf))
    assert _squash(title) in text
    for cell in numbers:
        assert _squash(cell) in text, cell
    assert "Eastoffice" in text and "kanwil-easttotal" not in text
    assert _squash({"en": "Not reconciled", "id": "Tidak direkonsiliasi"}[lang]) in text


def test_regions_table_is_sorted_by_probability(run_dir):
    manifest = json.loads((run_dir / "manifest.json").read_text())
    run = [(r, _results(run_dir, r), {}) for r in manifest["regions"]]
    assessed, rest = summary.summary_rows(run, "en")
    probs = [r["probability_value"] for r in assessed]
    assert probs == sorted(probs, reverse=True) and len(probs) == 3
    assert [r["id"] for r in rest] == ["kanwil-east"]


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_region_name_and_note_print_literally(run_dir, lang):
    text = _squash(_text(run_dir / "east-province" / report_name(lang)))
    assert _squash(HOSTILE) in text
    # The data's notes quote their sources: printed literally in both languages, and in
    # Indonesian under the label that says they are the sources' words, untranslated.
    assert _squash(HOSTILE_NOTE) in text
    if lang == "id":
        label = text.index(_squash("Catatan sumber (dalam bahasa Inggris)"))
        assert label < text.index(_squash(HOSTILE_NOTE))
    assert _squash(HOSTILE) in _squash(_text(run_dir / summary_name(lang)))


@pytest.mark.parametrize("lang", LANGS)
def test_two_renders_are_byte_identical(run_dir, tmp_path, lang):
    results = _results(run_dir, "national")
    a = render_region(results, run_dir / "national", tmp_path / "a.pdf", lang)
    b = render_region(results, run_dir / "national", tmp_path / "b.pdf", lang)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() == (run_dir / "national" / report_name(lang)).read_bytes()
    s = render_summary(run_dir, tmp_path / "s.pdf", lang)
    assert s.read_bytes() == (run_dir / summary_name(lang)).read_bytes()
    assert b"CreationDate" not in a.read_bytes() and b"ModDate" not in s.read_bytes()


def test_figures_are_byte_identical_between_runs(run_dir, tmp_path):
    results = _results(run_dir, "national")
    write_run(results, tmp_path)
    for png in (run_dir / "national").glob("*.png"):
        assert (tmp_path / png.name).read_bytes() == png.read_bytes(), png.name


def test_results_carry_the_source_ids_of_history_and_target(run_dir):
    e = _results(run_dir, "national")["targets"][0]
    # The tiny national series and targets cite src-a; the working population that bounds
    # the participants, src-b (the labour force survey).
    assert e["metric"] == "active_total" and e["ceiling"]["metric"] == "working_population"
    assert e["sources"] == ["src-a", "src-b"]


# ---------------------------------------------------------------------------- optional


#: The shipped scenarios' adjustments as a reader reads them (written by hand).
SCENARIO_WORDS = {
    "en": ["150,000 more active informal participants a month, from the last reading of the "
           "total (added to the total as well)",
           "an investment return of 7.0 % a year in the fund model",
           "in 2026, the growth of active participants moves 50 % of the way toward its "
           "change in 2020"],
    "id": ["tambahan 150.000 peserta aktif bukan penerima upah per bulan, sejak pembacaan "
           "terakhir total (juga ditambahkan ke total)",
           "imbal hasil investasi 7,0 % per tahun dalam model dana",
           "pada 2026, pertumbuhan peserta aktif bergerak 50 % menuju perubahannya pada 2020"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_scenario_adjustments_in_words(lang):
    items = i18n.scenario_items({"extra_monthly_enrolments": {"active_bpu": 150000.0},
                                 "investment_return": 0.07,
                                 "shock": {"year": 2026, "like": 2020, "scale": 0.5}}, lang)
    assert len(items) == 3
    for item, want in zip(items, SCENARIO_WORDS[lang]):
        assert _norm(item).startswith(want), item


@pytest.mark.parametrize("lang", LANGS)
def test_optional_national_sections_render_when_present(run_dir, tmp_path, lang):
    results = _results(run_dir, "national")
    optional = ("funds_model", "joint", "segments", "scenario")
    bare = {k: v for k, v in results.items() if k not in optional}
    plain = _text(render_region(bare, run_dir / "national", tmp_path / f"bare_{lang}.pdf",
                                lang))
    results["funds_model"] = {
        "target_value": 1001.0, "target_date": "2026-12-31", "probability": 0.4123,
        "median": 987.65, "p10": 901.2, "p90": 1088.8,
        "inputs": [{"name": "net contributions", "value": 61.25, "how": "trend of 2019-2023"},
                   {"name": "yield #x", "value": 0.0712, "how": "mean *of* $5 years"}],
        "backtest": {"origins": [2019, 2022],
                     "mape": {"structural": {"all": 0.034, "n": 9},
                              "mixture": {"all": 0.0456, "n": 9}}}}
    results["joint"] = {"probability": 0.0123, "targets": ["active_total", "fund_investment"]}
    results["segments"] = {"year": 2026, "informal_required_cagr": 0.4567,
                           "informal_historical_cagr": 0.2345,
                           "rows": [{"metric": "active_pu", "last_value": 30.5e6,
                                     "median": 33.25e6, "share_of_target": 0.475,
                                     "fallback": False, "reason": ""},
                                    {"metric": "active_bpu", "last_value": 7.6e6,
                                     "median": 9.1e6, "share_of_target": 0.13,
                                     "fallback": True, "reason": "few points [#1]"}]}
    results["scenario"] = {"name": "Faster <informal> drive", "file": "x.toml",
                           "adjustments": {"extra_monthly_enrolments": {"active_bpu": 150000.0},
                                           "investment_return": 0.07}}
    pdf = render_region(results, run_dir / "national", tmp_path / f"opt_{lang}.pdf", lang)
    text = _text(pdf)
    assert _pages(pdf) == 2
    for want in (i18n.t(lang, "crosscheck_title"), fmt.probability(0.4123, lang),
                 fmt.rupiah(987.65, lang), fmt.rupiah(901.2, lang), fmt.rupiah(1088.8, lang),
                 "yield #x", fmt.number(61.25, 2, lang),
                 i18n.t(lang, "joint"), fmt.probability(0.0123, lang),
                 i18n.t(lang, "segments", year=2026), fmt.persons(33.25e6, lang),
                 fmt.rate(0.475, lang), fmt.rate(0.4567, lang),
                 fmt.rate(0.2345, lang), i18n.t(lang, "scenario", name="Faster <informal> drive"),
                 f"{explain.model_name('structural', lang)} {fmt.rate(0.034, lang)}",
                 f"{explain.model_name('mixture', lang)} {fmt.rate(0.0456, lang)}",
                 SCENARIO_WORDS[lang][0], SCENARIO_WORDS[lang][1]):
        assert _norm(want) in text, want
    # The scenario's adjustments in words, never as ids.
    assert "active_bpu" not in text and "extra_monthly_enrolments" not in text
    # How each input is set is method detail: on the method page, not the manager's.
    assert "mean *of* $5 years" not in text
    # Absent sections are skipped silently.
    assert _norm(i18n.t(lang, "crosscheck_title")) not in plain
    assert _norm(i18n.t(lang, "joint")) not in plain


# ---------------------------------------------------------------------------- HTML, CLI


def test_html_export_hides_code(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("secret_code_marker = 41 + 1\nsecret_code_marker")
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "42_visible"},
                                           execution_count=1)]
    nb.cells = [nbformat.v4.new_markdown_cell("# Heading shown"), cell]
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    html = export_html(path, tmp_path / "nb.html").read_text(encoding="utf-8")
    assert "Heading shown" in html and "42_visible" in html
    assert "secret_code_marker" not in html


def test_cli_report_rerenders_a_run_and_rejects_unknown_ids(run_dir, capsys):
    pdf = run_dir / "national" / report_name("id")
    before = pdf.read_bytes()
    pdf.unlink()
    code = main(["report", run_dir.name, "--runs-dir", str(run_dir.parent), "--lang", "id"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert pdf.read_bytes() == before
    assert summary_name("id") in out.out
    code = main(["report", "no-such-run", "--runs-dir", str(run_dir.parent)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("forecast: error: RUN_ID: no run "
                                                   "'no-such-run'")
    assert "test-run" in err


@pytest.mark.slow
def test_cli_batch_renders_reports_and_html_in_the_run_language(tmp_path, capsys):
    data_dir = _data_dir(tmp_path / "data")
    code = main(["batch", "--regions", "national", "--data-dir", str(data_dir),
                 "--runs-dir", str(tmp_path / "runs"), "--n-paths", "200", "--jobs", "1",
                 "--lang", "id"])
    out = capsys.readouterr()
    assert code == 0, out.err
    run = next((tmp_path / "runs").glob("*/manifest.json")).parent
    assert _pages(run / "national" / "report_id.pdf") in (1, 2)
    assert 2 <= _pages(run / "summary_id.pdf") <= 4  # sections follow on (test_reader4)
    html = (run / "national" / "region_forecast.html").read_text(encoding="utf-8")
    assert "run_region" not in html  # code cells hidden
    # The run's language from the first heading (the cover, in both, is the notebook's own).
    assert "Apakah wilayah ini akan mencapai target cakupannya?" in html
    assert "Will the region" not in html and "Data dan sumbernya" in html


def test_indonesian_report_charts_speak_indonesian(run_dir):
    from forecast.plots import fan_chart

    results = _results(run_dir, "national")
    entry = results["targets"][0]
    fig = fan_chart(entry, lang="id")
    ax = fig.axes[0]
    assert ax.get_xlabel() == "akhir tahun"
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "proyeksi median" in legend and "rentang 10-90 %" in legend
    # The metric in words, never its id; the probability as the table writes it.
    title = ax.get_title(loc="left")
    assert "peluang target pada" in title and entry["metric"] not in title
    assert title.startswith(i18n.metric_name(entry["metric"], "id"))
    assert fmt.probability(entry["probability"], "id").replace("\u00a0", " ") in title
    assert fan_chart(entry).axes[0].get_xlabel() == "end of year"


def test_no_scenario_line_for_a_region_without_the_national_sections(run_dir, tmp_path):
    results = _results(run_dir, "national")
    for key in ("funds_model", "joint", "segments"):
        results.pop(key, None)
    results["scenario"] = None
    pdf = render_region(results, run_dir / "national", tmp_path / "r.pdf", "en")
    assert _norm(i18n.t("en", "scenario_none")) not in _text(pdf)
    results["segments"] = {"year": 2026, "rows": [], "informal_required_cagr": None,
                           "informal_historical_cagr": None}
    pdf = render_region(results, run_dir / "national", tmp_path / "s.pdf", "en")
    assert _norm(i18n.t("en", "scenario_none")) in _text(pdf)


@pytest.mark.slow
def test_batch_renders_each_region_report_while_later_regions_run(tmp_path, capsys):
    # The batch renders a region's PDF as soon as its notebook finishes: with one worker,
    # the first region's report exists before the last region's results. The reports are
    # the ones `forecast report` renders afterwards, byte for byte.
    data_dir = _data_dir(tmp_path / "data")
    code = main(["batch", "--regions", "all", "--data-dir", str(data_dir), "--runs-dir",
                 str(tmp_path / "runs"), "--n-paths", "200", "--jobs", "1"])
    assert code == 0, capsys.readouterr().err
    run = next((tmp_path / "runs").glob("*/manifest.json")).parent
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    first, last = manifest["regions"][0], manifest["regions"][-1]
    assert ((run / first / "report_en.pdf").stat().st_mtime_ns
            < (run / last / "results.json").stat().st_mtime_ns)
    pdfs = sorted(run.glob("*/report_en.pdf")) + [run / "summary_en.pdf"]
    assert len(pdfs) == len(manifest["regions"]) + 1
    before = {p: p.read_bytes() for p in pdfs}
    assert main(["report", run.name, "--runs-dir", str(tmp_path / "runs")]) == 0
    changed = [p.name for p in pdfs if p.read_bytes() != before[p]]
    assert changed == []


@pytest.mark.parametrize("lang", LANGS)
def test_method_page_table_gives_each_models_backtest_error(lang):
    entry = {"metric": "active_total", "target_date": "2026-12-31",
             "models": [{"name": "linear", "weight": 0.5, "backtest_mape": 0.032},
                        {"name": "ets", "weight": 0.5, "backtest_mape": 0.1234}]}
    other = {"metric": "fund_investment", "target_date": "2026-12-31",
             "models": [{"name": "linear", "weight": 1.0, "backtest_mape": None}]}
    table = summary.weights_table({"targets": [entry, other]}, lang)
    decimal = "." if lang == "en" else ","
    assert table["rows"] == [
        [explain.model_name("ets", lang), f"12{decimal}3\u00a0%", "-"],
        [explain.model_name("linear", lang), f"3{decimal}2\u00a0%", "-"]]
    assert "MAPE" in table["title"]


def test_the_renderer_reads_results_json_never_the_csv_files(run_dir, tmp_path, monkeypatch):
    # The run's data folder is gone and reading any CSV fails: the PDFs still list the
    # sources and, for a region with nothing assessed, its observations.
    import pandas as pd

    def no_csv(*args, **kwargs):
        raise AssertionError("the renderer read a CSV file")

    monkeypatch.setattr(pd, "read_csv", no_csv)
    results = _results(run_dir, "national")
    assert results["cited_sources"]["src-a"] == {
        "publisher": "Agency", "title": "Annual report", "url": "https://example.org/a",
        "published": "2024-01-31"}
    text = _text(render_region(results, run_dir / "national", tmp_path / "r.pdf", "en"))
    assert "Agency" in text and "Annual report" in text and "example.org/a" in text
    s = _text(render_summary(run_dir, tmp_path / "s.pdf", "id"))
    assert "Annual report" in s


def test_a_region_with_nothing_assessed_carries_its_observations(tmp_path):
    panel = load_panel(_data_dir(tmp_path / "data"))
    no_targets = dataclasses.replace(
        panel, targets=panel.targets[panel.targets["region"] != "east-province"])
    res = run_region(no_targets, "east-province", n_paths=100, seed=1)
    assert res["targets"] == []
    assert res["observations"] == [{"metric": "active_total", "date": "2023-12-31",
                                    "value": 900000.0, "unit": "persons",
                                    "source_id": "src-a", "note": ""}]
    assert list(res["cited_sources"]) == ["src-a"]
    assert _results_with_targets_have_no_observations(panel)


def _results_with_targets_have_no_observations(panel) -> bool:
    return run_region(panel, "east-province", n_paths=100, seed=1)["observations"] == []


# Sentences written by hand (not produced by the code under test): if Indonesian fell back
# to English, or a reason code lost its words, these fail.
EXPECTED = {
    "en": {
        "national": [
            "Active participants: good; 11 year-end points; 2014-2024; 1 sub-annual reading "
            "shown, not fitted",
            "Investment funds: good; 9 year-end points; 2015-2023",
            "Agency: Annual report, 31 January 2024.",
            "1 earlier target due on or before the last observation: Active participants "
            "2020.",
            "Active participants by end-2030 (90 million): only 2 year-end observations "
            "of active participants for national and no national series to borrow from; at "
            "least 3 are needed",
        ],
        "kanwil-east": [
            # east-province, under kanwil-east, has a reading: the reason says so.
            "Active participants: not projected (no observations of active participants for "
            f"East office (regions under it have readings: {HOSTILE}; a region is not "
            "summed from the regions under it, which may be incomplete: add its own "
            "readings)).",  # names (regions.csv; this run's is hostile), not ids
        ],
        "east-province": [
            "Active participants: pooled; 1 year-end point; 2023; growth borrowed from "
            "the national projection, no share trend of its own (one shared date)",
        ],
    },
    "id": {
        "national": [
            "Peserta aktif: baik; 11 titik akhir tahun; 2014-2024; 1 pembacaan antartahun "
            "ditampilkan, tidak dipakai untuk pemodelan",
            "Dana investasi: baik; 9 titik akhir tahun; 2015-2023",
            "Agency: Annual report, 31 Januari 2024.",
            "1 target sebelumnya jatuh tempo pada atau sebelum pengamatan terakhir: Peserta "
            "aktif 2020.",
            "Peserta aktif pada akhir 2030 (90 juta): hanya 2 pengamatan akhir tahun "
            "peserta aktif untuk national dan tidak ada deret nasional untuk dipinjam; minimal "
            "3 diperlukan",
        ],
        "kanwil-east": [
            "Peserta aktif: tidak diproyeksikan (tidak ada pengamatan peserta aktif untuk "
            f"East office (wilayah di bawahnya punya pembacaan: {HOSTILE}; wilayah tidak "
            "dijumlahkan dari wilayah di bawahnya, yang mungkin tidak lengkap; tambahkan "
            "pembacaannya sendiri)).",
        ],
        "east-province": [
            "Peserta aktif: gabungan (pooled); 1 titik akhir tahun; 2023; pertumbuhan "
            "dipinjam dari proyeksi nasional",
        ],
    },
}


@pytest.mark.parametrize("lang", LANGS)
def test_reasons_read_as_written_by_hand_in_both_languages(run_dir, tmp_path, lang):
    for region, sentences in EXPECTED[lang].items():
        results = _results(run_dir, region)
        if region == "national":
            # Two reason codes the tiny run does not produce on its own.
            results["skipped"] = [
                {"metric": "active_total", "target_date": "2020-12-31", "target_value": 5e7,
                 "reason": {"code": "past_due", "last_date": "2024-12-31"}},
                {"metric": "active_total", "target_date": "2030-12-31", "target_value": 9e7,
                 "reason": {"code": "too_few_points", "n": 2, "metric": "active_total",
                            "region": "national", "needed": 3}}]
        pdf = render_region(results, run_dir / region, tmp_path / f"{region}.pdf", lang)
        text = _text(pdf)
        for sentence in sentences:
            assert _squash(sentence) in _squash(text), (region, lang, sentence)
        if lang == "id":
            assert "year-end" not in text and "borrowed" not in text and "due on" not in text
