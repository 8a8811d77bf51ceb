"""The explore notebook's what-if: probabilities under hypothetical adjustments, as a
function, a small table and ipywidgets sliders.

Each call reapplies the adjustment to the paths of a :class:`forecast.national.Context`
(from :func:`forecast.run.national_context`), so nothing is projected again.
"""

from __future__ import annotations

import html
from typing import Any, Sequence

import pandas as pd

from . import whatif_chart
from .apicheck import check_levels, check_segment, check_whole
from .whatifcheck import check_what_if
from .errors import ParameterError
from .textsafe import escape
from .national import Context, _active_probability, evaluate
from .plots import to_png
from .params import check_language
from .report.numbers import NBSP, number, rupiah
from .report.words import METRIC
from .styles import Note, percent
from .styles import _local as local_style
from .tablewords import worded
from .scenario import ENROLMENT_METRICS, parse_scenario
from .whatifwords import WORDS, words_for

#: What the what-if says for a scheme without the shipped participants and fund
#: (:func:`forecast.results.national_context` is None there).
NOT_AVAILABLE = WORDS["en"]["not_available"]


def what_if(ctx: Context, *, extra_monthly: float = 0.0, segment: str = "active_total",
            investment_return: float | None = None) -> dict:
    """Probabilities under a one-off what-if (the explore notebook's controls).

    Parameters
    ----------
    ctx : Context
        From :func:`prepare` (the projections are reused, so this is fast).
    extra_monthly : float
        Extra net enrolments a month from the total's last reading (persons, 0 to
        5,000,000); 0, the default, adds none (None is refused: it is no number of persons).
    segment : str
        Which segment they join (one of :data:`ENROLMENT_METRICS`).
    investment_return : float, optional
        Mean investment return of the fund model; None keeps the estimate.

    Returns
    -------
    dict
        ``active_total``, ``fund_investment`` and ``joint`` probabilities, the fund's
        median, and ``informal_required_cagr``.
    """
    _check_context(ctx)
    scenario = _scenario(extra_monthly, segment, investment_return)
    res = evaluate(ctx, scenario)
    seg = res.get("segments", {})
    return {"active_total": _active_probability(ctx, scenario),
            "fund_investment": res.get("funds_model", {}).get("probability"),
            "fund_median": res.get("funds_model", {}).get("median"),
            "joint": res.get("joint", {}).get("probability"),
            "informal_required_cagr": seg.get("informal_required_cagr")}


def interactive(ctx: Context, *, max_monthly: int = 1_000_000, step: int = 25_000,
                lang: str = "en"):
    """ipywidgets controls that rerun :func:`what_if` and show the probabilities moving.

    Parameters
    ----------
    ctx : Context
        From :func:`forecast.results.national_context` (None: a sentence saying why not).
    max_monthly, step : int
        The enrolment slider's range and step (persons a month).
    lang : str
        Language of the labels and the line under them: "en" or "id".

    Returns
    -------
    ipywidgets.VBox
        Sliders for extra monthly enrolments and the investment return, a segment choice,
        and the probabilities, updated on every change.
    """
    words = WORDS[check_language(lang)]
    if ctx is None:
        return Note(words["not_available"])  # the sentence, not a quoted Python string
    _check_context(ctx)
    words = words_for(lang, ctx)  # the fund in the scheme's unit
    max_monthly, step = check_whole(max_monthly, "max_monthly"), check_whole(step, "step")
    try:
        # Imported here: only the interactive notebook needs the widgets.
        import ipywidgets as widgets
    except ImportError as exc:  # declared in pyproject; a partial install lands here
        raise ParameterError("interactive: needs the ipywidgets package "
                             "(pip install ipywidgets)") from exc
    base_r = ctx.fund_inputs.investment_return.value if ctx.fund_inputs is not None else 0.08
    # Labels in full (not cut to "extra / m…") and the return in percent as shown:
    # typing 12 means 12 % a year.
    # A slider's own readout writes numbers in English (850,000 and 8.67, which read as 850
    # and 867 in Indonesian): in another language the value is shown beside it as the
    # table writes it (850.000 and 8,67).
    own = lang == "en"
    wide = {"style": {"description_width": "initial"},
            "layout": widgets.Layout(width="32em"), "readout": own}
    enrol = widgets.IntSlider(value=0, min=0, max=max_monthly, step=step,
                              description=words["enrol"], continuous_update=False,
                              readout_format=",d", **wide)  # 400,000 as the table writes it
    # The segments by name ("Active informal (BPU)"), not by their ids (active_bpu).
    seg = widgets.Dropdown(options=[(METRIC[lang].get(m, m), m) for m in ENROLMENT_METRICS],
                           value="active_total", description=words["segment"],
                           style=wide["style"], layout=wide["layout"])
    ret = widgets.FloatSlider(value=round(100 * base_r, 2), min=0.0, max=15.0, step=0.25,
                              readout_format=".2f", description=words["return"],
                              continuous_update=False, **wide)
    out = widgets.HTML()
    picture = widgets.Image(format="png")
    baseline = whatif_chart.fans(ctx, None)

    def fmt(p):  # a probability as the legend below and the PDFs write it (<0.1 %)
        return words["na"] if p is None else html.escape(whatif_chart._pct(p, lang))

    def refresh(_=None):
        r = what_if(ctx, extra_monthly=enrol.value, segment=seg.value,
                    investment_return=ret.value / 100)
        scenario = _scenario(enrol.value, seg.value, ret.value / 100)
        fig = whatif_chart.chart(baseline, whatif_chart.fans(ctx, scenario)
                                 if scenario is not None else baseline, lang)
        picture.value = bytes(to_png(fig))
        informal = r["informal_required_cagr"]
        out.value = words["line"].format(
            workers=fmt(r["active_total"]), fund=fmt(r["fund_investment"]),
            both=fmt(r["joint"]),
            median=html.escape(_fund_amount(ctx, r["fund_median"], words, lang)
                               .replace(NBSP, " ")) if r["fund_median"] is not None
            else words["na"],
            informal=words["na"] if informal is None else percent(informal, lang))

    for w in (enrol, seg, ret):
        w.observe(refresh, names="value")
    refresh()
    if own:
        return widgets.VBox([enrol, seg, ret, out, picture])
    return widgets.VBox([_beside(widgets, enrol, "{:,d}", lang), seg,
                         _beside(widgets, ret, "{:.2f}", lang), out, picture])


