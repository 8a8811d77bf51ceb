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
