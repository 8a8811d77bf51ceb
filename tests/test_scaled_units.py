"""A scheme unit whose label names a scale ("thousand people") is not scaled again."""

from __future__ import annotations

import pytest

from forecast import textnum

UNITS = {"kp": {"count": True, "labels": {"en": "thousand people", "id": "ribu jiwa"}},
         "people": {"count": True, "labels": {"en": "people", "id": "jiwa"}}}


@pytest.fixture
def units():
    tokens = textnum.UNITS.set(UNITS), textnum.LANG.set("en")
    yield
    textnum.UNITS.reset(tokens[0])
    textnum.LANG.reset(tokens[1])


def test_run_text_writes_a_scaled_unit_as_it_is(units):
    # 7,000 thousand people is 7 million people: never "7.0k thousand people".
    assert textnum.fmt_value(7000, "kp") == "7,000 thousand people"
    assert textnum.fmt_value(7.26, "kp") == "7.3 thousand people"
    assert textnum.fmt_value(7e6, "people") == "7.00M people"  # a plain count still scales


def test_run_text_in_indonesian_keeps_the_scaled_unit(units):
    textnum.LANG.set("id")
    assert textnum.fmt_value(7000, "kp") == "7.000 ribu jiwa"
