"""What a manager reads on the pages: chart axes numbered as the text writes numbers, a
falling series above a later target said to fall below it again, and the other defects of
the reader's pass over the PDFs in both languages.

Data folders here are SYNTHETIC (made-up rows written by the test) or the shipped data's
national run (conftest ``shipped_national``). Chart tests read the formatter's text, never
pixels.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import SYNTHETIC_SCHEME_HEAD, write_scheme_folder

from forecast.cli import main


# ------------------------------------------------------------ chart axes


def test_tick_labels_group_thousands_in_the_reports_language():
    from forecast.chartaxis import tick_labels

    assert tick_labels([0, 500, 1000, 1500], "en") == ["0", "500", "1,000", "1,500"]
    assert tick_labels([0, 500, 1000, 1500], "id") == ["0", "500", "1.000", "1.500"]
    assert tick_labels([32.5, 35, 37.5], "id") == ["32,5", "35,0", "37,5"]
    assert tick_labels([2_000_000, 4_000_000], "id") == ["2.000.000", "4.000.000"]
    # No offset or scientific notation over a narrow range of large values.
    assert tick_labels([99_999_000, 100_000_000, 100_001_000], "en") == [
        "99,999,000", "100,000,000", "100,001,000"]


def _drawn_ticks(fig, axis: str) -> list[str]:
    from forecast.plots import to_png

    to_png(fig)  # drawn: the labels are the formatter's
    ax = fig.axes[0]
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    lo, hi = sorted(getattr(ax, f"get_{axis}lim")())
    return [t.get_text() for t in labels if lo <= (t.get_position()[1] if axis == "y"
                                                   else t.get_position()[0]) <= hi]


@pytest.mark.parametrize("lang,thousand", [("en", "1,000"), ("id", "1.000")])
def test_the_fund_chart_axis_reads_1000_as_the_text_does(shipped_national, lang, thousand):
    # The fund target is Rp1,001 trillion: the axis read "1000" beside it, in both languages.
    from forecast.plots import fan_chart

    entry = next(t for t in shipped_national["targets"] if t["metric"] == "fund_investment")
    ticks = _drawn_ticks(fan_chart(entry, lang=lang), "y")
    assert thousand in ticks, ticks
    assert not [t for t in ticks if re.fullmatch(r"\d{4,}", t)], ticks
    years = _drawn_ticks(fan_chart(entry, lang=lang), "x")
    assert "2024" in years, years  # a year is never grouped


def test_the_fund_chart_names_rupiah_as_the_text_does(shipped_national):
    from forecast.plots import fan_chart

    entry = next(t for t in shipped_national["targets"] if t["metric"] == "fund_investment")
    assert fan_chart(entry, lang="en").axes[0].get_ylabel() == "Rp trillion"


def test_an_edge_value_of_the_summary_growth_chart_is_in_the_reports_language():
    from forecast.plots import growth_by_region, to_png

    rows = [{"label": f"R{i}", "required_cagr": 0.01 * i, "historical_cagr": 0.02}
            for i in range(6)] + [{"label": "far", "required_cagr": 30.0,
                                   "historical_cagr": 0.02}]
    fig = growth_by_region(rows, lang="id")
    to_png(fig)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "3.000 %" in texts, texts


# ------------------------------------------------------------ a fall below a target reached

_MEMBERS = '''
[metrics.members]
unit = "people"
en = "Members"
id = "Anggota"
'''


@pytest.fixture(scope="module")
def falling(tmp_path_factory):
    """A SYNTHETIC series falling 5 % a year, above a target due five years on."""
    folder = tmp_path_factory.mktemp("falling") / "d"
    toml = SYNTHETIC_SCHEME_HEAD.format(what="test", level="district") + _MEMBERS
    obs = [("land", "members", f"{2016 + i}-12-31", repr(round(1e6 * 0.95 ** i)), "people",
            "") for i in range(10)]
    return write_scheme_folder(folder, toml, [("land", "Synthland", "land", "")], obs,
                               [("land", "members", "2030-12-31", "550000", "people", "")])


@pytest.mark.parametrize("lang,label,words", [
    ("en", "Median reaches it", "2025 (the last reading); it falls below it again in {y}"),
    ("id", "Median mencapainya", "2025 (pembacaan terakhir); turun lagi di bawahnya pada {y}")])
def test_a_falling_series_above_a_later_target_says_it_falls_below_again(
        falling, tmp_path, capsys, lang, label, words):
    out = tmp_path / "r.json"
    assert main(["run", "--data-dir", str(falling), "--n-paths", "300", "--format", "json",
                 "--output", str(out)]) == 0
    t = json.loads(out.read_text())["targets"][0]
    # The oracle: the first year-end whose median is below the target again.
    below = next(f["year"] for f in t["fan"] if f["p50"] < t["target_value"])
    capsys.readouterr()
    assert main(["run", "--data-dir", str(falling), "--n-paths", "300", "--lang", lang]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.strip().startswith(label))
    # It printed "Median reaches it   2025": reached, as if for good.
    assert line.split(label, 1)[1].strip() == words.format(y=below)


def test_the_notebook_table_says_the_fall_too(falling, tmp_path):
    from forecast import tables

    out = tmp_path / "r.json"
    assert main(["run", "--data-dir", str(falling), "--n-paths", "300", "--format", "json",
                 "--output", str(out)]) == 0
    results = json.loads(out.read_text())
    frame = tables.reachability_table(results, "en")
    cell = frame["Median reaches the target in"].iloc[0]
    assert cell.startswith("2025 (the last reading); it falls below it again in "), cell


def test_a_fall_note_says_at_or_above_the_target():
    from forecast.reasons import reason_text

    text = reason_text({"code": "falls_below", "metric": "members", "region": "land",
                        "region_name": "Synthland", "year": 2029, "since": 2016,
                        "historical_growth": -0.05}, "en", lambda m, lang="en": m)
    assert "is at or above the target now, but" in text, text


# ------------------------------------------------------------ the verdict's reach sentence


def test_a_target_out_of_reach_within_the_projection_is_said_once():
    # "...only after 2032, the end of the projection and with 80 % probability only after
    # 2032, the end of the projection." said the end of the projection twice.
    from forecast.report.reachwords import reach_sentence

    entry = {"unit": "persons", "target_date": "2026-12-31",
             "last_observed": {"date": "2025-10-31", "value": 42.7e6},
             "reachable": {"levels": [{"probability": 0.9, "value": 40.5e6},
                                      {"probability": 0.5, "value": 46.3e6},
                                      {"probability": 0.1, "value": 51.9e6}],
                           "dates": [{"probability": 0.5, "date": None,
                                      "within_projection": False},
                                     {"probability": 0.8, "date": None,
                                      "within_projection": False}],
                           "projection_end_year": 2032}}
    en = reach_sentence(entry, "en").replace("\u00a0", " ")
    assert en.endswith("10 %. Even by 2032, the end of the projection, the target is not "
                       "reached with 50 % probability."), en
    id_ = reach_sentence(entry, "id").replace("\u00a0", " ")
    assert id_.endswith("10 %. Hingga 2032, akhir proyeksi, target belum tercapai dengan "
                        "probabilitas 50 %."), id_


# ------------------------------------------------------------ the summary's speed chart


def test_why_a_target_has_no_window_is_on_its_own_line_and_not_cut():
    # Indonesian: "Cakupan (basis indikator UCJ): 43,9 % pada akhir 2029 (tida…", cut.
    from forecast.plots import to_png
    from forecast.report.speedfig import speed_chart, speed_rows

    entry = {"metric": "coverage_pct", "target_value": 43.92, "target_date": "2029-12-31",
             "unit": "percent", "required_cagr": 0.042,
             "speed": {"window_cagrs": [], "record": None}}
    rows = speed_rows([entry], "id")
    assert rows[0]["label"].endswith("\n(tidak ada rentang sepanjang ini dalam data)")
    fig = speed_chart(rows * 3)
    to_png(fig)
    shown = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert all(s.endswith("(tidak ada rentang sepanjang ini dalam data)") for s in shown), shown


# ------------------------------------------------------------ the summary PDF


def _pdf_text(pdf) -> str:
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def shipped_run(tmp_path_factory):
    """The shipped data's national run and Bali (a target past due, none ahead)."""
    runs = tmp_path_factory.mktemp("runs")
    assert main(["batch", "--regions", "national,bali", "--n-paths", "300", "--jobs", "1",
                 "--no-track-record", "--runs-dir", str(runs)]) == 0
    assert main(["report", "latest", "--lang", "id", "--runs-dir", str(runs)]) == 0
    return (runs / "latest").resolve()


