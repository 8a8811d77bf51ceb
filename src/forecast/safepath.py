"""Paths the user names for output, and OS errors in one line.

Every output path (``--output``, ``--runs-dir``, a run folder to write reports into) is
checked before any work starts, so a long run never ends in a traceback because the
destination was a folder, sat under a regular file, or was on a read-only file system.
Only a regular file or a new name is ever replaced: a character device such as
``/dev/null`` given as ``--output`` is refused, never swapped for a plain file (as root,
the atomic rename would replace the system's own device).
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
import tempfile
from pathlib import Path

from . import config
from .defaults import LANGUAGES
from .errors import ParameterError
from .textsafe import escape, one_line

#: A run id as ``forecast batch`` makes it (``20261129-153000-ab12cd``, maybe ``-2``): one
#: path component, never ``.``/``..`` nor an absolute path.
_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,127}$")


def describe_os_error(exc: OSError, path: str | os.PathLike | None = None) -> str:
    """``<path>: <what the OS said>`` on one line (``No space left on device``, ...)."""
    where = path if path is not None else (exc.filename or "")
    reason = exc.strerror or (errno.errorcode.get(exc.errno, "") if exc.errno else "") \
        or str(exc)
    text = f"{where}: {reason}" if where else reason
    return escape(one_line(text), 400)


def broken_link(path: str | os.PathLike) -> str | None:
    """Why ``path`` is a symbolic link that leads nowhere (``a symbolic link to X, which
    does not exist``; ``a symbolic link that loops``), else None: such a path "does not
    exist" to ``Path.exists``, and "file not found" would send the user looking for the
    wrong thing."""
    if not os.path.islink(path):
        return None
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that loops (it leads back to itself)"
        try:
            target = os.readlink(path)
        except OSError:  # pragma: no cover - it was a link a moment ago
            target = "?"
        return f"a symbolic link to {escape(target, 200)}, which does not exist"
    return None


#: What :func:`not_a_file` says of a name with nothing behind it.
NOT_FOUND = "no file of that name"


def not_a_file(path: str | os.PathLike) -> str | None:
    """None if ``path`` is a regular file (or a link to one); else what it is, in the
    words of a message's "found ...": :data:`NOT_FOUND`, a folder, a named pipe, a broken
    link, or what the OS said (a name too long, a file on the way)."""
    link = broken_link(path)
    if link is not None:
        return link
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return NOT_FOUND
    except OSError as exc:
        return f"a path the system refuses ({exc.strerror or exc})"
    return None if stat.S_ISREG(st.st_mode) else _kind(st)


#: Largest file a command reads (a data CSV, a run's JSON, a TOML file). The shipped
#: observations.csv has 72 kB and a national results.json 200 kB; 100 MiB leaves room for
#: a million rows, while a 200 MB line took 1.4 GB of memory and a few GB ended the
#: process without a word.
MAX_INPUT_BYTES = 100 * 2**20
#: Largest TOML file read (scheme.toml, a scenario): the shipped ones have a few kB, and
#: the TOML parser is pure Python (a 100 MB file would take minutes).
MAX_TOML_BYTES = 2**20


def read_input(path: str | os.PathLike, expected: str, error=ParameterError,
               limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Opened without blocking and checked on the open file, so a named pipe, a device
    (``/dev/zero``) or a file swapped for one after an earlier check is refused without
    reading a byte (a pipe's open or read would wait forever, a device never ends).

    Raises
    ------
    error
        ``<path>: cannot be read: expected <expected>, found <what it is>`` or ``... of at
        most N MB, found M MB``, or the OS's reason.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror or exc})") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):  # before fdopen: a folder's raised "3: Is a directory"
        os.close(fd)
        raise error(f"{path}: cannot be read: expected {expected}, found {_kind(st)}")
    with os.fdopen(fd, "rb") as fh:
        try:
            raw = fh.read(limit + 1)
        except OSError as exc:
            raise error(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > limit:
        raise error(f"{path}: expected {expected} of at most {limit / 2**20:,.0f} MB "
                    f"({limit:,} bytes), found {max(st.st_size, len(raw)):,} bytes")
    return raw


def _kind(st: os.stat_result) -> str:
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _nearest_existing(path: Path) -> Path:
    probe = path
    while not os.path.lexists(probe) and probe.parent != probe:
        probe = probe.parent
    return probe


def _check_writable_folder(folder: Path, what: str, target: Path) -> None:
    """``folder`` exists: refuse it unless it is a folder we can create files in."""
    try:
        st = os.stat(folder)
    except OSError as exc:
        raise ParameterError(f"{what}: cannot use {target} ({describe_os_error(exc)})") \
            from None
    if not stat.S_ISDIR(st.st_mode):
        raise ParameterError(f"{what}: cannot write {target}: {folder} is "
                             f"{'a regular file' if stat.S_ISREG(st.st_mode) else _kind(st)}"
                             f", not a folder")
    # Try it: os.access says yes to root on /proc, /sys and some read-only mounts.
    try:
        fd, probe = tempfile.mkstemp(prefix=".forecast-probe-", dir=folder)
    except OSError as exc:
        # The system's reason alone: "is not writable (No such file or directory)" for
        # /proc/1 guessed a cause the reason contradicted.
        raise ParameterError(f"{what}: cannot write {target}: the system refused a new "
                             f"file in {folder} ({describe_os_error(exc, '')})") from None
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:  # pragma: no cover - we just created it
        pass


#: The temporary name an output is written through (``store.write_atomic``: ``.<name>.``
#: and 8 random characters) is this many bytes longer than the name itself.
TEMP_NAME_EXTRA = 10


def _check_lengths(path: Path, what: str, extra: int = 0) -> None:
    """Refuse a name longer than the file system allows (a component above NAME_MAX bytes,
    the whole above PATH_MAX) before any work; else the run ends at its first write."""
    try:
        base = _nearest_existing(path.parent)
        name_max = os.pathconf(base, "PC_NAME_MAX")
        path_max = os.pathconf(base, "PC_PATH_MAX")
    except (OSError, ValueError):  # no pathconf here: the common Linux limits
        name_max, path_max = 255, 4096
    last = len(path.parts) - 1
    for i, part in enumerate(path.parts):
        room = extra if i == last else 0
        size = len(os.fsencode(part))
        if size + room > name_max:
            why = (f" (it is written through a temporary name {room} bytes longer)"
                   if room else "")
            raise ParameterError(f"{what}: expected names of at most {name_max - room} bytes"
                                 f"{why}, found one of {size} bytes: {escape(part, 40)}")
    size = len(os.fsencode(os.path.abspath(path))) + extra
    if size >= path_max:
        raise ParameterError(f"{what}: expected a path shorter than {path_max} bytes, found "
                             f"{size}: {escape(str(path), 60)}")


def check_output_file(path: str | os.PathLike, what: str = "output",
                      inputs: list[Path] = ()) -> Path:
    """Check, before any work, that ``path`` can be written as a regular file.

    Accepted: an existing regular file (replaced atomically) or a new name whose nearest
    existing ancestor is a writable folder (missing folders are created).

    Raises
    ------
    ParameterError
        Naming ``what``, the path and why (a folder, a device, under a regular file,
        read-only, one of ``inputs``).
    """
    path = Path(path)
    if str(path).endswith(os.sep) or path.name in ("", ".", ".."):
        raise ParameterError(f"{what}: expected a file name, found the folder {path}")
    _check_lengths(path, what, TEMP_NAME_EXTRA)
    if os.path.lexists(path):
        try:
            st = os.stat(path)  # follows a symlink: what would be replaced is its target
        except OSError as exc:
            raise ParameterError(f"{what}: cannot use {describe_os_error(exc, path)}") \
                from None
        if not stat.S_ISREG(st.st_mode):
            raise ParameterError(f"{what}: {path} is {_kind(st)}; expected a regular file "
                                 f"or a new file name (it is never replaced)")
        if os.path.islink(path):
            raise ParameterError(f"{what}: {path} is a symbolic link; expected a regular "
                                 f"file or a new file name")
        if not os.access(path, os.W_OK):
            raise ParameterError(f"{what}: cannot write {path} (permission denied)")
        for source in inputs:  # the same file by any name: replacing it loses the data
            if os.path.exists(source) and os.path.samefile(path, source):
                raise ParameterError(f"{what}: expected a file other than the command's "
                                     f"inputs, found {path}, the input {source} (it would "
                                     f"be replaced by the output)")
    else:  # a new name where an input is looked for (a data folder's absent scheme.toml)
        for source in inputs:
            if os.path.realpath(path) == os.path.realpath(source):
                raise ParameterError(f"{what}: expected a file other than the command's "
                                     f"inputs, found {path}, where {Path(source).name} is "
                                     f"read from (absent now; the output would be read as "
                                     f"it next time)")
    run = batch_run_of(path)
    if run is not None:  # the batch's files are checked by `forecast verify`, read by report
        raise ParameterError(f"{what}: expected a file outside batch run folders, found "
                             f"{path}, inside the run {run} that `forecast batch` wrote "
                             f"(writing there would replace or mix with its outputs)")
    _check_writable_folder(_nearest_existing(path.parent), what, path)
    return path


def batch_run_of(path: str | os.PathLike) -> Path | None:
    """The batch run folder ``path`` lies in (its nearest existing folder or one above it
    holds a run's ``manifest.json`` and ``.lock``, or a manifest naming a ``run_id``), or
    None. Symbolic links are followed: ``reports/runs/latest/...`` is inside the run."""
    try:
        folder = _nearest_existing(Path(path).parent).resolve()
    except (OSError, RuntimeError):  # a link that loops (3.11: RuntimeError): the write
        return None  # check names it
    for f in (folder, *folder.parents):
        manifest = f / "manifest.json"
        try:
            if not manifest.is_file():
                continue
            if (f / ".lock").is_file():
                return f
            with open(manifest, encoding="utf-8", errors="replace") as fh:
                if '"run_id"' in fh.read(1 << 16):
                    return f
        except OSError:  # unreadable: not known to be a run; the write check speaks
            continue
    return None


def input_files(data_dir, *more) -> list[Path]:
    """The files a command reads: the data folder's (``None``: the shipped data) and
    ``more`` (a scenario), for :func:`check_output_file`'s ``inputs``."""
    folder = Path(data_dir) if data_dir is not None else config.DATA_DIR
    names = (config.OBSERVATIONS_FILE, config.TARGETS_FILE, config.REGIONS_FILE,
             config.SOURCES_FILE, "scheme.toml")
    return [folder / n for n in names] + [Path(m) for m in more if m is not None]


def check_room_below(path: str | os.PathLike, below: int, what: str) -> None:
    """Refuse a folder whose files, up to ``below`` bytes of names deeper (a run id, a
    region id, a file name), would pass the system's longest path: a runs folder 4,031
    bytes long passed its own check, then every region failed with "File name too long"."""
    try:
        path_max = os.pathconf(_nearest_existing(Path(path)), "PC_PATH_MAX")
    except (OSError, ValueError):  # no pathconf here: the common Linux limit
        path_max = 4096
    size = len(os.fsencode(os.path.abspath(path)))
    if size + below >= path_max:
        raise ParameterError(f"{what}: expected a path of at most {path_max - below - 1:,} "
                             f"bytes (the files written in it lie up to {below} bytes "
                             f"deeper), found {size:,}: {escape(str(path), 60)}")


def check_output_dir(path: str | os.PathLike, what: str = "runs-dir") -> Path:
    """Check, before any work, that ``path`` is (or can be created as) a writable folder.

    Raises
    ------
    ParameterError
        If it is a regular file or a device, lies under a regular file, or is not writable.
    """
    if not isinstance(path, (str, os.PathLike)) or "\0" in str(path):  # a notebook's 5
        raise ParameterError(f"{what}: expected a folder path, found {path!r}")
    path = Path(path)
    _check_lengths(path, what)
    if os.path.lexists(path):
        _check_writable_folder(path, what, path)
    else:
        _check_writable_folder(_nearest_existing(path.parent), what, path)
    return path


def check_writable_run(run_dir: str | os.PathLike, what: str) -> None:
    """A run folder about to be written (reports, a resumed batch) must be writable, and
    so must each region's folder in it (a region's PDF goes there): one read-only region
    failed with a temporary file's name after the others were rendered."""
    _check_writable_folder(Path(run_dir), what, Path(run_dir))
    _check_replaceable(Path(run_dir), ("summary_{}.pdf",), what)
    for folder in sorted(Path(run_dir).iterdir()):
        if folder.is_dir() and not folder.is_symlink():
            _check_writable_folder(folder, what, folder)
            _check_replaceable(folder, ("report_{}.pdf", "region_forecast.html"), what)


def _check_replaceable(folder: Path, names: tuple[str, ...], what: str) -> None:
    """The reports written in ``folder`` (``{}``: each language) must be regular files or
    absent: a folder named summary_en.pdf stopped the command after the regions' PDFs
    were written, and failed a region "IsADirectoryError: [Errno 21] Is a directory"."""
    for path in dict.fromkeys(folder / n.format(lang) for n in names for lang in LANGUAGES):
        try:
            st = os.lstat(path)
        except OSError:  # absent (or unreachable: the write names it)
            continue
        if not stat.S_ISREG(st.st_mode) and not stat.S_ISLNK(st.st_mode):
            raise ParameterError(f"{what}: cannot write {path}: expected a regular file or "
                                 f"no file there (the report is written there), found "
                                 f"{_kind(st)}")


def check_run_id(run_id: str, what: str = "RUN_ID") -> str:
    """A run id names one folder under the runs folder: no separator, no ``..``, not
    absolute, printable."""
    if not isinstance(run_id, str) or not _RUN_ID.match(run_id) or run_id in (".", ".."):
        raise ParameterError(f"{what}: expected a run id such as 20261129-153000-ab12cd "
                             f"(a folder name under the runs folder), found "
                             f"'{escape(str(run_id), 80)}'{_run_path_hint(run_id)}")
    return run_id


def _run_path_hint(text) -> str:
    """How to name a run folder given by its path (``reports/runs/2026...``): its folder
    as --runs-dir and its name as the run id."""
    import shlex  # only when refusing a run id

    try:
        folder = Path(os.path.abspath(text))
        if not (isinstance(text, str) and (folder / "manifest.json").is_file()):
            return ""
    except (OSError, ValueError):  # a name the system refuses: no hint
        return ""
    return (f" (a run folder's path: write --runs-dir "
            f"{escape(shlex.quote(str(folder.parent)), 200)} "
            f"{escape(shlex.quote(folder.name), 80)})")


def check_inside(path: Path, folder: Path, what: str, error=ParameterError) -> None:
    """Refuse a file that is, or resolves through a symbolic link to, a place outside
    ``folder`` (a data file linked to a system file)."""
    try:
        real = Path(os.path.realpath(path))
        root = Path(os.path.realpath(folder))
    except OSError as exc:  # pragma: no cover - realpath rarely fails
        raise error(f"{what}: {describe_os_error(exc, path)}") from None
    if real != root and root not in real.parents:
        raise error(f"{path}: the file is a link to {real}, outside the data folder "
                    f"{root}; expected the file itself (copy it into the folder)")


def check_timeout(timeout, what: str = "timeout") -> None:
    """Seconds a notebook cell may run: None (no limit) or a finite number of at least 1
    (nbclient counts whole seconds: 0.001 ran as 1)."""
    if timeout is None:
        return
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) \
            or not math.isfinite(timeout) or timeout < 1:
        raise ParameterError(f"{what}: expected a number of seconds >= 1 (a cell's limit, in "
                             f"whole seconds), found '{escape(str(timeout), 40)}'")


