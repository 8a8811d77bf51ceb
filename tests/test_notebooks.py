"""Notebooks: paired and clean in git, and the template runs through real papermill."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from forecast import config

papermill = pytest.importorskip("papermill")

NOTEBOOKS = config.NOTEBOOKS_DIR
TEMPLATE = NOTEBOOKS / "region_forecast.ipynb"


def test_notebooks_are_paired_and_without_outputs():
    notebooks = sorted(NOTEBOOKS.glob("*.ipynb"))
    assert TEMPLATE in notebooks
    for nb_path in notebooks:
        assert nb_path.with_suffix(".py").exists(), f"{nb_path.name} has no paired .py"
        nb = json.loads(nb_path.read_text())
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert not cell["outputs"] and cell["execution_count"] is None, nb_path.name


def test_py_and_ipynb_say_the_same():
    import jupytext

    py = jupytext.read(TEMPLATE.with_suffix(".py"))
    ipynb = jupytext.read(TEMPLATE)
    assert [c.source for c in py.cells] == [c.source for c in ipynb.cells]


@pytest.mark.slow
def test_parameters_are_documented():
    proc = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook", str(TEMPLATE)],
                          capture_output=True, text=True, check=True)
    for name in ("region", "as_of", "vintage", "n_paths", "seed", "models", "lang", "output_dir",
                 "data_dir", "scenario"):
        assert name in proc.stdout


@pytest.mark.slow
def test_template_runs_through_papermill(tiny_data_dir, tmp_path):
    out_dir = tmp_path / "national"
    papermill.execute_notebook(
        str(TEMPLATE), str(tmp_path / "executed.ipynb"),
        parameters={"data_dir": str(tiny_data_dir), "output_dir": str(out_dir),
                    "n_paths": 400, "as_of": "2023", "vintage": "date"},
        kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    results = json.loads((out_dir / "results.json").read_text())
    assert results["region"] == "national" and results["as_of"] == "2023-12-31"
    assert {t["metric"] for t in results["targets"]} == {"active_total", "fund_investment"}
    for t in results["targets"]:
        assert 0 <= t["probability"] <= 1
    assert (out_dir / "fan_active_total_2026.png").stat().st_size > 10_000
    executed = json.loads((tmp_path / "executed.ipynb").read_text())
    images = [o for c in executed["cells"] if c["cell_type"] == "code"
              for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) >= 4, "two fan charts, the waterfall and the growth chart are shown"
    # "Why it moved" (compare_as_of "2023,2024" by default): the decomposition table, its
    # columns the two dates and the steps in their order, in the notebook's language.
    table = ["".join(o["data"]["text/html"]) for c in executed["cells"] if c["cell_type"] == "code"
             and "compare_table" in "".join(c["source"]) for o in c.get("outputs", [])
             if "text/html" in o.get("data", {})]
    assert len(table) == 1
    columns = ["31 December 2023", "New observations", "Revised observations",
               "New or changed targets", "Method", "Scenario", "31 December 2024",
               "Left to the order"]
    at = [table[0].index(f">{c}</th>") for c in columns]
    assert at == sorted(at)
    assert "Active participants: 70\xa0million by end-2026" in table[0], table[0][-900:]


@pytest.mark.slow
def test_summary_notebook_reads_a_batch_run(tiny_data_dir, tmp_path):
    from forecast import batch, tables

    manifest = batch.run_batch(regions="all", data_dir=tiny_data_dir, runs_dir=tmp_path / "r",
                               n_paths=200, jobs=2)
    frame = tables.keyed(tables.run_table(manifest["run_dir"]))
    assert set(frame["folder"]) == {"national", "kanwil-east", "east-province"}
    # Rows in persons, rupiah and percent side by side: each says which.
    assert {"persons", "Rp trillion"} <= set(frame["unit"].dropna())
    assert frame.iloc[0]["probability"] >= frame.iloc[1]["probability"]
    papermill.execute_notebook(str(NOTEBOOKS / "summary.ipynb"), str(tmp_path / "s.ipynb"),
                               parameters={"run_dir": manifest["run_dir"]},
                               kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    assert "Investment funds" in (tmp_path / "s.ipynb").read_text()  # the label, not the id


@pytest.mark.slow
def test_explore_runs_through_papermill_with_a_scenario(tmp_path):
    import jupytext

    explore = NOTEBOOKS / "explore.ipynb"
    py = jupytext.read(explore.with_suffix(".py"))
    assert [c.source for c in py.cells] == [c.source for c in jupytext.read(explore).cells]
    scenario = config.DATA_DIR / "scenarios" / "hypothetical_informal_drive.toml"
    papermill.execute_notebook(
        str(explore), str(tmp_path / "explore.ipynb"),
        parameters={"n_paths": 300, "as_of": "2023", "vintage": "date",
                    "models": "linear,exponential,rw_drift", "scenario": str(scenario)},
        kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    executed = json.loads((tmp_path / "explore.ipynb").read_text())
    text = json.dumps(executed["cells"])
    # The tables in words: the segment, the fund input and the probability by their names.
    for expected in ("structural fund model", "Active informal workers",
                     "Contributions per active participant a year (Rp)",
                     "Probability: both targets", "VBox(children=(IntSlider"):
        assert expected in text, expected


@pytest.mark.slow
def test_track_record_shows_as_a_table_not_python_dicts(tiny_data_dir, tmp_path):
    out = tmp_path / "tr.ipynb"
    papermill.execute_notebook(
        str(TEMPLATE), str(out),
        parameters={"data_dir": str(tiny_data_dir), "n_paths": 200, "track_record": True,
                    "compare_as_of": ""},
        kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    cell = next(c for c in json.loads(out.read_text())["cells"]
                if c["cell_type"] == "code" and "add_track_record" in "".join(c["source"]))
    html = "".join(cell["outputs"][0]["data"]["text/html"])
    assert "<table" in html and ">Share met<" in html
    assert "{'band'" not in json.dumps(cell["outputs"])


@pytest.mark.slow
def test_the_notebook_in_indonesian_heads_every_table_in_indonesian_words(tiny_data_dir,
                                                                          tmp_path):
    """lang="id": every table's headings are words (no snake_case), Indonesian ones, and
    no cell shows a quoted Python string where a sentence belongs."""
    import re

    out = tmp_path / "id.ipynb"
    papermill.execute_notebook(
        str(TEMPLATE), str(out),
        parameters={"data_dir": str(tiny_data_dir), "n_paths": 200, "lang": "id",
                    "compare_as_of": ""},
        kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    outputs = [o for c in json.loads(out.read_text())["cells"] if c["cell_type"] == "code"
               for o in c.get("outputs", [])]
    html = "".join("".join(o["data"]["text/html"]) for o in outputs
                   if "text/html" in o.get("data", {}))
    headings = [re.sub(r"<[^>]+>", "", h).strip()
                for h in re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)]
    headings = [h for h in headings if h]
    assert len(headings) > 40
    assert not [h for h in headings if "_" in h]
    for english in ("Probability", "Growth required (per year)", "Base year", "Metric",
                    "Data quality", "Readings"):
        assert english not in headings, english
    for indonesian in ("Probabilitas", "Tahun dasar", "Pertumbuhan dibutuhkan (per tahun)",
                       "Kualitas data"):
        assert indonesian in headings, indonesian
    plain = [o["data"]["text/plain"] for o in outputs if "text/plain" in o.get("data", {})
             and "text/html" not in o["data"] and "image/png" not in o["data"]]
    assert not [p for p in plain if "".join(p).startswith("'")], plain
