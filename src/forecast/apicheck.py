"""Checks of the library's arguments as a notebook passes them: one ParameterError naming the
argument, what was expected and what was found, before any work (not a KeyError or an
AttributeError from deep inside pandas)."""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from .errors import ParameterError
from .textsafe import escape


def _found(value) -> str:
    return f"{type(value).__name__} {escape(repr(value), 60)}"


def check_questions(questions) -> None:
    """Raise unless ``questions`` is None or a list of ``{metric, date, value}``: a metric id,
    a date YYYY-MM-DD and a finite number (the track record's thresholds)."""
    if questions is None:
        return
    if isinstance(questions, (str, bytes, Mapping)) or not isinstance(questions, Sequence):
        raise ParameterError(f"questions: expected a list of {{metric, date, value}} or None, "
                             f"found {_found(questions)}")
    for i, q in enumerate(questions):
        where = f"questions[{i}]"
        if not isinstance(q, Mapping):
            raise ParameterError(f"{where}: expected {{metric, date, value}}, found {_found(q)}")
        metric, date, value = q.get("metric"), q.get("date"), q.get("value")
        if not isinstance(metric, str):
            raise ParameterError(f"{where}.metric: expected a metric id, found {_found(metric)}")
        try:
            ok = isinstance(date, str) and pd.Timestamp(date) is not pd.NaT
        except (ValueError, OverflowError):
            ok = False
        if not ok:
            raise ParameterError(f"{where}.date: expected a date YYYY-MM-DD, found {_found(date)}")
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value):
            raise ParameterError(f"{where}.value: expected a finite number, found {_found(value)}")


def folder_path(value, name: str):
    """``value`` as a Path if it is a path (str or os.PathLike, without NUL), else raise."""
    if not isinstance(value, (str, os.PathLike)) or "\0" in str(value):
        raise ParameterError(f"{name}: expected a folder path, found {_found(value)}")
    return Path(value)


def targets_of(results, key: str = "targets") -> list:
    """``results[key]`` (``targets`` or ``skipped``) of a results.json object, checked: a
    list of objects; else one ParameterError naming ``results``."""
    if not isinstance(results, Mapping):
        raise ParameterError(f"results: expected the results.json object of a region run "
                             f"(forecast.run.run_region, or results.json read with "
                             f"forecast.runfolder.read_results), found {_found(results)}")
    entries = results.get(key)
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise ParameterError(f"results[{key!r}]: expected a list of objects (a results.json "
                             f"of a region run), found {_found(entries)}")
    return entries


def _number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) \
        and math.isfinite(value)


def check_levels(levels, name: str) -> list:
    """``levels`` (a list of numbers, not one number or a string) as a list, else raise."""
    if isinstance(levels, (str, bytes, Mapping)) or not hasattr(levels, "__iter__"):
        raise ParameterError(f"{name}: expected a list of numbers such as [0, 250000], "
                             f"found {_found(levels)}")
    levels = list(levels)
    for i, value in enumerate(levels):
        if not _number(value):
            raise ParameterError(f"{name}[{i}]: expected a finite number, found {_found(value)}")
    return levels


def check_whole(value, name: str, low: int = 1) -> int:
    """``value`` if it is an integer of at least ``low``, else raise."""
    if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < low:
        raise ParameterError(f"{name}: expected an integer of at least {low:,}, found "
                             f"{_found(value)}")
    return int(value)


def check_segment(segment, choices) -> None:
    """Raise unless ``segment`` is text (:mod:`forecast.scenario` names an unknown one)."""
    if not isinstance(segment, str):
        raise ParameterError(f"segment: expected one of {', '.join(choices)}, found "
                             f"{_found(segment)}")


def check_models(models) -> list | None:
    """``models`` as a list of registered model names (a notebook's "linear,ets" read as the
    CLI reads it; a name twice runs once), or None for every model; else raise, before the
    run's work (not at its first projection)."""
    from .models import REGISTRY  # the models package is heavy: imported when checked

    if isinstance(models, str):
        models = [m.strip() for m in models.split(",") if m.strip()]
    elif models is not None and not isinstance(models, (list, tuple)):
        raise ParameterError(f"models: expected model names such as ['linear', 'ets'] or "
                             f"'linear,ets', found {models!r}")
    if not models:
        return None
    unknown = [m for m in models if not isinstance(m, str) or m not in REGISTRY]
    if unknown:
        raise ParameterError(f"models: unknown model(s) {', '.join(map(repr, unknown))}; "
                             f"valid choices: {', '.join(REGISTRY)}")
    return list(dict.fromkeys(models))

