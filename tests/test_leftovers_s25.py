"""The notebooks' tables in the reports' order: the headline targets first.

The CLI and the PDFs lead with the scheme's headline targets (forecast.report.order); the
notebooks' reachability, models, base-year and quality tables kept the order of
results.json (by date and metric id), so the shipped 2026 coverage target sat between 70M
and Rp1,001T in the notebook and not in the PDF beside it."""

import json

from forecast import tables
from forecast.report.order import ordered_targets


def _labels(frame, column):
    return list(dict.fromkeys(frame[column]))


def test_the_notebook_tables_list_the_headline_targets_first(shipped_national):
    # In results.json the coverage target (metric id "coverage_pct") comes between the two.
    stored = [(t["metric"], t["target_date"][:4]) for t in shipped_national["targets"]]
    assert stored.index(("coverage_pct", "2026")) < stored.index(("fund_investment", "2026"))
    for lang, first, second in (("en", "Active participants", "Investment funds"),
                                ("id", "Peserta aktif", "Dana investasi")):
        reach = tables.reachability_table(shipped_national, lang)
        assert _labels(reach, reach.columns[0])[:2] == [first, second], reach.iloc[:3, :4]
        assert len(reach) == len(ordered_targets(shipped_national))
        by = "by" if lang == "en" else "pada"
        for table in (tables.models_table(shipped_national, lang),
                      tables.base_year_table(shipped_national, lang)):
            assert _labels(table, table.columns[0])[:2] == [f"{first} {by} 2026",
                                                           f"{second} {by} 2026"]
        quality = tables.quality_table(shipped_national, lang)
        assert list(quality.iloc[:2, 0]) == [first, second]


# ------------------------------------------------ the reliability chart's counts stay apart


def test_the_reliability_counts_overlap_neither_each_other_nor_a_dot():
    # Another scheme's record: bands at 1 % and 13 % given, both never met, wrote
    # "n=31n=13"; "n=27" ran into the dot at 98 %.
    from forecast.plots import to_png
    from forecast.trackplots import reliability_chart

    bands = [{"n": 31, "mean_probability": 0.007, "share_met": 0.0},
             {"n": 13, "mean_probability": 0.13, "share_met": 0.0},
             {"n": 6, "mean_probability": 0.46, "share_met": 0.17},
             {"n": 27, "mean_probability": 0.84, "share_met": 0.96},
             {"n": 15, "mean_probability": 0.985, "share_met": 1.0}]
    fig = reliability_chart(bands)
    to_png(fig)
    renderer = fig._get_renderer()
    ax = fig.axes[0]
    labels = [t.get_window_extent(renderer) for t in ax.texts]
    assert len(labels) == 5
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not a.overlaps(b), (a, b)
    points = fig.dpi / 72
    for c in ax.collections:
        (x, y), = ax.transData.transform(c.get_offsets())
        radius = c.get_sizes()[0] ** 0.5 / 2 * points
        for box in labels:  # the box is clear of the dot's disc
            nx, ny = min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)
            assert (nx - x) ** 2 + (ny - y) ** 2 > radius ** 2, (box, x, y, radius)


# --------------------------------- compare --as-of: why a side read as published had nothing


def test_compare_says_what_the_published_reading_left_out(tiny_data_dir, capsys):
    # Another scheme's sources were all published after both dates: compare said only
    # "nothing to compare", where `forecast run --as-of` says why and what reads them.
    import csv

    from forecast.cli import main

    path = tiny_data_dir / "sources.csv"
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    for r in rows:
        r["published"] = "2026-03"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    obs = list(csv.DictReader(open(tiny_data_dir / "observations.csv", encoding="utf-8")))
    targets = [t for t in csv.DictReader(open(tiny_data_dir / "targets.csv", encoding="utf-8"))
               if t["region"] == "national"]
    assert targets

    def dated_by(day):
        return sum(o["region"] == "national" and o["date"] <= day for o in obs)

    assert main(["compare", "--as-of", "2019", "2021", "--data-dir", str(tiny_data_dir),
                 "--n-paths", "100", "--region", "national"]) == 0
    out = capsys.readouterr().out
    assert "nothing to compare" in out
    for day in ("2019-12-31", "2021-12-31"):
        assert (f"The data as of {day}: {dated_by(day)} readings dated by it and {len(targets)} "
                f"target{'s' * (len(targets) != 1)} came from sources published after it "
                f"and are left out (`--vintage date` reads them).") in out, out
    # Read as dated, nothing is left out and the targets are compared.
    assert main(["compare", "--as-of", "2019", "2021", "--data-dir", str(tiny_data_dir),
                 "--n-paths", "100", "--region", "national", "--vintage", "date",
                 "--format", "json"]) == 0
    got = __import__("json").loads(capsys.readouterr().out)
    assert got["targets"] and got["published_later"] == {"a": None, "b": None}


