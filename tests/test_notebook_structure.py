"""The notebooks' structure as a researcher meets it in JupyterLab.

Unexecuted, a notebook shows only its cells' sources: its sections must be markdown
headings (JupyterLab's table of contents is built from them), one line in both languages.
Executed under ``lang="id"``, what the code shows below them must be Indonesian only, and
the run's HTML page (code hidden) keeps only the Indonesian half of each heading.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from conftest import notebook_text

from forecast import config
from forecast.notebookwords import HEADINGS, ORDER, SECTIONS, section

NOTEBOOKS = config.NOTEBOOKS_DIR


def _tags(cell) -> list:
    return cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("name", ["region_forecast", "summary", "explore"])
def test_the_unexecuted_notebook_has_its_section_headings_in_order(name):
    import jupytext

    for nb in (nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4),
               jupytext.read(NOTEBOOKS / f"{name}.py")):
        cells = nb.cells
        headings = [c for c in cells if c.cell_type == "markdown" and "heading" in _tags(c)]
        # One '## English · Indonesia' line each, in the sections' order.
        assert [c.source for c in headings] == [
            f"## {HEADINGS[k][0]} · {HEADINGS[k][1]}" for k in ORDER[name]]
        # The cover's title is asked once: no section repeats it, in either language (the
        # contents listed "Will the region meet its coverage targets?" twice).
        title = cells[0].source.splitlines()[0].removeprefix("# ").split(" · ")
        for k in ORDER[name]:
            assert not set(title) & set(HEADINGS[k]), (name, k, title)
        # The first is below the parameters (above them is the cover only).
        where = next(i for i, c in enumerate(cells) if "parameters" in _tags(c))
        assert [i for i, c in enumerate(cells) if c.cell_type == "markdown"][1] > where
        # A section's explanation is shown right below its own heading.
        for i, cell in enumerate(cells):
            shown = re.fullmatch(r'(?:display\()?section\("(\w+)", lang(?:, panel\.scheme)?\)\)?',
                                 cell.source)
            if cell.cell_type == "code" and shown and shown.group(1) in HEADINGS:
                assert cells[i - 1].source.startswith(
                    f"## {HEADINGS[shown.group(1)][0]} · "), cell.source


def test_the_explanations_carry_no_second_heading():
    """The heading is the markdown cell's; what the code shows below it is text only."""
    for lang in ("en", "id"):
        for key, text in SECTIONS[lang].items():
            assert not re.search(r"^#", text, re.M), (lang, key)
    assert set(SECTIONS["en"]) == set(SECTIONS["id"])


def test_the_html_page_keeps_the_heading_in_the_run_language(tmp_path):
    from forecast.report import export_html

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Cover · Sampul", metadata={"tags": ["cover"]}),
        nbformat.v4.new_code_cell('lang: str = "en"', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell('lang = "id"', metadata={"tags": ["injected-parameters"]}),
        nbformat.v4.new_markdown_cell("## The data and its sources · Data dan sumbernya",
                                      metadata={"tags": ["heading"]}),
        nbformat.v4.new_markdown_cell("## Kept · as written")]  # not a heading cell
    nbformat.write(nb, tmp_path / "id.ipynb")
    html = export_html(tmp_path / "id.ipynb", tmp_path / "id.html").read_text("utf-8")
    assert "Data dan sumbernya" in html and "The data and its sources" not in html
    assert "Kept · as written" in html and "Cover" not in html
    del nb.cells[2]  # no injected lang: the parameters cell's, English
    nbformat.write(nb, tmp_path / "en.ipynb")
    html = export_html(tmp_path / "en.ipynb", tmp_path / "en.html").read_text("utf-8")
    assert "The data and its sources" in html and "Data dan sumbernya" not in html


papermill = pytest.importorskip("papermill")




