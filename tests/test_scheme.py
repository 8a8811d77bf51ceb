"""The scheme description (scheme.toml), forecast init, and the loading rules of issue 15."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from forecast import config
from forecast.cli import main
from forecast.data import load_panel, select
from forecast.datacheck import data_warnings
from forecast.errors import DataError
from forecast.scheme import SCHEME_FILE, default_scheme, load_scheme
from forecast.series import year_end_of

EXAMPLE = Path(__file__).parent / "data" / "example_scheme"


@pytest.fixture
def example(tmp_path) -> Path:
    """A writable copy of the fictional example scheme folder."""
    out = tmp_path / "example"
    shutil.copytree(EXAMPLE, out)
    return out


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---------------------------------------------------------------------------- the file


def test_shipped_scheme_file_says_what_the_defaults_say():
    shipped = load_scheme(config.DATA_DIR)
    assert shipped.path is not None and shipped.path.name == SCHEME_FILE
    assert shipped == default_scheme()
    # The values the issue names, against config's constants (not the module's own output).
    assert shipped.top_region == "national"
    assert shipped.levels == ("national", "kanwil", "province", "regency")
    cov = shipped.metrics["coverage_pct"]
    assert (cov.numerator, cov.denominator, cov.ceiling) == (
        "active_total", "working_population", "working_population")
    assert shipped.date_windows == config.DATE_WINDOWS
    assert shipped.year_end_tolerance_days == 7


def test_a_folder_without_scheme_file_keeps_the_defaults(tiny_data_dir):
    assert not (tiny_data_dir / SCHEME_FILE).exists()
    panel = load_panel(tiny_data_dir)
    assert panel.scheme == default_scheme() and panel.scheme.path is None


def test_example_scheme_is_read_with_its_own_words(example):
    panel = load_panel(example)
    s = panel.scheme
    assert s.top_region == "northland" and s.levels == ("country", "county", "municipality")
    assert s.currency == "EUR" and s.label("members", "id") == "Anggota terdaftar"
    assert s.ceiling_of("members") == "residents"  # from the coverage metric's ceiling
    assert s.projected_metrics == ("members",)


BAD_SCHEMES = [
    ("unknown top key", ("[scheme]", "[schema]\nx = 1\n[scheme]"), ["top level", "schema"]),
    ("name without id", (', id = "Jaminan Kesehatan Northland (skema fiktif uji)" ', " "),
     ["scheme.name.id"]),
    ("top region not a slug", ('top_region = "northland"', 'top_region = "North Land"'),
     ["scheme.top_region", "'North Land'"]),
    ("top region not in regions.csv", ('top_region = "northland"', 'top_region = "southland"'),
     ["regions.csv", "'southland'", "scheme.top_region"]),
    ("level unknown to the scheme", ('"country", "county", "municipality"',
                                     '"country", "county"'),
     ["regions.csv:5", "unknown region level 'municipality'"]),
    ("numerator unknown", ('numerator = "members"', 'numerator = "insured"'),
     ["metrics.coverage_rate.numerator", "'insured'"]),
    ("coverage without ceiling", ('ceiling = "residents"\n', ""),
     ["metrics.coverage_rate", "missing ceiling"]),
    ("coverage not a share", ('unit = "share"', 'unit = "people"'),
     ["metrics.coverage_rate.unit", "max = 100"]),
    ("numerator not a count", ('numerator = "members"', 'numerator = "coverage_rate"'),
     ["metrics.coverage_rate.numerator", "count"]),
    ("denominator in another unit", ('denominator = "residents"',
                                     'denominator = "reserve_fund"'),
     ["metrics.coverage_rate.denominator", "'people'"]),
    ("tolerance too large", ("year_end_tolerance_days = 7", "year_end_tolerance_days = 40"),
     ["scheme.year_end_tolerance_days", "0 to 31", "40"]),
    ("currency not ISO", ('currency = "EUR"', 'currency = "euro"'),
     ["scheme.currency", "ISO 4217"]),
    ("not TOML", ("[scheme]", "[scheme"), ["not valid TOML"]),
    ("metric unit unknown", ('unit = "EUR_million"\nen', 'unit = "EUR"\nen'),
     ["metrics.reserve_fund.unit", "'EUR'"]),
    ("name in a language of no report", ('name = { en = ', 'name = { fr = "x", en = '),
     ["scheme.name: unknown key(s) fr", "valid keys: en, id"]),
    ("whole level unknown", ('currency = "EUR"', 'whole_levels = ["state"]\ncurrency = "EUR"'),
     ["scheme.whole_levels", "county, municipality", "['state']"]),
    ("whole level the top", ('currency = "EUR"', 'whole_levels = ["country"]\ncurrency = "EUR"'),
     ["scheme.whole_levels", "below the top", "['country']"]),
    ("whole levels not a list", ('currency = "EUR"', 'whole_levels = "county"\ncurrency = "EUR"'),
     ["scheme.whole_levels", "'county'"]),
]


@pytest.mark.parametrize("name,change,pieces", BAD_SCHEMES, ids=[b[0] for b in BAD_SCHEMES])
def test_bad_scheme_is_one_line_naming_file_and_key(example, capsys, name, change, pieces):
    _edit(example, SCHEME_FILE, *change)
    with pytest.raises(DataError) as info:
        load_panel(example)
    message = str(info.value)
    assert "\n" not in message
    assert SCHEME_FILE in message or "regions.csv" in message
    for piece in pieces:
        assert piece in message, f"{piece!r} not in {message!r}"
    assert main(["data", "check", "--data-dir", str(example)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_coverage_above_100_is_refused(example):
    _edit(example, "observations.csv", "coverage_rate,2024-06-30,66.2", "coverage_rate,2024-06-30,101")
    with pytest.raises(DataError, match=r"observations.csv:\d+: column 'value': expected at "
                                        r"most 100 for unit 'share'"):
        load_panel(example)


def test_a_parent_below_its_child_is_refused(example):
    _edit(example, "regions.csv", "east-county,East County,county,northland",
          "east-county,East County,county,west-county")
    with pytest.raises(DataError, match="regions.csv:3: column 'parent': expected a parent at "
                                        "a level above 'county'"):
        load_panel(example)


# ---------------------------------------------------------------------------- loading rules


def test_several_statements_of_a_target_latest_published_is_used(example):
    panel = load_panel(example)
    rows = panel.targets[(panel.targets["region"] == "northland")
                         & (panel.targets["metric"] == "members")]
    assert len(rows) == 1
    row = rows.iloc[0]
    # fict-plan-2024 is published 2024-10-15, fict-plan-2023 in 2023-06: the later one wins.
    assert row["source_id"] == "fict-plan-2024"
    assert [o["source_id"] for o in row["other_sources"]] == ["fict-plan-2023"]
    assert row["other_sources"][0]["value"] == 4_000_000


def test_same_published_date_first_in_file_is_used(example):
    _edit(example, "sources.csv", "2024-10-15", "2023-06")
    row = load_panel(example).targets.query("region == 'northland' and metric == 'members'")
    assert row.iloc[0]["source_id"] == "fict-plan-2023"  # first of the two in targets.csv


def test_one_source_stating_a_target_twice_is_still_a_duplicate(example):
    _edit(example, "targets.csv", 'fict-plan-2024,"FICTIONAL target, restated"',
          "fict-plan-2023,FICTIONAL target again")
    with pytest.raises(DataError, match="targets.csv:3: duplicate row"):
        load_panel(example)


def test_year_end_of_known_answers():
    assert year_end_of("2024-12-31") == pd.Timestamp("2024-12-31")
    assert year_end_of("2024-12-24", 7) == pd.Timestamp("2024-12-31")
    assert year_end_of("2024-12-23", 7) is None
    assert year_end_of("2025-01-07", 7) == pd.Timestamp("2024-12-31")
    assert year_end_of("2025-01-08", 7) is None
    assert year_end_of("2024-12-27", 0) is None


def test_a_reading_near_a_year_end_counts_as_it_and_says_so(example):
    panel = load_panel(example)
    series = select(panel, "northland", "members")
    assert "2019-12-31" in series.dates and "2019-12-27" not in series.dates
    assert series.moved == ({"date": "2019-12-27", "counted_as": "2019-12-31"},)
    _edit(example, SCHEME_FILE, "year_end_tolerance_days = 7", "year_end_tolerance_days = 3")
    strict = select(load_panel(example), "northland", "members")
    assert "2019-12-31" not in strict.dates and strict.moved == ()


def test_an_exact_year_end_wins_over_a_near_one(example):
    with open(example / "observations.csv", "a", encoding="utf-8") as fh:
        fh.write("northland,members,2019-12-31,3000000,people,fict-annual-2024,exact,\n")
    series = select(load_panel(example), "northland", "members")
    assert series.values[list(series.dates).index("2019-12-31")] == 3_000_000
    assert series.moved == ()


def test_check_warns_on_targets_off_year_end_and_disagreeing_statements(example):
    _edit(example, "targets.csv", "west-county,members,2027-12-31", "west-county,members,2027-06-30")
    _edit(example, "targets.csv", "4000000,people,fict-plan-2024", "4100000,people,fict-plan-2024")
    warnings = data_warnings(load_panel(example))
    assert any(w.startswith("targets.csv:7: warning: west-county members target dated "
                            "2027-06-30; expected a year-end") for w in warnings), warnings
    assert any(w.startswith("targets.csv:3: warning: northland members 2027-12-31: "
                            "fict-plan-2024 states 4,100,000, fict-plan-2023 states 4,000,000")
               for w in warnings), warnings


# ---------------------------------------------------------------------------- forecast init


def test_init_writes_a_valid_folder_and_refuses_a_used_one(tmp_path, capsys):
    folder = tmp_path / "mine"
    assert main(["init", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [SCHEME_FILE, "observations.csv", "targets.csv", "regions.csv", "sources.csv"])
    assert "#" in (folder / SCHEME_FILE).read_text()  # commented for the user
    for name in ("observations.csv", "targets.csv", "regions.csv", "sources.csv"):
        assert len((folder / name).read_text().splitlines()) == 2  # header + one example
    capsys.readouterr()
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    assert main(["init", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "with files in it" in err
    (tmp_path / "afile").write_text("x")
    assert main(["init", str(tmp_path / "afile")]) == 2
    assert "found a file" in capsys.readouterr().err


# ---------------------------------------------------------------------------- a run


def test_run_on_the_example_names_its_own_scheme(example, capsys):
    assert main(["run", "--data-dir", str(example), "--n-paths", "300", "--format",
                 "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["region"] == "northland"  # the scheme's top region is the default
    assert out["scheme"]["currency"] == "EUR"
    by_metric = {e["metric"]: e for e in out["targets"]}
    assert set(by_metric) == {"members", "coverage_rate", "reserve_fund"}
    cov = by_metric["coverage_rate"]
    assert cov["coverage_basis"]["participants_from"] == "northland"
    basis = cov["data_quality"]["coverage"]
    assert (basis["numerator"], basis["denominator_metric"], basis["ceiling_metric"]) == (
        "members", "residents", "residents")
    assert basis["denominator"] == "residents"  # from the denominator column
    assert by_metric["members"]["ceiling"]["metric"] == "residents"
    assert by_metric["members"]["other_sources"][0]["source_id"] == "fict-plan-2023"
    assert by_metric["members"]["data_quality"]["moved_to_year_end"] == [
        {"date": "2019-12-27", "counted_as": "2019-12-31"}]
    history = {h["date"]: h["value"] for h in by_metric["members"]["history"]}
    assert "2019-12-31" in history  # shown once, as the year-end it counts as
    assert "2019-12-27" not in [p["date"] for p in by_metric["members"]["sub_annual"]]
    assert main(["run", "--data-dir", str(example), "--n-paths", "300"]) == 0
    table = capsys.readouterr().out
    assert "over resident population growing" in table
    assert "employment" not in table and "working population" not in table
    assert "the 2019-12-27 reading counted as year-end 2019-12-31" in table


#: Words of the shipped scheme that a report of another scheme must never show.
BPJS_WORDS = ("BPJS", "Ketenagakerjaan", "BPJAMSOSTEK", "Rp", "Kanwil", "kanwil", "IDR",
              "working population", "Indonesia", "active_total", "participants",
              # the top region of another scheme need not be a nation
              "National verdicts", "Kesimpulan nasional")


@pytest.mark.slow
def test_every_command_runs_on_another_scheme_and_its_pdfs_say_nothing_of_bpjs(
        example, tmp_path, capsys):
    from pypdf import PdfReader

    runs = tmp_path / "runs"
    assert main(["data", "check", "--data-dir", str(example)]) == 0
    assert main(["batch", "--data-dir", str(example), "--runs-dir", str(runs),
                 "--n-paths", "200", "--jobs", "1", "--regions", "northland,harbour-town"]) == 0
    run_dir = next(runs.iterdir())
    assert main(["report", run_dir.name, "--runs-dir", str(runs), "--lang", "en"]) == 0
    assert main(["verify", run_dir.name, "--runs-dir", str(runs)]) == 0
    assert "northland: reproduced" in capsys.readouterr().out  # the scheme's top region
    pdfs = [run_dir / "summary_en.pdf", run_dir / "northland" / "report_en.pdf",
            run_dir / "harbour-town" / "report_en.pdf"]
    for pdf in pdfs:
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(pdf)).pages).split())
        found = [w for w in BPJS_WORDS if w in text]
        assert not found, f"{pdf.name}: {found}"
        assert "Northland" in text
    summary = " ".join(" ".join(p.extract_text() for p in PdfReader(
        str(pdfs[0])).pages).split())
    # The scheme's metric and unit words, and no contradiction above the national table.
    assert "Registered members: 4 million people by end-2027" in summary
    assert "EUR million" in summary and "Population coverage" in summary
    assert "No target of this region can be assessed" not in summary


# ---------------------------------------------------------------------------- fourth level


def _fan(region: str, value: float) -> dict:
    return {"region": region, "projections": [
        {"metric": "active_total", "projected": True,
         "fan": [{"year": 2026, "p10": value * 0.9, "p50": value, "p90": value * 1.1}]}]}


@pytest.mark.parametrize("regency,factor", [(70.0, 60.0 / 70.0), (50.0, 1.0)])
def test_regencies_are_reconciled_with_their_province_never_scaled_up(regency, factor):
    from forecast.regional import reconcile_run

    regions = pd.DataFrame({"id": ["national", "k1", "p1", "p2", "r1"],
                            "level": ["national", "kanwil", "province", "province", "regency"],
                            "parent": ["", "national", "k1", "k1", "p1"]})
    results = {"national": _fan("national", 100.0), "k1": _fan("k1", 100.0),
               "p1": _fan("p1", 60.0), "p2": _fan("p2", 40.0), "r1": _fan("r1", regency)}
    out = reconcile_run(results, regions,
                        levels=("national", "kanwil", "province", "regency"))
    entry = out["levels"]["regency in p1"]
    assert entry["parent"] == "p1" and entry["included"] == ["r1"]
    assert entry["factor"][2026] == pytest.approx(factor)
    assert entry["regions"]["r1"][2026]["p50"] == pytest.approx(regency * factor)
    assert out["levels"]["province"]["factor"][2026] == pytest.approx(1.0)  # sums to 100


def test_gianyar_is_a_regency_of_bali_with_its_seed_figures():
    panel = load_panel(config.DATA_DIR)
    row = panel.regions.set_index("id").loc["gianyar"]
    assert (row["level"], row["parent"]) == ("regency", "bali")
    obs = panel.observations[panel.observations["region"] == "gianyar"]
    got = {(m, f"{d:%Y-%m-%d}"): v for m, d, v in zip(obs["metric"], obs["date"], obs["value"])}
    # The seed: 43 % coverage in June 2024, 6,400 vulnerable workers covered (2023) ...
    assert got[("coverage_pct", "2024-06-30")] == 43
    assert got[("active_budget_funded", "2023-12-31")] == 6400
    tgt = panel.targets[panel.targets["region"] == "gianyar"]
    # ... and a target of 12,800 for 2024.
    assert list(zip(tgt["metric"], tgt["value"])) == [("active_budget_funded", 12800)]


# ---------------------------------------------------------------------------- whole levels


def _partial_country(whole_levels):
    """A country of 100 whose data lists two of its states (30 + 20): listed in part."""
    from forecast.regional import reconcile_run

    regions = pd.DataFrame({"id": ["c", "s1", "s2"], "level": ["country", "state", "state"],
                            "parent": ["", "c", "c"]})
    results = {"c": _fan("c", 100.0), "s1": _fan("s1", 30.0), "s2": _fan("s2", 20.0)}
    return reconcile_run(results, regions, top="c", levels=("country", "state"),
                         whole_levels=whole_levels)["levels"]["state"]


def test_states_listed_in_part_are_never_scaled_up_to_the_country():
    entry = _partial_country(())  # a scheme that does not declare the states the whole
    assert entry["down_only"] is True
    assert entry["factor"][2026] == pytest.approx(1.0)
    assert entry["regions"]["s1"][2026]["p50"] == pytest.approx(30.0)
    assert entry["sum_before"][2026] == pytest.approx(50.0)  # the shortfall stays visible


def test_states_declared_whole_are_scaled_up_to_the_country():
    entry = _partial_country(("state",))
    assert entry["down_only"] is False
    assert entry["factor"][2026] == pytest.approx(2.0)
    assert entry["regions"]["s2"][2026]["p50"] == pytest.approx(40.0)


def test_whole_levels_are_read_and_a_scheme_without_them_scales_down_only(example):
    assert load_scheme(example).whole_levels == ()
    _edit(example, SCHEME_FILE, 'currency = "EUR"', 'whole_levels = ["county"]\ncurrency = "EUR"')
    assert load_scheme(example).whole_levels == ("county",)
    assert default_scheme().whole_levels == ("kanwil", "province")


def test_the_reconciliation_table_says_a_level_was_scaled_down_only(tmp_path):
    from forecast.tables import reconciliation_table

    (tmp_path / "manifest.json").write_text("{}")  # a run folder; no field of it is read
    entry = _partial_country(())
    (tmp_path / "reconciliation.json").write_text(json.dumps(
        {"metric": "active_total", "levels": {"state": entry}}))
    for lang, words in (("en", "scaled down only"), ("id", "hanya diskalakan turun")):
        notes = " ".join(map(str, reconciliation_table(tmp_path, lang).iloc[:, -1]))
        assert words in notes, notes
    entry = _partial_country(("state",))
    (tmp_path / "reconciliation.json").write_text(json.dumps(
        {"metric": "active_total", "levels": {"state": entry}}))
    assert "scaled down" not in " ".join(map(str, reconciliation_table(tmp_path).iloc[:, -1]))


def test_check_warns_on_a_coverage_target_written_as_a_fraction(example, capsys):
    # 0.8 for 80 %: read as 0.8 %, met long ago, so the run would call it reached.
    _edit(example, "targets.csv", "2028-12-31,80,share", "2028-12-31,0.8,share")
    assert main(["data", "check", "--data-dir", str(example)]) == 0
    out = capsys.readouterr().out
    assert ("targets.csv:4: warning: northland coverage_rate target 2028-12-31: 0.8 is a "
            "percentage of at most 1 (read as 0.8 %, not 80 %)") in out
    _edit(example, "targets.csv", "2028-12-31,0.8,share", "2028-12-31,80,share")
    assert main(["data", "check", "--data-dir", str(example)]) == 0
    assert "percentage of at most 1" not in capsys.readouterr().out


def test_check_warns_on_a_coverage_target_without_the_base_its_readings_state(example, capsys):
    # A blank base (a file without the column, an empty cell): the run cannot compare it
    # with readings on residents and skips it, so the check says so beforehand.
    _edit(example, "targets.csv", "fict-plan-2023,FICTIONAL target,residents",
          "fict-plan-2023,FICTIONAL target,")
    assert main(["data", "check", "--data-dir", str(example)]) == 0
    out = capsys.readouterr().out
    assert ("targets.csv:4: warning: northland coverage_rate target 2028-12-31: no stated "
            "base, but its readings are on residents; expected a base the readings state in "
            "column denominator") in out
    main(["run", "--region", "northland", "--data-dir", str(example)])
    assert "coverage target with no stated base" in capsys.readouterr().out


def test_a_levels_note_is_written_once_not_on_every_year(tmp_path):
    from forecast.tables import reconciliation_table

    (tmp_path / "manifest.json").write_text("{}")
    entry = _partial_country(())
    entry = {**entry, "years": [2026, 2027],
             **{k: {"2026": v["2026"], "2027": v["2026"]} for k, v in (
                 (k, json.loads(json.dumps(entry[k]))) for k in
                 ("factor", "sum_before", "whole", "adjustment"))},
             "missing": {"s3": "no observations"}, "regions_in_level": 3}
    (tmp_path / "reconciliation.json").write_text(json.dumps(
        {"metric": "active_total", "levels": {"state": entry}}))
    notes = list(reconciliation_table(tmp_path).iloc[:, -1])
    assert notes[0].startswith("1 without a projection; scaled down only") and \
        notes[1:] == [""], notes


def test_check_warns_on_a_count_above_a_ceiling_read_on_other_days(tmp_path, capsys):
    # Mid-year populations beside year-end counts, the commonest layout: the check compared
    # readings of one date only, so members above the population passed in silence.
    from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows

    head = SYNTHETIC_SCHEME_HEAD.format(what="health", level="province")
    units = {"members": "people", "pop": "people", "cov": "pct"}
    members = [9.0e6, 9.8e6, 10.6e6, 11.0e6]  # 11.0M at end-2024 against ~10.83M
    pop = [10.6e6, 10.68e6, 10.75e6, 10.8e6]
    obs = [r for i, y in enumerate(range(2021, 2025))
           for r in (("land", "members", f"{y}-12-31", members[i]),
                     ("land", "pop", f"{y}-06-30", pop[i]))]
    folder = write_rows(tmp_path / "d", head + SYNTHETIC_COVERAGE_METRICS,
                        [("land", "Land", "land", "")], units, obs,
                        [("land", "members", "2027-12-31", 12e6)])
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "land members 11,000,000 on 2024-12-31 is above its ceiling pop 10,825,224" in out, out
    assert "carried log-linearly" in out and out.count("above its ceiling") == 1, out


def test_check_warns_on_a_fund_whose_flows_do_not_add_up(tmp_path, capsys):
    # Contributions five times what the fund's change allows: the structural model adds
    # them every year and answered ">99.9 %" on a median 2.5 times the fund; the check said
    # nothing. One line a year whose gap is over a tenth of the fund.
    from conftest import SYNTHETIC_SCHEME_HEAD, write_rows

    head = SYNTHETIC_SCHEME_HEAD.format(what="pension", level="county") + \
        '\n[units.eur_m]\nmax = 1000000\nen = "EUR million"\nid = "juta EUR"\nscale = 1e6\n'
    metrics = "".join(f'\n[metrics.{m}]\nunit = "{u}"\nen = "{m}"\nid = "{m}"\n' + (
        "flow = true\n" if m in ("contributions", "benefits_paid", "investment_income") else "")
        for m, u in (("active_total", "people"), ("fund_investment", "eur_m"),
                     ("contributions", "eur_m"), ("benefits_paid", "eur_m"),
                     ("investment_income", "eur_m")))
    units = {"active_total": "people", "fund_investment": "eur_m", "contributions": "eur_m",
             "benefits_paid": "eur_m", "investment_income": "eur_m"}
    fund = [100.0, 110.0, 121.0, 133.0]
    rows = []
    for i, y in enumerate(range(2020, 2024)):
        rows += [("land", "active_total", f"{y}-12-31", 1e6 + 1e5 * i),
                 ("land", "fund_investment", f"{y}-12-31", fund[i]),
                 ("land", "contributions", f"{y}-12-31", 50.0 if y == 2022 else 8.0),
                 ("land", "benefits_paid", f"{y}-12-31", 3.0),
                 ("land", "investment_income", f"{y}-12-31", 5.0)]
    folder = write_rows(tmp_path / "d", head + metrics, [("land", "Land", "land", "")],
                        units, rows, [("land", "fund_investment", "2027-12-31", 200.0)])
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert ("warning: land the fund moves 11.0 from 2021-12-31 to 2022-12-31 but its flows add "
            "52.0 (contributions 50.0 - benefits 3.0 + investment income 5.0); expected them "
            "within 10% of the fund (110.0)") in out, out
    assert out.count("flows add") == 1, out  # 2021 and 2023 add up (10 and 12 against 10, 12)


def test_a_region_called_all_is_refused(example, capsys):
    # `--regions all` is every region: a region 'all' could not be batched alone, and
    # `--regions all,x` ran it beside x.
    text = (example / "regions.csv").read_text(encoding="utf-8")
    (example / "regions.csv").write_text(text.rstrip("\n") + "\nall,All,county,northland\n",
                                         encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(example)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "regions.csv:" in err and "expected an id other than " \
        "'all'" in err, err


def test_check_warns_on_two_readings_of_one_year_end_that_disagree(example, capsys):
    # 2,906,035 on 27 December beside 2,999,999 on the 31st: both count as end-2019, the
    # fits took the later, and the members' probability moved from 2 % to 4 % unremarked.
    _edit(example, "observations.csv", "northland,members,2019-12-27,2906035,",
          "northland,members,2019-12-27,2906035,people,fict-annual-2024,FICTIONAL test value,"
          "\nnorthland,members,2019-12-31,2999999,")
    assert main(["data", "check", "--data-dir", str(example)]) == 0
    out = capsys.readouterr().out
    assert ("northland members 2,999,999 on 2019-12-31 and 2,906,035 on 2019-12-27 both "
            "count as year-end 2019-12-31 but differ by 3%") in out, out
