"""How close to its bound a straight line in a share may come (combine.SHARE_FLOOR), and the
benchmark that chose it (benchmarks/share_floor.py)."""

from __future__ import annotations

import re
import sys

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit, logit

from forecast import calibration, combine, config

if str(config.PROJECT_ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(config.PROJECT_ROOT / "benchmarks"))

import share_floor  # noqa: E402

RESULT = config.PROJECT_ROOT / "benchmarks" / "results" / "share_floor.md"
# A share climbing fast toward its bound: 82.3 % to 98.4 % in four years
CLIMB = np.array([0.7178, 0.7851, 0.8361, 0.8233, 0.8644, 0.9020, 0.9591, 0.9844])


def test_a_line_in_the_share_closes_at_most_three_quarters_of_the_gap():
    last = 0.9844
    top = 1 - 0.25 * (1 - last)                       # 0.9961, by hand
    z = combine.to_working(np.array([0.99, 1.02, 0.5, -0.1]), "logit", last)
    np.testing.assert_allclose(z, logit(np.array([0.99, top, 0.5, 0.25 * last])))
    # and from below: a falling share keeps a quarter of its distance from 0
    np.testing.assert_allclose(combine.to_working(np.array([-0.3]), "logit", 0.2),
                               logit(np.array([0.05])))


def test_a_count_keeps_its_own_floor():
    np.testing.assert_allclose(combine.to_working(np.array([-5.0, 50.0]), "log", 100.0),
                               np.log([5.0, 50.0]))


def _band_two_years_ahead():
    t = np.arange(len(CLIMB), dtype=float)
    centre, members = combine.combined(t, CLIMB, 3, "logit")
    z = logit(CLIMB)
    steps = np.concatenate([[0.0], np.cumsum(np.diff(z))])
    errors = calibration.scaled_errors(calibration.scale_of(steps), calibration.load_table(),
                                       3, 5000, np.random.default_rng(1),
                                       vol=calibration.volatility_of(steps))
    return centre, members, np.quantile(expit(centre[1] + errors[:, 1]), [0.1, 0.5, 0.9])


def test_a_fast_climb_near_the_bound_no_longer_collapses_the_band():
    """With the count's 5 % floor, the three share members stop at 99.92 % from two years
    ahead, the median of the five is that floor, and the 80 % band around it spans a tenth
    of a point. Now the members stop at 99.61 % and the band spans half a point."""
    centre, members, (lo, mid, hi) = _band_two_years_ahead()
    top = logit(1 - 0.25 * (1 - CLIMB[-1]))
    assert np.all(centre <= top + 1e-12)
    for name in ("theta_level", "damped_level", "rw_drift_level"):
        assert np.all(members[name] <= top + 1e-12)
    assert hi - lo > 0.004 and mid < 0.997
    with share_floor.share_floor(0.05):
        _, _, (lo5, mid5, hi5) = _band_two_years_ahead()
    assert hi5 - lo5 < 0.002 and mid5 > 0.999


def _odd(**crps):
    return {s: pd.DataFrame({"CRPS": [crps[s][0], crps[s][1], crps[s][2]]},
                            index=["floor 0.05", "floor 0.25", "floor 0.5"])
            for s in ("immunization", "electricity")}


def test_the_rule_takes_the_lowest_mean_among_floors_lower_on_both_odd_halves():
    chosen, lines = share_floor.choose(_odd(immunization=(3.5, 3.4, 3.3),
                                            electricity=(1.30, 1.29, 1.31)))
    assert chosen == 0.25 and "not lower on both" in lines[1]
    chosen, _ = share_floor.choose(_odd(immunization=(3.5, 3.4, 3.3),
                                        electricity=(1.30, 1.29, 1.28)))
    assert chosen == 0.5
    chosen, lines = share_floor.choose(_odd(immunization=(3.5, 3.6, 3.3),
                                            electricity=(1.30, 1.29, 1.30)))
    assert chosen is None and all("not lower on both" in line for line in lines)


def test_the_shipped_floor_is_the_one_the_stored_benchmark_chose():
    text = RESULT.read_text(encoding="utf-8")
    rule = re.findall(r"^- floor ([\d.]+): odd-half CRPS immunization ([\d.]+) against "
                      r"([\d.]+); electricity ([\d.]+) against ([\d.]+): (.*)$", text, re.M)
    assert len(rule) == 2
    passing = {}
    for floor, im, im0, el, el0, said in rule:
        both = float(im) < float(im0) and float(el) < float(el0)
        assert said == ("lower on both" if both else "**not lower on both**")
        if both:
            passing[float(floor)] = (float(im) + float(el)) / 2
    chosen = re.search(r"^Chosen: \*\*floor ([\d.]+)\*\*\.$", text, re.M)
    assert passing and chosen
    assert float(chosen.group(1)) == min(passing, key=passing.get) == combine.SHARE_FLOOR


def test_too_few_paths_get_one_line_and_exit_2(capsys, tmp_path):
    out = tmp_path / "x.md"
    assert share_floor.main(["--paths", "5", "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip() == (
        "share_floor: error: --paths: expected an integer from 100 to 100,000, found 5")
    assert not out.exists()


def test_the_floor_context_restores_the_shipped_value():
    with pytest.raises(RuntimeError), share_floor.share_floor(0.5):
        assert combine.SHARE_FLOOR == 0.5
        raise RuntimeError
    assert combine.SHARE_FLOOR == 0.25
