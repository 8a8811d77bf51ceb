"""Other schemes through ``--data-dir``, fifth round: a top region that is a province or a
company (no nation), a count above its ceiling in every year, targets at or above their
bound, a scheme that publishes only its coverage share, readings only during the year.

Every folder here is SYNTHETIC, written by the test: made-up numbers that describe no real
scheme. Each oracle is the data itself or a hand-written string, never the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write_rows
from conftest import year_ends as conftest_year_ends

from forecast.cli import main

#: A SYNTHETIC provincial health fund: its top region is a province, not a nation.
PROVINCE = '''# SYNTHETIC test scheme: every number is made up
[scheme]
name = { en = "Synthetic provincial fund", id = "Dana provinsi sintetis" }
top_region = "ost"
levels = ["province", "district"]
currency = "EUR"

[units.people]
max = 10000000000
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
ceiling = "pop"

[metrics.pop]
unit = "people"
en = "Residents"
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
UNIT = {"members": "people", "pop": "people", "cov": "pct"}
REGIONS = (("ost", "Ostmark Province", "province", ""),
           ("north", "North District", "district", "ost"),
           ("south", "South District", "district", "ost"),
           ("fast", "Fast District", "district", "ost"))
TOP = "Ostmark Province"


def year_ends(region, metric, values, first=2014):
    return conftest_year_ends(region, metric, values, first)


def _province(tmp_path: Path, extra_obs=(), targets=()) -> Path:
    # SYNTHETIC: the province's members grow 5 %/yr over residents growing 1 %/yr; North
    # has two year-ends of members (pooled with the province), South only its coverage
    # (moved with the province's members), Fast six year-ends growing 12 %/yr.
    pop = [round(4e6 * 1.01 ** i) for i in range(11)]
    members = [round(2e6 * 1.05 ** i) for i in range(11)]
    obs = (year_ends("ost", "pop", pop) + year_ends("ost", "members", members)
           + year_ends("ost", "cov", [round(100 * m / p, 2) for m, p in zip(members, pop)])
           + year_ends("north", "members", [400000, 421000], 2023)
           + year_ends("south", "cov", [51.0, 52.4, 53.1], 2022)
           + year_ends("fast", "members", [round(1e5 * 1.12 ** i) for i in range(6)], 2019)
           + list(extra_obs))
    tg = [("north", "members", "2028-12-31", 520000), ("south", "cov", "2028-12-31", 65.0),
          ("fast", "members", "2028-12-31", 300000), *targets]
    return write_rows(tmp_path / "d", PROVINCE, REGIONS, UNIT, obs, tg)


def _run(capsys, folder: Path, region: str, *extra) -> str:
    assert main(["run", "--data-dir", str(folder), "--region", region, "--n-paths", "200",
                 *extra]) == 0
    return capsys.readouterr().out


def test_a_top_region_that_is_a_province_is_named_not_called_national(tmp_path, capsys):
    folder = _province(tmp_path)
    north = _run(capsys, folder, "north")
    assert f"growth borrowed from the projection of {TOP}, its own share trend" in north
    assert "national" not in north
    assert f"pertumbuhan dipinjam dari proyeksi {TOP}, tren pangsanya" in \
        _run(capsys, folder, "north", "--lang", "id")
    south = _run(capsys, folder, "south")
    assert (f"moved with the members projection of {TOP} (no count for the region; the "
            f"band adds how far a region's count strays from it, as for pooled regions)"
            in south)
    assert "national" not in south
    assert (f"proyeksi anggota {TOP} (tidak ada jumlah untuk wilayah ini; rentangnya "
            f"menambahkan seberapa jauh jumlah suatu wilayah menyimpang darinya, seperti "
            f"wilayah yang pertumbuhannya dipinjam)"
            in _run(capsys, folder, "south", "--lang", "id"))
    # Fast District sets the speed record; the province's own is named as the top region's.
    fast = _run(capsys, folder, "fast")
    assert f"; top region 5.0%/yr ({TOP}, members," in fast
    # results.json carries the name beside the pooled data quality.
    entry = json.loads(_run(capsys, folder, "north", "--format", "json"))["targets"][0]
    assert entry["data_quality"]["top_region_name"] == TOP


def test_a_region_with_no_top_region_series_to_borrow_names_the_top_region(tmp_path, capsys):
    # SYNTHETIC: the province has only two year-ends of members, North one.
    obs = (year_ends("ost", "members", [2000000, 2100000], 2023)
           + year_ends("north", "members", [400000], 2024))
    folder = write_rows(tmp_path / "d", PROVINCE, REGIONS, UNIT, obs,
                        [("north", "members", "2028-12-31", 520000)])
    text = _run(capsys, folder, "north")
    assert (f"only 1 year-end observation of members for North District and no series of "
            f"{TOP} (the top region) to borrow from; at least 3 are needed") in text
    assert f"dan tidak ada deret {TOP} (wilayah teratas) untuk dipinjam" in \
        _run(capsys, folder, "north", "--lang", "id")


def test_the_summary_method_page_names_the_top_region_it_borrows_from(tmp_path):
    from forecast.data import load_panel
    from forecast.report.summary import summary_document
    from forecast.run import run_region

    panel = load_panel(_province(tmp_path))
    run = [(r, run_region(panel, r, n_paths=100), {"status": "ok"}) for r in ("ost", "north")]
    en = summary_document({"run_id": "x"}, run, {}, "en", None)["labels"]
    assert f"borrow the growth of {TOP} (pooled)" in en["method_models_text"]
    assert f"says more about the trend of {TOP} than about the region" in en["method_not_text"]
    ind = summary_document({"run_id": "x"}, run, {}, "id", None)["labels"]
    assert f"meminjam pertumbuhan {TOP} (gabungan)" in ind["method_models_text"]
    assert f"lebih mencerminkan tren {TOP} daripada" in ind["method_not_text"]


def test_check_says_a_count_above_its_ceiling_every_year_in_one_line(tmp_path):
    from forecast.data import load_panel
    from forecast.datacheck import data_warnings

    # SYNTHETIC: members above residents in 2014-2024 (a count by registration), written
    # members then residents for each year from line 2: 2014's members row is line 2.
    pop = [round(1e6 * 1.01 ** i) for i in range(11)]
    rows = [r for y, p in zip(range(2014, 2025), pop)
            for r in (("ost", "members", f"{y}-12-31", round(1.1 * p)),
                      ("ost", "pop", f"{y}-12-31", p))]
    folder = write_rows(tmp_path / "d", PROVINCE, REGIONS[:1], UNIT, rows,
                        [("ost", "members", "2028-12-31", 1.5e6)])
    above = [w for w in data_warnings(load_panel(folder)) if "above its ceiling" in w]
    assert above == [
        f"observations.csv:2: warning: ost members is above its ceiling pop in every year "
        f"2014-2024 (11 years): {round(1.1 * pop[0]):,} against {pop[0]:,} on 2014-12-31, "
        f"..., {round(1.1 * pop[-1]):,} against {pop[-1]:,} on 2024-12-31; expected at most "
        f"the ceiling"]


def test_a_target_at_or_above_its_bound_has_no_pace_net_additions_or_class(tmp_path, capsys):
    from forecast import tables
    from forecast.report.build import target_row
    from forecast.report.reachwords import verdict_with_reach

    # SYNTHETIC: 100 % coverage by 2029 (the bound) and 5M members by 2029, above the
    # residents (4.4M in 2024, growing 1 %/yr).
    folder = _province(tmp_path, targets=[("ost", "cov", "2029-12-31", 100.0),
                                          ("ost", "members", "2029-12-31", 5e6)])
    results = json.loads(_run(capsys, folder, "ost", "--format", "json"))
    bound = [t for t in results["targets"] if t["bound_note"]]
    assert sorted(t["target_value"] for t in bound) == [100.0, 5e6]
    for t in bound:
        assert t["required_cagr"] is None and t["monthly_needed"] is None
        assert t["classifications"]["unsd"] == t["classifications"]["statcan"] == \
            "not_meaningful"
        assert t["classifications"]["unsd_q"] is None and t["base_years"] == []
        verdict = "".join(s["text"] for s in verdict_with_reach(t, "en"))
        assert "a month" not in verdict
        assert target_row(t, "en")[-1] == "not meaningful"
        assert target_row(t, "id")[-1] == "tidak bermakna"
    table = tables.reachability_table(results)
    assert (table.iloc[:, list(table.columns).index("Classification (UNSD)")]
            .tolist().count("not meaningful")) == 2
    text = _run(capsys, folder, "ost")
    assert text.count("Net additions       not meaningful: the target is at or above the "
                      "bound\n") == 2
    assert text.count("UNSD: not meaningful; StatCan: not meaningful") == 2


def test_a_scheme_publishing_only_its_coverage_gets_a_track_record(tmp_path):
    from forecast.data import load_panel
    from forecast.trackrecord import past_year_ends

    # SYNTHETIC: coverage readings 2014-2024 and no count of members or residents.
    share = [48.0, 55.2, 61.0, 66.9, 72.1, 80.3, 82.0, 85.7, 88.9, 91.4, 93.2]
    folder = write_rows(tmp_path / "d", PROVINCE, REGIONS[:1], UNIT,
                        year_ends("ost", "cov", share), [("ost", "cov", "2029-12-31", 98.0)])
    # Three year-ends by 2016: every year-end from then to 2023 can be re-run.
    assert past_year_ends(load_panel(folder), "ost") == list(range(2016, 2024))


def test_quarterly_readings_only_say_they_fall_during_the_year(tmp_path, capsys):
    from forecast.data import load_panel
    from forecast.datacheck import data_warnings

    # SYNTHETIC: members read at the end of March, June and September 2016-2024 (27
    # readings), never at a year-end.
    obs = [("ost", "members", f"{y}-{md}", round(3e6 * 1.015 ** i))
           for i, (y, md) in enumerate((y, md) for y in range(2016, 2025)
                                       for md in ("03-31", "06-30", "09-30"))]
    folder = write_rows(tmp_path / "d", PROVINCE, REGIONS[:1], UNIT, obs,
                        [("ost", "members", "2028-12-31", 5e6)])
    text = _run(capsys, folder, "ost")
    assert ("no year-end observations of members for Ostmark Province (the top "
            "region); at least 3 are needed: its 27 readings fall during the year (the "
            "latest on 2024-09-30), and a projection fits year-ends (31 December)") in text
    assert "27 pembacaan jatuh di tengah tahun (terakhir pada 2024-09-30)" in \
        _run(capsys, folder, "ost", "--lang", "id")
    assert ("targets.csv:2: warning: ost members: 27 of its readings fall during the year "
            "and 0 at a year-end (12-31)") in " ".join(data_warnings(load_panel(folder)))


def test_growth_achieved_from_one_reading_names_its_one_year(tmp_path, capsys):
    # SYNTHETIC: South District has a single year-end reading of members (pooled).
    folder = _province(tmp_path, extra_obs=[("south", "members", "2024-12-31", 300000)],
                       targets=[("south", "members", "2028-12-31", 380000)])
    text = _run(capsys, folder, "south")
    assert "Growth achieved     n/a (2024)," in text
    assert "2024-2024" not in text


def test_reconciliation_names_the_top_region_whose_total_it_would_share(tmp_path):
    from forecast.data import load_panel
    from forecast.regional import reconcile_run
    from forecast.run import run_region

    # SYNTHETIC: of the three districts, South has no members count (coverage only): 2 of
    # 3 projected is below the 75 % a level needs, so the level is not reconciled.
    panel = load_panel(_province(tmp_path))
    results = {r: run_region(panel, r, n_paths=100) for r in ("ost", "north", "south", "fast")}
    recon = reconcile_run(results, panel.regions, top="ost", levels=panel.scheme.levels,
                          metric="members")
    from forecast.reasons import reason_text

    assert reason_text(recon["levels"]["district"]["skipped"], "en") == (
        "only 2 of 3 district regions have a projection of members; scaling them to the ost "
        "total would credit them with the rest")


def test_three_readings_of_a_plain_count_give_one_precision_in_the_verdict(tmp_path):
    from conftest import SYNTHETIC_SCHEME_HEAD

    from forecast.data import load_panel
    from forecast.report.reachwords import verdict_with_reach
    from forecast.report.words import set_scheme
    from forecast.run import run_region

    # SYNTHETIC: three year-ends of members in a unit that no ceiling or coverage marks as
    # a count; 400,000 more by 2027 is 11,111.1 a month, 2024 added 90,000 (7,500 a month).
    scheme = SYNTHETIC_SCHEME_HEAD.format(what="three-year", level="district") + '''
[metrics.members]
unit = "people"
en = "Members"
id = "Anggota"
'''
    obs = year_ends("land", "members", [1.20e6, 1.31e6, 1.40e6], 2022)
    folder = write_rows(tmp_path / "d", scheme, (("land", "Land", "land", ""),),
                        {"members": "people"}, obs, [("land", "members", "2027-12-31", 1.8e6)])
    results = run_region(load_panel(folder), "land", n_paths=100)
    set_scheme(results["scheme"])
    verdict = "".join(s["text"] for s in verdict_with_reach(results["targets"][0], "en"))
    assert "it would take +11,111\u00a0people a month against 7,500\u00a0people achieved in " \
        "2024" in verdict


def test_a_pension_plan_without_coverage_is_titled_by_its_targets(tmp_path):
    from conftest import SYNTHETIC_SCHEME_HEAD

    from forecast.data import load_panel
    from forecast.report.build import region_document
    from forecast.report.summary import summary_document
    from forecast.run import run_region

    # SYNTHETIC: a company pension plan's assets, no coverage metric and no count.
    scheme = SYNTHETIC_SCHEME_HEAD.format(what="pension", level="subsidiary") + '''
[units.usd_m]
max = 100000000
en = "USD million"
id = "juta USD"

[metrics.assets]
unit = "usd_m"
en = "Plan assets"
id = "Aset dana"
'''
    obs = year_ends("land", "assets", [round(850 * 1.07 ** i, 1) for i in range(10)], 2015)
    folder = write_rows(tmp_path / "d", scheme, (("land", "Acme Group", "land", ""),),
                        {"assets": "usd_m"}, obs, [("land", "assets", "2030-12-31", 2600)])
    results = run_region(load_panel(folder), "land", n_paths=100)
    assert region_document(results, {}, "en", [])["title"] == "Will Acme Group meet its targets?"
    assert region_document(results, {}, "id", [])["title"] == \
        "Apakah Acme Group akan mencapai targetnya?"
    run = [("land", results, {"status": "ok"})]
    assert summary_document({"run_id": "x"}, run, {}, "en", None)["title"] == \
        "Targets: management summary"
    # A scheme with coverage keeps its coverage targets (the shipped words).
    ost = run_region(load_panel(_province(tmp_path / "p")), "ost", n_paths=100)
    assert region_document(ost, {}, "en", [])["title"] == \
        "Will Ostmark Province meet its coverage targets?"


def test_one_forecast_in_a_band_is_counted_in_the_singular():
    from forecast.report.trackpage import track_sentence
    from forecast.texttrack import track_record_sentence

    # A short history gives one 'very likely' forecast: "1 of 1 was met", not "were".
    bands = [{"band": "very_likely", "n": 1, "met": 1, "missed": 0},
             {"band": "likely", "n": 3, "met": 3, "missed": 0},
             {"band": "very_unlikely", "n": 1, "met": 0, "missed": 1}]
    tr = {"basis": "published", "vintages": ["2020-12-31"], "n": 5,
          "by_kind": {"target": {"n": 5, "bands": bands},
                      "threshold": {"n": 0, "bands": []}}}
    for text in (track_record_sentence(tr), track_sentence(tr, "en")):
        assert "1 of 1 was met" in text and "3 of 3 were met" in text, text
        assert "1 of 1 was missed" in text and " of 1 were " not in text, text
    assert "1 dari 1 tercapai" in track_sentence(tr, "id")
