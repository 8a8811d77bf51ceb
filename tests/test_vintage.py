"""Vintages: what was known at a date (publication cut) against the values of that date."""

from __future__ import annotations

import pandas as pd
import pytest

from forecast.data import load_panel
from forecast.datafile import published_end
from forecast.vintage import vintage
from forecast.errors import DataError, ParameterError

from conftest import SOURCES, TARGETS, make_data_dir, observation_rows, write_csv


@pytest.mark.parametrize("text,expected", [
    ("2024-01-30", "2024-01-30"), ("2024-02", "2024-02-29"), ("2023", "2023-12-31"),
    ("", None), ("2023-13", None), ("May 2023", None),
])
def test_published_end(text, expected):
    got = published_end(text)
    assert (got.strftime("%Y-%m-%d") if got is not None else None) == expected


def _panel(tmp_path, sources, targets=TARGETS, observations=None):
    root = make_data_dir(tmp_path / "d")
    write_csv(root / "sources.csv", sources)
    write_csv(root / "targets.csv", targets)
    if observations is not None:
        write_csv(root / "observations.csv", observations)
    return load_panel(root)


def test_publication_cut_on_a_tiny_panel(tmp_path):
    # src-a published in a month (known from its last day), src-b with no date at all.
    sources = [dict(SOURCES[0], published="2023-12"), dict(SOURCES[1], published="")]
    late = dict(SOURCES[0], id="src-late", published="2024")
    targets = TARGETS + [dict(TARGETS[0], target_date="2030-12-31", source_id="src-late"),
                         dict(TARGETS[0], target_date="2031-12-31", source_id="src-b")]
    obs = observation_rows() + [dict(observation_rows()[0], date="2012-12-31",
                                     source_id="src-late")]
    panel = _panel(tmp_path, sources + [late], targets, obs)

    known = vintage(panel, 2023)
    years = sorted(d.year for d in known.observations.loc[
        (known.observations.metric == "active_total")
        & (known.observations.region == "national"), "date"])
    # 2012 is dated before the cut but published in 2024; 2014-2023 are known by Dec 2023.
    assert years == list(range(2014, 2024))
    # The working population (src-b, no publication date) counts from its own date.
    assert known.observations.loc[known.observations.metric == "working_population",
                                  "date"].max() == pd.Timestamp("2023-08-31")
    assert sorted(known.targets.target_date.dt.year) == [2026, 2026, 2026]

    dated = vintage(panel, 2023, basis="date")
    assert len(dated.targets) == len(panel.targets)
    assert pd.Timestamp("2012-12-31") in set(dated.observations.date)
    assert vintage(panel, "2023-11-30").targets.empty  # src-a not surely out before Dec 31


def test_vintage_rejects_a_basis(tiny_data_dir):
    with pytest.raises(ParameterError, match="basis: expected one of published, date"):
        vintage(load_panel(tiny_data_dir), 2023, basis="stated")


def test_sources_published_must_be_a_date(tmp_path):
    with pytest.raises(DataError, match=r"sources.csv:2: column 'published': expected a date "
                                        r"YYYY-MM-DD, YYYY-MM or YYYY"):
        _panel(tmp_path, [dict(SOURCES[0], published="Jan 2024"), SOURCES[1]])


# The shipped data as of end-2023. Oracles are read off data/sources.csv by hand: the
# date each target's source was published, and the year-end observations' sources.
NATIONAL_TARGETS_KNOWN_2023 = [
    ("active_bpu", 2019), ("active_pu", 2019),
    ("active_total", 2014), ("active_total", 2015), ("active_total", 2016),
    ("active_total", 2017), ("active_total", 2018), ("active_total", 2021),
    ("active_total", 2026),
    ("contributions", 2016), ("contributions", 2017), ("contributions", 2020),
    ("coverage_pct", 2018), ("coverage_pct", 2021), ("coverage_pct", 2024),
    ("fund_investment", 2014), ("fund_investment", 2015), ("fund_investment", 2017),
    ("fund_investment", 2018), ("fund_investment", 2019), ("fund_investment", 2020),
    ("fund_investment", 2021), ("fund_investment", 2026),
    ("investment_income", 2015), ("investment_income", 2017), ("investment_income", 2021),
    ("registered_total", 2019),
]
# Stated after 2023: 53.86M and Rp812.66T for 2024 (Apr and mid-2024), 43.92M and
# Rp695.29T for 2023 (2024 articles), 57.55M for 2025 (Jul 2025), Rp55T investment income
# for 2024 (Nov 2024), the UCJ coverage targets for 2025-2045 (May 2025).
NATIONAL_TARGETS_LATER = [
    ("active_total", 2023), ("active_total", 2024), ("active_total", 2025),
    ("coverage_pct", 2025), ("coverage_pct", 2026), ("coverage_pct", 2029),
    ("coverage_pct", 2045), ("fund_investment", 2023), ("fund_investment", 2024),
    ("investment_income", 2024),
]


