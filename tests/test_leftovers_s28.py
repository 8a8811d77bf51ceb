"""Session 28's findings: each test failed before its change."""

import json

import pytest

from forecast.cli import main

# ------------------------------------------------- a damaged reconciliation.json of a run

_LEVEL = {"regions_in_level": 3, "included": ["a"], "missing": {}, "years": [2025],
          "factor": {"2025": 1.1}, "sum_before": {"2025": 10.0}, "whole": {"2025": 11.0}}


@pytest.mark.parametrize("recon, field", [
    ({"levels": {"province": {k: v for k, v in _LEVEL.items() if k != "missing"}}},
     "levels.province.missing"),
    ({"levels": {"province": {**_LEVEL, "sum_before": {}}}},
     "levels.province.sum_before.2025"),
    ({"levels": {"province": {**_LEVEL, "factor": {"2025": "x"}}}},
     "levels.province.factor.2025"),
    ({"levels": {"province": "x"}}, "levels.province"),
    ({"levels": {"province": {"regions_in_level": 3, "included": [], "missing": {},
                              "skipped": {"code": "recon_not_all_run"}}}},
     "levels.province.skipped.n_run"),
    ([1], "(top level)"),
])
def test_a_damaged_reconciliation_is_refused_before_any_report(tmp_path, capsys, recon,
                                                                field):
    """A level without its 'missing' list stopped `forecast report` with a KeyError
    traceback, and only after every region's PDF was written."""
    from conftest import copy_run, one_line_error, pristine_run_folder

    runs = copy_run(pristine_run_folder(tmp_path / "p"), tmp_path)
    path = runs / "r1" / "reconciliation.json"
    path.write_text(json.dumps(recon), encoding="utf-8")
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 2
    err = one_line_error(capsys)
    assert f"{path}: field '{field}': expected " in err, err
    assert not list((runs / "r1").rglob("*.pdf"))  # refused before the first PDF


def test_a_whole_reconciliation_passes_the_check_and_a_resume_does_not_read_it(tmp_path):
    from conftest import copy_run, pristine_run_folder

    from forecast.errors import DataError
    from forecast.report.readcheck import check_reconciliation, check_run_readable

    runs = copy_run(pristine_run_folder(tmp_path / "p"), tmp_path)
    path = runs / "r1" / "reconciliation.json"
    path.write_text(json.dumps({"metric": "active_total", "levels": {"province": _LEVEL}}),
                    encoding="utf-8")
    check_reconciliation(runs / "r1")  # as forecast writes it: read
    path.write_text(json.dumps({"levels": {"province": "x"}}), encoding="utf-8")
    with pytest.raises(DataError):
        check_run_readable(runs / "r1")
    check_run_readable(runs / "r1", rendered=False)  # a resume writes it anew


# --------------------------------------------- a count under 10,000 in the unit 'persons'


def test_a_count_under_ten_thousand_in_persons_is_counted_as_such():
    """`forecast init` names its count unit 'persons', the shipped unit's id: its counts
    under 10,000 read "9.50k" in the run and "9.500 thousand" in the PDFs, where the README
    promises "2,160 members, not 2.16 thousand"."""
    from forecast.report.numbers import persons, value
    from forecast.textnum import fmt_value

    assert fmt_value(9500, "persons") == "9,500"
    assert fmt_value(-530, "persons", signed=True) == "-530"
    assert fmt_value(12_345, "persons") == "12.3k"  # 10,000 and more: scaled as before
    assert (persons(9500, "en"), persons(9500, "id")) == ("9,500", "9.500")
    assert value(8137, "persons", "en") == "8,137"
    assert persons(305_000, "en") == "305\N{NO-BREAK SPACE}thousand"
    # Shown together with a larger count, one scale still: not "9,500" beside "12.3 thousand"
    assert persons(9500, "en", scale="thousand") == "9.5\N{NO-BREAK SPACE}thousand"


# ---------------------------------------- a scheme whose metric ids are the shipped ones