# ---------------------------------------------- a deep path within the system's limit


def test_a_path_of_1500_folders_is_written_not_a_recursion_traceback(tmp_path, capsys,
                                                                     tiny_data_dir):
    # PATH_MAX (4,096 bytes) admits about 2,000 folders; pathlib's mkdir(parents=True)
    # recursed once per folder past Python's limit of 1,000 calls: RecursionError.
    import shutil
    import sys

    from forecast.cli import main

    deep = tmp_path.joinpath(*["d"] * 1500)
    out = tmp_path.joinpath(*["o"] * 1500, "results.json")
    assert len(str(deep)) < 4000
    try:
        assert main(["init", str(deep)]) == 0
        assert (deep / "scheme.toml").is_file()
        assert main(["run", "--data-dir", str(tiny_data_dir), "--region", "national",
                     "--n-paths", "100", "--format", "json", "--output", str(out)]) == 0
        assert json.loads(out.read_text())["region"] == "national"
        capsys.readouterr()
    finally:
        # Removed here: pytest's own clean-up of old temporary folders (shutil.rmtree, one
        # call per folder) ran past the recursion limit on them in a later session.
        sys.setrecursionlimit(max(sys.getrecursionlimit(), 6000))
        for top in ("d", "o"):
            shutil.rmtree(tmp_path / top, ignore_errors=True)
        assert not (tmp_path / "d").exists() and not (tmp_path / "o").exists()


# ------------------------------------------------------- batch --timeout in part-seconds


@__import__("pytest").mark.slow
def test_batch_takes_a_timeout_in_part_seconds(tiny_data_dir, tmp_path, capsys):
    # --timeout 600.5 passed the parser ("a number of seconds > 0"), then nbclient refused
    # the float in every region (TraitError): exit 1 and a run of failed regions.
    from forecast.cli import main

    code = main(["batch", "--regions", "national", "--data-dir", str(tiny_data_dir),
                 "--runs-dir", str(tmp_path), "--n-paths", "200", "--jobs", "1",
                 "--timeout", "600.5", "--no-track-record"])
    assert code == 0, capsys.readouterr().err
    manifest = json.loads(next(tmp_path.glob("*/manifest.json")).read_text())
    assert manifest["summary"]["failed"] == []


