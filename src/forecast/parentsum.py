"""A region projected below its own parts: a parent's median under the sum of its
regions' medians.

The reconciliation sets each level against the top region (:func:`forecast.regional.
reconcile_run`), never a region against the regions within it. Kanwil Jawa Timur, whose
only province is Jawa Timur, was projected at 4.44M for 2026 from one reading of April
2018, beside the province's 5.66M from readings to 2025; nothing said so. The two
cannot both be right: their counts are on different bases (by office, by residence), or
the parent's readings are old. This module finds such parents; the summary says it.
"""

from __future__ import annotations

import numpy as np


def _medians(res: dict, metric: str) -> tuple[dict[int, float], dict | None] | None:
    for p in res.get("projections") or []:
        if p.get("metric") == metric and p.get("projected"):
            return {int(q["year"]): float(q["p50"]) for q in p["fan"]}, p.get("last_observed")
    return None


def below_parts(results: dict[str, dict], regions, *, metric: str, top: str) -> list[dict]:
    """Each region (not ``top``, whose levels are reconciled) whose median of ``metric`` is
    below the sum of its projected regions' medians in some year: ``{"parent", "year"``
    (the first such), ``"median"``, ``"parts_sum"``, ``"parts"`` (ids), ``"parts_listed"``
    (its regions in ``regions.csv``), ``"last_observed"`` (the parent's) and ``"years"``
    (every such year)}."""
    if "parent" not in regions:
        return []
    parent_of = {r: p for r, p in zip(regions["id"], regions["parent"])
                 if isinstance(p, str) and p}
    fans = {rid: got for rid, res in results.items()
            if (got := _medians(res, metric)) is not None}
    out = []
    for parent in sorted(set(parent_of.values()) - {top}):
        listed = [r for r, p in parent_of.items() if p == parent]
        parts = [r for r in listed if r in fans]
        if parent not in fans or not parts:
            continue
        own, last = fans[parent]
        years = sorted(set(own).intersection(*(set(fans[r][0]) for r in parts)))
        sums = {y: float(np.sum([fans[r][0][y] for r in parts])) for y in years}
        over = [y for y in years if sums[y] > own[y]]
        if over:
            out.append({"parent": parent, "year": over[0], "median": own[over[0]],
                        "parts_sum": sums[over[0]], "parts": sorted(parts),
                        "parts_listed": len(listed), "last_observed": last, "years": over})
    return out
