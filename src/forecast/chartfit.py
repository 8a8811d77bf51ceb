"""A chart's words shortened until its plot has room: the PNG bytes of a figure.

A region name, metric or unit label may be 200 characters long (:mod:`forecast.textsafe`);
as a tick label, an annotation or a title it left the plot no room, and matplotlib drew
the axes collapsed with a warning on stderr. :func:`png_bytes` draws the figure as it is,
and only if its layout collapses or a long line of text runs past the image's edge cuts
the longest lines of its text (60, 40, then 25 characters, with an ellipsis) and draws it
again. :func:`outside` names each text past the figure's edge (the check, and the tests'
measure). The PDFs' tables print the names whole. :func:`localised` writes the ticks'
numbers in the chart's language (32,5 in Indonesian); :func:`left_to_right` lays a line
holding an Arabic or Hebrew name out left to right, as the sentences around it read.
"""

from __future__ import annotations

import io
import unicodedata
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a figure is drawn
    from matplotlib.figure import Figure

#: The longest line a chart keeps, tried in turn while its layout collapses (None: all).
LIMITS = (None, 60, 40, 25)
_COLLAPSED = "constrained_layout not applied"


def png_bytes(fig: "Figure") -> bytes:
    """``fig`` as PNG, its longest lines of text cut until the layout has room."""
    left_to_right(fig)
    for limit in LIMITS:
        shorten(fig, limit)
        buffer = io.BytesIO()
        with warnings.catch_warnings():  # one per character the font lacks: forecast.glyphs
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")  # names it
            # Collapsed: try shorter lines; at the last limit, draw it as it comes.
            warnings.filterwarnings("error" if limit != LIMITS[-1] else "ignore",
                                    message=_COLLAPSED)
            try:
                fig.savefig(buffer, format="png", metadata={"Software": None})
            except UserWarning as exc:
                if _COLLAPSED not in str(exc):
                    raise
                continue
            if limit == LIMITS[-1] or not _overflows(fig):
                return buffer.getvalue()
    raise AssertionError("unreachable: the last limit never raises")  # pragma: no cover


def drawn_texts(fig: "Figure") -> list:
    """The figure's texts as last drawn: visible, not empty, and of the tick labels only
    those of ticks inside their axis's view (matplotlib keeps labels of ticks past the
    limits, not drawn, at positions outside the image)."""
    from matplotlib.text import Text  # matplotlib is loaded: the figure exists

    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            pad = 1e-9 * max(abs(lo), abs(hi), 1.0)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not lo - pad <= tick.get_loc() <= hi + pad:
                    hidden.update(map(id, (tick.label1, tick.label2)))
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()
            and id(t) not in hidden]


def outside(fig: "Figure") -> list[tuple[str, tuple]]:
    """Each drawn text (title, label, legend entry, annotation) that runs past an edge of
    the figure as last drawn, with its extent in pixels: what a reader sees clipped."""
    renderer = fig._get_renderer()  # the figure drawn just before: its layout is set
    width, height = fig.bbox.width, fig.bbox.height
    found = []
    for text in drawn_texts(fig):
        box = text.get_window_extent(renderer)
        if box.x0 < -1 or box.y0 < -1 or box.x1 > width + 1 or box.y1 > height + 1:
            found.append((text.get_text(), tuple(round(v) for v in box.extents)))
    return found


def _overflows(fig: "Figure") -> bool:
    """Whether a text runs past an edge of the image (a long tick label or legend entry
    the layout left outside), so that shorter lines are tried."""
    return bool(outside(fig))


#: A text whose gid starts with this keeps its last N characters whole when it is cut
#: (``keep-end:34``): a title's probability after a long metric name.
KEEP_END = "keep-end:"


def keep_end(text, n: int) -> None:
    """Mark ``text`` (a matplotlib Text) so that a cut keeps its last ``n`` characters."""
    text.set_gid(f"{KEEP_END}{int(n)}")