def test_a_scheme_naming_no_headline_leads_with_every_target_whatever_its_ids(tmp_path,
                                                                              capsys):
    """A scheme naming no headline whose count is called 'active_total' (the id the fund
    model reads) had the summary lead with that metric alone: its coverage target, as
    assessed as the others, was left out of the verdicts. With the id 'members' every
    target led."""
    import re
    import shutil
    from pathlib import Path

    from forecast.report.order import headline_targets
    from forecast.report.summary import summary_document

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "data" / "example_scheme", data)
    for name in ("scheme.toml", "observations.csv", "targets.csv"):
        path = data / name
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^(\w[\w-]*),members,", r"\1,active_total,", text)
        path.write_text(text.replace("[metrics.members]", "[metrics.active_total]")
                        .replace('numerator = "members"', 'numerator = "active_total"'),
                        encoding="utf-8")
    assert main(["run", "--n-paths", "200", "--format", "json", "--region", "northland",
                 "--data-dir", str(data)]) == 0
    results = json.loads(capsys.readouterr().out)
    metrics = {e["metric"] for e in results["targets"]}
    assert metrics == {"active_total", "reserve_fund", "coverage_rate"}
    assert {e["metric"] for e in headline_targets(results)} == metrics
    doc = summary_document({"parameters": {}}, [("northland", results, {"status": "ok"})],
                           results["cited_sources"], "en", None)
    assert len(doc["verdicts"]) == len(results["targets"]) == 3


# ------------------------------------- coverage projected alone names the counts it lacked


@pytest.mark.parametrize("members, residents, lacking", [
    (True, False, "fewer than two residents counts"),
    (False, True, "no members counts"),
    (False, False, "no members or residents counts")])  # residents: two, else one
def test_coverage_projected_alone_names_only_the_counts_it_lacked(tmp_path, capsys, members,
                                                                  residents, lacking):
    """Coverage with eleven year-ends of members but no count of its base was said to
    have "no members or labour force counts to move them with": the members were there."""
    from test_other_schemes import FALLING, _run_json, write_scheme

    obs = [("land", "cover", f"{y}-12-31", v, "residents") for y, v in FALLING.items()]
    obs += [("land", "members", f"{y}-12-31", 1e6 + 1e4 * i, "")
            for i, y in enumerate(range(2014, 2025))] if members else []
    obs += [("land", "residents", f"{y}-12-31", 3e6, "") for y in (2023, 2024)] \
        if residents else [("land", "residents", "2024-12-31", 3e6, "")]
    folder = write_scheme(tmp_path / "d", obs, [("land", "cover", "2030-12-31", 75.0,
                                                 "residents")])
    out = _run_json(capsys, folder)
    assert out["targets"][0]["data_quality"]["coverage_alone"]["denominator"] == "residents"
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300"]) == 0
    assert f"projected on their own: {lacking} to move them with" in capsys.readouterr().out


# ------------------------------- the backtest table names the count coverage was scored on


def test_the_backtest_column_of_coverage_moved_with_a_count_names_that_count(tmp_path,
                                                                              capsys):
    """The summary's backtest table gave a coverage target the columns of its members'
    models under "Coverage 2027", the same numbers as "Members 2027" beside it."""
    from pathlib import Path

    from forecast.report.summary import weights_table
    from forecast.report.words import set_scheme

    data = Path(__file__).parent / "data" / "example_scheme"
    assert main(["run", "--n-paths", "200", "--format", "json", "--region", "northland",
                 "--data-dir", str(data)]) == 0
    results = json.loads(capsys.readouterr().out)
    cover = next(e for e in results["targets"] if e["data_quality"].get("coverage"))
    year = cover["target_date"][:4]
    set_scheme(results["scheme"])  # as the summary does: the scheme's labels
    heads = {lang: weights_table(results, lang)["headers"] for lang in ("en", "id")}
    assert f"Population coverage {year}, scored on registered members" in heads["en"], heads
    assert f"Cakupan penduduk {year}, dinilai pada anggota terdaftar" in heads["id"], heads
    assert "Registered members 2027" in heads["en"]  # a count's own column as it was


# --------------------------------- the record at similar coverage compares one base only


