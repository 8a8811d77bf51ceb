"""The README's images of issue 18 (``reports/examples/issue18/``), rebuilt from a fresh run.

``make readme-images`` (``python -m forecast.report.readme_images OUT_DIR``) runs the
national region on the shipped data (:data:`N_PATHS` paths, seed :data:`SEED`, all data)
with its track record, renders its English report, and writes:

* ``reachable_en.png``: the report's title and verdict block (page 1, down to the targets
  table), each verdict with its reachable levels and dates;
* ``track_record_en.png``: the report's track-record section (its heading down to the
  sources);
* ``speed_en.png``: the summary's speed figure (:func:`forecast.report.speedfig.speed_figure`)
  of the same run;
* ``compare_waterfall.png``: the waterfall of ``forecast compare --as-of 2023 2025``
  (:data:`COMPARE_AS_OF`, :data:`COMPARE_PATHS` paths a step) as the summary's "why it
  moved" page and the region notebook draw it (:func:`.comparepage.waterfall_png`).

The crops are found by the headings' positions in the PDF (``pdftotext -bbox``), so a longer
verdict block moves them with it. The same code and data give the same images. Needs
poppler's ``pdftoppm`` and ``pdftotext``.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import config
from ..compare import compare
from ..compare_cmd import dated_sides
from ..data import load_panel
from ..errors import ForecastError, ParameterError
from ..results import add_track_record, run_region
from ..store import write_atomic
from .comparepage import waterfall_png
from .render import render_region
from .speedfig import speed_figure
from .trackpage import TRACK_WORDS
from .words import TEXT

#: The fresh run behind the images (the product's defaults: what `forecast run` gives).
N_PATHS = config.DEFAULT_N_PATHS
SEED = config.DEFAULT_SEED
#: The comparison shown, and its paths a step (`forecast compare`'s default).
COMPARE_AS_OF = ("2023", "2025")
COMPARE_PATHS = 1000
#: Resolution of the crops (an A4 page is 909 pixels wide).
DPI = 110
#: Points kept above a heading (less than a line's leading, so the line above stays out)
#: and below the end of a crop.
TOP_MARGIN = 3.0
MARGIN = 6.0

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r'(.*?)</word>')


def _tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        raise ParameterError(f"{name}: not found; the README images need poppler "
                             "(apt-get install poppler-utils)")
    return exe


def words(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Each page's words as (x, top, bottom, text), in reading order (``pdftotext -bbox``)."""
    out = subprocess.run([_tool("pdftotext"), "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        pages.append([(float(m[1]), float(m[2]), float(m[4]), html.unescape(m[5]))
                      for m in _WORD.finditer(page)])
    return pages


def find_line(pages, phrase: str, start: tuple[int, float] = (0, -1.0)) -> tuple[int, float]:
    """(page index, top in points) of the first line that begins with ``phrase`` at the
    page's left margin (a heading: verdicts and lists are indented), at or after
    ``start``."""
    first = phrase.split()
    for p, page in enumerate(pages):
        margin = min((x for (x, _, _, _) in page), default=0.0)
        for i, (x, top, _, text) in enumerate(page):
            if (p, top) <= start or text != first[0] or x > margin + 1.0:
                continue
            if [w[3] for w in page[i:i + len(first)]] == first:
                return p, top
    raise ParameterError(f"README images: '{phrase}' not found in the report")


def crop(pdf: Path, page: int, top: float, bottom: float) -> bytes:
    """The full width of ``page`` (0-based) from ``top`` to ``bottom`` (points) as PNG."""
    scale = DPI / 72.0
    y0 = max(0, int((top - TOP_MARGIN) * scale))
    height = int((bottom + MARGIN) * scale) - y0
    with tempfile.TemporaryDirectory(prefix="forecast-crop-") as tmp:
        stem = Path(tmp) / "crop"
        subprocess.run([_tool("pdftoppm"), "-r", str(DPI), "-png", "-f", str(page + 1),
                        "-l", str(page + 1), "-x", "0", "-y", str(y0), "-W",
                        str(int(595.3 * scale)), "-H", str(height), "-singlefile", str(pdf),
                        str(stem)], check=True, capture_output=True)
        return stem.with_suffix(".png").read_bytes()


def _bottom_of_section(pages, page: int, top: float, next_heading: str) -> float:
    """The bottom of the last word on ``page`` before ``next_heading`` (or the page's end)."""
    try:
        p, end = find_line(pages, next_heading, (page, top))
    except ParameterError:
        p, end = page + 1, float("inf")
    last = [b for (_, t, b, _) in pages[page] if top <= t and (p > page or t < end)]
    return max(last)


def build(out_dir: str | Path) -> list[Path]:
    """Run, render and write the four images into ``out_dir``.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    out_dir = Path(out_dir)
    panel = load_panel(None)
    results = run_region(panel, "national", n_paths=N_PATHS, seed=SEED)
    add_track_record(results, panel)
    written = []
    with tempfile.TemporaryDirectory(prefix="forecast-readme-") as tmp:
        tmp = Path(tmp)
        pdf = render_region(results, tmp / "no-figures", tmp / "national_en.pdf", "en")
        pages = words(pdf)
        # Title and verdicts: page 1 from the top down to the targets table.
        table = find_line(pages, TEXT["en"]["targets_table"])
        verdict_top = min(t for (_, t, _, _) in pages[0])
        bottom = (_bottom_of_section(pages, 0, verdict_top, TEXT["en"]["targets_table"])
                  if table[0] == 0 else max(b for (_, _, b, _) in pages[0]))
        written.append(write_atomic(crop(pdf, 0, verdict_top, bottom),
                                    out_dir / "reachable_en.png"))
        # The track record: its heading down to the sources.
        page, top = find_line(pages, TRACK_WORDS["en"]["title"])
        bottom = _bottom_of_section(pages, page, top, TEXT["en"]["sources"])
        # The charts are images (no words): down to the sources heading when it follows.
        try:
            p, sources = find_line(pages, TEXT["en"]["sources"], (page, top))
            if p == page:
                bottom = max(bottom, sources - 2 * MARGIN)
        except ParameterError:
            bottom = max(bottom, 800.0)
        written.append(write_atomic(crop(pdf, page, top, bottom),
                                    out_dir / "track_record_en.png"))
        speed = speed_figure(results, "en", tmp)
        if speed is not None:
            written.append(write_atomic((tmp / speed["file"]).read_bytes(),
                                        out_dir / "speed_en.png"))
    a, b = dated_sides(panel, *COMPARE_AS_OF, n_paths=COMPARE_PATHS, seed=SEED)
    comparison = compare(a, b, "national", run_region)
    written.append(write_atomic(waterfall_png(comparison, "en"),
                                out_dir / "compare_waterfall.png"))
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m forecast.report.readme_images OUT_DIR``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        sys.stderr.write("usage: python -m forecast.report.readme_images OUT_DIR\n")
        return 2
    try:
        for path in build(args[0]):
            sys.stdout.write(f"{path}\n")
    except ForecastError as exc:
        sys.stderr.write(f"readme-images: {exc}\n")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
