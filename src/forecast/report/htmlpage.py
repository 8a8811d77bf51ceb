"""A batch region's executed notebook as an HTML page, code hidden, in the language it ran in
(``forecast batch`` writes ``region_forecast.html`` beside each notebook)."""

from __future__ import annotations

import json
import logging
import re
import threading
from pathlib import Path

from ..errors import DataError
from ..store import write_atomic


def export_html(notebook: str | Path, out_html: str | Path) -> Path:
    """Export an executed notebook to HTML with the code cells hidden (nbconvert).

    Parameters
    ----------
    notebook : path
        An executed ``.ipynb``.
    out_html : path
        Where the HTML goes (written to a temporary name, then renamed).
    """
    # nbconvert is slow to import and only the HTML export needs it.
    import nbformat
    from nbconvert import HTMLExporter

    # Here, not at the top: notebookwords imports the table words, which import this
    # package.
    from ..notebookwords import one_language

    try:
        nb = nbformat.read(str(notebook), as_version=4)
    except (OSError, ValueError) as exc:
        raise DataError(f"{notebook}: cannot read the notebook ({exc})") from exc
    # The cover (in both languages: it precedes the choice of lang) tells a notebook's user
    # how to set the parameters; the page, code hidden, keeps only its title (the question
    # the page answers) and the sections, in its lang.
    lang = _notebook_lang(nb)
    for cell in nb.cells:
        if "cover" in cell.get("metadata", {}).get("tags", []):
            first = cell.source.splitlines()[0] if cell.source.startswith("# ") else ""
            cell.source = one_language(first, lang) if lang else first
            # The browser tab: the region's name before the question, not the file's name
            # ("region_forecast" for every region of a run).
            name = _region_name(Path(notebook).with_name("results.json"))
            if cell.source:
                nb.metadata["title"] = (f"{name}: " if name else "") + cell.source[2:].strip()
    nb.cells = [c for c in nb.cells if c.source or "cover" not in c.get("metadata", {}).get(
        "tags", [])]
    nb.cells = _without_shipped_sections(nb.cells, Path(notebook).with_name("results.json"))
    # The section headings are in both languages (a markdown cell cannot follow lang); the
    # page is in the language the notebook ran in, so it keeps that half of each.
    if lang:
        for cell in nb.cells:
            if "heading" in cell.get("metadata", {}).get("tags", []):
                cell.source = one_language(cell.source, lang)
    # One exporter a process: a new one compiles its nine Jinja templates again, which
    # was half of a region's export (0.15 s of 0.3 s). The lock keeps the batch's report
    # threads from sharing its state at once.
    with _EXPORTER_LOCK:
        if not _EXPORTER:
            exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                                    exclude_output_prompt=True)
            # nbconvert warns on every figure without alt text; the page says what each
            # shows.
            exporter.log.setLevel(logging.ERROR)
            _EXPORTER.append(exporter)
        body, _ = _EXPORTER[0].from_notebook_node(nb)
    return write_atomic(body.encode("utf-8"), Path(out_html))


#: The first code of the sections on the shipped scheme's national analysis (its fund model,
#: its membership segments), which read metrics another scheme may not define.
SHIPPED_SECTIONS = ('section("funds"', 'section("segments"')


def _without_shipped_sections(cells: list, results_json: Path) -> list:
    """``cells`` without the sections on the shipped scheme's national analysis where the
    run's scheme (its ``results.json`` beside the notebook) has neither the participants
    nor the fund that analysis needs: another scheme's page said "For BPJS
    Ketenagakerjaan's investment funds..." over "No fund model for ..." three times."""
    try:
        metrics = (json.loads(results_json.read_text(encoding="utf-8")).get("scheme")
                   or {}).get("metrics") or {}
    except (OSError, ValueError, AttributeError):
        return cells  # no readable results: the page keeps every section
    if not metrics or {"active_total", "fund_investment"} & set(metrics):
        return cells
    kept, drop = [], False
    for i, cell in enumerate(cells):
        if "heading" in cell.get("metadata", {}).get("tags", []):
            code = next((c for c in cells[i + 1:] if c.cell_type == "code"), None)
            drop = code is not None and code.source.lstrip().startswith(SHIPPED_SECTIONS)
        if not drop:
            kept.append(cell)
    return kept


def _region_name(results_json: Path) -> str:
    """The region's name in the run's ``results.json`` ("" if unreadable)."""
    try:
        name = json.loads(results_json.read_text(encoding="utf-8")).get("region_name")
    except (OSError, ValueError, AttributeError):
        return ""
    return name if isinstance(name, str) else ""


_LANG_LINE = re.compile(r"""^lang\s*(?::\s*str\s*)?=\s*["'](en|id)["']""", re.M)


def _notebook_lang(nb) -> str | None:
    """The ``lang`` a notebook ran with: papermill's injected parameters, else the
    parameters cell; None when neither sets a known language (the headings then stay in
    both languages)."""
    for tag in ("injected-parameters", "parameters"):
        for cell in nb.cells:
            if cell.cell_type == "code" and tag in cell.get("metadata", {}).get("tags", []):
                found = _LANG_LINE.findall(cell.source)
                if found:
                    return found[-1]
    return None


_EXPORTER: list = []  # the process's HTMLExporter, made on first use
_EXPORTER_LOCK = threading.Lock()
