"""The optimised Theta models (Fiorucci et al. 2016) of the engine's centre.

Oracles: what a constant and a straight line must give, and the forecasts of statsforecast's
``AutoTheta`` (2.x, the same four models fitted by Nelder-Mead; computed once and written
here), which a grid fit matches to within a few per cent.
"""

from __future__ import annotations

import numpy as np
import pytest

from forecast import combine
from forecast.thetamodels import KINDS, auto_theta, fit

# statsforecast.models.AutoTheta().forecast(y=y, h=4)["mean"], statsforecast 2.x
STATSFORECAST = {
    (10, 12, 13, 15, 18, 19, 22, 25, 24, 27, 30, 31): (33.103, 35.036, 36.969, 38.902),
    (50, 48, 47, 44, 45, 41, 40, 38, 37, 35): (33.522, 31.900, 30.278, 28.657),
    (5.0, 7.1, 6.2, 8.8, 8.1, 10.5, 9.9, 12.6, 11.7, 14.9, 13.8): (15.294, 16.185, 17.076,
                                                                   17.968),
}


@pytest.mark.parametrize("y, expected", STATSFORECAST.items())
def test_forecasts_are_those_of_statsforecast_autotheta_within_two_per_cent(y, expected):
    got = auto_theta(np.array(y, dtype=float), 4)
    np.testing.assert_allclose(got, expected, rtol=0.02)


def test_a_constant_stays_constant():
    np.testing.assert_allclose(auto_theta(np.full(9, 7.5), 5), 7.5, rtol=1e-9)


def test_a_straight_line_is_carried_on():
    t = np.arange(15.0)
    got = auto_theta(100 + 3 * t, 6)
    line = 100 + 3 * np.arange(15, 21)
    np.testing.assert_allclose(got, line, rtol=0.01)


def test_the_fit_names_one_of_the_four_models_within_the_bounds():
    kind, alpha, theta, _ = fit(np.array([3, 4, 4, 6, 5, 7, 8, 8, 10], dtype=float))
    assert kind in KINDS and 0.1 <= alpha <= 0.99 and theta >= 1


def test_fewer_than_four_values_get_a_random_walk_with_drift():
    np.testing.assert_allclose(auto_theta(np.array([1.0, 2.0, 4.0]), 2), [5.5, 7.0])


def test_it_can_be_a_member_of_the_centre_on_the_values():
    members = ("theta", "damped", "autotheta_level", "damped_level", "rw_drift_level")
    x = np.array([10, 12, 13, 15, 18, 19, 22, 25.0])
    _, points = combine.combined(np.arange(8.0), x, 3, "log", members)
    np.testing.assert_allclose(np.exp(points["autotheta_level"]), auto_theta(x, 3), rtol=1e-12)
