"""The notebooks' tables in the reports' order: the headline targets first.

The CLI and the PDFs lead with the scheme's headline targets (forecast.report.order); the
notebooks' reachability, models, base-year and quality tables kept the order of
results.json (by date and metric id), so the shipped 2026 coverage target sat between 70M
and Rp1,001T in the notebook and not in the PDF beside it."""

from forecast import tables
from forecast.report.order import ordered_targets


def _labels(frame, column):
    return list(dict.fromkeys(frame[column]))


def test_the_notebook_tables_list_the_headline_targets_first(shipped_national):
    # In results.json the coverage target (metric id "coverage_pct") comes between the two.
    stored = [(t["metric"], t["target_date"][:4]) for t in shipped_national["targets"]]
    assert stored.index(("coverage_pct", "2026")) < stored.index(("fund_investment", "2026"))
    for lang, first, second in (("en", "Active participants", "Investment funds"),
                                ("id", "Peserta aktif", "Dana investasi")):
        reach = tables.reachability_table(shipped_national, lang)
        assert _labels(reach, reach.columns[0])[:2] == [first, second], reach.iloc[:3, :4]
        assert len(reach) == len(ordered_targets(shipped_national))
        by = "by" if lang == "en" else "pada"
        for table in (tables.models_table(shipped_national, lang),
                      tables.base_year_table(shipped_national, lang)):
            assert _labels(table, table.columns[0])[:2] == [f"{first} {by} 2026",
                                                           f"{second} {by} 2026"]
        quality = tables.quality_table(shipped_national, lang)
        assert list(quality.iloc[:2, 0]) == [first, second]
