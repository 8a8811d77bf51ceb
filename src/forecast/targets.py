"""Reachability of a target: the measures users come for.

Growth is compound annual growth (CAGR) between two decimal-year times::

    cagr(v0, v1, years) = (v1 / v0) ** (1 / years) - 1

so 2.5M to 7.6M over 3 years is 44.9 %/yr and 41.56M to 70M over 3 years needs
18.97 %/yr.

Two progress classifications are reported, both on the ratio of the growth achieved to
the growth required, measured from a baseline year (the first observation unless given):
``actual = cagr(x_base, x_last)`` and ``required = cagr(x_base, target)``.

* UNSD progress-chart rule on ``q = actual / required``: ``q >= 0.95`` on track,
  ``0.10 <= q < 0.95`` acceleration needed, ``q < 0.10`` regression.
* Statistics Canada rule on ``R = actual / required`` (as a percentage): ``R >= 95 %`` on
  track, ``60-95 %`` acceleration needed, ``0-60 %`` limited progress, ``R < 0``
  deterioration.

A target already met at the last observation is ``target_met`` under both rules.

Growth required is a rate only where a rate means something (``required_growth``):
``"rate"``; ``"already_reached"`` when the last observation is at or above the target
(``required_cagr`` is then None, and ``decline_allowed`` the yearly fall it may take and
still be met on its date); ``"not_meaningful"`` when less than a year is left, the
target needs more than :data:`MEANINGFUL_CAGR` a year (a doubling every year or more: the
figure would only say that the gap is not closed by growth at any pace seen in practice), or
the target is at or beyond the bound of its quantity (no pace reaches it).

A target beyond the bound of its quantity (participants above their ceiling) cannot be
reached by any path of a bounded projection: its probability is 0 and ``bound_note`` says
``"target_at_or_above_bound"`` with the bound in ``bound_value``. A target at the bound
(100 % coverage) is reached by a path within :data:`AT_BOUND` of it, as a published
"100 %" is any reading from 99.95 % (a bounded path approaches the bound, never touches
it): ``bound_note`` says ``"target_at_bound"``. A target at or beyond the bound (either
note) has no pace to compare: its growth required is ``"not_meaningful"``, its net additions
a month (``monthly_needed``) None, both classifications ``"not_meaningful"`` with no ratio,
and no base-year rows (the bound, not a pace, decides it; the probability says how often a
path gets within :data:`AT_BOUND` of it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import config
from .errors import ParameterError
from .reasons import reason
from .series import Series, calendar_year, decimal_year, staying_from
from .simulate import Projection


#: Above this growth per year (100 %: doubling every year) a required rate is not shown.
MEANINGFUL_CAGR = 1.0
#: A history falling slower than this a year (-0.05 %/yr prints as -0.1 %) is flat, not
#: falling, for the note on what carries a rise.
FALLING = 0.0005
#: A target at the bound is reached within this share of it (100 % from 99.95 %).
AT_BOUND = 5e-4
#: A count target at least this share of its projected ceiling says so in words (there the
#: ceiling, not only the pace, decides the answer).
CEILING_SHOWN = 0.75
#: The recent growth ("last 3 years") is measured from the reading closest to 3 years
#: before the last one, if it lies within this many years of that point (2 to 4 years
#: back), over the span actually between them; with none there it is not given.
RECENT_YEARS, RECENT_TOLERANCE = 3.0, 1.0


def cagr(v0: float, v1: float, years: float) -> float:
    """Compound annual growth rate from ``v0`` to ``v1`` over ``years`` years.

    Examples
    --------
    >>> round(cagr(2.5e6, 7.6e6, 3), 4)
    0.4486
    """
    if years <= 0:
        raise ParameterError(f"years: expected a positive span, found {years!r}")
    if v0 <= 0 or v1 < 0:
        raise ParameterError(f"cagr: expected positive values, found {v0!r} and {v1!r}")
    return (v1 / v0) ** (1.0 / years) - 1.0


def growth_from(v0: float, v1: float, years: float) -> float | None:
    """:func:`cagr` of readings from the data, or None where it has no meaning: from a
    reading of 0 (a count may be 0; no rate grows from it) or over no time."""
    return cagr(v0, v1, years) if v0 > 0 and v1 >= 0 and years > 0 else None


def classify_unsd(q: float | None) -> str:
    if q is None or not math.isfinite(q):
        return "undetermined"
    if q >= config.UNSD_ON_TRACK:
        return "on_track"
    if q >= config.UNSD_REGRESSION:
        return "acceleration_needed"
    return "regression"


def classify_statcan(r: float | None) -> str:
    if r is None or not math.isfinite(r):
        return "undetermined"
    if r >= config.STATCAN_ON_TRACK:
        return "on_track"
    if r >= config.STATCAN_ACCELERATION:
        return "acceleration_needed"
    if r >= 0:
        return "limited_progress"
    return "deterioration"


def progress_ratio(series: Series, target_value: float, t_target: float,
                   base_index: int = 0) -> float | None:
    """Growth achieved since a baseline over growth required from it (UNSD q, StatCan R)."""
    t0, x0 = series.t[base_index], series.values[base_index]
    if series.last_t <= t0 or x0 <= 0 or t_target <= t0:
        return None
    actual = cagr(x0, series.last_value, series.last_t - t0)
    required = cagr(x0, target_value, t_target - t0)
    if required <= 0:
        return math.inf if actual >= required else None
    return actual / required


def classes(series: Series, target_value: float, t_target: float, base_index: int,
            met: bool) -> tuple[float | None, str, str]:
    """The progress ratio and the UNSD and StatCan classes from one base (met: both met)."""
    if met:
        return None, "target_met", "target_met"
    q = progress_ratio(series, target_value, t_target, base_index)
    if q is None and series.values[base_index] >= target_value:
        # At or above the target at the base and below it now: it moved away from it (no
        # ratio: the growth required from the base was none), not 'undetermined'.
        return None, "regression", "deterioration"
    return q, classify_unsd(q), classify_statcan(q)


@dataclass(frozen=True)
class Reachability:
    """Everything said about one target of one region (see module docstring)."""

    region: str
    metric: str
    unit: str
    target_value: float
    target_date: str
    last_date: str
    last_value: float
    probability: float
    median: float
    p10: float
    p90: float
    required_cagr: float | None
    historical_cagr: float | None
    historical_cagr_3y: float | None  # from the reading of recent_base, over its span
    growth_ratio: float | None  # required / historical (whole history): "how many times faster"
    year_median_reaches: int | None
    projection_end_year: int
    monthly_needed: float | None
    monthly_achieved_last_year: float | None
    monthly_achieved_history: float | None
    unsd_q: float | None
    classification_unsd: str
    statcan_r: float | None
    classification_statcan: str
    base_year: int
    models: tuple[dict, ...]
    base_years: tuple[dict, ...] = field(default=())
    required_growth: str = "rate"  # "rate", "already_reached" or "not_meaningful"
    bound_value: float | None = None  # the quantity's upper bound on the target date
    bound_note: str | None = None  # "target_at_or_above_bound" when no path can reach it
    notes: tuple = ()  # models left out, and why; a rise_carried_by reason object
    historical_3y_from: str | None = None  # the date historical_cagr_3y is measured from
    decline_allowed: float | None = None  # met: the yearly fall it may take and stay met

    @property
    def classification(self) -> str:
        return self.classification_unsd


def recent_base(series: Series) -> int | None:
    """The index of the reading the recent growth is measured from (see RECENT_YEARS).

    The reading closest to :data:`RECENT_YEARS` before the last, at most
    :data:`RECENT_TOLERANCE` from that point (of two as close, the earlier); None if none.
    Readings 2019, 2021, 2023, 2024: the 2021 one (3 years back); 2019, 2023, 2024: none.

    Examples
    --------
    >>> recent_base(Series.from_years([2019, 2021, 2023, 2024], [1.0, 2.0, 3.0, 4.0]))
    1
    >>> recent_base(Series.from_years([2019, 2023, 2024], [1.0, 3.0, 4.0])) is None
    True
    """
    back = series.last_t - series.t[:-1]
    off = np.abs(back - RECENT_YEARS)
    ok = np.flatnonzero(off <= RECENT_TOLERANCE + 1e-9)
    if not ok.size:
        return None
    # The closest; of two as close (2 and 4 years back) the earlier, the longer span.
    return int(ok[np.lexsort((ok, np.round(off[ok], 9)))[0]])


def _value_at_year(series: Series, year: float) -> float | None:
    hit = np.flatnonzero(np.isclose(series.t, year))
    return float(series.values[hit[0]]) if hit.size else None


#: Half the last digit of a rate printed to one decimal of a percent (0.05 %/yr).
TABLE_RATE_FLOOR = 5e-4


def base_year_table(series: Series, target_value: float, t_target: float,
                    last_read: float | None = None) -> pd.DataFrame:
    """Required and historical growth for every possible base year.

    For each observation before the last one used as baseline: the growth achieved from it
    to the last observation, the growth that was required from it to reach the target on
    time, their ratio and the two classifications. Shows how much the verdict depends on
    the choice of baseline (for example whether the 2020 dip is the baseline).
    """
    rows = []
    for i in range(len(series) - 1):
        t0, x0 = series.t[i], series.values[i]
        if x0 <= 0:
            continue
        actual = cagr(x0, series.last_value, series.last_t - t0)
        required = cagr(x0, target_value, t_target - t0)
        # The headline's rule (reachability): over MEANINGFUL_CAGR a year is no pace to read.
        status = "rate" if required is not None and required <= MEANINGFUL_CAGR \
            else "not_meaningful"
        # Met at the last observation: met from every base, as the headline says (from a
        # base already above the target the ratio has no meaning: 'undetermined' misread).
        met = (series.last_value if last_read is None else last_read) >= target_value
        ratio, unsd, statcan = classes(series, target_value, t_target, i, met)
        if met:
            # A ratio of two rates that both print as 0.0 %/yr (a share held at its
            # bound) is noise over noise: "1.22" beside "0.0%  0.0%" is no pace.
            ratio = (None if abs(required) < TABLE_RATE_FLOOR and abs(actual) < TABLE_RATE_FLOOR
                     else progress_ratio(series, target_value, t_target, base_index=i))
        # The reading's own year: a June 2016 reading is 2015.5 in decimal years (Y.0 is
        # 31 December of Y) and rounded to '2015'.
        rows.append({"base_year": int(series.dates[i][:4]), "base_value": float(x0),
                     "historical_cagr": actual,
                     "required_cagr": required if status == "rate" else None,
                     "required_growth": status, "ratio": ratio, "classification_unsd": unsd,
                     "classification_statcan": statcan})
    return pd.DataFrame(rows, columns=["base_year", "base_value", "historical_cagr",
                                       "required_cagr", "required_growth", "ratio", "classification_unsd",
                                       "classification_statcan"])


def reach_threshold(projection: Projection, target_value: float, t_target: float
                    ) -> tuple[float, float | None, str | None]:
    """The level a path must reach on ``t_target`` to meet the target (a target at the bound
    from within :data:`AT_BOUND` of it), the bound there and the ``bound_note``."""
    bound_value = projection.bound_at(t_target) if hasattr(projection, "bound_at") else None
    if bound_value is not None and target_value > bound_value:
        return target_value, bound_value, "target_at_or_above_bound"
    if bound_value is not None and target_value >= bound_value * (1 - AT_BOUND):
        return bound_value * (1 - AT_BOUND), bound_value, "target_at_bound"
    return target_value, bound_value, None


def assess(projection: Projection, target_value: float,
           target_date: str | pd.Timestamp, *, base_year: int | None = None,
           last_read: tuple[str, float] | None = None) -> Reachability:
    """Reachability of ``target_value`` by ``target_date`` under a projection.

    Parameters
    ----------
    projection : Projection
        From :func:`forecast.simulate.project`, long enough to reach the target date.
    target_value : float
        In the series' unit.
    target_date : str or Timestamp
        The date the target is due (a year-end, usually).
    base_year : int, optional
        Baseline of the progress classifications; default the first observation.
    last_read : (date, value), optional
        The last reading when the series ends in a nowcast year-end estimated from it: a
        target is met, and the growth still needed is measured, from what was read.

    Returns
    -------
    Reachability
    """
    series = projection.series
    if len(series) < 1:
        raise ParameterError(f"{series.label}: reachability needs at least 1 observation")
    t_target = decimal_year(target_date)
    if t_target <= series.last_t:
        raise ParameterError(f"target_date: {pd.Timestamp(target_date).date()} is not after "
                             f"the last observation of {series.label} ({series.dates[-1]})")
    at_target = projection.values_at(t_target)
    threshold, bound_value, bound_note = reach_threshold(projection, target_value, t_target)
    probability = float(np.mean(at_target >= threshold))
    p10, median, p90 = (float(v) for v in np.quantile(at_target, [0.1, 0.5, 0.9]))

    # A nowcast year-end above the target is a projection, not a reading: the target is
    # met, and the growth still needed measured, from the last reading.
    read_t, read_v = ((decimal_year(last_read[0]), float(last_read[1])) if last_read
                      else (series.last_t, series.last_value))
    met = read_v >= target_value
    required = growth_from(read_v, target_value, t_target - read_t)
    # Met: how fast it may fall and still be met on the date (0: not at all).
    decline_allowed = max(0.0, -required) if met and required is not None else None
    if met:
        required_growth, required = "already_reached", None
    elif (required is None or t_target - read_t < 1.0 or required > MEANINGFUL_CAGR
          or bound_note is not None):
        # At or beyond the bound no pace reaches it: a rate would only invite a comparison.
        required_growth, required = "not_meaningful", None
    else:
        required_growth = "rate"
    # Achieved (rates, base-year table, classes) to the reading required runs from, not nowcast.
    hist = series.ending_at(*(last_read or (None, None)))
    historical = growth_from(hist.values[0], hist.last_value, hist.last_t - hist.t[0])
    i3 = recent_base(hist)
    historical_3y = (None if i3 is None else
                     growth_from(hist.values[i3], hist.last_value, hist.last_t - hist.t[i3]))
    # A pace is a multiple of growth only when there was growth: against a falling or flat
    # history 'required is -6.1x the historical pace' says nothing (the rates say it).
    ratio = required / historical if historical is not None and historical > 0 \
        and required is not None else None

    if met:
        reached = calendar_year(read_t)
    else:
        # The headline's threshold (a target at the bound is reached from AT_BOUND below
        # it), for good: from a step the median stays at or above it to the target date.
        i = staying_from(np.median(projection.paths, axis=0) >= threshold, projection.t,
                         t_target)
        reached = calendar_year(projection.t[i]) if i is not None else None

    no_pace = bound_note is not None and not met  # the bound decides, not a pace (above)
    monthly_needed = None if no_pace else (target_value - read_v) / ((t_target - read_t) * 12)
    x1 = _value_at_year(series, series.last_t - 1)
    monthly_last = (series.last_value - x1) / 12 if x1 is not None else None
    span = read_t - series.t[0]  # the average, as the growth achieved: to the reading
    monthly_hist = (read_v - series.values[0]) / (span * 12) if span > 0 else None

    base_index = 0
    if base_year is not None:
        hits = np.flatnonzero(np.isclose(series.t, float(base_year)))
        if not hits.size:
            years = ", ".join(str(int(round(t))) for t in series.t[:-1])
            raise ParameterError(f"base_year: no observation of {series.label} in "
                                 f"{base_year}; valid choices: {years}")
        base_index = int(hits[0])
    q, c_unsd, c_statcan = ((None, "not_meaningful", "not_meaningful") if no_pace else
                            classes(hist, target_value, t_target, base_index, met))
    r = q

    models = []
    for score in projection.scores:
        if score.name not in projection.model_paths:
            continue
        own = projection.values_at(t_target, projection.model_paths[score.name])
        models.append({"name": score.name, "weight": score.weight,
                       # The headline's threshold (a path within AT_BOUND of a target at
                       # the bound reaches it), so each model is read the same way.
                       "probability": float(np.mean(own >= threshold)),
                       "median": float(np.median(own)),
                       "backtest_mape": score.backtest_mape,
                       # Its trend past the bound, held just below it: its answer to a
                       # target at the bound is that, not a chance (the table says so).
                       **({"reason": reason("passes_bound", year=calendar_year(
                           score.held_from))} if getattr(score, "held_from", None) is not None
                          and score.held_from <= t_target + 1e-9 else {})})
    table = base_year_table(hist, target_value, t_target, read_v)
    return Reachability(
        region=series.region, metric=series.metric, unit=series.unit,
        target_value=float(target_value),
        target_date=pd.Timestamp(target_date).strftime("%Y-%m-%d"),
        last_date=series.dates[-1], last_value=series.last_value,
        probability=probability, median=median, p10=p10, p90=p90,
        required_cagr=required, historical_cagr=historical, historical_cagr_3y=historical_3y,
        growth_ratio=ratio, year_median_reaches=reached,
        projection_end_year=calendar_year(projection.t[-1]),
        monthly_needed=monthly_needed, monthly_achieved_last_year=monthly_last,
        monthly_achieved_history=monthly_hist, unsd_q=q, classification_unsd=c_unsd,
        statcan_r=r, classification_statcan=c_statcan,
        base_year=int(series.dates[base_index][:4]), models=tuple(models),
        base_years=() if no_pace else tuple(table.to_dict("records")),
        required_growth=required_growth,
        decline_allowed=decline_allowed,
        bound_value=bound_value, bound_note=bound_note,
        historical_3y_from=None if i3 is None else series.dates[i3],
        notes=tuple(getattr(projection, "notes", ())) + _rise_note(
            projection, series, median, historical, historical_3y)
        + _slow_note(series, (read_v, t_target - read_t), target_value, median, required,
                     historical, bound_value, bound_note)
        + _fall_note(projection, met and median < threshold, threshold, historical))


def _fall_note(projection, falls: bool, threshold: float, historical) -> tuple:
    """A reason code saying that a series at or above its target now has its median below
    it on the target date (or nothing): "met" now, "unlikely" then, and why.

    A target is a level on its date: a falling series that passed it long before may be
    below it then, and "already reached in 2009" beside a 5 % probability would leave a
    planner to guess which to believe (the classifications, read on the last observation,
    still say "target met").
    """
    if not falls:
        return ()
    series = projection.series
    below = np.flatnonzero(np.median(projection.paths, axis=0) < threshold)
    return (reason("falls_below", metric=series.metric, region=series.region,
                   year=calendar_year(projection.t[below[0]]) if below.size else None,
                   since=int(series.dates[0][:4]),
                   historical_growth=(float(historical) if historical is not None
                                      and historical <= -FALLING else None)),)


def _slow_note(series, start, target_value, median, required, historical, bound_value,
               bound_note) -> tuple:
    """A reason code saying that the projection slows a rise its past pace would carry to
    the target (or nothing).

    Without it, "required is 0.6x the historical pace" and "UNSD: on track" sit beside a
    low probability with nothing to reconcile them: the combined forecasters damp a trend.
    """
    # A target at or beyond the bound has its own sentence; a median below the last value
    # does not "grow" at all (the rates say so).
    if (required is None or historical is None or historical <= 0 or required > historical
            or median >= target_value or median <= start[0]
            or bound_note is not None):
        return ()
    return (reason("slows_down", metric=series.metric, region=series.region,
                   since=int(series.dates[0][:4]), historical_growth=float(historical),
                   median_growth=float(growth_from(start[0], median, start[1])),
                   bounded=bound_value is not None),)


def _rise_note(projection, series, median, historical, historical_3y) -> tuple:
    """A reason code naming the assumption behind a rise of a declining series (or nothing)."""
    recent = historical_3y if historical_3y is not None else historical
    # Falling means a fall that shows at one decimal (-0.1 %/yr): -0.04 %/yr is flat, and
    # "has been falling (-0.0%/yr)" would be no reason at all.
    if recent is None or recent > -FALLING or median <= series.last_value:
        return ()
    return (reason("rise_carried_by", metric=series.metric, region=series.region,
                   assumption=getattr(projection, "carried_by", "own_trend"),
                   historical_growth=float(recent)),)
