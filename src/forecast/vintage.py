"""Vintages: the panel as it was known at a date, in two readings.

An observation is known from the day its source was published (``sources.published``); a
target from the day it was stated (its source's publication). See :func:`vintage`.
"""

from __future__ import annotations

import dataclasses


import pandas as pd

from .data import Panel, parse_as_of
from .datafile import published_end
from .errors import ParameterError
from .fiscal import to_internal

VINTAGE_BASES = ("published", "date")


def check_vintage_basis(basis, name: str = "vintage") -> str:
    """``basis`` if it is one of :data:`VINTAGE_BASES`, else a one-line ParameterError
    naming the parameter ``name``."""
    if basis not in VINTAGE_BASES:
        raise ParameterError(f"{name}: expected one of {', '.join(VINTAGE_BASES)}, "
                             f"found {basis!r}")
    return basis

def known_from(panel: Panel) -> tuple[pd.Series, pd.Series]:
    """When each observation and each target became known.

    An observation is known from the publication date of its source (``sources.published``,
    see :func:`published_end`), and never before its own date; a target is known from the
    publication date of its source, the date it was stated. Where the source has no
    publication date, an observation is taken as known at its own date (as a date cut would)
    and a target as not known at any cut (NaT), so it is only assessed in the date reading.

    Returns
    -------
    (pandas.Series, pandas.Series)
        Timestamps aligned with ``panel.observations`` and ``panel.targets``.
    """
    # Publication days are the calendar's; the panel is in fiscal time (forecast.fiscal).
    ends = {sid: to_internal(end, panel.scheme.shift_days) if end is not None else None
            for sid, text in zip(panel.sources["id"], panel.sources["published"])
            for end in [published_end(text)]}
    obs = panel.observations
    pub = pd.Series([ends.get(sid) for sid in obs["source_id"]], index=obs.index,
                    dtype="datetime64[ns]")
    obs_known = pub.where(pub.notna() & (pub > obs["date"]), obs["date"])
    tgt = panel.targets
    tgt_known = pd.Series([ends.get(sid) for sid in tgt["source_id"]], index=tgt.index,
                          dtype="datetime64[ns]")
    return obs_known, tgt_known


def vintage(panel: Panel, as_of: str | int | pd.Timestamp | None,
            basis: str = "published") -> Panel:
    """The panel as seen at ``as_of``, in one of two readings.

    Parameters
    ----------
    panel : Panel
    as_of : year, date or None
        See :func:`parse_as_of`; None returns ``panel`` unchanged.
    basis : {"published", "date"}, default "published"
        ``"published"``: as known at ``as_of``. Observations dated on or before it whose
        source was published by then, and the targets stated by then (see
        :func:`known_from`). ``"date"``: with the values dated up to ``as_of``, whenever
        published; every target is kept (the behaviour before vintages knew publication).

    Returns
    -------
    Panel
        Sources and regions unchanged.

    Raises
    ------
    ParameterError
        If ``as_of`` or ``basis`` is not valid.
    """
    check_vintage_basis(basis, "basis")
    cut = parse_as_of(as_of, shift=panel.scheme.shift_days)
    if cut is None:
        return panel
    obs_ok = panel.observations["date"] <= cut
    targets = panel.targets
    if basis == "published":
        obs_known, _ = known_from(panel)
        obs_ok &= obs_known <= cut
        targets = stated_by(panel, cut)
    # replace(), not Panel(...): every other field (the scheme among them) is kept as is.
    return dataclasses.replace(
        panel, observations=panel.observations[obs_ok].reset_index(drop=True),
        targets=targets.reset_index(drop=True))


def stated_by(panel: Panel, cut: pd.Timestamp) -> pd.DataFrame:
    """The targets as stated by ``cut``: each read from the latest of its statements whose
    source was published by then.

    The data keeps one statement per target, the latest published, and the others beside
    it (``other_sources``, :func:`forecast.data.choose_statements`). A target restated after
    ``cut`` was dropped whole, though its first statement was known: as known at mid-2024,
    a target of 2023 restated in October 2024 went unassessed. Now the statement known then
    stands in; the ones published after ``cut`` leave ``other_sources`` too. A target with
    no statement known by ``cut`` is left out (stated later).
    """
    shift = panel.scheme.shift_days
    known = {sid: to_internal(end, shift) for sid, text in
             zip(panel.sources["id"], panel.sources["published"])
             if (end := published_end(text)) is not None}
    then = lambda sid: sid in known and known[sid] <= cut  # noqa: E731
    rows = []
    for _, row in panel.targets.iterrows():
        others = list(row.get("other_sources") or [])
        said = [{"source_id": row["source_id"], "value": float(row["value"]),
                 "note": row["note"]}, *others]  # the latest published first
        said = [s for s in said if then(s["source_id"])]
        if not said:
            continue
        first = said[0]
        rows.append({**row.to_dict(), "source_id": first["source_id"], "value": first["value"],
                     "note": first["note"], "other_sources": said[1:]})
    if not rows:
        return panel.targets.iloc[0:0]
    out = pd.DataFrame(rows, columns=panel.targets.columns)
    return out.astype({c: t for c, t in panel.targets.dtypes.items() if c != "other_sources"})



def published_later(panel: Panel, cut: pd.Timestamp | None, region: str,
                    basis: str = "published") -> int:
    """How many of ``region``'s readings dated by ``cut`` the published reading of it
    leaves out because their source came out after it (a reading of 2020 in a report of
    2025, as known at end-2022); 0 for all data or the date reading."""
    if cut is None or basis != "published":
        return 0
    obs_known, _ = known_from(panel)
    obs = panel.observations
    return int(((obs["region"] == region) & (obs["date"] <= cut) & (obs_known > cut)).sum())
