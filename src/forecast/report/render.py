"""Render the documents of :mod:`.build` to PDF with typst, and notebooks to HTML.

typst compiles in a private temporary folder holding the templates and copies of the
figures, so the only files it can read are ours, and the document itself arrives as JSON
through ``sys_inputs``. Only the fonts embedded in typst and those the package adds
(:mod:`forecast.fonts`, never a system font) are used: the same run gives the same bytes on
any machine. Every output is written to a temporary name and renamed.
"""

from __future__ import annotations

import errno
import json
import logging
import re
import shutil
import unicodedata
import tempfile
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Iterator

from .. import config
from ..errors import DataError, RunError
from ..fonts import font_folders
from ..glyphs import names_warning, scheme_names, unprintable
from ..plots import (drawn_in_scheme, fan_chart, fan_file, growth_axis, growth_by_region,
                     to_png)
from ..runfolder import read_manifest
from ..safepath import not_a_file
from ..staletemp import REPORT_WORK_PREFIX
from ..textsafe import one_line
from ..store import write_atomic
from . import build, summary
from . import numbers as fmt
from .comparepage import compare_section
from .readcheck import read_readable
from .htmlpage import export_html
from ..topwords import results_top_name
from .i18n import t
from .speedfig import speed_figure
from .trackpage import track_record_section
from .words import scheme_top_region

log = logging.getLogger(__name__)

TEMPLATES = ("common.typ", "region.typ", "summary.typ")
MANIFEST = "manifest.json"


def report_name(lang: str) -> str:
    """File name of a region's PDF in ``lang``."""
    return f"report_{lang}.pdf"


def summary_name(lang: str) -> str:
    """File name of a run's summary PDF in ``lang``."""
    return f"summary_{lang}.pdf"


def _save_png(fig, path: Path) -> None:
    path.write_bytes(to_png(fig))  # inside typst's private work folder: no one else reads it



#: A run of this many characters with no place to break a line (no blank, hyphen or
#: slash) is given some: a 200-letter region name ran off the page in titles, footers and
#: table cells, over the next column. Real names and the cited addresses have none.
_UNBROKEN = re.compile(r"[^\s/\-\u2010-\u2014]{31,}")
_ZWSP = "\u200b"


def breakable(value):
    """``value`` (a document for the templates) with a zero-width space after every 8th
    character of each unbroken run of more than 30 (8 W's fit the narrowest column),
    never before a character that belongs to the one before it (a combining mark, an
    emoji modifier or variation selector) nor beside a zero-width joiner."""
    if isinstance(value, dict):
        return {k: breakable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [breakable(v) for v in value]
    return _UNBROKEN.sub(_cut, value) if isinstance(value, str) else value


def _cut(m: re.Match) -> str:
    text, out, since = m.group(0), [], 0
    for ch, nxt in zip(text, text[1:] + " "):
        out.append(ch)
        since += 1
        joined = unicodedata.category(nxt) in ("Mn", "Mc", "Me", "Sk") or "\u200d" in ch + nxt \
            or "\ufe00" <= nxt <= "\ufe0f"
        if since >= 8 and nxt != " " and not joined:
            out.append(_ZWSP)
            since = 0
    return "".join(out)


def _compile(template: str, doc: dict, workdir: Path) -> bytes:
    """Compile ``template`` with ``doc`` in ``workdir`` (which already holds the figures)."""
    # typst (a compiled extension) loads only when a PDF is made: `forecast --help` and the
    # batch's workers stay light.
    import typst

    pkg = resources.files("forecast.report") / "templates"
    for name in TEMPLATES:
        (workdir / name).write_bytes((pkg / name).read_bytes())
    try:
        return typst.compile(str(workdir / template), root=str(workdir),
                             sys_inputs={"doc": json.dumps(breakable(doc),
                                                           ensure_ascii=False,
                                                           allow_nan=False)},
                             font_paths=font_folders(), ignore_system_fonts=True)
    except Exception as exc:  # typst reports template or image problems as its own error
        message = one_line(exc)[:400]
        raise RunError(f"{template}: typst could not render the report: {message}") from exc


@contextmanager
def _work_folder(out_pdf) -> Iterator[str]:
    """The folder a PDF is made in: beside it (in the run folder, under the run's lock), so
    a render killed outright leaves it where the next command on the run removes it
    (:mod:`forecast.staletemp`), not in the system's temporary folder. A write there that
    fails naming no file (a full disk) names the PDF: it said 'No space left on device'."""
    parent = Path(out_pdf).parent
    parent.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix=REPORT_WORK_PREFIX, dir=parent) as tmp:
            yield tmp
    except OSError as exc:
        if exc.filename is not None:
            raise
        raise OSError(exc.errno, exc.strerror or str(exc), str(out_pdf)) from exc