def runs_choices(runs_dir: str | os.PathLike) -> str:
    """The valid choices of a message refusing a run id: the 10 newest runs under
    ``runs_dir`` (and how many there are), or why there are none (it said '(no runs yet)'
    of a file or a typo)."""
    found = not_a_file(runs_dir)
    if found != "a folder":
        return (f"none ({runs_dir} is {'a file' if found is None else found}, not a folder "
                f"of runs)" if found != NOT_FOUND else f"none (there is no folder {runs_dir})")
    known = [p.parent.name for p in Path(runs_dir).glob("*/manifest.json")
             if not p.parent.is_symlink() and p.is_file()]
    # The newest first: run ids (20261129-153000-ab12cd) by their time, then other names;
    # the last 10 by name left the two real runs of 52 folders out, with no word of them.
    stamped = re.compile(r"\d{8}-\d{6}-[0-9a-f]{6}")
    known.sort(key=lambda n: (not stamped.fullmatch(n), [-ord(c) for c in n]))
    more = f", ... ({len(known)} in all)" if len(known) > 10 else ""
    return ", ".join(known[:10]) + more if known else "(no runs yet)"


def no_run(runs_dir: str | os.PathLike, run_id: str, what: str) -> ParameterError:
    """The refusal of ``run_id``, whose folder under ``runs_dir`` has no manifest file: what
    stands in its place (a pipe, a device, a broken link), else the runs there are. A run
    whose manifest.json was a pipe was refused and then offered as the valid choice."""
    manifest = Path(runs_dir) / run_id / "manifest.json"
    found = not_a_file(manifest)
    if found != NOT_FOUND and os.path.isdir(manifest.parent):
        return ParameterError(f"{what}: expected run {run_id!r} to hold a manifest file, "
                              f"found {manifest} is {found}")
    return ParameterError(f"{what}: no run {run_id!r} in {runs_dir}; valid choices: "
                          f"{runs_choices(runs_dir)}")