@pytest.mark.parametrize("base_b, own, expect", [
    ("lf", "lf", "b"),     # B's coverage on A's base: its window counts
    ("fw", "lf", None),    # on another base: not "within 10 points" of A's
    ("not_stated", "not_stated", None),  # not one base: another region's is not compared
    ("", "", None),        # unknown: likewise
])
def test_the_record_at_similar_coverage_reads_coverage_of_the_same_base(base_b, own, expect):
    """A region's coverage of 55 % of formal workers was set "within 10 points" of a
    neighbour's 55 % of the labour force, and that neighbour's pace given as the record
    at similar coverage."""
    import pandas as pd

    from forecast.records import speed_records

    rows = [("a", "active_total", "2018-12-31", 100.0, ""),
            ("a", "active_total", "2020-12-31", 110.0, ""),
            ("b", "active_total", "2018-12-31", 100.0, ""),
            ("b", "active_total", "2020-12-31", 144.0, ""),
            ("a", "coverage_pct", "2020-12-31", 55.0, own),
            ("b", "coverage_pct", "2018-12-31", 52.0, base_b)]
    obs = pd.DataFrame(rows, columns=["region", "metric", "date", "value", "denominator"])
    obs["date"] = pd.to_datetime(obs["date"])
    got = speed_records(obs, "active_total", 2, coverage=55.0, coverage_base=("a", own))
    similar = got["similar_coverage"]["record"]
    assert (similar or {}).get("region") == expect, similar
    assert got["record"]["region"] == "b"  # the record itself reads no coverage
    unread = speed_records(obs, "active_total", 2, coverage=55.0)  # no base: as before
    assert unread["similar_coverage"]["record"]["region"] == "b"


# ------------------------------ coverage above half its bound moves with its count


def test_coverage_above_half_moves_with_its_count_at_the_start(tmp_path, capsys):
    """Coverage read at 88.5 % (of a base other than the count's ceiling) moved with
    members rising 10 % in three years over a flat base came out at 90.3 %: the logit with
    its slope held at one half moved it a fifth as fast as its count. It now follows the
    count (88.5 % x 1.10 = 97.6 % by the rule) and closes on 100 % ever slower: 94.8 %."""
    import math

    from test_other_schemes import _run_json, write_scheme

    obs = [("land", "members", f"{y}-12-31", 1e6 * 1.04 ** i, "")
           for i, y in enumerate(range(2014, 2025))]
    obs += [("land", "residents", f"{y}-12-31", 3e6, "") for y in range(2014, 2025)]
    obs += [("land", "cover", "2024-12-31", 88.5, "adults")]
    folder = write_scheme(tmp_path / "d", obs, [("land", "cover", "2027-12-31", 95.0,
                                                  "adults")],
                          denominators=("residents", "adults"))
    out = _run_json(capsys, folder)
    (entry,) = out["targets"]
    members = next(p for p in out["projections"] if p["metric"] == "members")
    grown = next(f["p50"] for f in members["fan"] if f["year"] == 2027) / (1e6 * 1.04 ** 10)
    # By hand: the share rises as its count (p0 * grown) and closes the gap to 1 from p0
    # at that pace at first: 1 - (1 - p0) * exp(-(x - p0) / (1 - p0)); the base is flat.
    p0 = 0.885
    x = p0 * grown
    want = 100 * (1 - (1 - p0) * math.exp(-(x - p0) / (1 - p0)))
    assert 1.08 < grown < 1.12  # members up about 10 % (the case described)
    assert abs(entry["median"] - want) < 0.3, (entry["median"], want)
    assert entry["p90"] < 100.0 and entry["probability"] > 0.2  # bounded, and not "<0.1 %"


# ---------------------------------------- coverage far from the share its counts give


@pytest.mark.parametrize("last, warned", [(60.0, True), (50.0, False), (55.0, False)])
def test_coverage_far_from_its_own_counts_is_warned_of(tmp_path, capsys, last, warned):
    """A coverage reading of 60 % where the data's members and population on that date
    give 50.0 % passed `data check` with 0 warnings (a reading of a hundredth of it is
    refused; a reading 5 % off is the sources' own difference)."""
    from test_leftovers_s27 import REGIONS, SCHEME, UNIT, _yearly

    from conftest import write_rows

    members = [12.0e6, 12.9e6, 13.7e6, 14.6e6, 15.5e6]
    pop = [31.0e6] * 5  # 50.0 % at the last year-end
    cov = [round(100 * m / p, 1) for m, p in zip(members, pop)][:-1] + [last]
    folder = write_rows(tmp_path / "d", SCHEME, REGIONS, UNIT,
                        _yearly("members", members) + _yearly("pop", pop) + _yearly("cov", cov),
                        [("land", "cov", "2026-12-31", 70)])
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    line = ("observations.csv:16: warning: land cov 60 on 2018-12-31 is not members / pop on "
            "that date (50.0 %); expected the share its counts give, or the base it is of in "
            "column denominator (the run anchors on it as it is)")
    assert (line in out) is warned, out
    assert ("is not members / pop" in out) is warned, out


