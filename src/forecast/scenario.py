"""Scenarios: named, hypothetical adjustments applied to the simulated paths.

A scenario is a small TOML file written by a user; its numbers are assumptions, never data::

    name = "Hypothetical: informal enrolment drive"
    description = "What if 150k more informal workers joined every month?"

    [adjustments]
    extra_monthly_enrolments = { active_bpu = 150000 }   # persons a month, from the
                                                          # total's last reading
    investment_return = 0.08                              # replaces the estimated mean return

    [adjustments.shock]                                   # a year like 2020
    year = 2025       # projected year hit by the shock
    like = 2020       # observed year whose growth of active_total it repeats
    scale = 1.0       # 1 repeats it, 0.5 half of the way, 0 no shock

The three adjustments act on the paths, not on the models:

* **extra monthly enrolments** add ``12 * k * (t - t0)`` persons to a segment's paths and to
  the total's, where ``t0`` is the last reading of the total, a month's one included
  (net additions that stay; the months read hold none);
* **investment return** moves the mean return of the structural fund model; its estimated
  spread is kept, because a different expected return is not a certain one;
* **shock**: in year ``Y`` each path's growth is replaced by the growth ``active_total``
  had in the year ``like`` (``scale`` interpolates in log growth); later years keep their
  own growth from the lower level. Contributions, hence the fund, follow.

This module reads and validates scenarios only. Applying them is
:mod:`forecast.national` (:func:`~forecast.national.apply`); the explore notebook's what-if
and sliders are :mod:`forecast.whatif`.
"""

from __future__ import annotations

import dataclasses
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ParameterError
from .safepath import MAX_TOML_BYTES, NOT_FOUND, not_a_file, read_input
from .textsafe import MAX_NAME_CHARS, MAX_NOTE_CHARS, check_text, decode_utf8, loads_toml
from .tomlshown import near_key, toml_shown

ENROLMENT_METRICS = ("active_total", "active_pu", "active_bpu", "active_jakon", "active_pmi")
MAX_MONTHLY_ENROLMENTS = 5_000_000
RETURN_RANGE = (-0.5, 0.5)
SCALE_RANGE = (0.0, 2.0)
YEAR_RANGE = (1900, 2100)

_TOP_KEYS = {"name": "text", "description": "text", "adjustments": "table"}
_ADJ_KEYS = {"extra_monthly_enrolments": "table", "investment_return": "number",
             "shock": "table"}
_SHOCK_KEYS = {"year": "whole year", "like": "whole year", "scale": "number"}


@dataclass(frozen=True)
class Shock:
    """A year whose growth of active participants repeats an observed year's."""

    year: int
    like: int
    scale: float = 1.0


@dataclass(frozen=True)
class Scenario:
    """A validated scenario (see module docstring)."""

    name: str
    description: str = ""
    enrolments: dict[str, float] = field(default_factory=dict)
    investment_return: float | None = None
    shock: Shock | None = None
    source: str = "<scenario>"

    def adjustments(self) -> dict:
        out: dict[str, Any] = {}
        if self.enrolments:
            out["extra_monthly_enrolments"] = dict(self.enrolments)
        if self.investment_return is not None:
            out["investment_return"] = self.investment_return
        if self.shock is not None:
            out["shock"] = dataclasses.asdict(self.shock)
        return out

    def as_dict(self) -> dict:
        """The ``scenario`` object of results.json."""
        return {"name": self.name, "description": self.description, "file": self.source,
                "hypothetical": True, "adjustments": self.adjustments()}


# ---------------------------------------------------------------------------- loading


def _fail(source: str, key: str, expected: str, found: Any) -> ParameterError:
    return ParameterError(f"{source}: key '{key}': expected {expected}, found "
                          f"{toml_shown(found)}")


def _check_keys(table: dict, allowed: dict[str, str], source: str, prefix: str) -> None:
    for key in table:
        if key not in allowed:
            where = f"{prefix}{key}"
            raise ParameterError(f"{source}: unknown key '{where}'{near_key(key, allowed)}; "
                                 f"valid keys"
                                 f"{' in [' + prefix[:-1] + ']' if prefix else ''}: "
                                 f"{', '.join(allowed)}")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) \
        and math.isfinite(value)


def _year(value: Any, source: str, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) \
            or not YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
        raise _fail(source, key, f"a whole year from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}", value)
    return value


