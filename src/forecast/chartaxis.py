"""The charts' value axes: their scale and unit words, and tick numbers written as the
text writes them (1,000 and 32.5 in English, 1.000 and 32,5 in Indonesian).

matplotlib's own tick numbers are English and ungrouped: a fund axis read "1000" beside
"Rp1.001 triliun" in the legend. :func:`value_formatter` gives an axis the reports'
numbers (:func:`forecast.report.numbers.number`), never an offset or a "1e6" over it.
Year axes keep their own formatter: 2024 is never grouped.
"""

from __future__ import annotations

import re

from .textnum import scaled_label

_SCALE = {"persons": 1e6, "IDR_trillion": 1.0, "percent": 1.0}


def value_formatter(lang: str):
    """A tick formatter writing each value with grouped thousands and the decimal mark of
    ``lang``, with as many decimals as the ticks need (matplotlib's choice)."""
    from matplotlib.ticker import ScalarFormatter  # matplotlib is loaded: a chart is drawn

    from .report.numbers import number  # the report imports the charts: loaded late

    class Grouped(ScalarFormatter):
        def __init__(self):
            super().__init__(useOffset=False, useMathText=False)
            self.set_scientific(False)

        def __call__(self, x, pos=None):
            found = re.search(r"%1\.(\d+)f", getattr(self, "_format", "") or "")
            return number(float(x), int(found.group(1)) if found else 0, lang)

    return Grouped()


def tick_labels(values: list[float], lang: str) -> list[str]:
    """The labels :func:`value_formatter` writes for ticks at ``values``.

    Examples
    --------
    >>> tick_labels([0, 500, 1000, 1500], "id")
    ['0', '500', '1.000', '1.500']
    >>> tick_labels([32.5, 35, 37.5], "en")
    ['32.5', '35.0', '37.5']
    """
    fmt = value_formatter(lang)
    fmt.set_locs(list(values))
    return [fmt(v) for v in values]


def set_value_axis(axis, lang: str) -> None:
    """``axis`` (an Axes' xaxis or yaxis) numbered by :func:`value_formatter`."""
    axis.set_major_formatter(value_formatter(lang))


def axis_scale(unit: str, lang: str, numbers, words: dict, values=()) -> tuple[float, str]:
    """Scale and axis label of ``unit``: the shipped units' own, a scheme's count in
    millions ("million people"), a scheme's percent unit as percent, else its name, scaled
    to the largest of ``values`` ("trillion naira", never a bare 1e12 over the axis).
    ``words``: the chart words of ``lang`` (:data:`forecast.plots._WORDS`)."""
    if unit in _SCALE and unit != "persons":
        return _SCALE[unit], words[unit]
    own = {"count": True} if unit == "persons" else numbers.scheme_unit(unit) or {}
    label = ((own.get("labels") or {}).get(lang)
             or (words["persons"].split(" ")[-1] if unit == "persons" else unit))
    if own.get("count"):  # millions, thousands or as counted: never 0.022 million
        top = max((abs(v) for v in values), default=1e6)
        div, big = (1e9, "billion") if top >= 1e9 else (1e6, "million") if top >= 1e6 \
            else (1e3, "thousand") if top >= 1e4 else (1.0, None)
        return (div, f"{numbers.WORDS[lang][big]} {label}") if big and not \
            scaled_label(label) else (1.0, label)
    if own.get("max") == 100:
        return 1.0, words["percent"]
    if scaled_label(label):  # "KRW billion" is its scale: no "million KRW billion" axis
        return 1.0, label
    div, big = numbers.big_scale(*values)
    return (div, f"{numbers.WORDS[lang][big]} {label}") if big else (1.0, label)


def growth_axis(values: list[float]) -> tuple[float, float]:
    """The growth axis (% per year) of the summary chart: the range of the values, but
    a value more than three interquartile ranges past the quartiles is left off the axis
    (drawn on its edge), so one outlier does not stretch the chart.

    Examples
    --------
    >>> growth_axis([1.0, 2.0, 3.0, 4.0, 5.0, 3000.0])
    (-1.0, 6.0)
    """
    if not values:
        return (-1.0, 1.0)
    v = sorted(values)
    q1, q3 = v[len(v) // 4], v[(3 * len(v)) // 4]
    iqr = max(q3 - q1, 1.0)
    inside = [x for x in v if q1 - 3 * iqr <= x <= q3 + 3 * iqr] or v
    lo, hi = min(inside + [0.0]), max(inside + [0.0])
    pad = max((hi - lo) * 0.06, 1.0)
    return (round(lo - pad, 1), round(hi + pad, 1))


#: The least span, in points, of a share's axis: the readings are written to a tenth of a
#: point, and a chart zoomed to 0.01 points drew a share held at 100 % as a cliff.
MIN_SHARE_SPAN = 1.0


def widen_share_axis(ax) -> None:
    """Give a share's value axis at least :data:`MIN_SHARE_SPAN` points, centred on what
    is drawn and kept within 0-100 % where the data is (never past a bound it is at)."""
    lo, hi = ax.get_ylim()
    if hi - lo >= MIN_SHARE_SPAN:
        return
    top, bottom = max(hi, 100.0), min(lo, 0.0)
    mid = (lo + hi) / 2
    lo, hi = mid - MIN_SHARE_SPAN / 2, mid + MIN_SHARE_SPAN / 2
    shift = min(top - hi, 0.0) or max(bottom - lo, 0.0)
    ax.set_ylim(lo + shift, hi + shift)
