"""The command line's standard output when it fails: a reader gone (``| head``), a full
disk or a device that takes nothing (``> /dev/full``); and its standard error when it cannot
be written (``2>&-``, ``2>/dev/full``, ``2>&1 >/dev/null | head -1``). Light: os and sys
only. Also a stop request (SIGTERM, SIGHUP) ended as Ctrl-C ends a command."""

from __future__ import annotations

import codecs
import os
import signal
import sys
from contextlib import contextmanager

#: The name a failed write to standard output is reported under.
STDOUT = "standard output"

#: Why a command with no standard output at all (``forecast run >&-``: Python found no
#: file descriptor 1 and set ``sys.stdout`` to None, so ``print`` would drop every line)
#: is refused.
#: A command that ran out of memory (numpy's allocation errors are MemoryErrors).
OUT_OF_MEMORY = ("out of memory: expected a machine that holds this run's simulated paths "
                 "(--n-paths times the years projected, for every model); run with fewer "
                 "paths (--n-paths, default 5,000)")
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


def encodable_streams() -> None:
    """Standard output and error write what their encoding cannot hold as escapes
    (``N\\xe9gara``), not as an error: under ``LC_ALL=C`` without UTF-8 coercion,
    ``PYTHONIOENCODING=ascii`` or a Latin-1 terminal, a region named 'Négara' ended
    ``forecast run`` in a UnicodeEncodeError traceback after the work (standard error
    escapes by default; standard output did not)."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) in ("strict", "surrogateescape") and \
                hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors=_ESCAPE)
            except (ValueError, OSError):  # closed, or not a text file after all
                pass


def _escape(exc: UnicodeError):
    """A file name's undecodable bytes go out as they came in (``surrogateescape``, the
    C locale's own handler); any other character the encoding lacks as an escape."""
    try:
        return codecs.lookup_error("surrogateescape")(exc)
    except UnicodeError:
        return codecs.lookup_error("backslashreplace")(exc)


_ESCAPE = "forecast-escape"
codecs.register_error(_ESCAPE, _escape)


class _Quiet:
    """Standard error that cannot fail: the progress bar, warnings and the one-line error
    are the command's side channel, and a write that fails (a full device, a reader gone)
    silences it for the rest of the command instead of stopping the work half-way or
    ending in a traceback. The exit code still tells how the command went."""

    def __init__(self, stream):
        self._stream = stream
        self._failed = False

    def write(self, text):
        if not self._failed:
            try:
                return self._stream.write(text)
            except (OSError, ValueError):  # ValueError: the stream was closed
                self._go_quiet()
        return len(text)

    def flush(self):
        if not self._failed:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self._go_quiet()

    def _go_quiet(self):
        self._failed = True
        _point_at_null(self._stream)  # what stays buffered is dropped, not raised at exit

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _point_at_null(stream) -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (tests capture it)
        pass


@contextmanager
def quiet_stderr():
    """Within: ``sys.stderr`` never raises. A closed standard error (``2>&-``: Python sets
    ``sys.stderr`` to None, so ``print(file=sys.stderr)`` would print to standard output,
    and the next file opened would take descriptor 2, which typst and the notebook kernels
    write their messages to) is opened on the null device first."""
    encodable_streams()  # an unencodable character is written escaped, never raised
    original = sys.stderr
    if original is None:
        try:
            fd = os.open(os.devnull, os.O_WRONLY)  # the lowest free descriptor: 2
            if fd != 2:
                os.dup2(fd, 2)
                os.close(fd)
            os.set_inheritable(2, True)  # os.open gives a private one: kernels died without
            sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace",
                              closefd=False)
        except OSError:
            sys.stderr = open(os.devnull, "w", encoding="utf-8")
    sys.stderr = _Quiet(sys.stderr)
    try:
        yield
    finally:
        sys.stderr.flush()
        sys.stderr = original


def quiet_broken_pipe() -> int:
    """The reader of stdout went away (``forecast data check | head -1``): exit quietly,
    as Unix tools do, without Python's flush error at exit."""
    silence_stdout()
    return 141


def silence_stdout() -> None:
    """Point standard output at the null device: after a failure, Python's own flush at
    exit would print a second error."""
    _point_at_null(sys.stdout)


class Stopped(KeyboardInterrupt):
    """A stop request (SIGTERM from ``kill`` or a scheduler, SIGHUP from a closed session)
    raised where the command is, so it unwinds as Ctrl-C does: temporary files removed,
    each notebook complete or absent, the manifest as after the last finished region.
    Without it the process died at once and left a half-written notebook behind."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name


@contextmanager
def stops_as_interrupts():
    """Within: SIGTERM and SIGHUP raise :class:`Stopped` in the main thread (elsewhere, as
    in a test's worker thread, nothing changes); the earlier handlers come back after."""
    import threading  # here: `forecast --help` never gets this far (0.7 ms at start-up)

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Stopped(signum)

    previous = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None and signal.getsignal(sig) == signal.SIG_DFL:  # not one kept off
            previous[sig] = signal.signal(sig, stop)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def fit_process_limits() -> None:
    """Fit the process to the limits it runs under, before numpy is imported.

    - A path may hold as many folders as the system allows: PATH_MAX (4,096 bytes) admits
      about 2,000, and pathlib's ``mkdir(parents=True)`` recurses once per missing folder,
      past Python's default limit of 1,000 calls (a RecursionError traceback).
    - Under a cap on the address space (``ulimit -v``), OpenBLAS starting its threads
      retried a failing mmap forever, inside the import where no signal is handled: a hang
      only ``kill -9`` ended. One BLAS thread then (the work's arrays are small), so too
      little memory is one line (:func:`out_of_memory`).
    """
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 6000))
    if memory_capped():
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def memory_capped() -> bool:
    """Whether the address space is capped (``ulimit -v``): then a library that cannot be
    mapped in (an ImportError "failed to map segment", or a SystemError from an extension
    whose allocation failed) is too little memory, not a broken install."""
    import resource  # POSIX only, as the rest of the command line

    return resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY


def out_of_memory(exc: BaseException) -> str:
    """The line of too little memory: for the simulated paths (a MemoryError), or for the
    libraries themselves under an address-space cap (they could not be mapped in)."""
    if isinstance(exc, MemoryError):
        return OUT_OF_MEMORY
    import resource  # POSIX only, as the rest of the command line

    cap = resource.getrlimit(resource.RLIMIT_AS)[0] / 2 ** 20
    return (f"out of memory: expected room to load the libraries (numpy, scipy, statsmodels) "
            f"within the address-space cap, found {cap:,.0f} MiB (ulimit -v) too little; "
            f"raise the cap")


def os_fault(exc: OSError) -> str:
    """An OS fault's line: the path and the OS's words (``No space left on device``), and
    after a batch's, the run it kept and the command that completes it."""
    from .safepath import describe_os_error  # only on a fault: nothing more at start-up

    return describe_os_error(exc) + getattr(exc, "resume", "")
