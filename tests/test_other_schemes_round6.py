"""Other schemes through ``--data-dir``, sixth round: counts published in thousands, a
count without a ceiling, a region read once, many regions, targets long past due.

Every folder here is SYNTHETIC, written by the test: made-up numbers that describe no real
scheme. Each oracle is the data itself or a hand-written string, never the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write_rows
from conftest import year_ends as conftest_year_ends

from forecast.cli import main

#: A SYNTHETIC social insurance publishing its counts in thousands (as many statistics
#: offices do): contributors over a labour force, both in thousand persons.
THOUSANDS = '''# SYNTHETIC test scheme: every number is made up
[scheme]
name = { en = "Synthetic social insurance", id = "Asuransi sosial sintetis" }
top_region = "land"
levels = ["country", "department"]
currency = "COP"

[units.kp]
max = 10000000
en = "thousand persons"
id = "ribu orang"

[units.pct]
max = 100
en = "percent"
id = "persen"

[metrics.contrib]
unit = "kp"
en = "Contributors"
id = "Peserta pembayar"

[metrics.lf]
unit = "kp"
en = "Labour force"
id = "Angkatan kerja"

[metrics.cov]
unit = "pct"
en = "Coverage of the labour force"
id = "Cakupan angkatan kerja"
numerator = "contrib"
denominator = "lf"
ceiling = "lf"
denominators = ["lf"]
'''
LAND = (("land", "Synthland", "country", ""),)


def year_ends(region, metric, values, first=2012):
    return conftest_year_ends(region, metric, values, first)


def _verdicts(folder: Path, region: str, lang: str, as_of=None) -> str:
    from forecast.data import load_panel
    from forecast.report.build import region_document
    from forecast.run import run_region

    results = run_region(load_panel(folder), region, n_paths=200, as_of=as_of)
    doc = region_document(results, {}, lang, [])
    text = "\n".join("".join(s["text"] for s in v) for v in doc["verdicts"])
    return text.replace("\u00a0", " ")  # the PDFs' no-break spaces, read as spaces


def test_a_count_published_in_thousands_keeps_its_scale_in_the_verdicts(tmp_path):
    # SYNTHETIC: 12.0 to 20.6 million contributors, written in thousands; the target of
    # 22,000 thousand is 22 million contributors, 1,400 thousand above the last reading.
    lf = [round(22000 * 1.012 ** i, 1) for i in range(13)]
    con = [12000, 12600, 13100, 13900, 14500, 15100, 15600, 16200, 14800, 16900, 18400,
           19600, 20600]
    obs = (year_ends("land", "lf", lf) + year_ends("land", "contrib", con)
           + year_ends("land", "cov", [round(100 * c / v, 1) for c, v in zip(con, lf)]))
    folder = write_rows(tmp_path / "d", THOUSANDS, LAND, {"contrib": "kp", "lf": "kp",
                                                          "cov": "pct"},
                        obs, [("land", "contrib", "2026-12-31", 22000)], base="lf")
    en = _verdicts(folder, "land", "en")
    assert "22 million contributors by end-2026" in en, en
    # 1,400 thousand in 24 months: about 58 thousand a month, against 1,000 thousand in
    # 2024 (83 thousand a month): thousands of people, not 58 people.
    assert " thousand net new contributors a month against " in en, en
    assert " thousand achieved in 2024" in en, en
    idn = _verdicts(folder, "land", "id")
    assert "peserta pembayar 22 juta pada akhir 2026" in idn, idn
    assert " ribu peserta pembayar baru bersih per bulan" in idn, idn


#: A SYNTHETIC pension plan: contributors in a unit that names them (no ceiling, so not
#: known to count people), members in plain people, and a fund in JPY billion.
PLAN = '''# SYNTHETIC test scheme: every number is made up
[scheme]
name = { en = "Synthetic pension plan", id = "Dana pensiun sintetis" }
top_region = "land"
levels = ["country", "prefecture"]
currency = "JPY"

[units.kc]
max = 10000000
en = "thousand contributors"
id = "ribu peserta"

[units.people]
max = 10000000000
en = "people"
id = "jiwa"

[units.jpy_bn]
max = 100000000
en = "JPY billion"
id = "miliar JPY"

[metrics.contrib]
unit = "kc"
en = "Contributors"
id = "Peserta pembayar"

[metrics.members]
unit = "people"
en = "Members"
id = "Anggota"

[metrics.fund]
unit = "jpy_bn"
en = "Reserve fund"
id = "Dana cadangan"
'''


def test_a_target_is_named_once_whatever_its_unit_says(tmp_path):
    # SYNTHETIC: three series growing 1-5 %/yr from 2015, a target on each.
    obs = (year_ends("land", "contrib", [round(40000 * 1.01 ** i) for i in range(10)], 2015)
           + year_ends("land", "members", [round(3e6 * 1.05 ** i) for i in range(10)], 2015)
           + year_ends("land", "fund", [round(150000 * 1.04 ** i) for i in range(10)], 2015))
    folder = write_rows(tmp_path / "d", PLAN, LAND,
                        {"contrib": "kc", "members": "people", "fund": "jpy_bn"}, obs,
                        [("land", "contrib", "2028-12-31", 48000),
                         ("land", "members", "2028-12-31", 6000000),
                         ("land", "fund", "2028-12-31", 260000)])
    en = _verdicts(folder, "land", "en")
    # The unit already names what is counted: "contributors contributors" said it twice.
    assert "contributors contributors" not in en, en
    assert "48,000 thousand contributors by end-2028" in en, en
    # A unit of people before the metric's name read "6 million people members".
    assert "people members" not in en, en
    assert "members of 6 million people by end-2028" in en, en
    # An amount of money keeps the shipped order: "Rp1,001 trillion of investment funds".
    assert "260,000 JPY billion reserve fund by end-2028" in en, en


#: A SYNTHETIC health cover: members over residents, coverage their share.
HEALTH = '''# SYNTHETIC test scheme: every number is made up
[scheme]
name = { en = "Synthetic health cover", id = "Jaminan kesehatan sintetis" }
top_region = "land"
levels = ["country", "province"]
currency = "THB"

[units.people]
max = 10000000000
en = "people"
id = "jiwa"

[units.pct]
max = 100
en = "percent"
id = "persen"

[metrics.members]
unit = "people"
en = "Members"
id = "Peserta"

[metrics.pop]
unit = "people"
en = "Residents"
id = "Penduduk"

[metrics.cov]
unit = "pct"
en = "Coverage"
id = "Cakupan"
numerator = "members"
denominator = "pop"
ceiling = "pop"
denominators = ["pop"]
'''
HEALTH_UNITS = {"members": "people", "pop": "people", "cov": "pct"}
HEALTH_REGIONS = (("land", "Synthland", "country", ""), ("hill", "Hill Province", "province",
                                                         "land"))


def _health(tmp_path: Path, extra_obs=(), targets=()) -> Path:
    # SYNTHETIC: residents +0.4 %/yr from 60 million; coverage fell from 80 % (2010) to
    # 75.8 % (2014), then rose to 97 % (2024); members are their product.
    pop = [round(60e6 * 1.004 ** i) for i in range(15)]
    cov = [80.0, 78.5, 77.0, 76.2, 75.8, 76.5, 78.9, 82.0, 85.5, 88.9, 91.6, 93.8, 95.2,
           96.1, 97.0]
    obs = (year_ends("land", "pop", pop, 2010) + year_ends("land", "cov", cov, 2010)
           + year_ends("land", "members", [round(p * c / 100) for p, c in zip(pop, cov)],
                       2010) + list(extra_obs))
    return write_rows(tmp_path / "d", HEALTH, HEALTH_REGIONS, HEALTH_UNITS, obs, targets)


def test_a_region_read_once_names_whose_count_moves_it_and_no_zero_readings(tmp_path,
                                                                            capsys):
    # SYNTHETIC: Hill Province has one coverage reading and no count of its own: it moves
    # with Synthland's 15 year-ends of members.
    folder = _health(tmp_path, [("hill", "cov", "2023-12-31", 88.0)],
                     [("hill", "cov", "2027-12-31", 95.0)])
    for lang, zero, whose in (
            ("en", "0 earlier readings", "members of Synthland: 15 year-end points"),
            ("id", "0 pembacaan sebelumnya", "peserta Synthland: 15 titik akhir tahun")):
        assert main(["run", "--data-dir", str(folder), "--region", "hill", "--n-paths",
                     "200", "--lang", lang]) == 0
        out = capsys.readouterr().out
        line = next(x for x in out.splitlines() if "Data quality" in x or "Kualitas" in x)
        assert zero not in line, line
        assert whose in line, line
    # The base by its metric's name, as the scheme calls it (the code 'pop' is no word).
    assert "(88 %, denominator: residents)" in _verdicts_quality(folder, "hill")


def _verdicts_quality(folder: Path, region: str) -> str:
    """The PDF's data-quality lines of ``region`` (English)."""
    from forecast.data import load_panel
    from forecast.report.build import region_document
    from forecast.run import run_region

    doc = region_document(run_region(load_panel(folder), region, n_paths=200), {}, "en", [])
    return json.dumps(doc, ensure_ascii=False).replace("\u00a0", " ")


