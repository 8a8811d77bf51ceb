"""Our track record: the engine re-run as of past year-ends, scored on what happened.

:func:`track_record` re-runs the region as of each past year-end (the engine as it is now,
on the vintage of the data known then: :func:`forecast.vintage.vintage` with the given
``basis``), with a small number of paths. Two kinds of forecast are scored, the probability
given then against met (1) or missed (0):

* **targets**: every target assessed then whose outcome is now known (:func:`outcome`: a
  reading of the target's region and metric at its date, in the whole panel);
* **thresholds**: "reaches X by the end of year Y" for each metric of :func:`threshold_metrics`
  and each year-end Y one to :data:`THRESHOLD_HORIZON` years after the vintage whose value is
  now known, with X = that value times each of :data:`THRESHOLD_FACTORS` (the convention of
  ``benchmarks/accuracy.py`` and ``benchmarks/own_series.py``), answered by the same re-run
  (``questions`` of :func:`forecast.run.run_region`). They exist even where no target had
  been stated by a past year-end (the shipped targets, as published, are all recent).

:func:`score` gives the Brier score (mean squared difference), the reliability table (per
probability band of the reports: forecasts, mean probability, share met) and, per band, how
many were met; over everything settled, and per kind. The same runs give each target's
probability vintage by vintage (the headline's evolution).

The ``track_record`` field (results.json, national run with ``--track-record``)::

    track_record: {basis, basis_asked, n_paths, vintages: [as_of...],
                   threshold_factors: [0.9, 0.95, 1.05, 1.1], threshold_horizon: 3,
                   forecasts: [{kind, as_of, metric, target_value, target_date, factor,
                                probability, outcome_value, outcome_date, met}],
                   n, brier, bands: [{band, n, met, missed, mean_probability,
                                      share_met}],
                   by_kind: {target: {n, brier, bands}, threshold: {n, brier, bands}},
                   evolution: [{metric, target_value, target_date,
                                points: [{as_of, probability}]}]}

``basis`` is the reading the re-runs used; ``basis_asked`` the run's (``"published"``
with ``basis`` ``"date"``: no source had been published by any past year-end re-run, so
each re-run read the values dated up to it, as published later).

``kind`` is ``"target"`` (an official target of the data) or ``"threshold"``; for a
threshold, ``target_value`` is X and ``factor`` is X / ``outcome_value`` (None for a
target). ``n``, ``brier`` and ``bands`` are over every settled forecast, ``by_kind`` splits
them; ``evolution`` is about targets only. ``brier`` is null when nothing is settled yet.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from .data import Panel, select
from .params import check_n_paths
from .vintage import vintage

#: Probability bands (upper bound, exclusive; key): the reports' bands
#: (:data:`forecast.report.words.BANDS`), repeated here so the engine side does not import
#: the report side; tests/test_trackrecord.py checks they are the same.
BANDS = ((0.05, "very_unlikely"), (0.33, "unlikely"), (0.67, "even"), (0.95, "likely"),
         (float("inf"), "very_likely"))
#: A reading this close to the target date is its outcome (a year-end target read in
#: early January or late December).
OUTCOME_DAYS = 31
#: Thresholds around the outcome: X = the value now known times these factors (as in
#: benchmarks/accuracy.py, ACTUAL_FACTORS).
THRESHOLD_FACTORS = (0.90, 0.95, 1.05, 1.10)
#: Thresholds are asked 1 to this many years after each vintage (benchmarks: MAX_HORIZON).
THRESHOLD_HORIZON = 3
#: The two kinds of scored forecast.
KINDS = ("target", "threshold")


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


#: Year-end observations a metric needs at a year-end for the engine to re-run there.
MIN_POINTS = 3


def rerun_metric(panel: Panel, region: str, min_points: int = MIN_POINTS) -> str | None:
    """The metric whose year-ends the re-runs follow: the scheme's first projected metric
    (``active_total`` for the shipped scheme) with ``min_points`` year-end readings, else
    the region's targeted metric with the longest history, so another scheme's vocabulary
    works too; None when none has enough."""
    # Where the projected count is not read (a pension fund: no coverage, no count), the
    # region's targeted metrics carry the re-runs, the longest history first; a coverage
    # share last (a scheme that publishes only its coverage: its targets are re-run on
    # their own base, as today's run reads them).
    targeted = sorted(set(panel.targets.loc[panel.targets["region"] == region, "metric"]),
                      key=lambda m: (panel.scheme.is_coverage(m),
                                     -len(select(panel, region, m)), m))
    return next((m for m in list(panel.scheme.projected_metrics) + targeted
                 if len(select(panel, region, m)) >= min_points), None)


def published_too_late(panel: Panel, region: str, years: list[int]) -> bool:
    """Whether at none of ``years``' year-ends the sources published by then held the
    :data:`MIN_POINTS` year-end readings a re-run needs (a scheme whose whole history comes
    from recent reports: read as published, every re-run would know nothing)."""
    metric = rerun_metric(panel, region)
    if metric is None or not years:
        return False
    # What is known only grows with the date: the latest year-end decides for all of them.
    known = vintage(panel, pd.Timestamp(f"{max(years)}-12-31"), "published")
    return len(select(known, region, metric)) < MIN_POINTS


def past_year_ends(panel: Panel, region: str, metric: str | None = None,
                   min_points: int = MIN_POINTS) -> list[int]:
    """Year-ends at which ``metric`` had ``min_points`` year-end observations (enough for
    the engine), earliest first: up to the last one if a reading follows it, else before
    it (a re-run there would be the run itself). ``metric`` defaults to the
    scheme's first projected metric (``active_total`` for the shipped scheme), else the
    region's targeted metric with the longest history, so another scheme's vocabulary
    works too."""
    metric = rerun_metric(panel, region, min_points) if metric is None else metric
    if metric is None:
        return []
    series = select(panel, region, metric)
    years = [int(round(t)) for t in series.t]
    if len(years) < min_points:
        return []
    # The last year-end is a past vintage too when a reading follows it (the run starts
    # from a later reading): without it the probability chart skipped from 2023 to now.
    latest = select(panel, region, metric, annual=False)
    after = int(latest.last_t > series.last_t + 1e-6)
    return [y for y in range(years[min_points - 1], years[-1] + after)]


def threshold_metrics(panel: Panel, region: str) -> list[str]:
    """The metrics asked about in thresholds: the scheme's projected counts (every run
    projects them), then the metrics of the region's targets, coverage shares left out
    (their projection reads a base that depends on the target)."""
    targeted = panel.targets.loc[panel.targets["region"] == region, "metric"]
    metrics = list(panel.scheme.projected_metrics) + sorted(set(targeted))
    return [m for m in dict.fromkeys(metrics) if not panel.scheme.is_coverage(m)]


def threshold_questions(panel: Panel, region: str, year: int,
                        metrics: list[str]) -> list[dict]:
    """The thresholds asked as of the end of ``year``: for each metric and each year-end
    one to :data:`THRESHOLD_HORIZON` years later whose value is known in ``panel``, "at
    least X" with X = that value times each of :data:`THRESHOLD_FACTORS`."""
    questions = []
    for metric in metrics:
        for later in range(year + 1, year + THRESHOLD_HORIZON + 1):
            settled = outcome(panel, region, metric, f"{later}-12-31")
            if settled is None:
                continue
            for factor in THRESHOLD_FACTORS:
                questions.append({"metric": metric, "date": f"{later}-12-31",
                                  "value": settled[1] * factor, "factor": factor,
                                  "outcome": settled})
    return questions


