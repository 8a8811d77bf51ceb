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


def test_regions_without_targets_are_projected_to_a_year_not_already_past():
    # A fiscal scheme read to June 2024, run in December 2026: its regions' fans start at
    # 2025, and the summary showed "Projected, 30 June 2025" under "ahead".
    from forecast.fiscal import use_year_end
    from forecast.report.summary import projected_year

    def res(first, **when):
        fan = [{"year": y} for y in range(first, 2031)]
        return {"projections": [{"projected": True, "fan": fan}], **when}

    use_year_end("06-30")
    try:
        ran = [("a", res(2025, outcomes_as_of="2026-12-02"), {}),
               ("b", res(2024, outcomes_as_of="2026-12-02"), {})]
        assert projected_year(ran) == 2027  # the fiscal year of 2 December 2026
        cut = [("a", res(2025, as_of="2024-06-30"), {})]
        assert projected_year(cut) == 2025  # as known then: the year after the cut
    finally:
        use_year_end(None)
    assert projected_year([("a", res(2026, outcomes_as_of="2026-12-02"), {})]) == 2026
    # Never past the shortest fan: every row keeps a number.
    assert projected_year([("a", res(2025, outcomes_as_of="2040-01-01"), {})]) == 2030


def test_a_past_flow_target_is_not_set_beside_another_years_year_to_date(tmp_path, capsys):
    # Contributions due by end-2025, not yet in the data: "latest reading" was the
    # January-September 2024 sum, a part of another year, beside a full-year target.
    from conftest import SYNTHETIC_SCHEME_HEAD, write_rows

    from forecast.cli import main

    head = SYNTHETIC_SCHEME_HEAD.format(what="pension", level="county")
    metrics = ('[metrics.contrib]\nunit = "people"\nen = "Contributions"\nid = "Iuran"\n'
               'flow = true\n')
    rows = [("land", "contrib", f"{y}-12-31", 100.0 + 10 * i)
            for i, y in enumerate(range(2019, 2024))] + [("land", "contrib", "2024-09-30", 90.0)]
    folder = write_rows(tmp_path / "d", head + metrics, [("land", "Land", "land", "")],
                        {"contrib": "people"}, rows, [("land", "contrib", "2025-12-31", 150)])
    assert main(["run", "--data-dir", str(folder), "--region", "land"]) == 0
    out = capsys.readouterr().out
    assert "Contributions >= 150.0 people by 2025-12-31: outcome not yet in the data; latest " \
           "reading 140.0 people on 2023-12-31" in out, out
    assert "2024-09-30" not in out.split("by 2025-12-31:")[1].splitlines()[0]


def test_analyses_stopped_by_one_reason_are_each_named_in_words():
    # "Not computed: funds_model, joint, segments: ..." printed the keys of results.json.
    from forecast.textfmt import format_extras

    text = format_extras({"extras_skipped": [
        {"key": "funds_model, joint, segments",
         "reason": {"code": "model_error", "message": "no year-end readings"}}]})
    assert text.startswith("Not computed: structural fund model, joint probability, "
                           "segments: "), text


def test_running_out_of_memory_is_one_line_and_exit_2(monkeypatch, capsys):
    # --n-paths 1,000,000 (the documented maximum) needs about 3 GB: on a smaller machine
    # numpy's allocation error went out as an 80-line traceback with exit code 1.
    from forecast import cli

    def allocate(*_):  # numpy's _ArrayMemoryError is a MemoryError
        raise MemoryError("Unable to allocate 7.28 TiB for an array of shape (1000000000000,)")

    monkeypatch.setattr(cli, "_run_command", allocate)
    assert cli.main(["run", "--region", "national"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("forecast: error: out of memory"), err
    assert "Traceback" not in err and "--n-paths" in err


def test_a_notebooks_failure_is_named_by_the_exception_it_ends_with():
    # manifest.json said only 'CellExecutionError: ---- Exception encountered at "In [22]":'
    # of a region whose notebook ran out of file handles.
    from forecast.batch.engine import one_line

    class CellExecutionError(Exception):
        pass

    trace = ("-" * 75 + '\nException encountered at "In [22]":\n\x1b[0;31mOSError\x1b[0m'
             "                   Traceback (most recent call last)\nCell In[22], line 3\n"
             "----> 3 fig.savefig(path)\n\n\x1b[0;31mOSError\x1b[0m: [Errno 24] Too many open "
             "files: '/fonts/a.ttf'\n")
    assert one_line(CellExecutionError(trace)) == \
        "OSError: [Errno 24] Too many open files: '/fonts/a.ttf'"
    assert one_line(ValueError("one line")) == "ValueError: one line"
