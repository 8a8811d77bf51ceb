"""The order of a report's targets: the scheme's headline targets first, then by date."""

from __future__ import annotations

from typing import Iterable

from ..headline import declared, marks_of, matches

#: Metrics whose verdicts the summary opens with in a run from before schemes (workers and
#: funds): the shipped data's, whose scheme names them as its headline now.
HEADLINE_METRICS = ("active_total", "fund_investment")


def is_headline(entry: dict, results: dict | None) -> bool:
    """Whether a target of ``results`` is one of its scheme's headline targets: the entry
    says so (``"headline": true``) or its scheme names it (:mod:`forecast.headline`)."""
    if "headline" in entry:
        return bool(entry["headline"])
    return any(matches(entry, mark) for mark in marks_of(results))


def ordered_targets(results: dict) -> list[dict]:
    """The assessed targets, headline targets first (in the order the scheme names them),
    then the others by date and metric."""
    targets = list(results.get("targets", []))
    marks = marks_of(results)

    def rank(e):
        return next((i for i, mark in enumerate(marks) if matches(e, mark)), len(marks))

    heads = [e for e in targets if is_headline(e, results)]
    heads.sort(key=lambda e: (rank(e), e["target_date"], e["metric"]))
    rest = sorted((e for e in targets if not is_headline(e, results)),
                  key=lambda e: (e["target_date"], e["metric"]))
    return heads + rest


def headline_entries(results: dict, metrics: Iterable[str] | None = None) -> list[dict]:
    """Per metric, the target with the latest date (the one a fan chart is drawn for)."""
    latest: dict[str, dict] = {}
    for entry in results.get("targets", []):
        if metrics is not None and entry["metric"] not in metrics:
            continue
        if entry["metric"] not in latest or entry["target_date"] > \
                latest[entry["metric"]]["target_date"]:
            latest[entry["metric"]] = entry
    if metrics is not None:
        order = list(metrics)
    else:  # the metrics in the order of their first target in ordered_targets
        order = list(dict.fromkeys(e["metric"] for e in ordered_targets(results)))
    return [latest[m] for m in order if m in latest]


def headline_targets(results: dict | None) -> list[dict]:
    """The targets a report leads with: those its scheme names as headline
    (:mod:`forecast.headline`), else the latest target of each named metric (where the
    named targets are not among those assessed), of each metric of a scheme naming none,
    or of each of :data:`HEADLINE_METRICS` in a run from before schemes."""
    if not results:
        return []
    named = declared(results)
    heads = [e for e in ordered_targets(results) if is_headline(e, results)] if named else []
    # A scheme naming none: the latest target of each of its metrics. Its ids are its own
    # (one using 'active_total' for the fund model had its coverage verdicts left out).
    return heads or headline_entries(results, named or (
        None if isinstance(results.get("scheme"), dict) else HEADLINE_METRICS))
