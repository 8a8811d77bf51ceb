"""Another scheme's new user: a track record of sources all
published after the past year-ends, readings left out of an --as-of run for their
publication, the fund line's currency, and a full disk while the reports render.

The track record of a scheme whose sources were all published after its past year-ends
(one recent annual report with the whole history, the common case of another scheme): read
as published, every re-run knew nothing and the page said only "Nothing to score yet". The
re-runs read the values dated up to each year-end instead, and the record says so."""

import csv
import json
import re

from forecast.cli import main
from forecast.data import load_panel
from forecast.report.trackpage import intro_sentence
from forecast.trackrecord import published_too_late, track_record


def _publish(folder, when):
    path = folder / "sources.csv"
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    for r in rows:
        r["published"] = when
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def _stand_in(seen):
    def run(panel, region, *, as_of, n_paths, seed, vintage_basis, questions=None):
        seen.append(vintage_basis)
        return {"targets": [], "questions": [{**q, "probability": 0.5} for q in questions]}
    return run


def test_sources_published_after_every_year_end_rerun_on_the_dated_values(tiny_data_dir):
    _publish(tiny_data_dir, "2026-03")  # after the last year-end (2024) and the Oct 2025 reading
    panel = load_panel(tiny_data_dir)
    seen = []
    got = track_record(panel, "national", _stand_in(seen))
    assert seen and set(seen) == {"date"}
    assert got["basis"] == "date" and got["basis_asked"] == "published"
    assert got["by_kind"]["threshold"]["n"] > 0
    for lang, words in (("en", "None of the sources we cite had been published by the past "
                               "year-ends re-run"),
                        ("id", "Tidak satu pun sumber yang kami kutip sudah terbit")):
        assert words in intro_sentence(got, lang)


def test_a_source_published_by_one_past_year_end_keeps_the_published_reading(tiny_data_dir):
    # tests/conftest.py: src-a published 2024-01-31, so the re-run as of end-2024 knows the
    # history; the years before knew nothing, as published, and say so as before.
    panel = load_panel(tiny_data_dir)
    assert not published_too_late(panel, "national", [2023, 2024])
    assert published_too_late(panel, "national", [2022, 2023])
    seen = []
    got = track_record(panel, "national", _stand_in(seen))
    assert set(seen) == {"published"}
    assert got["basis"] == got["basis_asked"] == "published"
    assert "None of the sources" not in intro_sentence(got, "en")


def test_run_track_record_on_late_sources_scores_forecasts(tiny_data_dir, tmp_path, capsys):
    _publish(tiny_data_dir, "2026-03")
    out = tmp_path / "r.json"
    assert main(["run", "--data-dir", str(tiny_data_dir), "--region", "national",
                 "--track-record", "--n-paths", "200", "--output", str(out)]) == 0
    text = capsys.readouterr().out
    assert "(date vintages" in text
    assert "None of the sources we cite had been published by the past year-ends" in text
    tr = json.loads(out.read_text())["track_record"]
    assert tr["basis"] == "date" and tr["basis_asked"] == "published"
    assert tr["n"] > 0 and tr["brier"] is not None


def test_as_of_names_the_readings_published_later(tiny_data_dir, tmp_path, capsys):
    # Both sources published in 2026: every national reading dated by end-2022 is left
    # out of the run as known then, and counted.
    _publish(tiny_data_dir, "2026-03")
    obs = load_panel(tiny_data_dir).observations
    expected = int(((obs["region"] == "national") & (obs["date"] <= "2022-12-31")).sum())
    assert expected == 9 + 8 + 8  # active_total 2014-2022, funds and the survey 2015-2022
    out = tmp_path / "r.json"
    assert main(["run", "--data-dir", str(tiny_data_dir), "--region", "national",
                 "--as-of", "2022", "--n-paths", "200", "--output", str(out)]) == 0
    text = capsys.readouterr().out
    assert (f"{expected} readings of Testland dated by 2022-12-31 came from sources "
            "published after it and are left out (`--vintage date` reads them).") in text
    results = json.loads(out.read_text())
    assert results["readings_published_later"] == expected
    from forecast.report.build import as_of_line
    assert f"{expected} readings dated by then, published later, left out" in \
        as_of_line(results, "en")
    assert f"{expected} pembacaan bertanggal sampai saat itu" in as_of_line(results, "id")
    # The date reading reads them: nothing left out, nothing said.
    assert main(["run", "--data-dir", str(tiny_data_dir), "--region", "national",
                 "--as-of", "2022", "--vintage", "date", "--n-paths", "200",
                 "--output", str(out)]) == 0
    assert "left out" not in capsys.readouterr().out
    assert json.loads(out.read_text())["readings_published_later"] == 0


def test_the_fund_models_money_per_head_names_its_currency_once(shipped_national):
    from forecast.textfmt import format_results
    for lang, name in (("en", "Contributions per active participant a year"),
                       ("id", "Iuran per peserta aktif per tahun")):
        text = format_results(shipped_national, lang)
        line = next(x for x in text.splitlines() if x.strip().startswith(name))
        assert "(Rp)" not in line and re.search(re.escape(name) + r" +Rp\d", line), line