def sources_of(results: dict) -> dict[str, dict]:
    """The sources a results.json object cites, as {id: row of ``sources.csv``}."""
    return dict(results.get("cited_sources") or {})


def render_region(results: dict, figures_dir: str | Path, out_pdf: str | Path,
                  lang: str = "en") -> Path:
    """Write the one- or two-page PDF of one region's results.

    Parameters
    ----------
    results : dict
        The region's results.json object.
    figures_dir : path
        Folder with the fan charts written by :func:`forecast.results.write_run`
        (:func:`forecast.plots.fan_file`); a chart missing in ``lang`` is drawn from
        ``results``.
    out_pdf : path
        Where the PDF goes (written to a temporary name, then renamed).
    lang : {"en", "id"}
        Report language.

    Returns
    -------
    pathlib.Path
        ``out_pdf``.

    Everything comes from ``results`` (its ``cited_sources`` and, for a region with
    nothing assessed, its ``observations``) and the figures: never from the CSV files.
    """
    fmt.check_lang(lang)
    observations = [] if results.get("targets") else list(results.get("observations") or [])
    figures_dir = Path(figures_dir)
    with _work_folder(out_pdf) as tmp:
        work = Path(tmp)
        names = []
        # A chart for every target, in the table's order (the latest of a metric alone left
        # its earlier targets, 35 % by 2026 beside 99.5 % by 2045, without a picture).
        entries = build.ordered_targets(results)
        files = [fan_file(e, lang) for e in entries]
        for i, entry in enumerate(entries):
            name = f"fan_{i}.png"  # our own name: nothing from data reaches a path
            src = figures_dir / files[i]
            if files.count(files[i]) == 1 and _readable_png(src):  # two in one year: drawn
                shutil.copyfile(src, work / name)  # the run's own chart, in this language
            else:
                # A run in another language (or none saved, or damaged): from results.json.
                _save_png(drawn_in_scheme(results.get("scheme"),
                                     lambda: fan_chart(entry, lang=lang)), work / name)
            names.append(name)
        doc = build.region_document(results, sources_of(results), lang, names, observations)
        doc["track_record"] = track_record_section(results, lang, work)  # issue 18
        pdf = _compile("region.typ", doc, work)
    return write_atomic(pdf, Path(out_pdf))


def _readable_png(path: Path) -> bool:
    """A saved chart that is a whole PNG image: a damaged one (truncated, overwritten) is
    drawn again from results.json, as a missing one is; typst failed on it, naming no file."""
    # Pillow (matplotlib's own) only when a report copies a chart.
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            if image.format != "PNG":
                return False
            image.load()  # every byte decoded: a cut-off file fails here
        return True
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return False


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: cannot read JSON ({exc})") from exc


def _read_results(path: Path, region: str) -> dict:
    return read_readable(path, region)  # checked, then read as the reports read it


def _read_manifest(run_dir: Path) -> dict:
    return read_manifest(run_dir)  # checked field by field; region ids as on the CLI


def read_run(run_dir: str | Path) -> tuple[dict, list[tuple[str, dict | None, dict]]]:
    """A run's manifest and, per region, its results.json (None if it has none)."""
    run_dir = Path(run_dir)
    manifest = _read_manifest(run_dir)
    run = []
    for region in manifest.get("regions", []):
        status = manifest.get("status", {}).get(region, {})
        res_path = run_dir / region / "results.json"
        run.append((region, _read_results(res_path, region) if res_path.is_file() else None,
                    status))
    return manifest, run


