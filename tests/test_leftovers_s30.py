"""Session 30's findings: each test failed before its change."""

import numpy as np
import pytest

from forecast import segments
from forecast.series import Series, decimal_year
from forecast.simulate import ModelScore, Projection

# ------------------------------------ informal's achieved pace ends at its last reading


def _segment(metric: str, dates: list, values: list, at_2026: float):
    series = Series(region="national", metric=metric, unit="persons",
                    t=np.array([decimal_year(d) for d in dates]), values=np.array(values),
                    dates=tuple(dates), source_ids=tuple("s" for _ in dates))
    t = np.array([2025.0, 2026.0])
    paths = np.tile([values[-1], at_2026], (5, 1))
    proj = Projection(series=series, t=t, paths=paths, model_paths={"x": paths},
                      scores=(ModelScore("x", True, 1.0, None, None, 0),), seed=0)
    return segments.SegmentProjection(metric=metric, series=series, projection=proj,
                                      fallback=True, reason="test")


def test_informal_achieved_runs_to_the_last_reading_not_the_last_year_end():
    # Year-ends to 2023 (9.19M), then a lower reading of April 2025 (8.99M): the pace
    # achieved used to end at 9.19M (2020-2023, 54 %/yr) two lines below the 8.99M the
    # need runs from.
    bpu = _segment("active_bpu", ["2020-12-31", "2021-10-31", "2023-12-31", "2025-04-30"],
                   [2.5e6, 3.04e6, 9.19e6, 8.99e6], 10e6)
    others = [_segment(m, ["2023-12-31", "2025-04-30"], [v, v], v)
              for m, v in (("active_pu", 28e6), ("active_jakon", 4e6), ("active_pmi", 6e5))]
    d = segments.decomposition([*others, bpu], 70e6, "2026-12-31")
    hist = d["informal_history"]
    assert hist["to"] == {"date": "2025-04-30", "value": 8.99e6}
    assert d["informal_required_from"]["date"] == hist["to"]["date"]
    # From the reading nearest three years before April 2025: October 2021's 3.04M.
    assert hist["from"] == {"date": "2021-10-31", "value": 3.04e6}
    years = decimal_year("2025-04-30") - decimal_year("2021-10-31")
    assert d["informal_historical_cagr"] == pytest.approx((8.99 / 3.04) ** (1 / years) - 1)
    years = decimal_year("2025-04-30") - decimal_year("2020-12-31")
    assert d["informal_historical_cagr_full"] == pytest.approx((8.99 / 2.5) ** (1 / years) - 1)


# ------------------------- the headline targets are known from their earliest statement


