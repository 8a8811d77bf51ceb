"""Read a region's results.json through the reports' own readers once, before any report.

:mod:`forecast.runkinds` checks the kind of every field the table lists, but some fields
are free inside (a reason object's fields vary with its code) and some values are of the
right kind yet not what forecast writes (a reason's ``code`` given as an object, an empty
list where a reader takes the first item, a key a reader needs left out). Each of those
stopped ``forecast report`` midway with a KeyError or a TypeError: the region's report
"failed: TypeError: unhashable type: 'dict'", or the summary with a traceback.

:func:`check_readable` builds the documents of the region's PDF (both languages), its
rows of the summary and the data of its charts from a copy of the results whose objects
remember where they are (:class:`_Dict`, :class:`_List`); the first of those errors is
turned into one line naming the file and the field the reader last took, and what it
found there. The charts are made, never drawn; nothing is written.
"""

from __future__ import annotations

import contextvars
import json
import re
import threading
from collections.abc import ItemsView, ValuesView
from pathlib import Path

from ..errors import DataError, ForecastError
from ..plots import fan_chart
from ..safepath import not_a_file
from ..runfolder import (check_plain_text, check_run_results, read_json_file, read_manifest,
                         read_results)
from ..textsafe import escape, one_line
from . import build, summary
from .speedfig import speed_rows
from .words import set_scheme

_MISSING = object()
_LAST = threading.local()  # .reads: (field path, value found, by default) of this thread
#: What a reader does with a value of another shape than the one forecast writes.
_SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError,
                 ArithmeticError)


def _join(path: str, key) -> str:
    if isinstance(key, int) and not isinstance(key, bool):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def _note(path: str, value, default: bool = False) -> None:
    """Keep the latest reads; ``default``: a ``get`` that found nothing and gave its
    default (the reader expects it may be absent: never the field to blame alone)."""
    reads = getattr(_LAST, "reads", None)
    if reads is None:
        reads = _LAST.reads = []
    reads.append((path, value, default))
    if len(reads) > 4000:  # the fan chart's NaN is blamed on a null read hundreds of
        del reads[:2000]   # reads before it (a scheme's headline marks are read per target)


class _Dict(dict):
    """A results.json object that notes each field read from it (a copy for the check)."""

    __slots__ = ("_path",)

    def __getitem__(self, key):
        found = dict.get(self, key, _MISSING) if _hashable(key) else _MISSING
        _note(_join(self._path, key), found)
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        found = dict.get(self, key, _MISSING) if _hashable(key) else _MISSING
        _note(_join(self._path, key), found, found is _MISSING)
        return dict.get(self, key, default)

    def items(self):
        return _Items(self)

    def values(self):
        return _Values(self)


class _Items(ItemsView):
    """``items()`` of a :class:`_Dict`, noting each item as it is taken."""

    def __iter__(self):
        for key in self._mapping:
            value = dict.__getitem__(self._mapping, key)
            _note(_join(self._mapping._path, key), value)
            yield key, value


class _Values(ValuesView):
    """``values()`` of a :class:`_Dict`, noting each value as it is taken."""

    def __iter__(self):
        for key, value in _Items(self._mapping):
            yield value


class _List(list):
    """A results.json list that notes each item taken by its index."""

    __slots__ = ("_path",)

    def __getitem__(self, index):
        if isinstance(index, int):
            found = list.__getitem__(self, index) if -len(self) <= index < len(self) \
                else _MISSING
            _note(_join(self._path, index if index >= 0 else len(self) + index), found)
        return list.__getitem__(self, index)


# Named as the kinds they stand for in the readers' own messages ("unhashable type: 'dict'").
_Dict.__name__ = _Dict.__qualname__ = "dict"
_List.__name__ = _List.__qualname__ = "list"


def _hashable(key) -> bool:
    try:
        hash(key)
    except TypeError:
        return False
    return True


def _tracked(value, path: str = ""):
    if isinstance(value, dict):
        out = _Dict((k, _tracked(v, _join(path, k))) for k, v in value.items())
        out._path = path
        return out
    if isinstance(value, list):
        out = _List(_tracked(v, _join(path, i)) for i, v in enumerate(value))
        out._path = path
        return out
    return value


