"""The order of a report's targets: the scheme's headline targets first, then by date."""

from __future__ import annotations

from .. import config


def is_headline(entry: dict, region: str = "national") -> bool:
    """Whether a target is one of the scheme's headline targets: the entry says so
    (``"headline": true``) or it is in :data:`forecast.config.HEADLINE_TARGETS`."""
    if "headline" in entry:
        return bool(entry["headline"])
    year = int(entry["target_date"][:4])
    return any(r == region and m == entry["metric"] and y == year
               and abs(v - entry["target_value"]) <= 1e-9 * max(abs(v), 1.0)
               for r, m, y, v in config.HEADLINE_TARGETS)


def ordered_targets(results: dict) -> list[dict]:
    """The assessed targets, headline targets first (in the order of
    :data:`forecast.config.HEADLINE_TARGETS`), then the others by date and metric."""
    region = results.get("region", "national")
    targets = list(results.get("targets", []))
    heads = [e for e in targets if is_headline(e, region)]
    marks = [(m, y) for r, m, y, _ in config.HEADLINE_TARGETS if r == region]

    def rank(e):
        key = (e["metric"], int(e["target_date"][:4]))
        return marks.index(key) if key in marks else len(marks)

    heads.sort(key=lambda e: (rank(e), e["target_date"], e["metric"]))
    rest = sorted((e for e in targets if not is_headline(e, region)),
                  key=lambda e: (e["target_date"], e["metric"]))
    return heads + rest
