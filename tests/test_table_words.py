"""Every table a notebook shows is headed in words, in the notebook's language, with the
numbers written as that language writes them (``forecast.tablewords``, ``forecast.styles``)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from forecast import reach, records, tables
from forecast.styles import shown, styled
from forecast.tablewords import HEADINGS, keyed, worded

#: Headings that are the same word in both languages.
SAME = {"Target", "Median", "Model", "Status", "Folder"}


@pytest.fixture(scope="module")
def national(shipped_national) -> dict:
    return shipped_national


def _frames(results: dict, lang: str) -> dict:
    from forecast import data

    obs = tables.observations_table(data.load_panel(), "national", None, lang)
    return {"observations": obs, "summary": tables.observations_summary(obs),
            "reachability": tables.reachability_table(results, lang),
            "reach": reach.reach_table(results, lang),
            "speed": records.speed_table(results, lang),
            "models": tables.models_table(results, lang),
            "base years": tables.base_year_table(results, lang),
            "quality": tables.quality_table(results, lang),
            "funds": tables.funds_summary_table(results, lang),
            "fund inputs": tables.funds_inputs_table(results, lang),
            "fund backtest": tables.funds_backtest_table(results, lang),
            "segments": tables.segments_table(results, lang),
            "track record": tables.track_record_table(
                {"track_record": {"bands": [{"band": "even", "n": 4, "met": 2, "missed": 2,
                                             "mean_probability": 0.5, "share_met": 0.5}]}},
                lang)}


def _identifier(text: str) -> bool:
    """A code name: snake_case, or a lower-case word glued to a digit ("p10")."""
    return "_" in text or bool(re.fullmatch(r"[a-z]+\d+", text))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_notebook_table_is_headed_in_words(national, lang):
    for name, frame in _frames(national, lang).items():
        assert isinstance(frame, pd.DataFrame), name
        for heading in frame.columns:
            assert not _identifier(str(heading)), (name, heading)
            assert str(heading)[:1].isupper() or str(heading)[:1].isdigit(), (name, heading)
        # No cell is a metric, model or classification id either.
        cells = shown(frame).astype(str)
        for column in cells.columns:
            if frame.attrs["kinds"][column] != "prose":
                ids = {"active_total", "fund_investment", "acceleration_needed", "on_track",
                       "rw_drift", "ets", "IDR_trillion", "persons" if lang == "id" else "-"}
                assert not ids & set(cells[column]), (name, column)


def test_the_indonesian_tables_are_in_indonesian(national):
    en, id_ = _frames(national, "en"), _frames(national, "id")
    for name in en:
        for a, b in zip(en[name].columns, id_[name].columns):
            assert a != b or a in SAME, (name, a)
    # The base-year table of the leftover: words, as the PDFs print them.
    base = id_["base years"]
    assert "Tahun dasar" in base.columns and "Klasifikasi (UNSD)" in base.columns
    assert set(base["Klasifikasi (UNSD)"]) <= {"sesuai jalur", "perlu percepatan",
                                               "kemajuan terbatas", "di atas target saat ini",
                                               "kemunduran", "memburuk",
                                               "belum dapat ditentukan"}


def test_numbers_follow_the_tables_language():
    frame = worded(pd.DataFrame({"target_value": [70_000_000.0], "probability": [0.0006],
                                 "required_cagr": [0.527], "ratio": [0.725],
                                 "target_date": ["2026-12-31"]}), "id")
    html = styled(frame).to_html()
    for want in ("70.000.000", "0,1 %", "52,7 %", "0,72", "31 Des 2026"):
        assert want in html, want
    en = styled(worded(keyed(frame), "en")).to_html()
    for want in ("70,000,000", "52.7 %", "0.72", "31 Dec 2026"):
        assert want in en, want


def test_a_key_without_a_heading_still_reads_as_words():
    frame = worded(pd.DataFrame({"backtest_mape": [0.1], "new_column": [1]}), "en")
    assert list(frame.columns) == ["Backtest error (MAPE)", "New column"]
    assert list(keyed(frame).columns) == ["backtest_mape", "new_column"]
    assert all(len(v) == 3 and v[0] in {"prob", "pct", "num", "year", "two", "factor", "date",
                                        "prose", "text"} for v in HEADINGS.values())



def test_a_probability_the_pdf_writes_below_0_1_percent_is_below_0_1_percent_here_too():
    from forecast.report.numbers import probability as pdf_probability
    from forecast.styles import probability

    # 3 paths of 5,000: the PDF says "<0.1 %"; the notebook said "0.1 %".
    for p in (0.0, 0.0004, 0.0006, 0.0009, 0.0011, 0.5, 0.9989, 0.9994, 1.0):
        pdf = pdf_probability(p, "en").replace("\u00a0", " ")
        ours = probability(p)
        assert (pdf[0] in "<>") == (ours[0] in "<>"), (p, pdf, ours)


def test_the_reachability_table_is_shown_one_column_per_target(national):
    html = styled(tables.reachability_table(national, "en")).to_html()
    header = html[html.index("<thead>"):html.index("</thead>")]
    columns = re.findall(r'<th [^>]*class="col_heading[^"]*"[^>]*>(.*?)</th>', header)
    assert columns[0] == "Active participants, 31 Dec 2026"
    assert len(columns) == len(national["targets"])  # 5 columns, not 18
    assert ">Probability</th>" in html and "&lt;0.1 %" in html


def test_fund_inputs_and_engine_notes_read_as_the_pdf_writes_them(national):
    inputs = keyed(tables.funds_inputs_table(national, "en")).set_index("input")
    assert inputs.loc["Investment return a year", "value"].endswith(" %")
    assert inputs.loc["Benefits paid a year, as a share of the fund", "value"].endswith(" %")
    assert "fund_investment" not in " ".join(inputs["how"])
    segments = keyed(tables.segments_table(national, "en"))
    assert not any("active_total" in str(r) for r in segments["reason"])
    assert any("share of active participants" in str(r) for r in segments["reason"])
    quality = keyed(tables.quality_table(national, "en"))
    # Dates and values as the PDF's data-quality lines: "31 October 2025", "42.7 million".
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}", r) for r in quality["reason"])
    assert any("31 October 2025" in r for r in quality["reason"])
    assert tables.named("no ceiling series for fund_investment", national) == \
        "no ceiling series for investment funds"


def test_the_pdfs_sources_read_in_order_with_months_in_words():
    from forecast.report.sources import resolve_sources

    rows = {"seed-antara-2023": {"publisher": "ANTARA (Jakarta)", "published": "2023",
                                 "title": "t", "url": ""},
            "bisnis-2022": {"publisher": "Bisnis.com", "published": "2022-10-25", "title": "t",
                            "url": ""},
            "databoks-2025": {"publisher": "Databoks (Katadata)", "published": "2025-04",
                              "title": "t", "url": ""}}
    got = resolve_sources(sorted(rows) + ["missing"], rows, "id")
    assert [s["id"] for s in got] == ["seed-antara-2023", "bisnis-2022", "databoks-2025",
                                      "missing"]
    assert [s["published"] for s in got[:3]] == ["2023", "25 Oktober 2022", "April 2025"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_region_with_no_target_gets_empty_tables_not_an_error(lang):
    # The batch's 50 regions without an assessed target failed on the reachability table.
    results = {"region": "bali", "region_name": "Bali", "targets": [],
               "skipped": [{"metric": "coverage_pct", "target_date": "2025-12-31",
                            "reason": "no readings"}]}
    for table in (tables.reachability_table, tables.models_table, tables.base_year_table,
                  reach.reach_table, records.speed_table):
        frame = table(results, lang)
        assert isinstance(frame, pd.DataFrame) and frame.empty, table.__name__
        # Shown as a sentence in the table's language, not as a heading over nothing; the
        # targets' table says why it has none.
        why = (("No target of Bali is still ahead to assess: 1 target not assessed"
                if lang == "en" else "Tidak ada target Bali yang masih akan datang untuk "
                "dinilai: 1 target tidak dinilai")
               if table is tables.reachability_table else
               ("No rows to show" if lang == "en" else "Tidak ada"))
        assert styled(frame)._repr_html_().startswith('<p class="tex2jax_ignore"><em>' + why)
    quality = tables.quality_table(results, lang)
    assert len(quality) == 1 and "no readings" in styled(quality).to_html()
    assert isinstance(tables.funds_summary_table(results, lang), str)
    assert isinstance(tables.segments_table(results, lang), str)


def test_names_and_their_headings_read_from_the_left(national):
    html = styled(tables.funds_backtest_table(national, "en")).to_html()
    # The method names and their heading on the left; the errors (numbers) on the right.
    assert re.search(r"th\.col_heading\.col0 \{\s*text-align: left;", html)
    assert not re.search(r"th\.col_heading\.col1 \{\s*text-align: left;", html)


def test_the_reconciliation_notes_name_the_metric_and_come_last(tmp_path):
    run = tmp_path / "run"
    (run / "national").mkdir(parents=True)
    (run / "manifest.json").write_text("{}")  # a run folder; the table reads no field of it
    (run / "national" / "results.json").write_text(json.dumps({
        "region": "national", "region_name": "Indonesia", "targets": [], "skipped": [],
        "scheme": {"metrics": {"active_total": {"labels": {"en": "Active participants"}}}}}))
    (run / "reconciliation.json").write_text(json.dumps({"levels": {
        "kanwil": {"skipped": "only 4 of 11 kanwil regions have a projection of active_total"},
        "province": {"included": ["a", "b"], "regions_in_level": 2, "missing": [],
                     "years": [2026], "sum_before": {"2026": 10.0}, "whole": {"2026": 11.0},
                     "factor": {"2026": 1.1}, "adjustment": {"2026": 1.0}}}}))
    frame = tables.reconciliation_table(run)
    assert list(frame.columns)[0] == "Level" and list(frame.columns)[-1] == "Note"
    assert frame["Note"].iloc[0] == ("only 4 of 11 kanwil regions have a projection of active "
                                     "participants")


def test_a_run_whose_levels_are_all_skipped_shows_their_notes_only(tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    (run / "manifest.json").write_text("{}")
    (run / "reconciliation.json").write_text(json.dumps({"levels": {
        "kanwil": {"skipped": "1 of 11 kanwil regions are in this run"}}}))
    assert list(tables.reconciliation_table(run).columns) == ["Level", "Note"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_an_empty_targets_table_says_which_targets_are_due_skipped_or_stated_later(lang):
    results = {"region": "land", "region_name": "Land", "targets": [], "as_of": "2016-12-31",
               "outcomes": [{"status": "met"}, {"status": "missed"}], "skipped": [],
               "targets_stated_later": 1}
    text = styled(tables.reachability_table(results, lang))._repr_html_()
    if lang == "en":
        assert ("No target of Land is still ahead to assess: 2 targets already due (met or "
                "missed: see the targets already due); 1 target stated after 2016-12-31.") in text
    else:
        assert ("2 target sudah jatuh tempo" in text
                and "1 target dinyatakan setelah 2016-12-31" in text)
    none = {"region": "land", "region_name": "Land", "targets": [], "outcomes": [],
            "skipped": []}
    assert ("Land has no target in the data." if lang == "en"
            else "Land tidak memiliki target dalam data.") in styled(
        tables.reachability_table(none, lang))._repr_html_()
