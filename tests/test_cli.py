"""The command line: output, --data-dir, and one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from forecast.cli import main


def test_data_check(tiny_data_dir, capsys):
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 0
    out = capsys.readouterr().out
    assert "OK (" in out and "national" in out and "active_total" in out


@pytest.mark.slow
def test_run_json(tiny_data_dir, capsys, tmp_path):
    out_file = tmp_path / "r.json"
    code = main(["run", "--data-dir", str(tiny_data_dir), "--region", "national",
                 "--as-of", "2023", "--vintage", "date", "--format", "json", "--n-paths", "500",
                 "--output", str(out_file)])
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(out_file.read_text())
    assert {t["metric"] for t in printed["targets"]} == {"active_total", "fund_investment"}


def test_run_table(tiny_data_dir, capsys):
    assert main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "300",
                 "--models", "linear,exponential"]) == 0
    out = capsys.readouterr().out
    assert "Target: active_total >= 70.00M by 2026-12-31" in out
    assert "Probability" in out and "Base-year sensitivity" in out


@pytest.mark.parametrize("args,pieces", [
    (["run", "--region", "atlantis"], ["unknown region 'atlantis'", "valid choices", "national"]),
    (["run", "--as-of", "yesterday"], ["as_of", "expected a year", "'yesterday'"]),
    (["run", "--models", "linear,magic"], ["--models", "magic", "valid choices", "exponential"]),
    (["run", "--n-paths", "0"], ["n_paths", "found 0"]),
])
def test_bad_arguments_one_line_exit_2(tiny_data_dir, capsys, args, pieces):
    assert main(args + ["--data-dir", str(tiny_data_dir)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("forecast: error: ")
    for piece in pieces:
        assert piece in err


def test_bad_data_dir_exit_2(tmp_path, capsys):
    (tmp_path / "regions.csv").write_text("id,name\nx,y\n")
    assert main(["data", "check", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "regions.csv:1" in err and "missing column(s)" in err


def test_console_script_has_no_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "forecast.cli", "run", "--data-dir",
                           str(tmp_path / "missing")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "data directory not found" in proc.stderr