def render_summary(run_dir: str | Path, out_pdf: str | Path, lang: str = "en") -> Path:
    """Write the management summary PDF of a batch run.

    Parameters
    ----------
    run_dir : path
        A run folder of ``forecast batch`` (with ``manifest.json``).
    out_pdf : path
        Where the PDF goes (written to a temporary name, then renamed).
    lang : {"en", "id"}
        Report language.

    Returns
    -------
    pathlib.Path
        ``out_pdf``.
    """
    fmt.check_lang(lang)
    manifest, run = read_run(run_dir)
    sources = {sid: row for _, r, _ in run if r for sid, row in sources_of(r).items()}
    assessed, _ = summary.summary_rows(run, lang)
    with _work_folder(out_pdf) as tmp:
        work = Path(tmp)
        figure = None
        if assessed:
            rows = [{"label": r["chart_label"], "required_cagr": r["required_cagr"],
                     "historical_cagr": r["historical_cagr"]} for r in assessed]
            figures = growth_pages(rows, lang, work)
            figure = {**figures[0], "more": figures[1:]}
        doc = summary.summary_document(manifest, run, sources, lang, figure)
        top = scheme_top_region()  # set by summary_document: the scheme's, not "national"
        national = next((r for region, r, _ in run if region == top and r), None)
        doc["speed_figure"] = speed_figure(national, lang, work)  # issue 18, first page
        doc["reconciliation"] = summary.reconciliation_section(run_dir, national, lang)
        doc["compare"] = compare_section(manifest, Path(run_dir), lang, work,  # issue 18
                                         top_name=results_top_name(national))
        pdf = _compile("summary.typ", doc, work)
    return write_atomic(pdf, Path(out_pdf))


#: Most targets in one chart of the summary: a page holds them at a readable size (more
#: were squeezed into one page, 230 names in 2 pt type); the rest follow, chart by chart.
GROWTH_ROWS = 36


def growth_pages(rows: list[dict], lang: str, work: Path) -> list[dict]:
    """The summary's required-against-achieved charts, :data:`GROWTH_ROWS` targets each,
    on one growth axis (so the charts compare), as ``{"file", "width_cm"}`` in ``work``."""
    axis = growth_axis([100 * v for r in rows for v in (r["required_cagr"],
                                                        r["historical_cagr"]) if v is not None])
    out = []
    for k in range(0, len(rows), GROWTH_ROWS):
        fig = growth_by_region(rows[k:k + GROWTH_ROWS], title="",
                               required_label=t(lang, "chart_required"),
                               achieved_label=t(lang, "chart_achieved"),
                               xlabel=t(lang, "chart_axis"), xlim=axis, lang=lang)
        width_in, height_in = fig.get_size_inches()
        name = "growth.png" if not k else f"growth_{k // GROWTH_ROWS + 1}.png"
        _save_png(fig, work / name)
        # Full text width, unless that would make a long chart taller than a page.
        out.append({"file": name, "width_cm": round(min(17.6, 23.0 * width_in / height_in),
                                                    2)})
    return out


#: The errors of a disk no file can be written to (full, over quota, read-only): a region's
#: report that meets one stops the run's reports instead of being logged and skipped.
_DISK_FAULTS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS)


