"""Private settings folders for matplotlib and IPython when the user's home cannot take them.

With ``HOME`` read-only (a container, a service account), matplotlib prints two WARNING
lines about its config and cache folders on its first import, and IPython (the notebook
kernels of ``forecast batch``) a UserWarning about its own: noise about a folder the user
never asked for. :func:`use_private_dirs` points ``MPLCONFIGDIR`` and ``IPYTHONDIR`` at one
private folder of this user's in the temporary folder (kept for the next command), only
where the default folder cannot be written and the user has not chosen one. It imports
neither library.
"""

from __future__ import annotations

import os
import sys

# Only os and sys at import: cli.py imports this module, and ``forecast --help`` pays for
# every import it makes (tempfile, shutil and pathlib took 5.7 ms of its ~20).


def _writable(folder: str) -> bool:
    """Whether ``folder`` is, or could be made (``mkdir -p``), a writable folder; nothing is
    left here (a command that never draws leaves the home as it found it)."""
    existing = os.path.abspath(folder)
    while True:
        if os.path.exists(existing):
            return os.path.isdir(existing) and os.access(existing, os.W_OK | os.X_OK) \
                and _can_create(existing)
        if os.path.islink(existing):  # a dangling link: mkdir would fail on it
            return False
        parent = os.path.dirname(existing)
        if parent == existing:
            return False
        existing = parent


def _can_create(folder: str) -> bool:
    """Whether a file can be made in ``folder`` (made and removed at once): root passes
    ``os.access`` on /sys and /proc, where IPython then failed every region's kernel with
    'Operation not permitted: /sys/.ipython'."""
    probe = os.path.join(folder, f".forecast-probe-{os.getpid()}")
    try:
        os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError:
        return False
    try:
        os.unlink(probe)
    except OSError:
        pass  # made, so writable; a probe that cannot be removed is left (never seen)
    return True


def _home(environ) -> str:
    return environ.get("HOME") or os.path.expanduser("~")


def _matplotlib_defaults(environ) -> list[str]:
    """The config and cache folders matplotlib would use without ``MPLCONFIGDIR``
    (``matplotlib._get_config_or_cache_dir``)."""
    home = _home(environ)
    if sys.platform.startswith(("linux", "freebsd")):
        return [os.path.join(environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config"),
                             "matplotlib"),
                os.path.join(environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache"),
                             "matplotlib")]
    return [os.path.join(home, ".matplotlib")]


def use_private_dirs(environ=None):
    """Set ``MPLCONFIGDIR`` and ``IPYTHONDIR`` in ``environ`` (default ``os.environ``) to
    folders under one private folder (:func:`_private_folder`) where the folders they name
    (or their defaults, where they are not set) are not writable.

    Returns
    -------
    pathlib.Path or None
        The private folder, or None where nothing needed one.
    """
    environ = os.environ if environ is None else environ
    wanted = []
    # Set to a folder it cannot use (a file): matplotlib warned of it on every command and
    # left a temporary folder behind; such a setting is replaced as an unset one would be.
    mpl, ipy = environ.get("MPLCONFIGDIR"), environ.get("IPYTHONDIR")
    if not all(_writable(d) for d in ([mpl] if mpl else _matplotlib_defaults(environ))):
        wanted.append(("MPLCONFIGDIR", "matplotlib"))
    if not _writable(ipy or os.path.join(_home(environ), ".ipython")):
        wanted.append(("IPYTHONDIR", "ipython"))
    if not wanted:
        return None
    private = _private_folder()
    for variable, name in wanted:
        (private / name).mkdir(exist_ok=True)
        environ[variable] = str(private / name)
    return private


def check_backend(environ=None) -> None:
    """Refuse a ``MPLBACKEND`` that matplotlib cannot read, naming it: importing matplotlib
    under it raised a ValueError that ``compare --chart`` printed as a traceback after both
    sides were computed, ``report`` blamed on a results.json field and ``batch`` on every
    region. Read without importing matplotlib under it (its import is what fails)."""
    environ = os.environ if environ is None else environ
    value = environ.get("MPLBACKEND")
    if not value:
        return
    # Imported here: only a set MPLBACKEND needs matplotlib at start-up.
    from .errors import ParameterError
    from .textsafe import shown  # (the same reason)

    environ.pop("MPLBACKEND")
    try:
        import matplotlib.rcsetup as rcsetup  # (the same reason)

        rcsetup.validate_backend(value)
    except ValueError:
        raise ParameterError(f"MPLBACKEND: expected a matplotlib backend such as Agg (the "
                             f"environment variable), found {shown(value)}; unset it or "
                             f"set it to Agg") from None
    finally:
        environ["MPLBACKEND"] = value


def _private_folder():
    """This user's own folder in the temporary folder, ``forecast-home-<uid>``, kept from one
    command to the next: a command killed with SIGKILL leaves no new folder behind, and
    matplotlib's font cache is built once, not at every command. Where that name is taken
    by anything but a folder of this user's that only they can open (another user's, a
    link), a fresh folder of its own, removed at exit."""
    # Imported here, not at the top: only a read-only home needs them (see above).
    import atexit
    import shutil  # (the same reason)
    import stat  # (the same reason)
    import tempfile  # (the same reason)
    from pathlib import Path  # (the same reason)

    uid = os.getuid() if hasattr(os, "getuid") else None
    if uid is not None:
        own = Path(tempfile.gettempdir()) / f"forecast-home-{uid}"
        try:
            own.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError:  # the temporary folder itself refuses: a fresh one will say why
            own = None
        if own is not None:
            st = os.lstat(own)
            if stat.S_ISDIR(st.st_mode) and st.st_uid == uid and not st.st_mode & 0o077:
                return own
    private = Path(tempfile.mkdtemp(prefix="forecast-home-"))  # mode 0700: this user's only
    atexit.register(shutil.rmtree, private, ignore_errors=True)
    return private
