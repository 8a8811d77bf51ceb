"""Run folders: a new one per batch, its id, its lock, and the manifest's provenance.

A run lives in ``<runs_dir>/<run_id>/``::

    manifest.json            parameters, data hash, versions, per-region status and timing
    .lock                    held by the one batch writing the run (new or resumed)
    reconciliation.json      regions against the nation (:mod:`.reconcile`)
    <region>/region_forecast.ipynb   the executed notebook (kept, with the error, on failure)
    <region>/results.json, *.png     written by the notebook
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.metadata as md
import json
import os
import platform
import re
import shlex
import stat
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import RunError
from ..safepath import not_a_file
from ..staletemp import remove_stale
from .params import BatchParams

MANIFEST = "manifest.json"
LOCK = ".lock"


def new_run_id(params: BatchParams, regions: Sequence[str]) -> str:
    """``<UTC time>-<hash of the parameters and regions>``."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    digest = hashlib.sha256(json.dumps([params.__dict__, list(regions)],
                                       sort_keys=True).encode()).hexdigest()[:6]
    return f"{stamp}-{digest}"


def new_run_dir(runs_dir: Path, run_id: str) -> Path:
    """Create a new run folder; two batches started at once never get the same one."""
    runs_dir.mkdir(parents=True, exist_ok=True)
    for n in range(1, 100):
        candidate = runs_dir / (run_id if n == 1 else f"{run_id}-{n}")
        try:
            candidate.mkdir()  # atomic: exactly one process creates a given folder
            return candidate
        except FileExistsError:
            continue
    raise RunError(f"{runs_dir}: could not create a new folder for run {run_id}")


@contextmanager
def run_lock(run_dir: Path, holder: str = "batch") -> Iterator[None]:
    """Hold the run folder's lock: one command at a time writes a run (a new or resumed
    batch, ``forecast report``); ``holder`` names this one to the others.

    The lock is an OS file lock (``flock``), so it is released however the holder ends,
    SIGKILL included, and a later ``--resume`` never finds a stale lock. The lock file is
    only ever a regular file of the run folder: a ``.lock`` linked elsewhere in a copied
    or edited run was truncated through the link (a system file, as root), and a pipe's
    read waited forever. Once held, the stale temporaries of a writer killed outright are
    removed (:func:`forecast.staletemp.remove_stale`).

    Raises
    ------
    RunError
        If another process holds the lock, or ``.lock`` is not a regular file.
    """
    path = Path(run_dir) / LOCK
    flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:  # ELOOP: a symbolic link (O_NOFOLLOW)
        what = "a symbolic link" if os.path.islink(path) else \
            (not_a_file(path) or "a file that cannot be opened") + f" ({exc.strerror})"
        raise RunError(f"{path}: expected the run's lock file, found {what}; remove it and "
                       f"try again") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise RunError(f"{path}: expected the run's lock file, found {not_a_file(path)}; "
                       f"remove it and try again")
    fh = os.fdopen(fd, "a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            raise RunError(locked_message(path, fh.read(100))) from None
        os.ftruncate(fd, 0)
        try:  # unbuffered: a full disk fails here, naming the file, never at the close
            os.pwrite(fd, (str(os.getpid()) + ("" if holder == "batch" else f" {holder}")
                           ).encode("utf-8"), 0)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        # What a writer killed outright left (temporary names, a PDF's work folder): with
        # the lock held, no other writer's can be among them.
        remove_stale(run_dir)
        yield
    finally:
        fh.close()  # closing the file releases the lock


def locked_message(path: Path, recorded: str) -> str:
    """What is known of a lock another process holds: the file, the pid and command
    recorded in it (``"PID"`` by a batch, ``"PID report"`` by a report; none yet just after
    the holder took it), and whether that pid still runs (a process it started may hold
    the lock after it). No cause is guessed."""
    find = f"find it with 'lsof {shlex.quote(str(path))}', wait for it to end, then try again"
    m = re.fullmatch(r"([0-9]{1,10})(?: ([a-z]{1,20}))?", recorded.strip())
    if m is None:
        return f"{path}: the run's lock is held by another process, which recorded no pid " \
               f"in it; {find}"
    who = f"pid {m[1]} (forecast {m[2] or 'batch'})"
    if not _running(int(m[1])):
        return f"{path}: the run's lock is held by another process; {who}, recorded in " \
               f"it, is no longer running; {find}"
    return (f"{path}: the run's lock is held by another process, {who} as recorded in it; "
            f"wait for that process to end, then try again")


def _running(pid: int) -> bool:
    """Whether ``pid`` is a running process (signal 0: nothing is sent, the pid is only
    looked up; 0 would be this process group)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:  # another user's process: it runs
        return True
    except (OSError, OverflowError):  # ProcessLookupError; a pid past the system's range
        return False
    return True


def versions() -> dict:
    """Versions of Python and of the libraries that make the numbers, for the manifest."""
    out = {"python": platform.python_version()}
    for pkg in ("numpy", "pandas", "scipy", "statsmodels", "matplotlib", "papermill"):
        try:
            out[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            out[pkg] = None
    return out


def code_hash() -> str:
    """The SHA-256 of the code that makes a run's numbers: every file of the ``forecast``
    package (its modules and shipped tables) and the region notebook, by path and content.
    ``verify`` compares it with the run's: a run made with other code was called "NOT
    reproduced" as if its numbers could not be made again."""
    from .params import TEMPLATE  # params imports this module's neighbours, not this one

    package = Path(__file__).resolve().parents[1]
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in
                   p.parts and p.suffix != ".pyc")
    digest = hashlib.sha256()
    for path in [*files, Path(TEMPLATE)]:
        name = path.relative_to(package).as_posix() if path.is_relative_to(package) \
            else path.name
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"")
        digest.update(b"\0")
    return digest.hexdigest()


def point_latest(run_dir: str | Path) -> str | None:
    """Make ``latest`` beside the run a link to it (replaced atomically), so
    ``reports/runs/latest`` is always the newest run.

    Returns None, or a note for the user when the link could not be made: a real folder of
    that name is left alone, and a file system without links leaves the run complete.
    """
    run_dir = Path(run_dir).resolve()  # a run resumed through the link: its real folder
    link = run_dir.parent / "latest"
    if run_dir.name == link.name:
        return None
    if link.exists() and not link.is_symlink():
        what = "a folder" if link.is_dir() else "a file"  # a file was called a folder
        return f"{link} is {what}, not a link; the newest run is {run_dir}"
    tmp = run_dir.parent / f".latest-{os.getpid()}"
    try:
        if tmp.is_symlink():
            tmp.unlink()
        tmp.symlink_to(run_dir.name)  # relative: the runs folder can move
        os.replace(tmp, link)
    except OSError as exc:
        return f"could not link {link} to {run_dir.name} ({exc})"
    return None
