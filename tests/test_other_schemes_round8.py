"""Other schemes through ``--data-dir``, eighth round: an ageing country whose labour force
shrinks, a region whose coverage sits at 99.5 % for years, readings taken in June.

Every folder here is SYNTHETIC, written by the test: made-up numbers that describe no real
scheme. Each oracle is the data itself or a hand-written string, never the code under test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import SYNTHETIC_SCHEME_HEAD, one_line_error, write_scheme_folder

from forecast.cli import main

# The shared head (conftest), its braces doubled for this file's own format() below.
HEAD = SYNTHETIC_SCHEME_HEAD.format(what="pension", level="prefecture").replace(
    "{", "{{").replace("}", "}}") + '''
[metrics.members]
unit = "people"
en = "Members"
id = "Anggota"
ceiling = "{base}"

[metrics.{base}]
unit = "people"
en = "{label}"
id = "{label_id}"

[metrics.cov]
unit = "pct"
en = "Coverage"
id = "Cakupan"
numerator = "members"
denominator = "{base}"
ceiling = "{base}"
denominators = ["{base}"]
'''
REGIONS = (("land", "Synthland", "land", ""), ("north", "North Prefecture", "prefecture", "land"))


def _region_rows(region: str, base: str, years, base_of, members_of, cov_of=None) -> list:
    """Year-end rows of ``region``: its base, members and coverage (members over the base,
    or ``cov_of(year)`` as published)."""
    rows = []
    for y in years:
        b, m = base_of(y), members_of(y)
        c = cov_of(y) if cov_of else 100 * m / b
        rows += [(region, base, f"{y}-12-31", f"{b:.0f}", "people", ""),
                 (region, "members", f"{y}-12-31", f"{m:.0f}", "people", ""),
                 (region, "cov", f"{y}-12-31", f"{c:.2f}", "pct", base)]
    return rows


def _ageing(folder: Path) -> Path:
    # SYNTHETIC: the nation's labour force shrinks 1.2 %/yr; the north's shrinks 3.2 %/yr
    # while its members fall 1.55 %/yr, so its coverage RISES, 54.0 % (2008) to 71.7 % (2025).
    years = range(2008, 2026)
    rows = _region_rows("land", "lf", years, lambda y: 60e6 * 0.988 ** (y - 2008),
                        lambda y: 36e6 * 1.015 ** (y - 2008))
    rows += _region_rows("north", "lf", years, lambda y: 24e6 * 0.968 ** (y - 2008),
                         lambda y: 12.96e6 * 0.9845 ** (y - 2008))
    toml = HEAD.format(base="lf", label="Labour force", label_id="Angkatan kerja")
    return write_scheme_folder(folder, toml, REGIONS, rows,
                               [("north", "cov", "2028-12-31", "95", "pct", "lf")])


def _run(folder: Path, region: str, tmp_path: Path, *extra) -> dict:
    out = tmp_path / f"{region}.json"
    assert main(["run", "--data-dir", str(folder), "--region", region, "--n-paths", "300",
                 "--output", str(out), *extra]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_a_regions_coverage_past_follows_its_own_shrinking_base(tmp_path, capsys):
    # The north's past coverage was implied from its members over the NATION's labour force
    # (-1.2 %/yr): "growth achieved -0.35 %/yr", "has been falling", "regression", while
    # its 18 readings rise every year (54.0 % to 71.7 %).
    folder = _ageing(tmp_path / "ageing")
    got = _run(folder, "north", tmp_path)["targets"][0]
    readings = {y: 100 * 12.96e6 * 0.9845 ** (y - 2008) / (24e6 * 0.968 ** (y - 2008))
                for y in range(2008, 2026)}
    rise = (readings[2025] / readings[2015]) ** 0.1 - 1  # about 1.7 %/yr
    assert abs(got["historical_cagr"] - rise) < 0.002, got["historical_cagr"]
    for row in got["history"]:
        assert abs(row["value"] - readings[int(row["date"][:4])]) < 0.1, row
    assert got["classification"] != "regression"
    out = capsys.readouterr().out
    assert "has been falling" not in out and "Why it rises" not in out
    # The base the paths move it over is the north's own, and a shrinking one is falling.
    assert "over labour force falling 3.2%/yr" in out, out


def test_a_shrinking_base_is_said_to_fall_in_indonesian_too(tmp_path, capsys):
    folder = _ageing(tmp_path / "ageing")
    assert main(["run", "--data-dir", str(folder), "--region", "north", "--n-paths", "200",
                 "--lang", "id"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"dengan angkatan kerja turun 3,2 ?%/tahun", out), out
    assert "tumbuh -" not in out


def _steady(folder: Path) -> Path:
    # SYNTHETIC: the north's coverage is 99.5 % every year-end from 2016 on (residents +0.3
    # %/yr, the nation's +0.4 %/yr); targets 100 % by 2027 and 99.8 % by 2029.
    years = range(2012, 2026)
    rows = _region_rows("land", "res", years, lambda y: 10e6 * 1.004 ** (y - 2012),
                        lambda y: 10e6 * 1.004 ** (y - 2012) * (0.80 + 0.012 * (y - 2012)))
    cover = {y: (99.5 if y >= 2016 else 97 + 0.6 * (y - 2012)) for y in years}
    rows += _region_rows("north", "res", years, lambda y: 3e6 * 1.003 ** (y - 2012),
                         lambda y: 3e6 * 1.003 ** (y - 2012) * cover[y] / 100,
                         lambda y: cover[y])
    toml = HEAD.format(base="res", label="Residents", label_id="Penduduk")
    return write_scheme_folder(folder, toml, REGIONS, rows,
                               [("north", "cov", "2027-12-31", "100", "pct", "res"),
                                ("north", "cov", "2029-12-31", "99.8", "pct", "res")])


def test_coverage_at_99_5_for_years_is_neither_falling_nor_above_100(tmp_path, capsys):
    # Implied over the nation's faster-growing residents, ten flat readings became a fall
    # (-0.1 %/yr, "regression (q=-38.50)") from a past above 100 % (100.3 % in 2016).
    got = _run(_steady(tmp_path / "steady"), "north", tmp_path)["targets"]
    for t in got:
        assert all(row["value"] <= 100.0 for row in t["history"]), t["history"]
        assert [round(r["value"], 2) for r in t["history"] if r["date"] >= "2016"] == \
            [99.5] * 10, t["history"]
        assert abs(t["historical_cagr_3y"]) < 5e-4, t["historical_cagr_3y"]
    assert got[1]["classification"] != "regression"
    assert "has been falling" not in capsys.readouterr().out


def test_a_step_whole_years_after_a_june_reading_falls_on_its_anniversary(tmp_path, capsys):
    # SYNTHETIC: coverage read at 30 June 2026 (90.5 %), rising 1.5 points a year; the
    # projection's steps fall on 30 June each year, and one two years on (a leap year)
    # was dated 2028-06-29.
    years = range(2012, 2026)
    rows = _region_rows("land", "res", years, lambda y: 4e6,
                        lambda y: 4e6 * (0.70 + 0.015 * (y - 2012)))
    rows += [("land", "members", "2026-06-30", "3620000", "people", ""),
             ("land", "cov", "2026-06-30", "90.5", "pct", "res")]
    toml = HEAD.format(base="res", label="Residents", label_id="Penduduk")
    folder = write_scheme_folder(tmp_path / "june", toml, REGIONS[:1], rows,
                                 [("land", "cov", "2026-12-31", "92", "pct", "res")])
    dates = [d["date"] for d in _run(folder, "land", tmp_path)["targets"][0]["reachable"][
        "dates"] if d["date"]]
    assert dates and all(d.endswith("-06-30") for d in dates), dates
    # Residents read at 4,000,000 every year: a base that does not move, not one "falling
    # 0.0%/yr" (its trend's growth a rounding error below zero).
    out = capsys.readouterr().out
    assert "over residents growing 0.0%/yr" in out and "falling 0.0" not in out, out


def test_coverage_read_every_year_with_its_count_read_once_keeps_its_readings_as_its_past(
        tmp_path, capsys):
    # SYNTHETIC: the north's coverage is read every year-end 2016-2025 (55.0 % rising 1.6
    # points a year), its members once (2020). Its past was implied from that one count:
    # "n/a over the last 3 years (no reading 2 to 4 years before 2025)", with three there.
    years = range(2010, 2026)
    rows = _region_rows("land", "lf", years, lambda y: 4.2e6 * 1.01 ** (y - 2010),
                        lambda y: 2.5e6 + 1.1e5 * (y - 2010))
    cover = {y: round(55 + 1.6 * (y - 2016), 1) for y in range(2016, 2026)}
    rows += [("north", "cov", f"{y}-12-31", f"{c}", "pct", "lf") for y, c in cover.items()]
    rows.append(("north", "members", "2020-12-31", "1100500", "people", ""))
    toml = HEAD.format(base="lf", label="Labour force", label_id="Angkatan kerja")
    folder = write_scheme_folder(tmp_path / "once", toml, REGIONS, rows,
                                 [("north", "cov", "2028-12-31", "75", "pct", "lf")])
    got = _run(folder, "north", tmp_path)["targets"][0]
    assert [round(r["value"], 1) for r in got["history"]] == list(cover.values())
    assert abs(got["historical_cagr"] - ((cover[2025] / cover[2016]) ** (1 / 9) - 1)) < 1e-4
    assert abs(got["historical_cagr_3y"] - ((cover[2025] / cover[2022]) ** (1 / 3) - 1)) < 1e-4
    assert "no reading 2 to 4 years" not in capsys.readouterr().out


def _quarterly(folder: Path) -> Path:
    # SYNTHETIC: the nation publishes its coverage only as a percentage, every quarter
    # (96.0 % rising 0.3 points a quarter to 99.5 %); the north too, once at end-2025 and
    # once at 30 June 2026. No count moves either.
    rows = [("land", "cov", f"{y}-{md}", f"{min(99.5, 96 + 0.3 * (4 * (y - 2019) + q)):.1f}",
             "pct", "res") for y in range(2019, 2026)
            for q, md in enumerate(("03-31", "06-30", "09-30", "12-31"))]
    rows += [("north", "cov", "2025-12-31", "88.0", "pct", "res"),
             ("north", "cov", "2026-06-30", "88.4", "pct", "res")]
    toml = HEAD.format(base="res", label="Residents", label_id="Penduduk")
    return write_scheme_folder(folder, toml, REGIONS, rows,
                               [("north", "cov", "2026-12-31", "90", "pct", "res")])


def test_check_says_how_coverage_read_once_during_the_year_falls_short(tmp_path, capsys):
    # It said "its readings recur each year on None": a percentage is never pooled, so
    # the nation's year-ends do not make the north's two readings projectable.
    folder = _quarterly(tmp_path / "q")
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "None" not in out, out
    assert ("targets.csv:2: warning: north cov: 1 of its readings falls during the year and "
            "1 at a year-end (12-31); expected 3 or more year-ends") in out, out
    assert main(["run", "--data-dir", str(folder), "--region", "north"]) == 0
    assert "only 1 year-end reading of coverage on one base" in capsys.readouterr().out


def test_a_target_just_below_full_coverage_is_not_called_the_bound_itself(tmp_path, capsys):
    # SYNTHETIC: coverage read as a percentage each year-end, 99.0 % rising to 99.9 %; the
    # target of 99.95 % counts as reached from 99.95 %, as one of 100 % does, but it is not
    # "the most the quantity can be (100.0%)".
    rows = [("land", "cov", f"{y}-12-31", f"{min(99.9, 99.0 + 0.15 * (y - 2019)):.2f}", "pct",
             "res") for y in range(2019, 2026)]
    toml = HEAD.format(base="res", label="Residents", label_id="Penduduk")
    folder = write_scheme_folder(tmp_path / "near", toml, REGIONS[:1], rows,
                                 [("land", "cov", "2027-12-31", "99.95", "pct", "res")])
    for lang, words in (("en", "the target is within rounding of the most the quantity can "
                               "be (100.0%)"),
                        ("id", "target hanya selisih pembulatan dari nilai terbesar yang "
                               "mungkin (100,0%)")):
        assert main(["run", "--data-dir", str(folder), "--n-paths", "200", "--lang", lang]) == 0
        out = capsys.readouterr().out
        assert words in out, out
        assert "the target is the most" not in out and "target adalah nilai terbesar" not in out


def test_compare_prints_a_change_that_rounds_to_nothing_without_a_minus():
    from forecast.compare_cmd import format_comparison

    # Two runs of a count at its ceiling: the method step moved the median by -8.7e-07
    # persons and a share's by -0.0004 points, printed "-0 people" and "-0.0 pp".
    def target(metric, value, median_step, prob_step):
        return {"metric": metric, "target_date": "2026-12-31",
                "target_value": {"a": value, "b": value},
                "probability": {"a": 0.5, "b": 0.5 + prob_step, "steps": [0.0, prob_step],
                                "assessed": [True, True, True], "interaction": -0.00004},
                "median": {"a": value, "b": value + median_step, "steps": [0.0, median_step],
                           "assessed": [True, True, True], "interaction": median_step}}
    c = {"a": "run A", "b": "run B", "steps": ["new_observations", "method"],
         "targets": [target("active_total", 1e7, -8.7e-07, 0.0),
                     target("coverage_pct", 97.0, -0.0004, -0.00004)], "data_changed": []}
    text = format_comparison(c, {"active_total": "persons", "coverage_pct": "percent"})
    assert "-0 " not in text and "-0.0 pp" not in text, text
    method = [line for line in text.splitlines() if line.strip().startswith("method")]
    assert len(method) == 2 and all(" 0" in line or "+0.0 pp" in line for line in method), text


def test_one_of_many_forecasts_reached_is_counted_in_the_singular():
    from forecast.texttrack import track_record_sentence

    # A series with a break: of ten thresholds called 'about as likely as not' one was
    # reached, printed "1 of 10 were reached".
    def band(name, n, met):
        return {"band": name, "n": n, "met": met, "missed": n - met}
    tr = {"by_kind": {"target": {"bands": []}, "threshold": {"bands": [
        band("very_unlikely", 57, 12), band("even", 10, 1), band("likely", 68, 68)]}}}
    text = track_record_sentence(tr)
    assert "'about as likely as not', 1 of 10 was reached" in text, text
    assert "'very unlikely', 45 of 57 were not reached" in text, text
    assert "68 of 68 were reached" in text, text


def test_a_scenario_on_a_scheme_without_a_national_region_says_so(tmp_path, capsys):
    # It said "applies to the national run only, found region 'land'": a region this
    # scheme does not have (its top region is land), so the user had nowhere to go.
    from forecast.config import DATA_DIR

    scenario = Path(DATA_DIR) / "scenarios" / "hypothetical_informal_drive.toml"
    folder = _ageing(tmp_path / "ageing")
    assert main(["run", "--data-dir", str(folder), "--n-paths", "100", "--scenario",
                 str(scenario)]) == 2
    err = one_line_error(capsys)
    # The scenario now applies to the top region's run, whatever its id: this scheme has no
    # active participants for it to move, and the line says so, naming the top region.
    assert "segments of the run of the top region Synthland ('land'), which need the metric " \
           "active_total, and this data folder's scheme.toml defines none" in err, err
    assert err.rstrip().endswith("run without it"), err
