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
def test_the_region_notebook_on_another_scheme_names_no_shipped_scheme(tmp_path, lang):
    papermill = pytest.importorskip("papermill")
    out = tmp_path / "r.ipynb"
    papermill.execute_notebook(
        str(config.NOTEBOOKS_DIR / "region_forecast.ipynb"), str(out),
        parameters={"data_dir": str(_land(tmp_path / "d")), "n_paths": 200, "lang": lang,
                    "compare_as_of": ""},
        kernel_name="python3", progress_bar=False, cwd=str(config.NOTEBOOKS_DIR))
    cells = json.loads(out.read_text(encoding="utf-8"))["cells"]
    assert not [o for c in cells for o in c.get("outputs", []) if o["output_type"] == "error"]
    shown = notebook_text(out)
    assert not SHIPPED.search(shown), SHIPPED.search(shown)
    name = {"en": "Synthetic explore scheme", "id": "Skema uji sintetis"}[lang]
    for key in ("funds", "segments"):
        cell = next(c for c in cells if "".join(c["source"]).startswith(f'section("{key}"'))
        said = "".join(cell["outputs"][0]["data"]["text/markdown"])
        assert name in said and "`active_total`" in said, said
