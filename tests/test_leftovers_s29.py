"""Session 29's findings: each test failed before its change."""

import json

import pytest

from forecast.cli import main

# ------------------------------------- one date's coverage targets on two bases are two


def _add_rows(path, rows) -> None:
    text = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([text[0] + ",denominator", *(t + "," for t in text[1:]), *rows])
                    + "\n", encoding="utf-8")


def _two_bases(folder, sources=("src-a", "src-a")):
    """The tiny folder with coverage readings of the working population (its counts'
    share) and two coverage targets of 2028: 40 % of the working population and 60 % of
    the UCJ base (no reading on it)."""
    from conftest import ACTIVE, WORKING

    _add_rows(folder / "observations.csv", [
        f"national,coverage_pct,{y}-12-31,{100 * ACTIVE[y] / WORKING[y]:.2f},percent,src-a,,"
        "working_population" for y in range(2015, 2025)])
    _add_rows(folder / "targets.csv", [
        f"national,coverage_pct,2028-12-31,40,percent,{sources[0]},,working_population",
        f"national,coverage_pct,2028-12-31,60,percent,{sources[1]},,ucj_base"])
    return folder


def _run_json(capsys, folder=None, *extra) -> dict:
    where = ["--data-dir", str(folder)] if folder is not None else []
    code = main(["run", *where, "--format", "json", "--n-paths", "200", *extra])
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


def test_one_source_may_state_a_coverage_target_on_two_bases(tiny_data_dir, capsys):
    """The same source stating both was refused as a 'duplicate row'."""
    res = _run_json(capsys, _two_bases(tiny_data_dir))
    cov = [e for e in res["targets"] if e["metric"] == "coverage_pct"]
    assert [(e["target_value"], e["denominator"]) for e in cov] == [
        (40.0, "working_population")]
    skipped = [s for s in res["skipped"] if s["metric"] == "coverage_pct"]
    assert [(s["target_value"], s["denominator"]) for s in skipped] == [(60.0, "ucj_base")]
    others = [e for e in res["targets"] if e["metric"] != "coverage_pct"]
    assert others and all(e["denominator"] is None for e in others)
    assert main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "200"]) == 0
    out = capsys.readouterr().out
    # the base of the one not assessed is in its reason (not said twice in its head)
    assert "Coverage by 2028-12-31: coverage target on the UCJ indicator base" in out, out


def test_two_sources_of_two_bases_keep_both_targets(tiny_data_dir, capsys):
    """From two sources, the later-published one's target was kept and the other became
    an 'other source' of it: 60 % of the UCJ base vanished from every output."""
    res = _run_json(capsys, _two_bases(tiny_data_dir, ("src-b", "src-a")))
    said = sorted((e["target_value"], e["denominator"]) for e in
                  res["targets"] + res["skipped"] if e["metric"] == "coverage_pct")
    assert said == [(40.0, "working_population"), (60.0, "ucj_base")]
    assert all(not e["other_sources"] for e in res["targets"])