def test_batch_refuses_a_damaged_previous_run_before_any_region_runs(tiny_data_dir, tmp_path,
                                                                     capsys):
    # Every region ran first; the summary's comparison page then read the damaged
    # manifest: exit 2 and a run folder without its summary.
    from forecast.cli import main

    runs = tmp_path / "runs"
    (runs / "old").mkdir(parents=True)
    (runs / "old" / "manifest.json").write_text("{bad", encoding="utf-8")
    code = main(["batch", "--regions", "national", "--data-dir", str(tiny_data_dir),
                 "--runs-dir", str(runs), "--n-paths", "200", "--jobs", "1",
                 "--no-track-record", "--previous", "old"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("forecast: error: ") and len(err.strip().splitlines()) == 1, err
    assert "manifest.json: truncated or damaged" in err, err
    assert sorted(p.name for p in runs.iterdir()) == ["old"]  # no new run was started


# ------------------------------------------------------- a capped address space (ulimit -v)


def test_a_capped_address_space_is_one_line_never_a_hang_or_a_traceback(tiny_data_dir):
    # Under `ulimit -v` the libraries could not be mapped in: a SystemError or ImportError
    # traceback (exit 1), or OpenBLAS retrying its threads' memory forever, a hang that
    # only kill -9 ended.
    import resource
    import subprocess
    import sys
    from pathlib import Path

    forecast = Path(sys.executable).with_name("forecast")

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (250 * 2 ** 20, 250 * 2 ** 20))

    for _ in range(2):  # where the mapping fails varies from run to run
        done = subprocess.run([str(forecast), "run", "--data-dir", str(tiny_data_dir),
                               "--n-paths", "100"], capture_output=True, text=True,
                              preexec_fn=cap, timeout=120)
        err = done.stderr.strip().splitlines()
        assert done.returncode == 2 and len(err) == 1, done.stderr[-2000:]
        assert err[0].startswith("forecast: error: out of memory: expected "), err


# ----------------------------------------------------- a batch on a disk already full


def _full(*_args, **_kwargs):
    import errno
    import os

    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as a write() raises it


def _batch(data_dir, runs):
    return ["batch", "--regions", "national", "--n-paths", "200", "--jobs", "1",
            "--no-track-record", "--data-dir", str(data_dir), "--runs-dir", str(runs)]


def test_a_batch_on_a_full_disk_names_the_file_and_leaves_no_run_folder(
        tiny_data_dir, tmp_path, capsys, monkeypatch):
    # The lock file's pid could not be written: "forecast: error: No space left on
    # device", naming nothing, and a run folder holding only its .lock after every try.
    import forecast.batch.runs as runs_module
    from forecast.cli import main

    runs = tmp_path / "runs"
    monkeypatch.setattr(runs_module.os, "pwrite", _full)
    assert main(_batch(tiny_data_dir, runs)) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("forecast: error: "), err
    assert f"{runs.resolve()}/" in err and ".lock: No space left on device" in err, err
    assert not any(runs.iterdir())


def test_a_new_runs_first_manifest_failing_leaves_no_run_folder(tiny_data_dir, tmp_path,
                                                                capsys, monkeypatch):
    import forecast.batch.run as batch_run
    from forecast.cli import main

    runs = tmp_path / "runs"
    real = batch_run.write_json
    monkeypatch.setattr(batch_run, "write_json",
                        lambda obj, path: real(obj, path) if path.name != "manifest.json"
                        else _full())
    assert main(_batch(tiny_data_dir, runs)) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "No space left on device" in err, err
    assert not any(runs.iterdir())


# ------------------------------------- data check: each target reads its own readings only


def test_each_targets_checks_read_its_regions_and_the_top_regions_readings(tiny_data_dir):
    # The checks of 2,000 targets each scanned all 400,000 readings (three minutes); each
    # now gets a panel of its region's readings and the top region's, which is all the
    # checks read (data check's lines on such a folder were the same before and after).
    from forecast.data import load_panel
    from forecast.targetcheck import target_panels

    panel = load_panel(tiny_data_dir)
    top = panel.scheme.top_region
    seen = 0
    for row, own in target_panels(panel):
        want = panel.observations[panel.observations["region"].isin({row.region, top})]
        got = own.observations.sort_index()
        assert got.equals(want), row
        assert own.targets is panel.targets and own.scheme is panel.scheme
        seen += 1
    assert seen == len(panel.targets) and {r for r in panel.targets["region"]} - {top}


# ------------------------------------------------------ the region code's example fits it


@__import__("pytest").mark.parametrize("digits, code, example", [
    ("[]", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "a short (at most 20 characters) letters-and-digits "
                                         "region code such as R1 (or empty)"),
    ("[4]", "12", "a 4-digit region code such as 5101 (or empty)"),
    ("[2, 4]", "123", "a 2 or 4-digit region code such as 51 (or empty)"),
    ("[1]", "12", "a 1-digit region code such as 5 (or empty)")])
def test_the_region_code_message_gives_an_example_of_the_code_it_expects(
        tmp_path, capsys, digits, code, example):
    # With region_code_digits = [4] it read "expected a 4-digit region code such as R1",
    # and without digits "expected a a short ...".
    import re

    from forecast.cli import main

    folder = tmp_path / "d"
    assert main(["init", str(folder)]) == 0
    toml = folder / "scheme.toml"
    toml.write_text(re.sub(r"(?m)^region_code_digits = \[\]", f"region_code_digits = {digits}",
                           toml.read_text(encoding="utf-8")), encoding="utf-8")
    regions = folder / "regions.csv"
    lines = regions.read_text(encoding="utf-8").splitlines()
    lines[0] += ",bps_code"
    lines[1] += f",{code}"
    regions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["data", "check", "--data-dir", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"column 'bps_code': expected {example}, found '{code}'" in err, err


# ------------------------------------------------- a region's failed report, said once


def test_a_damaged_notebook_is_said_once_at_the_end_of_report(tiny_data_dir, tmp_path,
                                                              capsys):
    # The failure was logged as a WARNING as it happened and printed again at the end. A
    # damaged notebook is now refused before any report (session 28): one line, exit 2.
    from forecast.cli import main

    runs = tmp_path / "runs"
    assert main(["batch", "--regions", "national", "--n-paths", "200", "--jobs", "1",
                 "--no-track-record", "--data-dir", str(tiny_data_dir), "--runs-dir",
                 str(runs)]) == 0
    run = next(runs.glob("*/manifest.json")).parent
    (run / "national" / "region_forecast.ipynb").write_text("{", encoding="utf-8")
    capsys.readouterr()
    # Its own process: pytest's log capture would hide the warning the command printed.
    import subprocess
    import sys
    from pathlib import Path

    done = subprocess.run([str(Path(sys.executable).with_name("forecast")), "report",
                           run.name, "--runs-dir", str(runs)], capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    err = done.stderr
    said = [line for line in err.splitlines() if "region_forecast.ipynb" in line]
    assert err.count("\n") == 1 and len(said) == 1, err
    assert said[0].startswith("forecast: error: ") and "truncated or damaged" in said[0], err


# -------------------------------------------------- an interrupted batch names its run


def test_an_interrupted_batch_names_the_run_and_the_command_that_completes_it(
        tiny_data_dir, tmp_path, capsys, monkeypatch):
    # It printed only "forecast: interrupted": the run folder kept and --resume unsaid.
    import forecast.batch.run as batch_run
    from forecast.cli import main

    runs = tmp_path / "runs"
    real = batch_run.run_one

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch_run, "run_one", interrupted)
    argv = ["batch", "--regions", "national", "--n-paths", "200", "--jobs", "1",
            "--no-track-record", "--data-dir", str(tiny_data_dir), "--runs-dir", str(runs)]
    assert main(argv) == 130
    err = capsys.readouterr().err.strip().splitlines()
    run = next(runs.glob("*/manifest.json")).parent.name
    assert err[-1] == (f"forecast: interrupted; run {run} kept, 0 of 1 region finished: "
                       f"`forecast batch --resume {run} --runs-dir {runs}` completes it"), err
    monkeypatch.setattr(batch_run, "run_one", real)
    assert main(["batch", "--resume", run, "--runs-dir", str(runs), "--jobs", "1"]) == 0
    assert json.loads((runs / run / "manifest.json").read_text())["summary"]["ok"] == 1


# ------------------------------------------ data check: a 0 after readings above 0


def test_data_check_warns_of_a_0_after_readings_above_0_once(tiny_data_dir, capsys):
    # The README says such a 0 is refused, and the run leaves its targets unassessed;
    # data check said OK. A series that starts with 0s (before a launch) is fine.
    import csv

    from forecast.cli import main

    path = tiny_data_dir / "observations.csv"
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    series = sorted((r for r in rows if r["region"] == "national"
                     and r["metric"] == "active_total"), key=lambda r: r["date"])
    assert len(series) >= 4 and all(float(r["value"]) > 0 for r in series)
    series[0]["value"] = "0"  # before the launch: no warning
    series[2]["value"] = series[3]["value"] = "0"  # after readings above 0: one warning
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    line = 2 + rows.index(series[2])
    assert main(["data", "check", "--data-dir", str(tiny_data_dir)]) == 0
    out = capsys.readouterr().out
    said = [s for s in out.splitlines() if "after readings above 0" in s]
    assert said == [f"{path}:{line}: warning: national active_total: 0 on "
                    f"{series[2]['date']} after readings above 0; expected readings above 0 "
                    f"once the series has started (its growth cannot be projected: the run "
                    f"does not assess its targets)"], out
