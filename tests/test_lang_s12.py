"""lang="id" everywhere the product offers it: the summary notebook (its lang, its run and
reconciliation tables), the reconciliation's reasons, the notebooks' headings and notes, the
fund inputs' "how", the segments' and models' notes, the PDF's backtest words.

Each test asserts Indonesian words written out here (not made by the code under test) and
that the English phrases a reader used to meet are gone.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from conftest import notebook_text

from forecast import config, tables
from forecast.fundwords import how_text
from forecast.reasons import reason_text
from forecast.regional import reconcile_run
from forecast.tablewords import keyed

NOTEBOOKS = config.NOTEBOOKS_DIR


def _res(region, fan):
    return {"region": region, "projections": [
        {"metric": "active_total", "projected": True,
         "fan": [{"year": y, "p10": v * 0.9, "p50": v, "p90": v * 1.1} for y, v in fan]}]}


REGIONS = pd.DataFrame({"id": ["national", "k1", "k2", "p1", "p2", "p3", "p4"],
                        "level": ["national", "kanwil", "kanwil"] + ["province"] * 4})


def _skipped(results, level="province"):
    return reconcile_run(results, REGIONS)["levels"][level]["skipped"]


# ------------------------------------------------------------------ the reconciliation's reasons


def test_a_level_not_all_run_is_said_in_indonesian_and_as_before_in_english():
    results = {"national": _res("national", [(2026, 100.0)]),
               "k1": _res("k1", [(2026, 40.0)]), "k2": _res("k2", [(2026, 40.0)]),
               "p1": _res("p1", [(2026, 50.0)]), "p2": _res("p2", [(2026, 20.0)]),
               "p3": _res("p3", [(2026, 10.0)])}
    why = _skipped(results)
    assert reason_text(why, "id") == (
        "3 dari 4 wilayah provinsi ada dalam run ini; bagian-bagiannya hanya dapat "
        "direkonsiliasi dengan keseluruhan bila semua wilayah provinsi dijalankan")
    assert reason_text(why, "en") == (
        "3 of 4 province regions are in this run; the parts can only be reconciled with the "
        "whole when every province region is run")


def test_too_few_and_fewer_than_two_projected_are_said_in_indonesian():
    none = {"metric": "active_total", "projected": False, "reason": "no observations"}
    results = {"national": _res("national", [(2026, 100.0)]),
               "k1": _res("k1", [(2026, 40.0)]), "k2": {"region": "k2", "projections": [none]},
               "p1": _res("p1", [(2026, 50.0)]), "p2": {"region": "p2", "projections": [none]},
               "p3": {"region": "p3", "projections": [none]},
               "p4": {"region": "p4", "projections": [none]}}
    name = (lambda metric, lang: {"en": "Active participants", "id": "Peserta aktif"}[lang])
    assert reason_text(_skipped(results), "id", name) == (
        "hanya 1 dari 4 wilayah provinsi yang memiliki proyeksi peserta aktif; menskalakannya "
        "ke total nasional akan membebankan sisanya kepada mereka")
    # A level of one region: nothing to share the whole among.
    one = reconcile_run(results, REGIONS[REGIONS["id"].isin(["national", "k1"])])
    assert reason_text(one["levels"]["kanwil"]["skipped"], "id", name) == (
        "1 dari 1 wilayah kanwil memiliki proyeksi peserta aktif; minimal 2 diperlukan")
    # No top region: the whole run is not reconciled.
    out = reconcile_run({"k1": results["k1"]}, REGIONS)
    assert reason_text(out["skipped"], "id") == (
        "run ini tidak memuat wilayah national sebagai pembanding rekonsiliasi")


def test_regions_and_whole_without_a_common_year_are_said_in_indonesian():
    results = {"national": _res("national", [(2026, 100.0)]),
               "k1": _res("k1", [(2030, 40.0)]), "k2": _res("k2", [(2030, 40.0)])}
    regions = REGIONS[REGIONS["level"] != "province"]
    why = reconcile_run(results, regions)["levels"]["kanwil"]["skipped"]
    assert reason_text(why, "id") == ("proyeksi wilayah kanwil dan proyeksi keseluruhan tidak "
                                      "memiliki tahun yang sama")


# ------------------------------------------------------------------------ the summary's tables


def _hand_made_run(tmp_path):
    run = tmp_path / "run"
    (run / "bali").mkdir(parents=True)
    (run / "manifest.json").write_text("{}")  # a run folder; the table reads no field of it
    (run / "bali" / "results.json").write_text(json.dumps({
        "region": "bali", "region_name": "Bali", "targets": [], "skipped": [],
        "scheme": {"metrics": {"active_total": {"labels": {"en": "Active participants",
                                                           "id": "Peserta aktif"}}}}}))
    (run / "reconciliation.json").write_text(json.dumps({"levels": {
        "province": {"included": ["a", "b", "c"], "regions_in_level": 4,
                     "missing": {"d": "not projected"}, "years": [2026],
                     "sum_before": {"2026": 10.0}, "whole": {"2026": 11.0},
                     "factor": {"2026": 1.1}, "adjustment": {"2026": 1.0}},
        "regency in bali": {"parent": "bali", "regions_in_level": 9, "included": [],
                            "missing": {}, "skipped": {"code": "recon_parent_unprojected",
                                                       "parent": "bali", "level": "regency",
                                                       "metric": "active_total"}}}}))
    return run


def test_the_reconciliation_table_speaks_indonesian(tmp_path):
    frame = tables.reconciliation_table(_hand_made_run(tmp_path), "id")
    assert list(frame.columns) == ["Tingkat", "Tahun", "Wilayah", "Jumlah median wilayah",
                                   "Median keseluruhan", "Faktor", "Penyesuaian",
                                   "Catatan"]
    first, second = frame.iloc[0], frame.iloc[1]
    assert (first["Tingkat"], first["Wilayah"], first["Catatan"]) == (
        "provinsi", "3 dari 4", "1 tanpa proyeksi")
    assert second["Tingkat"] == "kabupaten/kota di Bali"
    assert second["Catatan"] == ("Bali tidak memiliki proyeksi peserta aktif dalam run ini "
                                 "untuk merekonsiliasi wilayah kabupaten/kota di bawahnya")
    text = frame.to_string()
    for english in (" of ", "without", "regency", "province", "Level", "Note"):
        assert english not in text, english


def test_the_reconciliation_table_in_english_is_as_before(tmp_path):
    frame = keyed(tables.reconciliation_table(_hand_made_run(tmp_path)))
    assert list(frame["regions"][:1]) == ["3 of 4"]
    assert frame["note"].iloc[0] == "1 without a projection"
    assert frame["note"].iloc[1] == ("Bali has no active participants projection in this run "
                                     "to reconcile its regency/city regions with")


def test_the_summary_tables_refuse_a_bad_lang_before_reading_the_run(tmp_path):
    from forecast.errors import ParameterError

    for table in (tables.run_table, tables.reconciliation_table):
        with pytest.raises(ParameterError, match=r"^lang: expected one of en, id, found 'fr'$"):
            table(tmp_path / "no-such-run", "fr")


# ------------------------------------------------------------------ the notebooks as shipped


def test_the_notebooks_markdown_is_the_cover_and_headings_in_both_languages():
    """A markdown cell cannot follow lang: besides the cover, the only markdown cells are
    the section headings, each one line in both languages; every text below them is shown
    from code (forecast.notebookwords) in the notebook's language."""
    import jupytext

    from forecast.notebookwords import HEADINGS

    for name in ("region_forecast", "summary"):
        py = jupytext.read(NOTEBOOKS / f"{name}.py")
        assert [c.source for c in py.cells] == \
            [c.source for c in jupytext.read(NOTEBOOKS / f"{name}.ipynb").cells]
        markdown = [c for c in py.cells if c.cell_type == "markdown"]
        assert markdown[0].metadata["tags"] == ["cover"], name
        assert "Bahasa Indonesia" in markdown[0].source and "English" in markdown[0].source
        bilingual = {f"## {en} · {id_}" for en, id_ in HEADINGS.values()}
        for cell in markdown[1:]:
            assert cell.metadata["tags"] == ["heading"], cell.source
            assert cell.source in bilingual, cell.source
        assert "lang: str = " in "".join(c.source for c in py.cells), name


