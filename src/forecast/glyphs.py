"""Names the reports cannot print: characters no font of the PDFs or the charts holds.

The PDFs are compiled by typst with its embedded fonts and the Noto Sans Thai and Khmer the
package adds, never a system font (the same bytes on every machine,
:mod:`forecast.report.render`, :mod:`forecast.fonts`); the charts use matplotlib's DejaVu
Sans with the same two after it. Both hold Latin (Vietnamese included), Greek, Cyrillic,
Hebrew, Arabic, Armenian, Georgian, Thai and Khmer, and no Chinese, Japanese or Korean
(Devanagari: the PDFs only). typst and matplotlib print a character no font holds as an
empty box, and say nothing a user reads (matplotlib one warning per character, silenced in
:func:`forecast.plots.to_png`). So ``forecast data check`` gives one warning per such name
(file and row), and the reports of a run one line naming them all (:func:`names_warning`):
the name, its script and an example character. The run text (printed by the terminal's own
fonts) is unaffected.

``_data/pdf_glyphs.csv`` lists the characters of the PDFs' fonts as ranges; it is written
by ``tests/tools/pdf_glyphs.py`` from the installed typst and added fonts, and tests check
it against what typst prints. The charts' characters are read from their font files when
asked.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

from .fonts import font_files
from .plurals import plural

#: Where a reader learns what to do.
README = "README: Names in other scripts"
#: What the reports print, as the warnings say it.
EXPECTED = ("expected Latin, Greek, Cyrillic, Hebrew, Arabic, Armenian, Georgian, Thai or "
            "Khmer letters")


@lru_cache(maxsize=1)
def pdf_characters() -> tuple[tuple[int, int], ...]:
    """The (first, last) code point ranges the PDFs' fonts hold."""
    text = resources.files("forecast").joinpath("_data", "pdf_glyphs.csv").read_text()
    rows = [line.split(",") for line in text.splitlines()
            if line and not line.startswith("#") and not line.startswith("first")]
    return tuple((int(a, 16), int(b, 16)) for a, b in rows)


@lru_cache(maxsize=1)
def chart_characters() -> frozenset[int]:
    """The code points of the charts' fonts: matplotlib's DejaVu Sans and the fonts the
    package adds after it (:func:`forecast.fonts.use_in_charts`)."""
    # Imported when asked: matplotlib and fontTools (its dependency) are heavy.
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    paths = [font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans")),
             *font_files()]
    return frozenset(p for path in paths for p in TTFont(path, lazy=True).getBestCmap())


def _in_pdf(point: int) -> bool:
    return any(a <= point <= b for a, b in pdf_characters())


def script(char: str) -> str:
    """The script of a character as its Unicode name begins (``Thai``), or a symbol.

    Examples
    --------
    >>> script("ไ"), script("广"), script("🇰")
    ('Thai', 'Chinese/Japanese (CJK)', 'symbol (emoji)')
    """
    if unicodedata.category(char).startswith("S") or "REGIONAL INDICATOR" in \
            unicodedata.name(char, ""):
        return "symbol (emoji)"
    name = unicodedata.name(char, "")
    word = name.split(" ")[0] if name else f"U+{ord(char):04X}"
    return {"CJK": "Chinese/Japanese (CJK)", "HIRAGANA": "Japanese (kana)",
            "KATAKANA": "Japanese (kana)", "HANGUL": "Korean (Hangul)"}.get(word,
                                                                             word.title())


def unprintable(text: str) -> list[str]:
    """Characters of ``text`` (printable, not space) that the PDFs' or the charts' fonts
    lack, each once, in order."""
    chars = chart_characters()
    out: list[str] = []
    for c in str(text):
        if c.isprintable() and not c.isspace() and c not in out \
                and (not _in_pdf(ord(c)) or ord(c) not in chars):
            out.append(c)
    return out


def name_warning(where: str, what: str, text: str) -> str | None:
    """One warning line for a name the reports cannot print, else None (``where``, the
    file and row, may be empty: a log line says warning itself).

    Examples
    --------
    >>> name_warning("regions.csv:2", "region name", "Hà Nội") is None
    True
    >>> name_warning("regions.csv:2", "region name", "กรุงเทพ") is None
    True
    >>> "region name '广州' has Chinese/Japanese (CJK) characters" in name_warning(
    ...     "regions.csv:2", "region name", "广州")
    True
    """
    missing = unprintable(text)
    if not missing:
        return None
    in_pdf = any(not _in_pdf(ord(x)) for x in missing)
    in_chart = any(ord(x) not in chart_characters() for x in missing)
    fonts = ("the PDFs' and the charts' fonts" if in_pdf and in_chart
             else "the PDFs' fonts" if in_pdf else "the charts' font")
    scripts = ", ".join(dict.fromkeys(script(c) for c in missing))
    c = missing[0]
    return ((f"{where}: warning: " if where else "") + f"{what} {text!r} has {scripts} characters ({c!r} "
            f"U+{ord(c):04X}) that {fonts} lack: the reports print them as empty boxes (the "
            f"run text is unaffected); {EXPECTED} ({README})")


def scheme_names(scheme: dict) -> list[tuple[str, str]]:
    """(where, text) of every name of a scheme (``Scheme.as_dict()`` or results.json
    ``scheme``) the reports print: its name, and each metric's and unit's labels."""
    out = [(f"name.{lang}", text) for lang, text in (scheme.get("name") or {}).items()]
    for kind in ("metrics", "units"):
        for key, entry in (scheme.get(kind) or {}).items():
            out += [(f"{kind}.{key}.{lang}", text)
                    for lang, text in (entry.get("labels") or {}).items()]
    return out


def names_warning(names: list[tuple[str, str]], most: int = 5) -> str:
    """One warning line for every (what, text) name of a run the reports cannot print:
    how many, their scripts, the first ``most`` of them (a scheme in Chinese has a name
    per region), and what to do."""
    chars = [c for _, text in names for c in unprintable(text)]
    scripts = ", ".join(dict.fromkeys(script(c) for c in chars))
    shown = "; ".join(f"{what} {text!r}" for what, text in names[:most])
    more = f"; and {len(names) - most} more" if len(names) > most else ""
    return (f"{plural(len(names), 'name')} of the reports {'has' if len(names) == 1 else 'have'} "
            f"{scripts} characters that the PDFs' or "
            f"the charts' fonts lack: {shown}{more}; the reports print them as empty boxes "
            f"(the run text is unaffected); {EXPECTED} ({README})")
