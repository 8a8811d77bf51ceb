"""The scheme's headline targets: the top region's targets its reports list first.

A scheme names them in ``scheme.toml``::

    [scheme]
    headline = [{ metric = "active_total", year = 2026 },
                { metric = "fund_investment", year = 2026 }]

Each entry is the top region's target of ``metric`` due in ``year`` (``value`` may pick one
of two targets due the same year). The reports list them first, in this order, and the
summary PDF leads with them. A scheme that names none gets every target of its top region
in the summary's first table. Runs written before schemes could name them (their
results.json scheme has no ``headline``) keep :data:`forecast.config.HEADLINE_TARGETS`.
"""

from __future__ import annotations

from . import config
from .errors import DataError
from .tomlshown import near_key, toml_shown

#: At most this many headline targets: a summary leads with a few, not with all.
MAX_HEADLINE = 6
_KEYS = {"metric", "year", "value"}
_EXPECTED = ('a list of at most {n} tables such as [{{ metric = "members", year = 2030 }}] '
             "(metric: a metric of [metrics], year: the year the target is due, "
             "value: optional)")


def _fail(path, key: str, expected: str, found) -> DataError:
    return DataError(f"{path}: key '{key}': expected {expected}, found {toml_shown(found)}")


def parse_headline(raw, metrics, path, years: tuple[int, int] = (1900, 2100)
                   ) -> tuple[tuple[str, int, float | None], ...]:
    """``[scheme] headline`` validated: ``(metric, year, value or None)`` in its order.

    Raises ``DataError`` naming the file, the key, what was expected and what was found.
    """
    if raw is None:
        return ()
    if not isinstance(raw, list) or len(raw) > MAX_HEADLINE:
        raise _fail(path, "scheme.headline", _EXPECTED.format(n=MAX_HEADLINE), raw)
    out = []
    for i, item in enumerate(raw, start=1):
        key = f"scheme.headline[{i}]"
        extra = sorted(map(str, set(item) - _KEYS)) if isinstance(item, dict) else []
        if extra:  # named, not left to be spotted in the table shown
            raise DataError(f"{path}: key '{key}': unknown key(s) {', '.join(extra)}"
                            f"{near_key(extra, _KEYS)}; valid keys: metric, value, year")
        if not isinstance(item, dict) or set(item) - _KEYS or not {"metric", "year"} <= \
                set(item):
            raise _fail(path, key, "a table with metric and year (and optionally value), "
                        'e.g. { metric = "members", year = 2030 }', item)
        metric, year, value = item["metric"], item["year"], item.get("value")
        if not isinstance(metric, str) or metric not in metrics:
            raise _fail(path, f"{key}.metric", "one of the metrics of [metrics] ("
                        + ", ".join(sorted(metrics)) + ")", metric)
        if isinstance(year, bool) or not isinstance(year, int) or \
                not years[0] <= year <= years[1]:
            raise _fail(path, f"{key}.year", f"a year from {years[0]} to {years[1]} "
                        "(a whole number)", year)
        if value is not None and (isinstance(value, bool) or not isinstance(
                value, (int, float)) or not 0 < value < float("inf")):
            raise _fail(path, f"{key}.value", "a positive number (the target's value)", value)
        mark = (metric, year, None if value is None else float(value))
        if any(m == metric and y == year for m, y, _ in out):
            raise _fail(path, f"{key}", f"one entry per metric and year ({metric} {year} "
                        "is named twice)", item)
        out.append(mark)
    return tuple(out)


def as_json(marks) -> list[dict]:
    """The marks as results.json carries them (in the ``scheme`` block)."""
    return [{"metric": m, "year": y, **({} if v is None else {"value": v})}
            for m, y, v in marks]


def marks_of(results: dict | None) -> list[tuple[str, int, float | None]]:
    """The headline marks that apply to ``results``' region: its scheme's (for the top
    region only), or for a run whose scheme names none at all (written before schemes
    could) the shipped ones of :data:`forecast.config.HEADLINE_TARGETS`."""
    results = results or {}
    region = results.get("region", config.DEFAULT_REGION)
    scheme = results.get("scheme")
    if isinstance(scheme, dict) and "headline" in scheme:
        if region != scheme.get("top_region"):
            return []
        return [(h["metric"], int(h["year"]), h.get("value")) for h in scheme["headline"]]
    return [(m, y, v) for r, m, y, v in config.HEADLINE_TARGETS if r == region]


def matches(entry: dict, mark: tuple[str, int, float | None]) -> bool:
    """Whether a results.json target entry is the target a mark names."""
    metric, year, value = mark
    if entry["metric"] != metric or int(entry["target_date"][:4]) != year:
        return False
    return value is None or abs(value - entry["target_value"]) <= 1e-9 * max(abs(value), 1.0)


def declared(results: dict | None) -> list[str]:
    """The metrics of the headline targets ``results``' scheme names, in their order
    (empty where it names none, or was written before schemes could)."""
    scheme = (results or {}).get("scheme")
    if isinstance(scheme, dict) and scheme.get("headline"):
        return list(dict.fromkeys(h["metric"] for h in scheme["headline"]))
    return []


def window_years(window: tuple[str, str]) -> tuple[int, int]:
    """The years of a scheme's target date window ("today" stands for a wide end)."""
    lo, hi = (str(d)[:4] for d in window)
    return (int(lo) if lo.isdigit() else 1678, int(hi) if hi.isdigit() else 2261)
