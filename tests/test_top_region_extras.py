"""The national analysis (structural fund model, joint probability, segments, scenario)
runs for the scheme's top region whatever its id.

The oracle: the shipped national rows of the participants, their segments, the fund with
its flows and the working population, copied under another top region id (``thailand``,
SYNTHETIC sources), must give the same probabilities as the shipped national run: only the
region id differs. Before, a top region not called ``national`` got none of it, and a
scenario was refused with a message about a region 'national'.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from forecast import data, tables, whatif
from forecast.cli import main
from forecast.config import DATA_DIR
from forecast.errors import ParameterError
from forecast.national import resolve_scenario
from forecast.results import national_context

from conftest import one_line_error

#: The national metrics the analysis reads (coverage, registrations and the rest left out).
METRICS = ("active_total", "active_pu", "active_bpu", "active_jakon", "active_pmi",
           "fund_investment", "contributions", "benefits_paid", "investment_income",
           "working_population")
SCENARIO = Path(DATA_DIR) / "scenarios" / "hypothetical_informal_drive.toml"
N = "500"


def copy_top(dest: Path, top: str, name: str) -> Path:
    """The shipped national rows of :data:`METRICS` and their targets under region ``top``
    (the only region), each note and source marked SYNTHETIC."""
    src = Path(DATA_DIR)
    dest.mkdir(parents=True)
    scheme = (src / "scheme.toml").read_text(encoding="utf-8")
    # Every copy is another scheme than the shipped one, so both sides nowcast by the same
    # rule (forecast.nowcast.method_of; the fund model starts at the fund's nowcast).
    assert 'name = { en = "BPJS' in scheme
    scheme = scheme.replace('name = { en = "BPJS', 'name = { en = "SYNTHETIC copy of BPJS')
    level = "national"
    if top != "national":
        level = "country"
        assert 'top_region = "national"' in scheme and 'levels = ["national",' in scheme
        scheme = scheme.replace('top_region = "national"', f'top_region = "{top}"').replace(
            'levels = ["national",', 'levels = ["country",')
    (dest / "scheme.toml").write_text(scheme, encoding="utf-8")
    (dest / "regions.csv").write_text(f"id,name,level,parent\n{top},{name},{level},\n",
                                      encoding="utf-8")
    used = set()
    for file in ("observations.csv", "targets.csv"):
        with open(src / file, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        out = [rows[0]] + [[top, *r[1:6], "SYNTHETIC copy: " + r[6], *r[7:]]
                           for r in rows[1:] if r[0] == "national" and r[1] in METRICS]
        used |= {r[5] for r in out[1:]}
        with open(dest / file, "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(out)
    with open(src / "sources.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    out = [rows[0]] + [[r[0], "SYNTHETIC", "copy of " + (r[2] or r[1]), *r[3:]]
                       for r in rows[1:] if r[0] in used]
    with open(dest / "sources.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(out)
    return dest


@pytest.fixture(scope="module")
def thailand(tmp_path_factory) -> Path:
    return copy_top(tmp_path_factory.mktemp("th") / "data", "thailand", "Thailand")


def run_json(capsys, *args) -> dict:
    assert main(["run", "--n-paths", N, "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def the_analysis(results: dict) -> dict:
    """funds_model, joint and segments, without the two fields that name the region (the
    backtest's region and the command that repeats it)."""
    fm = json.loads(json.dumps(results["funds_model"]))
    for key in ("region", "command"):
        fm["backtest"].pop(key)
    return {"funds_model": fm, "joint": results["joint"], "segments": results["segments"]}


@pytest.fixture(scope="module")
def national_copy(tmp_path_factory) -> dict:
    """The run of the shipped national rows copied as another scheme (:func:`copy_top`)."""
    from forecast.results import run_region

    folder = copy_top(tmp_path_factory.mktemp("na") / "data", "national", "Indonesia")
    return json.loads(json.dumps(run_region(data.load_panel(folder), "national",
                                            n_paths=int(N))))


def test_the_top_region_thailand_gets_the_national_analysis(thailand, capsys,
                                                             national_copy):
    got = run_json(capsys, "--data-dir", str(thailand))  # the default region: the top one
    assert got["region"] == "thailand"
    assert "extras_skipped" not in got and got["scenario"] is None
    assert got["funds_model"]["backtest"]["region"] == "thailand"
    assert "--region thailand " in got["funds_model"]["backtest"]["command"]
    # The same numbers as the shipped national run (which has more regions and metrics:
    # the analysis reads none of them).
    assert the_analysis(got) == the_analysis(national_copy)
    assert 0.05 < got["funds_model"]["probability"] < 0.95  # not a trivial 0 or 1
    assert [r["metric"] for r in got["segments"]["rows"]] == [
        r["metric"] for r in national_copy["segments"]["rows"]]
    # The run's table says so too.
    assert main(["run", "--data-dir", str(thailand), "--n-paths", N]) == 0
    text = capsys.readouterr().out
    assert "structural" in text.lower() and "not computed" not in text


def test_a_scenario_moves_the_top_region_as_it_moves_national(thailand, tmp_path, capsys):
    national = copy_top(tmp_path / "na", "national", "Indonesia")
    th = run_json(capsys, "--data-dir", str(thailand), "--scenario", str(SCENARIO))
    na = run_json(capsys, "--data-dir", str(national), "--scenario", str(SCENARIO))
    assert th["scenario"] == na["scenario"]
    probs = th["scenario"]["probabilities"]
    assert probs["fund_investment"] != th["scenario"]["baseline_probabilities"][
        "fund_investment"]
    assert the_analysis(th) == the_analysis(na)


def test_a_scenario_below_the_top_region_names_the_top_region(thailand, tmp_path, capsys):
    import shutil

    folder = tmp_path / "two"
    shutil.copytree(thailand, folder)
    with open(folder / "regions.csv", "a", encoding="utf-8") as f:
        f.write("bangkok,Bangkok,province,thailand\n")
    assert main(["run", "--data-dir", str(folder), "--region", "bangkok", "--n-paths", N,
                 "--scenario", str(SCENARIO)]) == 2
    err = one_line_error(capsys)
    assert "scenario: applies to the run of the top region Thailand ('thailand') only, " \
           "found region 'bangkok'" in err, err
    assert "'national'" not in err
    # The shipped data keeps its words.
    with pytest.raises(ParameterError, match=r"^scenario: applies to the national run only, "
                                             r"found region 'bali'"):
        resolve_scenario(data.load_panel(None), "bali", str(SCENARIO))


def test_a_region_below_another_schemes_top_region_is_sent_to_it():
    run = {"region": "bangkok", "region_name": "Bangkok", "targets": [],
           "scheme": {"top_region": "thailand"}}
    assert tables.funds_summary_table(run) == (
        "No fund model for Bangkok: it is computed for the top region's run only (thailand).")
    assert tables.segments_table(run, "id") == (
        "Tidak ada dekomposisi segmen untuk Bangkok: hanya dihitung untuk run wilayah "
        "teratas (thailand).")
    shipped = {"region": "bali", "region_name": "Bali", "targets": [],
               "scheme": {"top_region": "national"}}
    assert tables.funds_summary_table(shipped) == (
        "No fund model for Bali: it is computed for the national run only.")


def test_the_what_if_moves_the_top_region_as_it_moves_national(thailand, tmp_path):
    national = copy_top(tmp_path / "na", "national", "Indonesia")
    got = {}
    for key, folder in (("th", thailand), ("na", national)):
        ctx = national_context(data.load_panel(folder), n_paths=int(N))  # the top region
        assert ctx is not None and ctx.region == ("thailand" if key == "th" else "national")
        got[key] = whatif.what_if(ctx, extra_monthly=100_000.0, segment="active_bpu",
                                  investment_return=0.07)
    assert got["th"] == got["na"]
    assert got["th"]["fund_investment"] is not None and got["th"]["joint"] is not None


@pytest.mark.slow
def test_batch_pdfs_and_notebooks_of_the_top_region_show_the_analysis(thailand, tmp_path,
                                                                      capsys,
                                                                      national_copy):
    import papermill
    from pypdf import PdfReader

    runs = tmp_path / "runs"
    assert main(["batch", "--data-dir", str(thailand), "--n-paths", N, "--jobs", "1",
                 "--runs-dir", str(runs), "--no-track-record"]) == 0
    (run_dir,) = [d for d in runs.iterdir() if d.name != "latest"]
    assert main(["report", "--runs-dir", str(runs), "--lang", "id", run_dir.name]) == 0
    capsys.readouterr()
    got = json.loads((run_dir / "thailand" / "results.json").read_text())
    assert the_analysis(got) == the_analysis(national_copy)
    words = {"en": ("Cross-check: structural fund model", "Both targets together",
                    "Segments in 2026"),
             "id": ("Pemeriksaan silang: model dana struktural", "keduanya tercapai",
                    "Segmen pada 2026")}
    for lang, expected in words.items():
        pdf = run_dir / "thailand" / f"report_{lang}.pdf"
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
        for w in expected:
            assert w in text, (pdf, w)
    notebooks = Path(__file__).resolve().parents[1] / "notebooks"
    for name, lang, expected in (("explore", "en", ("structural fund model",
                                                    "Probability: both targets")),
                                 ("region_forecast", "id", ("model dana struktural",
                                                            "keduanya sekaligus"))):
        out = tmp_path / f"{name}.ipynb"
        papermill.execute_notebook(
            str(notebooks / f"{name}.ipynb"), str(out),
            parameters={"data_dir": str(thailand), "n_paths": int(N), "lang": lang},
            kernel_name="python3", progress_bar=False, cwd=str(notebooks))
        text = json.dumps([c.get("outputs", []) for c in json.loads(out.read_text())["cells"]
                           if c["cell_type"] == "code"])
        for w in expected:
            assert w in text, (name, w)
        assert "No fund model" not in text and "Tidak ada model dana" not in text
