"""Temporaries a run's writer left when it was killed outright (SIGKILL, power loss).

The run's files are written under temporary names and renamed when complete
(:func:`forecast.store.write_atomic`, :func:`forecast.runfolder.complete_or_absent`), and
its PDFs are made in a work folder beside them (:func:`forecast.report.render`); a writer
killed before it could tidy up leaves them in the run folder. The next command to take the
run's lock (:func:`forecast.batch.runs.run_lock`: ``forecast batch --resume``,
``forecast report``) removes them with :func:`remove_stale`: only names of the project's own
temporary patterns, owned by this user and older than this process, in the run folder and
its region folders, never anything else. With the lock held, no other writer of the run can
be using them.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import stat
import time
from pathlib import Path

#: When this process began (as near as the package knows it: this module loads before
#: anything of this process is written in a run folder). A temporary newer than this may
#: be this process's own.
STARTED = time.time()

log = logging.getLogger(__name__)

#: The work folder a PDF is made in (:func:`forecast.report.render.render_region`).
REPORT_WORK_PREFIX = ".forecast-report-"

_RANDOM = r"[a-z0-9_]{8}"  # tempfile's eight random characters
_FILES = re.compile(
    rf"\.[\w.-]+\.(?:json|pdf|png|html|ipynb)\.{_RANDOM}"  # write_atomic: .results.json.x
    rf"|\.[\w.-]+\.{_RANDOM}\.partial\.ipynb"  # complete_or_absent's notebook
    rf"|\.forecast-probe-{_RANDOM}")  # safepath's check that a folder can be written
_FOLDERS = re.compile(rf"{re.escape(REPORT_WORK_PREFIX)}{_RANDOM}")


def _stale(entry: os.DirEntry, kind: int, before: float) -> bool:
    """Whether ``entry`` (not followed if a link) is of ``kind``, ours and older than
    ``before``."""
    st = entry.stat(follow_symlinks=False)
    return (stat.S_IFMT(st.st_mode) == kind and st.st_mtime < before
            and (not hasattr(os, "geteuid") or st.st_uid == os.geteuid()))


def remove_stale(run_dir: str | Path, before: float | None = None) -> list[Path]:
    """Remove the stale temporaries of the run folder ``run_dir`` (see the module).

    Parameters
    ----------
    run_dir : path
        A run folder whose lock this process holds.
    before : float, optional
        Only what was last modified before this time (seconds since the epoch) is removed;
        default: when this process began (:data:`STARTED`).

    Returns
    -------
    list of pathlib.Path
        What was removed.
    """
    before = STARTED if before is None else before
    removed = []
    for folder in [Path(run_dir), *_region_folders(run_dir)]:
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:  # tidying is no reason to fail the command: left as it is
            continue
        for e in entries:
            try:
                if _FILES.fullmatch(e.name) and _stale(e, stat.S_IFREG, before):
                    os.unlink(e.path)
                elif _FOLDERS.fullmatch(e.name) and _stale(e, stat.S_IFDIR, before):
                    shutil.rmtree(e.path)
                else:
                    continue
            except OSError as exc:
                log.info("stale temporary %s not removed: %s", e.path, exc)
                continue
            removed.append(Path(e.path))
    return removed


def _region_folders(run_dir: str | Path) -> list[Path]:
    """The folders in ``run_dir`` (a link is not followed; hidden ones are not regions)."""
    try:
        with os.scandir(run_dir) as it:
            return [Path(e.path) for e in it
                    if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")]
    except OSError:
        return []
