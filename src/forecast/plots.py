"""Matplotlib figures built from a results.json target entry. Each returns a ``Figure``.

Figures read only the results.json object, so a notebook, a PDF and a test draw the same
picture from the same numbers. ``fan_chart_png`` and ``growth_chart_png`` give the same
pictures as PNG bytes, rendered once per process for the notebook and the saved files.
"""

from __future__ import annotations

import io
import json
from collections import OrderedDict
from typing import TYPE_CHECKING, Callable

from .series import decimal_year

if TYPE_CHECKING:  # matplotlib is heavy: imported only when a figure is drawn
    from matplotlib.figure import Figure

_SCALE = {"persons": 1e6, "IDR_trillion": 1.0, "percent": 1.0}
#: Chart words in each report language.
_WORDS = {
    "en": {"persons": "million persons", "IDR_trillion": "IDR trillion", "percent": "percent",
           "observed": "observed (year-end)", "sub_annual": "sub-annual readings",
           "band": "10-90 % band", "median": "median projection", "target": "target",
           "x": "end of year", "title": "{metric}: P(target by {year}) = {p}",
           "growth_title": "Growth required vs achieved", "by": "by",
           "required": "required from last observation",
           "achieved": "achieved, whole history", "achieved_3y": "achieved, last 3 years",
           "growth_x": "% per year (compound)"},
    "id": {"persons": "juta orang", "IDR_trillion": "Rp triliun", "percent": "persen",
           "observed": "teramati (akhir tahun)", "sub_annual": "pembacaan dalam tahun",
           "band": "rentang 10-90 %", "median": "proyeksi median", "target": "target",
           "x": "akhir tahun", "title": "{metric}: P(target pada {year}) = {p}",
           "growth_title": "Pertumbuhan yang dibutuhkan vs yang tercapai", "by": "pada",
           "required": "dibutuhkan dari pengamatan terakhir",
           "achieved": "tercapai, seluruh riwayat", "achieved_3y": "tercapai, 3 tahun terakhir",
           "growth_x": "% per tahun (majemuk)"},
}


def _figure(width: float = 7.0, height: float = 4.0) -> "Figure":
    # matplotlib is imported when a figure is drawn: importing the package stays fast.
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure  # after use("Agg"): no GUI backend is loaded

    return Figure(figsize=(width, height), dpi=110, layout="constrained")


class PNG(bytes):
    """PNG image bytes, which Jupyter displays as the image (``_repr_png_``)."""

    def _repr_png_(self) -> bytes:
        return bytes(self)