def parse_scenario(data: dict, source: str = "<scenario>") -> Scenario:
    """Validate a scenario given as a dict (the parsed TOML) and return it.

    Raises
    ------
    ParameterError
        On an unknown key, a wrong type or a value out of range, naming the source, the
        key, what was expected and what was found.
    """
    _check_keys(data, _TOP_KEYS, source, "")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(source, "name", "a non-empty text such as \"Hypothetical: ...\"", name)
    description = data.get("description", "")
    if not isinstance(description, str):
        raise _fail(source, "description", "text", description)
    # Bounded, plain text: both reach the terminal, results.json and the reports.
    check_text(name.strip(), f"{source}: key 'name'", limit=MAX_NAME_CHARS)
    check_text(description, f"{source}: key 'description'", limit=MAX_NOTE_CHARS, allow="\n")
    adj = data.get("adjustments")
    if not isinstance(adj, dict):
        raise _fail(source, "adjustments", "a table [adjustments] with at least one of "
                    + ", ".join(_ADJ_KEYS), adj)
    _check_keys(adj, _ADJ_KEYS, source, "adjustments.")
    if not adj:
        raise _fail(source, "adjustments", "at least one of " + ", ".join(_ADJ_KEYS), {})

    enrolments: dict[str, float] = {}
    if "extra_monthly_enrolments" in adj:
        table = adj["extra_monthly_enrolments"]
        key = "adjustments.extra_monthly_enrolments"
        if not isinstance(table, dict) or not table:
            raise _fail(source, key, "a table of metric = persons a month, e.g. "
                        "{ active_bpu = 150000 }", table)
        for metric, value in table.items():
            if metric not in ENROLMENT_METRICS:
                raise ParameterError(f"{source}: unknown key '{key}.{metric}'"
                                     f"{near_key(metric, ENROLMENT_METRICS)}; valid keys in "
                                     f"[{key}]: {', '.join(ENROLMENT_METRICS)}")
            if not _number(value) or not 0 <= value <= MAX_MONTHLY_ENROLMENTS:
                raise _fail(source, f"{key}.{metric}", f"persons a month, a number from 0 to "
                            f"{MAX_MONTHLY_ENROLMENTS:,}", value)
            enrolments[metric] = float(value)

    investment_return = None
    if "investment_return" in adj:
        value = adj["investment_return"]
        lo, hi = RETURN_RANGE
        if not _number(value) or not lo <= value <= hi:
            raise _fail(source, "adjustments.investment_return",
                        f"a fraction per year from {lo} to {hi} (write 0.08 for 8 %)", value)
        investment_return = float(value)

    shock = None
    if "shock" in adj:
        table = adj["shock"]
        if not isinstance(table, dict):
            raise _fail(source, "adjustments.shock", "a table with year, like and scale", table)
        _check_keys(table, _SHOCK_KEYS, source, "adjustments.shock.")
        for required in ("year", "like"):
            if required not in table:
                raise _fail(source, f"adjustments.shock.{required}", "a whole year", None)
        scale = table.get("scale", 1.0)
        lo, hi = SCALE_RANGE
        if not _number(scale) or not lo <= scale <= hi:
            raise _fail(source, "adjustments.shock.scale",
                        f"a number from {lo} to {hi} (1 repeats the year in full)", scale)
        shock = Shock(year=_year(table["year"], source, "adjustments.shock.year"),
                      like=_year(table["like"], source, "adjustments.shock.like"),
                      scale=float(scale))
    return Scenario(name=name.strip(), description=description.strip(), enrolments=enrolments,
                    investment_return=investment_return, shock=shock, source=source)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario TOML file.

    Raises
    ------
    ParameterError
        If the file is missing, is not TOML, or fails validation (see
        :func:`parse_scenario`).
    """
    path = Path(path)
    found = not_a_file(path)
    if found == NOT_FOUND:
        raise ParameterError(f"scenario: file not found: {path}")
    if found is not None:
        raise ParameterError(f"scenario: {path}: expected a TOML file, found {found}")
    # No read permission, a device or pipe swapped in, 200 MB: the input, not a fault.
    raw = read_input(path, "a TOML file", ParameterError, MAX_TOML_BYTES)
    try:
        data = loads_toml(decode_utf8(raw, str(path)), str(path))
    except tomllib.TOMLDecodeError as exc:
        raise ParameterError(f"{path}: expected a TOML file, found a syntax error ({exc})") \
            from None
    return parse_scenario(data, str(path))