@pytest.mark.slow
@pytest.mark.skipif(__import__("shutil").which("pdftotext") is None,
                    reason="needs poppler's pdftotext")
@pytest.mark.parametrize("lang,lead_end,head", [
    ("en", "about the models.", "Not reconciled:"),
    ("id", "tentang model.", "Tidak direkonsiliasi:")])
def test_the_levels_not_reconciled_start_their_own_line(shipped_run, lang, lead_end, head):
    text = subprocess_lines(shipped_run / f"summary_{lang}.pdf")
    # "...says more about the data than about the models.Not reconciled: kanwil: ..."
    at = next(i for i, line in enumerate(text) if line.startswith(head))
    assert text[at - 1].endswith(lead_end), text[at - 1:at + 1]
    assert text[at + 1].lstrip().startswith("\u2022"), text[at:at + 2]


def subprocess_lines(pdf) -> list[str]:
    import subprocess

    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return [" ".join(line.replace("\u00a0", " ").split()) for line in out.splitlines()]


@pytest.mark.slow
@pytest.mark.skipif(__import__("shutil").which("pdftotext") is None,
                    reason="needs poppler's pdftotext")
def test_a_region_with_a_past_due_target_is_not_said_to_have_none(shipped_run):
    # Bali's page lists its past-due coverage target; the summary said "These regions have
    # no target in the data" of it.
    bali = _pdf_text(shipped_run / "bali" / "report_en.pdf")
    assert "past-due" in bali
    en = _pdf_text(shipped_run / "summary_en.pdf")
    assert "Bali" in en.split("Regions without a target ahead", 1)[1]
    assert "have no target in the data" not in en
    assert "no target still ahead in the data" in en
    id_ = _pdf_text(shipped_run / "summary_id.pdf")
    assert "tidak memiliki target dalam data; nilai" not in id_
    assert "tidak memiliki target yang belum jatuh tempo dalam data" in id_


