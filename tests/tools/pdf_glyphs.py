"""Write ``src/forecast/_data/pdf_glyphs.csv``: the characters the PDFs can print.

The reports are compiled by typst with its embedded fonts (Libertinus Serif, New Computer
Modern, DejaVu Sans Mono) and the ones the package adds (Noto Sans Thai and Khmer,
``forecast.fonts``), and no system font (``ignore_system_fonts=True`` in
``forecast.report.render``). typst prints a character no font has as an empty box, and
says nothing. This reads the embedded fonts out of the installed typst extension (each is
an OpenType file stored whole in it) and the added ones from their packages, and writes the
union of their character maps as ranges, which ``forecast.glyphs`` reads. Run it again
after a typst upgrade or a change of the added fonts (``tests/test_other_schemes_round3.py``
and ``tests/test_fonts.py`` check the table against what typst prints).

Usage: ``.venv/bin/python tests/tools/pdf_glyphs.py``
"""

from __future__ import annotations

import io
import re
import struct
from importlib.metadata import version
from pathlib import Path

import typst
from fontTools.ttLib import TTFont

from forecast.fonts import FAMILIES, installed

OUT = Path(__file__).resolve().parents[2] / "src" / "forecast" / "_data" / "pdf_glyphs.csv"


def embedded_fonts(blob: bytes):
    """(name, code points) of every OpenType font stored whole in ``blob``."""
    for signature in (b"OTTO", b"\x00\x01\x00\x00"):
        for match in re.finditer(re.escape(signature), blob):
            start = match.start()
            n = struct.unpack(">H", blob[start + 4:start + 6])[0]
            if not 5 <= n <= 40:
                continue
            records = [struct.unpack(">4sIII", blob[start + 12 + 16 * i:start + 28 + 16 * i])
                       for i in range(n)]
            tags = [r[0] for r in records]
            if not all(re.fullmatch(rb"[A-Za-z0-9/ _]{4}", t) for t in tags) \
                    or b"cmap" not in tags:
                continue
            try:
                font = TTFont(io.BytesIO(blob[start:start + max(o + ln for _, _, o, ln
                                                                in records)]))
                yield font["name"].getDebugName(4), set(font.getBestCmap())
            except Exception:  # a byte pattern that is no font
                continue


def main() -> None:
    binary = next(Path(typst.__file__).parent.glob("_typst*.so"))
    covered: set[int] = set()
    for _, points in embedded_fonts(binary.read_bytes()):
        covered |= points
    added = installed()
    missing = [family for family in FAMILIES if family not in added]
    if missing:
        raise SystemExit(f"not installed: {', '.join(FAMILIES[f] for f in missing)}")
    for path in (p for files in added.values() for p in files):
        covered |= set(TTFont(path, lazy=True).getBestCmap())
    points = sorted(p for p in covered if p >= 0x20)  # a font's NULL and CR print nothing
    ranges, first, last = [], points[0], points[0]
    for p in points[1:]:
        if p != last + 1:
            ranges.append((first, last))
            first = p
        last = p
    ranges.append((first, last))
    packages = ", ".join(f"{p.replace('_', '-')} {version(p.replace('_', '-'))}"
                         for p in FAMILIES.values())
    lines = [f"# The characters typst's embedded fonts (typst {version('typst')}) and the added "
             f"ones ({packages}) hold; written by tests/tools/pdf_glyphs.py.",
             "first,last"] + [f"{a:04X},{b:04X}" for a, b in ranges]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(ranges)} ranges, {len(points)} characters")


if __name__ == "__main__":
    main()
