"""A chart's words shortened until its plot has room: the PNG bytes of a figure.

A region name, metric or unit label may be 200 characters long (:mod:`forecast.textsafe`);
as a tick label, an annotation or a title it left the plot no room, and matplotlib drew
the axes collapsed with a warning on stderr. :func:`png_bytes` draws the figure as it is,
and only if its layout collapses or a long line of text runs past the image's edge cuts
the longest lines of its text (60, 40, then 25 characters, with an ellipsis) and draws it
again. The PDFs' tables print the names whole.
"""

from __future__ import annotations

import io
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a figure is drawn
    from matplotlib.figure import Figure

#: The longest line a chart keeps, tried in turn while its layout collapses (None: all).
LIMITS = (None, 60, 40, 25)
_COLLAPSED = "constrained_layout not applied"


def png_bytes(fig: "Figure") -> bytes:
    """``fig`` as PNG, its longest lines of text cut until the layout has room."""
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


def _overflows(fig: "Figure") -> bool:
    """Whether a line of text longer than the shortest limit runs past the figure's left
    or right edge (a long tick label the layout left outside the image)."""
    from matplotlib.text import Text  # matplotlib is loaded: the figure exists

    renderer = fig._get_renderer()  # the figure drawn just before: its layout is set
    width = fig.bbox.width
    for text in fig.findobj(Text):
        if text.get_visible() and max(map(len, text.get_text().split("\n"))) > LIMITS[-1]:
            box = text.get_window_extent(renderer)
            if box.x0 < -1 or box.x1 > width + 1:
                return True
    return False


def _cut(text: str, limit: int) -> str:
    return "\n".join(line if len(line) <= limit else line[:limit - 1] + "\u2026"
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
        cut = _cut(text.get_text(), limit)
        if cut != text.get_text():
            text.set_text(cut)