def _scored(forecasts: list[dict]) -> dict:
    """The score over every forecast, and per kind."""
    return {**score(forecasts),
            "by_kind": {kind: score([f for f in forecasts if f["kind"] == kind])
                        for kind in KINDS}}


def track_record(panel: Panel, region: str, run: Callable[..., dict], *,
                 basis: str = "published", n_paths: int = 300, seed: int = 20261231,
                 years: list[int] | None = None) -> dict:
    """Re-run ``region`` as of past year-ends and score the targets and thresholds now
    settled.

    Parameters
    ----------
    panel : Panel
        The whole panel (outcomes are read from it).
    region : str
    run : callable
        The region run, ``run(panel, region, as_of=..., n_paths=..., seed=...,
        vintage_basis=..., questions=...)`` (:func:`forecast.run.run_region`; passed in, so
        this module does not import the run that reports it). It returns the results object,
        with the thresholds answered in its ``questions`` field.
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
    check_n_paths(n_paths)
    years = past_year_ends(panel, region) if years is None else list(years)
    # Sources all published after the past year-ends (one recent report with the whole
    # history): read as published, no re-run at any past year-end would know anything.
    # The values dated up to each year-end are re-run instead, and the record says so
    # (basis_asked).
    asked_basis = basis
    if basis == "published" and published_too_late(panel, region,
                                                   past_year_ends(panel, region)):
        basis = "date"
    metrics = threshold_metrics(panel, region)
    forecasts, evolution = [], {}
    for year in years:
        as_of = f"{year}-12-31"
        asked = threshold_questions(panel, region, year, metrics)
        result = run(panel, region, as_of=as_of, n_paths=n_paths, seed=seed,
                     vintage_basis=basis,
                     questions=[{k: q[k] for k in ("metric", "date", "value")}
                                for q in asked])
        for e in result.get("targets", []):
            key = (e["metric"], e["target_value"], e["target_date"])
            evolution.setdefault(key, []).append({"as_of": as_of,
                                                  "probability": e["probability"]})
            settled = outcome(panel, region, e["metric"], e["target_date"])
            if settled is None:
                continue
            forecasts.append({"kind": "target", "as_of": as_of, "metric": e["metric"],
                              "target_value": e["target_value"],
                              "target_date": e["target_date"], "factor": None,
                              "probability": e["probability"],
                              "outcome_date": settled[0], "outcome_value": settled[1],
                              "met": bool(settled[1] >= e["target_value"])})
        for q, answer in zip(asked, result.get("questions", [])):
            if answer.get("probability") is None:  # the metric could not be projected then
                continue
            date, value = q["outcome"]
            forecasts.append({"kind": "threshold", "as_of": as_of, "metric": q["metric"],
                              "target_value": q["value"], "target_date": q["date"],
                              "factor": q["factor"], "probability": answer["probability"],
                              "outcome_date": date, "outcome_value": value,
                              "met": bool(value >= q["value"])})
    return {"basis": basis, "basis_asked": asked_basis, "n_paths": int(n_paths), "vintages": [f"{y}-12-31" for y in years],
            "threshold_factors": list(THRESHOLD_FACTORS),
            "threshold_horizon": THRESHOLD_HORIZON,
            "forecasts": forecasts, **_scored(forecasts),
            "evolution": [{"metric": m, "target_value": v, "target_date": d, "points": pts}
                          for (m, v, d), pts in sorted(evolution.items(),
                                                       key=lambda kv: (kv[0][2], kv[0][0]))]}
