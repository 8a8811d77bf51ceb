"""The README's issue-18 images (forecast.report.readme_images): the crops are found by the
report's headings, and a missing heading is one clear error."""

from __future__ import annotations

import shutil
import struct

import pytest

from forecast.data import load_panel
from forecast.errors import ParameterError
from forecast.report import readme_images
from forecast.report.render import render_region
from forecast.report.trackpage import TRACK_WORDS
from forecast.report.words import TEXT
from forecast.results import add_track_record, run_region

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None
                                or shutil.which("pdftotext") is None,
                                reason="needs poppler's pdftoppm and pdftotext")


def _size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def test_the_track_record_section_is_found_and_cropped(tiny_data_dir, tmp_path):
    panel = load_panel(tiny_data_dir)
    results = run_region(panel, "national", n_paths=200, seed=3, vintage_basis="date")
    add_track_record(results, panel)
    pdf = render_region(results, tmp_path / "no-figures", tmp_path / "r.pdf", "en")
    pages = readme_images.words(pdf)
    verdict = readme_images.find_line(pages, TEXT["en"]["verdict"])
    page, top = readme_images.find_line(pages, TRACK_WORDS["en"]["title"])
    assert verdict[0] == 0 and (page, top) > verdict
    png = readme_images.crop(pdf, page, top, top + 100)
    # A4 width at 110 dpi, and the 100 points asked plus the margins (3 above, 6 below).
    assert _size(png) == (int(595.3 * 110 / 72), int((top + 106) * 110 / 72)
                          - int((top - 3) * 110 / 72))
    with pytest.raises(ParameterError, match="'No such heading' not found"):
        readme_images.find_line(pages, "No such heading")
