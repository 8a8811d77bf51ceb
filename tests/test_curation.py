"""The curation pipeline (data/curation/) reproduces the shipped data files exactly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
BUILD = DATA / "curation" / "build.py"
OUTPUTS = ["observations.csv", "targets.csv", "regions.csv", "sources.csv", "README.md"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Run the build once into a temporary folder (it never writes into data/ here)."""
    out = tmp_path_factory.mktemp("curated")
    proc = subprocess.run([sys.executable, str(BUILD), str(out)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "checks passed" in proc.stdout
    return out


@pytest.mark.parametrize("name", OUTPUTS)
def test_build_reproduces_shipped_file(built, name):
    # Compare bytes, not parsed tables: quoting, line ends and number formats are shipped too.
    assert (built / name).read_bytes() == (DATA / name).read_bytes(), (
        f"data/{name} differs from a fresh build; rebuild with "
        f"`python data/curation/build.py` and review the diff")