def _national_targets(panel):
    t = panel.targets[panel.targets.region == "national"]
    return sorted(zip(t.metric, t.target_date.dt.year))


def _year_ends(panel, metric):
    o = panel.observations
    o = o[(o.region == "national") & (o.metric == metric)
          & (o.date.dt.month == 12) & (o.date.dt.day == 31)]
    return {d.year: v for d, v in zip(o.date, o.value)}


def test_shipped_targets_as_of_2023():
    panel = load_panel()
    assert _national_targets(vintage(panel, 2023)) == sorted(NATIONAL_TARGETS_KNOWN_2023)
    assert _national_targets(vintage(panel, 2023, basis="date")) == sorted(
        NATIONAL_TARGETS_KNOWN_2023 + NATIONAL_TARGETS_LATER)


def test_shipped_observations_as_of_2023():
    panel = load_panel()
    known, dated = vintage(panel, 2023), vintage(panel, 2023, basis="date")
    # End-2023 participants (41.56M) and funds (Rp712.3T) were published in 2024; the
    # end-2022 participants kept in the file (35.86M) come from a Jul 2025 article.
    assert sorted(_year_ends(known, "active_total")) == [2014, 2016, 2017, 2018, 2019, 2020,
                                                         2021]
    assert sorted(_year_ends(dated, "active_total")) == [2014, 2016, 2017, 2018, 2019, 2020,
                                                         2021, 2022, 2023]
    assert _year_ends(dated, "active_total")[2023] == 41.56e6
    assert max(_year_ends(known, "fund_investment")) == 2022
    assert _year_ends(dated, "fund_investment")[2023] == 712.3
    # The latest readings known at the end of 2023 are the Oct 2023 ones (published Oct 2023).
    o = known.observations
    last = o[(o.region == "national") & (o.metric == "active_total")].iloc[-1]
    assert (last.date, last.value) == (pd.Timestamp("2023-10-31"), 40.2e6)


def test_run_as_known_at_end_2023_assesses_only_what_was_stated():
    from forecast.results import run_region

    res = run_region(load_panel(), "national", as_of=2023, n_paths=300,
                     models=["linear", "exponential"], backtest_k=0, vintage_basis="published")
    assessed = sorted((t["metric"], t["target_date"][:4]) for t in res["targets"])
    assert ("active_total", "2024") not in assessed and ("fund_investment", "2024") not in assessed
    assert {("active_total", "2026"), ("fund_investment", "2026")} <= set(assessed)
    by = {(t["metric"], t["target_date"][:4]): t for t in res["targets"]}
    # The projections start from the latest readings known (forecast.nowcast): Oct 2023.
    assert by[("active_total", "2026")]["last_observed"] == {"date": "2023-10-31",
                                                              "value": 40.2e6}
    assert by[("active_total", "2026")]["history"][-1]["date"] == "2021-12-31"
    assert by[("fund_investment", "2026")]["last_observed"] == {"date": "2023-10-31",
                                                                 "value": 688.0}


def test_a_vintage_before_every_target_says_they_were_stated_later(tiny_data_dir, capsys):
    # The tiny data's one source was published in 2024: as known at the end of 2023, no
    # target had been stated. The run must say so, not "no targets in targets.csv".
    from forecast.cli import main
    from forecast.report.build import region_document
    from forecast.results import run_region

    res = run_region(load_panel(tiny_data_dir), "national", as_of=2023, n_paths=200,
                     models=["linear"], backtest_k=0)
    n_targets = sum(1 for r in TARGETS if r["region"] == "national")
    assert res["targets"] == [] and res["targets_stated_later"] == n_targets
    assert main(["run", "--data-dir", str(tiny_data_dir), "--as-of", "2023", "--n-paths",
                 "200", "--models", "linear"]) == 0
    out = capsys.readouterr().out
    assert (f"No target of this region had been stated by 2023-12-31 ({n_targets} stated "
            "later; `--vintage date` counts them).") in out
    assert "no targets in targets.csv" not in out
    doc = region_document(res, {}, "id", [], [])
    assert doc["no_targets"] == (
        "Belum ada target wilayah ini yang dinyatakan hingga 31 Desember 2023; "
        f"{n_targets} target dinyatakan kemudian (perhitungan dengan nilai kapan pun "
        "diterbitkan menyertakannya).")
