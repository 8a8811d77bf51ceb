"""Session 27's findings, each test failing on the code before its fix."""

import pytest

from conftest import one_line_error
from forecast.cli import main


@pytest.mark.parametrize("name", ["c.", ".png", "-", "c.png.", "..png", "chart", "c.pdf"])
def test_a_chart_name_that_is_not_a_png_file_is_refused(tiny_data_dir, tmp_path, capsys,
                                                          monkeypatch, name):
    """`compare --chart c.` wrote a PNG named 'c.', `--chart -` a file named '-' (not the
    standard output), `--chart .png` a hidden file: the name must end in .png after a stem."""
    monkeypatch.chdir(tmp_path)
    assert main(["compare", "--as-of", "2022", "2023", "--data-dir", str(tiny_data_dir),
                 "--n-paths", "100", "--chart", name]) == 2
    assert one_line_error(capsys).startswith(
        "forecast: error: --chart: expected a file name ending in .png (the chart is a PNG "
        "image), found ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_chart_named_in_capitals_is_written(tiny_data_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["compare", "--as-of", "2022", "2023", "--data-dir", str(tiny_data_dir),
                 "--n-paths", "100", "--chart", "Moved.PNG"]) == 0
    assert (tmp_path / "Moved.PNG").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ------------------------------------------------------- a hand-written scheme's coverage

from conftest import SYNTHETIC_COVERAGE_METRICS, SYNTHETIC_SCHEME_HEAD, write_rows  # noqa: E402

SCHEME = SYNTHETIC_SCHEME_HEAD.format(what="s27", level="county") + SYNTHETIC_COVERAGE_METRICS
UNIT = {"members": "people", "pop": "people", "cov": "pct"}
REGIONS = (("land", "Land", "land", ""),)


def _yearly(metric, values, first=2014):
    return [("land", metric, f"{first + i}-12-31", v) for i, v in enumerate(values)]


def test_a_fraction_among_percentages_is_refused_by_the_run(tmp_path, capsys):
    """Coverage of 40-65 % written as 0.40-0.65 (SYNTHETIC): `data check` warned, and `run`
    exited 0 with 0.6 % as the last reading, '<0.1 %' and 'regression' for a rising series."""
    members = [12.0e6, 12.9e6, 13.7e6, 14.6e6, 15.5e6]
    pop = [30.0e6, 30.24e6, 30.48e6, 30.73e6, 30.97e6]
    cov = [round(m / p, 4) for m, p in zip(members, pop)]  # fractions: 0.4, 0.4266, ...
    folder = write_rows(tmp_path / "d", SCHEME, REGIONS, UNIT,
                        _yearly("members", members) + _yearly("pop", pop) + _yearly("cov", cov),
                        [("land", "cov", "2026-12-31", 70)])
    out = tmp_path / "r.json"
    assert main(["run", "--data-dir", str(folder), "--n-paths", "100", "--output",
                 str(out)]) == 2
    err = one_line_error(capsys)
    assert "observations.csv:12: column 'value': land cov 0.4 on 2014-12-31 is a hundredth " \
           "of members / pop on that date (40.0 %), and so are 4 more readings; expected a " \
           "percentage (40.0), not a fraction" in err
    assert not out.exists()


def test_a_small_coverage_written_as_a_percentage_is_read(tmp_path, capsys):
    """0.5 % written as 0.5 is a percentage when the counts give 0.5 % (SYNTHETIC)."""
    members = [150e3, 160e3, 170e3, 180e3]
    pop = [30e6] * 4
    cov = [100 * m / p for m, p in zip(members, pop)]  # 0.5, 0.533, ...
    folder = write_rows(tmp_path / "d", SCHEME, REGIONS, UNIT,
                        _yearly("members", members) + _yearly("pop", pop) + _yearly("cov", cov),
                        [("land", "cov", "2026-12-31", 1)])
    assert main(["data", "check", "--data-dir", str(folder)]) == 0


