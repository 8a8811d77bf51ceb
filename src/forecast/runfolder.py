"""Read a batch run folder back from disk, trusting nothing in it.

A run folder outlives the process that wrote it: it can be truncated by a full disk,
edited by hand, or copied from elsewhere. ``forecast verify``, ``forecast report`` and
``forecast batch --resume`` read its ``manifest.json`` and ``results.json`` files through
this module, which checks each against the fields they use and names the file and the
field of the first problem. Region ids read back are checked like ones typed on the
command line, so a manifest naming ``../../escaped`` can never place a file outside the
run folder. What a table of kinds cannot say (inside a reason, an empty list a reader
indexes) :mod:`forecast.report.readcheck` finds by reading the file as the reports do.

It also keeps a region's notebook complete or absent (:func:`complete_or_absent`).
"""

from __future__ import annotations

import json
import math
import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from . import config
from .errors import DataError, ParameterError
from .datadir import check_data_dir
from .fiscal import CALENDAR, YEAR_ENDS
from .notebooksave import complete_or_absent, is_complete_json  # noqa: F401 (its old home)
from .runkinds import check_kinds
from .runranges import check_ranges
from .safepath import not_a_file, read_input
from .textsafe import TOO_DEEP, escape, first_unsafe

MANIFEST = "manifest.json"
RESULTS = "results.json"
#: The same rule as ``regions.csv`` ids (forecast.data): a lowercase slug, one path part.
_REGION_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANGS = ("en", "id")
_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,127}$")
#: A region's status in a manifest (forecast.batch writes these three).
_STATUSES = ("pending", "ok", "failed")
_AS_OF = re.compile(r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})?$")
_MODELS = re.compile(r"^[a-z0-9_,]*$")

#: manifest.json ``parameters``: field -> (expected type(s), words for the message).
_PARAMETERS = {
    "as_of": (str, "a date YYYY-MM-DD or empty text"),
    "n_paths": (int, "a whole number of paths"),
    "seed": (int, "a whole number"),
    "models": (str, "comma-separated model names or empty text"),
    "lang": (str, "one of en, id"),
    "data_dir": (str, "the path of the run's data folder"),  # never empty (batch's own)
}


_MISSING = object()


def words_of(name: str) -> str:
    """What a manifest parameter is expected to be, in words."""
    return _PARAMETERS[name][1]


def _fail(path: Path, field: str, expected: str, found) -> DataError:
    if found is _MISSING:
        shown = "nothing (the field is missing)"
    else:
        text = found if isinstance(found, str) else json.dumps(found, ensure_ascii=False)
        shown = f"'{escape(text, 60)}'"
    return DataError(f"{path}: field '{field}': expected {expected}, found {shown}")


def read_json_file(path: str | Path) -> object:
    """Parse a JSON file; one line naming the file if it is unreadable or damaged."""
    path = Path(path)
    # A pipe or /dev/zero in a copied or edited run folder hung every reader of the run.
    raw = read_input(path, "a JSON file", DataError)
    try:
        text = raw.decode("utf-8-sig")  # a BOM from an editor, as in the CSV files
    except UnicodeDecodeError:
        raise DataError(f"{path}: damaged: expected UTF-8 JSON text") from None
    try:
        found = json.loads(text, parse_constant=_NonFinite, parse_int=_int,
                           parse_float=_float)
    except RecursionError:
        raise DataError(f"{path}: damaged: {TOO_DEEP}") from None
    except ValueError as exc:
        what = "empty" if not text.strip() else "truncated or damaged"
        # json's own words may end in 'at' ("Unterminated string starting at"): one 'at'.
        msg = str(getattr(exc, "msg", exc)).removesuffix(" at")
        raise DataError(f"{path}: {what}: expected a complete JSON object "
                        f"({msg} at line {getattr(exc, 'lineno', '?')}"
                        f", column {getattr(exc, 'colno', '?')})") from None
    try:
        where = _first_non_finite(found)
    except RecursionError:
        raise DataError(f"{path}: damaged: {TOO_DEEP}") from None
    if where is not None:  # never written here (allow_nan=False): an edit or another tool
        field, value = where
        digits = len(value.lstrip("-"))
        shown = f"{value} (not a JSON number)" if not isinstance(value, _TooLarge) else \
            f"{value[:16]}... (an integer of {digits} digits), past the largest number " \
            "a float holds" if digits > 20 and value.lstrip("-").isdigit() else \
            f"{escape(value, 40)}, past the largest number a float holds"
        raise DataError(f"{path}: field '{field or '(top level)'}': expected a finite "
                        f"number or null, found {shown}")
    return found


class _NonFinite(str):
    """NaN, Infinity or -Infinity where json would read a float: kept aside to be named
    with its field (a results.json's Infinity stopped the summary PDF with 'Out of range
    float values are not JSON compliant', naming no file)."""


