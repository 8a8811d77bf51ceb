"""The PDFs' source list: a short list side by side in balanced runs, a long one flowing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "forecast" / "report" / "templates"


def _x_of(tmp_path: Path, n: int) -> dict[str, float]:
    """The left x of each source's publisher ("Pub001"...) in a page listing ``n`` sources
    with the reports' own ``source-list``."""
    typst = pytest.importorskip("typst")
    from pypdf import PdfReader

    tmp_path.mkdir(parents=True, exist_ok=True)
    shutil.copy(TEMPLATES / "common.typ", tmp_path / "common.typ")
    (tmp_path / "page.typ").write_text('#import "common.typ": *\n'
                                       "#source-list(doc.sources)\n", encoding="utf-8")
    sources = [{"publisher": f"Pub{i:03d}", "title": "A title", "published": "2024",
                "url": "https://example.org/a"} for i in range(1, n + 1)]
    pdf = typst.compile(str(tmp_path / "page.typ"), root=str(tmp_path),
                        sys_inputs={"doc": json.dumps({"title": "t", "sources": sources})})
    (tmp_path / "page.pdf").write_bytes(pdf)
    xs: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.startswith("Pub") and text[:6] not in xs:
            xs[text[:6]] = cm[4] + tm[4]

    for page in PdfReader(str(tmp_path / "page.pdf")).pages:
        page.extract_text(visitor_text=visit)
    assert len(xs) == n, xs
    return xs


def test_a_short_list_is_cut_into_balanced_columns(tmp_path):
    # Six sources used to sit in the first of three columns, two thirds of the width empty.
    xs = _x_of(tmp_path, 6)
    left = {k for k, x in xs.items() if x < min(xs.values()) + 20}
    assert left == {"Pub001", "Pub002", "Pub003"}  # two columns of three, in order
    assert len({round(x) for x in xs.values()}) == 2


def test_two_sources_take_one_column_and_a_long_list_flows_through_three(tmp_path):
    # 200 sources run over the page: they flow column by column, as before.
    assert len({round(x) for x in _x_of(tmp_path / "a", 2).values()}) == 1
    assert len({round(x) for x in _x_of(tmp_path / "b", 200).values()}) == 3