class RunReports:
    """The reports of a batch run, region by region, then the summary.

    ``forecast batch`` renders a region's PDF and HTML as soon as its notebook finishes,
    while the other regions are still running, so only the summary is left once the last
    region is done. A region that fails to render is recorded and the others go on.
    Nothing is recomputed: only results.json, figures and notebooks are read.

    Parameters
    ----------
    run_dir : path
        A run folder of ``forecast batch`` (with ``manifest.json``).
    lang : {"en", "id"}
        Report language.
    html : bool
        Also export each region's notebook to HTML (code hidden).
    """

    def __init__(self, run_dir: str | Path, lang: str = "en", *, html: bool = True) -> None:
        fmt.check_lang(lang)
        self.run_dir = Path(run_dir)
        self.lang = lang
        self.html = html
        self.written: list[Path] = []
        self.failed: dict[str, str] = {}
        self._rendered: set[str] = set()
        self._named: set[str] = set()
        self._unprintable: list[tuple[str, str]] = []
        self._marked_ok: set[str] = set()  # regions whose results.json must be there

    def region(self, region: str) -> None:
        """Render one region's PDF (if it has results.json) and HTML (if it has a
        notebook). Never raises: a failure is kept in ``failed``."""
        self._rendered.add(region)
        region_dir = self.run_dir / region
        try:
            results_path = region_dir / "results.json"
            if results_path.is_file():
                results = _read_results(results_path, region)
                self._warn_names(region, results)
                self.written.append(render_region(results, region_dir,
                                                  region_dir / report_name(self.lang),
                                                  self.lang))
            elif region in self._marked_ok:  # removed after the run was checked
                raise DataError(f"{results_path}: expected the results of region {region!r}, "
                                f"which manifest.json marks ok, found "
                                f"{not_a_file(results_path)}")
            notebook = region_dir / "region_forecast.ipynb"
            if self.html and notebook.is_file():
                self.written.append(export_html(notebook, region_dir / "region_forecast.html"))
        except Exception as exc:  # one region's report never stops the others
            if isinstance(exc, OSError) and exc.errno in _DISK_FAULTS:
                raise  # nor would theirs be written: the run stops on its one line
            self.failed[region] = one_line(f"{type(exc).__name__}: {exc}")[:300]
            # Info, not a warning: the command line prints every failure once, at the end.
            log.info("report for %s failed: %s", region, self.failed[region])

    def _warn_names(self, region: str, results: dict) -> None:
        """Keep the names of a region's report that the PDFs print as empty boxes (logged
        together by :meth:`finish`: a scheme in Chinese would otherwise log every region)."""
        names = [(f"region {region} name", results.get("region_name") or ""),
                 *((f"scheme.toml {k}", v) for k, v in scheme_names(results.get("scheme") or {})
                   if k.endswith(f".{self.lang}"))]
        for what, text in names:
            if text not in self._named and unprintable(text):
                self._unprintable.append((what, text))
            self._named.add(text)

    def finish(self, on_progress=None) -> dict:
        """Render the regions not rendered yet, then the summary.

        Parameters
        ----------
        on_progress : callable, optional
            ``on_progress(status, done, total)`` after each region, as
            :func:`forecast.batch.run_batch` reports its regions (``status`` has
            ``region``, ``status`` "ok" or "failed" and ``error``).

        Returns
        -------
        dict
            ``written`` (paths) and ``failed`` ({region: one-line error}).
        """
        manifest = _read_manifest(self.run_dir)
        states = {r: s for r, s in (manifest.get("status") or {}).items() if isinstance(s, dict)}
        self._marked_ok = {r for r, s in states.items() if s.get("status") == "ok"}
        todo = [r for r in manifest.get("regions", []) if r not in self._rendered]
        for done, region in enumerate(todo, start=1):
            self.region(region)
            if on_progress:
                error = self.failed.get(region)
                # Failed in the batch: no results to report ("(bali ok)" said otherwise).
                if error is None and states.get(region, {}).get("status") == "failed":
                    error = f"failed in the batch: {states[region].get('error') or ''}"
                on_progress({"region": region, "status": "failed" if error else "ok",
                             "error": error}, done, len(todo))
        self.written.append(render_summary(self.run_dir, self.run_dir / summary_name(self.lang),
                                           self.lang))
        if self._unprintable:
            log.warning("%s", names_warning(self._unprintable))
        return {"written": [str(p) for p in self.written], "failed": dict(self.failed)}


def render_run(run_dir: str | Path, lang: str = "en", *, html: bool = True,
               on_progress=None) -> dict:
    """Render every report of a batch run: per-region PDFs and HTML, then the summary.

    A region that fails to render is recorded and the others go on; the summary is
    rendered last. Nothing is recomputed: only results.json, figures and notebooks are read.
    ``on_progress`` is called after each region (:meth:`RunReports.finish`).

    Returns
    -------
    dict
        ``written`` (paths) and ``failed`` ({region: one-line error}).
    """
    return RunReports(run_dir, lang, html=html).finish(on_progress)


def known_runs(runs_dir: str | Path | None = None) -> list[str]:
    """Run ids (folders with a manifest) under ``runs_dir``, oldest first."""
    runs_dir = Path(runs_dir) if runs_dir is not None else config.RUNS_DIR
    # ``latest`` is a link to the newest run, not a run of its own.
    return sorted(p.parent.name for p in runs_dir.glob(f"*/{MANIFEST}")
                  if not p.parent.is_symlink())
