"""The fonts the reports add to typst's and matplotlib's own, for names in other scripts.

typst's embedded fonts (the PDFs) and matplotlib's DejaVu Sans (the charts) hold Latin,
Greek, Cyrillic, Hebrew, Arabic, Armenian and Georgian, and no Thai or Khmer. Two runtime
dependencies ship Google's Noto Sans Thai and Noto Sans Khmer (SIL Open Font License, a
variable font of ~220 and ~360 kB each): the PDFs and the charts list them *after* their
own font, so they fill only the characters it lacks and Latin text looks as before.

typst is given the folders of these files (:func:`font_folders`, ``font_paths=``) and still
no system font, so the same run gives the same bytes on any machine. The charts get them
from :func:`use_in_charts`, which every chart calls (``forecast.plots._figure``). Chinese,
Japanese and Korean are not added: the smallest font package with them installs ~20 MB
(README: Names in other scripts).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from pathlib import Path

#: The added families, in fallback order, and the package holding each font file.
FAMILIES = {"Noto Sans Thai": "fontpkg_noto_sans_thai",
            "Noto Sans Khmer": "fontpkg_noto_sans_khmer"}


@lru_cache(maxsize=1)
def installed() -> dict[str, tuple[Path, ...]]:
    """The font files of each added family that is installed, in the order of
    :data:`FAMILIES` (a package not installed is left out: its script prints as empty
    boxes, as before)."""
    out: dict[str, tuple[Path, ...]] = {}
    for family, package in FAMILIES.items():
        try:
            root = Path(import_module(package).__file__).parent / "files"
        except ImportError:
            continue
        files = tuple(sorted(root.glob("*.[ot]tf")))
        if files:
            out[family] = files
    return out


def font_files() -> list[Path]:
    """The added font files that are installed."""
    return [path for files in installed().values() for path in files]


def font_folders() -> list[str]:
    """The folders of :func:`font_files`, for typst's ``font_paths``."""
    return list(dict.fromkeys(str(path.parent) for path in font_files()))


@lru_cache(maxsize=1)
def _registered() -> None:
    # matplotlib is heavy: imported when a chart is drawn, as in forecast.plots.
    from matplotlib import font_manager

    for path in font_files():
        font_manager.fontManager.addfont(str(path))


def use_in_charts() -> None:
    """Let matplotlib's charts print Thai and Khmer: the added fonts registered (once) and
    listed after the sans-serif font, while the font family is matplotlib's default.

    A family a user set (``rcParams["font.family"]``) is left as it is. matplotlib takes
    each character from the first font of the list that holds it (matplotlib >= 3.6), so
    Latin text stays in DejaVu Sans.
    """
    import matplotlib  # loaded already: a chart is being drawn

    _registered()
    if list(matplotlib.rcParams["font.family"]) == ["sans-serif"]:
        matplotlib.rcParams["font.family"] = ["sans-serif", *installed()]
