"""The batch's progress on the console: one bar per batch, for the CLI only.

The library never prints; the CLI hands :meth:`Progress.update` to ``run_batch`` as its
``on_progress`` callback. On a terminal the bar redraws one line in place (``\\r``); into
a file or a pipe (CI logs, ``make report | tee``) it writes one plain line per region, so a
log stays readable. No third-party bar is needed for this.
"""

from __future__ import annotations

import time
from typing import TextIO


def _clock(seconds: float | None) -> str:
    """``1:05`` (minutes:seconds), ``1:02:05`` past an hour, ``?`` when unknown.

    Examples
    --------
    >>> _clock(65), _clock(3725), _clock(None)
    ('1:05', '1:02:05', '?')
    """
    if seconds is None:
        return "?"
    s = int(round(seconds))
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """A progress bar for ``total`` regions: done, failed, time left.

    Parameters
    ----------
    stream : text stream
        Where the bar goes (the CLI passes ``sys.stderr``).
    tty : bool, optional
        Redraw one line in place; default: whether ``stream`` is a terminal.
    width : int
        Characters of the bar itself.
    clock : callable
        Seconds now (a test passes its own).
    """

    def __init__(self, stream: TextIO, *, tty: bool | None = None, width: int = 24,
                 clock=time.monotonic) -> None:
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self.width = width
        self.clock = clock
        self.start = clock()
        self.failed: list[str] = []
        self._open = False
        # Regions done before this process began (a --resume): they took no time here.
        self._before: int | None = None

    def line(self, done: int, total: int, last: dict) -> str:
        """The bar's text after ``done`` of ``total`` regions, ``last`` the newest status."""
        elapsed = self.clock() - self.start
        if self._before is None and done:
            self._before = done - 1  # the first report is of the first region run here
        here = done - (self._before or 0)
        left = elapsed / here * (total - done) if here > 0 else None
        filled = int(self.width * done / total) if total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        text = (f"[{bar}] {done}/{total} regions, {len(self.failed)} failed, "
                f"{_clock(left)} left")
        if not self.tty:
            text += f" ({last.get('region', '?')} {last.get('status', '?')})"
        return text

    def update(self, status: dict, done: int, total: int) -> None:
        """The ``on_progress`` callback of :func:`forecast.batch.run_batch`."""
        if status.get("status") != "ok":
            self.failed.append(f"{status.get('region', '?')}: {status.get('error') or ''}")
        text = self.line(done, total, status)
        if self.tty:
            self.stream.write("\r" + text.ljust(78))
            self._open = done < total
            if not self._open:
                self.stream.write("\n")
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line (after an interruption) so the next print starts clean."""
        if self._open:
            self.stream.write("\n")
            self.stream.flush()
            self._open = False