def to_png(fig: "Figure") -> PNG:
    """The figure as PNG, without software or date metadata: same figure, same bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return PNG(buffer.getvalue())


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


def fan_chart_png(entry: dict, *, lang: str = "en") -> PNG:
    """:func:`fan_chart` as PNG, drawn once per distinct target entry and language.

    The region notebook shows its charts and :func:`forecast.results.write_run` then saves
    them: both take the same rendering (about 0.15 s a chart) instead of drawing twice.
    """
    return _rendered(("fan", lang, entry), lambda: fan_chart(entry, lang=lang))


def growth_chart_png(entries: list[dict], *, lang: str = "en") -> PNG:
    """:func:`growth_chart` as PNG, drawn once per distinct list of entries and language."""
    return _rendered(("growth", lang, entries), lambda: growth_chart(entries, lang=lang))


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


def fan_chart(entry: dict, *, title: str | None = None, lang: str = "en") -> "Figure":
    """History, sub-annual readings, the projected 10-90 % band and median, and the target.

    Parameters
    ----------
    entry : dict
        One item of ``results["targets"]``.
    title : str, optional
        Figure title; default names the metric and the target.
    lang : {"en", "id"}
        Language of the axis labels, legend and title.
    """
    words = _WORDS[lang]
    scale = _SCALE.get(entry["unit"], 1.0)
    fig = _figure()
    ax = fig.add_subplot()
    # A pooled region may have no year-end point: its last reading anchors the chart.
    history = entry["history"] or [entry["last_observed"]]
    hist_x = [int(h["date"][:4]) for h in history]
    hist_y = [h["value"] / scale for h in history]
    ax.plot(hist_x, hist_y, "o-", color="#1f3b73", lw=2, ms=4, label=words["observed"])
    if entry.get("sub_annual"):
        sx = [_decimal(s["date"]) for s in entry["sub_annual"]]
        sy = [s["value"] / scale for s in entry["sub_annual"]]
        ax.plot(sx, sy, "x", color="#6b7fa8", ms=5, label=words["sub_annual"])
    fan = entry["fan"]
    fx = [hist_x[-1]] + [f["year"] for f in fan]
    lo = [hist_y[-1]] + [f["p10"] / scale for f in fan]
    hi = [hist_y[-1]] + [f["p90"] / scale for f in fan]
    med = [hist_y[-1]] + [f["p50"] / scale for f in fan]
    ax.fill_between(fx, lo, hi, color="#f2a541", alpha=0.35, lw=0, label=words["band"])
    ax.plot(fx, med, "--", color="#c0601a", lw=2, label=words["median"])
    ty = entry["target_value"] / scale
    tx = int(entry["target_date"][:4])
    ax.axhline(ty, color="#b22222", lw=1, ls=":")
    shown = f"{ty:,.4g}" if lang == "en" else \
        f"{ty:,.4g}".replace(",", "_").replace(".", ",").replace("_", ".")
    ax.plot([tx], [ty], marker="*", ms=14, color="#b22222", ls="none",
            label=f"{words['target']} {tx}: {shown}")
    ax.set_ylabel(words.get(entry["unit"], entry["unit"]))
    ax.set_xlabel(words["x"])
    ax.set_xlim(min(hist_x) - 0.5, max(fx) + 0.5)
    ax.xaxis.set_major_locator(_integer_locator())
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    prob = f"{entry['probability']:.0%}"
    ax.set_title(title or words["title"].format(metric=entry["metric"],
                                                year=entry["target_date"][:4], p=prob),
                 fontsize=11, loc="left")
    return fig


def growth_chart(entries: list[dict], *, title: str | None = None,
                 lang: str = "en") -> "Figure":
    """Bars of required CAGR against historical CAGR (whole history and last 3 years).

    Parameters
    ----------
    entries : list of dict
        Items of ``results["targets"]``.
    title : str, optional
        Figure title; default "Growth required vs achieved" in ``lang``.
    lang : {"en", "id"}
        Language of the labels, legend and title.
    """
    words = _WORDS[lang]
    fig = _figure(7.0, 0.9 + 0.7 * max(len(entries), 1))
    ax = fig.add_subplot()
    labels = [f"{e['metric']} {words['by']} {e['target_date'][:4]}" for e in entries]
    y = range(len(entries))
    h = 0.26
    ax.barh([i - h for i in y], [100 * (e["required_cagr"] or 0) for e in entries], h,
            color="#b22222", label=words["required"])
    ax.barh(list(y), [100 * (e["historical_cagr"] or 0) for e in entries], h,
            color="#1f3b73", label=words["achieved"])
    ax.barh([i + h for i in y], [100 * (e["historical_cagr_3y"] or 0) for e in entries], h,
            color="#6b7fa8", label=words["achieved_3y"])
    ax.set_yticks(list(y), labels)
    ax.invert_yaxis()
    ax.set_xlabel(words["growth_x"])
    ax.axvline(0, color="black", lw=0.8)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    ax.set_title(words["growth_title"] if title is None else title, fontsize=11, loc="left")
    return fig


def _decimal(date: str) -> float:
    return decimal_year(date)


def _integer_locator():
    # matplotlib on first use, as in _figure.
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def growth_by_region(rows: list[dict], *, title: str = "Growth required vs achieved",
                     required_label: str = "required from the last observation",
                     achieved_label: str = "achieved over the history",
                     xlabel: str = "% per year (compound)") -> "Figure":
    """Required against historical growth, one line per region's target (the run summary).

    Parameters
    ----------
    rows : list of dict
        Each with ``label`` (text shown literally, never parsed as math), ``required_cagr``
        and ``historical_cagr`` (fractions per year; None is left out).
    title, required_label, achieved_label, xlabel : str
        Texts, so the report can draw the chart in its own language.
    """
    n = max(len(rows), 1)
    fig = _figure(7.0, 1.2 + 0.26 * n)
    ax = fig.add_subplot()
    y = list(range(len(rows)))
    req = [None if r["required_cagr"] is None else 100 * r["required_cagr"] for r in rows]
    hist = [None if r["historical_cagr"] is None else 100 * r["historical_cagr"] for r in rows]
    for i, (a, b) in enumerate(zip(hist, req)):
        if a is not None and b is not None:
            ax.plot([a, b], [i, i], color="#9aa5b8", lw=1.5, zorder=1)
    ax.scatter([v for v in hist if v is not None], [i for i, v in zip(y, hist) if v is not None],
               color="#1f3b73", s=28, zorder=2, label=achieved_label)
    ax.scatter([v for v in req if v is not None], [i for i, v in zip(y, req) if v is not None],
               color="#b22222", s=28, zorder=3, label=required_label)
    # Labels come from data (region names): shown as typed, never as mathtext.
    ax.set_yticks(y, [r["label"] for r in rows], parse_math=False, fontsize=8)
    ax.set_ylim(len(rows) - 0.5, -0.5)  # first row on top
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              ncols=2)
    if title:
        ax.set_title(title, fontsize=11, loc="left", pad=22)
    return fig


def speed_chart(rows: list[dict], *, required_label: str = "required",
                windows_label: str = "achieved in the data (each window)",
                record_label: str = "record", xlabel: str = "% per year (compound)",
                title: str = "") -> "Figure":
    """Required growth against the growth achieved in the data, the record marked.

    One line per target: a grey dot for every window of the same length in the data
    (:mod:`forecast.records`), the record as a black diamond labelled with who and when,
    the required growth in red.

    Parameters
    ----------
    rows : list of dict
        ``label`` (shown literally), ``required_cagr`` (or None), ``window_cagrs`` (list),
        ``record_label`` (text beside the record, or None).
    """
    n = max(len(rows), 1)
    fig = _figure(7.0, 1.3 + 0.34 * n)
    ax = fig.add_subplot()
    shown = set()

    def once(label: str) -> str | None:
        # One legend entry per kind of mark, however many rows draw it.
        if label in shown:
            return None
        shown.add(label)
        return label

    for i, r in enumerate(rows):
        cagrs = [100 * c for c in r.get("window_cagrs") or []]
        if cagrs:
            ax.scatter(cagrs, [i] * len(cagrs), color="#9aa5b8", s=14, zorder=1,
                       label=once(windows_label))
            ax.scatter([max(cagrs)], [i], marker="D", color="black", s=34, zorder=3,
                       label=once(record_label))
            if r.get("record_label"):
                ax.annotate(r["record_label"], (max(cagrs), i), xytext=(6, 4),
                            textcoords="offset points", fontsize=7, color="black")
        if r.get("required_cagr") is not None:
            ax.scatter([100 * r["required_cagr"]], [i], color="#b22222", s=34, zorder=4,
                       label=once(required_label))
    ax.set_yticks(range(len(rows)), [r["label"] for r in rows], parse_math=False, fontsize=8)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    lo, hi = ax.get_xlim()
    ax.set_xlim(lo, hi + 0.3 * (hi - lo))  # room for the record's who-and-when label
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", alpha=0.3)
    # Above the plot, across the figure: the three marks' names are wider than the axes.
    fig.legend(fontsize=8, frameon=False, loc="outside upper center", ncols=3)
    if title:
        ax.set_title(title, fontsize=11, loc="left", pad=22)
    return fig