def test_a_full_disk_while_the_reports_render_stops_on_one_line(tmp_path, monkeypatch, capsys):
    # A batch on a full disk printed "WARNING ... report for country failed: OSError: [Errno
    # 28] No space left on device" for each region, then its one line about the summary.
    import errno

    from conftest import copy_run, pristine_run_folder
    from forecast.report import render as rr

    runs = copy_run(pristine_run_folder(tmp_path / "p"), tmp_path)
    for pdf in runs.glob("**/*.pdf"):
        pdf.unlink()

    def full(results, region_dir, out_pdf, lang):
        raise OSError(errno.ENOSPC, "No space left on device", str(out_pdf))

    monkeypatch.setattr(rr, "render_region", full)
    capsys.readouterr()
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 2
    err = capsys.readouterr().err
    lines = [x for x in err.splitlines() if x.strip() and "regions," not in x]
    assert lines == [f"forecast: error: {runs / 'r1' / 'national' / 'report_en.pdf'}: "
                     "No space left on device"], err
    assert not list(runs.glob("**/*.pdf"))
    # Any other failure of one region's report is still that region's alone.
    def broken(results, region_dir, out_pdf, lang):
        raise ValueError("one region's fault")

    monkeypatch.setattr(rr, "render_region", broken)
    assert main(["report", "r1", "--runs-dir", str(runs)]) == 1
    assert "report for national failed: ValueError: one region's fault" in \
        capsys.readouterr().err


def test_too_few_open_files_for_the_kernels_is_one_line_before_any_work(
        tiny_data_dir, tmp_path, monkeypatch, capsys):
    # Under `ulimit -n 64`, every kernel of a two-job batch failed to start, each printing
    # a traceback of its own, and the batch ended "4 of 4 regions failed".
    import resource

    limits = {"now": (64, 64)}
    monkeypatch.setattr(resource, "getrlimit", lambda which: limits["now"])
    monkeypatch.setattr(resource, "setrlimit",
                        lambda which, value: limits.__setitem__("now", value))
    runs = tmp_path / "runs"
    assert main(["batch", "--data-dir", str(tiny_data_dir), "--regions", "national",
                 "--jobs", "4", "--runs-dir", str(runs), "--n-paths", "100",
                 "--no-track-record"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("forecast: error: --jobs: expected a limit of at least 128 open files for "
                   "4 notebooks at once, found 64 (ulimit -Hn): raise the limit"), err
    assert not runs.exists()
    limits["now"] = (100, 100)
    assert main(["batch", "--data-dir", str(tiny_data_dir), "--regions", "national",
                 "--jobs", "4", "--runs-dir", str(runs), "--n-paths", "100",
                 "--no-track-record"]) == 2
    assert capsys.readouterr().err.strip().endswith(
        "found 100 (ulimit -Hn): raise the limit, or run fewer at once (--jobs 2)")
    # A hard limit with room: the soft one is raised within it, and the batch goes on.
    from forecast.batch.kernels import ensure_open_files
    limits["now"] = (64, 20000)
    ensure_open_files(4)
    assert limits["now"] == (4096, 20000)
    limits["now"] = (64, 1000)
    ensure_open_files(2)
    assert limits["now"] == (1000, 1000)


def test_the_run_table_lists_the_headline_targets_first_as_the_reports_do(shipped_national):
    # By date and metric id, the 2026 coverage target sat between the two headline targets
    # (active_total < coverage < fund_investment); the PDF leads with the two.
    from forecast.report.order import ordered_targets
    from forecast.textfmt import format_results

    heads = [line for line in format_results(shipped_national, "en").splitlines()
             if line.startswith("Target: ")]
    assert heads[:3] == ["Target: Active participants >= 70.00M by 2026-12-31",
                         "Target: Investment funds >= Rp1,001.0T by 2026-12-31",
                         "Target: Coverage (UCJ indicator base) >= 34.99% by 2026-12-31"], heads
    assert len(heads) == len(ordered_targets(shipped_national))


def test_the_notebooks_track_record_table_says_what_the_pdf_says(tiny_data_dir):
    # The notebook showed the bands alone under "on what was known then", true of the
    # published reading only; the record of late sources read the values dated since.
    from forecast.styles import styled
    from forecast.tables import track_record_table

    _publish(tiny_data_dir, "2026-03")
    got = track_record(load_panel(tiny_data_dir), "national", _stand_in([]))
    for lang, words in (("en", "None of the sources we cite had been published"),
                        ("id", "Tidak satu pun sumber yang kami kutip")):
        table = track_record_table({"track_record": got}, lang)
        assert table.attrs["caption"].startswith(intro_sentence(got, lang))
        html = styled(table).to_html()
        assert words in html and "<caption>" in html
    # A run without a record: the bands' table, no caption.
    assert "caption" not in track_record_table({"track_record": None}).attrs
