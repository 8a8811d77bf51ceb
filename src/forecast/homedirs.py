"""Private settings folders for matplotlib and IPython when the user's home cannot take them.

With ``HOME`` read-only (a container, a service account), matplotlib prints two WARNING
lines about its config and cache folders on its first import, and IPython (the notebook
kernels of ``forecast batch``) a UserWarning about its own: noise about a folder the user
never asked for. :func:`use_private_dirs` points ``MPLCONFIGDIR`` and ``IPYTHONDIR`` at one
private temporary folder, removed when the command ends, only where the default folder
cannot be written and the user has not chosen one. It imports neither library.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path


def _writable(folder: Path) -> bool:
    """Whether ``folder`` is, or could be made (``mkdir -p``), a writable folder; nothing is
    created here (a command that never draws leaves the home as it found it)."""
    for existing in (folder, *folder.parents):
        if existing.exists():
            return existing.is_dir() and os.access(existing, os.W_OK | os.X_OK)
        if existing.is_symlink():  # a dangling link: mkdir would fail on it
            return False
    return False


def _matplotlib_defaults(environ) -> list[Path]:
    """The config and cache folders matplotlib would use without ``MPLCONFIGDIR``
    (``matplotlib._get_config_or_cache_dir``)."""
    home = Path(environ.get("HOME") or Path.home())
    if sys.platform.startswith(("linux", "freebsd")):
        return [Path(environ.get("XDG_CONFIG_HOME") or home / ".config", "matplotlib"),
                Path(environ.get("XDG_CACHE_HOME") or home / ".cache", "matplotlib")]
    return [home / ".matplotlib"]


def use_private_dirs(environ=None) -> Path | None:
    """Set ``MPLCONFIGDIR`` and ``IPYTHONDIR`` in ``environ`` (default ``os.environ``) to
    folders under one private temporary folder where their defaults are not writable and
    they are not set; the folder is removed at exit.

    Returns
    -------
    pathlib.Path or None
        The private folder, or None where nothing needed one.
    """
    environ = os.environ if environ is None else environ
    wanted = []
    if not environ.get("MPLCONFIGDIR") and \
            not all(_writable(d) for d in _matplotlib_defaults(environ)):
        wanted.append(("MPLCONFIGDIR", "matplotlib"))
    if not environ.get("IPYTHONDIR") and \
            not _writable(Path(environ.get("HOME") or Path.home(), ".ipython")):
        wanted.append(("IPYTHONDIR", "ipython"))
    if not wanted:
        return None
    private = Path(tempfile.mkdtemp(prefix="forecast-home-"))  # mode 0700: this user's only
    atexit.register(shutil.rmtree, private, ignore_errors=True)
    for variable, name in wanted:
        (private / name).mkdir()
        environ[variable] = str(private / name)
    return private
