"""The what-if's own arguments checked by name (``extra_monthly``, ``investment_return``),
in the ranges a scenario file allows (:mod:`forecast.scenario`), before any work."""

from __future__ import annotations

import math
import numbers

from .errors import ParameterError
from .scenario import MAX_MONTHLY_ENROLMENTS, RETURN_RANGE
from .textsafe import escape


def _number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) \
        and math.isfinite(value)


def check_what_if(extra_monthly, investment_return) -> None:
    """Raise naming the argument unless ``extra_monthly`` is a number of persons a month
    (0 adds none; None is no number, so it is refused, not read as 0) and
    ``investment_return`` is None (the estimate) or a fraction per year in range."""
    if not _number(extra_monthly) or not 0 <= extra_monthly <= MAX_MONTHLY_ENROLMENTS:
        raise ParameterError(f"extra_monthly: expected persons a month, a number from 0 (none) "
                             f"to {MAX_MONTHLY_ENROLMENTS:,}, found "
                             f"{type(extra_monthly).__name__} {escape(repr(extra_monthly), 60)}")
    lo, hi = RETURN_RANGE
    if investment_return is not None and (not _number(investment_return)
                                          or not lo <= investment_return <= hi):
        raise ParameterError(f"investment_return: expected None (the estimate) or a fraction "
                             f"per year from {lo} to {hi} (write 0.08 for 8 %), found "
                             f"{type(investment_return).__name__} "
                             f"{escape(repr(investment_return), 60)}")
