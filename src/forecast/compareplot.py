"""The waterfall chart of ``forecast compare`` (:mod:`forecast.compare`): each target's
probability at A, the change of each step in order, and at B."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .plots import _figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def waterfall_chart(comparison: dict, step_words: dict | None = None, *,
                    ylabel: str = "probability (%)",
                    titles: list[str] | None = None,
                    number: Callable[[float], str] | None = None,
                    empty: str = "No target is assessed on both sides: nothing to decompose.",
                    ) -> "Figure":
    """One waterfall per target assessed on both sides (probability in percent).

    Bars: A's probability, each step's change (green up, red down, floating from the running
    level), B's probability. A step that cannot be measured (the target appears or
    disappears there) is left empty. With no such target the figure says so (``empty``)
    instead of staying blank. ``number`` writes a step's change in points (default
    ``+1.5``; the reports pass their language's).
    """
    number = number or (lambda d: f"{d:+.1f}")
    step_words = step_words or {}
    rows = [t for t in comparison["targets"]
            if t["probability"]["a"] is not None and t["probability"]["b"] is not None]
    n = max(len(rows), 1)
    fig = _figure(7.0, 0.6 + 2.1 * n)
    labels = ([comparison["a"]] + [step_words.get(s, s) for s in comparison["steps"]]
              + [comparison["b"]])
    for k, t in enumerate(rows):
        ax = fig.add_subplot(n, 1, k + 1)
        p = t["probability"]
        level = 100 * p["a"]
        ax.bar(0, level, color="#1f3b73")
        for i, change in enumerate(p["steps"], start=1):
            if change is None:
                continue
            d = 100 * change
            ax.bar(i, d, bottom=level, color="#2e7d32" if d >= 0 else "#b22222")
            if abs(d) >= 0.05:
                ax.annotate(number(d), (i, level + max(d, 0)), xytext=(0, 2),
                            textcoords="offset points", ha="center", fontsize=7)
            level += d
        ax.bar(len(labels) - 1, 100 * p["b"], color="#1f3b73")
        top = max([100 * p["a"], 100 * p["b"], level] + [
            100 * p["a"] + 100 * sum(c for c in p["steps"][:j] if c is not None)
            for j in range(1, len(p["steps"]) + 1)])
        ax.set_ylim(0, top * 1.2 + 0.5)  # room for the step labels
        title = titles[k] if titles else f"{t['metric']} by {t['target_date']}"
        ax.set_title(title, fontsize=9, loc="left")
        ax.set_ylabel(ylabel, fontsize=8)
        ax.set_xticks(range(len(labels)), labels if k == n - 1 else [""] * len(labels),
                      fontsize=7, rotation=20, ha="right", parse_math=False)
        ax.axhline(0, color="black", lw=0.6)
        ax.grid(axis="y", alpha=0.3)
    if not rows:
        fig.text(0.5, 0.5, empty, ha="center", va="center", fontsize=9, wrap=True)
    return fig
