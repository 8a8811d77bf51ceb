"""The PDFs' source list: a short list side by side in balanced runs, a long one flowing
through the columns page by page with its last page balanced too."""

from __future__ import annotations

import io
import json
import random
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


def _last_page_columns(tmp_path: Path, n: int, lead: int) -> tuple[int, dict[float, list]]:
    """The pages, and the text lines of the last page by column, of a page that opens with
    ``lead`` words of text and then lists ``n`` sources of varied length (titles of 1 to 14
    words, addresses of 1 to 5 parts that wrap) with the reports' own ``source-list``."""
    typst = pytest.importorskip("typst")
    from pypdf import PdfReader

    tmp_path.mkdir(parents=True, exist_ok=True)
    shutil.copy(TEMPLATES / "common.typ", tmp_path / "common.typ")
    (tmp_path / "page.typ").write_text(
        '#import "common.typ": *\n#set page(paper: "a4", margin: (x: 1.7cm, top: 1.5cm, '
        f'bottom: 1.7cm))\n#lorem({lead})\n== Sources\n#source-list(doc.sources)\n',
        encoding="utf-8")
    rng = random.Random(7)
    sources = [{"publisher": f"Pub{i:03d}", "title": " ".join(["Title"] * rng.randint(1, 14)),
                "published": "2024", "url": "https://example.org/" + "/".join(
                    "x" * rng.randint(3, 20) for _ in range(rng.randint(1, 5)))}
               for i in range(1, n + 1)]
    pdf, warnings = typst.compile_with_warnings(
        str(tmp_path / "page.typ"), root=str(tmp_path),
        sys_inputs={"doc": json.dumps({"title": "t", "sources": sources})})
    # The last page is read back from the previous layout pass: the layout must settle.
    assert not [w for w in warnings if "converge" in str(w)], warnings
    pages = PdfReader(io.BytesIO(pdf)).pages
    seen: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip() and abs(size * cm[0] - 6.2) < 0.1:  # the list's lines only (6.2 pt)
            seen.append((cm[4] + tm[4], cm[5] + tm[5], text))

    pages[-1].extract_text(visitor_text=visit)
    # A column starts where an entry's publisher starts; each piece of text belongs to the
    # column to its left.
    lefts = sorted({round(x) for x, _, t in seen if t.startswith("Pub")})
    lines: dict[float, list] = {left: [] for left in lefts}
    for x, y, t in seen:
        lines[max(left for left in lefts if left <= x + 1)].append((y, t))
    return len(pages), lines


@pytest.mark.parametrize("n, lead", [(68, 550), (200, 120), (30, 650)])
def test_the_last_page_of_a_long_list_is_balanced(tmp_path, n, lead):
    # The national PDF's 68 sources ran over a page and left the last page with every
    # entry in the first column and the other two empty.
    n_pages, lines = _last_page_columns(tmp_path, n, lead)
    assert n_pages >= 2  # the list does run over a page
    assert len(lines) == 3, sorted(lines)
    tops = [max(y for y, _ in col) for col in lines.values()]
    bottoms = [min(y for y, _ in col) for col in lines.values()]
    heights = [t - b for t, b in zip(tops, bottoms)]
    # Columns of equal height, give or take one entry (at most 5 lines of 6.2 pt).
    assert max(tops) - min(tops) < 2
    assert max(heights) - min(heights) < 5 * 6.2 * 1.5, heights