def test_one_window_and_one_pdf_are_counted_in_the_singular(tmp_path, capsys, monkeypatch):
    from forecast import clireports, runfolder

    # SYNTHETIC: seven year-ends 2018-2024 and a target six years on: one 6-year window.
    folder = write_rows(tmp_path / "d", PLAN, LAND, {"fund": "jpy_bn"},
                        year_ends("land", "fund", [150000 + 5000 * i for i in range(7)], 2018),
                        [("land", "fund", "2030-12-31", 260000)])
    assert main(["run", "--data-dir", str(folder), "--n-paths", "100"]) == 0
    out = capsys.readouterr().out
    assert "of 1 window in 1 series" in out, out
    # A batch of a top region and one other region: "regions: 1 PDF", not "1 PDFs".
    monkeypatch.setattr(runfolder, "read_manifest", lambda run_dir: {"regions": []})
    run = tmp_path / "run"
    pdfs = [run / "summary_en.pdf", run / "national" / "report_en.pdf",
            run / "hill" / "report_en.pdf"]
    assert clireports.render_reports(run, "en", {"written": pdfs, "failed": {}}) == 0
    out = capsys.readouterr().out
    assert " 1 PDF, " in out, out


def test_the_pdf_counts_the_targets_due_before_those_it_lists(tmp_path):
    # SYNTHETIC targets of Synthland, all due before the run (as of 2024): 85 % by 2008
    # (before the first reading), 75 % by 2012 (met: 77.0 %), 95 % by 2019 (missed:
    # 88.9 %), and 96 % by 2024 (met: 97.0 %), recent enough to be listed on its own.
    folder = _health(tmp_path, targets=[("land", "cov", "2008-12-31", 85.0),
                                        ("land", "cov", "2012-12-31", 75.0),
                                        ("land", "cov", "2019-12-31", 95.0),
                                        ("land", "cov", "2024-12-31", 96.0),
                                        ("land", "cov", "2028-12-31", 99.0)])
    en = _verdicts(folder, "land", "en", "2026-06-30")
    assert "coverage of 96.0 % by end-2024 (residents): met" in en.lower(), en
    assert ("Earlier targets, due 2008-2019: 1 met, 1 missed, 1 not settled by a reading "
            "at the target date") in en, en
    idn = _verdicts(folder, "land", "id", "2026-06-30")
    assert ("Target sebelumnya, jatuh tempo 2008-2019: 1 tercapai, 1 tidak tercapai, 1 belum "
            "dapat dipastikan") in idn, idn


