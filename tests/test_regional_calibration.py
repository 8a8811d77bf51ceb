"""The pooled regions' check (benchmarks/regional_calibration.py): the walk's size and the
pairs it is measured on."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import regional_calibration as rc  # noqa: E402
from forecast import data, regional  # noqa: E402


def test_walk_size_is_the_robust_sd_of_changes_with_no_mean():
    assert rc.walk_size([0.1, -0.2, 0.3]) == pytest.approx(1.4826 * 0.2)
    # One wild change moves the root mean square, hardly the robust size.
    calm = [0.05, -0.08, 0.1, -0.12, 0.07]
    assert rc.walk_size(calm + [2.0]) < 1.5 * rc.walk_size(calm)
    with pytest.raises(ValueError, match="no pair"):
        rc.walk_size([])


def test_the_shipped_walk_is_the_one_the_shipped_readings_give():
    changes = rc.share_changes(data.load_panel(None), "active_total")
    assert len(changes) == 16 and changes["region"].nunique() == 15
    assert "national" not in set(changes["region"]) and changes["gap"].min() >= rc.MIN_GAP
    # Worked by hand from data/observations.csv (log share of the nation, the nation
    # interpolated on the log scale): Kanwil Sumbagut, 30 Sep 2017 -> 30 Sep 2019.
    row = changes[changes["region"] == "kanwil-sumbagut"].iloc[0]
    assert row["gap"] == pytest.approx(2.0, abs=0.01)
    assert row["z"] == pytest.approx(0.343, abs=0.002)
    assert regional.SIGMA_RW == round(rc.walk_size(changes["z"]), 2)
    assert np.sqrt(np.mean(changes["z"] ** 2)) > regional.SIGMA_RW  # the robust one is kept
