"""Two seeds move no probability by more than 1 point (issue 14, item 4), on the shipped
national run and not only on a synthetic series: the calibrated targets, whose paths pass
through the nowcast, and the structural fund model, which draws its inputs on its own.

Measured before the stratified draws of this file's round (30 seeds, shipped data):
the structural fund model's probability had an sd of 0.57 points (range 2.3) and moved by
up to 1.8 points between seeds as of 2023.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from forecast import calibration, data
from forecast.results import run_region

SEEDS = (1, 2, 3, 4, 5)


@pytest.fixture(scope="module")
def panel():
    return data.load_panel()


@pytest.mark.parametrize("as_of", [None, "2023"])
def test_five_seeds_keep_every_national_probability_within_one_point(panel, as_of):
    runs = [run_region(panel, "national", seed=s, n_paths=5000, as_of=as_of) for s in SEEDS]
    got = {"structural fund model": [r["funds_model"]["probability"] for r in runs]}
    for r in runs:
        for t in r["targets"]:
            if t.get("probability") is not None:
                got.setdefault((t["metric"], t["target_date"], t["target_value"]),
                               []).append(t["probability"])
    assert len(got) >= 3
    for k, values in got.items():
        assert len(values) == len(SEEDS), k
        assert max(values) - min(values) <= 0.01, (k, values)


def test_neighbouring_paths_share_out_the_normal_strata():
    # Each block of 16 paths in the order of their error holds one jitter draw in each
    # sixteenth of the normal (read back through its CDF), whatever the errors are.
    rng = np.random.default_rng(7)
    out = np.column_stack([rng.standard_t(3, 1000), rng.random(1000)])
    noise = calibration.neighbour_strata(out, np.random.default_rng(3))
    block = calibration.JITTER_BLOCK
    for j in range(out.shape[1]):
        ordered = noise[np.argsort(out[:, j], kind="stable"), j]
        for start in range(0, 1000, block):
            part = ordered[start:start + block]
            strata = np.floor(norm.cdf(part) * len(part)).astype(int)
            assert sorted(strata) == list(range(len(part))), (j, start)
    # ... and the draws are standard normal, unrelated to the errors.
    assert abs(noise.mean()) < 0.05 and abs(noise.std() - 1) < 0.05
    assert abs(np.corrcoef(noise[:, 0], out[:, 0])[0, 1]) < 0.1


def test_stratified_normal_holds_one_draw_in_each_stratum_of_each_column():
    z = calibration.stratified_normal(np.random.default_rng(11), (500, 3))
    for j in range(3):
        assert sorted(np.floor(norm.cdf(z[:, j]) * 500).astype(int)) == list(range(500))
    assert abs(np.corrcoef(z[:, 0], z[:, 1])[0, 1]) < 0.15
