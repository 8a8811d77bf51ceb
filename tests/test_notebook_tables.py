"""The notebook's view of a region's observations: one line a metric, the rest folded."""

from __future__ import annotations

import pandas as pd

from forecast import tables
from forecast.styles import Collapsed, styled
from forecast.tablewords import keyed


def _obs() -> pd.DataFrame:
    rows = [("members", "2021-12-31", 10.0, "a"), ("members", "2022-06-30", 11.0, "b"),
            ("members", "2022-12-31", 12.0, "a"), ("funds", "2023-10-31", 5.0, "c")]
    return pd.DataFrame([{"metric": m, "date": pd.Timestamp(d), "value": v, "unit": "u",
                          "source_id": s, "publisher": "P", "note": "n", "url": ""}
                         for m, d, v, s in rows])


def test_summary_counts_each_metrics_readings_year_ends_and_sources():
    got = keyed(tables.observations_summary(_obs())).set_index("metric")
    assert got.loc["members", "readings"] == 3
    assert got.loc["members", "year_end_readings"] == 2
    assert got.loc["members", "first"] == pd.Timestamp("2021-12-31")
    assert got.loc["members", "last"] == pd.Timestamp("2022-12-31")
    assert got.loc["members", "last_value"] == 12.0
    assert got.loc["members", "sources"] == 2
    assert got.loc["funds", "year_end_readings"] == 0
    assert list(got.index) == ["funds", "members"]


def test_summary_of_no_readings_is_an_empty_table_with_its_columns():
    got = tables.observations_summary(_obs().iloc[0:0])
    assert got.empty and "Year-end readings (fitted)" in got.columns


def test_collapsed_folds_the_table_under_an_escaped_summary():
    html = Collapsed(styled(_obs()), "All <4> readings")._repr_html_()
    assert html.startswith('<details class="tex2jax_ignore"><summary>All &lt;4&gt; readings'
                           "</summary>")
    assert html.endswith("</details>") and "<table" in html


def test_a_note_column_is_given_room_to_read():
    assert "min-width: 18em" in styled(_obs()).to_html()


def test_probability_columns_read_as_the_pdfs_write_them():
    frame = pd.DataFrame({"probability": [0.0, 0.0004, 0.4321, 1.0],
                          "historical CAGR": [0.0, 0.0004, 0.4321, 1.0]})
    html = styled(frame).to_html()
    for shown in ("&lt;0.1 %", "43.2 %", "&gt;99.9 %"):
        assert shown in html
    # A growth rate of 0 is 0, not a bound.
    assert "0.0 %" in html and "100.0 %" in html


def _results(weighting: str) -> dict:
    return {"scheme": {"metrics": {"members": {"labels": {"en": "Members", "id": "Anggota"}}}},
            "targets": [{"metric": "members", "target_date": "2026-12-31",
                         "weighting": weighting,
                         "models": [{"name": "linear", "weight": 0.5, "probability": 0.2,
                                     "median": 10.0, "backtest_mape": 0.05},
                                    {"name": "ets", "weight": 0.5, "probability": 0.4,
                                     "median": 11.0, "backtest_mape": 0.03}],
                         "models_not_used": [{"name": "logistic",
                                              "reason": "no ceiling series for members"}]}]}


def test_models_carry_no_weight_column_where_the_centre_is_not_their_mixture():
    calibrated = keyed(tables.models_table(_results("median")))
    assert "weight" not in calibrated.columns
    assert list(calibrated["name"]) == ["linear trend", "exponential smoothing",
                                        "logistic curve"]
    assert list(keyed(tables.models_table(_results("backtest")))["weight"][:2]) == [0.5, 0.5]


def test_tables_name_a_metric_by_its_label_for_the_html_reader():
    results = _results("median")
    assert set(tables.models_table(results)["Target"]) == {"Members by 2026"}
    assert tables.metric_label(results, "members") == "Members"
    assert tables.metric_label(results, "unknown_metric") == "unknown_metric"
    assert tables.metric_label({"targets": []}, "members") == "members"  # an old run


def test_a_region_without_the_national_extras_gets_a_sentence_naming_it():
    # A regional run: no fund model and no segments, and a name beside the id.
    run = {"region": "kanwil-banten", "region_name": "Kanwil Banten", "targets": []}
    want_fund = "No fund model for Kanwil Banten: it is computed for the national run only."
    assert tables.funds_summary_table(run) == want_fund
    assert tables.funds_inputs_table(run) == want_fund
    assert tables.segments_table(run) == ("No segment decomposition for Kanwil Banten: it is "
                                          "computed for the national run only.")
    shown = styled(tables.funds_summary_table(run))
    # Shown as words, not as a quoted Python string.
    assert repr(shown) == want_fund
    assert shown._repr_html_() == f'<p class="tex2jax_ignore"><em>{want_fund}</em></p>'


def test_the_reason_an_extra_failed_is_the_sentence():
    run = {"region": "national", "region_name": "Indonesia", "targets": [],
           "extras_skipped": [{"key": "funds_model, joint, segments",
                               "reason": {"code": "model_error", "message": "no fund data"}}]}
    got = tables.funds_summary_table(run)
    assert got.startswith("No fund model for Indonesia: ") and got.endswith(".")
    assert "no fund data" in got and "national run only" not in got


def test_the_outputs_cell_names_what_was_written_and_where(tmp_path):
    from pathlib import Path

    from forecast.styles import written
    note = written([tmp_path / "results.json", tmp_path / "growth.png"], tmp_path)
    assert repr(note) == f"Wrote 2 files to {tmp_path}: results.json, growth.png."
    assert "PosixPath" not in note._repr_html_()
    assert repr(written([Path("x/results.json")], "x")) == "Wrote 1 file to x: results.json."


def test_classifications_and_reasons_read_as_words_in_the_notebook(tiny_data_dir):
    from forecast import data, run

    results = run.run_region(data.load_panel(tiny_data_dir), "national", n_paths=200, seed=1)
    table = keyed(tables.reachability_table(results))
    words = {"on track", "acceleration needed", "regression", "limited progress",
             "deterioration", "above the target now", "undetermined"}
    assert len(table) > 0
    # The PDFs' words, never the results.json codes (on_track).
    assert set(table["unsd"]) <= words and set(table["statcan"]) <= words
    base_years = keyed(tables.base_year_table(results))
    assert set(base_years["unsd"]) <= words
    assert set(base_years["statcan"]) <= words
    html = styled(pd.DataFrame({"metric": ["m"], "reason": ["a long reason " * 5]})).to_html()
    assert "min-width: 18em" in html and "text-align: left" in html
