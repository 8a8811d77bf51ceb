"""Other schemes through ``--data-dir``, fourth round: shapes unlike the shipped data (a
coverage share that fell, a province published as a percentage only, many regions, counts
in the hundreds).

Every folder here is SYNTHETIC, written by the test: made-up numbers that describe no real
scheme. Each oracle is the data itself (what was read, where it sits), never the code
under test.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows
from conftest import year_ends as conftest_year_ends

from forecast.cli import main

SCHEME = SYNTHETIC_SCHEME_HEAD.format(what="round-4", level="province") + "\n" \
    + SYNTHETIC_COVERAGE_METRICS
UNIT = {"members": "people", "pop": "people", "cov": "pct"}
REGIONS = (("land", "Land", "land", ""), ("north", "North", "province", "land"))


def year_ends(region, metric, values, first=2015):
    return conftest_year_ends(region, metric, values, first)


def run_json(capsys, folder: Path, region: str, *extra) -> dict:
    assert main(["run", "--data-dir", str(folder), "--region", region, "--n-paths", "300",
                 "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def _falling_province(tmp_path) -> tuple[Path, list[float]]:
    # SYNTHETIC: the nation's members grow 4 %/yr over a population growing 1 %/yr; North
    # publishes only its coverage, which fell from 44 % to 29.3 % (2015-2025), on the same
    # base. North has no count: its coverage moves with the nation's members.
    pop = [10e6 * 1.01 ** i for i in range(11)]
    members = [4e6 * 1.04 ** i for i in range(11)]
    north = [round(44 * 0.96 ** i, 2) for i in range(11)]
    obs = (year_ends("land", "pop", [round(p) for p in pop])
           + year_ends("land", "members", [round(m) for m in members])
           + year_ends("land", "cov", [round(100 * m / p, 2) for m, p in zip(members, pop)])
           + year_ends("north", "cov", north))
    return write_rows(tmp_path / "d", SCHEME, REGIONS, UNIT, obs,
                      [("north", "cov", "2030-12-31", 45.0)]), north


def test_coverage_moved_with_the_nation_keeps_the_regions_own_history(tmp_path, capsys):
    folder, north = _falling_province(tmp_path)
    entry = run_json(capsys, folder, "north")["targets"][0]
    # Its history is what North read, not the nation's members carried back under its name.
    assert [h["value"] for h in entry["history"]] == north
    achieved = (north[-1] / north[0]) ** (1 / 10) - 1  # -4 %/yr, the readings' own pace
    assert abs(entry["historical_cagr"] - achieved) < 1e-6
    assert entry["median"] > north[-1]  # the nation's members carry it up ...
    notes = [n for n in entry["engine"]["notes"] if isinstance(n, dict)]
    assert any(n["code"] == "rise_carried_by" and n["assumption"] == "national_participants"
               for n in notes)  # ... and the output says that assumption carries the rise
    assert main(["run", "--data-dir", str(folder), "--region", "north", "--n-paths",
                 "300"]) == 0
    text = capsys.readouterr().out
    assert "(2015-2025)" in text and "Why it rises" in text
    # Land's top level is "land", no nation: the words name it (round 5).
    assert "coverage is moved with the members' projected growth of Land" in text


def test_a_coverage_pace_is_named_by_the_years_of_its_own_history(tmp_path, capsys):
    from forecast.report import i18n

    # SYNTHETIC: North's coverage read from 2019 only; the nation's members from 2015.
    folder, north = _falling_province(tmp_path)
    lines = (folder / "observations.csv").read_text().splitlines()
    kept = [ln for ln in lines if not ln.startswith(tuple(f"north,cov,{y}" for y in
                                                          range(2015, 2019)))]
    (folder / "observations.csv").write_text("\n".join(kept) + "\n")
    out = run_json(capsys, folder, "north")
    entry = out["targets"][0]
    assert entry["history"][0]["date"] == "2019-12-31"
    from forecast.report.words import set_scheme
    set_scheme(out["scheme"])
    try:
        assert "At the pace of 2019-2025" in i18n.verdict_text(entry, "en")
    finally:
        set_scheme(None)


def test_the_indonesian_rise_note_writes_its_rate_with_a_decimal_comma():
    from forecast.reasons import reason, reason_text

    note = reason("rise_carried_by", metric="cov", region="north", region_name="North",
                  assumption="own_trend", historical_growth=-0.0234)
    assert "(-2,3 %/tahun)" in reason_text(note, "id")
    assert "(-2.3%/yr)" in reason_text(note, "en")


def test_the_summary_lists_regions_by_the_numbers_in_their_names():
    from forecast.report.summary import summary_rows

    def region(i):
        return (f"d{i}", {"region_name": f"District {i}", "targets": [],
                          "observations": [], "projections": []}, {"status": "ok"})

    _, rest = summary_rows([region(i) for i in (13, 101, 9, 1)], "en")
    assert [r["region"] for r in rest] == ["District 1", "District 9", "District 13",
                                           "District 101"]


def test_a_long_list_of_targets_is_charted_over_pages_on_one_axis(tmp_path):
    from forecast.report.render import GROWTH_ROWS, growth_pages

    n = 2 * GROWTH_ROWS + 5
    rows = [{"label": f"District {i}: members 2030", "required_cagr": 0.01 * (i % 9),
             "historical_cagr": -0.02 + 0.001 * i} for i in range(n)]
    figures = growth_pages(rows, "en", tmp_path)
    assert len(figures) == 3 and all((tmp_path / f["file"]).is_file() for f in figures)
    # Each page's chart at a readable size: as wide as a full chart of GROWTH_ROWS targets.
    assert len({f["width_cm"] for f in figures[:2]}) == 1 and figures[0]["width_cm"] > 14


def test_a_chart_of_a_few_thousand_members_is_in_members_not_millions(tmp_path):
    from forecast.plots import _axis
    from forecast.report import numbers
    from forecast.report.words import set_scheme

    from forecast.report import i18n

    set_scheme({"units": {"hh": {"max": 1e8, "labels": {"en": "members", "id": "anggota"},
                                 "count": True}},
                "metrics": {"m": {"unit": "hh", "labels": {"en": "Enrolled members",
                                                           "id": "Anggota terdaftar"}}}})
    try:
        assert _axis("hh", "en", numbers, [800.0, 2600.0]) == (1.0, "members")
        assert _axis("hh", "en", numbers, [20e3, 90e3]) == (1e3, "thousand members")
        assert _axis("hh", "id", numbers, [2e6, 5e6]) == (1e6, "juta anggota")
        # The built-in persons too: a district of 22 thousand, a nation of 40 million.
        assert _axis("persons", "en", numbers, [21.9e3, 27.9e3]) == (1e3, "thousand persons")
        assert _axis("persons", "id", numbers, [40e6, 70e6]) == (1e6, "juta orang")
        assert _axis("persons", "en", numbers, [600.0, 900.0]) == (1.0, "persons")
        # In a table cell the unit's name may wrap to the next line: a plain space before it.
        assert numbers.value(21600, "hh", "en") == "21.6\u00a0thousand members"
        # A few thousand counted as such: 2,160 members, not 2.2 thousand members.
        assert numbers.value(2160, "hh", "en") == "2,160 members"
        assert numbers.value(577, "hh", "id", signed=True) == "+577 anggota"
        target = {"metric": "m", "target_value": 2500.0, "unit": "hh"}  # the verdict's words
        assert i18n.target_phrase(target, "en") == "2,500 enrolled members"
        assert i18n.target_phrase(target, "id") == "anggota terdaftar 2.500"
    finally:
        set_scheme(None)


def test_a_resumed_batch_times_what_is_left_by_the_regions_run_now():
    import io

    from forecast.progress import Progress

    # 150 regions; 40 finished before a kill -9, then `--resume`: each region now takes 10 s.
    now = [0.0]
    out = io.StringIO()
    bar = Progress(out, tty=False, width=10, clock=lambda: now[0])
    for done in (41, 42):
        now[0] += 10.0
        bar.update({"region": f"r{done}", "status": "ok"}, done, 150)
    # 108 regions left at 10 s each: 18:00, not 0:26 (20 s over 42 regions counted as run).
    assert out.getvalue().splitlines()[-1].startswith(
        "[##--------] 42/150 regions, 0 failed, 18:00 left")


def test_the_legend_of_a_falling_coverage_chart_covers_none_of_its_readings(tmp_path,
                                                                             capsys):
    from forecast.plots import drawn_in_scheme, fan_chart
    from forecast.series import decimal_year

    # SYNTHETIC: North's coverage fell from 44 % to 29.3 %: its early years are top left,
    # where the legend of a rising series sits.
    folder, _ = _falling_province(tmp_path)
    out = run_json(capsys, folder, "north")
    entry = out["targets"][0]
    fig = drawn_in_scheme(out["scheme"], lambda: fan_chart(entry, lang="en"))
    fig.canvas.draw()
    ax = fig.axes[0]
    box = fig.legends[0].get_window_extent()  # below the plot, off every reading
    points = ax.transData.transform([(decimal_year(h["date"]), h["value"])
                                     for h in entry["history"]])
    assert not any(box.contains(x, y) for x, y in points)


def test_a_one_year_window_is_one_year_not_one_years():
    from forecast.textfmt import format_speed

    fall = {"cagr": -0.025, "region": "land", "region_name": "Land", "metric": "cov",
            "start_date": "2015-12-31", "end_date": "2016-12-31"}
    lines = format_speed({"speed": {"window_years": 1, "record": fall, "n_windows": 9,
                                    "n_series": 1, "national_record": None,
                                    "required_above_record": None}})
    assert "grew over 1 year (the least fall" in lines[0], lines
    none = format_speed({"speed": {"window_years": 1, "record": None,
                                   "required_above_record": None}})
    assert none[0].endswith("has year-ends 1 year apart"), none
    three = format_speed({"speed": {"window_years": 3, "record": None,
                                    "required_above_record": None}})
    assert three[0].endswith("has year-ends 3 years apart"), three


def test_a_date_vintage_record_without_targets_does_not_send_the_user_to_date_vintages():
    from forecast.report.trackpage import track_sentence
    from forecast.texttrack import track_record_sentence

    # Re-run with every target (`--vintage date`), none of which settled: the reason is not
    # that targets were stated later, and `--vintage date` is what was run.
    band = {"band": "unlikely", "n": 4, "met": 0, "missed": 4}
    for basis, told in (("date", False), ("published", True)):
        tr = {"basis": basis, "vintages": ["2020-12-31"], "n": 4,
              "by_kind": {"target": {"n": 0, "bands": []},
                          "threshold": {"n": 4, "bands": [band]}}}
        text = track_record_sentence(tr)
        assert ("`--vintage date`" in text) is told, text
        assert ("had been stated" in text) is told, text
        for lang in ("en", "id"):
            assert ("stated" in track_sentence(tr, lang)
                    or "dinyatakan" in track_sentence(tr, lang)) is told


def test_the_run_text_counts_a_few_thousand_members_as_such():
    from forecast.textnum import UNITS, fmt_value

    token = UNITS.set({"hh": {"max": 1e8, "labels": {"en": "members", "id": "anggota"},
                              "count": True}})
    try:
        # A target of 2,300 beside a reading of 2,160: "2.3k" and "2.2k" hid 140 members.
        assert fmt_value(2300, "hh") == "2,300 members"
        assert fmt_value(2160, "hh", signed=True) == "+2,160 members"
        assert fmt_value(21600, "hh") == "21.6k members"
    finally:
        UNITS.reset(token)


def test_a_coverage_verdict_names_the_years_its_growth_is_measured_over():
    from forecast.report import i18n
    from forecast.report.words import set_scheme

    # The shipped national coverage targets (the README's example run): coverage is carried
    # back from the October 2025 reading over 10 years of counts, so its growth runs from
    # its history's first year-end to that reading; "the pace of 2014-2024" (the counts'
    # years) sat beside "its average rate since 2016" in one sentence.
    examples = Path(__file__).resolve().parents[1] / "reports" / "examples"
    out = json.loads((examples / "national_results.json").read_text(encoding="utf-8"))
    set_scheme(out.get("scheme"))
    try:
        for entry in (e for e in out["targets"] if e.get("coverage_basis")):
            years = f"{entry['history'][0]['date'][:4]}-{entry['history'][-1]['date'][:4]}"
            assert entry["history"][-1]["date"] == entry["coverage_basis"]["anchor_date"]
            assert i18n.verdict_text(entry, "en").startswith(f"At the pace of {years},")
            assert i18n.verdict_text(entry, "id").startswith(f"Dengan laju {years},")
    finally:
        set_scheme(None)


def test_the_summary_lists_a_target_with_its_own_digits(tmp_path, capsys):
    from forecast.report.build import target_label
    from forecast.report.summary import summary_rows
    from forecast.report.words import set_scheme

    folder, _ = _falling_province(tmp_path)
    out = run_json(capsys, folder, "north")
    entry = {**out["targets"][0], "median": 44.98, "p10": 44.0, "p90": 45.9}
    set_scheme(out["scheme"])
    try:
        # The region's table prints 45.00 % beside a median of 44.98 %; the summary's row
        # has no median, and 45.00 % beside 55.0 % and 60.0 % looked like another precision.
        assert target_label(entry, "en").startswith("Coverage: 45.00\u00a0%")
        assessed, _ = summary_rows([("north", {**out, "targets": [entry]}, {})], "en")
        assert assessed[0]["target"].startswith("Coverage: 45.0\u00a0% by end-2030")
    finally:
        set_scheme(None)
