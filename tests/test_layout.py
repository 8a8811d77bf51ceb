"""The package's shape: no import circle, and no module past the size limit of the design."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent / "tools"
sys.path.insert(0, str(TOOLS))

import import_graph  # noqa: E402


def test_finds_a_circle_it_is_shown():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert import_graph.find_cycle(edges) == ["a", "b", "c", "a"]
    assert import_graph.find_cycle({"a": {"b"}, "b": set()}) is None


def test_reads_relative_imports(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from . import b\n")
    (pkg / "b.py").write_text("def f():\n    from .sub.c import g\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "c.py").write_text("from ..a import x\n")
    edges, lines, local = import_graph.graph(pkg)
    assert edges["pkg.a"] == {"pkg.b"} and edges["pkg.b"] == {"pkg.sub.c"}
    assert edges["pkg.sub.c"] == {"pkg.a"}
    assert import_graph.find_cycle(edges) == ["pkg.a", "pkg.b", "pkg.sub.c", "pkg.a"]
    assert local == ["pkg/b.py:2"]


def test_the_package_has_no_import_circle():
    proc = subprocess.run([sys.executable, str(TOOLS / "import_graph.py")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout
    assert "no import circle" in proc.stdout


def test_no_module_past_450_lines_and_no_unexplained_local_import():
    edges, lines, local = import_graph.graph()
    big = {m: n for m, n in lines.items() if n > 450}
    assert big == {}
    assert local == []
