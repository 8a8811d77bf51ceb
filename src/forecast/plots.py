"""Matplotlib figures built from a results.json target entry. Each returns a ``Figure``.

Figures read only the results.json object, so a notebook, a PDF and a test draw the same
picture from the same numbers. ``fan_chart_png`` and ``growth_chart_png`` give the same
pictures as PNG bytes, rendered once per process for the notebook and the saved files.
"""

from __future__ import annotations

import contextvars
import json
from collections import OrderedDict
from typing import TYPE_CHECKING, Callable

import pandas as pd

from .chartaxis import axis_scale, growth_axis, set_value_axis, widen_share_axis  # noqa: F401
from .chartfit import keep_end, localised, png_bytes  # noqa: F401 (localised: re-exported)
from .fiscal import CALENDAR, axis_words, shift_days, to_internal
from .fonts import use_in_charts
from .params import check_language
from .series import decimal_year
from .textnum import pace_from, pace_to, recent_years, scaled_label

if TYPE_CHECKING:  # matplotlib is heavy: imported only when a figure is drawn
    from matplotlib.figure import Figure

#: Chart words in each report language.
_WORDS = {
    "en": {"persons": "million persons", "IDR_trillion": "Rp trillion", "percent": "percent",
           "observed": "observed (year-end)", "sub_annual": "sub-annual readings",
           "implied": "implied by {n} (the last reading's base)", "readings": "readings",
           "ytd": "year-to-date readings",
           "band": "10-90 % band", "median": "median projection", "target": "target",
           "x": "end of year", "title": "{metric}: chance of the target by {year}: {p}",
           "growth_title": "Growth required vs achieved", "by": "by",
           "required": "required from last observation",
           "achieved": "achieved, whole history", "achieved_3y": "achieved, recent years",
           "no_recent": "n/a: no reading 2-4 years back",
           "growth_x": "% per year (compound)"},
    "id": {"persons": "juta orang", "IDR_trillion": "Rp triliun", "percent": "persen",
           "observed": "teramati (akhir tahun)", "sub_annual": "pembacaan dalam tahun",
           "implied": "tersirat dari {n} (basis pembacaan terakhir)", "readings": "pembacaan",
           "ytd": "pembacaan tahun berjalan",
           "band": "rentang 10-90 %", "median": "proyeksi median", "target": "target",
           "x": "akhir tahun", "title": "{metric}: peluang target pada {year}: {p}",
           "growth_title": "Pertumbuhan yang dibutuhkan dibandingkan yang tercapai", "by": "pada",
           "required": "dibutuhkan dari pengamatan terakhir",
           "achieved": "tercapai, seluruh riwayat", "achieved_3y": "tercapai, tahun terakhir",
           "no_recent": "t/a: tidak ada pembacaan 2-4 tahun sebelumnya",
           "growth_x": "% per tahun (majemuk)"},
}


def _figure(width: float = 7.0, height: float = 4.0) -> "Figure":
    # matplotlib is imported when a figure is drawn: importing the package stays fast.
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure  # after use("Agg"): no GUI backend is loaded

    use_in_charts()  # Thai and Khmer names print: forecast.fonts

    return Figure(figsize=(width, height), dpi=110, layout="constrained")


class PNG(bytes):
    """PNG image bytes, which Jupyter displays as the image (``_repr_png_``)."""

    def _repr_png_(self) -> bytes:
        return bytes(self)


def to_png(fig: "Figure") -> PNG:
    """The figure as PNG, without software or date metadata: same figure, same bytes."""
    from matplotlib.text import Text  # matplotlib is loaded: the figure exists

    # Titles, labels and legends carry the data's words (a scheme's metric label, a region
    # name): a '$' in them is a dollar, never mathtext ('$\\x$' raised at savefig).
    for text in fig.findobj(Text):
        text.set_parse_math(False)
    return PNG(png_bytes(fig))  # a 200-character name is cut if the plot has no room


#: Charts already rendered in this process, by what they were drawn from (newest last).
_RENDERED: "OrderedDict[tuple, PNG]" = OrderedDict()
_MAX_RENDERED = 32