class _TooLarge(_NonFinite):
    """A JSON number no float holds (1e400, or an integer of 400 digits): kept aside to be
    named with its field. An integer of 400 digits stopped every check of the file with
    'OverflowError: int too large to convert to float', one of 5000 digits was called
    'truncated or damaged' (Python's limit of 4300 digits on reading an integer)."""


def _int(text: str):
    return int(text) if math.isfinite(float(text)) else _TooLarge(text)


def _float(text: str):
    value = float(text)
    return value if math.isfinite(value) else _TooLarge(text)


def _first_non_finite(value, field: str = "") -> tuple[str, str] | None:
    if isinstance(value, _NonFinite):
        return field, value  # its class says why
    items = value.items() if isinstance(value, dict) else \
        enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        sub = f"{field}[{key}]" if isinstance(key, int) else \
            (f"{field}.{key}" if field else str(key))
        where = _first_non_finite(item, sub)
        if where is not None:
            return where
    return None


def check_region_id(region, path: Path, field: str) -> str:
    """A region id read from disk: the same slug rule as on the command line."""
    if not isinstance(region, str) or not _REGION_ID.match(region):
        raise _fail(path, field, "a region id, a lowercase slug such as kalimantan-barat",
                    region)
    return region


def check_plain_text(value, path: Path, field: str, depth: int = 0) -> None:
    """Every text in the file (keys too) is free of control and bidirectional characters
    (line breaks allowed), so nothing from an edited file reaches a terminal or a PDF
    unescaped."""
    if depth > 64:
        raise _fail(path, field or "(top level)", "at most 64 levels of nesting", "deeper")
    if isinstance(value, str):
        i = first_unsafe(value.replace("\n", " "))
        if i is not None:
            raise _fail(path, field or "(top level)",
                        f"plain text, without the control character U+{ord(value[i]):04X}",
                        value)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_plain_text(key, path, f"{field}.{key}".lstrip("."), depth + 1)
            check_plain_text(item, path, f"{field}.{key}".lstrip("."), depth + 1)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            check_plain_text(item, path, f"{field}[{i}]", depth + 1)


def read_manifest(run_dir: str | Path, need: tuple[str, ...] = ()) -> dict:
    """A run's ``manifest.json``, checked field by field.

    ``need`` names optional fields the caller uses (``data_hash`` for ``verify``).

    Returns
    -------
    dict
        The manifest as written; ``regions`` are valid ids, ``parameters`` complete.

    Raises
    ------
    DataError
        If the file is missing, damaged, or a field is absent or of the wrong kind,
        naming the file and the field.
    """
    run_dir = Path(run_dir)
    path = run_dir / MANIFEST
    if not path.is_file():
        raise DataError(f"{run_dir}: not a batch run folder (no {MANIFEST})")
    manifest = read_json_file(path)
    if not isinstance(manifest, dict):
        raise _fail(path, "(top level)", "a JSON object", manifest)
    check_plain_text(manifest, path, "")
    run_id = manifest.get("run_id", _MISSING)
    if not isinstance(run_id, str) or not _RUN_ID.match(run_id):
        raise _fail(path, "run_id", "a run id such as 20261129-153000-ab12cd", run_id)
    regions = manifest.get("regions", _MISSING)
    if not isinstance(regions, list) or not regions:
        raise _fail(path, "regions", "a non-empty list of region ids", regions)
    for i, region in enumerate(regions):
        check_region_id(region, path, f"regions[{i}]")
        if region in regions[:i]:  # reported, rendered and counted twice
            raise DataError(f"{path}: field 'regions[{i}]': expected each region id once, "
                            f"found '{region}' again (regions[{regions.index(region)}])")
    params = manifest.get("parameters", _MISSING)
    if not isinstance(params, dict):
        raise _fail(path, "parameters", "an object with " + ", ".join(_PARAMETERS), params)
    for name, (kind, words) in _PARAMETERS.items():
        value = params.get(name, _MISSING)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise _fail(path, f"parameters.{name}", words, value)
    if not _AS_OF.match(params["as_of"]) or params["as_of"] and not _a_day(params["as_of"]):
        # '2023-13-45' stopped the summary with a traceback; '2023-02-30' was printed
        raise _fail(path, "parameters.as_of", "a calendar date YYYY-MM-DD up to this year, "
                    "or empty text", params["as_of"])
    if not _MODELS.match(params["models"]):
        raise _fail(path, "parameters.models", "comma-separated model names",
                    params["models"])
    if params["lang"] not in _LANGS:
        raise _fail(path, "parameters.lang", "one of en, id", params["lang"])
    # The range the command line allows: 10**12 paths was refused by the re-run as
    # 'n_paths: expected ...', naming no file; a negative seed likewise.
    if not 1 <= params["n_paths"] <= config.MAX_N_PATHS:
        raise _fail(path, "parameters.n_paths",
                    f"a whole number of paths from 1 to {config.MAX_N_PATHS:,}",
                    params["n_paths"])
    if not params["data_dir"]:  # batch writes an absolute path; verify read '' as '.'
        raise _fail(path, "parameters.data_dir", words_of("data_dir"), "")
    if params["seed"] < 0:
        raise _fail(path, "parameters.seed", "a whole number >= 0", params["seed"])
    # Optional (older runs lack them), but as written: track_record "yes" re-ran `verify`
    # with a track record, then called the run 'NOT reproduced'.
    for name, ok, words in (("vintage", lambda v: v in ("published", "date"),
                             "one of published, date"),
                            ("track_record", lambda v: isinstance(v, bool), "true or false")):
        if name in params and not ok(params[name]):
            raise _fail(path, f"parameters.{name}", words, params[name])
    status = manifest.get("status", _MISSING)
    if not isinstance(status, dict):
        raise _fail(path, "status", "an object of region -> status", status)
    for region, entry in status.items():
        check_region_id(region, path, "status")
        if not isinstance(entry, dict) or not isinstance(entry.get("status"), str):
            raise _fail(path, f"status.{region}", "an object with a status text", entry)
        if entry["status"] not in _STATUSES:  # 'banana' was reported as a result
            raise _fail(path, f"status.{region}.status", f"one of {', '.join(_STATUSES)}",
                        entry["status"])
    data_hash = manifest.get("data_hash", _MISSING)
    if (data_hash is not _MISSING or "data_hash" in need) and not isinstance(data_hash, str):
        raise _fail(path, "data_hash", "the data hash as text", data_hash)
    return manifest


