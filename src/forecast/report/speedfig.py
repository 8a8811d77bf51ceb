"""The speed-record figure of the summary's first page (issue 18): required growth of each
national target against every growth of the same length the data has seen, the record
marked (:func:`speed_chart`, :mod:`forecast.records`)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from ..chartaxis import set_value_axis
from ..chartfit import _cut
from ..plots import _figure, to_png
from .build import target_label

if TYPE_CHECKING:  # matplotlib is imported when a figure is drawn
    from matplotlib.figure import Figure

#: The figure's words in both languages.
SPEED_WORDS = {
    "en": {"title": "How fast has anyone gone?",
           "intro": "Each target's required growth (red) against every growth over a window "
                    "as long as the time left that any region or segment of the same kind "
                    "has achieved in the data (grey), the fastest marked (black diamond, "
                    "with who and when).",
           "required": "required for the target", "windows": "achieved in the data",
           "record": "fastest in the data", "axis": "% per year (compound)",
           "none": "no window this long in the data",
           "reached": "already reached: no red dot"},
    "id": {"title": "Seberapa cepat pertumbuhan tercepat?",
           "intro": "Pertumbuhan yang dibutuhkan setiap target (merah) dibandingkan setiap "
                    "pertumbuhan dalam jangka waktu yang sama dengan sisa waktu yang pernah "
                    "dicapai wilayah atau segmen sejenis dalam data (abu-abu); yang tercepat "
                    "ditandai (belah ketupat hitam, dengan siapa dan kapan).",
           "required": "dibutuhkan untuk target", "windows": "tercapai dalam data",
           "record": "tercepat dalam data", "axis": "% per tahun (majemuk)",
           "none": "tidak ada rentang sepanjang ini dalam data",
           "reached": "sudah tercapai: tanpa titik merah"},
}


def speed_rows(entries: list[dict], lang: str) -> list[dict]:
    """The chart's rows: targets with a required growth or windows to compare."""
    rows = []
    for e in entries:
        speed = e.get("speed")
        if not speed or (e.get("required_cagr") is None and not speed.get("window_cagrs")):
            continue
        rec = speed.get("record")
        label = target_label(e, lang)
        if not speed.get("window_cagrs"):  # only the red dot: say why there is nothing beside it
            label += f"\n({SPEED_WORDS[lang]['none']})"  # its own line: cut, it said "(tida…"
        elif e.get("required_growth") == "already_reached":  # grey dots only: why no red one
            label += f"\n({SPEED_WORDS[lang]['reached']})"
        rows.append({"label": label, "required_cagr": e.get("required_cagr"),
                     "window_cagrs": speed.get("window_cagrs") or [],
                     # A long name cut (its years kept): beside a diamond, the label
                     # crossed the plot's frame and the marks beside it.
                     "record_label": (f"{_cut(rec.get('region_name') or rec['region'], 28)} "
                                      f"{rec['start_date'][:4]}-"
                                      f"{rec['end_date'][:4]}" if rec else None)})
    return rows


def speed_figure(national: dict | None, lang: str, workdir: Path) -> dict | None:
    """Draw the figure into ``workdir`` and return what the template shows (None if no row).

    Returns
    -------
    dict or None
        ``{"file", "title", "intro"}``.
    """
    rows = speed_rows((national or {}).get("targets", []), lang)
    if not rows:
        return None
    w = SPEED_WORDS[lang]
    fig = speed_chart(rows, required_label=w["required"], windows_label=w["windows"],
                      record_label=w["record"], xlabel=w["axis"])
    set_value_axis(fig.axes[0].xaxis, lang)  # 2,5 in Indonesian, as the text writes it
    (workdir / "speed.png").write_bytes(to_png(fig))
    return {"file": "speed.png", "title": w["title"], "intro": w["intro"]}


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
    _inside(fig, ax)
    return fig


def _inside(fig: "Figure", ax) -> None:
    """Each who-and-when label kept within the plot: one that would run past its right
    edge (a record near it) goes left of its diamond instead; it crossed the frame."""
    labels = [t for t in ax.texts if getattr(t, "xyann", None) is not None]
    if not labels:
        return
    # Measured only: a collapsed layout is chartfit's to mend, a missing glyph its to name
    # (forecast.glyphs), when the PNG is drawn; nothing is said twice on stderr here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig.draw_without_rendering()  # the layout set, as the PNG will have it
        renderer = fig._get_renderer()
        box = ax.get_window_extent(renderer)
        for t in labels:
            ext = t.get_window_extent(renderer)
            if ext.x1 > box.x1 and ax.transData.transform(t.xy)[0] - box.x0 > box.x1 - ext.x0:
                t.set_horizontalalignment("right")
                t.xyann = (-6, 4)
