"""`pip install .` (not editable) gives a working `forecast`: the wheel carries the shipped
data and notebooks, and nothing is looked up in the checkout it was built from."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from forecast import config

ROOT = config.PROJECT_ROOT
#: What a build needs from the checkout (a copy, so the build never writes into it).
BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "src", "data", "notebooks")


def _run(cmd, **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, **kwargs)
    assert proc.returncode == 0, f"{cmd}: {proc.stderr[-2000:]}"
    return proc


@pytest.mark.slow
def test_the_wheel_installed_in_a_fresh_venv_runs_the_national_forecast(tmp_path):
    if not config.IN_CHECKOUT:
        pytest.skip("needs the checkout to build from")
    src = tmp_path / "src-copy"
    src.mkdir()
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info",
                                                          "curation", "raw"))
        else:
            shutil.copy2(ROOT / name, src / name)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
          str(src)])
    wheel = next((tmp_path / "dist").glob("forecast-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("forecast/shipped/data/observations.csv", "forecast/shipped/data/targets.csv",
                   "forecast/shipped/data/regions.csv", "forecast/shipped/data/sources.csv",
                   "forecast/shipped/notebooks/region_forecast.ipynb",
                   "forecast/report/templates/region.typ"):
        assert needed in names, f"{needed} is not in the wheel"

    # A fresh venv; its dependencies come from this environment's site-packages, added
    # after its own (a .pth line), so the installed wheel, not the checkout, is imported.
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    py = venv / "bin" / "python"
    purelib = _run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
                   ).stdout.strip()
    Path(purelib, "zz_forecast_test_deps.pth").write_text(sysconfig.get_paths()["purelib"]
                                                          + "\n")
    _run([str(py), "-m", "pip", "install", "--no-deps", "-q", str(wheel)])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run([str(py), "-c", "import forecast.config as c; print(c.DATA_DIR); "
                  "print(c.IN_CHECKOUT)"], cwd=elsewhere).stdout.split()
    assert where[0].startswith(purelib) and where[1] == "False"
    out = _run([str(venv / "bin" / "forecast"), "run", "--region", "national", "--n-paths",
                "500"], cwd=elsewhere).stdout
    assert out.startswith("Indonesia (national)")
    assert "Target: Active participants >= 70.00M by 2026-12-31" in out
    check = _run([str(venv / "bin" / "forecast"), "data", "check"], cwd=elsewhere).stdout
    assert f"{purelib}/forecast/shipped/data: OK" in check
