"""The import graph of ``src/forecast`` from its source (``ast``): fail on a circle.

Usage::

    python tests/tools/import_graph.py [--max-lines N] [--root DIR] [--show]

Every ``import``/``from ... import`` of a ``forecast`` module counts, at module level or
inside a function (a function-local import still makes a dependency), except those under
``if TYPE_CHECKING:``. Prints the largest module and its line count, lists function-local
imports outside ``cli.py`` with no comment on the line or in the three lines above, and exits
1 on a circle (printing it) or when the largest module exceeds ``--max-lines``.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "forecast"


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _resolve(current: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = current.split(".")
    base = base if is_pkg else base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def graph(root: Path = PACKAGE) -> tuple[dict[str, set[str]], dict[str, int], list[str]]:
    """(module -> imported package modules, module -> line count, uncommented local imports)."""
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    edges: dict[str, set[str]] = {m: set() for m in files}
    lines: dict[str, int] = {}
    local: list[str] = []
    for name, path in files.items():
        text = path.read_text(encoding="utf-8")
        source_lines = text.splitlines()
        lines[name] = len(source_lines)
        tree = ast.parse(text)
        is_pkg = path.name == "__init__.py"
        skip: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and _type_checking(node):
                skip |= {id(n) for n in ast.walk(node)}
        in_function: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                in_function |= {id(n) for n in ast.walk(node) if n is not node}
        for node in ast.walk(tree):
            if id(node) in skip or not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = _resolve(name, is_pkg, node)
                subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in files]
                # "from . import x" depends on the module x; "from .m import f" on m.
                targets = subs if subs else [base]
            hit = {t for t in targets if t in files}
            edges[name] |= hit - {name}
            if id(node) in in_function and not name.endswith(".cli"):
                here = source_lines[node.lineno - 1]
                above = source_lines[max(node.lineno - 4, 0):node.lineno - 1]
                if "#" not in here and not any(a.strip().startswith("#") for a in above):
                    local.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return edges, lines, local


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(edges.get(m, ())):
            if state.get(n) == 1:
                return stack[stack.index(n):] + [n]
            if n not in state:
                found = visit(n)
                if found:
                    return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(edges):
        if m not in state:
            found = visit(m)
            if found:
                return found
    return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-lines", type=int, default=None)
    ap.add_argument("--root", type=Path, default=PACKAGE, help="the package folder")
    ap.add_argument("--show", action="store_true", help="print every module's imports")
    args = ap.parse_args(argv)
    edges, lines, local = graph(args.root)
    if args.show:
        for m in sorted(edges):
            print(f"{m} ({lines[m]}) -> {', '.join(sorted(edges[m])) or '-'}")
    largest = max(lines, key=lines.get)
    print(f"{len(edges)} modules; largest {largest} ({lines[largest]} lines)")
    for where in local:
        print(f"function-local import without a comment: {where}")
    cycle = find_cycle(edges)
    if cycle:
        print("import circle: " + " -> ".join(cycle))
        return 1
    print("no import circle")
    if args.max_lines is not None and lines[largest] > args.max_lines:
        print(f"largest module over {args.max_lines} lines")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