def _a_day(text: str) -> bool:
    """Whether ``text`` (YYYY-MM-DD) is a day of the calendar up to this year (a run is
    never made as of a later one; one before the data's first year is the re-run's to
    name, with that year)."""
    import datetime  # only for a manifest that names a date

    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return day.year <= datetime.date.today().year


@contextmanager
def parameters_of(run_dir: str | Path) -> Iterator[None]:
    """Name ``manifest.json`` in a refusal of one of its parameters by the checks of a
    re-run (``verify``, ``compare``, ``batch --resume``): an as-of before the data's first
    year was 'as_of: expected a year from 2014 ...', a parameter never typed."""
    try:
        yield
    except ParameterError as exc:
        name, sep, rest = str(exc).partition(": ")
        if not sep or name not in (*_PARAMETERS, "vintage", "track_record"):
            raise
        raise DataError(f"{Path(run_dir) / MANIFEST}: field 'parameters.{name}': "
                        f"{rest}") from None


def read_results(path: str | Path, region: str | None = None) -> dict:
    """A region's ``results.json``, checked for the fields every reader uses.

    Raises
    ------
    DataError
        Naming the file and the field.
    """
    path = Path(path)
    results = read_json_file(path)
    if not isinstance(results, dict):
        raise _fail(path, "(top level)", "a JSON object", results)
    check_plain_text(results, path, "")
    found = results.get("region", _MISSING)
    check_region_id(found, path, "region")
    if region is not None and found != region:
        raise _fail(path, "region", f"{region!r}, the folder's region", found)
    _check_scheme(results.get("scheme", _MISSING), path)
    _check_year_end(results, path)
    for name in ("targets", "skipped"):
        value = results.get(name, _MISSING)
        if not isinstance(value, list):
            raise _fail(path, name, "a list", value)
    for i, entry in enumerate(results["targets"]):
        if not isinstance(entry, dict):
            raise _fail(path, f"targets[{i}]", "an object", entry)
        for key in ("metric", "target_date"):
            if not isinstance(entry.get(key, _MISSING), str):
                raise _fail(path, f"targets[{i}].{key}", "text", entry.get(key, _MISSING))
        # The numbers every reader compares and formats ('high' or 2.5 stopped a report
        # with a TypeError, or printed a probability of 250 %).
        for key, low, high in (("probability", 0.0, 1.0), ("median", None, None),
                               ("p10", None, None), ("p90", None, None),
                               ("target_value", None, None)):
            value = entry.get(key)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)) \
                    or not math.isfinite(value) or (low is not None and not low <= value <= high):
                want = f"a number from {low:g} to {high:g}" if low is not None else \
                    "a finite number"
                raise _fail(path, f"targets[{i}].{key}", f"{want} or null", value)
    # Every other field of the kind forecast writes ('models': 'all' was a TypeError).
    check_kinds(results, lambda field, want, found: _fail(path, field, want, found), _MISSING)
    check_ranges(results, lambda field, want, found: _fail(path, field, want, found))
    return results


