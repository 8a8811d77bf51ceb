"""Other schemes through ``--data-dir``: metric ids, regions and words of their own.

Every folder here is SYNTHETIC, written by the test: made-up numbers that describe no real
scheme. Each test names the shape it needs (a coverage metric not called ``coverage_pct``,
coverage only as a percentage, a top region not called ``national``).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from forecast.cli import main

SCHEME = '''[scheme]
name = {{ en = "Synthetic test scheme", id = "Skema uji sintetis" }}
top_region = "land"
levels = ["land", "district"]
currency = "EUR"

[units.people]
max = 2000000000
en = "people"
id = "jiwa"

[units.pct]
max = 100
en = "percent"
id = "persen"

[metrics.members]
unit = "people"
en = "Members"
id = "Anggota"

[metrics.residents]
unit = "people"
en = "Residents"
id = "Penduduk"

[metrics.cover]
unit = "pct"
en = "Resident coverage"
id = "Cakupan penduduk"
numerator = "members"
denominator = "residents"
ceiling = "residents"
denominators = [{denominators}]
'''


def write_scheme(folder: Path, observations, targets, *, denominators=("residents",),
                 regions=(("land", "Synthland", "land", ""),)) -> Path:
    """A SYNTHETIC data folder: ``observations`` and ``targets`` are rows (region, metric,
    date, value, denominator); units follow the metric; every source published early."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scheme.toml").write_text(SCHEME.format(
        denominators=", ".join(f'"{d}"' for d in denominators)), encoding="utf-8")
    unit = {"members": "people", "residents": "people", "cover": "pct"}

    def rows(name, header, body):
        with open(folder / name, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(body)

    rows("regions.csv", ["id", "name", "level", "parent", "bps_code"],
         [[i, n, lv, p, ""] for i, n, lv, p in regions])
    rows("sources.csv", ["id", "publisher", "title", "url", "published"],
         [["syn", "SYNTHETIC", "made-up test figures", "", "2000-01-01"]])
    head = ["region", "metric", "{}", "value", "unit", "source_id", "note", "denominator"]
    rows("observations.csv", [h.format("date") for h in head],
         [[r, m, d, v, unit[m], "syn", "SYNTHETIC", den] for r, m, d, v, den in observations])
    rows("targets.csv", [h.format("target_date") for h in head],
         [[r, m, d, v, unit[m], "syn", "SYNTHETIC", den] for r, m, d, v, den in targets])
    return folder


def _run_json(capsys, folder: Path, *extra) -> dict:
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300", "--format", "json",
                 *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_coverage_target_is_settled_on_its_own_base_whatever_the_metric_is_called(
        tmp_path, capsys):
    # Two bases of one coverage metric (not named coverage_pct): the year-end 2020 reading
    # is on 'adults' (95 %), so the 2020 target on 'residents' is not settled by it.
    obs = [("land", "cover", "2019-12-31", 70.0, "residents"),
           ("land", "cover", "2020-12-31", 95.0, "adults")]
    obs += [("land", "members", f"{y}-12-31", 1e6 + 1e5 * i, "")
            for i, y in enumerate(range(2014, 2024))]
    obs += [("land", "residents", f"{y}-12-31", 2e6, "") for y in range(2014, 2024)]
    folder = write_scheme(tmp_path / "d", obs,
                          [("land", "cover", "2020-12-31", 90.0, "residents")],
                          denominators=("residents", "adults"))
    out = _run_json(capsys, folder)
    (outcome,) = out["outcomes"]
    assert outcome["status"] == "not_in_data"
    assert outcome["latest"] == {"date": "2019-12-31", "value": 70.0, "source_id": "syn"}
    assert outcome["denominator"] == "residents"


def test_compare_defaults_to_the_schemes_top_region_and_its_units(tmp_path, capsys):
    obs = [("land", "members", f"{y}-12-31", 1e6 * (1 + 0.05 * i), "")
           for i, y in enumerate(range(2012, 2025))]
    obs += [("land", "residents", f"{y}-12-31", 3e6, "") for y in range(2012, 2025)]
    folder = write_scheme(tmp_path / "d", obs, [("land", "members", "2030-12-31", 2.5e6, "")])
    assert main(["compare", "--as-of", "2020", "2024", "--data-dir", str(folder),
                 "--n-paths", "200"]) == 0
    out = capsys.readouterr().out
    assert "Members >= 2.50M people by 2030-12-31" in out
