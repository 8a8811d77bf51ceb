"""The command line shared by the coverage-shares diagnostics (``stock_shift.py``,
``share_floor.py``): their options, the sets they read and the report they write, each
failure one line and exit code 2."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import shares

#: The most paths a forecast the diagnostics take (and the fewest, as the product).
MIN_PATHS, MAX_PATHS = 100, 100_000


def parse(prog: str, doc: str, out: Path, argv) -> argparse.Namespace | None:
    """``--quick``, ``--paths`` and ``--out``; None (after one line) for bad paths."""
    parser = argparse.ArgumentParser(prog=prog, description=doc.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every 8th series only")
    parser.add_argument("--paths", type=int, default=shares.N_PATHS, help="paths a forecast")
    parser.add_argument("--out", type=Path, default=out, help="the markdown written")
    args = parser.parse_args(argv)
    if not MIN_PATHS <= args.paths <= MAX_PATHS:
        print(f"{prog}: error: --paths: expected an integer from {MIN_PATHS:,} to "
              f"{MAX_PATHS:,}, found {args.paths}", file=sys.stderr)
        return None
    return args


def load_sets(prog: str, names, quick: bool) -> dict | None:
    """The series of each set named (every 8th with ``quick``); None after one line naming
    the file that could not be read."""
    try:
        sets = {name: shares.load(shares.SETS[name].path) for name in names}
    except (OSError, ValueError) as exc:  # an OSError names its file, not "[Errno 2]"
        said = f"{exc.filename}: {exc.strerror}" if isinstance(exc, OSError) else exc
        print(f"{prog}: error: {said}", file=sys.stderr)
        return None
    return {name: s[::8] for name, s in sets.items()} if quick else sets


def write(prog: str, out: Path, text: str) -> int:
    """Write the report and print it: 0, or 2 after one line naming the file."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{prog}: error: {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(text)
    return 0