# ------------------------------------------------------------ the segments' informal line


def test_the_informal_line_names_the_level_the_dates_and_the_years():
    # "Informal participants need 55.8 % a year against 54.3 % achieved.": to what, by when,
    # over which years? Two near-equal rates read as nearly on track.
    from forecast.report.build import optional_sections

    seg = {"year": 2026, "target_value": 70e6, "target_date": "2026-12-31", "rows": [],
           "informal_required_value": 34.8e6, "informal_required_cagr": 0.558,
           "informal_historical_cagr": 0.543,
           "informal_required_from": {"date": "2023-12-31", "value": 9.19e6},
           "informal_history": {"from": {"date": "2020-12-31", "value": 2.5e6},
                                "to": {"date": "2023-12-31", "value": 9.19e6}}}
    en = optional_sections({"segments": seg}, "en")["segments"]["line"].replace("\u00a0", " ")
    assert en == ("Informal participants need 55.8 % a year from end-2023 to reach 34.8 "
                  "million by end-2026 (the target less the other segments' medians), "
                  "against 54.3 % a year in 2020-2023."), en
    id_ = optional_sections({"segments": seg}, "id")["segments"]["line"].replace("\u00a0", " ")
    assert id_ == ("Peserta informal membutuhkan 55,8 % per tahun sejak akhir 2023 untuk "
                   "mencapai 34,8 juta pada akhir 2026 (target dikurangi median segmen lain), "
                   "dibandingkan 54,3 % per tahun pada 2020-2023."), id_


# ------------------------------------------------------------ a region's projection table

#: Year-ends of a region near a million (Bali's shape): medians 1.26 and 1.34 million.
_NEAR_A_MILLION = [{"year": 2026, "p10": 1.01e6, "p50": 1.26e6, "p90": 1.55e6},
                   {"year": 2027, "p10": 0.993e6, "p50": 1.34e6, "p90": 1.80e6}]


def test_a_projection_table_tells_its_years_apart_in_one_scale():
    # It read "2026 1.3 million" over "2027 1.3 million", and a band "993.3 thousand –
    # 1.8 million" under "1.0 million – 1.5 million".
    from forecast.report.build import fan_rows

    rows = [[c.replace("\u00a0", " ") for c in r]
            for r in fan_rows(_NEAR_A_MILLION, "persons", "en")]
    assert rows == [["2026", "1.26 million", "1.01 million – 1.55 million"],
                    ["2027", "1.34 million", "0.99 million – 1.80 million"]]


