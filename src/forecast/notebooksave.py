"""A notebook written complete or not at all (:func:`complete_or_absent`): papermill saves
a notebook while it runs, and a full disk in the middle of a save left a truncated file."""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def is_complete_json(path: Path) -> bool:
    try:
        json.loads(Path(path).read_text(encoding="utf-8"))
        return True
    except (OSError, ValueError, RecursionError):
        return False


@contextmanager
def complete_or_absent(final: str | Path) -> Iterator[Path]:
    """Write a notebook under a temporary name; it takes ``final``'s name only when it is
    complete JSON.

    papermill saves the notebook while it runs; a full disk in the middle of a save
    leaves a truncated file. Yields the temporary path to write to. On exit, whether the
    work succeeded or raised, a complete notebook (a failed region's, with its error,
    included) is renamed to ``final`` and a damaged one is removed, so ``final`` is
    always complete or absent, and a later ``--resume`` starts the region afresh.
    """
    final = Path(final)
    # An attempt killed outright (SIGKILL, power loss) left its temporary notebook: the
    # run's lock is held, so no other writer's can be among them.
    for stale in final.parent.glob(f".{final.stem}.*.partial.ipynb"):
        stale.unlink(missing_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{final.stem}.", suffix=".partial.ipynb",
                                    dir=final.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # papermill creates it; an empty placeholder would look damaged
    try:
        yield tmp
    except OSError as exc:  # named as the notebook: the temporary one is gone at the end
        if exc.filename is not None and Path(exc.filename) == tmp:
            exc.filename = str(final)
        raise
    finally:
        try:
            if tmp.is_file() and tmp.stat().st_size and is_complete_json(tmp):
                os.chmod(tmp, 0o644)
                os.replace(tmp, final)
            elif tmp.exists():
                # Damaged: a stale notebook of an earlier attempt would mislead as well.
                final.unlink(missing_ok=True)
        finally:
            tmp.unlink(missing_ok=True)
