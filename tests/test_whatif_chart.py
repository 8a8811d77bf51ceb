"""The explore notebook's what-if: the slider takes percent as shown, and the fan charts
of workers and funds are redrawn with the scenario against the baseline."""

from __future__ import annotations

import html
import re
import time

import pytest

from forecast import data, results, whatif, whatif_chart


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    return results.national_context(data.load_panel(None), n_paths=500, seed=7)


@pytest.mark.slow
def test_whatif_fans_carry_the_what_if_tables_probabilities(context):
    scenario = whatif._scenario(250_000, "active_total", 0.12)
    fans = whatif_chart.fans(context, scenario)
    table = whatif.what_if(context, extra_monthly=250_000, investment_return=0.12)
    assert fans["active_total"]["probability"] == pytest.approx(table["active_total"])
    assert fans["fund_investment"]["probability"] == pytest.approx(table["fund_investment"])
    base = whatif_chart.fans(context, None)
    # More enrolments and a higher return move both medians up at the target date.
    assert fans["active_total"]["p50"][-1] > base["active_total"]["p50"][-1]
    assert fans["fund_investment"]["p50"][-1] > base["fund_investment"]["p50"][-1]
    # The fan ends at the target date, not at the projection horizon.
    assert fans["active_total"]["x"][-1] <= fans["active_total"]["target_x"] + 1e-9


@pytest.mark.slow
def test_whatif_chart_legend_gives_both_probabilities_and_redraws_fast(context):
    base = whatif_chart.fans(context, None)
    start = time.perf_counter()
    scenario = whatif_chart.fans(context, whatif._scenario(500_000, "active_bpu", None))
    fig = whatif_chart.chart(base, scenario)
    whatif.to_png(fig)
    assert time.perf_counter() - start < 3.0  # about a second on a quiet machine
    for ax, key in zip(fig.axes, ("active_total", "fund_investment")):
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert legend[0] == ("baseline: P(target) "
                             + whatif_chart._pct(base[key]["probability"]))
        assert legend[1] == ("what-if: P(target) "
                             + whatif_chart._pct(scenario[key]["probability"]))


@pytest.mark.slow
def test_return_slider_reads_percent_as_typed_and_labels_are_whole(context):
    box = whatif.interactive(context)
    enrol, seg, ret = box.children[:3]
    ret.value = 12  # the user types 12 in the box showing "8.67": 12 % a year
    assert ret.value == 12 and ret.max == 15
    assert "%" in ret.description and ret.style.description_width == "initial"
    assert enrol.description == "extra enrolments a month"
    # The text now gives the fund probability at 12 % a year, not at the 15 % maximum.
    at_12 = whatif.what_if(context, investment_return=0.12)["fund_investment"]
    shown = html.escape(whatif_chart._pct(at_12))  # as the legend writes it
    assert f"P(fund target, structural) {shown}," in box.children[3].value


@pytest.mark.slow
def test_the_segment_choice_names_segments_by_their_names(context):
    seg = whatif.interactive(context).children[1]
    labels = [label for label, _ in seg.options]
    assert "Active participants" in labels and not [lb for lb in labels if "_" in lb]
    assert seg.value == "active_total"  # the what-if still receives the id


@pytest.mark.slow
def test_the_what_if_writes_numbers_as_its_table_does(context):
    box = whatif.interactive(context)
    enrol, out = box.children[0], box.children[3]
    assert enrol.readout_format == ",d"  # 400,000, not 400000
    assert re.search(r"informal growth needed (\d+\.\d %|n/a)/yr", out.value), out.value


@pytest.mark.slow
def test_the_what_if_fan_starts_where_the_projection_starts(context):
    # The shipped end-2024 count (45.2 million) is fitted as 41.0 million and the projection
    # starts from the nowcast of the October 2025 reading: the fan starts there too.
    fan = whatif_chart.fans(context, None)["active_total"]
    start = context.total_projection.series
    assert fan["x"][0] == start.last_t and fan["p50"][0] == start.last_value
    assert fan["x"][0] < fan["x"][1]  # the first projected year follows it


@pytest.mark.slow
def test_the_what_if_speaks_indonesian_when_asked(context):
    """lang="id" puts the sliders, the line under them, the table's headings and the
    chart's labels in Bahasa Indonesia, with the same numbers as in English."""
    box = whatif.interactive(context, lang="id")
    enrol_row, seg, ret_row, line = box.children[:4]
    (enrol, _), (ret, _) = enrol_row.children, ret_row.children  # each with its value beside
    assert enrol.description == "tambahan kepesertaan per bulan"
    assert ret.description == "imbal hasil investasi (% per tahun)"
    assert ("Peserta aktif", "active_total") in seg.options
    p = whatif.what_if(context)["active_total"]
    shown = html.escape(whatif_chart._pct(p, "id"))
    assert f"P(target pekerja) {shown}," in line.value and "Pengandaian hipotetis" in line.value
    assert "triliun" in line.value and "trillion" not in line.value
    en = whatif.what_if_table(context, extra_monthly=(0, 500_000))
    id_ = whatif.what_if_table(context, extra_monthly=(0, 500_000), lang="id")
    assert list(id_.columns)[0] == "Tambahan kepesertaan neto per bulan (hipotetis)"
    assert not [c for c in id_.columns if c in en.columns and c != "segment"]
    assert id_.iloc[:, 2].tolist() == en.iloc[:, 2].tolist()  # the same probabilities
    base = whatif_chart.fans(context, None)
    fig = whatif_chart.chart(base, base, "id")
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend[0].startswith("dasar: P(target) ") and legend[2] == "target"
    assert fig.axes[0].get_xlabel() == "akhir tahun"
    assert fig.axes[1].get_title("left") == "Dana investasi"


def test_the_what_if_refuses_an_unknown_language_in_one_line():
    from forecast.errors import ParameterError

    with pytest.raises(ParameterError, match=r"^lang: expected one of en, id, found 'fr'$"):
        whatif.what_if_table(None, lang="fr")
    assert "tidak tersedia" in whatif.what_if_table(None, lang="id")
