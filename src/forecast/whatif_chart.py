"""The explore notebook's what-if picture: the workers and funds fan charts under a
hypothetical scenario against the baseline, the probabilities in the legend.

The paths are those of a :class:`forecast.national.Context` with the scenario applied
(as :func:`forecast.national.evaluate` applies it), so the probabilities in the legend are
the same numbers as the what-if table's; nothing is projected again, and a redraw takes a
fraction of a second.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import funds
from .chartaxis import set_value_axis
from .national import Context, apply, extras_from, reference_growth
from .plots import _figure
from .report.numbers import probability
from .scenario import Scenario
from .series import decimal_year
from .whatifwords import WORDS, words_for

if TYPE_CHECKING:  # matplotlib is imported when the chart is drawn (plots._figure)
    from matplotlib.figure import Figure


def fans(ctx: Context, scenario: Scenario | None) -> dict:
    """The 10/50/90 % bands of workers and funds under ``scenario`` (None: baseline).

    Returns
    -------
    dict
        ``active_total`` and ``fund_investment`` (when the context has them), each with
        ``x`` (decimal years, the last observation first), ``p10``, ``p50``, ``p90``
        (arrays), ``probability``, ``target`` and ``target_x``; the fund's ``units``
        (its unit's words by language).
    """
    out: dict = {}
    g_ref = reference_growth(ctx.total, scenario) if scenario else None
    t0 = extras_from(ctx)  # as the what-if's tables count the extras (national.evaluate)
    proj = ctx.total_projection
    paths = apply(scenario, "active_total", proj, t0=t0, g_ref=g_ref)
    if ctx.active_target is not None:
        value, date = ctx.active_target
        tx = decimal_year(date)
        keep = proj.t <= tx + 1e-9
        q = np.percentile(paths[:, keep], [10, 50, 90], axis=0)
        # Drawn from where the projection starts (its series' last point: the nowcast of
        # the last reading, an outlying year-end as fitted), as the region's fan chart is;
        # the raw last year-end (45.2 million, fitted as 41.0) started a line it never took.
        start = proj.series if proj.series is not None else ctx.total
        x0, last = float(start.last_t), float(start.last_value)
        at = proj.values_at(tx, paths)
        out["active_total"] = {
            "x": np.r_[x0, proj.t[keep]], "p10": np.r_[last, q[0]], "p50": np.r_[last, q[1]],
            "p90": np.r_[last, q[2]], "probability": float(np.mean(at >= value)),
            "target": value, "target_x": tx}
    if ctx.fund_inputs is not None and ctx.fund_target is not None:
        value, date = ctx.fund_target
        fp = funds.simulate_funds(ctx.fund_inputs, proj, end_year=int(date[:4]),
                                  seed=ctx.seed, active_paths=paths,
                                  investment_return=scenario.investment_return
                                  if scenario else None)
        q = np.percentile(fp.paths, [10, 50, 90], axis=0)
        start = float(ctx.fund_inputs.start_value)
        x0 = float(ctx.fund_inputs.start_year)
        out["fund_investment"] = {
            # The axis's unit in each language: the scheme's own (THB billion).
            "units": {lang: words_for(lang, ctx)["fund_investment"][1] for lang in WORDS},
            "x": np.r_[x0, fp.years.astype(float)], "p10": np.r_[start, q[0]],
            "p50": np.r_[start, q[1]], "p90": np.r_[start, q[2]],
            "probability": funds.summarise(fp, value, date)["probability"],
            "target": value, "target_x": decimal_year(date)}
    return out


#: Chart words (the explore notebook is in English; the PDFs have their own charts).
#: Each fan's values are divided by this for its axis (million persons, Rp trillion).
_SCALE = {"active_total": 1e6, "fund_investment": 1.0}


def _pct(p: float | None, lang: str = "en") -> str:
    """As the tables and PDFs write a probability (``<0.1 %``, ``99.9 %``, ``73 %``)."""
    return probability(p, lang).replace("\u00a0", " ")


def chart(base: dict, scenario: dict, lang: str = "en") -> "Figure":
    """Workers and funds side by side: the baseline band (grey) and the scenario's
    (orange), each median dashed, the target a star; the legend gives each probability.
    Labels in ``lang`` ("en" or "id")."""
    # matplotlib loads when a chart is drawn (as in plots), not with the notebook's imports.
    from matplotlib.ticker import MaxNLocator

    keys = [k for k in ("active_total", "fund_investment") if k in base]
    fig = _figure(9.0, 3.6)
    for i, key in enumerate(keys):
        ax = fig.add_subplot(1, max(len(keys), 1), i + 1)
        (name, unit), scale = WORDS[lang][key], _SCALE[key]
        unit = base[key].get("units", {}).get(lang, unit)  # the scheme's own unit
        for fan, colour, label in ((base[key], "#9aa5b8", WORDS[lang]["baseline"]),
                                   (scenario.get(key, base[key]), "#f2a541",
                                    WORDS[lang]["what_if"])):
            ax.fill_between(fan["x"], fan["p10"] / scale, fan["p90"] / scale, color=colour,
                            alpha=0.45, lw=0,
                            label=f"{label}: {WORDS[lang]['p_target']} "
                                  f"{_pct(fan['probability'], lang)}")
            ax.plot(fan["x"], fan["p50"] / scale, "--", color=colour, lw=1.8)
        ax.plot([base[key]["target_x"]], [base[key]["target"] / scale], marker="*", ms=13,
                color="#b22222", ls="none", label=WORDS[lang]["target"])
        ax.set_title(name, fontsize=10, loc="left")
        ax.set_ylabel(unit)
        set_value_axis(ax.yaxis, lang)  # 1,000 / 1.000 and 32,5 as the legend writes them
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, frameon=False, loc="upper left")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(WORDS[lang]["end_of_year"])
    return fig
