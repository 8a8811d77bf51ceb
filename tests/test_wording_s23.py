"""Numbers and charts that must not mislead: a probability at its bound
is "P>99.9%", not "P=>99.9%", and a target just below its ceiling is not "100 %" of it."""

from __future__ import annotations

import pytest

from forecast.textfmt import _p_is, _share_of


@pytest.mark.parametrize("p,text", [(0.9999, "P>99.9%"), (0.0004, "P<0.1%"),
                                    (0.42, "P=42.0%"), (1.0, "P>99.9%")])
def test_a_probability_at_its_bound_reads_as_a_bound(p, text):
    assert _p_is(p) == text


@pytest.mark.parametrize("ratio,text", [(0.996, "99.6%"), (0.9, "90%"), (0.99996, "99.99%"),
                                        (1.0, "100%"), (1.2, "120%")])
def test_a_target_just_below_its_ceiling_is_not_all_of_it(ratio, text):
    assert _share_of(ratio) == text


def test_the_probability_chart_of_one_year_spans_that_year():
    # One point a target (a run with one past year-end): the axis ran 1925-2125.
    from forecast.trackplots import evolution_chart

    one = [{"label": "a", "points": [{"year": 2025, "probability": 0.3}]},
           {"label": "b", "points": [{"year": 2025, "probability": 0.7}]}]
    lo, hi = evolution_chart(one).axes[0].get_xlim()
    assert 2023 <= lo < 2025 < hi <= 2027, (lo, hi)
    many = [{"label": "a", "points": [{"year": y, "probability": 0.5}
                                      for y in range(2018, 2026)]}]
    lo, hi = evolution_chart(many).axes[0].get_xlim()
    assert lo < 2018 and 2025 < hi < 2027, (lo, hi)