def test_a_chart_lays_out_a_right_to_left_name_inside_its_english_words():
    from forecast.chartfit import drawn_texts
    from forecast.plots import growth_by_region, to_png

    # An Arabic district name before English words: matplotlib laid the whole label out
    # right to left ("Members 2028 :228 منطقة"); begun with a left-to-right mark (U+200E)
    # it reads as the PDFs' tables do, the name first and the English after it.
    rows = [{"label": "منطقة 228: Members 2028", "required_cagr": 0.15,
             "historical_cagr": 0.08},
            {"label": "District 7: Members 2028", "required_cagr": 0.05,
             "historical_cagr": 0.04}]
    fig = growth_by_region(rows, title="Growth required: منطقة and District")
    to_png(fig)
    texts = [t.get_text() for t in drawn_texts(fig)]
    assert "\u200eمنطقة 228: Members 2028" in texts, texts
    assert "\u200eGrowth required: منطقة and District" in texts, texts
    assert "District 7: Members 2028" in texts, texts  # Latin names as they were


def test_coverage_as_of_its_first_year_says_its_counts_are_too_few_not_absent(tmp_path,
                                                                            capsys):
    # SYNTHETIC: as of 2010 Synthland has one reading each of coverage, members and
    # residents: the counts are there, one reading of residents too few to grow it by.
    folder = _health(tmp_path, targets=[("land", "cov", "2026-12-31", 98.0)])
    for lang, words in (("en", "and too few residents readings to move it with (1; 2 are "
                                "needed)"),
                        ("id", "dan terlalu sedikit pembacaan penduduk untuk menggerakkannya "
                               "(1; minimal 2 diperlukan)")):
        assert main(["run", "--data-dir", str(folder), "--as-of", "2010", "--n-paths", "100",
                     "--lang", lang]) == 0
        out = capsys.readouterr().out
        assert words in out, out
        assert "no members and residents counts" not in out, out


