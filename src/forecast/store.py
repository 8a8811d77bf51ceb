"""I/O of a run: results serialised to JSON, atomic writes, a region's run folder.

Nothing else in the library writes files (the batch writes its manifest through
:func:`write_json`, the report renderer its PDFs through :func:`write_atomic`).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from .plots import chart_file, fan_chart_png, fan_file, growth_chart_png
from .safepath import check_output_dir


def clean(value):
    """JSON-safe: numpy scalars to Python, non-finite floats to None, timestamps to ISO dates."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, (np.floating, float)):
        value = float(value)
        return value if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return value


def write_atomic(data: bytes, path: str | Path) -> Path:
    """Write ``data`` atomically: a temporary file in the same folder, renamed when
    complete, readable by others (not mkstemp's private mode). A reader never sees a
    half-written file, and two writers never share a temporary name."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        # A full disk names no file, a folder in the way the temporary one: name the output.
        if isinstance(exc, OSError) and exc.filename in (None, tmp):
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    return path


def dumps(obj: dict) -> str:
    """The JSON text of a results object, as results.json and ``--format json`` hold it."""
    return json.dumps(obj, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_json(obj: dict, path: str | Path) -> Path:
    """Write JSON atomically (:func:`write_atomic`)."""
    return write_atomic(dumps(obj).encode("utf-8"), path)


def write_run(results: dict, output_dir: str | Path, *, lang: str = "en") -> list[Path]:
    """Write results.json and the figures of a region's run into ``output_dir``.

    The figures are in ``lang`` (named by :func:`forecast.plots.chart_file`). File names
    are built from metric ids and years only (never from region names or other text from
    data), so nothing can be written outside ``output_dir``.
    """
    out = check_output_dir(output_dir, "output_dir")  # a file, read-only: one line
    created = not os.path.lexists(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    try:
        for entry in results["targets"]:
            path = out / fan_file(entry, lang)
            write_atomic(fan_chart_png(entry, lang=lang, scheme=results.get("scheme")), path)
            written.append(path)
        if results["targets"]:
            path = out / chart_file("growth", lang)
            write_atomic(growth_chart_png(results["targets"], lang=lang,
                                          scheme=results.get("scheme")), path)
            written.append(path)
        # results.json last: its presence says the region's outputs are complete.
        written.insert(0, write_json(results, out / "results.json"))
    except BaseException:  # a full disk: no half of the outputs (4 of 6 figures) is left
        for path in written:
            path.unlink(missing_ok=True)
        if created:
            shutil.rmtree(out, ignore_errors=True)
        raise
    return written