def _cut(text: str, limit: int, tail: int = 0) -> str:
    """Lines longer than ``limit`` cut with an ellipsis, the last ``tail`` characters kept."""
    tail = min(tail, max(limit - 2, 0))
    return "\n".join(line if len(line) <= limit else
                     line[:limit - 1 - tail] + "\u2026" + (line[-tail:] if tail else "")
                     for line in str(text).split("\n"))


def shorten(fig: "Figure", limit: int | None) -> None:
    """Cut every line of ``fig``'s text longer than ``limit`` characters (None: none).

    Tick labels are cut in their formatter: matplotlib makes the tick texts anew from it
    at each draw.
    """
    if limit is None:
        return
    from matplotlib.text import Text  # matplotlib is loaded: the figure exists
    from matplotlib.ticker import FixedFormatter, FuncFormatter  # (as above)

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            fmt = axis.get_major_formatter()
            if isinstance(fmt, FixedFormatter):
                fmt.seq = [_cut(x, limit) for x in fmt.seq]
            elif isinstance(fmt, FuncFormatter):  # labels given with set_yticks
                fmt.func = lambda x, pos=None, f=fmt.func: _cut(f(x, pos), limit)
    for text in fig.findobj(Text):
        gid = text.get_gid() or ""
        tail = int(gid[len(KEEP_END):]) if gid.startswith(KEEP_END) else 0
        cut = _cut(text.get_text(), limit, tail)
        if cut != text.get_text():
            text.set_text(cut)


#: The left-to-right mark: a line that starts with it is laid out left to right.
LRM = "\u200e"


def _ltr(text: str) -> str:
    """Each line of ``text`` that holds a right-to-left letter (Arabic, Hebrew) begun with
    :data:`LRM`: matplotlib lays a line out in the direction of its first letter, so
    "منطقة 228: Members 2028" read "Members 2028 :228 منطقة" in a chart of English words."""
    return "\n".join(LRM + line if any(unicodedata.bidirectional(c) in ("R", "AL")
                                        for c in line) and not line.startswith(LRM)
                     else line for line in str(text).split("\n"))


def left_to_right(fig: "Figure") -> None:
    """Every text of ``fig`` laid out left to right, as the PDFs' English and Indonesian
    sentences around a right-to-left name are (tick labels in their formatter, as
    :func:`shorten`)."""
    from matplotlib.text import Text  # matplotlib is loaded: the figure exists
    from matplotlib.ticker import FixedFormatter, FuncFormatter  # (as above)

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            fmt = axis.get_major_formatter()
            if isinstance(fmt, FixedFormatter):
                fmt.seq = [_ltr(x) for x in fmt.seq]
            elif isinstance(fmt, FuncFormatter):  # labels given with set_yticks
                fmt.func = lambda x, pos=None, f=fmt.func: _ltr(f(x, pos))
    for text in fig.findobj(Text):
        if _ltr(text.get_text()) != text.get_text():
            text.set_text(_ltr(text.get_text()))


def localised(fig: "Figure", lang: str) -> "Figure":
    """``fig`` with the decimal point of its plain number ticks written as ``lang`` writes
    it: 32,5 in Indonesian, not 32.5 (matplotlib's are English whatever the chart's words).
    Nothing is grouped: a year stays 2024, as the English chart's 1000 stays 1000."""
    if lang == "en":
        return fig
    from matplotlib.ticker import ScalarFormatter  # matplotlib is loaded: the figure exists

    point = "," if lang == "id" else "."

    class Local(ScalarFormatter):
        def __call__(self, x, pos=None):
            return super().__call__(x, pos).replace(".", point)

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            old = axis.get_major_formatter()
            if type(old) is ScalarFormatter:  # keeping a plain axis plain (no "1e6")
                new = Local(useOffset=old.get_useOffset())
                new.set_scientific(old._scientific)
                axis.set_major_formatter(new)
    return fig