def _two_bases(tmp_path: Path, targets) -> Path:
    from conftest import write_scheme_folder

    # SYNTHETIC: members +4.5 %/yr over residents +1 %/yr; coverage published on the
    # residents until 2019, then on an "eligible" base (85 % of residents) from 2020: the
    # step 2019-2020 (66.4 % to 80.6 %) is the new definition, not a pace.
    pop = [round(50e6 * 1.01 ** i) for i in range(11)]
    mem = [round(28e6 * 1.045 ** i) for i in range(11)]
    rows = ([("land", "pop", f"{2014 + i}-12-31", v, "people", "") for i, v in enumerate(pop)]
            + [("land", "members", f"{2014 + i}-12-31", v, "people", "")
               for i, v in enumerate(mem)]
            + [("land", "cov", f"{2014 + i}-12-31", round(100 * mem[i] / pop[i], 1), "pct",
                "pop") for i in range(6)]
            + [("land", "cov", f"{2014 + i}-12-31", round(100 * mem[i] / pop[i] / 0.85, 1),
                "pct", "eligible") for i in range(6, 11)])
    scheme = HEALTH.replace('denominators = ["pop"]', 'denominators = ["pop", "eligible"]')
    return write_scheme_folder(tmp_path / "d", scheme, HEALTH_REGIONS[:1], rows, targets)


def test_no_pace_is_read_across_a_change_of_denominator(tmp_path, capsys):
    folder = _two_bases(tmp_path, [("land", "cov", "2028-12-31", 98.0, "pct", "eligible")])
    assert main(["run", "--data-dir", str(folder), "--n-paths", "100", "--format",
                 "json"]) == 0
    speed = json.loads(capsys.readouterr().out)["targets"][0]["speed"]
    record = speed["record"]
    # Four-year windows on one base: 2014-2018 and 2015-2019 (residents), 2020-2024
    # (eligible); each about +3.5 %/yr, none from a residents' to an eligible reading.
    assert speed["window_years"] == 4 and speed["n_windows"] == 3, speed
    assert (record["end_date"] <= "2019-12-31" or record["start_date"] >= "2020-12-31"), record
    assert record["cagr"] < 0.04, record