def _rendered(key: tuple, draw: Callable[[], "Figure"]) -> PNG:
    key = key[:-1] + (json.dumps(key[-1], sort_keys=True, default=str),)
    png = _RENDERED.get(key)
    if png is None:
        png = _RENDERED[key] = to_png(draw())
        while len(_RENDERED) > _MAX_RENDERED:
            _RENDERED.popitem(last=False)
    return png


def fan_chart_png(entry: dict, *, lang: str = "en", scheme: dict | None = None) -> PNG:
    """:func:`fan_chart` as PNG, drawn once per distinct target entry, language and scheme
    (results.json ``scheme``: its unit and metric words; None: the shipped ones).

    The region notebook shows its charts and :func:`forecast.results.write_run` then saves
    them: both take the same rendering (about 0.15 s a chart) instead of drawing twice.
    """
    return _rendered(("fan", lang, json.dumps(scheme, sort_keys=True), entry),
                     lambda: drawn_in_scheme(scheme, lambda: fan_chart(entry, lang=lang)))


def drawn_in_scheme(scheme: dict | None, draw: Callable[[], "Figure"]) -> "Figure":
    """``draw()`` with ``scheme``'s words in use, in a copied context (nothing leaks out)."""
    if scheme is None:
        return draw()
    # forecast.report imports this module: its words are imported when a chart is drawn.
    from .report.words import set_scheme

    def run():
        set_scheme(scheme)
        return draw()
    return contextvars.copy_context().run(run)


def growth_chart_png(entries: list[dict], *, lang: str = "en",
                     scheme: dict | None = None) -> PNG:
    """:func:`growth_chart` as PNG, drawn once per distinct list of entries and language,
    and in ``scheme`` (results.json ``scheme``) where its years are fiscal years."""
    year_end = (scheme or {}).get("year_end")
    if not year_end:  # calendar years: the chart as it always was
        return _rendered(("growth", lang, entries), lambda: growth_chart(entries, lang=lang))
    return _rendered(("growth", lang, json.dumps(scheme, sort_keys=True), entries),
                     lambda: drawn_in_scheme(scheme, lambda: growth_chart(entries, lang=lang)))


def chart_file(name: str, lang: str = "en") -> str:
    """File name of a saved chart in ``lang``: English keeps the plain name.

    A run's charts are in its language; the name says which, so a report in that
    language reuses them and one in another language draws its own.

    Examples
    --------
    >>> chart_file("growth"), chart_file("fan_active_total_2026", "id")
    ('growth.png', 'fan_active_total_2026.id.png')
    """
    return f"{name}.png" if lang == "en" else f"{name}.{lang}.png"


def fan_file(entry: dict, lang: str = "en") -> str:
    """File name of a target's saved fan chart (metric id and year only, nothing else
    from data, so no path can leave the output folder)."""
    return chart_file(f"fan_{entry['metric']}_{entry['target_date'][:4]}", lang)


def _report_words():
    # forecast.report imports this module (render draws the charts), so its word and
    # number modules are imported when a chart is drawn, not when this module loads.
    from .report import i18n, numbers

    return i18n, numbers


