"""The explore notebook's headings and its top region's line, on the shipped scheme and on a
SYNTHETIC other one (top region "Land", level "land", no segments, no fund).

The headings said "The national picture", "Segments: who delivers the workers target" and
"Funds: ..." whatever the data folder: a scheme whose top region is no nation, with no
segments or fund, read "Gambaran nasional" above its own region's table.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import (SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, notebook_text,
                      write_rows, year_ends)

from forecast import config, tables
from forecast.explorewords import top_section
from forecast.notebookwords import HEADINGS, ORDER

#: Words of the shipped scheme that another scheme's headings must not carry.
SHIPPED_ONLY = re.compile(r"national|nasional|workers|pekerja|BPJS", re.I)

UNITS = {"members": "people", "pop": "people", "cov": "pct"}


def _land(folder, name="Land"):
    """A SYNTHETIC scheme: the top region Land (level 'land') and one county under it;
    members, population and coverage, no segments and no fund."""
    members = [1_000_000 + 40_000 * i for i in range(10)]
    pop = [4_000_000 + 10_000 * i for i in range(10)]
    obs = (year_ends("land", "members", members, 2015) + year_ends("land", "pop", pop, 2015)
           + year_ends("north", "members", [m // 3 for m in members], 2015))
    return write_rows(folder, SYNTHETIC_SCHEME_HEAD.format(what="explore", level="county")
                      + SYNTHETIC_COVERAGE_METRICS,
                      [("land", name, "land", ""), ("north", "North", "county", "land")],
                      UNITS, obs, [("land", "members", "2030-12-31", 2_000_000)])


@pytest.fixture(scope="module")
def land_run(tmp_path_factory) -> dict:
    from forecast import data, results

    panel = data.load_panel(_land(tmp_path_factory.mktemp("land") / "d"))
    return results.run_region(panel, panel.scheme.top_region, n_paths=200, seed=7)


@pytest.mark.parametrize("name", ["explore", "region_forecast"])
def test_no_heading_assumes_the_shipped_scheme(name):
    # The heading cells are static, the same for every data folder: they name what a
    # section is, never the shipped scheme's national level, workers or agency.
    for key in ORDER[name]:
        for half in HEADINGS[key]:
            assert not SHIPPED_ONLY.search(half), (name, key, half)


@pytest.mark.parametrize("lang,line", [
    ("en", "Land, the top region: every target due after its last observation"),
    ("id", "Land, wilayah teratas: setiap target yang jatuh tempo setelah")])
def test_the_top_region_of_another_scheme_is_named_as_the_scheme_names_it(
        land_run, lang, line):
    shown = str(top_section(land_run, lang))
    assert shown.startswith(line), shown
    assert not SHIPPED_ONLY.search(shown), shown
    html = top_section(land_run, lang)._repr_html_()
    assert html.startswith('<p class="tex2jax_ignore"><strong>Land, ')
    # The cells under the segments and fund headings say what this folder lacks, naming
    # Land (in the notebook's language).
    for table in (tables.segments_table, tables.funds_summary_table):
        said = str(table(land_run, lang))
        assert said.startswith({"en": "No ", "id": "Tidak ada "}[lang]), said
        assert "Land" in said, said


@pytest.mark.parametrize("lang,line", [("en", "Indonesia, the national run: every target"),
                                       ("id", "Indonesia, run nasional: setiap target")])
def test_the_shipped_top_region_is_still_the_national_run(shipped_national, lang, line):
    assert str(top_section(shipped_national, lang)).startswith(line)


def test_a_region_name_is_shown_as_written_not_as_markup():
    run = {"region": "land", "region_name": "<b>Land</b> & *Co*",
           "scheme": {"top_region": "land", "levels": ["land"]}}
    html = top_section(run, "en")._repr_html_()
    assert "<strong>&lt;b&gt;Land&lt;/b&gt; &amp; *Co*, the top region</strong>" in html


def test_results_without_a_scheme_keep_the_national_words():
    # results.json written before scheme files: the shipped scheme's words.
    assert str(top_section({"region": "national", "region_name": "Indonesia"}, "en")
               ).startswith("Indonesia, the national run: ")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_explore_notebook_on_another_scheme_names_its_top_region(tmp_path, lang):
    papermill = pytest.importorskip("papermill")
    out = tmp_path / "e.ipynb"
    papermill.execute_notebook(
        str(config.NOTEBOOKS_DIR / "explore.ipynb"), str(out),
        parameters={"data_dir": str(_land(tmp_path / "d")), "n_paths": 200, "lang": lang},
        kernel_name="python3", progress_bar=False, cwd=str(config.NOTEBOOKS_DIR))
    cells = json.loads(out.read_text(encoding="utf-8"))["cells"]
    assert not [o for c in cells for o in c.get("outputs", []) if o["output_type"] == "error"]
    headings = [c for c in cells if "heading" in c["metadata"].get("tags", [])]
    assert not SHIPPED_ONLY.search(" ".join("".join(c["source"]) for c in headings))
    # The line right below the first heading names Land.
    line = cells[cells.index(headings[0]) + 1]
    assert "".join(line["source"]) == "top_section(run, lang)"
    assert "".join(line["outputs"][0]["data"]["text/html"]).startswith(
        '<p class="tex2jax_ignore"><strong>'
        + {"en": "Land, the top region</strong>: every target",
           "id": "Land, wilayah teratas</strong>: setiap target"}[lang])
    assert "Land" in notebook_text(out)