def _read_all(results: dict, region: str) -> None:
    """What the reports read of one region's results, in both languages (nothing drawn)."""
    set_scheme(results.get("scheme"))
    for lang in ("en", "id"):
        entries = build.ordered_targets(results)
        observations = [] if results.get("targets") else list(results.get("observations")
                                                              or [])
        build.region_document(results, dict(results.get("cited_sources") or {}), lang,
                              [f"fan_{i}.png" for i in range(len(entries))], observations)
        run = [(region, results, {"status": "ok"})]
        summary.summary_rows(run, lang)
        summary._year_end_words(summary.projected_year(run), lang)  # the summary's title
        summary.weights_table(results, lang)
        speed_rows(results.get("targets", []), lang)
        for entry in entries:  # a PDF in another language than the run's draws its charts
            fan_chart(entry, lang=lang)  # a Figure of its own (no pyplot): dropped, not drawn


_TYPE_NAMES = {"NoneType": type(None), "list": list, "dict": dict, "str": str,
               "float": float, "int": int, "bool": bool}


def _blamed(exc: Exception, reads: list) -> tuple[str, object]:
    """The field a reader stopped on: the latest read of the value the error names (a
    KeyError's key, or an object read without it; a ValueError's text; a TypeError's
    'NoneType'), else the latest read that was not a ``get`` finding nothing;
    ("(top level)", missing) if nothing was read."""
    if isinstance(exc, KeyError) and exc.args:
        key = exc.args[0]
        for path, value, _ in reversed(reads):
            if value is _MISSING and path.rsplit(".", 1)[-1] == str(key) or \
                    type(value) is type(key) and value == key:
                return path, value
        for path, value, _ in reversed(reads):  # taken by '{key}'.format(**obj): not noted
            # (the scheme's tables of words are looked up in, never formatted whole)
            if isinstance(value, _Dict) and isinstance(key, str) and key not in value \
                    and re.fullmatch(r"\w+", key) and not path.startswith("scheme"):
                return _join(path, key), _MISSING
    quoted = re.findall(r"'([^']*)'$", str(exc))  # int('x'): "invalid literal ...: 'x'"
    if isinstance(exc, ValueError) and quoted:
        for path, value, _ in reversed(reads):
            if isinstance(value, str) and value == quoted[0]:
                return path, value
    named = [_TYPE_NAMES[n] for n in re.findall(r"'(\w+)'", str(exc)) if n in _TYPE_NAMES]
    if type(None) in named:  # "'NoneType' and 'float'": the null is the one out of place
        named = [type(None)]
    if isinstance(exc, (TypeError, AttributeError)) and named:
        for path, value, _ in reversed(reads):
            if type(value) in named or isinstance(value, _Dict) and dict in named or \
                    isinstance(value, _List) and list in named:
                return path, value
    if "NaN" in str(exc):  # JSON has no NaN (read_results refuses one): a null made it
        null = _null_read(reads)
        if null is not None:
            return null, None
    for path, value, default in reversed(reads):
        if not default:
            return path, value
    return "(top level)", _MISSING


def _null_read(reads: list) -> str | None:
    """The latest field read as null whose like in another item of its list was not null
    (a history date null among dates), else the latest field read as null; None if none."""
    def like(path: str) -> str:
        return re.sub(r"\[\d+\]", "[]", path)

    seen = {like(path) for path, value, default in reads if value is not None and not default}
    nulls = [path for path, value, default in reads if value is None and not default]
    for path in reversed(nulls):
        if like(path) in seen:
            return path
    return nulls[-1] if nulls else None


def read_readable(path, region: str) -> dict:
    """:func:`forecast.runfolder.read_results`, then :func:`check_readable`: a region's
    results.json as every report reads it."""
    results = read_results(path, region)
    check_readable(results, path, region)
    return results


