"""The scheme description of a data directory (``scheme.toml``): what its numbers are.

A data directory may hold a ``scheme.toml`` beside its four CSV files. It names the scheme
(in English and Bahasa Indonesia), the top region, the region levels in order, the currency
and the units, the metric vocabulary with labels in both languages, and for every coverage
metric its numerator count, its denominator metric and the ceiling metric of participation;
a metric that is an amount over a year (money paid in it) says ``flow = true``.
A folder without the file keeps the defaults of :mod:`forecast.config` (the shipped data).

Every problem with the file is one :class:`~forecast.errors.DataError` line naming the file,
the key, what was expected and what was found.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import config
from .datadir import check_data_dir
from .errors import DataError
from .fiscal import CALENDAR, clip_window, parse_year_end, shift_days
from .headline import as_json, parse_headline, window_years
from .money import parse_scale
from .safepath import MAX_TOML_BYTES, NOT_FOUND, check_inside, not_a_file, read_input
from .schemedates import DAYS, parse_dates
from .schemelimits import check_scheme_sizes
from .textsafe import check_text, decode_utf8, loads_toml, visible
from .tomlshown import near_key, toml_shown
from .unitscale import check_unit_scales

SCHEME_FILE = "scheme.toml"
LANGS = ("en", "id")
#: Largest year-end tolerance: more would call a mid-year reading a year-end one.
MAX_TOLERANCE_DAYS = 31
#: Largest unit max: plain rupiah of 50 times Indonesia's GDP; 1e300 overflowed the models.
MAX_UNIT_MAX = 1e18
_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_UNIT_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_TOP_KEYS = {"scheme", "dates", "units", "metrics"}
_SCHEME_KEYS = {"name", "top_region", "levels", "currency", "year_end_tolerance_days",
                "region_code_digits", "year_end", "headline", "whole_levels"}
_METRIC_KEYS = {"unit", "en", "id", "description", "ceiling", "numerator", "denominator",
                "denominators", "flow"}


@dataclass(frozen=True)
class Metric:
    """One metric of the vocabulary.

    ``numerator``, ``denominator`` and ``ceiling`` are set for a coverage metric (a share of
    ``denominator`` counted by ``numerator``; ``ceiling`` bounds participation); a count may
    have a ``ceiling`` only. ``denominators`` lists the values the ``denominator`` column of
    a coverage row may take (the bases sources state). ``flow`` marks an amount over a
    year (money received or paid in it): a reading during the year is the year to date,
    never a level to set beside year-ends, nowcast from or judge a year-end by.
    """

    id: str
    unit: str
    labels: dict[str, str]
    description: str = ""
    ceiling: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    denominators: tuple[str, ...] = ()
    flow: bool = False

    @property
    def is_coverage(self) -> bool:
        return self.numerator is not None


@dataclass(frozen=True)
class Unit:
    id: str
    max: float
    labels: dict[str, str]
    why: str = ""
    scale: float | None = None  # currency units in one unit of a value (forecast.money)


@dataclass(frozen=True)
class Scheme:
    """A validated scheme description (see the module docstring)."""

    name: dict[str, str]
    top_region: str
    levels: tuple[str, ...]
    currency: str
    units: dict[str, Unit]
    metrics: dict[str, Metric]
    date_windows: dict[str, tuple[str, str]]
    year_end_tolerance_days: int = 7
    #: Allowed digit counts of a region code (the ``bps_code`` column); empty: any short code.
    region_code_digits: tuple[int, ...] = ()
    #: The day the scheme's year ends ("06-30"; :mod:`forecast.fiscal`).
    year_end: str = CALENDAR
    #: The top region's headline targets (metric, year, value or None): forecast.headline
    headline: tuple = ()
    #: The levels whose listed regions make up all of the region above them (reconciliation
    #: scales them up or down); any other level is only scaled down.
    whole_levels: tuple[str, ...] = ()
    #: Where it was read from; None for the built-in default.
    path: Path | None = field(default=None, compare=False)

    @property
    def shift_days(self) -> int:
        """Days every date moves into fiscal time (0 for calendar years)."""
        return shift_days(self.year_end)

    def unit_of(self, metric: str) -> str:
        return self.metrics[metric].unit

    def label(self, metric: str, lang: str = "en") -> str:
        m = self.metrics.get(metric)
        return m.labels.get(lang, m.labels["en"]) if m else metric

    def scheme_name(self, lang: str = "en") -> str:
        return self.name.get(lang, self.name["en"])

    def is_coverage(self, metric: str) -> bool:
        return bool((m := self.metrics.get(metric)) and m.is_coverage)

    def is_flow(self, metric: str) -> bool:
        """Whether ``metric`` is declared a flow over the year (``flow = true``)."""
        return bool((m := self.metrics.get(metric)) and m.flow)

    @property
    def coverage_metrics(self) -> tuple[str, ...]:
        return tuple(k for k, m in self.metrics.items() if m.is_coverage)

    def share_bound(self, metric: str) -> float | None:
        """100 for a metric whose unit is a percentage (a unit with ``max = 100``), else None.

        Such a metric is a share of a whole: projected on the logit of its share of 100
        even when no ceiling series bounds it (a scheme's own percent unit, whatever its id).
        """
        m = self.metrics.get(metric)
        unit = self.units.get(m.unit) if m else None
        return 100.0 if unit is not None and unit.max == 100 else None

    def ceiling_of(self, metric: str) -> str | None:
        """The metric bounding ``metric``'s saturating models: its own ``ceiling``, else the
        ceiling of a coverage metric that counts it as numerator."""
        m = self.metrics.get(metric)
        if m is None or m.is_coverage:
            return None
        if m.ceiling:
            return m.ceiling
        for cov in self.metrics.values():
            if cov.is_coverage and cov.numerator == metric:
                return cov.ceiling
        return None

    @property
    def ceilings(self) -> dict[str, str]:
        """Count metric -> ceiling metric, for every count that has one."""
        return {k: c for k in self.metrics if (c := self.ceiling_of(k))}

    @property
    def projected_metrics(self) -> tuple[str, ...]:
        """Counts projected for every region, target or not: the numerators of the coverage
        metrics, else config.PROJECTED_METRICS present in the vocabulary."""
        nums = tuple(dict.fromkeys(m.numerator for m in self.metrics.values()
                                   if m.is_coverage))
        return nums or tuple(m for m in config.PROJECTED_METRICS if m in self.metrics)

    def level_rank(self, level: str) -> int:
        return self.levels.index(level)

    def _is_count_unit(self, unit: str) -> bool:
        """Whether ``unit`` counts people: the unit of a coverage metric's numerator,
        denominator or ceiling, or of a metric bounded by a ceiling."""
        counted = {self.metrics[x].unit for m in self.metrics.values() if m.is_coverage
                   for x in (m.numerator, m.denominator, m.ceiling)}
        counted |= {m.unit for m in self.metrics.values() if m.ceiling and not m.is_coverage}
        return unit in counted

    def as_dict(self) -> dict:
        """What results.json carries, so a report names the scheme without the data folder."""
        return {"name": dict(self.name), "top_region": self.top_region,
                "levels": list(self.levels), "currency": self.currency,
                "units": {u.id: {"labels": dict(u.labels), "max": u.max,
                                 "count": self._is_count_unit(u.id)}
                          for u in self.units.values()},
                "metrics": {m.id: {"unit": m.unit, "labels": dict(m.labels),
                                   **({"flow": True} if m.flow else {}),
                                   **({"numerator": m.numerator, "denominator": m.denominator,
                                       "ceiling": m.ceiling} if m.is_coverage else {})}
                            for m in self.metrics.values()},
                "headline": as_json(self.headline), "whole_levels": list(self.whole_levels),
                **({"year_end": self.year_end} if self.year_end != CALENDAR else {})}


# ---------------------------------------------------------------------------- default

_DEFAULT_CEILING = "working_population"
_DEFAULT_BOUNDED = ("active_total", "active_pu", "active_bpu", "active_jakon", "active_pmi",
                    "registered_total")


def default_scheme() -> Scheme:
    """The shipped BPJS Ketenagakerjaan scheme, built from :mod:`forecast.config` (what a
    data folder without ``scheme.toml`` means)."""
    metrics = {}
    for mid, (unit, text) in config.METRICS.items():
        en, id_ = config.METRIC_LABELS.get(mid, (mid, mid))
        extra = {}
        if mid in _DEFAULT_BOUNDED:
            extra["ceiling"] = _DEFAULT_CEILING
        if mid in config.FLOW_METRICS:
            extra["flow"] = True
        if mid == "coverage_pct":
            extra = {"numerator": "active_total", "denominator": "working_population",
                     "ceiling": _DEFAULT_CEILING, "denominators": config.DENOMINATORS}
        metrics[mid] = Metric(id=mid, unit=unit, labels={"en": en, "id": id_},
                              description=text, **extra)
    units = {u: Unit(id=u, max=float(config.VALUE_MAX[u]),
                     labels=dict(zip(LANGS, config.UNIT_LABELS[u])),
                     why=config.VALUE_MAX_WHY[u]) for u in config.UNITS}
    return Scheme(name={"en": "BPJS Ketenagakerjaan (employment social security, Indonesia)",
                        "id": "BPJS Ketenagakerjaan"},
                  top_region=config.DEFAULT_REGION, levels=config.REGION_LEVELS,
                  currency="IDR", units=units, metrics=metrics,
                  date_windows=dict(config.DATE_WINDOWS),
                  year_end_tolerance_days=config.YEAR_END_TOLERANCE_DAYS,
                  region_code_digits=(2, 4),
                  headline=tuple((m, y, None) for r, m, y, _ in config.HEADLINE_TARGETS
                                 if r == config.DEFAULT_REGION),
                  whole_levels=config.WHOLE_LEVELS)


# ---------------------------------------------------------------------------- reading


def load_scheme(data_dir: str | Path) -> Scheme:
    """The scheme of a data directory: its ``scheme.toml``, else :func:`default_scheme`.

    Raises ``DataError``: one line naming the file and key, what was expected and found.
    """
    path = Path(data_dir) / SCHEME_FILE
    found = not_a_file(path)
    if found == NOT_FOUND:  # only no file at all means the default (never a broken link)
        return default_scheme()
    if found is not None:
        check_data_dir(Path(data_dir))  # a data folder that is a file is named as such
        raise DataError(f"{path}: cannot be read: expected a TOML file, found {found}")
    check_inside(path, path.parent, str(path), error=DataError)  # as the CSV files are
    text = decode_utf8(read_input(path, "a TOML file", DataError, MAX_TOML_BYTES), str(path), DataError)
    try:
        raw = loads_toml(text, str(path), DataError)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: not valid TOML ({' '.join(str(exc).split())})") from None
    return parse_scheme(raw, path)


def _fail(path, key: str, expected: str, found) -> DataError:
    return DataError(f"{path}: key '{key}': expected {expected}, found {toml_shown(found)}")


def _unknown(table: dict, allowed: set, path, where: str) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise DataError(f"{path}: {where}: unknown key(s) {', '.join(extra)}"
                        f"{near_key(extra, sorted(allowed))}; valid keys: "
                        f"{', '.join(sorted(allowed))}")


def _text(value, path, key: str, limit: int = 200) -> str:
    if not isinstance(value, str) or not visible(value):  # not spaces or joiners alone
        raise _fail(path, key, f"a non-empty one-line text of at most {limit} characters",
                    value)
    # Labels reach the PDFs and the terminal: no control or bidirectional characters.
    check_text(value, f"{path}: key '{key}'", limit=limit, error=DataError)
    return value.strip()


def _labels(table: dict, path, key: str) -> dict[str, str]:
    return {lang: _text(table.get(lang), path, f"{key}.{lang}") for lang in LANGS}


def _parse_units(raw, path) -> dict[str, Unit]:
    if not isinstance(raw, dict) or not raw:
        raise _fail(path, "units", "a table of units, e.g. [units.persons]", raw)
    units = {}
    for uid, spec in raw.items():
        key = f"units.{uid}"
        if not _UNIT_ID.match(uid):
            raise _fail(path, key, "a unit id of letters, digits and '_' (at most 40)", uid)
        if not isinstance(spec, dict):
            raise _fail(path, key, "a table with max, en and id", spec)
        _unknown(spec, {"max", "en", "id", "why", "scale"}, path, key)
        high = spec.get("max")
        if isinstance(high, bool) or not isinstance(high, (int, float)) \
                or not 0 < high <= MAX_UNIT_MAX:  # NaN too; 1e300 overflowed the models
            raise _fail(path, f"{key}.max", "a positive number up to 1e18 (the largest "
                        "value a cell may carry)", high)
        units[uid] = Unit(id=uid, max=float(high), labels=_labels(spec, path, key),
                          why=_text(spec["why"], path, f"{key}.why") if "why" in spec
                          else "the largest value the scheme file allows",
                          scale=parse_scale(spec, path, key, _fail))
    return units


def _parse_metrics(raw, units: dict[str, Unit], path) -> dict[str, Metric]:
    if not isinstance(raw, dict) or not raw:
        raise _fail(path, "metrics", "a table of metrics, e.g. [metrics.active_total]", raw)
    metrics = {}
    for mid, spec in raw.items():
        key = f"metrics.{mid}"
        if not _ID.match(mid):
            raise _fail(path, key, "a metric id of lowercase letters, digits and '_' "
                        "(at most 40)", mid)
        if not isinstance(spec, dict):
            raise _fail(path, key, "a table with unit, en and id", spec)
        _unknown(spec, _METRIC_KEYS, path, key)
        unit = spec.get("unit")
        if not isinstance(unit, str) or unit not in units:  # unit = ["x"]: a TypeError
            raise _fail(path, f"{key}.unit", f"one of the units {', '.join(units)}", unit)
        refs = {}
        for ref in ("ceiling", "numerator", "denominator"):
            if ref in spec:
                refs[ref] = _text(spec[ref], path, f"{key}.{ref}", 40)
        dens = spec.get("denominators", [])
        if not isinstance(dens, list) or not all(isinstance(d, str) and _ID.match(d)
                                                 for d in dens):
            raise _fail(path, f"{key}.denominators", "a list of ids such as "
                        "[\"labour_force\"]", dens)
        flow = spec.get("flow", False)
        if not isinstance(flow, bool) or (flow and "numerator" in spec):
            raise _fail(path, f"{key}.flow", "true (an amount over a year, e.g. money paid "
                        "in it) or false (a level), and false for a coverage metric", flow)
        metrics[mid] = Metric(id=mid, unit=unit, labels=_labels(spec, path, key),
                              description=_text(spec["description"], path,
                                                f"{key}.description", 300)
                              if "description" in spec else "",
                              denominators=tuple(dens), flow=flow, **refs)
    for m in metrics.values():
        key = f"metrics.{m.id}"
        for ref in ("ceiling", "numerator", "denominator"):
            other = getattr(m, ref)
            if other is not None and other not in metrics:
                err = _fail(path, f"{key}.{ref}", f"a metric of this file "
                            f"({', '.join(metrics)})", other)
                raise DataError(f"{err}{near_key(other, metrics)}")
        parts = {"numerator": m.numerator, "denominator": m.denominator, "ceiling": m.ceiling}
        if (m.numerator, m.denominator) != (None, None) and None in parts.values():
            missing = [n for n, p in parts.items() if p is None]
            raise DataError(f"{path}: {key}: a coverage metric needs numerator, denominator "
                            f"and ceiling; missing {', '.join(missing)}")
        if m.is_coverage:
            if units[m.unit].max != 100:  # the unit's max is the key at fault, named too
                raise DataError(f"{path}: key '{key}.unit': expected a percent unit (max = "
                                f"100) for a coverage metric, found {toml_shown(m.unit)}, "
                                f"whose units.{m.unit}.max is {units[m.unit].max:g}")
            for ref in ("numerator", "denominator", "ceiling"):
                other = metrics[getattr(m, ref)]
                if other.is_coverage or units[other.unit].max == 100:
                    raise _fail(path, f"{key}.{ref}", "a count metric, not a share",
                                other.id)
            if m.numerator in (m.denominator, m.ceiling):  # pop / pop: 100% whatever is read
                ref = "denominator" if m.numerator == m.denominator else "ceiling"
                raise _fail(path, f"{key}.{ref}", f"a metric other than the numerator "
                            f"{m.numerator!r}", m.numerator)
            if metrics[m.numerator].unit != metrics[m.denominator].unit:
                raise _fail(path, f"{key}.denominator", f"a metric in the numerator's unit "
                            f"{metrics[m.numerator].unit!r}", m.denominator)
        elif m.denominators:
            raise _fail(path, f"{key}.denominators", "no denominators for a metric that "
                        "is not a coverage metric (it has no numerator)", list(m.denominators))
        elif m.ceiling is not None and (metrics[m.ceiling].unit != m.unit
                                        or m.ceiling == m.id):
            raise _fail(path, f"{key}.ceiling", f"another metric in unit {m.unit!r}",
                        m.ceiling)
    for m in metrics.values():  # A under B under A: each bounded by a projection of the other
        chain = [m.id]
        while metrics[chain[-1]].ceiling is not None and not m.is_coverage:
            chain.append(metrics[chain[-1]].ceiling)
            if chain[-1] in chain[:-1]:
                raise _fail(path, f"metrics.{m.id}.ceiling", "ceilings that end at a metric "
                            "without one", " -> ".join(chain))
    return metrics


def parse_scheme(raw: dict, path: str | Path = SCHEME_FILE) -> Scheme:
    """Validate the parsed TOML of a scheme file (see :func:`load_scheme`)."""
    _unknown(raw, _TOP_KEYS, path, "top level")
    check_scheme_sizes(raw, path)
    head = raw.get("scheme")
    if not isinstance(head, dict):
        raise _fail(path, "scheme", "a table [scheme] with name, top_region, levels and "
                    "currency", head)
    _unknown(head, _SCHEME_KEYS, path, "scheme")
    name = head.get("name")
    if not isinstance(name, dict):
        raise _fail(path, "scheme.name", "a table with en and id, e.g. "
                    "name = { en = \"...\", id = \"...\" }", name)
    _unknown(name, set(LANGS), path, "scheme.name")  # "fr": a language no report speaks
    name = _labels(name, path, "scheme.name")
    top = head.get("top_region")
    if not isinstance(top, str) or not _SLUG.match(top):
        raise _fail(path, "scheme.top_region", "a region id (lowercase slug) of "
                    "regions.csv", top)
    levels = head.get("levels")
    if not isinstance(levels, list) or not levels or not all(
            isinstance(v, str) and _SLUG.match(v) for v in levels) or \
            len(set(levels)) != len(levels):
        raise _fail(path, "scheme.levels", "a list of distinct level ids, top first, e.g. "
                    "[\"national\", \"province\"]", levels)
    whole = head.get("whole_levels", [])
    if not isinstance(whole, list) or not all(v in levels[1:] for v in whole):
        raise _fail(path, "scheme.whole_levels", "a list of levels of scheme.levels below the "
                    f"top ({', '.join(levels[1:]) or 'none'}) whose regions make up all of the "
                    "region above them", whole)
    currency = head.get("currency")
    if not isinstance(currency, str) or not _CURRENCY.match(currency):
        raise _fail(path, "scheme.currency", "an ISO 4217 code such as EUR", currency)
    tol = head.get("year_end_tolerance_days", config.YEAR_END_TOLERANCE_DAYS)
    if isinstance(tol, bool) or not isinstance(tol, int) or not 0 <= tol <= \
            MAX_TOLERANCE_DAYS:
        raise _fail(path, "scheme.year_end_tolerance_days", f"a whole number of days from "
                    f"0 to {MAX_TOLERANCE_DAYS}", tol)
    digits = head.get("region_code_digits", [])
    if not isinstance(digits, list) or not all(
            isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 12 for d in digits):
        raise _fail(path, "scheme.region_code_digits", "a list of digit counts such as "
                    "[2, 4] (or [] for any code)", digits)
    year_end = parse_year_end(head.get("year_end", CALENDAR), path)
    units = _parse_units(raw.get("units"), path)
    metrics = _parse_metrics(raw.get("metrics"), units, path)
    # Fiscal time moves dates later: a window's end is clipped so they stay in pandas' range.
    windows = {k: (lo, clip_window(hi, shift_days(year_end), DAYS[1]))
               for k, (lo, hi) in parse_dates(raw.get("dates"), path).items()}
    heads = parse_headline(head.get("headline"), metrics, path,
                           window_years(windows.get("target", config.DATE_WINDOWS["target"])))
    scheme = Scheme(name=name, top_region=top, levels=tuple(levels), currency=currency,
                    units=units, metrics=metrics, date_windows=windows,
                    year_end_tolerance_days=tol, region_code_digits=tuple(digits),
                    year_end=year_end, headline=heads,
                    whole_levels=tuple(dict.fromkeys(whole)), path=Path(path))
    check_unit_scales(scheme, path)  # a count's scale in both labels, said once
    return scheme

