"""The command line: output, --data-dir, and one-line errors with exit code 2."""

from __future__ import annotations

import contextvars
import json
import re
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
    assert "Target: Active participants >= 70.00M by 2026-12-31" in out
    assert "Probability" in out and "Base-year sensitivity" in out


METRIC_IDS = ("active_total", "active_pu", "active_bpu", "active_jakon", "active_pmi",
              "registered_total", "fund_investment", "contributions", "benefits_paid",
              "investment_income", "working_population", "eligible_workers", "coverage_pct",
              "ucj_base", "investment_return", "contribution_per_participant",
              "benefit_share", "rw_drift", "extra_monthly_enrolments")


def _ids_in(text: str) -> list[str]:
    return [m for m in METRIC_IDS if re.search(rf"(?<![\w/.-]){m}(?![\w.])", text)]


@pytest.mark.parametrize("lang,target,labels", [
    ("en", "Target: Active participants >= 70.00M by 2026-12-31",
     ["Last observed", "Probability", "Net additions", "Investment funds"]),
    ("id", "Target: Peserta aktif >= 70,00 jt pada 2026-12-31",
     ["Nilai terakhir", "Probabilitas", "Tambahan bersih", "Dana investasi",
      "Kepekaan tahun dasar", "perlu percepatan"]),
])
def test_run_table_names_not_ids(tiny_data_dir, capsys, lang, target, labels):
    """A reader sees metric names in the table's language, never ids such as active_total."""
    assert main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "300", "--lang", lang,
                 "--models", "linear,exponential"]) == 0
    out = capsys.readouterr().out
    assert target in out
    for label in labels:
        assert label in out, label
    # A model's own failure message (here: the tiny data has no investment income for the
    # fund model) is the library's exception text, kept verbatim for the researcher.
    shown = "\n".join(line for line in out.splitlines() if ": fund model: " not in line)
    assert _ids_in(shown) == []
    if lang == "id":
        for english in ("Last observed", "Probability ", "Growth required", "by 2026",
                        "Classification", "acceleration needed", "Not computed"):
            assert english not in out, english


def test_the_id_finder_finds_ids():
    assert _ids_in("Target: active_total >= 1 (fund_investment)") == ["active_total",
                                                                      "fund_investment"]
    assert _ids_in("data/scenarios/hypothetical_informal_drive.toml") == []


@pytest.mark.parametrize("args,pieces", [
    (["run", "--region", "atlantis"], ["unknown region 'atlantis'", "valid choices", "national"]),
    (["run", "--as-of", "yesterday"], ["--as-of: ", "expected a year", "'yesterday'"]),
    (["run", "--models", "linear,magic"], ["--models", "magic", "valid choices", "exponential"]),
    (["run", "--n-paths", "0"], ["--n-paths", "from 100 to 1,000,000", "found '0'"]),
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


@pytest.mark.parametrize("lang,words", [
    ("en", ["Scenario: Drive (HYPOTHETICAL, from drive.toml)",
            "150,000 more active informal participants a month",
            "Active participants: 1.0% without it, 2.0% with it",
            "Both targets together: 0.5% without it, 1.5% with it"]),
    ("id", ["Skenario: Drive (HIPOTETIS, dari drive.toml)",
            "tambahan 150.000 peserta aktif bukan penerima upah per bulan",
            "Peserta aktif: 1,0% tanpa skenario, 2,0% dengan skenario",
            "Kedua target bersama-sama: 0,5% tanpa skenario, 1,5% dengan skenario"]),
])
def test_run_table_scenario_in_words(lang, words):
    from forecast.textfmt import format_extras
    from forecast.textnum import LANG

    def table() -> str:  # in a context of its own: the language does not leak
        LANG.set(lang)
        return format_extras({"scenario": {
            "name": "Drive", "file": "drive.toml",
            "adjustments": {"extra_monthly_enrolments": {"active_bpu": 150000.0}},
            "baseline_probabilities": {"active_total": 0.01, "joint": 0.005},
            "probabilities": {"active_total": 0.02, "joint": 0.015}}})

    text = contextvars.copy_context().run(table)
    flat = " ".join(text.split())
    for w in words:
        assert w in flat, (w, text)
    assert _ids_in(text) == []


def test_the_command_line_module_loads_no_heavy_module():
    # `forecast --help` pays for every module cli.py imports; the reports' printing
    # (clireports, 1-2 ms) and NumPy, pandas, matplotlib load only when a command runs;
    # tomllib (5 ms, for scheme.toml and scenarios) and threading (0.7 ms) too: with them
    # `forecast --help` took 3.7 times `python -c pass` on one machine, against a goal of 3.
    import subprocess
    import sys

    code = ("import sys, forecast.cli; print(' '.join(m for m in ('numpy', 'pandas', "
            "'matplotlib', 'forecast.report', 'forecast.clireports', 'tomllib', "
            "'threading') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == ""


def test_batch_and_report_skip_the_iri_grammars_and_still_read_notebooks(tmp_path):
    # jsonschema compiles 38 Lark grammars on import when rfc3987_syntax is installed
    # (1.3 s of every batch and report); blocked, papermill and nbconvert still import,
    # and a notebook still validates and exports.
    import subprocess
    import sys
    from pathlib import Path

    notebook = Path(__file__).resolve().parents[1] / "notebooks" / "region_forecast.ipynb"
    code = ("import sys; from forecast.clireports import skip_iri_grammars; "
            "skip_iri_grammars(); import papermill, nbformat; "
            "from forecast.report.render import export_html; "
            f"nb = nbformat.read({str(notebook)!r}, as_version=4); nbformat.validate(nb); "
            f"export_html({str(notebook)!r}, {str(tmp_path / 'nb.html')!r}); "
            "print('lark' in sys.modules, sys.modules['rfc3987_syntax'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["False", "None"]
    assert "<html" in (tmp_path / "nb.html").read_text(encoding="utf-8")