def fan_points(entry: dict, year_end: str = CALENDAR) -> dict:
    """What :func:`fan_chart` draws, in the entry's own units: x as decimal years at the
    true dates (December 31 of year Y is Y.0; the fiscal year-end ``year_end`` of year Y
    is Y.0 for a scheme with fiscal years), and the band on the target date taken from
    the entry itself (``p10``/``p50``/``p90``), so the chart and the table show the same
    band. The fan stops at the first year-end past the target date.

    Returns
    -------
    dict
        ``history`` and ``sub_annual`` ([(x, value)]), ``band`` ([(x, p10, p50, p90)]),
        ``target`` ((x, value)) and ``xlim``.
    """
    days = shift_days(year_end)  # results.json is on the calendar, the fan in fiscal time

    def _decimal(date: str) -> float:
        return decimal_year(to_internal(pd.Timestamp(date), days))

    history = entry["history"] or [entry["last_observed"]]
    hist = [(_decimal(h["date"]), h["value"]) for h in history]
    last = entry["last_observed"]
    last_x = _decimal(last["date"])
    tx = _decimal(entry["target_date"])
    band = [(last_x, last["value"], last["value"], last["value"])]
    # A step's true position ('t'): after a March reading the steps are in March, and
    # their 'year' is the calendar year (older results.json: 'year' only, year-ends).
    for f in entry["fan"]:
        x = float(f.get("t", f["year"]))
        if last_x < x < tx:
            band.append((x, f["p10"], f["p50"], f["p90"]))
    at_target = next((f for f in entry["fan"] if float(f.get("t", f["year"])) == tx), {})
    # The table's band on the target date (the fan's year-end as a fallback).
    band.append((tx, entry.get("p10", at_target.get("p10")),
                 entry.get("median", at_target.get("p50")),
                 entry.get("p90", at_target.get("p90"))))
    after = [f for f in entry["fan"] if float(f.get("t", f["year"])) > tx]
    if after and tx != float(int(tx)):  # a mid-year target: the band runs to that year-end
        f = after[0]
        band.append((float(f.get("t", f["year"])), f["p10"], f["p50"], f["p90"]))
    sub = [(_decimal(s["date"]), s["value"]) for s in entry.get("sub_annual") or []]
    xs = [x for x, _ in hist] + [x for x, _ in sub]
    right = max(tx, band[-1][0])
    return {"history": hist, "sub_annual": sub, "band": band,
            "target": (tx, entry["target_value"]),
            "xlim": (min(xs + [last_x]) - 0.5, right + 0.6)}


def fan_chart(entry: dict, *, title: str | None = None, lang: str = "en") -> "Figure":
    """History and sub-annual readings at their true dates, the projected 10-90 % band and
    median up to a little after the target date, and the target.

    Parameters
    ----------
    entry : dict
        One item of ``results["targets"]``.
    title : str, optional
        Figure title; default names the metric in words and gives the probability as the
        tables do (``<0.1 %``, never ``0 %``).
    lang : {"en", "id"}
        Language of the axis labels, legend and title.
    """
    i18n, numbers = _report_words()
    from .report.words import scheme_metric  # the report imports plots: load it late

    words = _WORDS[check_language(lang)]  # 'fr' from a notebook: one line, no KeyError
    year_end = _scheme_year_end()
    pts = fan_points(entry, year_end)
    scale, ylabel = _axis(entry["unit"], lang, numbers,
                          [v for _, v in pts["history"]] + [b[3] for b in pts["band"]])
    fig = _figure()
    ax = fig.add_subplot()
    # Coverage moved with its count: the year-ends are the count's, carried back from the
    # last reading (forecast.coveragerun), never observed as such; the crosses are readings.
    count = ((entry.get("data_quality") or {}).get("coverage") or {}).get("numerator_labels")
    line, crosses = ((words["implied"].format(n=i18n.lower_first(count.get(lang) or
                                                                    count["en"])),
                      words["readings"])
                     if count and (entry.get("coverage_basis") or {}).get("implied_points", 1)
                     else (words["observed"], words["ytd"]
                           if scheme_metric(entry["metric"]).get("flow")
                           else words["sub_annual"]))  # a flow's: sums from January
    ax.plot([x for x, _ in pts["history"]], [v / scale for _, v in pts["history"]], "o-",
            color="#1f3b73", lw=2, ms=4, label=line)
    if pts["sub_annual"]:
        ax.plot([x for x, _ in pts["sub_annual"]], [v / scale for _, v in pts["sub_annual"]],
                "x", color="#6b7fa8", ms=5, label=crosses)
    bx = [b[0] for b in pts["band"]]
    ax.fill_between(bx, [b[1] / scale for b in pts["band"]],
                    [b[3] / scale for b in pts["band"]], color="#f2a541", alpha=0.35, lw=0,
                    label=words["band"])
    ax.plot(bx, [b[2] / scale for b in pts["band"]], "--", color="#c0601a", lw=2,
            label=words["median"])
    tx, tv = pts["target"]
    ty = tv / scale
    ax.axhline(ty, color="#b22222", lw=1, ls=":")
    ax.plot([tx], [ty], marker="*", ms=14, color="#b22222", ls="none",
            # The target table's decimals (12.90 million beside a 12.88 million median).
            label=f"{words['target']}: "
                  f"{numbers.value(tv, entry['unit'], lang, extra=numbers.entry_extra(entry))}")
    ax.set_ylabel(ylabel)
    if entry["unit"] == "percent" or (numbers.scheme_unit(entry["unit"]) or {}).get("max") == 100:
        widen_share_axis(ax)  # a share: no cliff drawn from a hundredth of a point
    set_value_axis(ax.yaxis, lang)  # 1,000 / 1.000 as the text writes it; no "1e6" over it
    ax.set_xlabel(axis_words(year_end, lang) or words["x"])
    ax.set_xlim(*pts["xlim"])
    ax.xaxis.set_major_locator(_integer_locator())
    ax.grid(alpha=0.3)
    # Below the axes: at the upper left, the target's dotted line ran through the legend's
    # words whenever the target was at the top of the chart (70 million, 99.5 %), and a
    # series that starts high (a fall) had its early readings there.
    fig.legend(loc="outside lower center", fontsize=8, frameon=False, ncols=3)
    prob = numbers.probability(entry["probability"], lang).replace("\u00a0", " ")
    name = i18n.metric_name(entry["metric"], lang)
    head = ax.set_title(title or words["title"].format(metric=name,
                                                       year=entry["target_date"][:4], p=prob),
                        fontsize=11, loc="left")
    if not title:  # a long metric name is cut, never the year and probability after it
        keep_end(head, len(head.get_text()) - len(name))
    return localised(fig, lang)


