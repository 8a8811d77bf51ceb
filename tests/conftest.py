"""Shared fixtures: a tiny, valid data directory built in a temporary folder."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

REGIONS = [
    {"id": "national", "name": "Testland", "level": "national", "parent": "", "bps_code": "00"},
    {"id": "kanwil-east", "name": "East office", "level": "kanwil", "parent": "national",
     "bps_code": ""},
    {"id": "east-province", "name": "East Province", "level": "province",
     "parent": "kanwil-east", "bps_code": "51"},
]
SOURCES = [
    {"id": "src-a", "publisher": "Agency", "title": "Annual report", "url": "https://example.org/a",
     "published": "2024-01-31"},
    {"id": "src-b", "publisher": "Statistics office", "title": "Labour force survey", "url": "",
     "published": ""},
]
# Active participants growing ~9 %/yr with noise, a working population growing 2 %/yr.
ACTIVE = {2014: 17.0e6, 2015: 18.9e6, 2016: 22.6e6, 2017: 26.2e6, 2018: 30.5e6, 2019: 34.2e6,
          2020: 30.0e6, 2021: 30.7e6, 2022: 35.9e6, 2023: 41.56e6, 2024: 45.2e6}
FUNDS = {2015: 206.0, 2016: 261.2, 2017: 317.0, 2018: 365.0, 2019: 431.7, 2020: 486.4,
         2021: 553.5, 2022: 627.7, 2023: 712.3}
WORKING = {y: round(114.8e6 * 1.025 ** (y - 2015)) for y in range(2015, 2026)}


def observation_rows() -> list[dict]:
    rows = []
    for y, v in ACTIVE.items():
        rows.append({"region": "national", "metric": "active_total", "date": f"{y}-12-31",
                     "value": f"{v:.0f}", "unit": "persons", "source_id": "src-a", "note": ""})
    rows.append({"region": "national", "metric": "active_total", "date": "2025-10-31",
                 "value": "42700000", "unit": "persons", "source_id": "src-a",
                 "note": "end of Oct 2025 reading"})
    for y, v in FUNDS.items():
        rows.append({"region": "national", "metric": "fund_investment", "date": f"{y}-12-31",
                     "value": f"{v}", "unit": "IDR_trillion", "source_id": "src-a", "note": ""})
    for y, v in WORKING.items():
        rows.append({"region": "national", "metric": "working_population",
                     "date": f"{y}-08-31", "value": f"{v}", "unit": "persons",
                     "source_id": "src-b", "note": "Aug survey"})
    rows.append({"region": "east-province", "metric": "active_total", "date": "2023-12-31",
                 "value": "900000", "unit": "persons", "source_id": "src-a", "note": ""})
    return rows


TARGETS = [
    {"region": "national", "metric": "active_total", "target_date": "2026-12-31",
     "value": "70000000", "unit": "persons", "source_id": "src-a", "note": "headline"},
    {"region": "national", "metric": "fund_investment", "target_date": "2026-12-31",
     "value": "1001", "unit": "IDR_trillion", "source_id": "src-a", "note": ""},
    {"region": "east-province", "metric": "active_total", "target_date": "2026-12-31",
     "value": "1500000", "unit": "persons", "source_id": "src-a", "note": ""},
]


def write_csv(path: Path, rows: list[dict], columns: list[str] | None = None) -> None:
    columns = columns or list(rows[0])
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def make_data_dir(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    write_csv(root / "regions.csv", REGIONS)
    write_csv(root / "sources.csv", SOURCES)
    write_csv(root / "observations.csv", observation_rows())
    write_csv(root / "targets.csv", TARGETS)
    return root


@pytest.fixture
def tiny_data_dir(tmp_path: Path) -> Path:
    """A valid data directory with a national history and one sparse province."""
    return make_data_dir(tmp_path / "data")


@pytest.fixture(autouse=True)
def _fresh_fit_cache():
    """Each test fits from scratch: a test may patch a library's fit."""
    from forecast.models.base import clear_fit_cache

    clear_fit_cache()
    yield


#: The head of a SYNTHETIC scheme.toml for another scheme's tests: top region 'land',
#: people (up to 1e10) and percent units; each test file adds its levels and metrics.
SYNTHETIC_SCHEME_HEAD = '''# SYNTHETIC test scheme: every number is made up
[scheme]
name = {{ en = "Synthetic {what} scheme", id = "Skema uji sintetis" }}
top_region = "land"
levels = ["land", "{level}"]
currency = "EUR"

[units.people]
max = 10000000000
en = "people"
id = "jiwa"

[units.pct]
max = 100
en = "percent"
id = "persen"
'''


#: Members, a population and coverage as members over it (the population its ceiling): the
#: metrics of a SYNTHETIC health-insurance-like scheme, after SYNTHETIC_SCHEME_HEAD.
SYNTHETIC_COVERAGE_METRICS = '''[metrics.members]
unit = "people"
en = "Members"
id = "Anggota"

[metrics.pop]
unit = "people"
en = "Population"
id = "Penduduk"

[metrics.cov]
unit = "pct"
en = "Coverage"
id = "Cakupan"
numerator = "members"
denominator = "pop"
ceiling = "pop"
denominators = ["pop"]
'''


