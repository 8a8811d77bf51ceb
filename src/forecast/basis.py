"""The readings behind a target's answer besides its own series, so that its sources cite them.

A target's probability rests on more than the readings of its own metric: the ceiling bounds
every path of a count (participants never above the working population), a coverage share is
moved from its anchor reading with a count over its base, and a region with little history
borrows its growth from the scheme's top region (:mod:`forecast.regional`). Each of those
series is data the answer uses, so each of their sources is cited beside it.
"""

from __future__ import annotations

from .data import Panel


def basis_series(panel: Panel, region: str, entry: dict) -> set[tuple[str, str]]:
    """``(region, metric)`` of each series a target entry's projection rests on, besides
    its own: the ceiling where it is used, the count and base that move a coverage share,
    and the top region's series where the region was pooled with it."""
    out = set()
    ceiling = entry.get("ceiling") or {}
    if ceiling.get("metric") and not ceiling.get("reason"):  # a reason: it is not used
        out.add((region, ceiling["metric"]))
    basis = entry.get("coverage_basis") or {}
    coverage = (entry.get("data_quality") or {}).get("coverage") or {}
    if basis:
        moved_by = basis.get("participants_from") or region
        out |= {(moved_by, coverage[key]) for key in
                ("numerator", "denominator_metric", "ceiling_metric") if coverage.get(key)}
    if entry.get("pooling"):
        out.add((panel.scheme.top_region, entry["metric"]))
    return out - {(region, entry["metric"])}


def basis_sources(panel: Panel, region: str, entry: dict) -> list[str]:
    """The entry's own sources and those of every reading of :func:`basis_series` in
    ``panel`` (a run's panel is cut to what was known at its ``as_of``), sorted."""
    obs = panel.observations
    pairs = basis_series(panel, region, entry)
    keys = list(zip(obs["region"], obs["metric"]))
    extra = {sid for key, sid in zip(keys, obs["source_id"]) if key in pairs}
    return sorted((set(entry.get("sources") or []) | extra) - {""})
