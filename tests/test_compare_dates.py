"""The region notebook's "why it moved" table and chart name their two as-of dates in words
in the notebook's language, as the PDFs write dates; they were headed "2022-12-31"."""

from __future__ import annotations

import pytest

from forecast.report import comparepage


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    from conftest import make_data_dir
    from forecast.compare_cmd import compare_as_of
    from forecast.data import load_panel

    panel = load_panel(make_data_dir(tmp_path_factory.mktemp("tiny") / "data"))
    # The notebook's own call (its parameter compare_as_of is the text "A,B").
    return compare_as_of(panel, "national", "2022,2023", n_paths=100)


@pytest.mark.parametrize("lang, a, b", [("en", "31 December 2022", "31 December 2023"),
                                        ("id", "31 Desember 2022", "31 Desember 2023")])
def test_the_compare_table_heads_its_dates_in_words(moved, lang, a, b):
    columns = list(comparepage.compare_table(moved, lang).columns)
    assert columns[1] == a and columns[-2] == b
    assert not [c for c in columns if "-12-31" in c]


def test_the_waterfall_names_its_ends_as_the_table(moved, monkeypatch):
    seen = {}

    def chart(comparison, *args, **kwargs):
        seen.update(a=comparison["a"], b=comparison["b"])
        raise RuntimeError("drawn")

    monkeypatch.setattr(comparepage, "waterfall_chart", chart)
    with pytest.raises(RuntimeError, match="drawn"):
        comparepage.waterfall_png(moved, "id")
    assert seen == {"a": "31 Desember 2022", "b": "31 Desember 2023"}


def test_a_side_that_is_not_a_date_keeps_its_name():
    # The summary's page names its sides "Then"/"Now"; a run id stays a run id.
    assert comparepage.side_name("Dulu", "id") == "Dulu"
    assert comparepage.side_name("20261130-084851-c6a076", "en") == "20261130-084851-c6a076"
    assert comparepage.side_name("now", "en") == "now"