# ------------------------------------- a model whose trend passes the bound is named so


def test_a_model_whose_trend_passes_the_bound_says_so_beside_its_probability(tmp_path,
                                                                             capsys):
    """For 100 % coverage by 2030 the headline said <0.1 % and "Each model alone" gave the
    linear trend, the exponential one and the random walk 99 % each, with no word that
    their trends pass the whole population and are held just below it."""
    from test_other_schemes import _run_json, write_scheme

    members = [2.4e6 + 0.06e6 * i for i in range(11)]  # 80 % to 100 % of 3.0M residents
    obs = [("land", "members", f"{2014 + i}-12-31", m, "") for i, m in enumerate(members)]
    obs += [("land", "residents", f"{y}-12-31", 3.0e6 * 1.002 ** (y - 2014), "")
            for y in range(2014, 2025)]
    obs += [("land", "cover", "2024-12-31", round(100 * members[-1] / (3.0e6 * 1.002 ** 10),
                                                  1), "residents")]
    folder = write_scheme(tmp_path / "d", obs, [("land", "cover", "2030-12-31", 100.0,
                                                  "residents")])
    out = _run_json(capsys, folder)
    (entry,) = out["targets"]
    notes = {m["name"]: m.get("reason") for m in entry["models"]}
    # By hand: 2.4M + 60,000 a year passes 3.0M x 1.002^t in 2026 (3.12M against 3.07M;
    # 3.06M against 3.07M in 2025).
    assert notes["linear"] == {"code": "passes_bound", "year": 2026}, notes
    assert notes["logistic"] is None and notes["gompertz"] is None  # saturating: below it
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300"]) == 0
    text = capsys.readouterr().out
    assert "linear trend P=" in text and "(past the bound from 2026: held below it)" in text
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300", "--lang", "id"]) == 0
    assert "(melewati batas sejak 2026: ditahan di bawahnya)" in capsys.readouterr().out


# ------------------------------------------------- a HOME that root may "write" but cannot


def test_a_home_on_a_pseudo_filesystem_gets_the_private_folders(tmp_path, monkeypatch):
    """As root, os.access says /sys may be written: IPython then failed every region's
    kernel with "Operation not permitted: '/sys/.ipython'" (a traceback per region and
    exit 1), where a read-only home gets private folders."""
    from pathlib import Path

    from forecast import homedirs

    if not Path("/sys").is_dir():
        pytest.skip("no /sys on this system")
    monkeypatch.setattr(homedirs, "_private_folder", lambda: tmp_path)
    environ = {"HOME": "/sys"}
    assert homedirs.use_private_dirs(environ) == tmp_path
    assert environ["IPYTHONDIR"] == str(tmp_path / "ipython")
    assert environ["MPLCONFIGDIR"] == str(tmp_path / "matplotlib")
    home = tmp_path / "home"
    home.mkdir()
    assert homedirs.use_private_dirs({"HOME": str(home)}) is None  # a writable home: its own
    assert not any(p.name.startswith(".forecast-probe") for p in home.iterdir())


# ------------------------------------------ a runs folder from $FORECAST_REPORTS_DIR named


def test_a_default_runs_folder_that_cannot_be_written_names_its_variable(tmp_path, capsys,
                                                                         monkeypatch):
    """`FORECAST_REPORTS_DIR=<a file> forecast batch` said '--runs-dir: cannot write ...',
    an option the user never gave."""
    from forecast import config
    from conftest import one_line_error

    taken = tmp_path / "b1.out"
    taken.write_text("a file\n", encoding="utf-8")
    monkeypatch.setattr(config, "RUNS_DIR", taken / "runs")
    monkeypatch.setattr(config, "RUNS_DIR_NAME", "FORECAST_REPORTS_DIR")
    assert main(["batch", "--regions", "national", "--n-paths", "100",
                 "--no-track-record"]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"forecast: error: FORECAST_REPORTS_DIR: cannot write {taken}/runs: "
                          f"{taken} is a regular file"), err


