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


def test_run_text_prints_a_long_historys_base_years_in_brief():
    from forecast import textfmt

    rows = [{"base_year": y, "historical_cagr": 0.02, "required_cagr": 0.03, "ratio": 0.67,
             "classification_unsd": "acceleration_needed"} for y in range(1964, 2023)]
    lines = textfmt._base_years({"base_years": rows})
    assert len(rows) == 59 and len(lines) == 1 + 12
    assert lines[1].split()[0] == "1964"  # the first base, the UNSD rule's
    assert lines[2].strip() == "... 48 base years between, in results.json"
    assert [ln.split()[0] for ln in lines[3:]] == [str(y) for y in range(2013, 2023)]
    short = textfmt._base_years({"base_years": rows[-12:]})
    assert len(short) == 13 and "between" not in "".join(short)


def test_an_amount_unit_naming_a_scale_keeps_its_small_values_readable(units):
    textnum.UNITS.set({**UNITS, "eurm": {"labels": {"en": "EUR million"}}})
    assert textnum.fmt_value(0.081, "eurm") == "0.081 EUR million"
    assert textnum.fmt_value(0.04, "kp") == "0.04 thousand people"


def test_pdf_writes_a_scaled_unit_as_it_is():
    from forecast.report import numbers
    from forecast.report.words import set_scheme

    set_scheme({"units": UNITS})
    try:
        assert numbers.value(7000, "kp", "en") == "7,000\u00a0thousand people"
        assert numbers.value(7000, "kp", "id") == "7.000\u00a0ribu jiwa"
        assert numbers.value(0.04, "kp", "en") == "0.040\u00a0thousand people"  # 2 significant
    finally:
        set_scheme(None)