papermill = pytest.importorskip("papermill")




@pytest.mark.slow
def test_the_summary_notebook_refuses_a_bad_lang_in_one_line(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        papermill.execute_notebook(str(NOTEBOOKS / "summary.ipynb"), str(tmp_path / "s.ipynb"),
                                   parameters={"lang": "fr", "run_dir": str(tmp_path / "none")},
                                   kernel_name="python3", progress_bar=False,
                                   cwd=str(NOTEBOOKS))
    # Checked before the run folder is read: the one line is about lang, not run_dir.
    assert caught.value.ename == "ParameterError"
    assert caught.value.evalue == "lang: expected one of en, id, found 'fr'"


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    from conftest import make_data_dir

    from forecast import batch

    root = tmp_path_factory.mktemp("lang-s12")
    manifest = batch.run_batch(regions="all", data_dir=make_data_dir(root / "data"),
                               runs_dir=root / "runs", n_paths=200, jobs=2, lang="id")
    return manifest["run_dir"]


@pytest.mark.slow
def test_the_summary_notebook_in_indonesian(tiny_run, tmp_path):
    out = tmp_path / "s.ipynb"
    papermill.execute_notebook(str(NOTEBOOKS / "summary.ipynb"), str(out),
                               parameters={"run_dir": tiny_run, "lang": "id"},
                               kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    text = notebook_text(out)
    # The headings are markdown cells in both languages; below them, only Indonesian.
    for indonesian in ("Membaca `manifest.json`", "Run yang dibaca di sini",
                       "Satu baris per wilayah dan target",
                       "Jumlah setiap wilayah diproyeksikan",
                       "Wilayah", "Tanggal target", "Probabilitas", "Klasifikasi (UNSD)",
                       "Peserta aktif", "Dana investasi", "orang", "Rp triliun", "berhasil",
                       "tidak ada target yang dinilai", "31 Des 2026", "Tingkat", "kanwil",
                       "provinsi", "minimal 2 diperlukan", "70.000.000"):
        assert indonesian in text, indonesian
    for english in ("A batch run", "The run read here", "Ranked probabilities",
                    "Do the regions add up", "Sum of the regions", "Region", "Target date",
                    "Probability", "Active participants", "Investment funds", "persons",
                    "Rp trillion", "no target assessed", "Dec 2026", "Level",
                    "at least 2 are needed", "70,000,000"):
        assert english not in text, english
    # The level by its Indonesian name (the folder east-province is an id, not a word).
    assert not re.search(r"(?<![\w-])province(?![\w-])", text)


@pytest.mark.slow
def test_the_region_notebook_headings_and_notes_in_indonesian(tiny_data_dir, tmp_path):
    out = tmp_path / "r.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS / "region_forecast.ipynb"), str(out),
        parameters={"data_dir": str(tiny_data_dir), "n_paths": 200, "lang": "id",
                    "compare_as_of": "", "output_dir": str(tmp_path / "o")},
        kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    text = notebook_text(out)
    # The headings are markdown cells in both languages; the outputs are only in lang.
    assert not re.findall(r"^## (.+)$", text, re.M)
    for indonesian in ("Setiap pengamatan wilayah ini sebagaimana diketahui pada",
                       "track_record tidak diatur.", "compare_as_of tidak diatur.",
                       "berkas ditulis ke", "Semua 32 pembacaan, dengan sumber dan catatannya",
                       "Catatan sumber (dalam bahasa Inggris)",
                       "Tidak ada model dana untuk Testland: ",
                       "Tidak ada dekomposisi segmen untuk Testland: "):
        assert indonesian in text, indonesian
    for english in ("The data and its sources", "Our track record", "Data quality",
                    "Outputs", "is not set", "Wrote ", "readings, with their sources",
                    "No fund model", "No segment decomposition", "No target"):
        assert english not in text, english
    # The page of the run (code hidden) leaves out the cover, which is in both languages.
    from forecast.report import export_html

    html = export_html(out, tmp_path / "r.html").read_text(encoding="utf-8")
    headings = [re.sub(r"<[^>]+>|&#182;|¶", "", h).strip()
                for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html, re.S)]
    # The cover's title only, in the run's language; then the verdicts, not the title again.
    assert headings[:4] == ["Apakah wilayah ini akan mencapai target cakupannya?",
                            "Kesimpulan: setiap target pada laju sejauh ini",
                            "Data dan sumbernya", "Rekam jejak kami"]
    assert headings[-2:] == ["Kualitas data", "Keluaran"]
    assert "Will the region" not in html and "Change a parameter" not in html
    assert " · " not in " ".join(headings) and "The data and its sources" not in html


# ------------------------------------------------------------ the national run's own tables


def test_the_fund_inputs_say_how_in_indonesian(shipped_national):
    fm = shipped_national["funds_model"]
    # Written again from the fields: in English exactly what forecast.funds wrote.
    for d in fm["inputs"]:
        assert how_text(d, fm, "en") == d["how"], d["name"]
    how = keyed(tables.funds_inputs_table(shipped_national, "id"))["how"].tolist()
    # The fund's last reading is of October: the recursion starts at its year-end nowcast.
    assert how[0].startswith("dana investasi pada 31 Desember ")
    assert "(Rp triliun) diperkirakan dari pembacaan 31 Oktober " in how[0]
    assert ", titik awal rekursi (setiap jalur diskalakan dengan satu tarikan lognormal, " \
           "simpangan baku " in how[0]
    ret = next(d for d in fm["inputs"] if d["name"] == "investment_return")
    years = ", ".join(f"{y} {100 * v:.2f} %".replace(".", ",")
                      for y, v in zip(ret["years"], ret["yearly"]))
    assert how[1].startswith(f"hasil investasi[t] / dana investasi[t-1], rata-rata "
                             f"{len(ret['years'])} tahun ({years}); rata-rata ")
    assert "iuran[t] / rata-rata(peserta aktif[t-1], peserta aktif[t])" in how[2]
    assert " jt" in how[2] and "sebagai bagian dari dana, bukan dari iuran" in how[3]
    for english in ("mean", "observed", "starting point", "each path", "year-to-year",
                    "years", "share of the fund", "[y]"):
        assert not [h for h in how if english in h], english


def test_the_segments_and_models_notes_in_indonesian(shipped_national):
    notes = keyed(tables.segments_table(shipped_national, "id"))["reason"].dropna().tolist()
    shares = [n for n in notes if "diproyeksikan sebagai bagiannya dari peserta aktif: " in n]
    assert shares and all("tanggal bersama" in n and "setelah penyusutan" in n for n in shares)
    reasons = keyed(tables.models_table(shipped_national, "id"))["reason"].dropna().tolist()
    assert "tidak ada deret plafon untuk dana investasi" in reasons
    text = " ".join(notes + reasons)
    for english in ("year-end point", "needed for the models", "projected as its share",
                    "shared date", "after shrinkage", "weight", "no ceiling series"):
        assert english not in text, english


def test_a_region_without_the_national_extras_is_told_in_indonesian():
    results = {"region": "kanwil-banten", "region_name": "Kanwil Banten",
               "scheme": {"top_region": "national"}}
    assert tables.funds_summary_table(results, "id") == (
        "Tidak ada model dana untuk Kanwil Banten: hanya dihitung untuk run nasional.")
    assert tables.segments_table(results, "id") == (
        "Tidak ada dekomposisi segmen untuk Kanwil Banten: hanya dihitung untuk run nasional.")
    fm = {"region_name": "Indonesia", "funds_model": {"inputs": [], "backtest": {}}}
    assert tables.funds_backtest_table(fm, "id") == "Tidak ada uji balik dalam hasil ini."


def test_the_pdfs_backtest_words_are_indonesian(shipped_national):
    from forecast.report import build
    from forecast.report.i18n import t

    section = build.optional_sections(shipped_national, "id")["funds_model"]
    assert section["backtest_title"] == "Uji balik"
    assert t("id", "method_weights_table",
             top_targets="target utama nasional").startswith("Galat uji balik (MAPE)")
    for key in ("method_models_text", "method_weights_text"):
        text = t("id", key, ceiling="penduduk bekerja",
                 top_growth="pertumbuhan nasional")
        assert "langkah acak dengan drift" in text and "random walk" not in text


def test_the_cli_and_the_growth_chart_say_backtest_and_versus_in_indonesian(shipped_national):
    from forecast import plots
    from forecast.textfmt import format_extras
    from forecast.textnum import LANG

    token = LANG.set("id")
    try:
        text = format_extras(shipped_national)
    finally:
        LANG.reset(token)
    assert "MAPE uji balik" in text and "backtest" not in text
    fig = plots.growth_chart(shipped_national["targets"], lang="id")
    title = fig.axes[0].get_title(loc="left")
    assert title == "Pertumbuhan yang dibutuhkan dibandingkan yang tercapai", title
