"""Reading one CSV file of a data directory safely: it exists and is a regular file inside
the folder, is UTF-8, has exactly the expected header, every record has the header's count
of cells and every quote is closed; each record's line is kept for the messages.

Every problem is one :class:`forecast.errors.DataError` line naming the file and line.
The cells are checked by :mod:`forecast.datafile`.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from . import config
from .errors import DataError
from .safepath import NOT_FOUND, check_inside, not_a_file, read_input
from .textsafe import MAX_NOTE_CHARS, decode_utf8, escape

#: Physical line (1-based) where each data record of a file starts, keyed by path: a quoted
#: newline inside a cell makes a record span two lines, so ``index + 2`` would be wrong.
_RECORD_LINES: dict[str, list[int]] = {}


def read_table(path: Path, columns: tuple[str, ...],
               optional: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read a CSV as text, checking it exists, is UTF-8 and has exactly ``columns``.

    Columns in ``optional`` may follow; a file without them gets them empty.
    """
    found = not_a_file(path)
    if found is not None and found != NOT_FOUND:
        raise DataError(f"{path}: cannot be read: expected a CSV file, found {found}")
    if found == NOT_FOUND:
        raise DataError(f"{path}: file not found (a data directory needs "
                        f"{config.OBSERVATIONS_FILE}, {config.TARGETS_FILE}, "
                        f"{config.REGIONS_FILE} and {config.SOURCES_FILE})")
    # A data file linked to a file elsewhere (a system file) is not the folder's data.
    check_inside(path, path.parent, str(path), error=DataError)
    raw = read_input(path, "a CSV file", DataError)
    text = decode_utf8(raw, str(path), DataError)
    if not text.strip():
        raise DataError(f"{path}: the file is empty; expected a header row "
                        f"{','.join(columns)}")
    _refuse_many_lines(text, path)
    _refuse_wide_lines(text, path)
    if "\x00" in text:  # pandas 2's C parser ends a cell at NUL, hiding it from the checks
        _refuse_nul(text, path)
    header, starts, shape = _header_and_record_lines(text, path)
    present = tuple(c for c in optional if c in [h.strip() for h in header])
    _check_header(header, columns + present, path)
    if shape is not None:  # after the header's own check: its message comes first
        line, cells = shape
        raise DataError(f"{path}:{line}: expected {len(header)} cells, one per column of "
                        f"the header ({','.join(c.strip() for c in header)}), found {cells}"
                        f" (a missing or extra comma; quote a cell that holds one)")
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            skipinitialspace=False)
    except (pd.errors.ParserError, ValueError) as exc:
        raise DataError(f"{path}: not a readable CSV ({' '.join(str(exc).split())})") \
            from exc
    # The header check reads names without their surrounding blanks (" region"), so the
    # frame must be indexed by the same names.
    frame.columns = [str(c).strip() for c in frame.columns]
    if len(starts) == len(frame):
        _RECORD_LINES[str(path)] = starts
    else:  # the two readers disagree (should not happen): fall back to index + 2
        _RECORD_LINES.pop(str(path), None)
    for c in optional:
        if c not in present:
            frame[c] = ""
    return frame[list(columns) + list(optional)].apply(lambda s: s.str.strip())


def read_with_lines(path: Path, columns: tuple[str, ...],
                    optional: tuple[str, ...] = ()) -> pd.DataFrame:
    """A data file read exactly as :func:`forecast.data.load_panel` reads it (blanks
    around names and cells stripped), with ``line``: where each record starts (header =
    line 1). For later messages about rows, so that no second reader disagrees."""
    frame = read_table(path, columns, optional)
    return frame.assign(line=[record_line(path, i) for i in range(len(frame))])


#: Most cells a line may split into before it is refused unparsed: a row has one per column
#: and notes of at most 2,000 characters, while 100 MB of commas took 3 GB of memory to
#: parse into its 100 million cells.
MAX_LINE_CELLS = 100_001


#: Most data rows a file may hold: 100 MB of rows as written (50 bytes and more) is under
#: two million, while 35 MB of empty rows (',,,,,,') took 35 s and 1.7 GB to refuse.
MAX_ROWS = 2_000_000


def _refuse_many_lines(text: str, path: Path) -> None:
    """Refuse more than twice :data:`MAX_ROWS` lines, blank ones too, before parsing: 60
    million blank lines (which no count of rows sees) took 67 s and 0.9 GB, then passed.
    (Up to twice: room for notes of several lines; rows past the limit are named by
    :func:`_header_and_record_lines`.)"""
    lines, most = text.count("\n") + text.count("\r") - text.count("\r\n"), 2 * MAX_ROWS + 1
    if lines > most:
        raise DataError(f"{path}: expected at most {most:,} lines (a header and twice the "
                        f"{MAX_ROWS:,} data rows a file may hold; blank lines count too), "
                        f"found {lines:,}")


def _refuse_wide_lines(text: str, path: Path) -> None:
    for m in re.finditer(r"[^\r\n]{%d,}" % MAX_LINE_CELLS, text):
        cells = m.group(0).count(",") + 1
        if cells > MAX_LINE_CELLS:
            line = len(re.findall(r"\r\n|\r|\n", text[:m.start()])) + 1
            raise DataError(f"{path}:{line}: expected at most {MAX_LINE_CELLS:,} cells on a "
                            f"line (a row has one per column of the header), found {cells:,}")


