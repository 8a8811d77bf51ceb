"""What a researcher saw running the notebooks in JupyterLab: text in the wrong language,
tables past the notebook's right edge, numbers without their unit."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import forecast
from forecast import compare_cmd, config, data, results, tables
from forecast.report import comparepage
from forecast.styles import styled

NOTEBOOKS = config.NOTEBOOKS_DIR
#: The empty table's sentence in each language, as a reader must see it.
NO_ROWS = {"en": "No rows to show.", "id": "Tidak ada baris untuk ditampilkan."}


@pytest.fixture(scope="module")
def panel():
    return data.load_panel(None)


def _outputs(path: Path) -> str:
    """Every text an executed notebook shows (plain text, HTML, markdown, streams)."""
    nb = json.loads(path.read_text())
    texts = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if out["output_type"] == "stream":
                texts.append("".join(out["text"]))
            for mime in ("text/plain", "text/html", "text/markdown"):
                texts.append("".join(out.get("data", {}).get(mime, "")))
    return "\n".join(texts)


def _papermill(name: str, tmp_path: Path, monkeypatch, **parameters) -> str:
    """Run a shipped notebook through papermill with the kernel importing this checkout's
    package (not whatever an editable install points at) and return what it shows."""
    papermill = pytest.importorskip("papermill")
    monkeypatch.setenv("PYTHONPATH", str(Path(forecast.__file__).resolve().parents[1]))
    out = tmp_path / name
    papermill.execute_notebook(str(NOTEBOOKS / name), str(out), parameters=parameters,
                               kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    return _outputs(out)


def test_a_region_with_nothing_to_compare_says_so_in_its_language(panel):
    # Bali has no target: "Why the probability moved" showed "No rows to show." in English
    # in the Indonesian notebook, above "Tidak ada target untuk dibandingkan.".
    moved = compare_cmd.compare_as_of(panel, "bali", "2023,2024", vintage_basis="published",
                                      n_paths=100, seed=1)
    assert moved["targets"] == []
    for lang, sentence in NO_ROWS.items():
        assert str(styled(comparepage.compare_table(moved, lang))) == sentence


@pytest.mark.slow
def test_region_notebook_in_indonesian_has_no_english_empty_table(tmp_path, monkeypatch):
    shown = _papermill("region_forecast.ipynb", tmp_path, monkeypatch, region="bali",
                       lang="id", n_paths=300)
    assert NO_ROWS["id"] in shown
    assert NO_ROWS["en"] not in shown


@pytest.mark.slow
def test_explore_in_indonesian_does_not_say_its_controls_are_english(tmp_path, monkeypatch):
    # The what-if's text said "Kontrol dan tabel pengandaian masih dalam bahasa Inggris."
    # (the controls and table are still in English) under Indonesian controls and table.
    shown = _papermill("explore.ipynb", tmp_path, monkeypatch, lang="id", n_paths=300)
    assert "bahasa Inggris" not in shown
    assert "Tambahan kepesertaan neto per bulan (hipotetis)" in shown  # the table, in id
    assert "Extra net enrolments" not in shown


@pytest.fixture(scope="module")
def national(panel):
    return results.run_region(panel, "national", n_paths=300, seed=1)


#: The unit each shipped target is counted in, as the tables must name it.
UNITS = {"en": {"Active participants": "persons", "Coverage": "percent",
                "Investment funds": "Rp trillion"},
         "id": {"Peserta aktif": "orang", "Cakupan": "persen", "Dana investasi": "Rp triliun"}}


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("table", ["models_table", "base_year_table"])
def test_tables_of_several_targets_say_each_rows_unit(national, table, lang):
    # "Median" and "Value in the base year" held persons, percent and rupiah in one column,
    # with nothing but the target's name to say which (24.3 next to 317.3 next to 17,000,000).
    frame = getattr(tables, table)(national, lang)
    unit = "Unit" if lang == "en" else "Satuan"
    target = frame.columns[0]
    seen = set()
    for name, got in zip(frame[target], frame[unit]):
        metric = name.rsplit(" ", 2)[0]  # "Coverage by 2029", "Cakupan pada 2029"
        assert got == UNITS[lang][metric], (name, got)
        seen.add(metric)
    assert seen == set(UNITS[lang])


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_fund_table_says_its_unit(national, lang):
    frame = tables.funds_summary_table(national, lang)
    unit = frame["Unit" if lang == "en" else "Satuan"].tolist()
    fund = UNITS[lang]["Investment funds" if lang == "en" else "Dana investasi"]
    assert unit[:2] == [fund, fund]  # the structural model and the headline: medians in it
    assert pd.isna(unit[2])  # both targets together: a probability only, no median


@pytest.fixture(scope="module")
def context(panel):
    return results.national_context(panel, "national", n_paths=500, seed=1)


def test_extra_enrolments_of_the_total_lower_the_informal_growth_needed(context):
    # The explore what-if at 1,000,000 extra a month (segment "Active participants") said
    # P(workers target) 52 % yet "informal growth needed 55.7 %/yr", as with no extra: the
    # extra people joined no segment, so they were not counted towards the target.
    from forecast import whatif
    from forecast.national import evaluate

    def needed(segment, extra):
        return evaluate(context, whatif._scenario(extra, segment, None))["segments"][
            "informal_required_value"]

    base = needed("active_total", 0)
    by_total = base - needed("active_total", 100_000)
    by_wage_earners = base - needed("active_pu", 100_000)
    assert by_total > 0
    # A person counts the same towards the target whether or not a segment is named.
    assert by_total == pytest.approx(by_wage_earners, rel=0.02)
    table = whatif.what_if_table(context, lang="en")
    growth = table["Growth of informal participants needed (per year)"].tolist()
    # Each row's extra lowers the need (unchanged it was); how far depends on the months
    # they count, from the total's last reading (14 by end-2026 since session 28, not 24).
    assert all(a > b for a, b in zip(growth, growth[1:])), growth


def test_the_what_if_sliders_write_their_values_in_indonesian(context):
    # In the Indonesian notebook the sliders' readouts said "850,000" and "8.67": read in
    # Indonesian, 850 people and 867 %.
    pytest.importorskip("ipywidgets")
    from forecast import whatif

    box = whatif.interactive(context, lang="id")
    enrol_row, _, return_row = box.children[:3]
    enrol, enrol_shown = enrol_row.children
    ret, ret_shown = return_row.children
    assert not enrol.readout and not ret.readout  # the English readout is not shown
    enrol.value = 850_000
    ret.value = 12.5
    assert (enrol_shown.value, ret_shown.value) == ("850.000", "12,50")
    base = context.fund_inputs.investment_return.value
    ret.value = round(100 * base, 2)
    assert ret_shown.value == f"{round(100 * base, 2):.2f}".replace(".", ",")
    english = whatif.interactive(context, lang="en").children[0]
    assert english.readout and english.readout_format == ",d"  # 850,000 in English


def _browser_helpers():
    """The JupyterLab and Chromium fixtures and helpers of tests/browser."""
    import sys
    here = str(Path(__file__).resolve().parent / "browser")
    if here not in sys.path:
        sys.path.insert(0, here)
    import test_jupyterlab
    return test_jupyterlab


_lab = _browser_helpers()
browser, lab = _lab.browser, _lab.lab  # fixtures, for the test below

#: Past the right edge: an output wider than its area by more than this (pixels).
SLACK_PX = 2


def _too_wide(page) -> list[str]:
    """Outputs wider than the notebook shows, every folded table unfolded first; the
    notebook is scrolled through so every cell is drawn (JupyterLab draws what is seen)."""
    panel = page.locator(".jp-NotebookPanel:visible")
    scroller = panel.locator(".jp-WindowedPanel-outer").first
    height = scroller.evaluate("el => el.scrollHeight")
    found: dict[str, str] = {}
    for top in range(0, height + 600, 600):
        scroller.evaluate(f"el => {{ el.scrollTop = {top}; }}")
        page.wait_for_timeout(150)
        panel.evaluate("el => el.querySelectorAll('details').forEach(d => d.open = true)")
        for prompt, inner, wide, text in panel.evaluate(
                """el => Array.from(el.querySelectorAll('.jp-OutputArea-output')).map(o => {
                    const cell = o.closest('.jp-Cell');
                    const prompt = cell.querySelector('.jp-InputPrompt');
                    return [prompt ? prompt.innerText : '', o.clientWidth, o.scrollWidth,
                            (o.innerText || '').slice(0, 60)];
                })"""):
            if wide > inner + SLACK_PX:
                found[prompt + text] = f"cell {prompt} {wide} px in {inner} px: {text!r}"
    # The parameters cell (the first code cell): each line's comment is what the parameter
    # means, and a line past the edge hid it ("... (the batch: top region onl").
    scroller.evaluate("el => { el.scrollTop = 0; }")
    page.wait_for_timeout(300)
    code = panel.locator(".jp-CodeCell .cm-scroller").first
    inner, wide = code.evaluate("el => [el.clientWidth, el.scrollWidth]")
    if wide > inner + SLACK_PX:
        found["parameters"] = f"the parameters cell: {wide} px in {inner} px"
    return list(found.values())


@pytest.mark.browser
def test_tables_fit_the_notebook_beside_the_file_browser(browser, lab, tmp_path_factory):
    # At 1400 pixels with the file browser open, the segments table (region and explore),
    # the batch run's table (summary) and the unfolded readings with their addresses ran
    # past the right edge: their last column cut off, read only by scrolling sideways.
    run_dir = _lab._small_batch_run(tmp_path_factory.mktemp("runs"))
    for name, parameters in (("region_forecast.ipynb", {}), ("explore.ipynb", {}),
                             ("summary.ipynb", {"run_dir": str(run_dir)})):
        copy = _lab._copy_notebook(name, lab[2], parameters, dest=f"fit_{name}")
        page, _ = _lab._open_and_run(browser, lab, copy)
        assert page.locator(".jp-FileBrowser").first.is_visible(), "the file browser is open"
        assert page.viewport_size["width"] == 1400
        wide = _too_wide(page)
        page.close()
        assert not wide, f"{name}:\n" + "\n".join(wide)