def write_rows(folder: Path, scheme_toml: str, regions, units: dict, observations,
               targets, coverage: str = "cov", base: str = "pop") -> Path:
    """:func:`write_scheme_folder` from short rows (region, metric, date, value): the unit
    from ``units``, and ``coverage`` readings and targets on the ``base`` denominator."""
    def row(r, m, d, v):
        if units[m] == "people" and isinstance(v, float):  # people are counted whole
            v = round(v)  # 1e6 * 1.09 ** 2 is 1188100.0000000002, refused as a count
        return (r, m, d, v, units[m], base if m == coverage else "")

    return write_scheme_folder(folder, scheme_toml, regions, [row(*o) for o in observations],
                               [row(*t) for t in targets])


def year_ends(region, metric, values, first):
    """(region, metric, date, value) rows of ``values`` at the year-ends from ``first``."""
    return [(region, metric, f"{first + i}-12-31", v) for i, v in enumerate(values)]


def write_scheme_folder(folder: Path, scheme_toml: str, regions, observations,
                        targets) -> Path:
    """A SYNTHETIC data folder for ``--data-dir``: ``regions`` are (id, name, level, parent),
    ``observations`` and ``targets`` (region, metric, date, value, unit, denominator) rows,
    written in the given order from line 2; one source, published early. Returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scheme.toml").write_text(scheme_toml, encoding="utf-8")

    def rows(name, header, body):
        with open(folder / name, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(body)

    rows("regions.csv", ["id", "name", "level", "parent", "bps_code"],
         [[i, n, lv, p, ""] for i, n, lv, p in regions])
    rows("sources.csv", ["id", "publisher", "title", "url", "published"],
         [["syn", "SYNTHETIC", "made-up test figures", "", "2000-01-01"]])
    head = ["region", "metric", "{}", "value", "unit", "source_id", "note", "denominator"]
    for name, date, body in (("observations.csv", "date", observations),
                             ("targets.csv", "target_date", targets)):
        rows(name, [h.format(date) for h in head],
             [[r, m, d, v, u, "syn", "SYNTHETIC", den] for r, m, d, v, u, den in body])
    return folder


@pytest.fixture(scope="session")
def shipped_national(tmp_path_factory) -> dict:
    """The shipped data's national run with all data (300 paths), as results.json: one run
    for every test that reads its words, tables or charts (treat it as read-only)."""
    import json

    from forecast.cli import main

    out = tmp_path_factory.mktemp("shipped-national") / "results.json"
    assert main(["run", "--region", "national", "--n-paths", "300", "--format", "json",
                 "--output", str(out)]) == 0
    return json.loads(out.read_text())


def notebook_text(path) -> str:
    """What a reader of an executed notebook sees: markdown, HTML without its tags, and
    plain text where there is nothing richer (no images)."""
    import json
    import re

    out = []
    for cell in json.loads(Path(path).read_text())["cells"]:
        for o in cell.get("outputs", []):
            d = o.get("data", {})
            if "text/markdown" in d:
                out.append("".join(d["text/markdown"]))
            elif "text/html" in d:
                text = re.sub(r"<style.*?</style>", "", "".join(d["text/html"]), flags=re.S)
                out.append(re.sub(r"<[^>]+>", " ", text))
            elif "text/plain" in d and "image/png" not in d:
                out.append("".join(d["text/plain"]))
    return "\n".join(out)


def pristine_run_folder(base: Path) -> Path:
    """A run folder as ``forecast batch`` leaves it (the tiny folder's top region, 100
    paths, one model), without a batch: the hostile rounds damage copies of it."""
    import json

    from forecast.data import load_panel
    from forecast.results import run_region, write_json

    panel = load_panel(make_data_dir(base / "data"))
    run_dir = base / "runs" / "r1"
    write_json(run_region(panel, "national", n_paths=100, seed=5, models=["linear"]),
               run_dir / "national" / "results.json")
    manifest = {"run_id": "r1", "created": "2026-11-29T12:00:00+00:00",
                "data_hash": panel.data_hash,
                "parameters": {"as_of": "", "vintage": "published", "n_paths": 100, "seed": 5,
                               "models": "linear", "lang": "en",
                               "data_dir": str(base / "data")},
                "regions": ["national"], "status": {"national": {"status": "ok"}}}
    (run_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return run_dir


def copy_run(pristine: Path, tmp_path: Path) -> Path:
    """A copy of :func:`pristine_run_folder`'s run under ``tmp_path/runs``; returns that."""
    import shutil

    runs = tmp_path / "runs"
    shutil.copytree(pristine, runs / "r1")
    return runs


def one_line_error(capsys) -> str:
    """The command's standard error, checked to be one ``forecast: error:`` line and no
    traceback (the hostile rounds' rule for bad input)."""
    err = capsys.readouterr().err
    assert err.startswith("forecast: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def edit_results(runs: Path, edit) -> Path:
    """Apply ``edit(results)`` to the national ``results.json`` of :func:`copy_run`'s run
    under ``runs`` and write it back; returns its path."""
    import json

    path = runs / "r1" / "national" / "results.json"
    results = json.loads(path.read_text(encoding="utf-8"))
    edit(results)
    path.write_text(json.dumps(results), encoding="utf-8")
    return path
