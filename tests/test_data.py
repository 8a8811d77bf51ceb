"""Loading, validation, selection and vintages of a data directory."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from forecast import config
from forecast.data import load_panel, parse_as_of, select, summary
from forecast.vintage import vintage
from forecast.errors import DataError, ParameterError

from conftest import observation_rows, write_csv


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_tiny_data_loads(tiny_data_dir):
    panel = load_panel(tiny_data_dir)
    assert len(panel.observations) == len(observation_rows())
    assert panel.observations["date"].dtype.kind == "M"
    assert panel.observations["value"].dtype == float
    assert len(panel.data_hash) == 64


def test_select_keeps_year_end_only(tiny_data_dir):
    panel = load_panel(tiny_data_dir)
    s = select(panel, "national", "active_total")
    assert list(s.t) == list(range(2014, 2025))
    assert s.last_value == 45.2e6
    full = select(panel, "national", "active_total", annual=False)
    assert len(full) == len(s) + 1 and full.dates[-1] == "2025-10-31"


def test_as_of_cuts_data(tiny_data_dir):
    panel = load_panel(tiny_data_dir)
    s = select(panel, "national", "active_total", as_of=2023)
    assert s.dates[-1] == "2023-12-31" and s.last_value == 41.56e6
    v = vintage(panel, "2020-06-30", basis="date")
    assert v.observations["date"].max() <= pd.Timestamp("2020-06-30")
    assert len(v.targets) == len(panel.targets)


@pytest.mark.parametrize("text,expected", [
    (2023, "2023-12-31"), ("2023", "2023-12-31"), ("2023-10-31", "2023-10-31"), (None, None),
])
def test_parse_as_of(text, expected):
    got = parse_as_of(text)
    assert (got.strftime("%Y-%m-%d") if got is not None else None) == expected


@pytest.mark.parametrize("bad", ["23", "2023-13-01", "last year", "31/12/2023", True])
def test_parse_as_of_rejects(bad):
    with pytest.raises(ParameterError, match="as_of: expected a year"):
        parse_as_of(bad)


def test_summary_counts(tiny_data_dir):
    table = summary(load_panel(tiny_data_dir))
    row = table[(table.region == "national") & (table.metric == "active_total")].iloc[0]
    assert row.rows == 12 and row.year_end_rows == 11


def test_unknown_region_lists_choices(tiny_data_dir):
    panel = load_panel(tiny_data_dir)
    with pytest.raises(ParameterError, match="unknown region 'atlantis'; valid choices: "
                                             "national, kanwil-east"):
        select(panel, "atlantis", "active_total")
    with pytest.raises(ParameterError, match="unknown metric 'members'"):
        select(panel, "national", "members")


# --- the bad-input corpus of the loader: (file, mutation, pieces of the expected message) ---

def _set(file, row, column, value):
    def mutate(root: Path):
        rows = _rows(root / file)
        rows[row][column] = value
        write_csv(root / file, rows)
    return mutate


def _rename_column(file, old, new):
    def mutate(root: Path):
        text = (root / file).read_text(encoding="utf-8").split("\n", 1)
        (root / file).write_text(text[0].replace(old, new) + "\n" + text[1], encoding="utf-8")
    return mutate


def _duplicate_row(file, row):
    def mutate(root: Path):
        rows = _rows(root / file)
        write_csv(root / file, rows + [rows[row]])
    return mutate


def _write_bytes(file, data: bytes):
    def mutate(root: Path):
        (root / file).write_bytes(data)
    return mutate


def _delete(file):
    def mutate(root: Path):
        (root / file).unlink()
    return mutate


def _replace_with_folder(file):
    def mutate(root: Path):
        (root / file).unlink()
        (root / file).mkdir()
    return mutate


def _add_column(file):
    def mutate(root: Path):
        rows = _rows(root / file)
        for r in rows:
            r["comment"] = "x"
        write_csv(root / file, rows)
    return mutate


CORPUS = [
    ("missing column", _rename_column("observations.csv", ",note", ""),
     ["observations.csv:1", "missing column(s) note"]),
    ("misspelled column", _rename_column("observations.csv", "source_id", "sourceid"),
     ["observations.csv:1", "missing column(s) source_id", "unexpected column(s) sourceid"]),
    ("extra column", _add_column("targets.csv"), ["targets.csv:1", "unexpected column(s) comment"]),
    ("non-numeric value", _set("observations.csv", 0, "value", "n/a"),
     ["observations.csv:2", "column 'value'", "expected a number", "'n/a'"]),
    ("Indonesian thousands separator", _set("observations.csv", 0, "value", "17.000.000"),
     ["observations.csv:2", "thousands separators are not allowed", "'17.000.000'"]),
    ("decimal persons", _set("observations.csv", 0, "value", "1.001"),
     ["observations.csv:2", "whole number of persons", "'1.001'"]),
    ("empty value", _set("observations.csv", 3, "value", ""),
     ["observations.csv:5", "column 'value'", "empty cell"]),
    ("negative count", _set("observations.csv", 1, "value", "-5"),
     ["observations.csv:3", "value >= 0", "-5"]),
    ("date in the wrong format", _set("observations.csv", 2, "date", "31/12/2016"),
     ["observations.csv:4", "column 'date'", "ISO date YYYY-MM-DD", "'31/12/2016'"]),
    ("impossible date", _set("targets.csv", 0, "target_date", "2026-02-30"),
     ["targets.csv:2", "column 'target_date'", "'2026-02-30'"]),
    ("unknown region", _set("observations.csv", 0, "region", "atlantis"),
     ["observations.csv:2", "column 'region'", "unknown region 'atlantis'", "national"]),
    ("unknown metric", _set("observations.csv", 0, "metric", "members"),
     ["observations.csv:2", "unknown metric 'members'", "active_total"]),
    ("unknown unit", _set("observations.csv", 0, "unit", "people"),
     ["observations.csv:2", "unknown unit 'people'", "persons"]),
    ("unit not the metric's", _set("observations.csv", 0, "unit", "IDR_trillion"),
     ["observations.csv:2", "column 'unit'", "measured in 'persons'", "'IDR_trillion'"]),
    ("unknown source", _set("targets.csv", 1, "source_id", "nowhere"),
     ["targets.csv:3", "column 'source_id'", "sources.csv", "'nowhere'"]),
    ("duplicate observation", _duplicate_row("observations.csv", 0),
     ["observations.csv:", "duplicate row", "region=national", "metric=active_total",
      "found another on line 2"]),
    ("duplicate region id", _duplicate_row("regions.csv", 1),
     ["regions.csv:5", "duplicate row", "id=kanwil-east"]),
    ("region id with path characters", _set("regions.csv", 2, "id", "../../etc"),
     ["regions.csv:4", "lowercase slug", "'../../etc'"]),
    ("region id with spaces", _set("regions.csv", 2, "id", "east province"),
     ["regions.csv:4", "lowercase slug", "'east province'"]),
    ("unknown parent", _set("regions.csv", 2, "parent", "kanwil-west"),
     ["regions.csv:4", "column 'parent'", "'kanwil-west'"]),
    ("unknown level", _set("regions.csv", 2, "level", "district"),
     ["regions.csv:4", "unknown region level 'district'", "province"]),
    ("bad BPS code", _set("regions.csv", 2, "bps_code", "5"),
     ["regions.csv:4", "2 or 4-digit region code", "'5'"]),
    ("not UTF-8", _write_bytes("sources.csv",
                               "id,publisher,title,url,published\nx,Badan,Laporan \u00e9,,\n"
                               .encode("latin-1")),
     ["sources.csv:2", "expected UTF-8", "0xe9"]),
    ("empty file", _write_bytes("targets.csv", b""), ["targets.csv", "file is empty"]),
    ("header only", _write_bytes("targets.csv",
                                 b"region,metric,target_date,value,unit,source_id,note\n"),
     ["targets.csv", "no data rows"]),
    ("missing file", _delete("regions.csv"), ["regions.csv", "file not found"]),
    ("region id with typst/markdown characters", _set("regions.csv", 2, "id", "bali#[x]*"),
     ["regions.csv:4", "lowercase slug", "'bali#[x]*'"]),
    ("unreadable file (a folder)", _replace_with_folder("sources.csv"),
     ["sources.csv", "cannot be read"]),
    ("target in the wrong unit", _set("targets.csv", 0, "unit", "percent"),
     ["targets.csv:2", "column 'unit'", "measured in 'persons'", "'percent'"]),
]


@pytest.mark.parametrize("name,mutate,pieces", CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_input_corpus(tiny_data_dir, name, mutate, pieces):
    mutate(tiny_data_dir)
    with pytest.raises(DataError) as info:
        load_panel(tiny_data_dir)
    message = str(info.value)
    assert "\n" not in message, "an error is one line"
    for piece in pieces:
        assert piece in message, f"{name}: {piece!r} not in {message!r}"


def test_missing_directory(tmp_path):
    with pytest.raises(DataError, match="data directory not found"):
        load_panel(tmp_path / "nope")


def test_shipped_data_is_valid():
    """The shipped data/ loads, and its headline series are where the README says."""
    panel = load_panel(config.DATA_DIR)
    active = select(panel, "national", "active_total")
    assert len(active) >= 9
    assert active.values[np.isclose(active.t, 2023)][0] == 41_560_000
    funds = select(panel, "national", "fund_investment")
    assert len(funds) >= 8
    t = panel.targets
    head = t[(t.region == "national") & (t.target_date == pd.Timestamp("2026-12-31"))]
    assert head.set_index("metric").loc["active_total", "value"] == 70_000_000
    assert head.set_index("metric").loc["fund_investment", "value"] == 1001
    provinces = panel.regions[panel.regions.level == "province"]
    assert len(provinces) == 38
    assert set(provinces.parent) <= set(panel.regions.id[panel.regions.level == "kanwil"])


def test_select_with_nothing_to_select_is_an_empty_series(tiny_data_dir):
    # No row of the metric for the region (and none before as_of): an empty Series, never
    # a KeyError from pandas selecting columns with an empty list.
    panel = load_panel(tiny_data_dir)
    assert len(select(panel, "east-province", "fund_investment")) == 0
    assert len(select(panel, "national", "active_total", as_of=2010)) == 0