def _refuse_nul(text: str, path: Path) -> None:
    """One line naming the row and column of the first NUL character in ``text``."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    start = 1
    for record in reader:
        for j, cell in enumerate(record):
            if "\x00" in cell:
                column = header[j] if j < len(header) and header else f"{j + 1}"
                raise DataError(f"{path}:{start}: column {escape(column, 40)!r}: expected "
                                f"text without control characters, found the control "
                                f"character U+0000 (NUL)")
        header = header or record
        start = reader.line_num + 1
    raise DataError(f"{path}: expected text, found the control character U+0000 (NUL)")


def _header_and_record_lines(text: str, path: Path):
    """The header as written (not pandas' renamed ``value.1`` or ``Unnamed: 7``), the
    line each data record starts on, and (line, cells) of the first record whose count of
    cells is not the header's (None if every one matches)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    starts: list[int] = []
    shape: tuple[int, int] | None = None  # the first record with another count of cells
    repeated: int | None = None  # the line of the first record that repeats the header
    previous = 0
    try:
        for record in reader:
            start, previous = previous + 1, reader.line_num
            if not record:  # a blank line (pandas skips it too)
                continue
            if header is None:
                header = record
                names = [c.strip() for c in header]
            else:
                starts.append(start)
                if len(starts) > MAX_ROWS:
                    raise DataError(f"{path}:{start}: expected at most {MAX_ROWS:,} data rows "
                                    f"(the rows of every region, metric and date of a scheme"
                                    f"), found more: this line is row {len(starts):,}")
                if len(record) != len(header) and not shape:
                    shape = (start, len(record))
                if repeated is None and len(record) == len(header) and [
                        c.lstrip("\ufeff").strip() for c in record] == names:
                    repeated = start  # two exports pasted together (the second's BOM too)
    except csv.Error as exc:
        if "field limit" in str(exc):  # a note of megabytes, or a binary file
            raise DataError(f"{path}:{reader.line_num}: expected cells of at most "
                            f"{csv.field_size_limit():,} characters (notes of at most "
                            f"{MAX_NOTE_CHARS:,}), found a longer one") from None
        raise DataError(f"{path}:{reader.line_num}: not a readable CSV ({exc})") from None
    _refuse_unclosed_quote(text, previous, starts[-1] if starts else 1, path)
    if repeated is not None:  # it was "unknown region 'region'" or a number 'value'
        raise DataError(f"{path}:{repeated}: expected a data row, found the header row "
                        f"again (two files pasted together? keep only the first header)")
    return header or [], starts, shape


def _refuse_unclosed_quote(text: str, last_line: int, start: int, path: Path) -> None:
    """A quote opened in the last record and never closed swallows the rest of the file
    into one cell (a file cut short, a stray ``"``): name the line it opens on, rather
    than a parser's count of rows or an odd value further down."""
    tail = "\n".join(text.splitlines()[start - 1:last_line])
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), strict=True):
            pass
    except csv.Error as exc:
        unclosed = "end of data" in str(exc)  # CPython's words for EOF inside quotes
    else:
        unclosed = False
    if unclosed:
        raise DataError(f'{path}:{start}: a quote (") opened on this line is never closed; '
                        f"expected every quoted cell to end with a quote on the same line, "
                        f"found the end of the file inside it")


def _check_header(header: list[str], columns: tuple[str, ...], path: Path) -> None:
    found = [c.strip() for c in header]
    if found == list(columns):
        return
    for sep, word in ((";", "semicolons"), ("\t", "tabs")):  # a spreadsheet's other CSV
        # Every required column among the cells (an optional one, such as targets.csv's
        # denominator, may follow them).
        cells = [c.strip() for c in found[0].split(sep)] if len(found) == 1 else []
        if len(cells) > 1 and set(columns) <= set(cells):
            raise DataError(f"{path}:1: expected columns separated by commas "
                            f"({','.join(columns)}), found them separated by {word} (save "
                            f"the file as CSV UTF-8, comma-delimited)")
    parts = []
    missing = [c for c in columns if c not in found]
    if missing:
        parts.append(f"missing column(s) {', '.join(missing)}")
    extra = [c for c in dict.fromkeys(found) if c and c not in columns]
    if extra:
        parts.append(f"unexpected column(s) {escape(', '.join(extra), 200)}")
    seen: set[str] = set()
    nameless, repeats = [], []
    for i, name in enumerate(found, start=1):
        if not name:
            nameless.append(i)
        elif name in seen:
            repeats.append(f"column {i} repeats '{escape(name, 40)}'")
        seen.add(name)
    # A row of a million commas (a spreadsheet's selected empty columns) was a million
    # "column N has no name" parts, cut before the line said what was expected.
    if nameless:
        parts.append(_spans(nameless) + (" has no name" if len(nameless) == 1
                                         else " have no name"))
    parts.extend(repeats[:3] + ([f"{len(repeats) - 3:,} more repeated names"]
                                if len(repeats) > 3 else []))
    if not parts:
        parts.append("the columns are in another order")
    raise DataError(f"{path}:1: {'; '.join(parts)}; expected exactly {','.join(columns)}, "
                    f"found {escape(','.join(found), 200)}")


def _spans(numbers: list[int]) -> str:
    """``column 8``, ``columns 8 to 1,000,007`` or ``columns 3, 5 and 8 to 12`` (at most
    three runs named, then how many more) for sorted column numbers."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    words = [f"{a:,}" if a == b else f"{a:,} to {b:,}" for a, b in runs[:3]]
    if len(runs) > 3:
        words.append(f"{len(runs) - 3:,} more")
    head = "column" if len(numbers) == 1 else "columns"
    return f"{head} " + (words[0] if len(words) == 1 else
                         ", ".join(words[:-1]) + " and " + words[-1])


def record_line(path: Path, index: int) -> int:
    """The line of record ``index`` as an editor shows it (header is line 1)."""
    starts = _RECORD_LINES.get(str(path))
    if starts is not None and 0 <= index < len(starts):
        return starts[index]
    return index + 2
