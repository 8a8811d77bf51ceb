"""The README's page images (``reports/examples/``), rebuilt from a real run.

``make examples`` (after ``make report``) renders page 1 of the national report and of the
summary of ``reports/runs/latest`` to PNG, and keeps the national results.json beside the
images, so a test can render the national page again from it and compare it with the
committed image: an image that no longer matches the code fails the test.

Page images need poppler's ``pdftoppm`` (Debian: ``apt-get install poppler-utils``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import ParameterError
from ..store import write_atomic
from .render import render_region, render_summary

#: Resolution of the page images (A4 at 80 dpi is 662 x 936 pixels).
DPI = 80
#: The national run's results.json kept with the images.
NATIONAL_RESULTS = "national_results.json"


def page_png(pdf: str | Path, page: int = 1, dpi: int = DPI) -> bytes:
    """One page of a PDF as PNG bytes (``pdftoppm``)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise ParameterError("pdftoppm: not found; page images need poppler "
                             "(apt-get install poppler-utils)")
    with tempfile.TemporaryDirectory(prefix="forecast-page-") as tmp:
        stem = Path(tmp) / "page"
        subprocess.run([exe, "-r", str(dpi), "-png", "-f", str(page), "-l", str(page),
                        "-singlefile", str(pdf), str(stem)], check=True,
                       capture_output=True)
        return (stem.with_suffix(".png")).read_bytes()


def national_page(results: dict, lang: str = "en") -> bytes:
    """Page 1 of the national report drawn from ``results`` alone (charts drawn from it,
    not copied from a run folder), as PNG."""
    with tempfile.TemporaryDirectory(prefix="forecast-example-") as tmp:
        pdf = render_region(results, Path(tmp) / "no-figures", Path(tmp) / "national.pdf",
                            lang)
        return page_png(pdf)


def rebuild(run_dir: str | Path, out_dir: str | Path, lang: str = "en") -> list[Path]:
    """Write ``national_<lang>.png``, ``summary_<lang>.png`` and the national results.json
    of the run ``run_dir`` into ``out_dir``.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    run_dir, out_dir = Path(run_dir), Path(out_dir)
    results_path = run_dir / "national" / "results.json"
    if not results_path.is_file():
        raise ParameterError(f"{run_dir}: no national/results.json; run `make report` first")
    results = json.loads(results_path.read_text(encoding="utf-8"))
    written = [write_atomic(national_page(results, lang), out_dir / f"national_{lang}.png")]
    with tempfile.TemporaryDirectory(prefix="forecast-example-") as tmp:
        pdf = render_summary(run_dir, Path(tmp) / "summary.pdf", lang)
        written.append(write_atomic(page_png(pdf), out_dir / f"summary_{lang}.png"))
    written.append(write_atomic(results_path.read_bytes(), out_dir / NATIONAL_RESULTS))
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m forecast.report.examples RUN_DIR OUT_DIR``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        sys.stderr.write("usage: python -m forecast.report.examples RUN_DIR OUT_DIR\n")
        return 2
    try:
        for path in rebuild(args[0], args[1]):
            sys.stdout.write(f"{path}\n")
    except ParameterError as exc:
        sys.stderr.write(f"examples: {exc}\n")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