# ----------------------------- a run's notebook or reconciliation damaged or gone: report


def _manifest_edit(runs, edit):
    path = runs / "r1" / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    edit(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize("text, said", [
    ('{\n "cells": [', "truncated or damaged: expected a complete notebook (JSON; the "
                       "region's HTML page is made from it)"),
    ("{}", "expected a notebook of format 4 (an object with 'cells' and 'nbformat': 4; the "
           "region's HTML page is made from it), found JSON of another shape")])
def test_a_truncated_notebook_is_refused_before_any_report(tmp_path, capsys, text, said):
    """A truncated region notebook failed its region (exit 1) after every other report,
    as "report for national failed: DataError: ... cannot read the notebook"; one of
    another shape as "ValidationError: Notebook could not be converted ...", naming no
    file."""
    from conftest import copy_run, one_line_error, pristine_run_folder

    runs = copy_run(pristine_run_folder(tmp_path / "p"), tmp_path)
    notebook = runs / "r1" / "national" / "region_forecast.ipynb"
    notebook.write_text(text, encoding="utf-8")
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 2
    assert one_line_error(capsys) == f"forecast: error: {notebook}: {said}\n"
    assert not list((runs / "r1").rglob("*.pdf"))


@pytest.mark.parametrize("made, refused", [("province: 3 of 3 regions sum to 98% ...", True),
                                           ("not reconciled: no top region", False),
                                           (None, False)])
def test_a_missing_reconciliation_the_manifest_records_is_refused(tmp_path, capsys, made,
                                                                   refused):
    """Deleted, it left the summary without its section on whether the regions add up, and
    `report` exited 0; the manifest's summary still recorded the reconciliation."""
    from conftest import copy_run, one_line_error, pristine_run_folder

    runs = copy_run(pristine_run_folder(tmp_path / "p"), tmp_path)
    if made is not None:
        _manifest_edit(runs, lambda m: m.update(summary={"reconciliation": made}))
    code = main(["report", "r1", "--runs-dir", str(runs)])
    if refused:
        assert code == 2
        err = one_line_error(capsys)
        assert f"{runs / 'r1' / 'reconciliation.json'}: expected the run's reconciliation, " \
               f"which manifest.json's summary records ('province: 3 of 3" in err, err
        assert err.endswith("found no file of that name\n"), err
    else:
        assert code == 0, capsys.readouterr().err


def test_a_target_ratio_to_a_reading_near_zero_is_printed_in_powers_of_ten(tmp_path, capsys):
    """A reading of 1e-300 (a typo for 860) made `data check` print each target as "181 is
    180,999,999,999,...(300 digits)... times its latest reading"."""
    import shutil
    from pathlib import Path

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "data" / "example_scheme", data)
    path = data / "observations.csv"
    text = path.read_text(encoding="utf-8")
    assert "2024-12-31,1861.6,EUR_million" in text
    path.write_text(text.replace("2024-12-31,1861.6,EUR_million",
                                 "2024-12-31,1e-300,EUR_million"), encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "reserve_fund target 2027-12-31: 1,700 is 1.7e+303 times its latest reading 1e-300 " \
           "(2024-12-31)" in out, out
    assert max(map(len, out.splitlines())) < 400


# -------------------------------------------- verify tells a code change from a failure


def test_verify_says_when_the_code_changed_since_the_run():
    """A run made with older code was "NOT reproduced: ... start_coverage: 41.84 != None",
    as if its numbers could not be made again; the manifest recorded only the package's
    version, the same for every commit."""
    from forecast.batch.runs import code_hash
    from forecast.batch.verify import not_reproduced_words

    now = code_hash()
    assert len(now) == 64 and now == code_hash()  # the same code, the same hash
    out = {"difference": "results.targets[0].median: 1.0 != 2.0", "data_hash_run": "d" * 64,
           "data_hash_now": "d" * 64, "code_hash_run": "a" * 64, "code_hash_now": "b" * 64}
    assert not_reproduced_words(out) == ("results.targets[0].median: 1.0 != 2.0; the code "
                                         "changed since the run (hash aaaaaaaaaaaa then, "
                                         "bbbbbbbbbbbb now)")
    old = {**out, "code_hash_run": None, "data_hash_now": "e" * 64}  # a run from before
    assert not_reproduced_words(old) == ("results.targets[0].median: 1.0 != 2.0; the data "
                                         "changed since the run (hash dddddddddddd then, "
                                         "eeeeeeeeeeee now)")


def test_code_hash_reads_every_file_of_the_package(tmp_path, monkeypatch):
    """A module's change moves the hash (the package folder copied and one line edited)."""
    import shutil
    from pathlib import Path

    import forecast.batch.runs as runs

    real = runs.code_hash()
    copy = tmp_path / "forecast"
    shutil.copytree(Path(runs.__file__).resolve().parents[1], copy,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    monkeypatch.setattr(runs, "__file__", str(copy / "batch" / "runs.py"))
    before = runs.code_hash()
    assert before == real  # the same files under the same names: the same hash
    with (copy / "targets.py").open("a", encoding="utf-8") as f:
        f.write("\n# an edit\n")
    assert runs.code_hash() != before


# ------------------------------------ a stopped batch keeps the notebooks that finished


@pytest.mark.slow
def test_a_stopped_batch_records_the_region_that_finished_after_the_stop(tiny_data_dir,
                                                                         tmp_path):
    """SIGTERM let the running notebook finish (its results.json written), but the manifest
    kept it pending: the stop's line said 0 of 4 regions finished, and --resume ran it
    again. Here the stop comes as the first region is reported, while the second runs."""
    from forecast import batch

    def stop(status, done, total):
        raise KeyboardInterrupt  # as the command line's SIGTERM handler raises it

    with pytest.raises(KeyboardInterrupt) as info:
        batch.run_batch(regions="all", data_dir=tiny_data_dir, runs_dir=tmp_path,
                        n_paths=100, jobs=1, reports=False, on_progress=stop)
    (manifest_path,) = tmp_path.glob("*/manifest.json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    finished = {r for r, s in manifest["status"].items() if s["status"] in ("ok", "failed")}
    with_results = {p.parent.name for p in manifest_path.parent.glob("*/results.json")}
    assert len(finished) >= 2 and finished == with_results, (finished, with_results)
    assert f"{len(finished)} of {len(manifest['regions'])} regions finished" in \
        info.value.resume


# ------------------------------------- a target already met: how fast it may fall and hold


def test_a_target_already_met_says_how_fast_it_may_fall_and_still_be_met(tmp_path, capsys):
    """"Growth required: none: already reached" left out the one figure a planner needs
    of a target met now: how much of a fall it can take by its date."""
    from test_other_schemes import _run_json, write_scheme

    obs = [("land", "members", f"{y}-12-31", 2.0e6 + 0.1e6 * i, "")
           for i, y in enumerate(range(2014, 2025))]  # 3.0M at the end of 2024
    obs += [("land", "residents", f"{y}-12-31", 5e6, "") for y in range(2014, 2025)]
    folder = write_scheme(tmp_path / "d", obs, [
        ("land", "members", "2026-12-31", 2.7e6, ""),   # may fall 1 - 0.9^(1/2) a year
        ("land", "members", "2027-12-31", 3.0e6, "")])  # exactly met: must not fall
    out = _run_json(capsys, folder)
    fall, held = out["targets"]
    assert fall["required_growth"] == held["required_growth"] == "already_reached"
    assert fall["decline_allowed"] == pytest.approx(1 - 0.9 ** 0.5, rel=1e-3)  # 5.13 %
    assert held["decline_allowed"] == 0.0
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300"]) == 0
    text = capsys.readouterr().out
    assert "none: already reached at the last observation; it stays met if it falls no " \
           "faster than 5.13%/yr" in text
    assert "none: already reached at the last observation; it stays met only if it does " \
           "not fall" in text
    assert main(["run", "--data-dir", str(folder), "--n-paths", "300", "--lang", "id"]) == 0
    assert "tetap tercapai bila turunnya tidak lebih cepat dari 5,13%/tahun" in \
        capsys.readouterr().out


# ---------------------------- a scenario's extra enrolments start at the total's last reading


def test_extra_enrolments_start_at_the_last_reading_of_the_total():
    """The shipped drive of 150,000 informal workers a month was counted from the total's
    last year-end (2024): 24 months by end-2026, 10 of them months the data had read
    (October 2025). It counts from that last reading."""
    import pandas as pd

    from forecast import config, national, results
    from forecast.data import load_panel
    from forecast.series import decimal_year

    panel = load_panel()
    obs = pd.read_csv(config.DATA_DIR / "observations.csv")
    last = obs[(obs["region"] == "national") & (obs["metric"] == "active_total")]["date"].max()
    models = ["linear", "exponential", "rw_drift"]
    ctx = results.national_context(panel, n_paths=300, seed=11, models=models)
    kw = dict(as_of=None, n_paths=300, seed=11, models=models, with_backtest=False,
              project_total=lambda end_t: ctx.total_projection)
    drive = config.DATA_DIR / "scenarios" / "hypothetical_informal_drive.toml"
    a = national.national_extras(panel, "national", scenario=drive, **kw)
    base = national.national_extras(panel, "national", **kw)
    bpu = {r["metric"]: r for r in a["segments"]["rows"]}["active_bpu"]
    bpu0 = {r["metric"]: r for r in base["segments"]["rows"]}["active_bpu"]
    due = a["segments"]["target_date"] if "target_date" in a["segments"] else "2026-12-31"
    months = 12 * (decimal_year(due) - decimal_year(last))
    assert 12 < months < 15  # October 2025 to the end of 2026
    # The segment steps from its own last reading (April 2025) and is read between two
    # steps (log-linearly), so the extra is about, not exactly, 150,000 a month read since.
    got = (bpu["median"] - bpu0["median"]) / 150000
    assert abs(got - months) < 1.0, (got, months)  # counted from 2024 it was 24


# --------------------------------------------------------- compare's sentences of dates


def test_compare_of_dates_reads_as_english_and_says_a_left_out_target_once():
    """"From as of 2023-12-31 to as of 2025-12-31", "1 target came from sources published
    after it and are left out", and the same note twice when both sides are one date."""
    from forecast.compare_cmd import _left_out_lines, format_comparison

    c = {"a": "as of 2022-12-31", "b": "as of 2022-12-31", "steps": [], "targets": [],
         "published_later": {"a": {"readings": 0, "targets": 1},
                             "b": {"readings": 0, "targets": 1}},
         "not_assessed": []}
    assert _left_out_lines(c) == ["The data as of 2022-12-31: 1 target came from sources "
                                  "published after it and is left out (`--vintage date` "
                                  "reads it)."]
    text = format_comparison(c)
    assert text.startswith("From the data as of 2022-12-31 to the data as of 2022-12-31;")
    assert text.count("left out") == 1
    runs = {**c, "a": "run r1", "b": "run r2", "published_later": {}}
    assert format_comparison(runs).startswith("From run r1 to run r2;")


# ------------------------------------------ a scenario that takes participants past a bound


@pytest.mark.parametrize("monthly, past", [(5_000_000, True), (150_000, False)])
def test_a_scenario_past_the_ceiling_says_so(tmp_path, capsys, monthly, past):
    """5 million informal workers a month (a value the scenario file allows) gave 164M
    participants for a working population of 151M, and a joint probability of >99.9 %,
    without a word: a scenario's extras add to every path, unbounded."""
    path = tmp_path / "max.toml"
    path.write_text(f'name = "HYPOTHETICAL max"\ndescription = "a test"\n[adjustments]\n'
                    f'extra_monthly_enrolments = {{ active_bpu = {monthly} }}\n',
                    encoding="utf-8")
    assert main(["run", "--n-paths", "200", "--seed", "1", "--scenario", str(path),
                 "--format", "json"]) == 0
    sc = json.loads(capsys.readouterr().out)["scenario"]
    assert ("past_bound" in sc) is past
    if past:
        got = sc["past_bound"]
        assert got["median"] > got["bound"] > 100e6 and got["year"] >= 2026
    assert main(["run", "--n-paths", "200", "--seed", "1", "--scenario", str(path)]) == 0
    text = capsys.readouterr().out
    assert ("is above their ceiling" in text) is past
    if past:
        assert f"In {got['year']} its median of active participants (" in text


# ------------------------------ the fund model's inputs under a scenario are the ones used


def test_the_fund_inputs_under_a_scenario_are_the_ones_its_projection_used(tmp_path, capsys):
    """Under a return of 50 %, the fund block printed its median beside "Investment return
    a year 8.67% (sd 1.39%)", the estimate the scenario had replaced (results.json too)."""
    from forecast.fundwords import how_text

    path = tmp_path / "r.toml"
    path.write_text('name = "HYPOTHETICAL return"\ndescription = "a test"\n[adjustments]\n'
                    'investment_return = 0.5\n', encoding="utf-8")
    args = ["run", "--n-paths", "200", "--seed", "1", "--format", "json"]
    assert main(args) == 0
    base = json.loads(capsys.readouterr().out)["funds_model"]["inputs"]
    assert main(args + ["--scenario", str(path)]) == 0
    fm = json.loads(capsys.readouterr().out)["funds_model"]
    r0 = next(i for i in base if i["name"] == "investment_return")
    r = next(i for i in fm["inputs"] if i["name"] == "investment_return")
    assert r["value"] == 0.5 and r["estimated"] == r0["value"] and r["sd"] == r0["sd"]
    assert "estimated" not in r0
    assert how_text(r, fm, "en") == (f"the scenario's 50.00% in place of the estimated "
                                     f"{r0['value']:.2%} (its year-to-year sd {r0['sd']:.2%} "
                                     f"kept)")
    assert main(["run", "--n-paths", "200", "--seed", "1", "--scenario", str(path)]) == 0
    assert "Investment return a year" in (text := capsys.readouterr().out)
    assert "50.00% (sd" in text.split("Investment return a year", 1)[1].splitlines()[0]


# ------------------------------- the segments' gap counts a scenario's extras of the total


def test_the_segments_gap_counts_the_totals_extras_as_the_informal_need_does(tmp_path,
                                                                            capsys):
    """Under 1M more participants a month (of the total, in no segment): "Sum of medians
    47.93M; gap +22.07M" beside "Informal needs 10.92M", below informal's own median."""
    path = tmp_path / "t.toml"
    path.write_text('name = "HYPOTHETICAL total"\ndescription = "a test"\n[adjustments]\n'
                    'extra_monthly_enrolments = { active_total = 1000000 }\n',
                    encoding="utf-8")
    assert main(["run", "--n-paths", "200", "--seed", "1", "--scenario", str(path),
                 "--format", "json"]) == 0
    seg = json.loads(capsys.readouterr().out)["segments"]
    assert seg["unassigned"] > 12e6  # 1M a month from October 2025 to the end of 2026
    assert seg["gap"] == pytest.approx(seg["target_value"] - seg["sum_of_medians"]
                                       - seg["unassigned"])
    bpu = next(r["median"] for r in seg["rows"] if r["metric"] == "active_bpu")
    assert seg["informal_required_value"] - bpu == pytest.approx(seg["gap"])  # one account
    assert main(["run", "--n-paths", "200", "--seed", "1", "--scenario", str(path)]) == 0
    assert " of the total in no segment; gap +" in capsys.readouterr().out


def test_coverage_off_its_counts_in_two_years_is_one_line_counting_the_other(tmp_path, capsys):
    """One warning per series, at its first reading, counting the others in agreement."""
    from test_leftovers_s27 import REGIONS, SCHEME, UNIT, _yearly

    from conftest import write_rows

    members = [12.0e6, 12.9e6, 13.7e6, 14.6e6, 15.5e6]
    pop = [31.0e6] * 5
    cov = [round(100 * m / p, 1) for m, p in zip(members, pop)][:-2] + [60.0, 61.0]
    folder = write_rows(tmp_path / "d", SCHEME, REGIONS, UNIT,
                        _yearly("members", members) + _yearly("pop", pop) + _yearly("cov", cov),
                        [("land", "cov", "2026-12-31", 70)])
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.count("is not members / pop") == 1, out
    assert "land cov 60 on 2017-12-31 is not members / pop on that date (47.1 %), nor is 1 " \
           "more reading; expected" in out, out
