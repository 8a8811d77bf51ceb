"""Names in Thai and Khmer print in the PDFs and the charts (the fonts of forecast.fonts);
Chinese, Japanese and Korean still print as boxes, and are still warned about.

The data folders are SYNTHETIC (made-up numbers of a made-up scheme). The oracles are the
PDF itself (its text and the fonts it embeds, read with pypdf), matplotlib's own warnings
and hand-written names, never the code under test.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from pathlib import Path

import pytest

from forecast.cli import main

from test_other_schemes import write_scheme

BANGKOK = "กรุงเทพมหานคร (Bangkok)"
PHNOM_PENH = "ភ្នំពេញ"
SEOUL = "서울특별시"
TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "forecast" / "report" / "templates"


def _folder(tmp_path: Path, regions) -> Path:
    """A SYNTHETIC one-region scheme: members 1.0M growing 0.1M a year, 2014-2023."""
    top = regions[0][0]
    obs = [(top, "members", f"{y}-12-31", 1e6 + 1e5 * i, "") for i, y in
           enumerate(range(2014, 2024))]
    return write_scheme(tmp_path / "d", obs, [(top, "members", "2028-12-31", 2.0e6, "")],
                        regions=regions)


def _fonts(pdf: Path) -> set[str]:
    """The BaseFont names of every page's fonts, without the subset tag (ABCDEF+)."""
    from pypdf import PdfReader

    out = set()
    for page in PdfReader(str(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            out.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return out


def test_a_thai_region_name_prints_in_its_pdf_in_noto_sans_thai(tmp_path, capsys):
    from pypdf import PdfReader

    from forecast.report.render import render_region

    folder = _folder(tmp_path, (("land", BANGKOK, "land", ""),))
    assert main(["run", "--data-dir", str(folder), "--n-paths", "100", "--format",
                 "json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert results["region_name"] == BANGKOK
    pdf = render_region(results, tmp_path / "no-figures", tmp_path / "thai.pdf", "en")
    text = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    # Every Thai character is in the text (typst maps the vowel mark below ร, 'ุ', with
    # its cluster, so a text extractor may place it apart: no whole-word match).
    assert set("กรุงเทพมหานคร") <= set(text) and "งเทพมหานคร" in text
    fonts = _fonts(pdf)
    assert any(name.startswith("NotoSansThai") for name in fonts), fonts
    assert any(name.startswith("LibertinusSerif-Regular") for name in fonts), fonts
    # The fallback fills only what Libertinus lacks: a Latin name embeds no Noto font.
    latin = render_region(dict(results, region_name="Bangkok"), tmp_path / "no-figures",
                          tmp_path / "latin.pdf", "en")
    assert not any(name.startswith("Noto") for name in _fonts(latin)), _fonts(latin)


def test_data_check_warns_on_korean_and_not_on_thai_or_khmer(tmp_path, capsys):
    regions = (("land", BANGKOK, "land", ""), ("pp", PHNOM_PENH, "district", "land"),
               ("se", SEOUL, "district", "land"))
    folder = _folder(tmp_path, regions)
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert ("regions.csv:4: warning: region se name '서울특별시' has Korean (Hangul) "
            "characters ('서' U+C11C) that the PDFs' and the charts' fonts lack") in out
    assert out.count("empty boxes") == 1
    assert BANGKOK not in out and PHNOM_PENH not in out


def _draw(title: str) -> list[str]:
    """The warnings matplotlib gives while drawing a package chart titled ``title``."""
    from forecast.plots import _figure

    fig = _figure(5.0, 2.0)
    ax = fig.add_subplot()
    ax.set_title(title)
    ax.set_yticks([0, 1], ["Hà Nội", title])
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    return [str(w.message) for w in said]


def test_a_chart_prints_thai_and_khmer_labels_without_a_missing_glyph():
    assert not [m for m in _draw(f"{BANGKOK} {PHNOM_PENH}") if "missing from font" in m]
    # The check sees a missing glyph when there is one: Korean is in no font of the charts.
    assert any(re.search(r"Glyph \d+ .* missing from font", m) for m in _draw(SEOUL))


def test_the_charts_keep_dejavu_sans_for_latin_and_a_users_own_family():
    import matplotlib
    from matplotlib import font_manager

    from forecast.plots import _figure

    _figure()
    family = list(matplotlib.rcParams["font.family"])
    assert family == ["sans-serif", "Noto Sans Thai", "Noto Sans Khmer"]
    latin = font_manager.fontManager._find_fonts_by_props(
        font_manager.FontProperties(family=family))
    assert Path(latin[0]).name == "DejaVuSans.ttf"
    with matplotlib.rc_context({"font.family": ["serif"]}):
        _figure()
        assert list(matplotlib.rcParams["font.family"]) == ["serif"]


def test_the_templates_list_every_added_font_after_libertinus():
    from forecast.fonts import FAMILIES, installed

    assert list(installed()) == list(FAMILIES)  # runtime dependencies: installed
    common = (TEMPLATES / "common.typ").read_text(encoding="utf-8")
    fonts = re.findall(r'"([^"]+)"', re.search(r"set text\(font: \((.*?)\),", common,
                                               flags=re.S).group(1))
    assert fonts == ["Libertinus Serif", *FAMILIES]