def test_two_targets_of_one_coverage_on_two_bases_read_apart(tmp_path, capsys):
    # SYNTHETIC, as above: 75 % of residents by 2026 and 98 % of the eligible by 2028 were
    # both "Coverage: ..." in the run text, the verdicts and the table.
    folder = _two_bases(tmp_path, [("land", "cov", "2026-12-31", 75.0, "pct", "pop"),
                                   ("land", "cov", "2028-12-31", 98.0, "pct", "eligible")])
    assert main(["run", "--data-dir", str(folder), "--n-paths", "100"]) == 0
    out = capsys.readouterr().out
    # The base that is the metric's own denominator is in its name (coverage of residents).
    assert "Target: Coverage >= 75.0% by 2026-12-31" in out, out
    assert "Target: Coverage (eligible) >= 98.0% by 2028-12-31" in out, out
    en = _verdicts(folder, "land", "en")
    assert "coverage (eligible) of 98.0 % by end-2028 is" in en, en
    assert "coverage of 75.0 % by end-2026 is" in en, en
    doc = _verdicts_quality(folder, "land")
    assert "Coverage (eligible): 98.0 % by end-2028" in doc, doc
    idn = _verdicts(folder, "land", "id")
    assert "target cakupan (eligible) 98,0 % pada akhir 2028" in idn, idn


def test_another_schemes_html_page_leaves_out_the_shipped_national_analysis(tmp_path):
    import nbformat

    from forecast.report.htmlpage import export_html

    # A page of three sections as the region notebook has them: a heading cell, then code.
    def page(metrics) -> str:
        nb = nbformat.v4.new_notebook()
        heading = {"tags": ["heading"]}
        nb.cells = [
            nbformat.v4.new_markdown_cell("## Reachability of each target", metadata=heading),
            nbformat.v4.new_code_cell('section("reachability", lang)'),
            nbformat.v4.new_markdown_cell("## The fund by its accounting", metadata=heading),
            nbformat.v4.new_code_cell('section("funds", lang)'),
            nbformat.v4.new_markdown_cell("For BPJS Ketenagakerjaan's investment funds"),
            nbformat.v4.new_markdown_cell("## Where the coverage gap must close",
                                          metadata=heading),
            nbformat.v4.new_code_cell('section("segments", lang)'),
            nbformat.v4.new_markdown_cell("## Data quality", metadata=heading),
            nbformat.v4.new_code_cell('section("quality", lang)')]
        folder = tmp_path / "-".join(metrics)
        folder.mkdir()
        nbformat.write(nb, str(folder / "region_forecast.ipynb"))
        (folder / "results.json").write_text(json.dumps(
            {"scheme": {"metrics": {m: {} for m in metrics}}}), encoding="utf-8")
        out = export_html(folder / "region_forecast.ipynb", folder / "page.html")
        return out.read_text(encoding="utf-8")

    other = page(["members", "pop", "cov"])  # a health scheme: no fund, no segments
    assert "BPJS" not in other and "The fund by its accounting" not in other
    assert "coverage gap" not in other
    assert "Reachability of each target" in other and "Data quality" in other
    shipped = page(["active_total", "fund_investment"])  # the shipped scheme keeps them
    assert "BPJS" in shipped and "coverage gap" in shipped


def test_years_missing_in_a_row_are_named_as_one_span(tmp_path, capsys):
    # SYNTHETIC: a fund read each year-end 2008-2024 except 2014-2018 (five years unpublished)
    # and 2021.
    years = [y for y in range(2008, 2025) if not 2014 <= y <= 2018 and y != 2021]
    obs = [("land", "fund", f"{y}-12-31", round(120000 * 1.05 ** (y - 2008))) for y in years]
    folder = write_rows(tmp_path / "d", PLAN, LAND, {"fund": "jpy_bn"}, obs,
                        [("land", "fund", "2030-12-31", 400000)])
    for lang, words in (("en", "missing 2014-2018, 2021\n"),
                        ("id", "tidak ada 2014-2018, 2021\n")):
        assert main(["run", "--data-dir", str(folder), "--n-paths", "100", "--lang",
                     lang]) == 0
        out = capsys.readouterr().out
        assert words in out, out