def _fund_amount(ctx: Context, x: float, words: dict, lang: str) -> str:
    """The fund median as the tables write it: ``Rp1,013 trillion`` for the shipped
    rupiah, else in the scheme's unit (``1,013.4 THB billion``)."""
    if ctx.fund_inputs is None or ctx.fund_inputs.unit == "IDR_trillion":
        return rupiah(x, lang, whole=True)
    return f"{number(x, 1, lang)}{NBSP}{words['fund_investment'][1]}"


def _check_context(ctx) -> None:
    """Raise unless ``ctx`` is a context of :func:`forecast.run.national_context` (None, a
    data folder the what-if cannot move, is named so)."""
    if ctx is None:
        raise ParameterError("ctx: expected the context of forecast.run.national_context(panel), "
                             "found None (this data folder has none: the what-if moves the "
                             "shipped scheme's participants and fund)")
    if not isinstance(ctx, Context):
        raise ParameterError(f"ctx: expected the context of forecast.run.national_context("
                             f"panel), found {type(ctx).__name__} {escape(repr(ctx), 60)}")


def _beside(widgets, slider, form: str, lang: str):
    """``slider`` with its value written in ``lang`` beside it (``form`` as its readout
    would write it in English), kept up to date."""
    def written(value) -> str:
        return local_style(form.format(value), lang)

    shown = widgets.Label(written(slider.value))
    slider.observe(lambda change: setattr(shown, "value", written(change["new"])),
                   names="value")
    return widgets.HBox([slider, shown])


def _scenario(extra_monthly: float, segment: str, investment_return: float | None):
    """The what-if as a scenario (None when nothing is moved), as :func:`what_if` builds it."""
    adjustments: dict[str, Any] = {}
    check_what_if(extra_monthly, investment_return)
    check_segment(segment, ENROLMENT_METRICS)
    if extra_monthly:
        adjustments["extra_monthly_enrolments"] = {segment: float(extra_monthly)}
    if investment_return is not None:  # numpy's numbers as well (checked above)
        adjustments["investment_return"] = float(investment_return)
    if not adjustments:
        return None
    return parse_scenario({"name": "what-if (hypothetical)", "adjustments": adjustments},
                          "<what-if>")


#: The kind of each what-if table column (its heading is in :mod:`forecast.whatifwords`).
_WHAT_IF_KINDS = {"extra": "num", "p_workers": "prob", "p_fund": "prob", "p_both": "prob",
                  "fund_median": "num", "informal": "pct"}


def what_if_table(ctx: Context, extra_monthly: Sequence[float] = (0, 250_000, 500_000,
                                                                   1_000_000),
                  segment: str = "active_total", investment_return: float | None = None,
                  lang: str = "en"):
    """Probabilities for a few levels of extra monthly enrolments (a static what-if).

    The levels are hypothetical control settings, not data; the first, 0, is the baseline.
    Headed in ``lang`` ("en" or "id").

    Returns
    -------
    pandas.DataFrame or str
        One row per level: ``P(workers)``, ``P(fund)``, ``P(both)`` and the fund median;
        without a context (a data folder the what-if cannot move), the sentence why.
    """
    words = WORDS[check_language(lang)]
    if ctx is None:  # why there is none, a sentence as the tables give it (styled: a note),
        return words["not_available"]  # not a cell under an English "what-if" heading
    _check_context(ctx)
    words = words_for(lang, ctx)  # the fund median's heading in the scheme's unit
    rows = []
    for k in check_levels(extra_monthly, "extra_monthly"):
        r = what_if(ctx, extra_monthly=float(k), segment=segment,
                    investment_return=investment_return)
        rows.append({"extra": k, "segment": METRIC[lang].get(segment, segment),
                     "p_workers": r["active_total"], "p_fund": r["fund_investment"],
                     "p_both": r["joint"], "fund_median": r["fund_median"],
                     "informal": r["informal_required_cagr"]})
    return worded(pd.DataFrame(rows), lang,
                  extra={k: (kind, words[k]) for k, kind in _WHAT_IF_KINDS.items()})