def test_a_coverage_reading_of_unknown_base_among_stated_ones_is_warned_of(tmp_path, capsys):
    """Empty denominator cells on two coverage readings, the others on `pop`: the run left
    them out (anchored on an earlier reading when the latest was one), and `data check` said
    '0 warnings' (SYNTHETIC)."""
    cov = [40.0, 42.7, 44.9, 47.5, 50.1]
    folder = write_rows(tmp_path / "d", SCHEME, REGIONS, UNIT, _yearly("cov", cov),
                        [("land", "cov", "2026-12-31", 70)])
    lines = (folder / "observations.csv").read_text(encoding="utf-8").splitlines()
    assert lines[5].endswith(",pop") and lines[3].endswith(",pop")
    lines[5], lines[3] = lines[5][:-3], lines[3][:-3]  # 2018 and 2016: base left empty
    (folder / "observations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert (f"{folder / 'observations.csv'}:4: warning: land cov 44.9 on 2016-12-31 has an "
            "empty denominator, and so has 1 more reading, among readings on pop; expected "
            "the base it is of (a reading of unknown base is compared with no target: the run "
            "leaves it out)") in out


def test_a_data_folder_without_the_denominator_column_is_not_warned_of(tmp_path, capsys):
    folder = write_rows(tmp_path / "d", SCHEME, REGIONS, UNIT, _yearly("cov", [40.0, 42.0]),
                        [("land", "cov", "2026-12-31", 70)])
    for name in ("observations.csv", "targets.csv"):
        path = folder / name
        path.write_text("".join(line.rsplit(",", 1)[0] + "\n" for line in
                                path.read_text(encoding="utf-8").splitlines()),
                        encoding="utf-8")
    assert main(["data", "check", "--data-dir", str(folder)]) == 0
    assert "empty denominator" not in capsys.readouterr().out


@pytest.mark.parametrize("lang, caveat", [
    ("en", " (both at the last reading; the projection gives under 50% that it still holds "
           "at the target date)"),
    ("id", " (keduanya pada pembacaan terakhir; proyeksi memberi di bawah 50% bahwa target "
           "masih tercapai pada tanggal target)")])
def test_a_target_met_now_but_likely_missed_later_is_not_said_met_by_the_pace(
        tmp_path, capsys, lang, caveat):
    """A count falling 3.5 %/yr (SYNTHETIC), 2.7M now against 2.55M by 2027: 'target met
    (both by the past pace carried on ...)', yet that pace gives 2.43M by 2027."""
    folder = write_rows(tmp_path / "d", SCHEME, REGIONS, UNIT,
                        _yearly("members", [3.0e6, 2.9e6, 2.8e6, 2.7e6], first=2021),
                        [("land", "members", "2027-12-31", 2.55e6)])
    assert main(["run", "--data-dir", str(folder), "--n-paths", "1000", "--lang", lang]) == 0
    row = [line for line in capsys.readouterr().out.splitlines() if "UNSD:" in line]
    assert len(row) == 1 and row[0].endswith(caveat), row
    assert "past pace" not in row[0] and "laju masa lalu" not in row[0]


# ------------------------------------------- a full disk that names no file names the folder


@pytest.mark.slow
def test_a_full_disk_that_names_no_file_is_named_by_the_regions_folder(tiny_data_dir,
                                                                        tmp_path):
    """A disk filled while papermill saved a region's notebook: 'forecast: error: No space
    left on device; run X kept, ...', naming no file. Now the region's folder."""
    import errno

    from test_batch import template_with

    from forecast.batch import run_batch

    template = template_with(tmp_path, "import errno, os\nraise OSError(errno.ENOSPC, "
                                       "os.strerror(errno.ENOSPC))")
    runs = tmp_path / "runs"
    with pytest.raises(OSError) as caught:
        run_batch(regions="national", data_dir=tiny_data_dir, runs_dir=runs, n_paths=100,
                  jobs=1, track_record=False, template=template)
    run_dir = next(p for p in runs.iterdir() if not p.is_symlink())
    assert (caught.value.errno, caught.value.filename) == (errno.ENOSPC,
                                                           str(run_dir / "national"))


