"""Run parameters: one check, and the seed's streams (one SeedSequence, spawned per consumer)."""

from __future__ import annotations

import numpy as np
import pytest

from forecast.errors import ParameterError
from forecast.params import (check_language, check_run_parameters, recorded_seed,
                             seed_sequence, spawn)
from forecast.series import Series
from forecast.simulate import project


def test_the_root_draws_what_the_integer_seed_draws():
    # Why the trend projections did not move when the seed became a SeedSequence.
    a = np.random.default_rng(20261231).normal(size=5)
    b = np.random.default_rng(seed_sequence(20261231)).normal(size=5)
    assert np.array_equal(a, b)
    series = Series.from_years(range(2014, 2024), [float(v) for v in range(10, 20)])
    p_int = project(series, ["linear", "rw_drift"], horizon=3, n_paths=200, seed=7)
    p_seq = project(series, ["linear", "rw_drift"], horizon=3, n_paths=200,
                    seed=seed_sequence(7))
    assert np.array_equal(p_int.paths, p_seq.paths) and p_seq.seed == 7


def test_spawned_streams_are_numpys_children_whatever_the_order():
    root = seed_sequence(5)
    children = np.random.SeedSequence(5).spawn(3)
    for k in (2, 0, 1):  # any order: a child is addressed by its key
        assert np.array_equal(np.random.default_rng(spawn(root, k)).random(4),
                              np.random.default_rng(children[k]).random(4))
    assert root.n_children_spawned == 0
    assert recorded_seed(spawn(root, 1)) == 5 and recorded_seed(np.random.default_rng(1)) is None


@pytest.mark.parametrize("kwargs, message", [
    ({"n_paths": 0, "seed": 1}, "n_paths: expected an integer from 100 to 1,000,000, found 0"),
    ({"n_paths": 100, "seed": -1}, "seed: expected a non-negative integer, found -1"),
    ({"n_paths": 100, "seed": True}, "seed: expected a non-negative integer, found True"),
    ({"n_paths": 100, "seed": 1, "backtest_k": 21},
     "backtest_k: expected an integer from 0 to 20, found 21"),
])
def test_run_parameters_one_message_style(kwargs, message):
    with pytest.raises(ParameterError) as err:
        check_run_parameters(**kwargs)
    assert str(err.value) == message


def test_languages():
    assert check_language("id") == "id"
    with pytest.raises(ParameterError, match=r"^lang: expected one of en, id, found 'fr'$"):
        check_language("fr")