def test_the_headline_targets_are_known_from_october_2023(capsys):
    import json

    from forecast.cli import main

    # The seed articles are dated by their year only (read as its end); Harian Jogja
    # stated both targets on 20 Oct 2023, beside the Oct 2023 reading a run of November
    # 2023 uses. That run said "no target to compare against".
    code = main(["run", "--region", "national", "--as-of", "2023-11-30", "--format", "json",
                 "--n-paths", "200"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    got = {t["metric"]: t for t in out["targets"] if t["target_date"] == "2026-12-31"}
    assert got["active_total"]["target_value"] == 70e6
    assert got["active_total"]["target_source_id"] == "harianjogja-2023-10-20-target"
    # Then stated as Rp1,000T; the seed articles' Rp1,001T comes with their year's end.
    assert got["fund_investment"]["target_value"] == 1000
    code = main(["run", "--region", "national", "--as-of", "2023", "--format", "json",
                 "--n-paths", "200"])
    out = json.loads(capsys.readouterr().out)
    got = {t["metric"]: t for t in out["targets"] if t["target_date"] == "2026-12-31"}
    assert got["fund_investment"]["target_value"] == 1001


# ------------------------------------------------------ a target prints as it was stated


@pytest.mark.parametrize("entry, stated", [
    ({"unit": "persons", "target_value": 57.55e6, "median": 46.3e6}, "57.55 million"),
    ({"unit": "persons", "target_value": 2.65e6, "median": 2.1e6}, "2.65 million"),
    ({"unit": "percent", "target_value": 32.15, "median": 36.4}, "32.15 %"),
    ({"unit": "persons", "target_value": 70e6, "median": 46.35e6}, "70 million"),
])
def test_the_pdf_prints_a_target_as_stated(entry, stated):
    from forecast.report import i18n
    from forecast.report.numbers import NBSP

    # "57.5 million by end-2025" stood for a target of 57.55 million (and 32.1 % for 32.15 %,
    # 2.6 million for 2,650,000): one decimal rounds a stated .5 down.
    entry = {**entry, "metric": "active_total" if entry["unit"] == "persons" else
             "coverage_pct"}
    assert stated in i18n.target_phrase(entry, "en").replace(NBSP, " ")


def test_the_run_table_prints_a_past_target_as_stated():
    from forecast.textnum import extra_digits, fmt_value

    ex = extra_digits([32.15, 36.4], "percent", stated=32.15)
    assert fmt_value(32.15, "percent", extra=ex) == "32.15%"


# ------------------------------------------- a count's scale is said once, in both labels


@pytest.mark.parametrize("unit, key, found", [
    # English names thousands, Indonesian does not: one PDF said "17,5 juta" above
    # "17,5 ribu jiwa".
    ('[units.persons]\nmax = 1e10\nen = "thousand people"\nid = "jiwa"\n',
     "units.persons.id", "'jiwa'"),
    # A scale key on a count with plain labels was ignored: 17.5 million read "17.5k".
    ('[units.persons]\nmax = 1e10\nscale = 1e3\nen = "persons"\nid = "orang"\n',
     "units.persons.scale", "1000.0"),
])
def test_a_count_unit_names_one_scale(tmp_path, capsys, unit, key, found):
    from forecast.cli import main

    assert main(["init", str(tmp_path / "d")]) == 0
    toml = tmp_path / "d" / "scheme.toml"
    text = toml.read_text(encoding="utf-8")
    head = '[units.persons]\nmax = 10000000000\nen = "persons"\nid = "orang"\n'
    assert head in text
    toml.write_text(text.replace(head, unit), encoding="utf-8")
    capsys.readouterr()
    assert main(["data", "check", "--data-dir", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"key '{key}'" in err[0] and err[0].endswith(f"found {found}")


def test_a_count_unit_whose_labels_agree_is_read(tmp_path, capsys):
    from forecast.cli import main

    assert main(["init", str(tmp_path / "d")]) == 0
    toml = tmp_path / "d" / "scheme.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'en = "persons"\nid = "orang"', 'en = "thousand people"\nid = "ribu jiwa"'),
        encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(tmp_path / "d")]) == 0
    assert "ribu jiwa" in toml.read_text(encoding="utf-8")


# ----------------------------------------- a region projected below its own regions


def _fan(value, name, last="2025-10-31"):
    return {"region_name": name, "projections": [{
        "metric": "active_total", "unit": "persons", "projected": True,
        "last_observed": {"date": last, "value": value},
        "fan": [{"year": y, "p10": 0.9 * value * g, "p50": value * g, "p90": 1.1 * value * g}
                for y, g in ((2026, 1.0), (2027, 1.1))]}]}


def test_a_region_below_the_sum_of_its_own_regions_is_said(tmp_path):
    """Kanwil Jawa Timur (one province, Jawa Timur) was projected at 4.44M for 2026 from
    one reading of April 2018, beside the province's 5.66M; nothing said so."""
    import json

    import pandas as pd

    from forecast.regional import reconcile_run
    from forecast.report.numbers import NBSP
    from forecast.report.summary import reconciliation_section

    regions = pd.DataFrame({"id": ["nation", "office-a", "office-b", "p1", "p2", "p3"],
                            "level": ["nation", "office", "office", "province", "province",
                                      "province"],
                            "parent": ["", "nation", "nation", "office-a", "office-b",
                                       "office-b"]})
    results = {"nation": _fan(100e6, "Nation"),
               "office-a": _fan(4.44e6, "Office A", last="2018-04-30"),
               "office-b": _fan(50e6, "Office B"),
               "p1": _fan(5.66e6, "Province One"), "p2": _fan(20e6, "Province Two"),
               "p3": _fan(25e6, "Province Three")}
    recon = reconcile_run(results, regions, top="nation",
                          levels=["nation", "office", "province"])
    [below] = recon["below_parts"]  # office-b (50M) is above its 45M
    assert below["parent"] == "office-a" and below["parts"] == ["p1"]
    assert below["year"] == 2026 and below["years"] == [2026, 2027]
    assert (below["median"], below["parts_sum"]) == (4.44e6, 5.66e6)
    run = tmp_path / "run"
    run.mkdir()
    (run / "manifest.json").write_text("{}")
    (run / "reconciliation.json").write_text(json.dumps(recon, default=str))
    for rid, res in results.items():
        (run / rid).mkdir()
        (run / rid / "results.json").write_text(json.dumps(
            {"region": rid, "targets": [], "skipped": [], **res}))
    lines = {lang: [s.replace(NBSP, " ") for s in
                    reconciliation_section(run, results["nation"], lang)["below"]]
             for lang in ("en", "id")}
    assert lines["en"] == [
        "Office A, 2026: median 4.4 million, below the 5.7 million its regions add up to "
        "(Province One); its last reading is of 30 April 2018. Their counts are on different "
        "bases, or its readings are old: the two do not compare as they stand."]
    assert lines["id"][0].startswith("Office A, 2026: median 4,4 juta, di bawah jumlah "
                                     "wilayahnya, 5,7 juta (Province One); pembacaan "
                                     "terakhirnya 30 April 2018.")


# --------------------------- a target not yet due is not "met" because a reading is above


def test_a_target_above_its_last_reading_is_not_called_met_before_it_is_due(capsys):
    from forecast.cli import main

    # Coverage 35 % by end-2026, read at 37.0 % in October 2025, 88 % likely: "UNSD: target
    # met" beside a band reaching below the target (a word for a settled outcome).
    for lang, word in (("en", "above the target now"), ("id", "di atas target saat ini")):
        assert main(["run", "--region", "national", "--n-paths", "1000", "--lang", lang]) == 0
        out = capsys.readouterr().out
        head = "Coverage" if lang == "en" else "Cakupan"
        block = next(b for b in out.split("\n\n") if head in b.split("\n")[0]
                     and "34" in b.split("\n")[0] and "2026-12-31" in b.split("\n")[0])
        assert f"UNSD: {word}" in block, block
        assert "target met" not in out and "target tercapai;" not in out
    # The PDF's "The target was already met at the last observation" said the same.
    import json

    from forecast.report.reachwords import reach_sentence
    assert main(["run", "--region", "national", "--n-paths", "1000", "--format", "json"]) == 0
    entry = next(t for t in json.loads(capsys.readouterr().out)["targets"]
                 if t["metric"] == "coverage_pct" and t["target_date"] == "2026-12-31")
    en, id_ = (reach_sentence(entry, lang) for lang in ("en", "id"))
    assert en.endswith("The last observation (31 October 2025) is already at or above the "
                       "target, which must still hold on its date."), en
    assert id_.endswith("Pengamatan terakhir (31 Oktober 2025) sudah mencapai atau "
                        "melampaui target, yang harus tetap bertahan pada tanggalnya."), id_


# ------------------- a median that crosses the target and falls back has not reached it


def _rise_and_fall():
    """A count at 90 (2024) whose paths rise to a median of 101 in 2025, then fall to 99
    (2027, the target date) and 102 (2029); half of them at each level +-5."""
    series = Series(region="r", metric="active_total", unit="persons",
                    t=np.array([2020.0, 2021.0, 2022.0, 2023.0, 2024.0]),
                    values=np.array([80.0, 83.0, 85.0, 88.0, 90.0]),
                    dates=tuple(f"{y}-12-31" for y in range(2020, 2025)),
                    source_ids=("s",) * 5)
    t = np.arange(2025.0, 2030.0)
    centre = np.array([101.0, 100.5, 99.0, 100.8, 102.0])
    spread = np.linspace(-5, 5, 201)[:, None]
    paths = centre[None, :] + spread
    return Projection(series=series, t=t, paths=paths, model_paths={"x": paths},
                      scores=(ModelScore("x", True, 1.0, None, None, 0),), seed=0)


def test_the_median_reaches_a_target_only_if_it_stays_there_to_the_target_date():
    from forecast.reach import reachable
    from forecast.targets import assess

    proj = _rise_and_fall()
    r = assess(proj, 100.0, "2027-12-31")
    assert r.median == pytest.approx(99.0) and r.probability < 0.5
    # "Median reaches it 2025" stood beside a median of 99 on the target date.
    assert r.year_median_reaches == 2028  # above it again from 2028, past the date
    dates = {d["probability"]: d for d in reachable(proj, 100.0, "2027-12-31")["dates"]}
    # "Target reached 50% by 2025" likewise: half the paths are at 100 or above only from
    # 2028 on, for good.
    assert dates[0.5]["year"] == 2028
    assert assess(proj, 99.0, "2027-12-31").year_median_reaches == 2025  # never below 99


# ------------------- "(to its year-end estimate)" only where the pace runs to a nowcast


def test_a_coverage_pace_is_not_said_to_run_to_its_counts_year_end_estimate(capsys):
    import json

    from forecast.cli import main
    from forecast.report import i18n

    assert main(["run", "--region", "national", "--n-paths", "500", "--format", "json"]) == 0
    targets = json.loads(capsys.readouterr().out)["targets"]
    count = next(t for t in targets if t["metric"] == "active_total")
    cover = next(t for t in targets if t["metric"] == "coverage_pct"
                 and t["target_date"] == "2029-12-31")
    # Coverage carries its count's nowcast in its data quality; its pace is its own
    # readings' (a scheme's two observed year-ends), never "to its year-end estimate".
    assert cover["data_quality"]["nowcast"]["value"] is not None and cover["coverage_basis"]
    cover = {**cover, "monthly_needed": 0.31, "monthly_achieved_last_year": 0.25}
    for lang, words in (("en", "(to its year-end estimate)"),
                        ("id", "(hingga perkiraan akhir tahunnya)")):
        assert words in i18n._monthly(count, lang)
        assert words not in i18n._monthly(cover, lang)


# ------------------------ growth achieved runs to the last reading, as growth required


def test_growth_achieved_runs_to_the_reading_the_growth_required_runs_from(capsys):
    import json

    from forecast.cli import main

    assert main(["run", "--region", "national", "--n-paths", "500", "--format", "json"]) == 0
    t = next(t for t in json.loads(capsys.readouterr().out)["targets"]
             if t["metric"] == "active_total")
    # It ran to the year-end nowcast (44.02M, 9.03 %/yr) beside a growth required from
    # the reading of October 2025 (42.70M, 8.87 %/yr).
    now = t["data_quality"]["nowcast"]
    assert t["last_observed"] == {"date": now["from_date"], "value": now["from_value"]}
    first = t["history"][0]
    years = decimal_year(t["last_observed"]["date"]) - decimal_year(first["date"])
    assert first["date"] == t["historical_cagr_from"] == "2014-12-31"
    assert t["historical_cagr"] == pytest.approx(
        (t["last_observed"]["value"] / first["value"]) ** (1 / years) - 1)
    assert round(100 * t["historical_cagr"], 2) == 8.87
    # The base-year table and the classification's q read the same rates (the table said
    # 9.0 % from 2014 under "Growth achieved 8.87%/yr (2014-2025)").
    first = t["base_years"][0]
    assert first["base_year"] == 2014 and first["historical_cagr"] == pytest.approx(
        t["historical_cagr"])
    assert t["classifications"]["unsd_q"] == pytest.approx(
        t["historical_cagr"] / first["required_cagr"])


# ------------------------------------------ one projection per region and metric in a run


def test_a_runs_targets_and_projections_list_read_one_set_of_paths(capsys):
    import json

    from forecast.cli import main

    assert main(["run", "--region", "national", "--n-paths", "500", "--format", "json"]) == 0
    res = json.loads(capsys.readouterr().out)
    target = next(t for t in res["targets"] if t["metric"] == "active_total"
                  and t["target_date"] == "2026-12-31")
    fan = next(p for p in res["projections"] if p["metric"] == "active_total")["fan"]
    year = next(f for f in fan if f["year"] == 2026)
    # End-2026 participants had two medians, 46.35M (targets) and 46.26M (projections, the
    # one the reconciliation read): two horizons, two draws of paths.
    assert (year["p10"], year["p50"], year["p90"]) == (target["p10"], target["median"],
                                                       target["p90"])
    # The coverage targets' count is the same projection: it reaches their latest (2045)
    # and the years past it a target's "median reaches it" looks into.
    from forecast.config import EXTRA_YEARS
    latest = max(int(t["target_date"][:4]) for t in res["targets"])
    assert target["projection_end_year"] == latest + EXTRA_YEARS == 2051


def test_a_coverage_target_reads_its_counts_own_projection(monkeypatch):
    from forecast import data, run

    # The latest target a coverage one (2045): it asked its count a year past the run's
    # end, a second projection of active_total (to 2052 beside the count's 2051).
    made = []
    start = run._start
    monkeypatch.setattr(run, "_start", lambda *a, **k: made.append(start(*a, **k)) or made[-1])
    run.run_region(data.load_panel(), "national", n_paths=300)
    keys = [k for k in made[-1].cache if k[1] == "active_total"]
    assert len(keys) == 1, keys


# ------------------------------------------------ braces in the runs folder's path


@pytest.mark.slow
@pytest.mark.parametrize("name", ["rb{}", "rr{seed}"])
def test_a_runs_folder_with_braces_is_a_folder_name(tiny_data_dir, tmp_path, capsys, name):
    """papermill fills a path's {fields} with the notebook's parameters: 'rb{}' failed every
    region (IndexError), 'rr{seed}' wrote the notebooks into rr20261231, outside the run."""
    import json

    from forecast.cli import main

    runs = tmp_path / name
    assert main(["batch", "--data-dir", str(tiny_data_dir), "--regions", "national",
                 "--n-paths", "100", "--runs-dir", str(runs), "--no-track-record"]) == 0
    [run] = [p for p in runs.iterdir() if p.name != "latest"]
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"]["national"]["status"] == "ok", manifest["status"]
    assert (run / "national" / "region_forecast.ipynb").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(name[:2])] == [name]


# ---------------------------------- a report of a run whose regions failed says they did


@pytest.mark.slow
def test_a_report_of_failed_regions_says_they_failed(tiny_data_dir, tmp_path, capsys, caplog):
    import logging

    from forecast.cli import main
    from forecast.report import render_run
    from forecast.report.summary import _top_missing

    runs = tmp_path / "runs"
    # 100,000 paths: no cell of the region's run ends within its one second.
    assert main(["batch", "--data-dir", str(tiny_data_dir), "--regions", "national",
                 "--n-paths", "100000", "--runs-dir", str(runs), "--no-track-record",
                 "--timeout", "1"]) == 1
    # papermill's own "ERROR papermill: Timeout waiting for execute reply (1s)." came
    # before the batch's progress line said the same.
    assert not [r for r in caplog.records if r.name.startswith("papermill")
                and r.levelno >= logging.ERROR], caplog.records
    [run] = [p for p in runs.iterdir() if p.name != "latest"]
    seen = []
    render_run(run, "en", html=False, on_progress=lambda s, done, total: seen.append(s))
    # It printed "1/1 regions, 0 failed (national ok)".
    assert [s["status"] for s in seen] == ["failed"]
    assert seen[0]["error"].startswith("failed in the batch: CellTimeoutError")
    # The summary said "The top region (national) is not in this run".
    words = _top_missing([("national", None, {"status": "failed",
                                              "error": "CellTimeoutError: A cell timed out. "
                                              "Here is a preview"})], "national", "en")
    assert words.startswith("The top region (national) failed in this run (CellTimeoutError: "
                            "A cell timed out), so its targets are not assessed here")
    assert "not in this run" in _top_missing([], "national", "en")
    assert _top_missing([("national", None, {"status": "failed", "error": "X: y"})],
                        "national", "en", "20261203-195143-af84d9").endswith(
        "`forecast batch --resume 20261203-195143-af84d9` runs it again.")


def test_informal_achieved_from_a_count_of_zero_says_n_a():
    from forecast.textfmt import format_extras

    # Informal read at 0 first: no growth rate; the line said "n/a/yr" where the target
    # block says "n/a".
    bpu = _segment("active_bpu", ["2021-12-31", "2024-12-31", "2025-04-30"],
                   [0.0, 9.19e6, 8.99e6], 10e6)
    others = [_segment(m, ["2023-12-31", "2025-04-30"], [v, v], v)
              for m, v in (("active_pu", 28e6), ("active_jakon", 4e6), ("active_pmi", 6e5))]
    seg = segments.decomposition([*others, bpu], 70e6, "2026-12-31")
    assert seg["informal_historical_cagr_full"] is None
    line = next(ln for ln in format_extras({"segments": seg}).splitlines()
                if "Informal achieved" in ln)
    assert "n/a/yr" not in line and "over the whole history" in line, line


# ------------------ compare and --previous refuse a side that never produced results


@pytest.mark.slow
def test_compare_and_previous_refuse_a_run_whose_region_has_no_results(
        tiny_data_dir, tmp_path, capsys):
    import json
    import shutil

    from conftest import one_line_error
    from forecast.cli import main

    runs = tmp_path / "runs"
    base = ["--data-dir", str(tiny_data_dir), "--n-paths", "200", "--runs-dir", str(runs),
            "--no-track-record"]
    assert main(["batch", "--regions", "national", *base]) == 0
    assert main(["batch", "--regions", "east-province", *base]) == 0
    ok, other = sorted(p.name for p in runs.iterdir() if p.name != "latest")
    capsys.readouterr()
    # Runs of no common region: "--region: 'national' is not in run ..." with no --region.
    assert main(["compare", "--runs-dir", str(runs), ok, other]) == 2
    err = one_line_error(capsys)
    assert "--region" not in err and "expected two runs sharing a region" in err, err
    # A run whose national failed: compare recomputed it from its manifest and explained
    # moves from numbers it never produced; --previous showed them as "then".
    failed = "20991231-000000-ffffff"
    shutil.copytree(runs / ok, runs / failed)
    manifest = json.loads((runs / failed / "manifest.json").read_text(encoding="utf-8"))
    manifest["run_id"] = failed
    manifest["status"]["national"] = {"status": "failed", "error": "CellTimeoutError: late",
                                      "seconds": 1.0}
    (runs / failed / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (runs / failed / "national" / "results.json").unlink()
    assert main(["compare", "--runs-dir", str(runs), ok, failed]) == 2
    err = one_line_error(capsys)
    assert err.strip().endswith(f"run {failed}: expected region 'national' to have run, found failed "
                        f"in it: CellTimeoutError: late (forecast batch --resume {failed} "
                        "runs it again)"), err
    assert main(["batch", "--regions", "national", "--previous", failed, *base]) == 2
    assert "previous: expected a run in which national ran" in one_line_error(capsys)


# --------------------------------- a ratio under a threshold never prints as the threshold


def test_a_progress_ratio_under_a_threshold_prints_under_it():
    from forecast.styles import _two
    from forecast.targets import classify_unsd

    # 0.947 (acceleration needed) printed "0.95" one row below 0.952 (on track).
    assert classify_unsd(0.947) == "acceleration_needed" and classify_unsd(0.952) == "on_track"
    from forecast.textnum import fmt_ratio
    assert (fmt_ratio(0.947), fmt_ratio(0.952)) == ("0.947", "0.95")
    assert _two(0.947, "id") == "0,947" and _two(0.5, "en") == "0.50"


# -------------------------------- a share's year-end far off its neighbours on the logit


def test_a_share_year_end_off_its_neighbours_on_the_logit_is_warned(tmp_path, capsys):
    from conftest import (SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows,
                          year_ends)
    from forecast.cli import main

    # SYNTHETIC: coverage 90.0 to 96.6 % over 2013-2024, one year-end (2022) read at 99.9 %
    # (4 % off in the count, 3.9 logit units off in the share): a target's probability
    # moved from 4 % to 66 % and the data check warned of nothing.
    toml = SYNTHETIC_SCHEME_HEAD.format(what="spike", level="state") + \
        SYNTHETIC_COVERAGE_METRICS
    cov = [round(90 + 0.6 * i, 1) for i in range(12)]
    cov[9] = 99.9
    pop = [1e6 * 1.01 ** i for i in range(12)]
    obs = (year_ends("land", "pop", pop, 2013)
           + year_ends("land", "members", [p * c / 100 for p, c in zip(pop, cov)], 2013)
           + year_ends("land", "cov", cov, 2013))
    folder = write_rows(tmp_path / "spike", toml, [("land", "Land", "land", "")],
                        {"pop": "people", "members": "people", "cov": "pct"}, obs,
                        [("land", "cov", "2027-12-31", 98.0)])
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr()
    text = out.out + out.err
    assert "land cov 99.9 % on 2022-12-31 is 3.9 logit units above the line between its " \
           "neighbours (94.8 % and 96 %)" in text, text
    # The same series without the jump: no such warning.
    cov[9] = 95.4
    obs = obs[:24] + year_ends("land", "cov", cov, 2013)
    folder = write_rows(tmp_path / "flat", toml, [("land", "Land", "land", "")],
                        {"pop": "people", "members": "people", "cov": "pct"}, obs,
                        [("land", "cov", "2027-12-31", 98.0)])
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr()
    assert "logit units" not in out.out + out.err
    # Read on 29 December (within the year-end tolerance), or in a scheme whose year ends
    # on 30 June: only readings of 31 December were looked at.
    cov[9] = 99.9
    june = toml.replace('currency = "EUR"', 'currency = "EUR"\nyear_end = "06-30"')
    for name, head, day in (("dec29", toml, "12-29"), ("june", june, "06-30")):
        rows = obs[:24] + year_ends("land", "cov", cov, 2013)
        if name == "dec29":  # the spike alone on 29 December
            rows = [(r, m, "2022-12-29" if (m, d) == ("cov", "2022-12-31") else d, v)
                    for r, m, d, v in rows]
        else:  # every reading at the scheme's year-end, 30 June
            rows = [(r, m, d[:5] + day, v) for r, m, d, v in rows]
        folder = write_rows(tmp_path / name, head, [("land", "Land", "land", "")],
                            {"pop": "people", "members": "people", "cov": "pct"}, rows,
                            [("land", "cov", "2027-" + day, 98.0)])
        assert main(["data", "check", "--data-dir", str(folder)]) == 0
        out = capsys.readouterr()
        assert f"land cov 99.9 % on 2022-{day}" in out.out + out.err, (name, out)


# ----------------------------------------------- the valid choices of a run id, newest first


def test_the_valid_run_ids_are_the_newest_with_a_count(tmp_path):
    from forecast.safepath import runs_choices

    # 50 other folders with manifests and two real runs: the last 10 by name left the two
    # runs out, with no word of the others.
    names = [f"T{i:02d}" for i in range(50)] + ["20261203-192033-dc83e0",
                                                "20261129-153000-ab12cd"]
    for n in names:
        (tmp_path / n).mkdir()
        (tmp_path / n / "manifest.json").write_text("{}")
    got = runs_choices(tmp_path)
    assert got.startswith("20261203-192033-dc83e0, 20261129-153000-ab12cd, T49, T48")
    assert got.endswith(", ... (52 in all)")


@pytest.mark.parametrize("id_label, code", [("orang", 2), ("rb jiwa", 0), ("ribu jiwa", 0)])
def test_any_count_unit_names_one_scale_and_money_keeps_its_own(tmp_path, capsys, id_label,
                                                                 code):
    from forecast.cli import main

    # A count no coverage or ceiling reads ('registered', thousands in English, persons in
    # Indonesian) went unchecked: "17,500 thousand people" against "17.500,0 orang". The
    # tool's own Indonesian writes "rb" for thousands. Money ("EURm", "juta EUR") names its
    # scale its own way.
    assert main(["init", str(tmp_path / "d")]) == 0
    toml = tmp_path / "d" / "scheme.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + f'''
[units.kreg]
max = 1e9
en = "thousand people"
id = "{id_label}"

[units.EUR_million]
max = 1e9
en = "EURm"
id = "juta EUR"

[metrics.registered]
unit = "kreg"
en = "Registered"
id = "Terdaftar"
''', encoding="utf-8")
    capsys.readouterr()
    assert main(["data", "check", "--data-dir", str(tmp_path / "d")]) == code
    if code:
        assert "key 'units.kreg.id'" in capsys.readouterr().err


# ------------------------------- a stated target's neighbours in its precision, everywhere


def test_the_targets_neighbours_and_lists_keep_its_stated_decimals(capsys):
    import json

    from forecast.cli import main
    from forecast.report import i18n
    from forecast.report.build import not_assessed
    from forecast.report.numbers import NBSP

    # "1.031 million ... the last observation (1.0 million people) is already at or above
    # it": the reading in fewer decimals than the target it is set against.
    entry = {"metric": "active_total", "unit": "persons", "target_value": 1_031_000.0,
             "last_observed": {"date": "2024-12-31", "value": 1_034_400.0},
             "monthly_needed": None, "monthly_achieved_last_year": None, "data_quality": {}}
    words = i18n._monthly(entry, "en").replace(NBSP, " ")
    assert "(1.034 million)" in words, words
    # The national run's 2045 row printed its reading 37.0 % where the others said 37.01 %;
    # "Targets not assessed" printed 37.24 % as 37.2 %.
    assert main(["run", "--region", "national", "--n-paths", "300", "--format", "json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert main(["run", "--region", "national", "--n-paths", "300"]) == 0
    out = capsys.readouterr().out
    block = out[out.index(">= 99.50% by 2045"):]
    assert "Last observed       37.01% (2025-10-31)" in block[:300], block[:300]
    _, lines = not_assessed(res, "en")
    assert any("37.24" in ln for ln in lines), lines


def test_a_target_met_now_is_reached_with_80_percent_only_if_it_holds_so():
    from forecast.reach import reach_dates

    # Met at the last reading; 100, 90 then 70 % of paths at or above it: "80% by
    # 2024-12-31" stood beside a probability of 70 % on the target date.
    t = np.array([2025.0, 2026.0, 2027.0])
    paths = np.column_stack([np.full(10, 11.0), np.r_[np.full(9, 11.0), 9.0],
                             np.r_[np.full(7, 11.0), np.full(3, 9.0)]])
    got = {d["probability"]: d for d in reach_dates(
        t, paths, 10.0, last_t=2024.0, last_value=10.5, last_date="2024-12-31",
        t_target=2027.0)}
    assert got[0.5]["date"] == "2024-12-31"
    assert got[0.8]["within_projection"] is False and got[0.8]["date"] is None