# ------------------------------------------------------ options the command would not read


@pytest.mark.parametrize("argv,said", [
    (["run", "--vintage", "date"], "--vintage: expected only with --as-of or --track-record (it "
                                   "says how their dates are read), found it with neither; "
                                   "leave it out"),
    (["batch", "--vintage", "published", "--no-track-record"],
     "--vintage: expected only with --as-of or the track record"),
    (["run", "--lang", "id", "--format", "json"], "--lang: expected only with --format table "
                                                  "(the JSON output has no language"),
    (["batch", "--regions", "national,national"], "--regions: expected each region once, "
                                                  "found 'national' more than once"),
])
def test_an_option_the_command_would_not_read_is_refused(tiny_data_dir, tmp_path, capsys,
                                                         argv, said):
    """Each ran as if it was not given: `run --vintage date` printed 'all data' the same,
    `--lang id --format json` the same bytes as English, `--regions national,national`
    national once (session 27's sweep)."""
    runs = tmp_path / "runs"
    extra = ["--runs-dir", str(runs)] if argv[0] == "batch" else []
    assert main(argv + ["--data-dir", str(tiny_data_dir), "--n-paths", "100"] + extra) == 2
    assert one_line_error(capsys).startswith(f"forecast: error: {said}")
    assert not runs.exists()


def test_the_options_read_are_still_taken(tiny_data_dir, capsys):
    assert main(["run", "--vintage", "date", "--as-of", "2023", "--data-dir",
                 str(tiny_data_dir), "--n-paths", "100", "--format", "json"]) == 0
    # The track record re-runs as of past year-ends: --vintage says how they are read.
    assert main(["run", "--vintage", "date", "--track-record", "--data-dir",
                 str(tiny_data_dir), "--n-paths", "100", "--format", "json"]) == 0
    assert main(["run", "--lang", "id", "--data-dir", str(tiny_data_dir), "--n-paths",
                 "100"]) == 0
    assert "Probabilitas" in capsys.readouterr().out


def test_the_command_that_remakes_a_run_of_all_data_without_a_track_record_is_taken():
    """`rerun_command` wrote `--vintage` for every run: for one of all data and no track
    record the command line now refuses it, so it is left out there."""
    import shlex

    from forecast.cli import build_parser
    from forecast.cliargs import check_read
    from forecast.oldruns import rerun_command

    manifest = {"regions": ["national"], "parameters": {
        "seed": 5, "as_of": None, "vintage": "published", "models": "", "lang": "en",
        "data_dir": "/d", "track_record": False}}
    words = shlex.split(rerun_command(manifest, "/r/runs/r1"))
    assert "--vintage" not in words
    manifest["parameters"]["track_record"] = True
    words = shlex.split(rerun_command(manifest, "/r/runs/r1"))
    assert words[words.index("--vintage") + 1] == "published"
    args, extra = build_parser().parse_known_args(words[1:])
    assert not extra
    check_read(args)  # taken: the track record reads the vintage


# ------------------------------------------------------------- a damaged chart of a run


@pytest.mark.slow
@pytest.mark.parametrize("damage", [b"garbage\n", "truncated"])
def test_a_damaged_chart_is_drawn_again_from_results_json(tmp_path, capsys, damage):
    """`report` of a run whose saved fan chart was damaged failed that region (exit 1) with
    typst's 'failed to decode image (... Invalid PNG signature)', naming no file."""
    import json

    from conftest import copy_run, pristine_run_folder

    from forecast.plots import fan_chart_png, fan_file

    runs = copy_run(pristine_run_folder(tmp_path / "p"), tmp_path)
    region = runs / "r1" / "national"
    entry = json.loads((region / "results.json").read_text(encoding="utf-8"))["targets"][0]
    png = fan_chart_png(entry, lang="en")
    (region / fan_file(entry, "en")).write_bytes(
        damage if isinstance(damage, bytes) else png[: len(png) // 2])
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 0, capsys.readouterr().err
    assert (region / "report_en.pdf").read_bytes()[:5] == b"%PDF-"