def test_the_region_notebook_lists_every_target_already_due(tmp_path):
    from forecast.data import load_panel
    from forecast.report.pastdue import outcomes_table
    from forecast.run import run_region

    # SYNTHETIC, as above: 95 % by 2019 missed (88.9 %), 75 % by 2012 met (77.0 %), 85 % by
    # 2008 before the first reading; the notebook had no word of any of them.
    folder = _health(tmp_path, targets=[("land", "cov", "2019-12-31", 95.0),
                                        ("land", "cov", "2012-12-31", 75.0),
                                        ("land", "cov", "2008-12-31", 85.0),
                                        ("land", "cov", "2028-12-31", 99.0)])
    results = run_region(load_panel(folder), "land", n_paths=100, as_of="2026-06-30")
    table = outcomes_table(results, "en")
    assert list(table.columns) == ["Target", "Outcome", "Readings"]
    assert [r.replace("\u00a0", " ") for r in table["Target"]] == [
        "Coverage of 85.0 % by end-2008 (residents)", "Coverage of 75.0 % by end-2012 "
        "(residents)", "Coverage of 95.0 % by end-2019 (residents)"]
    assert list(table["Outcome"])[1:] == ["met", "missed"]
    assert "88.9" in table["Readings"].iloc[2]
    assert list(outcomes_table(results, "id")["Hasil"])[1:] == ["tercapai", "tidak tercapai"]
    fresh = {"outcomes": [], "region": "land"}
    assert outcomes_table(fresh, "en") == "No target of this region was due by the run's date."


def test_coverage_published_alone_on_another_base_names_it_too(tmp_path, capsys):
    # SYNTHETIC: coverage only (no counts), on the "eligible" base, 60 % rising 2 points a
    # year from 2015: projected on its own; its target is on that base.
    rows = [("land", "cov", f"{2015 + i}-12-31", 60.0 + 2 * i, "pct", "eligible")
            for i in range(10)]
    from conftest import write_scheme_folder

    scheme = HEALTH.replace('denominators = ["pop"]', 'denominators = ["pop", "eligible"]')
    folder = write_scheme_folder(tmp_path / "d", scheme, HEALTH_REGIONS[:1], rows,
                                 [("land", "cov", "2028-12-31", 90.0, "pct", "eligible")])
    assert main(["run", "--data-dir", str(folder), "--n-paths", "100"]) == 0
    assert "Target: Coverage (eligible) >= 90.0% by 2028-12-31" in capsys.readouterr().out


def test_a_share_that_approaches_full_coverage_never_prints_as_100(tmp_path, capsys):
    # SYNTHETIC, a national health insurance's shape: members 133 to 280.5 million over
    # residents 252 to 281 million in 2014-2024, coverage 52.8 % to 99.7 %. By 2029 the
    # projection nears 100 % without reaching it (the logit scale); one decimal printed its
    # high end "100.0%", full coverage. (From 98.2 % in 2024 the high end stays below 99.95 %
    # since a straight line in the share keeps a quarter of its distance from the bound.)
    mem = [133e6, 156e6, 172e6, 188e6, 208e6, 224e6, 222e6, 235e6, 248e6, 267e6, 280.5e6]
    pop = [round(252e6 * 1.0113 ** i) for i in range(11)]
    obs = (year_ends("land", "members", [round(m) for m in mem], 2014)
           + year_ends("land", "pop", pop, 2014)
           + year_ends("land", "cov", [round(100 * m / p, 1) for m, p in zip(mem, pop)], 2014))
    folder = write_rows(tmp_path / "d", HEALTH, HEALTH_REGIONS[:1], HEALTH_UNITS, obs,
                        [("land", "cov", "2029-12-31", 99.0)])
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300", "--format",
                 "json"]) == 0
    entry = json.loads(capsys.readouterr().out)["targets"][0]
    assert 99.95 <= entry["p90"] < 100.0, entry["p90"]  # the case: rounds to 100.0
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300"]) == 0
    out = capsys.readouterr().out
    band = next(x for x in out.splitlines() if "80% band" in x)
    assert "100.0" not in band and f"to {entry['p90']:.2f}%" in band, band
    doc = _verdicts_quality(folder, "land")
    assert "100.0 %" not in doc and f"{entry['p90']:.2f} %" in doc, doc
    from forecast import tables
    from forecast.data import load_panel
    from forecast.run import run_region
    from forecast.styles import shown

    table = shown(tables.reachability_table(run_region(load_panel(folder), "land",
                                                       n_paths=300), "en"))
    cells = set(table.to_numpy().ravel())
    assert "100.0" not in cells and f"{entry['p90']:.2f}" in cells, cells
