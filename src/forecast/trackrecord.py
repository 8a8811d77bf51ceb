"""Our track record: the engine re-run as of past year-ends, scored on what happened.

:func:`track_record` re-runs the region as of each past year-end (the engine as it is now,
on the vintage of the data known then: :func:`forecast.vintage.vintage` with the given
``basis``), with a small number of paths. Every target assessed then whose outcome is now
known (:func:`outcome`: a reading of the target's region and metric at its date, in the
whole panel) is one scored forecast: the probability given then against met (1) or missed
(0). :func:`score` gives the Brier score (mean squared difference), the reliability table
(per probability band of the reports: forecasts, mean probability, share met) and, per band,
how many were met. The same runs give each target's probability vintage by vintage (the
headline's evolution).

The ``track_record`` field (results.json, national run with ``--track-record``)::

    track_record: {basis, n_paths, vintages: [as_of...],
                   forecasts: [{as_of, metric, target_value, target_date, probability,
                                outcome_value, outcome_date, met}],
                   n, brier, bands: [{band, n, met, missed, mean_probability,
                                      share_met}],
                   evolution: [{metric, target_value, target_date,
                                points: [{as_of, probability}]}]}

``brier`` is null when no outcome is known yet.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from .data import Panel, select

#: Probability bands (upper bound, exclusive; key): the reports' bands
#: (:data:`forecast.report.words.BANDS`), repeated here so the engine side does not import
#: the report side; tests/test_trackrecord.py checks they are the same.
BANDS = ((0.05, "very_unlikely"), (0.33, "unlikely"), (0.67, "even"), (0.95, "likely"),
         (float("inf"), "very_likely"))
#: A reading this close to the target date is its outcome (a year-end target read in
#: early January or late December).
OUTCOME_DAYS = 31


def band_of(p: float) -> str:
    """The band key of a probability."""
    return next(key for upper, key in BANDS if p < upper)


def outcome(panel: Panel, region: str, metric: str, target_date: str) -> tuple | None:
    """The reading that settles a target: (date, value) nearest its date within
    :data:`OUTCOME_DAYS` days, in the whole panel; None when it is not known."""
    series = select(panel, region, metric, annual=False)
    if len(series) == 0:
        return None
    when = pd.Timestamp(target_date)
    gaps = [abs((pd.Timestamp(d) - when).days) for d in series.dates]
    i = int(np.argmin(gaps))
    if gaps[i] > OUTCOME_DAYS:
        return None
    return series.dates[i], float(series.values[i])


def score(forecasts: list[dict]) -> dict:
    """Brier score and reliability of scored forecasts (each with ``probability`` and
    ``met``)."""
    n = len(forecasts)
    brier = (float(np.mean([(f["probability"] - f["met"]) ** 2 for f in forecasts]))
             if n else None)
    bands = []
    for _, key in BANDS:
        inside = [f for f in forecasts if band_of(f["probability"]) == key]
        met = sum(int(f["met"]) for f in inside)
        bands.append({"band": key, "n": len(inside), "met": met, "missed": len(inside) - met,
                      "mean_probability": (float(np.mean([f["probability"] for f in inside]))
                                           if inside else None),
                      "share_met": met / len(inside) if inside else None})
    return {"n": n, "brier": brier, "bands": bands}


def past_year_ends(panel: Panel, region: str, metric: str | None = None,
                   min_points: int = 3) -> list[int]:
    """Year-ends before the last one at which ``metric`` had ``min_points`` year-end
    observations (enough for the engine), earliest first. ``metric`` defaults to the
    scheme's first projected metric (``active_total`` for the shipped scheme), so another
    scheme's vocabulary works too."""
    if metric is None:
        projected = panel.scheme.projected_metrics
        if not projected:
            return []
        metric = projected[0]
    series = select(panel, region, metric)
    years = [int(round(t)) for t in series.t]
    if len(years) < min_points:
        return []
    return [y for y in range(years[min_points - 1], years[-1])]


def track_record(panel: Panel, region: str, run: Callable[..., dict], *,
                 basis: str = "published", n_paths: int = 300, seed: int = 20261231,
                 years: list[int] | None = None) -> dict:
    """Re-run ``region`` as of past year-ends and score the targets now settled.

    Parameters
    ----------
    panel : Panel
        The whole panel (outcomes are read from it).
    region : str
    run : callable
        The region run, ``run(panel, region, as_of=..., n_paths=..., seed=...,
        vintage_basis=...)`` (:func:`forecast.run.run_region`; passed in, so this module
        does not import the run that reports it).
    basis : {"published", "date"}
        The vintage reading of each past year-end.
    n_paths, seed : int
        Size and seed of each re-run (small: the track record needs many runs).
    years : list of int, optional
        The year-ends; default :func:`past_year_ends`.

    Returns
    -------
    dict
        The ``track_record`` field (module docstring).
    """
    years = past_year_ends(panel, region) if years is None else list(years)
    forecasts, evolution = [], {}
    for year in years:
        as_of = f"{year}-12-31"
        result = run(panel, region, as_of=as_of, n_paths=n_paths, seed=seed,
                     vintage_basis=basis)
        for e in result.get("targets", []):
            key = (e["metric"], e["target_value"], e["target_date"])
            evolution.setdefault(key, []).append({"as_of": as_of,
                                                  "probability": e["probability"]})
            settled = outcome(panel, region, e["metric"], e["target_date"])
            if settled is None:
                continue
            forecasts.append({"as_of": as_of, "metric": e["metric"],
                              "target_value": e["target_value"],
                              "target_date": e["target_date"],
                              "probability": e["probability"],
                              "outcome_date": settled[0], "outcome_value": settled[1],
                              "met": bool(settled[1] >= e["target_value"])})
    return {"basis": basis, "n_paths": int(n_paths), "vintages": [f"{y}-12-31" for y in years],
            "forecasts": forecasts, **score(forecasts),
            "evolution": [{"metric": m, "target_value": v, "target_date": d, "points": pts}
                          for (m, v, d), pts in sorted(evolution.items(),
                                                       key=lambda kv: (kv[0][2], kv[0][0]))]}
