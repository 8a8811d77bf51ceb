"""Leftovers of round 20: the notebooks' fund, segments and what-if sections name the scheme
they run on; the engine refuses fewer than ``MIN_N_PATHS`` paths; an old run of fewer paths
is refused by verify / resume with what to do.

The synthetic scheme is tests/test_explore_headings.py's (top region "Land", no segments,
no fund): every number is made up.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import notebook_text
from test_explore_headings import _land

from forecast import config
from forecast.notebookwords import section

#: The shipped scheme's words that another scheme's notebook must not show.
SHIPPED = re.compile(r"BPJS|Ketenagakerjaan|Indonesia|kanwil|Rp ?[0-9]", re.I)

#: A SYNTHETIC scheme with the fund model's and the segments' metrics (results.json form).
ACME = {"name": {"en": "Acme Provident Fund", "id": "Dana Provident Acme"},
        "metrics": {m: {} for m in ("fund_investment", "active_total", "contributions",
                                    "benefits_paid", "investment_income", "active_pu")}}


# ------------------------------------------------ 1. the scheme-specific notebook sections


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("key", ["funds", "segments", "what_if"])
def test_a_scheme_with_the_metrics_is_named_in_the_run_language(key, lang):
    shown = str(section(key, lang, ACME))
    assert ACME["name"][lang] in shown, shown
    assert not SHIPPED.search(shown), shown


@pytest.mark.parametrize("lang,name", [("en", "Synthetic explore scheme"),
                                       ("id", "Skema uji sintetis")])
@pytest.mark.parametrize("key", ["funds", "segments", "what_if"])
def test_a_scheme_without_them_is_told_what_it_lacks(tmp_path, key, lang, name):
    from forecast import data

    scheme = data.load_panel(_land(tmp_path / "d")).scheme
    shown = str(section(key, lang, scheme))
    assert shown.startswith(name) or f" {name} " in shown, shown
    assert "`active_total`" in shown and not SHIPPED.search(shown), shown
    # It does not say the scheme has what it lacks.
    assert not re.search(r"For the investment funds of|For the participants target of|"
                         r"Untuk dana investasi|Untuk target peserta", shown), shown


@pytest.mark.parametrize("lang,words", [
    ("en", "For the investment funds of BPJS Ketenagakerjaan (employment social security, "
           "Indonesia), besides"),
    ("id", "Untuk dana investasi BPJS Ketenagakerjaan, selain")])
def test_the_shipped_scheme_is_still_named(lang, words):
    from forecast import data

    assert str(section("funds", lang, data.load_panel().scheme)).startswith(words)
    assert str(section("funds", lang)).startswith(words)  # no scheme: the shipped one


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("notebook,keys", [("region_forecast", ("funds", "segments")),
                                           ("explore", ("what_if",))])
def test_a_notebook_on_another_scheme_names_no_shipped_scheme(tmp_path, notebook, keys,
                                                              lang):
    papermill = pytest.importorskip("papermill")
    out = tmp_path / "r.ipynb"
    extra = {"compare_as_of": ""} if notebook == "region_forecast" else {}
    papermill.execute_notebook(
        str(config.NOTEBOOKS_DIR / f"{notebook}.ipynb"), str(out),
        parameters={"data_dir": str(_land(tmp_path / "d")), "n_paths": 200, "lang": lang,
                    **extra},
        kernel_name="python3", progress_bar=False, cwd=str(config.NOTEBOOKS_DIR))
    cells = json.loads(out.read_text(encoding="utf-8"))["cells"]
    assert not [o for c in cells for o in c.get("outputs", []) if o["output_type"] == "error"]
    shown = notebook_text(out)
    assert not SHIPPED.search(shown), SHIPPED.search(shown)
    name = {"en": "Synthetic explore scheme", "id": "Skema uji sintetis"}[lang]
    for key in keys:
        cell = next(c for c in cells if "".join(c["source"]).startswith(f'section("{key}"'))
        said = "".join(cell["outputs"][0]["data"]["text/markdown"])
        assert name in said and "`active_total`" in said, said


# ------------------------------------------------------------ 2. the engine's path floor


def _growth():
    from forecast.series import Series

    return Series.from_years(list(range(2015, 2024)), [1e6 * 1.05 ** i for i in range(9)])


FLOOR = "n_paths: expected an integer from 100 to 1,000,000, found "


@pytest.mark.parametrize("n_paths", [1, 99])
def test_project_refuses_fewer_paths_than_a_run_takes(n_paths):
    # simulate.project(n_paths=1) returned a Projection whose "10-90 % band" was one path.
    from forecast.errors import ParameterError
    from forecast.simulate import project

    with pytest.raises(ParameterError) as caught:
        project(_growth(), ["linear"], horizon=2, n_paths=n_paths, seed=1)
    assert str(caught.value) == FLOOR + str(n_paths)
    assert project(_growth(), ["linear"], horizon=2, n_paths=100, seed=1).paths.shape[0] == 100


def _entry_points():
    """Every public function that draws a projection's paths (funds.simulate_funds aside),
    called with one path and nothing else it could stop at first."""
    from forecast import fund_backtest, national, regional, segments, trackrecord

    return {
        "regional.pooled_projection": lambda n: regional.pooled_projection(
            _growth(), _growth(), None, horizon=2, n_paths=n, seed=1),
        "segments.project_segments": lambda n: segments.project_segments(
            None, None, t_end=2026.0, models=["linear"], n_paths=n, seed=1),
        "fund_backtest.backtest": lambda n: fund_backtest.backtest(None, n_paths=n),
        "national.prepare": lambda n: national.prepare(
            None, n_paths=n, models=["linear"], project_total=None),
        "national.national_extras": lambda n: national.national_extras(None, "national",
                                                                       n_paths=n),
        "trackrecord.track_record": lambda n: trackrecord.track_record(
            None, "national", None, n_paths=n),
    }


@pytest.mark.parametrize("name", sorted(_entry_points()))
def test_every_entry_point_that_draws_paths_refuses_one_path_first(name):
    from forecast.errors import ParameterError

    with pytest.raises(ParameterError) as caught:
        _entry_points()[name](1)
    assert str(caught.value) == FLOOR + "1"


def test_the_bench_driver_refuses_accuracy_paths_below_the_floor(capsys):
    from benchmarks.run import main

    assert main(["--accuracy-paths", "10", "--section", "accuracy"]) == 2
    assert capsys.readouterr().err == (
        "bench: error: --accuracy-paths: expected an integer from 100 to 1,000,000, "
        "found 10\n")


def test_the_nowcast_benchmark_refuses_too_few_paths_in_one_line(capsys):
    # It passed --n-paths straight to the engine, which now refuses: a traceback.
    from benchmarks.nowcast import main

    assert main(["--n-paths", "10"]) == 2
    assert capsys.readouterr().err == (
        "nowcast: error: --n-paths: expected an integer from 100 to 1,000,000, found 10\n")


# -------------------------------------------------- 3. an old run of fewer than 100 paths


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    from conftest import pristine_run_folder

    return pristine_run_folder(tmp_path_factory.mktemp("s20run"))


def _old_run(pristine, tmp_path, n_paths=50):
    """A copy of a real run whose manifest says it was made with ``n_paths`` paths, as an
    older version allowed."""
    from conftest import copy_run

    runs = copy_run(pristine, tmp_path)
    path = runs / "r1" / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["parameters"]["n_paths"] = n_paths
    path.write_text(json.dumps(manifest), encoding="utf-8")
    return runs


@pytest.mark.parametrize("argv,doing", [(["verify", "r1"], "verified"),
                                        (["batch", "--resume", "r1"], "resumed"),
                                        (["compare", "r1", "r1"], "compared")])
def test_an_old_run_of_fewer_paths_says_what_it_has_needs_and_what_to_do(
        pristine, tmp_path, capsys, argv, doing):
    from conftest import one_line_error

    from forecast.cli import main

    runs = _old_run(pristine, tmp_path)
    assert main([argv[0], "--runs-dir", str(runs), *argv[1:]]) == 2
    err = one_line_error(capsys)
    data = json.loads((runs / "r1" / "manifest.json").read_text())["parameters"]["data_dir"]
    assert err == (
        f"forecast: error: {runs / 'r1' / 'manifest.json'}: field 'parameters.n_paths': "
        f"this run was made with 50 paths, but forecast {__import__('forecast').__version__} "
        f"needs at least 100 (a floor earlier versions did not have), so it cannot be "
        f"{doing}; make it again as a new run: forecast batch --data-dir {data} --runs-dir "
        f"{runs} --regions national --n-paths 100 --seed 5 --vintage published "
        f"--models linear --lang en\n")


def test_the_command_it_gives_is_one_the_batch_takes(pristine, tmp_path):
    import shlex

    from forecast.cli import build_parser
    from forecast.oldruns import rerun_command

    runs = _old_run(pristine, tmp_path, n_paths=1)
    manifest = json.loads((runs / "r1" / "manifest.json").read_text())
    manifest["parameters"].update(as_of="2022-12-31", vintage="date", track_record=False)
    words = shlex.split(rerun_command(manifest, runs / "r1"))
    args = build_parser().parse_args(words[1:])
    assert (args.n_paths, args.seed, args.as_of, args.vintage, args.models, args.regions,
            args.track_record) == (100, 5, "2022-12-31", "date", "linear", "national", False)
