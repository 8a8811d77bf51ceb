"""The check of a data folder itself (``--data-dir``), before any file in it is read: a
folder that is missing, is a file, or cannot be read is named as such, never as a missing
``scheme.toml`` or CSV file inside it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .errors import DataError
from .safepath import broken_link, not_a_file
from .textsafe import escape

#: What a data folder holds, for the messages.
EXPECTED = "a folder with observations.csv, targets.csv, regions.csv and sources.csv"


def check_data_dir(data_dir: Path) -> None:
    """One line for a --data-dir that is missing, not a folder, or cannot be read."""
    link = broken_link(data_dir)
    if link is not None:
        raise DataError(f"{data_dir}: expected a data directory ({EXPECTED}), found {link}")
    try:
        os.stat(data_dir)
    except OSError as exc:  # not found, or a name too long, a file on the way, ...
        found = "not found" if exc.errno == errno.ENOENT else f"cannot be used " \
            f"({exc.strerror})"
        raise DataError(f"{escape(str(data_dir), 200)}: data directory {found}; expected "
                        f"{EXPECTED}") from None
    if not data_dir.is_dir():
        raise DataError(f"{data_dir}: expected a data directory ({EXPECTED}), found "
                        f"{not_a_file(data_dir) or 'a file'}")  # or a device, a pipe
    if not os.access(data_dir, os.R_OK | os.X_OK):
        raise DataError(f"{data_dir}: expected a data directory this user can read, found "
                        f"one without read permission")
