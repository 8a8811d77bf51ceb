"""Why did the probability move: the change between two runs, in ordered steps.

A run is a :class:`Side`: the (already cut) panel it saw, its method (models, paths, seed,
backtest origins) and its scenario. :func:`compare` goes from A to B by substituting one
thing at a time, in this fixed order (:data:`STEPS`):

1. ``new_observations``: B's observations whose (region, metric, date) A did not have;
2. ``revised_observations``: the values B has for dates A had too (and A's dates B no
   longer has);
3. ``targets``: B's targets instead of A's (new, changed or dropped);
4. ``method``: B's models, number of paths, seed and backtest origins;
5. ``scenario``: B's scenario.

Each step's change is the run after it minus the run before it, for each target (matched by
metric and date, so a changed value is a changed target), in probability and median. The
steps telescope: they sum to B minus A exactly. What the order leaves undetermined is
reported too: each step applied alone to A (``alone``) and ``interaction``, the total minus
the sum of the steps alone (zero when the steps do not interact).

The comparison object (``forecast compare --format json``)::

    {a, b, steps: [names in order], targets: [{metric, target_date, target_value: {a, b},
     outcome: {a, b} (the status of a side where the target is past due, else null),
     probability: {a, b, total, steps: [change or null], assessed: [bool per state,
     A then after each step], alone: [...], interaction},
     median: {...}}], not_assessed: [{metric, target_date, reason}] (B's targets that no
     state assessed, with B's reason object), data_changed: [labels],
     published_later: {a, b} (an as-of side read as published: {readings, targets}, the
     region's readings dated by its date and targets whose sources came out after it;
     else null)}

A change is null when the target is not assessed on one side of the step (it appears or
disappears there: a new target, or one past due once the new observations are in).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import pandas as pd

from .data import Panel
from .errors import ParameterError
from .fiscal import CALENDAR, day_month
from .vintage import published_later

#: The substitution order (documented above; the CLI and the chart show it).
STEPS = ("new_observations", "revised_observations", "targets", "method", "scenario")
_KEY = ["region", "metric", "date"]


@dataclass(frozen=True)
class Side:
    """One run to compare: what it saw and how it was run."""

    label: str
    panel: Panel  # already cut at the run's as-of
    models: tuple[str, ...] | None = None
    n_paths: int = 1000
    seed: int = 20261231
    backtest_k: int = 3
    scenario: object = None
    #: The data folder changed since this side ran (its run's manifest recorded another
    #: data hash): the side is recomputed from the data as it is now.
    data_changed: bool = False
    #: The day (fiscal time) the panel was cut at, None for all data: a target due by then
    #: is an outcome of this side, one due after it is assessed, as ``run --as-of`` does.
    cut: pd.Timestamp | None = None
    #: An as-of side read as published: the panel before the cut, to count what its
    #: sources published after the date left out (None otherwise).
    uncut: Panel | None = None


def _observations(a: pd.DataFrame, b: pd.DataFrame, new: bool, revised: bool) -> pd.DataFrame:
    """A's observations with B's new dates added and/or B's revisions applied.

    With ``revised``, the dates both have take B's values and the dates only A has are
    dropped (B withdrew them); with ``new``, the dates only B has are added.
    """
    a_set = set(a[_KEY].astype(str).apply(tuple, axis=1))
    b_key = b[_KEY].astype(str).apply(tuple, axis=1)
    parts = [b[b_key.isin(a_set)] if revised else a]
    if new:
        parts.append(b[~b_key.isin(a_set)])
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(_KEY, kind="stable").reset_index(drop=True)


def _state(a: Side, b: Side, applied: set[str]) -> Side:
    """A with the components named in ``applied`` taken from B."""
    obs = _observations(a.panel.observations, b.panel.observations,
                        "new_observations" in applied, "revised_observations" in applied)
    targets = (b if "targets" in applied else a).panel.targets
    sources = pd.concat([b.panel.sources, a.panel.sources],
                        ignore_index=True).drop_duplicates("id")
    panel = Panel(observations=obs, targets=targets, regions=b.panel.regions,
                  sources=sources, data_dir=b.panel.data_dir, data_hash=b.panel.data_hash,
                  scheme=b.panel.scheme)
    method = b if "method" in applied else a
    # Past due at B's cut once B's observations are in, at A's before (a run on the cut
    # panel with no cut called every target due by today an outcome, not a forecast).
    cut = b.cut if "new_observations" in applied else a.cut
    return replace(a, panel=panel, cut=cut, models=method.models, n_paths=method.n_paths,
                   seed=method.seed, backtest_k=method.backtest_k,
                   scenario=(b if "scenario" in applied else a).scenario)


def _measure(run: Callable[..., dict], side: Side, region: str) -> dict:
    """(metric, target_date) -> (target_value, probability, median) of one run; its targets
    not assessed under ``None`` (their ``skipped`` entries)."""
    # The panel is already cut: its cut read as 'date' keeps all of it, and only says
    # which targets are past due.
    cut = {} if side.cut is None else {"as_of": side.cut, "vintage_basis": "date"}
    res = run(side.panel, region, **{"as_of": None, **cut}, n_paths=side.n_paths,
              seed=side.seed, models=list(side.models) if side.models else None,
              backtest_k=side.backtest_k, scenario=side.scenario)
    return {**{_key(e): (e["target_value"], e["probability"], e["median"])
               for e in res.get("targets", [])},
            None: list(res.get("skipped") or []),
            "past": {_key(o): o["status"] for o in res.get("outcomes") or []}}


def _key(e: dict) -> tuple:
    """A target's key: its metric, date and base (two coverage targets of one date on two
    bases are two targets)."""
    return e["metric"], e["target_date"], e.get("denominator")


def _left_out(side: Side, region: str) -> dict | None:
    """The region's readings dated by the side's date, and its targets, that a published
    reading left out because their sources came out after it (None: nothing was cut so)."""
    if side.uncut is None or side.cut is None:
        return None
    stated = [int((p.targets["region"] == region).sum()) for p in (side.uncut, side.panel)]
    return {"readings": published_later(side.uncut, side.cut, region),
            "targets": stated[0] - stated[1]}


def _diff(x, y):
    return None if x is None or y is None else y - x


def _same_year_end(a: Side, b: Side) -> None:
    """Refuse two sides whose schemes end their years on different days: each panel is in
    its own fiscal time, so one date matched another day (A's 31 December 2030 target was
    B's 30 June 2030 one) and every step was measured in B's calendar."""
    ends = [getattr(getattr(s.panel, "scheme", None), "year_end", CALENDAR) for s in (a, b)]
    if ends[0] != ends[1]:
        raise ParameterError(
            f"compare: expected two runs whose years end on the same day, found {a.label} "
            f"with years ending {day_month(ends[0])} and {b.label} with years ending "
            f"{day_month(ends[1])} (scheme.toml year_end); compare runs of one year-end")


def _same_scheme(a: Side, b: Side) -> None:
    """Refuse two sides of different schemes (another name or top region): their targets
    and series are not one question asked twice, and a step between them means nothing."""
    schemes = [getattr(s.panel, "scheme", None) for s in (a, b)]
    if None in schemes:
        return
    said = [(s.scheme_name("en"), s.top_region) for s in schemes]
    if said[0] != said[1]:
        raise ParameterError(
            f"compare: expected two runs of one scheme, found {a.label} of '{said[0][0]}' "
            f"(top region {said[0][1]}) and {b.label} of '{said[1][0]}' (top region "
            f"{said[1][1]}) (scheme.toml [scheme] name and top_region); compare runs of "
            f"one scheme")


def compare(a: Side, b: Side, region: str, run: Callable[..., dict]) -> dict:
    """Explain the change of each target from A to B in the steps of :data:`STEPS`.

    Parameters
    ----------
    a, b : Side
    region : str
    run : callable
        The region run (:func:`forecast.run.run_region`), called on each intermediate
        state with its side's ``cut`` as ``as_of`` (each state's panel is already cut).

    Returns
    -------
    dict
        The comparison object (module docstring).
    """
    _same_scheme(a, b)  # first: two schemes is the problem, not their two year-ends
    _same_year_end(a, b)
    chain = [_measure(run, _state(a, b, set(STEPS[:k])), region)
             for k in range(len(STEPS) + 1)]
    alone = [_measure(run, _state(a, b, {step}), region) for step in STEPS]
    # The targets assessed somewhere along the chain (a target only a step alone would
    # assess is not part of the change from A to B).
    keys = sorted({k for m in chain for k in m if isinstance(k, tuple)},
                  key=lambda k: (k[1], k[0], k[2] or ""))
    targets = []
    for key in keys:
        def get(m, i):
            return m[key][i] if key in m else None

        entry = {"metric": key[0], "target_date": key[1], "denominator": key[2],
                 "target_value": {"a": get(chain[0], 0), "b": get(chain[-1], 0)},
                 # Past due on a side: its outcome there (met, missed, not_in_data).
                 "outcome": {"a": chain[0]["past"].get(key), "b": chain[-1]["past"].get(key)}}
        for name, i in (("probability", 1), ("median", 2)):
            values = [get(m, i) for m in chain]
            steps = [_diff(x, y) for x, y in zip(values, values[1:])]
            total = _diff(values[0], values[-1])
            solo = [_diff(values[0], get(m, i)) for m in alone]
            interaction = (total - sum(solo) if total is not None
                           and all(s is not None for s in solo) else None)
            entry[name] = {"a": values[0], "b": values[-1], "total": total, "steps": steps,
                           "assessed": [v is not None for v in values],
                           "alone": solo, "interaction": interaction}
        targets.append(entry)
    # Targets B could not assess that no state of the chain assessed: why, as B says it
    # (a comparison of nothing would otherwise print only its heading).
    never = [{k: s.get(k) for k in ("metric", "target_date", "reason", "denominator")}
             for s in chain[-1][None] if _key(s) not in keys]
    return {"a": a.label, "b": b.label, "steps": list(STEPS), "targets": targets,
            "not_assessed": never,
            "data_changed": [x.label for x in (a, b) if x.data_changed],
            "published_later": {"a": _left_out(a, region), "b": _left_out(b, region)}}
