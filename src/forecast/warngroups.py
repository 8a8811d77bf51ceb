"""The warnings of ``forecast data check`` as printed: each in full, except that a kind of
warning found on many rows of one file (a column scaled wrong trips the same check on every
row) is shown by its first few rows and one line counting the rest, so that the output
stays readable; ``--all-warnings`` prints every one.

A warning's kind is its file and its words without their numbers and dates: one check on
one series writes the same words for every row it flags.
"""

from __future__ import annotations

import re
from pathlib import Path

from .plurals import plural

#: Rows of one kind shown in full before the rest are counted on one line.
SHOWN = 3
#: A kind with at most this many rows is printed in full (one summary line would save none).
GROUP_ABOVE = SHOWN + 2
#: Ranges of rows named on a summary line before "and others".
MOST_RANGES = 6


#: A number or date in a warning's words (41,560,000; 2024-12-31; x0.0333; +53%/yr).
_NUMBER = re.compile(r"[-+x/]?\d[\d,.:-]*%?")


def _kind(warning: str) -> tuple[str, str] | None:
    """(file, words) of a ``file:row: warning: ...`` line: its words with every number and
    date left out, so that one check on one series reads the same on each row it flags
    (a target dated 2030-01-28, another 2030-02-28); None for a line of another shape."""
    where, sep, rest = warning.partition(": warning: ")
    if not sep:
        return None
    return where.rsplit(":", 1)[0], _NUMBER.sub("#", rest)


def _row(warning: str) -> int | None:
    where = warning.partition(": warning: ")[0]
    row = where.rsplit(":", 1)[-1]
    return int(row) if row.isdigit() else None


def row_ranges(rows: list[int], most: int = MOST_RANGES) -> str:
    """Rows in words: "rows 6-9, 12, 14-20" (the first ``most`` ranges, then "and others").

    Examples
    --------
    >>> row_ranges([6, 7, 8, 9, 12, 14, 15]), row_ranges([3]), row_ranges([1, 3, 5], 2)
    ('rows 6-9, 12, 14-15', 'row 3', 'rows 1, 3 and others')
    """
    runs: list[list[int]] = []
    for r in sorted(set(rows)):
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    words = [f"{a}-{b}" if b > a else f"{a}" for a, b in runs]
    tail = " and others" if len(words) > most else ""
    return ("rows " if len(rows) > 1 else "row ") + ", ".join(words[:most]) + tail


def warning_lines(warnings: list[str], data_dir: Path, every: bool = False) -> list[str]:
    """The lines ``forecast data check`` prints for ``warnings`` (``file:row: warning: ...``
    with the file's name relative to ``data_dir``): a count, then each warning with the
    folder joined to its file's name; a kind on more than :data:`GROUP_ABOVE` rows shows
    its first :data:`SHOWN` and one line for the rest, unless ``every``."""
    kinds: dict = {}
    for w in warnings:
        kind = _kind(w)
        if kind is not None:
            kinds.setdefault(kind, []).append(w)
    grouped = {k for k, ws in kinds.items() if len(ws) > GROUP_ABOVE and not every}
    head = f"\n{plural(len(warnings), 'warning')}"
    if grouped:
        head += (f" (one repeated on more than {GROUP_ABOVE} rows of a file is shown on its "
                 f"first {SHOWN}; forecast data check --all-warnings lists all)")
    head += ":" if warnings else ""
    lines, seen = [head], {}
    for w in warnings:
        kind = _kind(w)
        # The folder joined to the file's name only: a whole line made a path lost the
        # '/' of 'http://'.
        name, _, rest = w.partition(":")
        if kind not in grouped:
            lines.append(f"{data_dir / name}:{rest}")
            continue
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= SHOWN:
            lines.append(f"{data_dir / name}:{rest}")
        if seen[kind] == SHOWN:
            more = kinds[kind][SHOWN:]
            rows = [r for r in map(_row, more) if r is not None]
            lines.append(f"{data_dir / kind[0]}: ... and {plural(len(more), 'more row')} like "
                         f"the {SHOWN} above" + (f": {row_ranges(rows)}" if rows else ""))
    return lines
