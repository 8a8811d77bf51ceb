"""What is reachable: levels and dates read off the same simulated paths as the probability.

The ``reachable`` field of each results.json target entry (:func:`reachable`)::

    reachable: {
      levels: [{probability: 0.9, value}, {probability: 0.5, value}, {probability: 0.1, value}],
      dates:  [{probability: 0.5, date, year, within_projection},
               {probability: 0.8, date, year, within_projection}],
      projection_end_year,
    }

- ``levels``: the level reached or exceeded with probability ``p`` at the target date, i.e.
  the ``1 - p`` quantile of the path values there (``numpy.quantile``, linear
  interpolation): with 90 % probability at least the 10th percentile, with 50 % the median,
  with 10 % the 90th percentile. The UN sets family-planning targets at the 10 % level.
- ``dates``: the first projected step (year-ends after the last observation) at which the
  share of paths at or above the target is at least ``p``; the same reading as the
  headline probability (value at the date, not "ever touched before"). ``date`` is that
  step's ISO date, ``year`` its year. When no step reaches ``p``: ``date`` and ``year`` are
  null and ``within_projection`` is false ("not within the projection", which ends at
  ``projection_end_year``). A target already met at the last observation is reached at the
  last observation's date.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from .series import calendar_year, decimal_year, staying_from

#: Probabilities of the levels (reached with at least this probability).
LEVEL_PROBABILITIES = (0.9, 0.5, 0.1)
#: Probabilities of the dates (target reached by then with at least this probability).
DATE_PROBABILITIES = (0.5, 0.8)


def reachable_levels(values: np.ndarray,
                     probabilities: Sequence[float] = LEVEL_PROBABILITIES) -> list[dict]:
    """The level reached or exceeded with each probability, from path values at one date.

    Parameters
    ----------
    values : numpy.ndarray
        One value per path at the target date.
    probabilities : sequence of float
        Each in (0, 1).

    Returns
    -------
    list of dict
        ``{"probability": p, "value": the (1 - p) quantile of values}``.
    """
    values = np.asarray(values, dtype=float)
    return [{"probability": float(p), "value": float(np.quantile(values, 1.0 - p))}
            for p in probabilities]


def _iso(t: float) -> str:
    """The date of a decimal year (Y.0 is December 31 of Y)."""
    year = int(np.floor(t + 1e-9))
    frac = t - year
    if abs(frac) < 1e-6:
        return f"{year}-12-31"
    start = pd.Timestamp(f"{year + 1}-01-01")
    days = 366 if start.is_leap_year else 365
    return (start + pd.Timedelta(days=round(frac * days) - 1)).strftime("%Y-%m-%d")


def _step_day(when: float, last_t: float, last_date: str) -> str:
    """The date of a projected step: a whole number of years after the last reading falls
    on its anniversary (a step two years after 30 June 2026 is 30 June 2028, not the 29th
    that a decimal year of 2028's 366 days gives), any other step on :func:`_iso`."""
    years = when - last_t
    if last_date and years > 0.5 and abs(years - round(years)) < 1e-6:
        day = pd.Timestamp(last_date) + pd.DateOffset(years=int(round(years)))
        if abs(when - decimal_year(day)) < 2 / 365:
            return day.strftime("%Y-%m-%d")
    return _iso(when)


def reach_dates(t: np.ndarray, paths: np.ndarray, target_value: float, *, last_t: float,
                last_value: float, last_date: str,
                probabilities: Sequence[float] = DATE_PROBABILITIES,
                threshold: float | None = None,
                t_target: float | None = None) -> list[dict]:
    """The first projected step at which the target is met with each probability, and
    stays met with it up to ``t_target`` (the target date; :func:`staying_from`).

    Parameters
    ----------
    t : numpy.ndarray
        Decimal years of the projected steps.
    paths : numpy.ndarray
        Shape (n_paths, len(t)).
    target_value : float
    last_t, last_value, last_date
        The last observation (a target already met there is reached at ``last_date``).
    probabilities : sequence of float
    threshold : float, optional
        The level a path must reach (a target at its bound: from just below it, as the
        headline probability reads it); default ``target_value``.

    Returns
    -------
    list of dict
        ``{"probability", "date", "year", "within_projection"}`` (see module docstring).
    """
    level = target_value if threshold is None else threshold
    share = np.mean(np.asarray(paths) >= level, axis=0)
    met = last_value >= target_value
    out = []
    for p in probabilities:
        # A share within float noise of p counts as p (20 of 40 paths is 0.5); from a step
        # on which it holds to the target date (staying_from).
        i = staying_from(share >= p - 1e-12, np.asarray(t, dtype=float), t_target)
        if met and i == 0:  # met at the last reading and held since: reached then (met
            # then, a share under 80 % on the date was "80% by" the last reading's date)
            out.append({"probability": float(p), "date": last_date,
                        "year": int(last_date[:4]), "within_projection": True})
        elif i is not None:
            day = _step_day(float(t[i]), last_t, last_date)
            out.append({"probability": float(p), "date": day,
                        "year": int(day[:4]), "within_projection": True})
        else:
            out.append({"probability": float(p), "date": None, "year": None,
                        "within_projection": False})
    return out


def reachable(projection, target_value: float, target_date,
              last_read: tuple[str, float] | None = None) -> dict:
    """The ``reachable`` field of a target entry (see module docstring).

    Parameters
    ----------
    projection : forecast.simulate.Projection
        The projection the target was assessed on.
    target_value : float
    target_date : str or Timestamp
    last_read : (date, value), optional
        The last reading, where the series ends in a nowcast estimated from it (a nowcast
        above the target is not the target met).
    """
    from .targets import reach_threshold  # targets imports simulate; keep reach light

    series = projection.series
    at_target = projection.values_at(decimal_year(target_date))
    threshold = reach_threshold(projection, float(target_value), decimal_year(target_date))[0]
    last_date, last_value = last_read or (series.dates[-1], series.last_value)
    return {
        "levels": reachable_levels(at_target),
        "dates": reach_dates(projection.t, projection.paths, float(target_value),
                             last_t=decimal_year(last_date), last_value=float(last_value),
                             last_date=last_date, threshold=threshold,
                             t_target=decimal_year(target_date)),
        "projection_end_year": calendar_year(projection.t[-1]),
    }


def reach_table(results: dict, lang: str = "en") -> pd.DataFrame:
    """What is reachable for each target of a results.json object, one row per target,
    headed in words in ``lang``.

    Columns: the target, the level reached with 90 %, 50 % and 10 % probability at its date,
    and the date by which it is reached with 50 % and 80 % probability ("not within the
    projection (to YEAR)" when no projected step gets there).
    """
    from .tables import metric_label, unit_label  # the scheme's label: the HTML is read by managers
    from .tablewords import word, worded  # beside metric_label: tables imports this module

    rows, extra = [], {}
    for e in results.get("targets", []):
        reach = e.get("reachable")
        if not reach:
            continue
        row = {"metric": metric_label(results, e["metric"], lang),
               "target_value": e["target_value"],
               "unit": unit_label(results, e.get("unit"), lang),
               "target_date": e["target_date"]}
        for lv in reach["levels"]:
            key = f"level_{lv['probability']}"
            extra[key] = ("num", word("level_with", lang).format(
                p=f"{100 * lv['probability']:.0f} %"))
            row[key] = lv["value"]
        for d in reach["dates"]:
            key = f"reached_{d['probability']}"
            extra[key] = ("date", word("reached_with", lang).format(
                p=f"{100 * d['probability']:.0f} %"))
            row[key] = (d["date"] if d["within_projection"] else
                        word("not_within", lang).format(year=reach["projection_end_year"]))
        rows.append(row)
    return worded(pd.DataFrame(rows), lang, extra=extra)
