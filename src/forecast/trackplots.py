"""Charts of the track record (:mod:`forecast.trackrecord`): reliability and the headline
probability's evolution. Kept apart from :mod:`forecast.plots` (the run's charts), in its
figure style (``forecast.plots._figure``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .plots import _figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def reliability_chart(bands: list[dict], *, xlabel: str = "probability given",
                      ylabel: str = "share met", diagonal_label: str = "perfect calibration",
                      ) -> "Figure":
    """Share met against the mean probability given, one dot per band (area by the number
    of forecasts relative to the largest band, the count written beside it), with the
    diagonal."""
    fig = _figure(3.4, 3.0)
    ax = fig.add_subplot()
    ax.plot([0, 100], [0, 100], color="#9aa5b8", lw=1, ls="--", label=diagonal_label)
    largest = max([b["n"] for b in bands] + [1])
    dots = [(100 * b["mean_probability"], 100 * b["share_met"], b["n"]) for b in bands
            if b["n"]]
    for x, y, n in dots:
        # Area by the count, relative to the largest band, so a record of a hundred
        # forecasts does not cover the chart; the count is written beside the dot.
        size = 20 + 180 * n / largest
        ax.scatter([x], [y], s=size, color="#1f3b73", alpha=0.8, zorder=2)
        ax.annotate(f"n={n}", (x, y), **_label_place(x, y, size, dots), fontsize=7,
                    textcoords="offset points")
    ax.set_xlim(0, 100)
    ax.set_ylim(-5, 105)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.set_ylabel(ylabel, fontsize=8)
    ax.tick_params(labelsize=7)
    ax.grid(alpha=0.3)
    # Below the axes: at the lower right it covered a band the record calls likely but
    # that was rarely met (a dot at 80 % given, 5 % met), the case the chart is for.
    fig.legend(fontsize=7, frameon=False, loc="outside lower center")
    return fig


def _label_place(x: float, y: float, size: float, dots: list) -> dict:
    """Where a dot's count goes: to its right, unless another dot lies there (within the
    label's width, about 20 points of probability, and 10 of share met: two bands side by
    side at 0 % met wrote "n=31n=13"); then above it, or below it near the top."""
    crowded = any(0 < x2 - x < 20 and abs(y2 - y) < 10 for x2, y2, _ in dots)
    r = size ** 0.5 / 2 + 3  # the dot's radius in points, and a gap
    if not crowded:
        return {"xytext": (r, 0), "ha": "left", "va": "center"}
    if y > 85:
        return {"xytext": (0, -r), "ha": "center", "va": "top"}
    return {"xytext": (0, r), "ha": "center", "va": "bottom"}


def evolution_chart(lines: list[dict], *, ylabel: str = "probability (%)") -> "Figure":
    """Each target's probability as of each year-end, one line per target.

    Parameters
    ----------
    lines : list of dict
        ``label`` (shown literally) and ``points`` [{year, probability}].
    """
    fig = _figure(3.6, 3.0)
    ax = fig.add_subplot()
    for line in lines:
        xs = [p["year"] for p in line["points"]]
        ys = [100 * p["probability"] for p in line["points"]]
        ax.plot(xs, ys, marker="o", ms=3, lw=1.4, label=line["label"])
    ax.set_ylim(-3, 103)
    years = [p["year"] for line in lines for p in line["points"]]
    if years and max(years) - min(years) < 2:
        # One or two years: matplotlib's default spread a single year over 1925-2125.
        ax.set_xlim(min(years) - 1, max(years) + 1)
    ax.set_ylabel(ylabel, fontsize=8)
    ax.tick_params(labelsize=7)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(alpha=0.3)
    if lines:
        legend = ax.legend(fontsize=6.5, frameon=False, loc="lower center",
                           bbox_to_anchor=(0.5, 1.0), ncols=1)
        for text in legend.get_texts():
            text.set_parse_math(False)  # labels come from data: never mathtext
    return fig
