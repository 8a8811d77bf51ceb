"""The stock-shift diagnostic (benchmarks/stock_shift.py): the shift it learns, what it does
to the engine's paths, its rule, and that its stored result follows from its own numbers."""

from __future__ import annotations

import re
import sys

import numpy as np
import pandas as pd
import pytest
from scipy.special import logit

from forecast import calibration, config

if str(config.PROJECT_ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(config.PROJECT_ROOT / "benchmarks"))

import shares  # noqa: E402
import stock_shift  # noqa: E402

RESULT = config.PROJECT_ROOT / "benchmarks" / "results" / "stock_shift.md"


def _table():
    rng = np.random.default_rng(3)
    return calibration.ErrorTable(errors=rng.normal(0.1, 1.0, (400, 6)),
                                  exponents=np.full(6, 0.5), vol_exponents=np.full(6, 0.25))


def test_the_delta_is_the_rows_median_standardised_error_above_the_tables():
    table = _table()
    d = np.array([0.2, 0.3, 0.1, -0.4, 0.5, 0.0])
    med = np.median(table.errors, axis=0)
    scale = np.array([0.04, 0.09, 0.16, 0.25, 0.01])
    vol = np.array([0.01, 0.16, 0.04, 0.81, 0.09])
    unit = np.sqrt(scale) * np.sqrt(np.sqrt(vol))       # s ** 0.5 * v ** 0.25, by hand
    spread = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])      # symmetric: the median is the middle
    raw = ((med + d)[None, :] + spread[:, None]) * unit[:, None]
    rows = pd.DataFrame({"k": range(5), "scale": scale, "vol": vol, "last": 50.0}
                        | {f"h{h}": raw[:, h - 1] for h in range(1, 7)})
    stock_delta = stock_shift.stock_delta(rows, table)
    np.testing.assert_allclose(stock_delta, d, atol=1e-12)
    assert stock_delta.shape == (6,)


def test_blank_years_past_the_data_do_not_count():
    table = _table()
    med = np.median(table.errors, axis=0)
    rows = pd.DataFrame({"k": [0, 1, 2], "scale": 1.0, "vol": 1.0, "last": 50.0}
                        | {f"h{h}": [med[h - 1] + 1.0, med[h - 1] + 1.0, np.nan]
                           for h in range(1, 7)})
    np.testing.assert_allclose(stock_shift.stock_delta(rows, table), np.ones(6))


def test_the_shift_moves_every_paths_logit_by_delta_times_the_series_spread():
    """Adding a constant to every error of the table moves every quantile of the logit by
    that constant times the series' spread (same draws): the oracle is that product."""
    table = calibration.load_table()
    delta = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
    values = np.array([40.0, 44, 47, 52, 55, 59, 62, 66])
    ours = shares.engine_paths(values, 6, np.random.default_rng(5), table=table, n_paths=500)
    moved = shares.engine_paths(values, 6, np.random.default_rng(5),
                                table=stock_shift.shifted(table, delta), n_paths=500)
    _, s, v = shares.centre_and_spread(values / 100.0, 6)
    expected = delta * s ** table.exponents * v ** table.vol_exponents
    np.testing.assert_allclose(logit(moved / 100) - logit(ours / 100),
                               np.broadcast_to(expected, ours.shape), atol=1e-9)
    assert np.all(moved > ours)


def _summary(crps, fixed):
    return pd.DataFrame({"CRPS": crps, "Brier, fixed": fixed}, index=["ours", "stock shift"])


def test_the_rule_takes_the_shift_only_where_both_reads_improve_on_both_scores():
    good = {"electricity": _summary([1.4, 1.3], [0.02, 0.01]),
            "internet": _summary([4.5, 4.4], [0.03, 0.02])}
    ok, lines = stock_shift.taken(good)
    assert ok and len(lines) == 4 and all(line.endswith(": lower") for line in lines)
    for name, col in (("electricity", "CRPS"), ("internet", "Brier, fixed")):
        bad = {k: v.copy() for k, v in good.items()}
        bad[name].loc["stock shift", col] = bad[name].loc["ours", col] + 1e-6
        ok, lines = stock_shift.taken(bad)
        assert not ok
        assert sum("**not lower**" in line for line in lines) == 1


def test_the_stored_result_follows_from_its_own_numbers():
    text = RESULT.read_text(encoding="utf-8")
    rule = re.findall(r"^- (\w+), (CRPS|Brier, fixed): ours ([\d.]+), stock shift ([\d.]+): "
                      r"(lower|\*\*not lower\*\*)$", text, flags=re.M)
    assert len(rule) == 4
    for _set, _col, ours, shift, said in rule:
        assert (float(shift) < float(ours)) == (said == "lower")
    verdict = "**Taken**" if all(r[4] == "lower" for r in rule) else "**Not taken**"
    assert f"{verdict} by the rule." in text
    for name, which in (("electricity", "even half"), ("internet", "every series")):
        section = text.split(f"## {name}, {which}")[1].split("\n#")[0]
        row = {m: line.split("|") for line in section.splitlines()
               for m in ("ours", "stock shift") if line.startswith(f"| {m} |")}
        for _set, col, ours, shift, _said in (r for r in rule if r[0] == name):
            i = 7 if col == "CRPS" else 9
            assert float(row["ours"][i]) == pytest.approx(float(ours), abs=6e-4)
            assert float(row["stock shift"][i]) == pytest.approx(float(shift), abs=6e-4)


def test_too_few_paths_get_one_line_and_exit_2(capsys, tmp_path):
    out = tmp_path / "x.md"
    assert stock_shift.main(["--paths", "1", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["stock_shift: error: --paths: expected an integer from 100 to 100,000, "
                   "found 1"]
    assert not out.exists()
