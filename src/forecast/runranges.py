"""The numbers of a results.json read back are in the ranges forecast writes them in.

:mod:`forecast.runkinds` checks each field's kind; an edited file may still hold a
probability of 5 (a report printed 500 %) or a band whose 10th percentile lies above its
90th (a chart drew its fan inside out). These are named like a wrong kind: the field, what
was expected, what was found.
"""

from __future__ import annotations

#: Fields that are fractions from 0 to 1 wherever they appear (probabilities, weights,
#: shares of settled forecasts met).
FRACTIONS = frozenset({"probability", "mean_probability", "share_met", "weight",
                       "weight_own"})
#: Objects whose every number is a probability.
PROBABILITY_OBJECTS = frozenset({"probabilities", "baseline_probabilities"})


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _above(low: float, high: float) -> bool:
    """``low`` lies above ``high`` by more than rounding."""
    return low > high + 1e-9 * max(1.0, abs(high))


def check_ranges(value, fail, field: str = "", all_fractions: bool = False) -> None:
    """Raise ``fail(field, expected, found)`` for the first fraction outside 0 to 1, or the
    first band (an object with ``p10`` and ``p90``, and ``p50``) out of order."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            check_ranges(item, fail, f"{field}[{i}]")
        return
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        at = f"{field}.{key}".lstrip(".")
        if _number(item) and (all_fractions or key in FRACTIONS) and not 0 <= item <= 1:
            raise fail(at, "a number from 0 to 1 or null", item)
        check_ranges(item, fail, at, key in PROBABILITY_OBJECTS)
    band = [k for k in ("p10", "p50", "p90") if _number(value.get(k))]
    for low, high in zip(band, band[1:]):
        if _above(value[low], value[high]):
            raise fail(f"{field}.{low}".lstrip("."), f"a number at most {high} "
                       f"({value[high]!r}): a band's percentiles in order", value[low])
