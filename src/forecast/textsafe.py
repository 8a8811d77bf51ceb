"""Text that reaches a terminal or a PDF: control and bidirectional characters escaped,
length bounded.

Data cells, scenario names and parameters are typed by people and copied from web pages;
a stray carriage return, an ANSI escape sequence or a right-to-left override would make a
terminal or a report show something other than what the file holds. The loaders refuse
such characters in the fields they own (:func:`check_text`); everything printed goes
through :func:`escape` as a last line of defence.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import ParameterError

#: Longest name (region, scenario, source title) and note a data or scenario file may hold.
#: The longest shipped note is ~400 characters; 2,000 leaves room and stops a 20 MB name.
MAX_NAME_CHARS = 200
MAX_NOTE_CHARS = 2000
#: Longest message or value echoed to the terminal in one error line.
MAX_SHOWN_CHARS = 300

# Bidirectional controls (embeddings, overrides, isolates, marks) reorder what is shown.
_BIDI = {"\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
         "\u2066", "\u2067", "\u2068", "\u2069"}


def is_unsafe_char(ch: str) -> bool:
    """True for a control character (C0, DEL, C1), a line or paragraph separator, a
    bidirectional control, or another invisible format character other than the joiners
    used in ordinary scripts."""
    if ch in _BIDI:
        return True
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Zl", "Zp"):  # Zl, Zp: U+2028, U+2029 break a line as LF does
        return True
    # Zero-width joiner/non-joiner are part of several scripts' ordinary spelling.
    return cat == "Cf" and ch not in ("\u200c", "\u200d")


def first_unsafe(text: str) -> int | None:
    """Index of the first unsafe character of ``text``, or None."""
    if text.isprintable():  # fast path (C speed): no Cc or Cf character at all
        return None
    for i, ch in enumerate(text):
        if is_unsafe_char(ch):
            return i
    return None


def escape(text: str, limit: int | None = None) -> str:
    """``text`` with every unsafe character written as ``\\xNN``/``\\uNNNN``, on one line,
    cut to ``limit`` characters (with a note of how much was cut)."""
    text = str(text)
    cut = ""
    if limit is not None and len(text) > limit:
        cut = f"... ({len(text) - limit:,} more characters)"
        text = text[:limit]
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a name's byte that is not UTF-8 as Python reads it
            out.append(f"\\x{code - 0xDC00:02x}")  # (surrogateescape): the byte, not \udcff
        elif is_unsafe_char(ch):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out) + cut


#: A line break of a message (with the blanks around it): what :func:`one_line` folds.
_BREAK = re.compile(r"[ \t]*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]\s*")


def one_line(text) -> str:
    """``text`` with its line breaks folded into one space each, ends stripped, and every
    other run of spaces kept: a quoted value of three spaces is shown as such, never as
    one (a value's own control characters are escaped where it is quoted)."""
    return _BREAK.sub(" ", str(text)).strip()


def shown(value, limit: int = 60) -> str:
    """A value for an error message: repr-like quotes, escaped, shortened."""
    return "'" + escape(str(value), limit) + "'"


def shown_list(values, most: int = 5) -> str:
    """Values for an error message: each once, quoted and shortened (:func:`shown`), at
    most ``most`` of them, then how many more. A pasted list of 20,000 names filled the
    line and pushed the valid choices off its end.

    Examples
    --------
    >>> shown_list(["x"] * 20_000 + ["a", "b", "c", "d", "e"])
    "'x', 'a', 'b', 'c', 'd' and 1 more"
    """
    unique = list(dict.fromkeys(map(str, values)))
    text = ", ".join(shown(v, 40) for v in unique[:most])
    return text + (f" and {len(unique) - most:,} more" if len(unique) > most else "")


def visible(text: str) -> bool:
    """Whether ``text`` has a character a reader sees: a letter, digit, punctuation mark
    or symbol. A name of spaces, joiners (U+200D) or combining marks alone passed a
    check for emptiness and printed as nothing in the run text, the PDFs and the charts.

    Examples
    --------
    >>> visible("Aceh"), visible(" \u200d "), visible("\u0e31\u0e48"), visible("")
    (True, False, False, False)
    """
    return any(unicodedata.category(c)[0] in "LNPS" for c in str(text))


def shown_unseen(text: str) -> str:
    """An invisible ``text`` for an error message: ``''`` or its code points, which a
    terminal would print as nothing (``the characters U+200D, none of them visible``)."""
    text = str(text)
    codes = " ".join(f"U+{ord(c):04X}" for c in text[:8]) + (" ..." if len(text) > 8 else "")
    return f"the characters {codes}, none of them visible" if text else "''"


def check_text(text: str, where: str, *, limit: int, error=ParameterError,
               allow: str = "") -> None:
    """Raise ``error`` (one line naming ``where``) if ``text`` is longer than ``limit``
    characters or holds a control or bidirectional character (other than those in
    ``allow``, such as the line breaks of a multi-line description)."""
    if len(text) > limit:
        raise error(f"{where}: expected at most {limit:,} characters, found {len(text):,} "
                    f"(starting {shown(text, 40)})")
    i = first_unsafe(text.translate({ord(c): " " for c in allow}))
    if i is not None:
        # C0 controls have no Unicode name: said once ("U+000A LINE FEED", not "U+000A U+000A").
        code = ord(text[i])
        name = unicodedata.name(text[i], _CONTROL_NAMES.get(code, ""))
        raise error(f"{where}: expected plain text, found the control character "
                    f"U+{code:04X}{' ' + name if name else ''} at position {i + 1} in "
                    f"{shown(text)}")


#: Names of the control characters a spreadsheet cell most often carries.
_CONTROL_NAMES = {0x09: "TAB", 0x0A: "LINE FEED", 0x0D: "CARRIAGE RETURN"}


#: The first bytes of files that are never text, and what the message calls them: a
#: spreadsheet saved as a workbook, a compressed or PDF copy given a ``.csv`` name.
_SIGNATURES = ((b"\xff\xfe\x00\x00", "UTF-32 text"), (b"\x00\x00\xfe\xff", "UTF-32 text"),
               (b"PK\x03\x04", "a ZIP archive, such as an .xlsx or .ods workbook"),
               (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel 97-2003 workbook (.xls)"),
               (b"\x1f\x8b", "a gzip-compressed file"), (b"%PDF-", "a PDF document"))


def _utf16_without_mark(raw: bytes) -> bool:
    """Most of one byte of each pair is NUL and almost none of the other: ASCII text in
    UTF-16 (with or without its byte order mark), which also decodes as UTF-8 with NULs."""
    sample = raw[:1024]
    if len(sample) < 4:
        return False
    evens, odds = sample[0::2], sample[1::2]
    return any(a.count(0) >= 0.6 * len(a) and b.count(0) <= 0.1 * len(b)
               for a, b in ((evens, odds), (odds, evens)))


def decode_utf8(raw: bytes, where: str, error=ParameterError) -> str:
    """The text of a file's bytes (UTF-8, a BOM allowed), else ``error`` naming ``where``,
    the line and the byte, with what the file most likely is (UTF-16, Latin-1, a workbook
    or another file that is not text)."""
    save = "export it as CSV UTF-8" if where.lower().endswith(".csv") else \
        "save it as UTF-8 text"
    for head, kind in _SIGNATURES:
        if raw.startswith(head):
            raise error(f"{where}: expected UTF-8 text, found {kind} ({save})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        utf16 = raw[:2] in (b"\xff\xfe", b"\xfe\xff") or _utf16_without_mark(raw)
        hint = ("the file is UTF-16: save it as UTF-8" if utf16 else
                f"the file holds binary data, not text: {save}" if b"\x00" in raw[:8192]
                else "save the file as UTF-8; Latin-1 or Windows-1252 text looks like this")
        raise error(f"{where}:{line}: expected UTF-8 text, found byte "
                    f"0x{raw[exc.start]:02x} ({hint})") from None
    if _utf16_without_mark(raw):  # ASCII only: valid UTF-8 with a NUL every other byte
        raise error(f"{where}:1: expected UTF-8 text, found UTF-16 text without a byte "
                    f"order mark (a NUL byte after or before every letter): save it as UTF-8")
    return text


#: What a file nested past Python's recursion limit (``a = [[[[...``, 100,000 deep) is told.
TOO_DEEP = ("expected tables and lists nested at most a few hundred levels deep, found "
            "deeper nesting")


def loads_toml(text: str, where: str, error=ParameterError) -> dict:
    """``tomllib.loads(text)``; nesting deeper than the parser can follow is ``error``
    naming ``where`` (it was a RecursionError traceback). Syntax errors propagate."""
    import tomllib  # here, not at the top: the command line imports this module (5 ms)

    try:
        return tomllib.loads(text)
    except RecursionError:
        raise error(f"{where}: not valid TOML here: {TOO_DEEP}") from None