@pytest.mark.slow
def test_the_executed_region_notebook_in_indonesian_shows_no_english_section(tmp_path):
    out = tmp_path / "r.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS / "region_forecast.ipynb"), str(out),
        parameters={"n_paths": 200, "lang": "id", "compare_as_of": ""},
        kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    shown = notebook_text(out)
    region_keys = ("region", "data", "track_record", "reachability", "reach", "speed",
                   "moved", "fan", "models", "base_year", "funds", "fund_inputs",
                   "fund_backtest", "segments", "quality", "outputs")
    for key in region_keys:
        # The shipped data: the fund and segments sections name its scheme.
        assert str(section(key, "id")) in shown, key
        assert str(section(key, "en"))[:60] not in shown, key
    for english in ("Every observation of the region as known at", "Seven growth models",
                    "How much history supports each projection", "is not set",
                    "Nothing written"):
        assert english not in shown, english
    assert "Tidak ada yang ditulis: output_dir tidak diatur." in shown
    # The page of the run: the Indonesian half of each heading, in order, nothing else.
    from forecast.report import export_html

    html = export_html(out, tmp_path / "r.html").read_text(encoding="utf-8")
    h2 = [re.sub(r"<[^>]+>|¶", "", h).strip()
          for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]
    assert h2 == [HEADINGS[k][1] for k in ORDER["region_forecast"]]
    assert h2[1] == "Data dan sumbernya" and h2[-1] == "Keluaran"


@pytest.mark.slow
def test_the_explore_notebook_refuses_a_bad_lang_in_one_line(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        papermill.execute_notebook(str(NOTEBOOKS / "explore.ipynb"), str(tmp_path / "e.ipynb"),
                                   parameters={"lang": "fr", "data_dir": str(tmp_path / "no")},
                                   kernel_name="python3", progress_bar=False,
                                   cwd=str(NOTEBOOKS))
    # Checked before the data is read: the one line is about lang, not data_dir.
    assert caught.value.ename == "ParameterError"
    assert caught.value.evalue == "lang: expected one of en, id, found 'fr'"


@pytest.mark.slow
def test_the_explore_notebook_in_indonesian(tmp_path):
    out = tmp_path / "e.ipynb"
    papermill.execute_notebook(str(NOTEBOOKS / "explore.ipynb"), str(out),
                               parameters={"n_paths": 200, "lang": "id"},
                               kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    shown = notebook_text(out)
    for indonesian in (str(section("what_if", "id")), SECTIONS["id"]["what_if_levels"],
                       "Probabilitas", "Nilai terakhir", "Peserta aktif", "Dana investasi",
                       "31 Des 2026"):
        assert indonesian in shown, indonesian
    assert "Tambahan kepesertaan neto per bulan (hipotetis)" in shown  # the what-if table
    for english in (str(section("what_if", "en"))[:60], "Probability", "Last value",
                    "Active participants", "Investment funds,", "Dec 2026",
                    "Extra net enrolments", "Hypothetical what-if"):
        assert english not in shown, english


@pytest.mark.slow
def test_a_region_without_targets_says_so_under_the_projection_heading(tmp_path):
    # Jawa Barat has readings but no target: its "projection against the target" section
    # showed its heading and nothing under it.
    out = tmp_path / "jb.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS / "region_forecast.ipynb"), str(out),
        parameters={"region": "jawa-barat", "n_paths": 200, "compare_as_of": ""},
        kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    nb = nbformat.read(out, as_version=4)
    fan = [c for c in nb.cells if c.cell_type == "code"
           and c.source.startswith('for entry in run["targets"]')]
    assert len(fan) == 1
    shown = " ".join(str(o.get("data", {}).get("text/plain", o.get("text", "")))
                     for o in fan[0].outputs)
    assert "No target assessed." in shown, shown


def test_the_html_page_is_titled_with_the_region_and_the_question(tmp_path):
    # Every region's page of a run was titled "region_forecast" in the browser's tab.
    import json

    from forecast.report import export_html

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Will it? · Apakah?\n\nHow to set the parameters.",
                                      metadata={"tags": ["cover"]}),
        nbformat.v4.new_code_cell('lang = "id"', metadata={"tags": ["injected-parameters"]})]
    nbformat.write(nb, tmp_path / "region_forecast.ipynb")
    (tmp_path / "results.json").write_text(json.dumps({"region_name": "Jawa Barat"}))
    html = export_html(tmp_path / "region_forecast.ipynb",
                       tmp_path / "page.html").read_text("utf-8")
    assert "<title>Jawa Barat: Apakah?</title>" in html, html[:400]
    (tmp_path / "results.json").unlink()  # no results beside it: the question alone
    html = export_html(tmp_path / "region_forecast.ipynb",
                       tmp_path / "page.html").read_text("utf-8")
    assert "<title>Apakah?</title>" in html