def _axis(unit: str, lang: str, numbers, values=()) -> tuple[float, str]:
    """Scale and axis label of ``unit`` (:func:`forecast.chartaxis.axis_scale`)."""
    return axis_scale(unit, lang, numbers, _WORDS[lang], values)


def growth_chart(entries: list[dict], *, title: str | None = None,
                 lang: str = "en") -> "Figure":
    """Bars of required CAGR against historical CAGR (whole history and recent, the years
    each spans beside its bar).

    Parameters
    ----------
    entries : list of dict
        Items of ``results["targets"]``.
    title : str, optional
        Figure title; default "Growth required vs achieved" in ``lang``.
    lang : {"en", "id"}
        Language of the labels, legend and title.
    """
    words = _WORDS[check_language(lang)]  # 'fr' from a notebook: one line, no KeyError
    fig = _figure(7.0, 1.4 + 0.7 * max(len(entries), 1))
    ax = fig.add_subplot()
    i18n, _ = _report_words()
    labels = [f"{i18n.metric_name(e['metric'], lang)} {words['by']} {e['target_date'][:4]}"
              for e in entries]
    y = range(len(entries))
    h = 0.26
    ax.barh([i - h for i in y], [100 * (e["required_cagr"] or 0) for e in entries], h,
            color="#b22222", label=words["required"])
    ax.barh(list(y), [100 * (e["historical_cagr"] or 0) for e in entries], h,
            color="#1f3b73", label=words["achieved"])
    ax.barh([i + h for i in y], [100 * (e["historical_cagr_3y"] or 0) for e in entries], h,
            color="#6b7fa8", label=words["achieved_3y"])
    # The years each achieved bar spans (the recent one starts at the reading nearest 3
    # years back, forecast.targets.recent_base), or why there is no recent bar.
    for i, e in enumerate(entries):
        last = pace_to(e)  # the year-end the growth is measured to (a fiscal year's, if so)
        first = pace_from(e)
        since = recent_years(e, last)
        for dy, rate, text in ((0.0, e["historical_cagr"], f"{first}-{last}" if first else ""),
                               (h, e["historical_cagr_3y"],
                                f"{since}-{last}" if since else words["no_recent"])):
            if text:
                ax.annotate(text, (max(100 * (rate or 0), 0), i + dy), xytext=(3, 0),
                            textcoords="offset points", va="center", fontsize=7)
    lo, hi = ax.get_xlim()
    ax.set_xlim(lo, hi + 0.25 * (hi - lo))  # room for the years beside the bars
    ax.set_yticks(list(y), labels)
    ax.invert_yaxis()
    ax.set_xlabel(words["growth_x"])
    set_value_axis(ax.xaxis, lang)
    ax.axvline(0, color="black", lw=0.8)
    ax.grid(axis="x", alpha=0.3)
    # Below the axes, never over the bars, in the figure's own bottom margin: centred on
    # the figure, not on axes a long metric name has narrowed (it ran past the right edge).
    fig.legend(fontsize=8, frameon=False, loc="outside lower center", ncols=2)
    ax.set_title(words["growth_title"] if title is None else title, fontsize=11, loc="left")
    return localised(fig, lang)


