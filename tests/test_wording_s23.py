"""Numbers in the run's text that must not contradict themselves: a probability at its bound
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
