"""What a researcher saw running the notebooks in JupyterLab: text in the wrong language,
tables past the notebook's right edge, numbers without their unit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import forecast
from forecast import compare_cmd, config, data
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
