"""A new user's scheme through ``--data-dir``: the shapes of history other schemes bring.

Every folder here is SYNTHETIC, written by the test: made-up numbers that describe no real
scheme (a falling count, a flat one, coverage held at 100 %, a count above its ceiling, a
one-off x10 jump, monthly flows of a fraction of the unit). Each oracle is the data itself
(what it did, where it sits), never the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows
from conftest import year_ends as conftest_year_ends

from forecast.cli import main

SCHEME = SYNTHETIC_SCHEME_HEAD.format(what="probe", level="state") + '''
[units.eur_m]
max = 10000000
en = "EUR million"
id = "juta EUR"

''' + SYNTHETIC_COVERAGE_METRICS + '''
[metrics.contrib]
unit = "eur_m"
en = "Contributions"
id = "Iuran"
flow = true
'''
UNIT = {"members": "people", "pop": "people", "cov": "pct", "contrib": "eur_m"}
STATES = (("land", "Land", "land", ""), ("north", "North", "state", "land"),
          ("south", "South", "state", "land"))


def write(folder: Path, observations, targets) -> Path:
    """A SYNTHETIC data folder; rows are (region, metric, date, value); returns ``folder``.

    ``observations.csv`` holds the rows in the given order from line 2 (header = line 1).
    """
    return write_rows(folder, SCHEME, STATES, UNIT, observations, targets)


def year_ends(region, metric, values, first=2012):
    return conftest_year_ends(region, metric, values, first)


def run_json(capsys, folder: Path, region: str = "land") -> dict:
    assert main(["run", "--data-dir", str(folder), "--region", region, "--n-paths", "300",
                 "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def run_text(capsys, folder: Path, region: str = "land") -> str:
    assert main(["run", "--data-dir", str(folder), "--region", region, "--n-paths",
                 "300"]) == 0
    return capsys.readouterr().out


def test_a_falling_history_is_no_multiple_of_a_pace(tmp_path, capsys):
    # SYNTHETIC: members fall 5 % a year; the target needs a rise. 'required is -6.1x the
    # historical pace' (the old line) reads as a pace; a fall is no pace to multiply.
    obs = year_ends("land", "members", [round(5e6 * 0.95 ** i) for i in range(13)])
    folder = write(tmp_path / "d", obs, [("land", "members", "2027-12-31", 6e6)])
    (entry,) = run_json(capsys, folder)["targets"]
    assert entry["historical_cagr"] < 0 and entry["growth_ratio"] is None
    text = run_text(capsys, folder)
    assert "historical pace" not in text and "-5.00%/yr (2012-2024)" in text


def test_each_model_reads_a_target_at_the_bound_as_the_headline_does(tmp_path, capsys):
    # SYNTHETIC: coverage held at 100 % for six years, target 100 %. Every model's paths
    # stay at the bound, so each must say what the headline says (it said '<0.1 %' each:
    # a path only approaches 100 and was compared with 100 itself).
    values = [70, 76, 82, 88, 94, 100, 100, 100, 100, 100, 100, 100, 100]
    folder = write(tmp_path / "d", year_ends("land", "cov", values),
                   [("land", "cov", "2027-12-31", 100)])
    (entry,) = run_json(capsys, folder)["targets"]
    assert entry["bound_note"] == "target_at_bound" and entry["probability"] > 0.5
    assert entry["models"] and all(m["probability"] > 0.5 for m in entry["models"])


def test_every_base_year_of_a_target_already_met_says_met(tmp_path, capsys):
    # SYNTHETIC: members pass the target (3.10M) in 2020 and keep growing; from the later
    # bases the required growth is negative and the old table said 'undetermined'.
    values = [round(3e6 * 1.007 ** i) for i in range(13)]
    folder = write(tmp_path / "d", year_ends("land", "members", values),
                   [("land", "members", "2027-12-31", 3.1e6)])
    (entry,) = run_json(capsys, folder)["targets"]
    assert entry["classification"] == "target_met"
    assert {r["classification_unsd"] for r in entry["base_years"]} == {"target_met"}
    assert {r["classification_statcan"] for r in entry["base_years"]} == {"target_met"}


def test_a_flat_history_is_not_called_falling():
    from types import SimpleNamespace

    from forecast.series import Series
    from forecast.targets import _rise_note

    # SYNTHETIC: 200,000 -> 199,760 over 3 years is -0.04 %/yr: flat at one decimal.
    series = Series.from_years([2021, 2022, 2023, 2024], [200000, 199900, 199800, 199760],
                               region="land", metric="members", unit="people")
    projection = SimpleNamespace(carried_by="own_trend")
    assert _rise_note(projection, series, 201000.0, -0.0004, -0.0004) == ()
    (note,) = _rise_note(projection, series, 201000.0, -0.02, -0.02)
    assert note["code"] == "rise_carried_by"


def test_speed_records_take_the_schemes_top_region_and_coverage_and_skip_breaks(tmp_path,
                                                                                 capsys):
    # SYNTHETIC: land grows 4 %/yr, north 6 %/yr, south x10 in one year (a change of
    # counting). The national record is land's (the scheme's top region, not 'national');
    # south's break (+900 %/yr, +216 %/yr over two years) is no record.
    land = [round(1e6 * 1.04 ** i) for i in range(13)]
    north = [round(2e5 * 1.06 ** i) for i in range(13)]
    south = [round(1e5 * 1.03 ** i) * (10 if i >= 8 else 1) for i in range(13)]
    cover = [round(100 * m / 2e6, 1) for m in land]
    obs = (year_ends("land", "members", land) + year_ends("north", "members", north)
           + year_ends("south", "members", south) + year_ends("land", "cov", cover))
    folder = write(tmp_path / "d", obs, [("land", "members", "2026-12-31", 1.8e6)])
    (entry,) = run_json(capsys, folder)["targets"]
    speed = entry["speed"]
    assert speed["window_years"] == 2
    assert speed["record"]["region"] == "north"
    assert speed["record"]["cagr"] == pytest.approx(0.06, abs=1e-4)
    assert speed["national_record"]["region"] == "land"
    assert speed["national_record"]["cagr"] == pytest.approx(0.04, abs=1e-4)
    assert speed["n_not_meaningful"] == 2  # south 2018-2020 and 2019-2021, across the x10
    assert max(speed["window_cagrs"]) <= 1.0
    # The target region's coverage is read from the scheme's coverage metric (cov).
    assert speed["similar_coverage"]["coverage"] == cover[-1]


def test_check_warns_on_a_count_above_its_ceiling_and_a_break_within_a_source(tmp_path):
    from forecast.data import load_panel
    from forecast.datacheck import data_warnings

    # SYNTHETIC: north's members exceed north's population in 2019 (line 2 + 13 + 7 = 22),
    # and south's members jump x10 from 2019 to 2020 within one source (line 2 + 39 + 8).
    pop = [round(1e6 * 1.005 ** i) for i in range(13)]
    north = [round(0.96 * p) for p in pop]
    north[7] = round(1.02 * pop[7])
    south = [round(1e5 * 1.03 ** i) * (10 if i >= 8 else 1) for i in range(13)]
    obs = (year_ends("north", "pop", pop) + year_ends("north", "members", north)
           + year_ends("south", "pop", [3e6] * 13) + year_ends("south", "members", south))
    folder = write(tmp_path / "d", obs, [("north", "members", "2027-12-31", 1e6)])
    warnings = data_warnings(load_panel(folder))
    assert f"observations.csv:22: warning: north members {north[7]:,} on 2019-12-31 is " \
           f"above its ceiling pop {pop[7]:,} on that date; expected at most the ceiling" \
        in warnings, warnings
    breaks = [w for w in warnings if "within source syn" in w]
    assert len(breaks) == 1 and breaks[0].startswith(
        "observations.csv:49: warning: south members moves x10.3 a year"), warnings


def test_a_monthly_amount_below_one_unit_is_not_printed_as_zero_or_rounded_up(tmp_path,
                                                                                capsys):
    # SYNTHETIC: a region's yearly contributions of 30-38 EUR million grow about 0.06 EUR
    # million a month; one decimal printed that as "+0.1" (and 0.04 as "+0.0").
    values = [round(30 * 1.02 ** i, 2) for i in range(13)]
    folder = write(tmp_path / "d", year_ends("north", "contrib", values),
                   [("north", "contrib", "2026-12-31", 40)])
    text = run_text(capsys, folder, "north")
    (line,) = [ln for ln in text.splitlines() if "Net additions" in ln]
    needed = (40 - values[-1]) / 24
    last_year = (values[-1] - values[-2]) / 12
    assert f"+{needed:.2g} EUR million/month needed" in line, line
    assert f"+{last_year:.2g} EUR million/month in the last year" in line, line


def test_a_target_not_assessed_is_named_in_the_schemes_unit_and_top_region(tmp_path, capsys):
    from forecast.report.build import not_assessed
    from forecast.report.words import set_scheme

    # SYNTHETIC: the top region has 2 year-ends only. The report printed its target as
    # '(1,300,000.0 )' (the shipped table has no unit for 'members') and said 'no national
    # series to borrow from' of the national series itself.
    obs = [("land", "members", "2022-12-31", 1000000), ("land", "members", "2024-12-31",
                                                           1100000)]
    folder = write(tmp_path / "d", obs, [("land", "members", "2027-12-31", 1300000)])
    results = run_json(capsys, folder)
    (skipped,) = results["skipped"]
    assert skipped["reason"]["top"] is True
    set_scheme(results["scheme"])
    try:
        _, (line,) = not_assessed(results, "en")
    finally:
        set_scheme(None)
    assert "(1.3\u00a0million people)" in line, line
    assert line.endswith("only 2 year-end observations of members for Land (the top "
                         "region); at least 3 are needed"), line


@pytest.mark.slow
def test_a_batch_of_another_scheme_names_a_previous_run(tmp_path, capsys):
    from pypdf import PdfReader

    from forecast.report.comparepage import COMPARE_WORDS

    # SYNTHETIC: top region 'land' (no 'national'). The second batch's summary compares
    # with the first; it stopped with "unknown region 'national'", exit 2, and no PDF.
    obs = year_ends("land", "members", [round(1e6 * 1.04 ** i) for i in range(13)])
    folder = write(tmp_path / "d", obs, [("land", "members", "2027-12-31", 1.8e6)])
    runs = tmp_path / "runs"
    common = ["batch", "--data-dir", str(folder), "--regions", "land", "--runs-dir",
              str(runs), "--n-paths", "200", "--jobs", "1", "--no-track-record"]
    assert main(common) == 0
    (first,) = [p.name for p in runs.iterdir() if not p.is_symlink()]
    # the top region's PDF is listed under its own id (it was listed only for 'national')
    # The paths start in one column under "summary:" (the top region's id is short).
    assert f"  land:    {runs / first / 'land' / 'report_en.pdf'}" in \
        capsys.readouterr().out.splitlines()
    assert main([*common, "--previous", first]) == 0, capsys.readouterr().err
    (second,) = [p.name for p in runs.iterdir() if not p.is_symlink() and p.name != first]
    text = " ".join(page.extract_text() for page in
                    PdfReader(runs / second / "summary_en.pdf").pages)
    # 'Land' is no nation (its level is "land"): the page names it, not "national".
    assert " ".join(COMPARE_WORDS["en"]["title_top"].format(run=first, top="Land").split()) \
        in " ".join(text.split())


def test_check_warns_on_a_target_whose_metric_has_no_observation(tmp_path):
    from forecast.data import load_panel
    from forecast.datacheck import data_warnings

    # SYNTHETIC: members are observed; the contributions target (line 3) has nothing to
    # be assessed from, which the run alone said (as 'not assessed'), the check did not.
    obs = year_ends("land", "members", [1000, 1100, 1200])
    folder = write(tmp_path / "d", obs, [("land", "members", "2027-12-31", 2000),
                                         ("land", "contrib", "2027-12-31", 50)])
    assert data_warnings(load_panel(folder)) == [
        "targets.csv:3: warning: land contrib target 2027-12-31: no observation of contrib "
        "for land in observations.csv; expected at least one (the target cannot be "
        "assessed without)"]


def test_a_count_at_its_noisy_ceiling_keeps_a_band_near_its_readings(tmp_path, capsys):
    # SYNTHETIC: the population scatters 1 % about its trend (up in odd years); members
    # are 99.9 % of it on every date. Against the smooth trend the share swung from 98.9 %
    # to the clip at the bound, and the band's lower end fell to 57 % of the last reading
    # within 3 years. Read against the population's readings, members never left 99.9 %.
    years = range(2012, 2025)
    pop = [round(1e7 * 1.005 ** i * (1.01 if y % 2 else 0.99)) for i, y in enumerate(years)]
    obs = [("land", "pop", f"{y}-12-31", p) for y, p in zip(years, pop)]
    obs += [("land", "members", f"{y}-12-31", round(0.999 * p)) for y, p in zip(years, pop)]
    folder = write(tmp_path / "d", obs, [("land", "members", "2027-12-31", 1.05e7)])
    (entry,) = run_json(capsys, folder)["targets"]
    last = entry["last_observed"]["value"]
    assert last == round(0.999 * pop[-1])
    assert entry["p10"] >= 0.97 * last, (entry["p10"], last)
    assert entry["p90"] <= entry["bound_value"]
    assert all(f["p90"] <= 1.01 * 1e7 * 1.005 ** (f["year"] - 2012) for f in entry["fan"])


def test_a_reading_years_after_the_last_year_end_starts_the_projection(tmp_path, capsys):
    # SYNTHETIC: year-ends 2010, 2015, 2020 (1.0M, 1.25M, 1.5M) and a June 2024 reading of
    # 1.7M. The nowcast knew only the shipped metric ids: another scheme's projection started
    # from end-2020 and said 'Last observed 1.50M (2020-12-31)', 3.5 years behind its data.
    obs = [("land", "members", "2010-12-31", 1000000), ("land", "members", "2015-06-30",
                                                          1200000),
           ("land", "members", "2015-12-31", 1250000), ("land", "members", "2020-12-31",
                                                          1500000),
           ("land", "members", "2024-06-30", 1700000)]
    folder = write(tmp_path / "d", obs, [("land", "members", "2027-12-31", 2e6)])
    (entry,) = run_json(capsys, folder)["targets"]
    assert entry["last_observed"] == {"date": "2024-06-30", "value": 1700000.0}
    now = entry["data_quality"]["nowcast"]
    assert now["year_end"] == "2024-12-31" and now["method"] == "growth"
    # Half a year at the history's own pace (3.7-4.6 %/yr between its year-ends).
    assert 1700000 * 1.018 < now["value"] < 1700000 * 1.024
    assert entry["p10"] > 1.5e6  # no band reaching back to the end-2020 level


def test_a_region_read_between_the_nations_readings_is_pooled_at_its_share(tmp_path, capsys):
    # SYNTHETIC: the nation read at end-2020 (1.5M) and end-2024 (1.7M) among others; north
    # once, at end-2022. No common date: the target was 'not assessed' ('share no observation
    # date'), though the nation at end-2022 lies between two of its readings.
    obs = year_ends("land", "members", [1.0e6, 1.1e6, 1.2e6], first=2018)
    obs += [("land", "members", "2021-12-31", 1.3e6), ("land", "members", "2024-12-31", 1.7e6),
            ("north", "members", "2022-12-31", 300000)]
    folder = write(tmp_path / "d", obs, [("north", "members", "2026-12-31", 400000)])
    out = run_json(capsys, folder, "north")
    assert out["skipped"] == []
    (entry,) = out["targets"]
    assert entry["pooling"]["pairs"] == 0 and entry["pooling"]["weight_own"] == 0.0
    # The nation log-linearly between end-2021 and end-2024 at end-2022: 1.3M (17/13)^(1/3).
    nation_2022 = 1.3e6 * (1.7 / 1.3) ** (1 / 3)
    assert entry["pooling"]["share"] == pytest.approx(300000 / nation_2022, rel=1e-6)
    assert entry["data_quality"]["pooled"]["own_trend"] is False
    assert "no share trend of its own (no shared date)" in run_text(capsys, folder, "north")


def test_a_scheme_that_started_at_zero_is_projected_from_its_first_members(tmp_path,
                                                                            capsys):
    # SYNTHETIC: a new scheme: 0 members in 2015 and 2016, then 50k rising to 400k. The
    # two zeros made every target 'not assessed' ('expected readings above 0').
    values = [0, 0, 50000, 90000, 140000, 190000, 240000, 290000, 340000, 400000]
    folder = write(tmp_path / "d", year_ends("land", "members", values, first=2015),
                   [("land", "members", "2027-12-31", 600000)])
    out = run_json(capsys, folder)
    assert out["skipped"] == []
    (entry,) = out["targets"]
    quality = entry["data_quality"]
    assert quality["annual_points"] == 8 and quality["first"] == "2017-12-31", quality
    assert quality["sub_annual_points"] == 0
    assert entry["historical_cagr"] == pytest.approx((400000 / 50000) ** (1 / 7) - 1)
    assert "sub-annual" not in run_text(capsys, folder)


def test_the_reports_keep_two_digits_of_an_amount_below_one_unit():
    from forecast.report import numbers
    from forecast.report.words import set_scheme

    # A scheme's own money unit: 0.062 and 0.081 EUR million a month printed as "0.1" both.
    set_scheme({"units": {"eur_m": {"labels": {"en": "EUR million", "id": "juta EUR"},
                                    "max": 1e7, "count": False}}})
    try:
        assert numbers.value(0.081, "eur_m", "en", signed=True) == "+0.081\u00a0EUR million"
        assert numbers.value(0.062, "eur_m", "id") == "0,062\u00a0juta EUR"
        assert numbers.value(12.0, "eur_m", "en") == "12\u00a0EUR million"
    finally:
        set_scheme(None)


def test_a_line_break_in_a_region_name_is_named_once(tmp_path, capsys):
    # SYNTHETIC: a region name pasted from a spreadsheet with a line break in the cell.
    folder = write(tmp_path / "d", year_ends("land", "members", [1000, 1100, 1200]),
                   [("land", "members", "2027-12-31", 2000)])
    text = (folder / "regions.csv").read_text(encoding="utf-8")
    (folder / "regions.csv").write_text(text.replace("North,", '"Nor\nth",'),
                                        encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "regions.csv:3: column 'name': expected plain text, found the control character " \
           "U+000A LINE FEED at position 4 in 'Nor\\x0ath'" in err, err


def test_a_coverage_target_without_readings_says_to_add_them_when_the_counts_are_there(
        tmp_path, capsys):
    # SYNTHETIC: members and population counted, no coverage reading; the coverage target
    # is not assessed (coverage is read with its base, never divided out) and now says
    # what to add. Without the counts the words stay as they were.
    obs = year_ends("land", "members", [900, 950, 990]) + year_ends("land", "pop",
                                                                   [1000, 1005, 1010])
    obs += year_ends("north", "members", [100, 110, 120])
    folder = write(tmp_path / "d", obs, [("land", "cov", "2027-12-31", 99.5),
                                         ("north", "cov", "2027-12-31", 50)])
    assert "Coverage by 2027-12-31: no coverage reading for Land (not computed from the " \
           "members and population counts: add its readings to assess it)" \
        in run_text(capsys, folder)
    assert "Coverage by 2027-12-31: no coverage reading for North\n" \
        in run_text(capsys, folder, "north")


def test_a_scheme_whose_top_region_is_called_national_runs_without_the_shipped_metrics(
        tmp_path, capsys):
    # SYNTHETIC: top region 'national' and the shipped id 'active_total' for members, but
    # no benefits_paid or investment_income. The national extras (structural fund model,
    # segments) read them and the run stopped: "unknown metric 'benefits_paid'", exit 2.
    folder = write(tmp_path / "d", [], [])
    scheme = (folder / "scheme.toml").read_text(encoding="utf-8")
    (folder / "scheme.toml").write_text(
        scheme.replace('top_region = "land"', 'top_region = "national"')
        .replace("[metrics.members]", "[metrics.active_total]")
        .replace('numerator = "members"', 'numerator = "active_total"'), encoding="utf-8")
    regions = (folder / "regions.csv").read_text(encoding="utf-8")
    (folder / "regions.csv").write_text(regions.replace("land,Land", "national,Land")
                                        .replace(",land,\n", ",national,\n"), encoding="utf-8")
    rows = "".join(f"national,active_total,{2012 + i}-12-31,{round(1e6 * 1.05 ** i)},people,"
                   f"syn,SYNTHETIC,\n" for i in range(13))
    (folder / "observations.csv").write_text(
        "region,metric,date,value,unit,source_id,note,denominator\n" + rows, encoding="utf-8")
    (folder / "targets.csv").write_text(
        "region,metric,target_date,value,unit,source_id,note,denominator\n"
        "national,active_total,2028-12-31,2000000,people,syn,SYNTHETIC,\n", encoding="utf-8")
    out = run_json(capsys, folder, "national")
    assert [t["metric"] for t in out["targets"]] == ["active_total"]
    skipped = {s["key"]: s["reason"] for s in out["extras_skipped"]}
    assert "funds_model" in skipped and "segments" in skipped, skipped
