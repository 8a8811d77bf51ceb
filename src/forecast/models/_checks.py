"""Argument checks shared by the models (horizon, number of paths, interval levels)."""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from typing import Any

from forecast.errors import ParameterError


def level_label(level: float) -> str:
    """Percent label of a central interval level, as used in column names (0.8 -> ``"80"``).

    Rounds to the nearest whole percent, so ``0.29`` gives ``"29"`` although
    ``int(0.29 * 100)`` is 28.
    """
    return str(int(round(level * 100)))


def check_horizon(horizon: int) -> int:
    """``horizon`` as an int, or :class:`ParameterError` unless it is an integer >= 1."""
    return _positive_int("horizon", horizon)


def check_n_paths(n_paths: int) -> int:
    """``n_paths`` as an int, or :class:`ParameterError` unless it is an integer >= 1."""
    return _positive_int("n_paths", n_paths)


def check_levels(levels: Sequence[float]) -> tuple[float, ...]:
    """Validate central interval levels: a non-empty sequence of numbers in (0, 1).

    Raises
    ------
    ParameterError
        If a level is outside (0, 1), or two levels share a column label (same percent).
    """
    try:
        items = tuple(levels) if not isinstance(levels, (str, bytes)) else ()
    except TypeError:
        items = ()
    if not items:
        raise ParameterError(f"levels must be a non-empty sequence of numbers in (0, 1); "
                             f"got {levels!r}")
    out: list[float] = []
    for level in items:
        try:
            value = float(level)
        except (TypeError, ValueError):
            value = math.nan
        if not 0.0 < value < 1.0:
            raise ParameterError(f"levels: each level must be a number in (0, 1), e.g. 0.8; "
                                 f"got {level!r}")
        out.append(value)
    labels = [level_label(v) for v in out]
    if len(set(labels)) != len(labels):
        raise ParameterError(f"levels: {list(items)!r} give duplicate column labels {labels}; "
                             f"use distinct whole percents")
    return tuple(out)


def _positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool):
        raise ParameterError(f"{name} must be an integer >= 1; got {value!r}")
    try:
        number = operator.index(value)
    except TypeError:
        raise ParameterError(f"{name} must be an integer >= 1; got {value!r}") from None
    if number < 1:
        raise ParameterError(f"{name} must be an integer >= 1; got {value!r}")
    return int(number)
