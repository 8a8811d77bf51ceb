"""Other schemes through ``--data-dir``, second realism round: shapes of published histories
a judge brings (a health scheme near full coverage, a pension fund counted in plain currency
units, a count published above its own ceiling, a region falling below its target).

Every folder here is SYNTHETIC, written by the test: made-up numbers that describe no real
scheme. Each oracle is the data itself (what was read, where it sits), never the code
under test.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows, write_scheme_folder
from conftest import year_ends as conftest_year_ends

from forecast.cli import main

SCHEME = SYNTHETIC_SCHEME_HEAD.format(what="round-2", level="province") + '''
[units.naira]
max = 1e16
en = "naira"
id = "naira"

''' + SYNTHETIC_COVERAGE_METRICS + '''
[metrics.assets]
unit = "naira"
en = "Pension assets"
id = "Aset pensiun"
'''
UNIT = {"members": "people", "pop": "people", "cov": "pct", "assets": "naira"}
REGIONS = (("land", "Land", "land", ""), ("north", "North", "province", "land"))


def write(folder: Path, observations, targets) -> Path:
    """A SYNTHETIC data folder; rows are (region, metric, date, value); returns ``folder``.

    ``observations.csv`` holds the rows in the given order from line 2 (header = line 1).
    """
    return write_rows(folder, SCHEME, REGIONS, UNIT, observations, targets)


def year_ends(region, metric, values, first=2014):
    return conftest_year_ends(region, metric, values, first)


def run_json(capsys, folder: Path, region: str = "land", *extra) -> dict:
    assert main(["run", "--data-dir", str(folder), "--region", region, "--n-paths", "300",
                 "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def run_text(capsys, folder: Path, region: str = "land", *extra) -> str:
    assert main(["run", "--data-dir", str(folder), "--region", region, "--n-paths", "300",
                 *extra]) == 0
    return capsys.readouterr().out


def test_a_nowcast_above_the_target_is_not_the_target_met(tmp_path, capsys):
    # SYNTHETIC: members grow 4 %/yr to 2.70M at end-2024; the Sep 2025 reading is 2.78M,
    # below the 2.80M target of 2026, and its year-end nowcast (about 2.81M) above it. The
    # run said 'already reached at the last observation', 'target met' and 'it would take
    # -... members a month' (the nowcast taken for a reading).
    values = [round(2.70e6 / 1.04 ** (2024 - y)) for y in range(2014, 2025)]
    obs = year_ends("land", "members", values) + [("land", "members", "2025-09-30", 2.78e6)]
    folder = write(tmp_path / "d", obs, [("land", "members", "2026-12-31", 2.80e6)])
    (entry,) = run_json(capsys, folder)["targets"]
    assert entry["last_observed"] == {"date": "2025-09-30", "value": 2.78e6}
    assert entry["data_quality"]["nowcast"]["value"] > 2.80e6  # the shape this test needs
    assert entry["required_growth"] == "rate" and entry["required_cagr"] > 0
    assert entry["classification"] != "target_met"
    assert all(b["classification_unsd"] != "target_met" for b in entry["base_years"])
    assert entry["monthly_needed"] > 0
    text = run_text(capsys, folder)
    assert "already reached" not in text and "target met" not in text


def test_a_target_at_the_bound_is_reached_by_the_dates_as_by_the_headline(tmp_path, capsys):
    # SYNTHETIC: coverage published only as a percentage, held at 99.97 % for ten years;
    # target 100 % by 2028. The headline reads a path from 99.95 % as reaching it (P near
    # 100 %), but 'median reaches it' and the dates compared paths with 100 itself: 'not
    # by 2034', 'reached with 50 % probability only after the projection'.
    folder = write(tmp_path / "d", year_ends("land", "cov", [99.97] * 11),
                   [("land", "cov", "2028-12-31", 100.0)])
    (entry,) = run_json(capsys, folder)["targets"]
    assert entry["bound_note"] == "target_at_bound" and entry["probability"] > 0.8
    assert entry["year_median_reaches"] is not None
    assert entry["year_median_reaches"] <= 2028
    assert all(d["within_projection"] and d["year"] <= 2028
               for d in entry["reachable"]["dates"])


def test_a_count_published_above_its_ceiling_is_not_pinned_below_its_reading(tmp_path,
                                                                             capsys):
    # SYNTHETIC: north's members are counted where they registered, its population where
    # people live: members run at 101.5-105 % of the population (a denominator mismatch the
    # check warns about). The ceiling pinned every path at the population's trend: median
    # and band 8.39M, below the last reading of 8.74M, 'the most the quantity can be'.
    pop = [8e6 * 1.004 ** i for i in range(11)]
    members = [round(p * (1.015 + 0.0035 * i)) for i, p in enumerate(pop)]
    obs = (year_ends("north", "pop", [round(p) for p in pop])
           + year_ends("north", "members", members) + year_ends("land", "members", members))
    folder = write(tmp_path / "d", obs, [("north", "members", "2026-12-31", 9.0e6)])
    (entry,) = run_json(capsys, folder, "north")["targets"]
    last = entry["last_observed"]["value"]
    assert last == members[-1] and last > pop[-1]
    assert entry["p10"] < entry["median"] < entry["p90"]
    assert entry["median"] >= last  # members grew every year; nothing held them below it
    assert entry["bound_note"] is None
    assert "above its ceiling" in entry["ceiling"]["note"]


def _fund(tmp_path, capsys):
    # SYNTHETIC: a pension fund counted in plain currency units (naira, not naira million):
    # 4.2 trillion in 2014 growing 14 %/yr; target 25 trillion by 2027.
    values = [4.2e12 * 1.14 ** i for i in range(11)]
    folder = write(tmp_path / "d", year_ends("land", "assets", values),
                   [("land", "assets", "2027-12-31", 25e12)])
    return run_json(capsys, folder), folder


def test_trillions_of_a_plain_currency_unit_read_as_trillions(tmp_path, capsys):
    from forecast.plots import drawn_in_scheme, fan_chart
    from forecast.report import i18n

    # The table printed '25,000,000,000,000.0 naira', the PDF '25,000,000,000,000 naira'
    # (its table columns ran into each other), the chart a bare '1e13' over 'naira'.
    out, folder = _fund(tmp_path, capsys)
    (entry,) = out["targets"]
    for lang, words in (("en", "25.00T naira"), ("id", "25,00 triliun naira")):
        text = run_text(capsys, folder, "land", "--lang", lang)
        assert words in text and "000,000" not in text and "000.000" not in text
    verdict = drawn_in_scheme(out["scheme"], lambda: i18n.verdict_text(entry, "en"))
    assert "25\u00a0trillion naira" in verdict and "000,000" not in verdict
    fig = drawn_in_scheme(out["scheme"], lambda: fan_chart(entry, lang="en"))
    ax = fig.axes[0]
    assert ax.get_ylabel() == "trillion naira" and ax.get_ylim()[1] < 1000
    assert "target: 25\u00a0trillion naira" in [t.get_text()
                                                      for t in fig.legends[0].get_texts()]
    id_fig = drawn_in_scheme(out["scheme"], lambda: fan_chart(entry, lang="id"))
    assert id_fig.axes[0].get_ylabel() == "triliun naira"


def test_a_fall_is_no_record_of_speed(tmp_path, capsys):
    # SYNTHETIC: every series of members falls (land 3 %/yr, north 2 %/yr) at coverage
    # near 60 %; the target needs a rise. The table said 'Fastest 2-year -2.0%/yr' and
    # 'At similar coverage -2.0%/yr': the best of the data was a fall, no speed anyone went.
    pop = [3e6] * 11
    land = [round(2.0e6 * 0.97 ** i) for i in range(11)]
    north = [round(1.0e6 * 0.98 ** i) for i in range(11)]
    obs = (year_ends("land", "pop", pop) + year_ends("land", "members", land)
           + year_ends("north", "members", north)
           + year_ends("land", "cov", [round(100 * m / 3e6, 2) for m in land])
           + year_ends("north", "cov", [round(100 * m / 1.5e6, 2) for m in north]))
    folder = write(tmp_path / "d", obs, [("land", "members", "2026-12-31", 1.6e6)])
    (entry,) = run_json(capsys, folder)["targets"]
    assert entry["speed"]["record"]["cagr"] < 0  # the data holds no rise at all
    for lang in ("en", "id"):
        text = run_text(capsys, folder, "land", "--lang", lang)
        labels = ("Fastest 2-year", "At similar coverage", "Tercepat 2 tahun",
                  "Pada cakupan serupa")
        rows = [(line.strip(), label) for line in text.splitlines() for label in labels
                if line.strip().startswith(label)]
        assert len(rows) == 2
        for row, label in rows:  # the row's first figure is no negative 'record'
            assert not row[len(label):].lstrip().startswith("-"), row


def test_a_region_fallen_below_a_target_it_once_passed_is_no_undetermined_case(tmp_path,
                                                                               capsys):
    # SYNTHETIC: coverage falls from 92 % (2014) to 76 % (2024); the target is 90 % by
    # 2027. From the bases above 90 % the growth required was none, so the ratio has no
    # meaning; the classification said 'undetermined' of a region moving away from it.
    values = [round(92 - 1.6 * i, 1) for i in range(11)]
    folder = write(tmp_path / "d", year_ends("land", "cov", values),
                   [("land", "cov", "2027-12-31", 90.0)])
    (entry,) = run_json(capsys, folder)["targets"]
    assert entry["history"][0]["value"] >= 90.0 > entry["last_observed"]["value"]
    assert entry["classifications"]["unsd"] == "regression"
    assert entry["classifications"]["statcan"] == "deterioration"
    assert all(b["classification_unsd"] != "undetermined" for b in entry["base_years"])


def test_a_coverage_chart_does_not_call_implied_years_observed(tmp_path, capsys):
    from forecast.plots import drawn_in_scheme, fan_chart

    # SYNTHETIC: coverage readings 52 % -> 90 % (2014-2024, every other year) beside
    # members and a population read every year that disagree with them by a point or two
    # (counts from other sources). Coverage moves with members from the last reading, and
    # its year-ends are the members' carried back from it, never read: the chart called
    # them 'observed (year-end)', the 2014 reading beside them 'sub-annual readings'. (Read
    # at every year-end the members were, the readings themselves are the history.)
    pop = [100e6 * 1.01 ** i for i in range(11)]
    cov = [52 + 3.8 * i for i in range(11)]
    members = [round(p * (c + 1.5) / 100) for p, c in zip(pop, cov)]
    obs = (year_ends("land", "pop", [round(p) for p in pop]) + year_ends("land", "members",
                                                                         members)
           + [r for r in year_ends("land", "cov", [round(c, 1) for c in cov])
              if int(r[2][:4]) % 2 == 0])
    folder = write(tmp_path / "d", obs, [("land", "cov", "2028-12-31", 98.0)])
    out = run_json(capsys, folder)
    entry = next(t for t in out["targets"] if t["metric"] == "cov")
    read = {f"{2014 + i}-12-31": round(c, 1) for i, c in enumerate(cov)}
    shown = {h["date"]: h["value"] for h in entry["history"]}
    assert any(abs(shown[d] - read[d]) > 0.5 for d in shown if d in read)  # not the readings
    for lang, line, crosses in (("en", "implied by members", "readings"),
                                ("id", "tersirat dari anggota", "pembacaan")):
        fig = drawn_in_scheme(out["scheme"], lambda: fan_chart(entry, lang=lang))
        labels = [t.get_text() for t in fig.legends[0].get_texts()]
        assert any(lb.startswith(line) for lb in labels), labels
        assert not any(lb.startswith(("observed", "teramati")) for lb in labels)
        if entry["sub_annual"]:
            assert crosses in labels


def test_the_method_page_names_no_fund_model_a_scheme_does_not_have(tmp_path, capsys):
    from forecast.report.summary import summary_document
    from forecast.report.words import set_scheme

    # SYNTHETIC: a health scheme's members only. The summary's method page said 'For the
    # investment funds, a second, structural model builds the fund...' of a run without
    # funds or a fund model.
    folder = write(tmp_path / "d", year_ends("land", "members", [1e6 * 1.05 ** i
                                                                 for i in range(11)]),
                   [("land", "members", "2027-12-31", 2e6)])
    out = run_json(capsys, folder)
    assert "funds_model" not in out
    try:
        for lang, word in (("en", "fund"), ("id", "dana")):
            doc = summary_document({"run_id": "r", "parameters": {}},
                                   [("land", out, {})], {}, lang, None)
            (extra,) = doc["method_extra"]
            assert extra["text"] and word not in extra["text"].lower()
    finally:
        set_scheme(None)


def test_a_fall_too_small_to_show_is_printed_as_no_change(tmp_path, capsys):
    # SYNTHETIC: members 1,000,000 -> 999,900 over three years (-0.003 %/yr) from the base
    # 2021; the base-year table printed '-0.0%' and a ratio of '-0.00'.
    values = [900000, 950000, 1000000, 1000000, 999950, 999900]
    folder = write(tmp_path / "d", year_ends("land", "members", values, first=2019),
                   [("land", "members", "2027-12-31", 1.2e6)])
    text = run_text(capsys, folder)
    row = next(line for line in text.splitlines() if line.strip().startswith("2021 "))
    assert "-0.0%" not in row and "-0.00" not in row
    assert "0.0%" in row


def test_own_series_gives_no_skill_against_a_baseline_whose_brier_shows_as_zero(tmp_path):
    import re

    from benchmarks import own_series

    # SYNTHETIC: a steady series (members 20 % -> 65 % of a population growing 1 %/yr) that
    # the random walk with drift answers right every time, up to float noise (Brier about
    # 1e-14): the table printed its Brier as 0.0000 and a skill of ours of -2674459305752.7.
    # Its header also counted 'forecasts per method' over a method that did not run.
    values = [round(3e6 * 1.01 ** i * (0.20 + 0.035 * i)) for i in range(14)]
    folder = write(tmp_path / "d", year_ends("land", "members", values, first=2012),
                   [("land", "members", "2030-12-31", 3e6)])
    out = tmp_path / "out"
    assert own_series.main(["--data-dir", str(folder), "--out", str(out)]) == 0
    md = (out / "own_series.md").read_text()
    rows = {r.split("|")[1].strip(): [c.strip() for c in r.split("|")[2:-1]]
            for r in md.splitlines() if r.startswith("| ") and "---" not in r}
    for method, cells in rows.items():
        if cells[5] == "0.0000":
            assert cells[6].startswith("none possible"), (method, cells)
    n_ours = rows["ours (calibrated)"][0]
    assert re.search(rf"; {n_ours} forecasts and", md)


def test_a_quarterly_reading_of_coverage_published_alone_starts_its_projection(tmp_path,
                                                                               capsys):
    # SYNTHETIC: coverage published only as a percentage: year-ends 20 % -> 40 % (2015-2023)
    # and quarterly readings in 2024 (41.0, 42.0, 43.5 %). The projection started from
    # end-2023: 'Last observed 40.0% (2023-12-31)', nine months behind its own data.
    obs = year_ends("land", "cov", [20 + 2.5 * i for i in range(9)], first=2015)
    obs += [("land", "cov", d, v) for d, v in (("2024-03-31", 41.0), ("2024-06-30", 42.0),
                                               ("2024-09-30", 43.5))]
    # And one held near 100 % whose last reading (99.95 %) is during the year.
    obs += year_ends("north", "cov", [99.0 + 0.1 * i for i in range(9)], first=2015)
    obs += [("north", "cov", "2024-09-30", 99.95)]
    folder = write(tmp_path / "d", obs, [("land", "cov", "2026-12-31", 50.0),
                                         ("north", "cov", "2026-12-31", 99.0)])
    (entry,) = run_json(capsys, folder)["targets"]
    assert entry["last_observed"] == {"date": "2024-09-30", "value": 43.5}
    assert entry["p10"] > 40.0  # it rose every quarter: the band starts from where it is
    (near,) = run_json(capsys, folder, "north")["targets"]
    assert near["last_observed"]["date"] == "2024-09-30"
    assert all(0 < f["p10"] <= f["p50"] <= f["p90"] < 100.0 for f in near["fan"])


def test_a_base_year_is_the_year_its_reading_was_taken(tmp_path, capsys):
    # SYNTHETIC: north is read four times, in June 2016, December 2019, March 2024 and June
    # 2025 (pooled with land's year-ends). The base-year table and the classification said
    # 'from 2015' for the June 2016 reading and '2023' for March 2024 (decimal years
    # rounded: 31 December of Y is Y.0, so mid-2016 is 2015.5).
    dates = ("2016-06-30", "2019-12-31", "2024-03-31", "2025-06-30")
    obs = year_ends("land", "members", [1e6 * 1.09 ** i for i in range(12)])
    obs += [("north", "members", d, round(8e4 * 1.09 ** (int(d[:4]) - 2014)))
            for d in dates]
    folder = write(tmp_path / "d", obs, [("north", "members", "2027-12-31", 2.6e5)])
    (entry,) = run_json(capsys, folder, "north")["targets"]
    read_years = {int(d[:4]) for d in dates}
    assert {b["base_year"] for b in entry["base_years"]} <= read_years
    assert entry["classifications"]["base_year"] == 2016


def test_steps_after_a_march_reading_are_named_by_their_own_year(tmp_path, capsys):
    from forecast.plots import fan_points

    # SYNTHETIC: coverage 40 % -> 60 % (2014-2024) beside its counts, and a reading on 31
    # March 2025 that anchors it; the projection steps a year at a time from there (31 March
    # 2026, 2027, ...). Decimal years rounded named the 31 March 2029 step '2028': 'Median
    # reaches it 2028' beside 'reached with 50 % by 2029-03-31'; the fan's years were a
    # year early and the chart drew each March value at the December before.
    pop = [100e6 * 1.01 ** i for i in range(11)]
    cov = [40 + 2 * i for i in range(11)]
    obs = (year_ends("land", "pop", [round(p) for p in pop])
           + year_ends("land", "members", [round(p * c / 100) for p, c in zip(pop, cov)])
           + year_ends("land", "cov", cov) + [("land", "cov", "2025-03-31", 60.5)])
    folder = write(tmp_path / "d", obs, [("land", "cov", "2027-12-31", 66.0)])
    (entry,) = run_json(capsys, folder)["targets"]
    assert entry["last_observed"]["date"] == "2025-03-31"
    assert [f["year"] for f in entry["fan"][:3]] == [2026, 2027, 2028]
    half = entry["reachable"]["dates"][0]
    assert half["date"].endswith("-03-31")
    assert entry["year_median_reaches"] == half["year"]
    # The chart draws each step at its March, not at the December before it.
    xs = [x for x, *_ in fan_points(entry)["band"][1:-1]]
    assert xs and all(abs(x % 1 - 0.25) < 0.01 for x in xs)


def test_a_scheme_without_coverage_has_a_track_record(tmp_path, capsys):
    # SYNTHETIC: the pension fund above (assets only, no coverage metric, so no count every
    # run projects). The track record re-ran the engine 'as of 0 past year-ends' and said
    # no target had been stated by them, with eleven year-ends in the data.
    out, folder = _fund(tmp_path, capsys)
    got = run_json(capsys, folder, "land", "--track-record")["track_record"]
    assert len(got["vintages"]) >= 5  # 2016 ... 2023: three year-ends known from 2016
    assert got["n"] > 0 and got["brier"] is not None


def test_a_flows_readings_during_the_year_are_called_year_to_date(tmp_path, capsys):
    from forecast.plots import drawn_in_scheme, fan_chart

    # SYNTHETIC: a flow (contributions, flow = true) read at each year-end and at each June
    # (the sum from January: about half the year's). The chart called the June sums
    # 'sub-annual readings', a second series half as high as the first.
    scheme = SCHEME + '\n[metrics.contrib]\nunit = "naira"\nen = "Contributions"\n' \
        'id = "Iuran"\nflow = true\n'
    obs = [("land", "contrib", f"{y}-12-31", 1e11 * 1.1 ** i, "naira", "")
           for i, y in enumerate(range(2014, 2025))]
    obs += [("land", "contrib", f"{y}-06-30", 0.47e11 * 1.1 ** i, "naira", "")
            for i, y in enumerate(range(2014, 2025))]
    folder = write_scheme_folder(tmp_path / "d", scheme, REGIONS, obs,
                                 [("land", "contrib", "2027-12-31", 1.6e11, "naira", "")])
    out = run_json(capsys, folder)
    (entry,) = out["targets"]
    assert entry["sub_annual"]
    for lang, words in (("en", "year-to-date readings"), ("id", "pembacaan tahun berjalan")):
        fig = drawn_in_scheme(out["scheme"], lambda: fan_chart(entry, lang=lang))
        assert words in [t.get_text() for t in fig.legends[0].get_texts()]


def test_a_track_record_with_nothing_to_re_run_says_why(tmp_path, capsys):
    from forecast.report.trackpage import intro_sentence, track_sentence

    # SYNTHETIC: as of the end of 2015 the fund had two year-ends (2014, 2015): no past
    # year-end had the three the engine needs. The record said 're-run as of 0 past
    # year-ends ... scored on the 0 forecasts' and 'no target settled since had been
    # stated ... by one of the past year-ends re-run', a reason that was not the reason.
    _, folder = _fund(tmp_path, capsys)
    tr = run_json(capsys, folder, "land", "--as-of", "2015", "--track-record")["track_record"]
    assert tr["vintages"] == []  # the data: two year-ends by then
    for lang in ("en", "id"):
        intro = intro_sentence(tr, lang)
        assert " 0 " not in intro and "3" in intro
        assert track_sentence(tr, lang) == ""
    text = run_text(capsys, folder, "land", "--as-of", "2015", "--track-record")
    block = text[text.index("Track record"):]
    assert "0 past year-ends" not in block and "stated" not in block


def test_a_target_due_at_the_year_end_nowcast_from_a_reading_is_assessed(tmp_path, capsys):
    # SYNTHETIC: members grow 4 %/yr to 2.70M at end-2024; a Sep 2025 reading of 2.78M; the
    # target is 2.75M by end-2025. As of 31 Oct 2025 the projection starts at the nowcast
    # end-2025, the target's own date, and the run stopped: 'forecast: error: target_date:
    # 2025-12-31 is not after the last observation of land/members (2025-12-31)', exit 2.
    # The shipped data stopped the same way as of any day between Oct and Dec 2025.
    values = [round(2.70e6 / 1.04 ** (2024 - y)) for y in range(2014, 2025)]
    obs = year_ends("land", "members", values) + [("land", "members", "2025-09-30", 2.78e6)]
    folder = write(tmp_path / "d", obs, [("land", "members", "2025-12-31", 2.75e6),
                                         ("land", "members", "2027-12-31", 3.0e6)])
    out = run_json(capsys, folder, "land", "--as-of", "2025-10-31")
    first = next(t for t in out["targets"] if t["target_date"] == "2025-12-31")
    assert first["last_observed"] == {"date": "2025-09-30", "value": 2.78e6}
    assert first["required_growth"] == "already_reached"  # the reading is above it
    assert first["probability"] > 0.5
    assert len(out["targets"]) == 2
    # 'achieved in 2025' is the same year's additions for both targets of the metric.
    later = next(t for t in out["targets"] if t["target_date"] == "2027-12-31")
    assert first["monthly_achieved_last_year"] == later["monthly_achieved_last_year"] > 0
    assert main(["run", "--as-of", "2025-10-31", "--n-paths", "200"]) == 0
    capsys.readouterr()



def test_a_change_too_small_for_its_scale_is_no_net_fall_of_zero():
    from forecast.report.i18n import _monthly

    # Net additions needed in millions a month beside a fall of 20 thousand a month: at the
    # sentence's shared scale the fall printed as 'a net fall of 0.0 million a month'.
    entry = {"unit": "persons", "metric": "active_total", "target_value": 60e6,
             "monthly_needed": 1.5e6, "monthly_achieved_last_year": -2e4,
             "last_observed": {"date": "2025-10-31", "value": 42.7e6}}
    for lang, words in (("en", "almost no net change"), ("id", "hampir tanpa perubahan")):
        text = _monthly(entry, lang)
        assert words in text and "0,0" not in text and "0.0" not in text, text