def _scheme_year_end() -> str:
    """The year-end of the scheme in use (:func:`drawn_in_scheme`), "12-31" for none."""
    from .report.words import _SCHEME  # words.py is at its line limit: its variable, read

    return (_SCHEME.get() or {}).get("year_end") or CALENDAR


def _integer_locator():
    # matplotlib on first use, as in _figure.
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def growth_by_region(rows: list[dict], *, title: str = "Growth required vs achieved",
                     required_label: str = "required from the last observation",
                     achieved_label: str = "achieved over the history",
                     xlabel: str = "% per year (compound)",
                     xlim: tuple[float, float] | None = None, lang: str = "en") -> "Figure":
    """Required against historical growth, one line per region's target (the run summary).

    Parameters
    ----------
    rows : list of dict
        Each with ``label`` (text shown literally, never parsed as math), ``required_cagr``
        and ``historical_cagr`` (fractions per year; None is left out).
    title, required_label, achieved_label, xlabel : str
        Texts, so the report can draw the chart in its own language.
    xlim : (float, float), optional
        The growth axis (% per year), shared by charts cut from one list; default
        :func:`growth_axis` of the rows.
    lang : {"en", "id"}
        How the axis and an edge value's number are written (3,000 % / 3.000 %).
    """
    n = max(len(rows), 1)
    fig = _figure(7.0, 1.2 + 0.26 * n)
    ax = fig.add_subplot()
    y = list(range(len(rows)))
    req = [None if r["required_cagr"] is None else 100 * r["required_cagr"] for r in rows]
    hist = [None if r["historical_cagr"] is None else 100 * r["historical_cagr"] for r in rows]
    lo, hi = xlim or growth_axis([v for v in hist + req if v is not None])
    # A value past the axis (one region's 3,000 %) sits on the edge as an open marker
    # with its number, so it does not squeeze every other region into a sliver.
    clipped = {}
    for name, vals in (("hist", hist), ("req", req)):
        for i, v in enumerate(vals):
            if v is not None and not lo <= v <= hi:
                clipped[(name, i)] = v
                vals[i] = min(max(v, lo), hi)
    for i, (a, b) in enumerate(zip(hist, req)):
        if a is not None and b is not None:
            ax.plot([a, b], [i, i], color="#9aa5b8", lw=1.5, zorder=1)
    for (name, i), v in clipped.items():
        x = lo if v < lo else hi
        ax.annotate(f"{_report_words()[1].number(v, 0, lang)} %", (x, i), xytext=(-4 if x == hi else 4, 4),
                    textcoords="offset points", fontsize=7,
                    ha="right" if x == hi else "left", annotation_clip=False)
    ax.scatter([v for v in hist if v is not None], [i for i, v in zip(y, hist) if v is not None],
               color="#1f3b73", s=28, zorder=2, label=achieved_label)
    ax.scatter([v for v in req if v is not None], [i for i, v in zip(y, req) if v is not None],
               color="#b22222", s=28, zorder=3, label=required_label)
    # Labels come from data (region names): shown as typed, never as mathtext.
    ax.set_yticks(y, [r["label"] for r in rows], parse_math=False, fontsize=8)
    ax.set_ylim(len(rows) - 0.5, -0.5)  # first row on top
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlim(lo, hi)
    set_value_axis(ax.xaxis, lang)
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", alpha=0.3)
    # The legend in the figure's own top margin (constrained layout keeps room for it).
    fig.legend(fontsize=8, frameon=False, loc="outside upper center", ncols=2)
    if title:
        ax.set_title(title, fontsize=11, loc="left")
    return fig
