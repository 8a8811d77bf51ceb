"""Compare results.json objects of two runs: every number identical, changed shapes listed.

Usage::

    python tests/tools/compare_results.py BASELINE_DIR NEW_DIR

Each directory holds the outputs of ``tests/tools/baseline.sh`` (``*.json`` from
``forecast run --format json`` and ``*.txt`` tables). For each file present in both, the
JSON objects are walked together: a number (or any leaf) that differs is a failure; a key
present on one side only, or a leaf whose type changed (an English sentence that became a
code), is listed as a shape change. Text files are compared line by line. The exit code
is 0 when no number differs and the shapes changed only at the paths given with
``--allow PREFIX`` (repeatable; a path such as ``targets[].data_quality``).

Where an English sentence became a code (a skip reason, a data-quality reason), the
English formatter of :mod:`forecast.reasons` must give back the old sentence exactly; a
different sentence counts as a difference.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from forecast.reasons import quality_text, reason_text


def _norm(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def _words_kept(a, b, path: str, diffs: list) -> None:
    """An English sentence that became a code: the English formatter must give it back."""
    if isinstance(a, dict) and isinstance(b, dict) and isinstance(a.get("reason"), str) \
            and "reason" not in b and "label" in b:
        if quality_text(b, "en") != a["reason"]:
            diffs.append((f"{path}.reason", f"{a['reason']!r} -> {quality_text(b, 'en')!r}"))
    elif isinstance(a, str) and isinstance(b, dict) and "code" in b:
        if reason_text(b, "en") != a:
            diffs.append((path, f"{a!r} -> {reason_text(b, 'en')!r}"))


def walk(a, b, path: str, diffs: list, shapes: list) -> None:
    """Record value differences in ``diffs`` and shape differences in ``shapes``."""
    _words_kept(a, b, path, diffs)
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            sub = f"{path}.{key}" if path else key
            if key not in a:
                shapes.append((sub, "added"))
            elif key not in b:
                shapes.append((sub, "removed"))
            else:
                walk(a[key], b[key], sub, diffs, shapes)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            diffs.append((path, f"length {len(a)} -> {len(b)}"))
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{path}[{i}]", diffs, shapes)
    elif type(a) is not type(b) and not (isinstance(a, (int, float)) and
                                         isinstance(b, (int, float)) and a == b):
        shapes.append((path, f"{type(a).__name__} -> {type(b).__name__}"))
    elif isinstance(a, str) and a != b:
        shapes.append((path, "text changed"))
    elif a != b:
        diffs.append((path, f"{a!r} -> {b!r}"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("baseline", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--allow", action="append", default=[],
                    help="path prefix whose shape may change (e.g. targets[].data_quality)")
    args = ap.parse_args(argv)
    failed = 0
    names = sorted(p.name for p in args.baseline.iterdir() if p.suffix in (".json", ".txt"))
    compared = 0
    for name in names:
        new = args.new / name
        if not new.is_file():
            print(f"{name}: missing in {args.new}")
            failed += 1
            continue
        compared += 1
        old_text = (args.baseline / name).read_text(encoding="utf-8")
        new_text = new.read_text(encoding="utf-8")
        if old_text == new_text:
            continue
        if name.endswith(".txt"):
            print(f"{name}: text differs")
            failed += 1
            continue
        diffs, shapes = [], []
        walk(json.loads(old_text), json.loads(new_text), "", diffs, shapes)
        unexpected = [s for s in shapes
                      if not any(_norm(s[0]).startswith(p) for p in args.allow)]
        for path, what in diffs:
            print(f"{name}: value {path}: {what}")
        counts: dict[tuple, int] = {}
        for path, what in shapes:
            tag = "shape" if (path, what) in unexpected else "shape (allowed)"
            key = (tag, _norm(path), what)
            counts[key] = counts.get(key, 0) + 1
        for (tag, path, what), n in sorted(counts.items()):
            print(f"{name}: {tag} {path}: {what}" + (f" (x{n})" if n > 1 else ""))
        failed += bool(diffs or unexpected)
    print(f"{compared} files compared, {failed} with a difference in numbers or an "
          f"unexpected shape")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