def test_the_summary_row_of_a_region_is_its_pages_row():
    from forecast.report.build import fan_rows
    from forecast.report.summary import latest_and_projected

    results = {"projections": [{"metric": "active_total", "unit": "persons",
                                "projected": True, "fan": _NEAR_A_MILLION}],
               "observations": []}
    _, median, band = fan_rows(_NEAR_A_MILLION, "persons", "id")[0]
    row = latest_and_projected(results, "id", 2026)["projected"]
    assert row.endswith(f"{median} ({band})"), row
    assert "1,26\u00a0juta" in row, row


# ------------------------------------------------------------ the track record's chart


def test_the_reliability_legend_covers_no_band():
    # A band called likely but rarely met sat under the legend at the lower right.
    from forecast.plots import to_png
    from forecast.trackplots import reliability_chart

    bands = [{"n": 40, "mean_probability": 0.8, "share_met": 0.05},
             {"n": 10, "mean_probability": 0.95, "share_met": 0.1}]
    fig = reliability_chart(bands)
    to_png(fig)
    renderer = fig._get_renderer()
    ax = fig.axes[0]
    legends = list(fig.legends) + ([ax.get_legend()] if ax.get_legend() else [])
    assert legends
    dots = [ax.transData.transform(xy) for c in ax.collections for xy in c.get_offsets()]
    assert len(dots) == 2
    for legend in legends:
        box = legend.get_window_extent(renderer).padded(8)  # a dot's radius
        assert not any(box.contains(x, y) for x, y in dots), (box, dots)


def test_the_what_if_fund_axis_reads_1000_as_its_legend_does():
    # The explore notebook's what-if: "1000" on the fund axis beside "Rp1.001 triliun".
    from forecast import data, results, whatif_chart

    context = results.national_context(data.load_panel(None), n_paths=200, seed=7)
    base = whatif_chart.fans(context, None)
    for lang, thousand in (("en", "1,000"), ("id", "1.000")):
        fig = whatif_chart.chart(base, base, lang)
        ticks = _drawn_ticks_of(fig, 1)
        assert thousand in ticks, ticks
        assert not [t for t in ticks if re.fullmatch(r"\d{4,}", t)], ticks


def _drawn_ticks_of(fig, k: int) -> list[str]:
    from forecast.plots import to_png

    to_png(fig)
    ax = fig.axes[k]
    lo, hi = sorted(ax.get_ylim())
    return [t.get_text() for t in ax.get_yticklabels() if lo <= t.get_position()[1] <= hi]


def test_a_target_already_reached_says_why_it_has_no_red_dot():
    # Coverage 35 % by end-2026, reached at the last reading: grey dots and nothing else.
    from forecast.report.speedfig import speed_rows

    entry = {"metric": "coverage_pct", "target_value": 34.99, "target_date": "2026-12-31",
             "unit": "percent", "required_cagr": None, "required_growth": "already_reached",
             "speed": {"window_cagrs": [-0.08, 0.02], "record": None}}
    assert speed_rows([entry], "en")[0]["label"].endswith("\n(already reached: no red dot)")
    assert speed_rows([entry], "id")[0]["label"].endswith(
        "\n(sudah tercapai: tanpa titik merah)")


def test_pdf_calls_a_target_just_below_full_coverage_within_rounding_of_the_bound():
    # A 99.95 % target counts as reached from 99.95 %, as one of 100 % does, but the PDF
    # verdict called it "the most the quantity can be (100 %)", as the run text did.
    from forecast.report.i18n import _bound

    entry = {"bound_note": "target_at_bound", "bound_value": 100.0, "unit": "percent",
             "target_value": 99.95}
    assert "the target is within rounding of the most the quantity can be" in _bound(entry, "en")
    assert "target hanya selisih pembulatan" in _bound(entry, "id")
    full = dict(entry, target_value=100.0)
    assert "; the target is the most the quantity can be" in _bound(full, "en")
    assert "within rounding of the most" not in _bound(full, "en")


def test_pdf_track_record_counts_one_of_many_in_the_singular():
    from forecast.report.trackpage import _band_parts

    bands = [{"band": "even", "n": 10, "met": 1, "missed": 9},
             {"band": "very_unlikely", "n": 57, "met": 12, "missed": 45},
             {"band": "likely", "n": 1, "met": 0, "missed": 1}]
    text = "; ".join(_band_parts(bands, "en", "t_missed", "t_met"))
    assert "1 of 10 was reached" in text, text
    assert "45 of 57 were not reached" in text, text
    assert "0 of 1 was reached" in text, text
