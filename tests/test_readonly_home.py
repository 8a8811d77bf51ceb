"""A read-only HOME: `forecast batch` says nothing about matplotlib's or IPython's settings
folders (they go to a private temporary folder), and a HOME that can be written, or a
folder the user chose, is left alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from forecast.homedirs import use_private_dirs


def _unwritable_homes(tmp_path: Path) -> list[Path]:
    """Homes nothing can be written under: one whose parent is a regular file (even root
    cannot make a folder in a file) and, for a user other than root, a folder chmod 555."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    homes = [blocker / "home"]
    if os.geteuid() != 0:  # root ignores permission bits: a 555 folder is writable to it
        locked = tmp_path / "locked-home"
        locked.mkdir()
        locked.chmod(0o555)
        homes.append(locked)
    return homes


def _env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("MPLCONFIGDIR", "IPYTHONDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    env["HOME"] = str(home)
    return env


def test_a_batch_under_a_read_only_home_prints_no_settings_folder_warning(tiny_data_dir,
                                                                          tmp_path):
    for k, home in enumerate(_unwritable_homes(tmp_path)):
        proc = subprocess.run(
            [sys.executable, "-m", "forecast.cli", "batch", "--regions", "national",
             "--data-dir", str(tiny_data_dir), "--runs-dir", str(tmp_path / f"runs{k}"),
             "--n-paths", "100", "--no-track-record"],
            capture_output=True, text=True, timeout=300, env=_env(home))
        assert proc.returncode == 0, proc.stderr
        for noise in ("matplotlib", "MPLCONFIGDIR", "IPython", "not a writable",
                      "WARNING"):
            assert noise not in proc.stderr, proc.stderr
        assert "1 of 1 region ok" in proc.stderr + proc.stdout


def test_the_private_folder_is_used_only_where_the_default_cannot_be_written(tmp_path):
    home = _unwritable_homes(tmp_path)[0]
    environ = {"HOME": str(home)}
    private = use_private_dirs(environ)
    assert private is not None and private.is_dir()
    assert environ["MPLCONFIGDIR"] == str(private / "matplotlib")
    assert environ["IPYTHONDIR"] == str(private / "ipython")
    assert (private / "matplotlib").is_dir() and (private / "ipython").is_dir()
    assert oct(private.stat().st_mode & 0o777) == "0o700"

    # A home that can be written: nothing set, nothing created in it.
    writable = tmp_path / "home"
    writable.mkdir()
    environ = {"HOME": str(writable)}
    assert use_private_dirs(environ) is None
    assert environ == {"HOME": str(writable)} and list(writable.iterdir()) == []

    # A folder the user chose is kept, even under a read-only home.
    environ = {"HOME": str(home), "MPLCONFIGDIR": "/chosen/mpl", "IPYTHONDIR": "/chosen/ip"}
    assert use_private_dirs(environ) is None
    assert environ["MPLCONFIGDIR"] == "/chosen/mpl" and environ["IPYTHONDIR"] == "/chosen/ip"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders: Linux")
def test_a_writable_xdg_folder_under_a_read_only_home_is_matplotlibs(tmp_path):
    home = _unwritable_homes(tmp_path)[0]
    environ = {"HOME": str(home), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
               "XDG_CACHE_HOME": str(tmp_path / "cache"), "IPYTHONDIR": str(tmp_path / "ip")}
    assert use_private_dirs(environ) is None and "MPLCONFIGDIR" not in environ


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="a per-user folder needs a user id")
def test_commands_under_a_read_only_home_share_one_folder_and_leave_no_new_ones(
        tmp_path, monkeypatch):
    """A command killed with SIGKILL cannot remove a folder at exit, so the private folder
    is this user's one folder, reused: however many commands, one folder in TMPDIR."""
    import tempfile

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    home = _unwritable_homes(tmp_path)[0]
    own = temp / f"forecast-home-{os.getuid()}"
    first, second = ({"HOME": str(home)} for _ in range(2))
    assert use_private_dirs(first) == use_private_dirs(second) == own
    assert first == second and list(temp.iterdir()) == [own]
    assert oct(own.stat().st_mode & 0o777) == "0o700"
    # Killed mid-run (no exit handlers): the next command still finds just that one folder.
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-c", "import os, signal; from forecast.homedirs import "
             "use_private_dirs; use_private_dirs(); os.kill(os.getpid(), signal.SIGKILL)"],
            env={**_env(home), "TMPDIR": str(temp)}, timeout=60)
        assert proc.returncode == -9
    assert len(list(temp.iterdir())) == 1


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="a per-user folder needs a user id")
@pytest.mark.parametrize("taken", ["link", "open to others", "a file"])
def test_a_taken_per_user_name_gets_a_fresh_private_folder(tmp_path, monkeypatch, taken):
    import tempfile

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    name = temp / f"forecast-home-{os.getuid()}"
    elsewhere = tmp_path / "someone-elses"
    elsewhere.mkdir(mode=0o700)
    if taken == "link":
        name.symlink_to(elsewhere)
    elif taken == "open to others":
        name.mkdir()
        name.chmod(0o777)
    else:
        name.write_text("")
    environ = {"HOME": str(_unwritable_homes(tmp_path)[0])}
    private = use_private_dirs(environ)
    assert private != name and private.parent == temp
    assert private.name.startswith("forecast-home-")
    assert oct(private.stat().st_mode & 0o777) == "0o700"
    assert list(elsewhere.iterdir()) == []  # nothing written through the link
