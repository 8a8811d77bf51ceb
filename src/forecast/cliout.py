"""The command line's standard output when it fails: a reader gone (``| head``), a full
disk or a device that takes nothing (``> /dev/full``). Light: os and sys only."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

#: The name a failed write to standard output is reported under.
STDOUT = "standard output"

#: Why a command with no standard output at all (``forecast run >&-``: Python found no
#: file descriptor 1 and set ``sys.stdout`` to None, so ``print`` would drop every line)
#: is refused.
CLOSED_STDOUT = (f"{STDOUT}: expected an open standard output (a terminal, file or pipe), "
                 f"found it closed")


class _Named:
    """A text stream whose write errors carry a file name (``standard output``), so the
    one-line message says where the disk was full, as it does for every other file."""

    def __init__(self, stream):
        self._stream = stream

    def _call(self, name, *args):
        try:
            return getattr(self._stream, name)(*args)
        except BrokenPipeError:
            raise
        except OSError as exc:
            if exc.filename is None:
                exc.filename = STDOUT
            raise

    def write(self, text):
        return self._call("write", text)

    def flush(self):
        return self._call("flush")

    def __getattr__(self, name):
        return getattr(self._stream, name)


@contextmanager
def named_stdout():
    """Within: ``sys.stdout``'s write errors name it. After: what was buffered is flushed
    here (a full disk is raised now, named, not printed by Python at exit)."""
    original = sys.stdout
    if original is not None:
        sys.stdout = _Named(original)
    try:
        yield
        if original is not None:
            sys.stdout.flush()
    finally:
        sys.stdout = original


def quiet_broken_pipe() -> int:
    """The reader of stdout went away (``forecast data check | head -1``): exit quietly,
    as Unix tools do, without Python's flush error at exit."""
    silence_stdout()
    return 141


def silence_stdout() -> None:
    """Point standard output at the null device: after a failure, Python's own flush at
    exit would print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests capture it)
        pass