def _check_scheme(scheme, path: Path) -> None:
    """The ``scheme`` object of a results.json (absent: written before schemes): the
    shapes the reports read (a text for an object stopped them with an AttributeError)."""
    if scheme is _MISSING:
        return
    if not isinstance(scheme, dict):
        raise _fail(path, "scheme", "an object (the scheme's name, units and metrics)", scheme)

    def labels(value, field: str) -> None:
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise _fail(path, field, "an object of language -> text", value)

    if "name" in scheme:
        labels(scheme["name"], "scheme.name")
    for key, kind in (("top_region", str), ("currency", str), ("levels", list)):
        if key in scheme and not isinstance(scheme[key], kind):
            raise _fail(path, f"scheme.{key}", "a list" if kind is list else "text",
                        scheme[key])
    for kind, want in (("units", "labels, max and count"), ("metrics", "unit and labels")):
        table = scheme.get(kind, {})
        if not isinstance(table, dict):
            raise _fail(path, f"scheme.{kind}", "an object of id -> entry", table)
        for key, entry in table.items():
            field = f"scheme.{kind}.{key}"
            if not isinstance(entry, dict):
                raise _fail(path, field, f"an object with {want}", entry)
            labels(entry.get("labels", {}), f"{field}.labels")
            if kind == "metrics" and not isinstance(entry.get("unit", ""), str):
                raise _fail(path, f"{field}.unit", "a unit id (text)", entry["unit"])
            high = entry.get("max", 1.0)
            if kind == "units" and (isinstance(high, bool) or not isinstance(
                    high, (int, float)) or not math.isfinite(high)):
                raise _fail(path, f"{field}.max", "a finite number", high)


def _check_year_end(results: dict, path: Path) -> None:
    """The year-end a results.json names (top level and ``scheme``), if any: one the
    engine knows. Absent is the calendar year (a file written before fiscal years); a
    damaged one ("13-45", 5) stopped a report with a traceback, and "02-29" printed fiscal
    years ending 29 February."""
    scheme = results.get("scheme")
    for field, value in (("year_end", results.get("year_end", _MISSING)),
                         ("scheme.year_end", scheme.get("year_end", _MISSING)
                          if isinstance(scheme, dict) else _MISSING)):
        if value is not _MISSING and value not in YEAR_ENDS:
            raise _fail(path, field, "the last day of a month from March to December as "
                        "\"MM-DD\" (\"06-30\", ..., \"12-31\")", value)
    top = results.get("year_end")  # the words follow one, the charts the other
    if top is not None and isinstance(scheme, dict) and \
            scheme.get("year_end", CALENDAR) != top:
        raise _fail(path, "scheme.year_end", f"the year-end of field 'year_end' ({top})",
                    scheme.get("year_end", _MISSING))


def check_run_results(run_dir: str | Path, read=read_results) -> None:
    """Read every region's results.json of a run (with ``read``: :func:`read_results`, or
    :func:`forecast.report.readcheck.read_readable` where the reports will read them)
    before a command works on them: a damaged one is one line naming it, not a failure
    midway."""
    for path in sorted(Path(run_dir).glob("*/results.json")):
        if not path.parent.is_symlink():
            read(path, path.parent.name)
    manifest = read_manifest(run_dir)
    for region in manifest["regions"]:  # read unchecked above, and its PDF written there
        folder = Path(run_dir) / region
        if folder.is_symlink():
            raise DataError(f"{folder}: expected the folder of region {region!r} inside the "
                            f"run, found a symbolic link to "
                            f"{escape(os.readlink(folder), 200)}; copy the folder in its "
                            f"place")
    for region, status in manifest["status"].items():  # 'ok' with no results: the summary
        path = Path(run_dir) / region / "results.json"  # said 'run failed: ok'
        if isinstance(status, dict) and status.get("status") == "ok" and not path.is_file():
            raise DataError(f"{path}: expected the results of region {region!r}, which "
                            f"{MANIFEST} marks ok, found {not_a_file(path)}")


def run_data_dir(run_dir: str | Path, manifest: dict) -> str:
    """The data folder a run's manifest names (``parameters.data_dir``), checked as
    ``--data-dir`` is, but named as the manifest's field: 'nodata: data directory not
    found' named neither the manifest nor the field, so the user looked for a typo."""
    data_dir = manifest["parameters"]["data_dir"]
    try:
        check_data_dir(Path(data_dir))
    except DataError as exc:
        raise DataError(f"{Path(run_dir) / MANIFEST}: field 'parameters.data_dir': {exc} "
                        f"(the run's data folder, moved or deleted since?)") from None
    return data_dir
