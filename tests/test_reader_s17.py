"""What the lead's reading of the pages found this round: growth required for a target
already reached printed as "n/a" in the PDFs' tables.

The data is the shipped national run (conftest ``shipped_national``), whose 35 % coverage
target for end-2026 was passed by the last reading (37.0 %).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("lang,word", [("en", "reached"), ("id", "sudah tercapai")])
def test_growth_required_of_a_target_already_reached_says_so(shipped_national, lang, word):
    from forecast.report.build import target_row

    met = [t for t in shipped_national["targets"]
           if t.get("probability") is not None
           and t["last_observed"]["value"] >= t["target_value"]]
    assert met, "the shipped national run has a target the last reading passed"
    for entry in met:
        assert entry["required_growth"] == "already_reached"
        growth = target_row(entry, lang)[5]
        required, achieved = growth.split(" / ")
        assert required == word, growth
        assert "n/a" not in growth and "t/a" not in growth


@pytest.mark.parametrize("lang,word", [("en", "not meaningful"), ("id", "tidak bermakna")])
def test_growth_required_beyond_the_bound_is_not_meaningful(shipped_national, lang, word):
    from forecast.report.build import target_row

    entry = dict(next(t for t in shipped_national["targets"]
                      if t.get("probability") is not None))
    entry.update(required_growth="not_meaningful", required_cagr=None)
    assert target_row(entry, lang)[5].split(" / ")[0] == word


@pytest.mark.parametrize("lang,word", [("en", "reached"), ("id", "sudah tercapai")])
def test_the_notebooks_table_says_reached_not_a_dash(shipped_national, lang, word):
    # The region notebook's table showed "—" under "Growth required" for the 35 % target.
    from forecast import tables
    from forecast.report.order import ordered_targets
    from forecast.styles import styled

    html = styled(tables.reachability_table(shipped_national, lang)).to_html()
    row = html.split("Growth required (per year)" if lang == "en"
                     else "Pertumbuhan dibutuhkan (per tahun)")[1].split("</tr>")[0]
    cells = [c.split("</td>")[0].strip() for c in row.split(">", 1)[1].split("<td")[1:]]
    cells = [c.split(">", 1)[1].strip() for c in cells]
    # One column per target, in the reports' order (headline targets first).
    reached = [t["required_growth"] == "already_reached"
               for t in ordered_targets(shipped_national)]
    assert any(reached)
    assert [c == word for c in cells] == reached, cells


def _images(pdf) -> int:
    import subprocess

    rows = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    return len([r for r in rows if r.split()[2] == "image"])


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.skipif(__import__("shutil").which("pdfimages") is None,
                    reason="needs poppler's pdfimages")
def test_the_region_pdf_charts_every_target_not_only_a_metrics_latest(shipped_national,
                                                                       tmp_path, lang):
    # The national PDF drew 3 charts for 5 targets: coverage's 35 % by 2026 and 43.9 % by
    # 2029 had none beside 99.5 % by 2045's. No track record here: only fan charts.
    from forecast.report.render import render_region

    assert not shipped_national.get("track_record")
    coverage = [t for t in shipped_national["targets"] if t["metric"] == "coverage_pct"]
    assert len(coverage) >= 2
    pdf = render_region(shipped_national, tmp_path / "none-saved", tmp_path / "r.pdf", lang)
    assert _images(pdf) == len(shipped_national["targets"])


def test_the_summary_gives_a_verdict_for_each_target_of_another_schemes_top_region(
        tmp_path):
    # A SYNTHETIC scheme without the shipped headline metrics: the summary's verdicts took
    # each metric's latest target only, so "100 % by 2030" stood for coverage and "98 % by
    # 2027", the one the scheme can still meet, had no verdict.
    import json

    from conftest import (SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows,
                          year_ends)
    from forecast.cli import main
    from forecast.report.summary import summary_document

    head = SYNTHETIC_SCHEME_HEAD.format(what="health", level="state") + \
        SYNTHETIC_COVERAGE_METRICS
    members = [150e6, 170e6, 190e6, 205e6, 220e6, 232e6, 240e6, 246e6, 250e6]
    pop = [250e6 + 2e6 * i for i in range(9)]
    folder = write_rows(
        tmp_path / "scheme", head, [("land", "Land", "land", "")],
        {"members": "people", "pop": "people", "cov": "pct"},
        year_ends("land", "members", members, 2017) + year_ends("land", "pop", pop, 2017)
        + year_ends("land", "cov", [round(100 * m / p, 1) for m, p in zip(members, pop)],
                    2017),
        [("land", "cov", "2027-12-31", 98), ("land", "cov", "2030-12-31", 100),
         ("land", "members", "2028-12-31", 262e6)])
    out = tmp_path / "land.json"
    assert main(["run", "--data-dir", str(folder), "--region", "land", "--n-paths", "300",
                 "--format", "json", "--output", str(out)]) == 0
    results = json.loads(out.read_text())
    assert len(results["targets"]) == 3
    for lang in ("en", "id"):
        doc = summary_document({"parameters": {}}, [("land", results, {"status": "ok"})],
                               {}, lang, None)
        verdicts = " ".join(json.dumps(v, ensure_ascii=False) for v in doc["verdicts"])
        assert len(doc["verdicts"]) == 3, verdicts
        assert "2027" in verdicts and "2030" in verdicts and "2028" in verdicts


def test_the_indonesian_titles_say_coverage_as_the_notebook_does():
    # "coverage targets" was "target kepesertaannya" (membership) on the PDFs and "target
    # cakupannya" in the notebook: one English phrase, two Indonesian ones.
    from pathlib import Path

    from forecast.report.i18n import t

    notebook = (Path(__file__).parents[1] / "notebooks" / "region_forecast.py").read_text()
    assert "target cakupannya" in notebook
    assert t("id", "region_title", region="Bali") == \
        "Apakah Bali akan mencapai target cakupannya?"
    assert t("id", "summary_title").startswith("Target cakupan:")
    assert "coverage targets" in t("en", "region_title", region="Bali")


def test_a_region_near_its_bound_pooled_with_the_top_gets_a_band_near_the_tops(tmp_path):
    # SYNTHETIC: 'isle' reads exactly the coverage of the top region 'land' (90 % to
    # 98.7 %), with no counts of its own, so it moves with land's members. Its 10-90 % band
    # for end-2026 ran from 0.008 % to 100 % and "100 % by 2028" got 43 %, against land's
    # 98.7-99.2 % and 0 %: a yearly walk of 0.10 in the log became 10 in the logit at 99 %.
    import json

    from conftest import (SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows,
                          year_ends)
    from forecast.cli import main

    covs = [90.0, 92.5, 94.3, 95.6, 96.5, 97.1, 97.5, 97.9, 98.2, 98.5, 98.7]
    pop = [2e7 + 1e5 * i for i in range(11)]
    members = [round(p * c / 100) for p, c in zip(pop, covs)]
    targets = [(r, "cov", d, v) for v, d in ((98, "2026-12-31"), (100, "2028-12-31"))
               for r in ("land", "isle")]
    folder = write_rows(
        tmp_path / "s", SYNTHETIC_SCHEME_HEAD.format(what="health", level="province")
        + SYNTHETIC_COVERAGE_METRICS,
        [("land", "Land", "land", ""), ("isle", "Isle", "province", "land")],
        {"members": "people", "pop": "people", "cov": "pct"},
        year_ends("land", "members", members, 2014) + year_ends("land", "pop", pop, 2014)
        + year_ends("land", "cov", covs, 2014) + year_ends("isle", "cov", covs, 2014),
        targets)
    got = {}
    for region in ("land", "isle"):
        out = tmp_path / f"{region}.json"
        assert main(["run", "--data-dir", str(folder), "--region", region, "--as-of", "2024",
                     "--format", "json", "--output", str(out)]) == 0
        got[region] = {t["target_value"]: t for t in json.loads(out.read_text())["targets"]}
    land, isle = got["land"], got["isle"]
    assert land[98.0]["p10"] > 98 and land[100.0]["probability"] < 0.01
    # The same readings: a band a little wider than the top's, never most of 0-100 %.
    assert isle[98.0]["p10"] > 97 and isle[98.0]["p90"] < 99.9, isle[98.0]
    assert abs(isle[98.0]["probability"] - land[98.0]["probability"]) < 0.05
    assert isle[100.0]["probability"] < 0.01