def test_compare_keeps_two_bases_apart(tiny_data_dir, capsys):
    """Compare keyed a target by metric and date: the two read as one."""
    from conftest import ACTIVE, WORKING

    _two_bases(tiny_data_dir)
    with open(tiny_data_dir / "observations.csv", "a", encoding="utf-8") as f:
        f.writelines(f"national,coverage_pct,{y}-06-30,{80 * ACTIVE[y] / WORKING[y]:.2f},"
                     f"percent,src-a,,ucj_base\n" for y in range(2015, 2025))
    code = main(["compare", "--as-of", "2022", "2024", "--data-dir", str(tiny_data_dir),
                 "--n-paths", "200", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0, out
    got = json.loads(out)
    cov = {t["denominator"]: t for t in got["targets"] if t["metric"] == "coverage_pct"}
    assert sorted(cov) == ["ucj_base", "working_population"]
    assert (cov["ucj_base"]["target_value"]["b"],
            cov["working_population"]["target_value"]["b"]) == (60.0, 40.0)
    code = main(["compare", "--as-of", "2022", "2024", "--data-dir", str(tiny_data_dir),
                 "--n-paths", "200"])
    out = capsys.readouterr().out
    assert code == 0 and "Coverage >= 40.0% (working population) by 2028-12-31" in out, out
    assert "Coverage >= 60.0% (UCJ indicator base) by 2028-12-31" in out, out


# ---------------------- a whole level with a region without a projection is scaled down only


def _fan(value):
    return {"projections": [{"metric": "active_total", "projected": True, "fan": [
        {"year": 2026, "p10": 0.9 * value, "p50": value, "p90": 1.1 * value}]}]}


def test_a_whole_level_does_not_credit_a_region_without_a_count_to_the_others(tmp_path):
    """One province of four had no count: the other three were scaled up to the whole,
    each doubled (factor 2.0), and the note said only '1 without a projection'."""
    import pandas as pd

    from forecast import tables
    from forecast.regional import reconcile_run

    regions = pd.DataFrame({"id": ["nation", "a", "b", "c", "d"],
                            "level": ["nation", "province", "province", "province",
                                      "province"]})
    results = {"nation": _fan(100.0), "a": _fan(20.0), "b": _fan(20.0), "c": _fan(10.0),
               "d": {"projections": [{"metric": "active_total", "projected": False,
                                      "reason": "no observations"}]}}
    recon = reconcile_run(results, regions, top="nation", levels=["nation", "province"],
                          whole_levels=["province"])
    level = recon["levels"]["province"]
    assert level["factor"][2026] == 1.0 and level["regions"]["a"][2026]["p50"] == 20.0
    run = tmp_path / "run"
    run.mkdir()
    (run / "manifest.json").write_text("{}")
    (run / "reconciliation.json").write_text(json.dumps(recon, default=str))
    notes = {lang: tables.reconciliation_table(run, lang).iloc[0, -1] for lang in ("en", "id")}
    assert notes["en"] == ("1 without a projection; scaled down only: the others are not "
                           "credited with the share of the regions without a projection")
    assert notes["id"] == ("1 tanpa proyeksi; hanya diskalakan turun: bagian wilayah tanpa "
                           "proyeksi tidak dibebankan kepada wilayah lain")
    results["d"] = _fan(50.0)  # every province projected: scaled both ways, as declared
    level = reconcile_run(results, regions, top="nation", levels=["nation", "province"],
                          whole_levels=["province"])["levels"]["province"]
    assert level["factor"][2026] == 1.0 and level["down_only"] is False
    results["d"] = _fan(25.0)
    level = reconcile_run(results, regions, top="nation", levels=["nation", "province"],
                          whole_levels=["province"])["levels"]["province"]
    assert level["factor"][2026] == pytest.approx(100 / 75)


# ------------------------------- the structural fund model starts where the readings end


def test_the_structural_fund_model_starts_at_the_funds_nowcast(capsys):
    """It started at the last year-end (end-2023, Rp712.3T) and simulated 2024-2025 again,
    past three readings (Rp782T, Rp801T, Rp860T): its 2025 band lay above all of them and
    it said 66 % for Rp1,001T by 2026 where the start from the nowcast says about 10 %."""
    res = _run_json(capsys, None, "--region", "national")
    fm = res["funds_model"]
    fund = next(e for e in res["targets"] if e["metric"] == "fund_investment"
                and e["target_date"] == fm["target_date"])
    now = fund["data_quality"]["nowcast"]  # the headline projection's start
    assert fm["start"]["date"] == now["year_end"] == "2025-12-31"
    assert fm["start"]["value"] == now["value"] and fm["start"]["sd_log"] == now["sd_log"]
    assert fm["last_observed"] == {"date": now["from_date"], "value": now["from_value"]}
    assert [q["year"] for q in fm["fan"]] == [2026]  # no year already read is simulated
    assert fm["probability"] < 0.3
    assert main(["run", "--region", "national", "--n-paths", "1000"]) == 0
    out = capsys.readouterr().out
    assert "from Rp878.1T (2025-12-31, nowcast from Rp860.0T on 2025-10-31)" in out, out


# ------------------------ a later target leaves the cross-check on the scheme's headline


def test_a_later_fund_target_leaves_the_cross_check_on_the_headline(tmp_path, capsys):
    """The latest-dated fund target was taken: one of 2027 beside the 2026 headline set the
    structural model against it and dropped the joint probability (two dates)."""
    import shutil

    from forecast import config

    data = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, data)
    with open(data / "targets.csv", "a", encoding="utf-8") as f:
        f.write("national,fund_investment,2027-12-31,1081,IDR_trillion,"
                "ayonusa-2025-05-15-wujud,a later target,\n")
    res = _run_json(capsys, data, "--region", "national")
    assert (res["funds_model"]["target_value"], res["funds_model"]["target_date"]) == (
        1001.0, "2026-12-31")
    assert res["joint"]["target_date"] == "2026-12-31"
    assert any(e["target_value"] == 1081.0 for e in res["targets"])  # still assessed


# ------------------------------------- a probability's words follow the number printed


@pytest.mark.parametrize("p, shown, key", [
    (0.3288, "33", "even"), (0.3318, "33", "even"), (0.3249, "32", "unlikely"),
    (0.0496, "5.0", "unlikely"), (0.0494, "4.9", "very_unlikely"),
    (0.9449, "94", "likely"), (0.9551, "96", "very_likely"), (0.6651, "67", "likely")])
def test_a_probabilitys_band_is_read_from_the_number_printed(p, shown, key):
    """0.3288, printed '33 %', was 'unlikely' (the legend: below 33 %) beside 0.3318, also
    '33 %', 'about as likely as not'."""
    from forecast.report.i18n import band
    from forecast.report.numbers import probability

    assert probability(p, "en") == f"{shown}\u00a0%"
    assert band(p) == key


# ------------------------------------------ a projection's 'last' is the last reading


def test_a_projections_last_is_the_last_reading_not_its_nowcast(capsys):
    """'Active participants: last 44.02M (2025-12-31)': the year-end nowcast printed as
    the last reading, beside 'Last observed 42.70M (2025-10-31)' in the same output."""
    res = _run_json(capsys, None, "--region", "national")
    proj = next(p for p in res["projections"] if p["metric"] == "active_total")
    assert proj["last_observed"] == {"date": "2025-10-31", "value": 42700000.0}
    target = next(e for e in res["targets"] if e["metric"] == "active_total")
    assert proj["last_observed"] == target["last_observed"]


# --------------------------------- the pace of a region read each September names its years


def test_the_pace_of_a_region_read_only_in_september_names_its_first_year(tiny_data_dir,
                                                                          capsys):
    """With no year-end reading the growth achieved printed '(?-2025)'."""
    path = tiny_data_dir / "observations.csv"
    rows = [r for r in path.read_text(encoding="utf-8").splitlines()
            if not r.startswith("east-province,")]
    rows += [f"east-province,active_total,{y}-09-30,{v},persons,src-a,September count"
             for y, v in ((2021, 800000), (2022, 850000), (2023, 900000), (2024, 960000))]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    res = _run_json(capsys, tiny_data_dir, "--region", "east-province")
    (entry,) = [e for e in res["targets"] if e["metric"] == "active_total"]
    assert entry["historical_cagr_from"] == "2021-09-30"
    assert main(["run", "--data-dir", str(tiny_data_dir), "--region", "east-province",
                 "--n-paths", "200"]) == 0
    out = capsys.readouterr().out
    (line,) = [x for x in out.splitlines() if "Growth achieved" in x]
    assert "?" not in line and "(2021-2024)" in line, line


# ------------------------------------------ the segments add up to the total they share


def test_segments_projected_as_shares_add_up_to_the_totals_median(capsys):
    """Each share followed its own trend: the four summed to 48.08M against the total's
    median of 46.35M, so the gap (+21.92M) and informal's need were 1.7M too small."""
    res = _run_json(capsys, None, "--region", "national")
    seg = res["segments"]
    total = next(e for e in res["targets"] if e["metric"] == "active_total"
                 and e["target_date"] == seg["target_date"])
    assert seg["sum_of_medians"] == pytest.approx(total["median"], rel=0.01)
    assert seg["gap"] == pytest.approx(seg["target_value"] - total["median"], rel=0.01)
    assert 1.0 < 1 / seg["scaled_to_total"]["factor"] < 1.1
    assert seg["scaled_to_total"]["sum_before"] > 1.02 * total["median"]
    assert main(["run", "--region", "national", "--n-paths", "200"]) == 0
    assert ", scaled to the total's median (the segments' own share trends summed to " \
        in capsys.readouterr().out


# ------------------------------ a data folder whose path its own manifest would refuse


@pytest.mark.parametrize("mark", ["\t", "\u202e"])
def test_batch_refuses_a_data_folder_path_its_manifest_would_refuse(tiny_data_dir, tmp_path,
                                                                   capsys, mark):
    """Every region ran, then the batch refused the manifest it wrote ('parameters.data_dir:
    expected plain text'), and report, resume and verify refused the run for good."""
    folder = tmp_path / f"a{mark}b"
    tiny_data_dir.rename(folder)
    runs = tmp_path / "runs"
    assert main(["batch", "--data-dir", str(folder), "--regions", "national", "--n-paths",
                 "100", "--runs-dir", str(runs), "--no-track-record"]) == 2
    from conftest import one_line_error

    err = one_line_error(capsys)
    assert err.startswith("forecast: error: --data-dir: expected plain text, found the "
                          f"control character U+{ord(mark):04X}"), err
    assert not runs.exists()


# ------------------------------------------------ a MPLBACKEND matplotlib cannot read


def test_a_junk_mplbackend_is_named_before_any_work(tiny_data_dir, tmp_path, capsys,
                                                    monkeypatch):
    """compare --chart printed a traceback after computing both sides; report blamed a
    results.json field; batch failed every region with matplotlib's error."""
    import os

    from conftest import one_line_error

    monkeypatch.setenv("MPLBACKEND", "junk")
    chart = tmp_path / "c.png"
    assert main(["compare", "--as-of", "2022", "2024", "--data-dir", str(tiny_data_dir),
                 "--n-paths", "100", "--chart", str(chart)]) == 2
    assert one_line_error(capsys) == (
        "forecast: error: MPLBACKEND: expected a matplotlib backend such as Agg (the "
        "environment variable), found 'junk'; unset it or set it to Agg\n")
    assert not chart.exists() and os.environ["MPLBACKEND"] == "junk"
    monkeypatch.setenv("MPLBACKEND", "Agg")
    assert main(["run", "--data-dir", str(tiny_data_dir), "--n-paths", "100"]) == 0


# ------------------------- the region notebook checks compare_as_of and output_dir first


@pytest.mark.parametrize("params, said", [
    ({"compare_as_of": "2023,junk"}, "compare_as_of: expected a year from "),
    ({"compare_as_of": "2024,2023"}, "compare_as_of: expected A the earlier date and B the "
                                     "later, found A 2024-12-31 after B 2023-12-31 (swap "
                                     "them)"),
    ({"output_dir": "FILE"}, "output_dir: cannot write ")])
def test_the_region_notebook_checks_its_last_parameters_before_any_work(
        tiny_data_dir, tmp_path, monkeypatch, params, said):
    """A bad compare_as_of failed at cell 19 of 56, after the region's whole run, named
    'as_of' (empty and valid); an output_dir that is a file at cell 39."""
    papermill = pytest.importorskip("papermill")
    from pathlib import Path

    import forecast

    monkeypatch.setenv("PYTHONPATH", str(Path(forecast.__file__).resolve().parents[1]))
    afile = tmp_path / "afile"
    afile.write_text("x")
    params = {k: str(afile) if v == "FILE" else v for k, v in params.items()}
    notebooks = Path(__file__).resolve().parents[1] / "notebooks"
    out = tmp_path / "r.ipynb"
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        papermill.execute_notebook(str(notebooks / "region_forecast.ipynb"), str(out),
                                   parameters={"n_paths": 100, "data_dir": str(tiny_data_dir),
                                               **params},
                                   kernel_name="python3", progress_bar=False,
                                   cwd=str(notebooks))
    assert caught.value.ename == "ParameterError"
    assert caught.value.evalue.startswith(said), caught.value.evalue
    shown = [o for c in json.loads(out.read_text())["cells"] if c["cell_type"] == "code"
             for o in c.get("outputs", []) if o["output_type"] != "error"]
    assert shown == []  # nothing shown before the one line


def test_a_run_written_on_a_full_disk_leaves_no_half_of_its_outputs(tiny_data_dir, tmp_path,
                                                                    monkeypatch):
    """The new folder kept 4 of 6 figures and no results.json."""
    import errno

    from forecast import store
    from forecast.data import load_panel
    from forecast.results import run_region

    res = run_region(load_panel(tiny_data_dir), "national", n_paths=100, seed=1,
                     models=["linear"])
    real, count = store.write_atomic, []

    def full(data, path):
        count.append(path)
        if len(count) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(data, path)

    monkeypatch.setattr(store, "write_atomic", full)
    out = tmp_path / "new"
    with pytest.raises(OSError):
        store.write_run(res, out)
    assert not out.exists()
    old = tmp_path / "old"
    old.mkdir()
    (old / "keep.txt").write_text("mine")
    count.clear()
    with pytest.raises(OSError):
        store.write_run(res, old)
    assert [p.name for p in old.iterdir()] == ["keep.txt"]


# ---------------------- the summary notebook reads a run as `forecast report` reads it


def test_the_summary_notebook_refuses_a_damaged_run_as_report_does(tmp_path, monkeypatch):
    """A reconciliation level of another shape stopped it with a bare AttributeError
    (report: one line naming the file and the field)."""
    papermill = pytest.importorskip("papermill")
    from pathlib import Path

    import forecast
    from conftest import copy_run, pristine_run_folder

    monkeypatch.setenv("PYTHONPATH", str(Path(forecast.__file__).resolve().parents[1]))
    runs = copy_run(pristine_run_folder(tmp_path / "p"), tmp_path)
    path = runs / "r1" / "reconciliation.json"
    path.write_text(json.dumps({"levels": {"kanwil": True}}), encoding="utf-8")
    notebooks = Path(__file__).resolve().parents[1] / "notebooks"
    with pytest.raises(papermill.PapermillExecutionError) as caught:
        papermill.execute_notebook(str(notebooks / "summary.ipynb"), str(tmp_path / "s.ipynb"),
                                   parameters={"run_dir": str(runs / "r1")},
                                   kernel_name="python3", progress_bar=False,
                                   cwd=str(notebooks))
    assert caught.value.ename == "DataError"
    assert caught.value.evalue.startswith(f"{path}: field 'levels.kanwil': expected ")


def test_the_run_table_reads_empty_classifications_as_the_reports_do(tmp_path):
    """{} passed the reports' checks; the notebook's table stopped on KeyError: 'unsd'."""
    from conftest import copy_run, edit_results, pristine_run_folder

    from forecast import tables

    runs = copy_run(pristine_run_folder(tmp_path / "p"), tmp_path)
    edit_results(runs, lambda r: [t.update(classifications={}) for t in r["targets"]])
    frame = tables.keyed(tables.run_table(runs / "r1"))
    assert len(frame) and frame["unsd"].isna().all()


# -------------------------------- reachable levels that differ print apart, as people


def test_reachable_levels_in_a_scaled_unit_print_apart():
    """3,747, 3,774 and 3,801 thousand persons printed as 3.7, 3.8 and 3.8 million."""
    import contextvars

    from forecast.report import i18n
    from forecast.report.words import set_scheme

    scheme = {"units": {"persons_thousand": {"labels": {"en": "thousand persons",
                                                        "id": "ribu orang"},
                                             "count": True}}}

    def shown():
        set_scheme(scheme)
        return i18n.as_people([3747.0, 3774.0, 3801.0], "persons_thousand", "en", 0)

    assert contextvars.copy_context().run(shown) == [
        "3.75\u00a0million persons", "3.77\u00a0million persons", "3.80\u00a0million persons"]


# ------------------------- the pace achieved to a year-end nowcast says it is an estimate


def test_the_pace_achieved_to_a_nowcast_says_so(shipped_national):
    """'+1.9 million ... against 0.2 million achieved in 2025': 2025 ran to the year-end
    estimate from the October reading (for a fiscal year, four months before its end)."""
    from forecast.report import i18n

    entry = next(e for e in shipped_national["targets"] if e["metric"] == "active_total"
                 and e["target_date"] == "2026-12-31")
    assert entry["data_quality"]["nowcast"]["value"] is not None
    en = i18n.verdict_text(entry, "en").replace("\u00a0", " ")
    assert " achieved in 2025 (to its year-end estimate)" in en, en
    idn = i18n.verdict_text(entry, "id").replace("\u00a0", " ")
    assert " pada 2025 (hingga perkiraan akhir tahunnya)" in idn, idn
    plain = {**entry, "data_quality": {**entry["data_quality"], "nowcast": None}}
    assert "(to its year-end estimate)" not in i18n.verdict_text(plain, "en")


# ------------------------------- the outlying year-end is read as the fit reads it, everywhere


def test_the_outlying_year_end_is_replaced_for_pooled_regions_and_coverage(capsys):
    """The top region's fit read end-2024's 45.22M as 41.02M; a pooled region moved with
    45.22M (+8.7 % in 2024, then a fall) and coverage's history read it too ('2024: -8.9 %/yr,
    regression' beside participants' +7.3 %/yr from the same year)."""
    nat = _run_json(capsys, None, "--region", "national")
    total = next(e for e in nat["targets"] if e["metric"] == "active_total")
    outlier = total["data_quality"]["outlier"]
    assert (outlier["date"], outlier["value"]) == ("2024-12-31", 45220000.0)
    cov = next(e for e in nat["targets"] if e["metric"] == "coverage_pct")
    at_2024 = [h["value"] for h in cov["history"] if h["date"] == "2024-12-31"]
    row = next(b for b in cov["base_years"] if b["base_year"] == 2024)
    assert at_2024 and at_2024[0] < 38.0 and row["historical_cagr"] > 0, (at_2024, row)
    reg = _run_json(capsys, None, "--region", "kalimantan-barat")
    proj = next(p for p in reg["projections"] if p["metric"] == "active_total")
    step = next(q["p50"] for q in proj["fan"] if q["year"] == 2024) / \
        proj["last_observed"]["value"]
    assert step == pytest.approx(outlier["replaced_by"] / 41.56e6, abs=0.01), step


def test_informals_need_runs_from_its_last_reading(capsys):
    """'57.7 %/yr from 9.19M (2023-12-31)' two lines below informal's reading of 8.99M on
    2025-04-30: from that reading the need is far higher."""
    seg = _run_json(capsys, None, "--region", "national")["segments"]
    bpu = next(r for r in seg["rows"] if r["metric"] == "active_bpu")
    assert seg["informal_required_from"] == {"date": bpu["last_date"],
                                             "value": bpu["last_value"]}
    years = 2026.9993 - 2025.3288  # 2025-04-30 to 2026-12-31 in decimal years
    assert seg["informal_required_cagr"] == pytest.approx(
        (seg["informal_required_value"] / bpu["last_value"]) ** (1 / years) - 1, abs=0.01)


# ------------------------------------------------ a region's count far above its parent's


def test_data_check_warns_of_a_count_far_above_its_parents(tiny_data_dir, capsys):
    """A region of 1,031,908 members under a country of 1,099 (persons in a file of
    thousands) got no warning."""
    with open(tiny_data_dir / "observations.csv", "a", encoding="utf-8") as f:
        f.write("kanwil-east,active_total,2023-12-31,300,persons,src-a,\n"
                "kanwil-east,active_total,2022-12-31,500000,persons,src-a,\n"
                "east-province,active_total,2022-12-31,800000,persons,src-a,\n")
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 0
    out = capsys.readouterr().out
    said = [x for x in out.splitlines() if "times its parent" in x]
    assert len(said) == 1, out  # 2022: 1.6 times, within the allowance
    assert said[0].endswith(
        ": warning: east-province active_total 900,000 on 2023-12-31 is 3,000 times its "
        "parent kanwil-east's 300; expected at most 2 times the parent's count (a unit "
        "slip: persons in a file of thousands?)"), said[0]


# --------------------------------------- MPLCONFIGDIR or IPYTHONDIR naming a file


def test_a_settings_folder_variable_naming_a_file_gets_a_private_folder(tmp_path,
                                                                          monkeypatch):
    """MPLCONFIGDIR set to a file: matplotlib warned twice on each command ('mkdir -p
    failed ... File exists') and left a temporary folder behind."""
    from forecast import homedirs

    private = tmp_path / "private"
    private.mkdir()
    monkeypatch.setattr(homedirs, "_private_folder", lambda: private)
    home = tmp_path / "home"
    home.mkdir()
    afile = tmp_path / "afile"
    afile.write_text("x")
    environ = {"HOME": str(home), "MPLCONFIGDIR": str(afile), "IPYTHONDIR": str(afile)}
    assert homedirs.use_private_dirs(environ) == private
    assert environ["MPLCONFIGDIR"] == str(private / "matplotlib")
    assert environ["IPYTHONDIR"] == str(private / "ipython")
    mine = {"HOME": str(home), "MPLCONFIGDIR": str(tmp_path / "mpl-to-make")}
    assert homedirs.use_private_dirs(mine) is None  # a folder it can make: the user's own
    assert mine["MPLCONFIGDIR"] == str(tmp_path / "mpl-to-make")


# ----------------------------------------- informal needing nothing is said, not left out


def test_informal_needing_nothing_is_said_in_the_text_and_the_pdf(tmp_path, capsys):
    """Where the others' medians and the total's extras passed the target, the 'Informal
    needs' line was left out; only results.json held the negative need."""
    from forecast.report.build import optional_sections

    path = tmp_path / "t.toml"
    path.write_text('name = "HYPOTHETICAL total"\ndescription = "a test"\n[adjustments]\n'
                    'extra_monthly_enrolments = { active_total = 3000000 }\n',
                    encoding="utf-8")
    res = _run_json(capsys, None, "--seed", "1", "--scenario", str(path))
    seg = res["segments"]
    assert seg["informal_required_value"] < 0 and seg["informal_required_cagr"] is None
    assert main(["run", "--n-paths", "200", "--seed", "1", "--scenario", str(path)]) == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if "Informal needs" in x]
    assert len(lines) == 1 and "none by 2026: the others' medians reach the target with " \
        in lines[0] and lines[0].endswith(" to spare"), lines
    en = optional_sections(res, "en")["segments"]["line"]
    assert en.startswith("Informal participants need no growth: the other segments' medians "
                         "reach the target by end-2026 with "), en
    assert optional_sections(res, "id")["segments"]["line"].startswith(
        "Peserta informal tidak perlu tumbuh: median segmen lain mencapai target pada akhir "
        "2026, lebih ")


def test_the_fund_models_start_in_the_pdf_says_when_and_from_what(shipped_national):
    """'Fund at the start (Rp trillion) 878.1': no date, and no word that it was estimated
    from the October reading (it used to be the end-2023 reading, also undated)."""
    from forecast.report.build import optional_sections

    rows = {r[0]: r[1] for r in optional_sections(shipped_national, "en")["funds_model"]["rows"]}
    assert rows["Fund at the start (Rp trillion)"].endswith(
        " (31 December 2025, estimated from the reading of 31 October 2025)")
    rows = {r[0]: r[1] for r in optional_sections(shipped_national, "id")["funds_model"]["rows"]}
    assert rows["Dana awal (Rp triliun)"].endswith(
        " (31 Desember 2025, diperkirakan dari pembacaan 31 Oktober 2025)")