def check_run_readable(run_dir, rendered: bool = True) -> dict:
    """A run's manifest (:func:`forecast.runfolder.read_manifest`), then
    :func:`forecast.runfolder.check_run_results` with :func:`read_readable`, then (unless
    ``rendered`` is False: a resumed batch writes them anew) the other files the reports
    are made from, its reconciliation and its notebooks (:func:`check_reconciliation`,
    :func:`check_notebooks`): before ``forecast report`` or ``batch --resume`` renders a
    run's reports. Returns the manifest."""
    manifest = read_manifest(run_dir)
    check_run_results(run_dir, read_readable)
    if rendered:
        check_reconciliation(run_dir, manifest)
        check_notebooks(run_dir, manifest)
    return manifest


def check_notebooks(run_dir, manifest: dict) -> None:
    """Each region's notebook, whose HTML page the report makes again, complete JSON where
    there is one: a truncated one failed its region (exit 1) after every other report,
    naming a Python class. (Where there is none, the page is not made again.)"""
    for region in manifest["regions"]:
        notebook = Path(run_dir) / region / "region_forecast.ipynb"
        if not notebook.is_file():
            continue
        try:  # read once: whole JSON, and a notebook
            nb = json.loads(notebook.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            raise DataError(f"{notebook}: truncated or damaged: expected a complete notebook "
                            f"(JSON; the region's HTML page is made from it)") from None
        if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list) or \
                nb.get("nbformat") != 4:
            raise DataError(f"{notebook}: expected a notebook of format 4 (an object with "
                            f"'cells' and 'nbformat': 4; the region's HTML page is made "
                            f"from it), found JSON of another shape")


def check_reconciliation(run_dir, manifest: dict | None = None) -> None:
    """Raise a :class:`~forecast.errors.DataError` naming a run's ``reconciliation.json``
    and a field if the summary's reader stops on it (in either language), or naming it
    missing where the ``manifest``'s summary records a reconciliation (its section of the
    summary was left out without a word). A level without its 'missing' list stopped
    ``forecast report`` with a traceback, after every region's PDF was written."""
    path = Path(run_dir) / "reconciliation.json"
    made = ((manifest or {}).get("summary") or {}).get("reconciliation")
    if not path.is_file() and isinstance(made, str) and not made.startswith("not reconciled"):
        raise DataError(f"{path}: expected the run's reconciliation, which manifest.json's "
                        f"summary records ('{escape(made, 60)}'), found {not_a_file(path)}")
    if not path.is_file():  # a run without the top region has none
        return
    recon = read_json_file(path)
    if not isinstance(recon, dict):
        raise DataError(f"{path}: field '(top level)': expected a JSON object, found "
                        f"{type(recon).__name__}")
    check_plain_text(recon, path, "")

    def read(tracked) -> None:
        for lang in ("en", "id"):
            summary.reconciliation_section(run_dir, None, lang, tracked)

    _read_tracked(read, recon, path, ("the summary reads it", "the summary stops on it"))


def check_readable(results: dict, path, region: str) -> None:
    """Raise a :class:`~forecast.errors.DataError` naming ``path`` and a field if the
    reports' readers stop on a field of ``results`` (a results.json object that passed
    :func:`forecast.runfolder.read_results`' checks of kind)."""
    _read_tracked(lambda tracked: _read_all(tracked, region), results, path,
                  ("the reports read it", "the reports stop on it"))


def _read_tracked(read, value, path, words: tuple[str, str]) -> None:
    """``read(copy)`` of a copy of ``value`` that notes each field read (:func:`_tracked`);
    the first error of shape it meets is raised as one line naming ``path`` and the field
    (``words``: who reads the field, and who stops on it)."""
    _LAST.reads = []
    try:
        contextvars.copy_context().run(read, _tracked(value))
    except ForecastError:  # a reader's own one-line refusal, as it is
        raise
    except _SHAPE_ERRORS as exc:
        field, found = _blamed(exc, _LAST.reads)
        if found is _MISSING:
            raise DataError(f"{path}: field '{field}': expected a value ({words[0]}), found "
                            f"nothing (the field is missing)") from None
        text = found if isinstance(found, str) else json.dumps(found, ensure_ascii=False)
        why = escape(one_line(f"{type(exc).__name__}: {exc}"), 80)
        raise DataError(f"{path}: field '{field}': expected a value of the shape forecast "
                        f"writes there ({words[1]}: {why}), found "
                        f"'{escape(text, 60)}'") from None
