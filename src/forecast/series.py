"""The one-dimensional time series every model works on.

Time is measured in decimal years with the year-end of year ``Y`` at exactly ``Y.0``
(2017-12-31 -> 2017.0, 2024-10-31 -> 2023.83), so the horizon from the last year-end to a
2026-12-31 target is a whole number of years.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import ModelError


def calendar_year(t: float) -> int:
    """The calendar year of decimal year ``t``: 31 December of Y is Y.0, so Y.25 (31 March)
    falls in Y + 1; rounding named it Y."""
    y = math.floor(t + 1e-9)
    return y if abs(t - y) < 1e-6 else y + 1


def decimal_year(date: pd.Timestamp | str) -> float:
    """Decimal year of a date, with December 31 of year ``Y`` at ``Y.0``.

    Examples
    --------
    >>> decimal_year("2017-12-31")
    2017.0
    """
    ts = pd.Timestamp(date)
    days = 366 if ts.is_leap_year else 365
    return float(ts.year) + (ts.day_of_year - days) / days


def horizon_years(from_t: float, to_t: float, extra: int = 0) -> int:
    """Whole years to simulate from ``from_t`` so the paths reach ``to_t``, plus ``extra``.

    The one horizon rule of the package: a target a fraction of a year past a whole year
    needs the next whole year (a tolerance keeps ``2026.0 - 2023.0`` at exactly 3), and a
    projection is always at least one year long.

    Examples
    --------
    >>> horizon_years(2023.0, 2026.0)
    3
    >>> horizon_years(2024.83, 2026.0, extra=6)
    8
    """
    return max(int(math.ceil(to_t - from_t - 1e-9)) + extra, 1)


def interp_level(t: float, ts, values) -> float:
    """The level at ``t`` between readings: log-linear (growth compounds), or linear
    where a reading is 0 (a count may be; its log is not a number)."""
    values = np.asarray(values, dtype=float)
    if np.all(values > 0):
        return float(np.exp(np.interp(t, ts, np.log(values))))
    return float(np.interp(t, ts, values))


def is_year_end(date: pd.Timestamp | str) -> bool:
    ts = pd.Timestamp(date)
    return ts.month == 12 and ts.day == 31


def year_end_of(date: pd.Timestamp | str, tolerance_days: int = 0) -> pd.Timestamp | None:
    """The December 31 a reading counts as: its own date's, or the nearest one within
    ``tolerance_days`` (a reading of 27 December or 3 January), else None.

    Examples
    --------
    >>> year_end_of("2024-12-27", 7)
    Timestamp('2024-12-31 00:00:00')
    >>> year_end_of("2025-01-03", 7)
    Timestamp('2024-12-31 00:00:00')
    >>> year_end_of("2024-12-20", 7) is None
    True
    """
    ts = pd.Timestamp(date)
    for end in (pd.Timestamp(year=ts.year, month=12, day=31),
                pd.Timestamp(year=ts.year - 1, month=12, day=31)):
        if abs((ts - end).days) <= tolerance_days:
            return end
    return None


def recurring_day(dates, tolerance_days: int = 0, least: int = 3,
                  shift_days: int = 0) -> str | None:
    """The month-day (``"06-30"``) at which readings of ``least`` or more different years
    fall, none of them counted as a year-end, and that holds at least half of those
    readings, else None: a scheme that publishes at a fiscal year-end (30 June, 31 March)
    has no 31 December reading to fit, and the run names the date it found instead of only
    counting year-ends. Monthly readings without December name no day (none holds half).
    ``dates`` in fiscal time (moved ``shift_days``) name the calendar's day ("12-31").

    Examples
    --------
    >>> recurring_day(["2021-06-30", "2022-06-30", "2023-06-30"])
    '06-30'
    >>> recurring_day(["2021-06-30", "2022-12-31", "2023-06-30"]) is None
    True
    >>> recurring_day([f"{y}-{m:02d}-15" for y in (2021, 2022, 2023) for m in range(1, 12)])
    """
    years: dict[str, set] = {}
    n = 0
    for d in dates:
        ts = pd.Timestamp(d)
        if year_end_of(ts, tolerance_days) is None:
            # Dates in fiscal time (forecast.fiscal) name the calendar's month-day.
            ts -= pd.Timedelta(days=shift_days)
            years.setdefault(f"{ts:%m-%d}", set()).add(ts.year)
            n += 1
    best = max(years.items(), key=lambda kv: (len(kv[1]), kv[0]), default=None)
    if best is None or len(best[1]) < least or 2 * len(best[1]) < n:
        return None
    return best[0]


@dataclass(frozen=True)
class Series:
    """A region's metric as observed: sorted, strictly increasing time, one value each.

    Attributes
    ----------
    region, metric, unit : str
        What the values are.
    t : numpy.ndarray
        Decimal years (see module docstring), strictly increasing.
    values : numpy.ndarray
        Observed values, in ``unit``.
    dates : tuple of str
        ISO dates of the observations, aligned with ``t``.
    source_ids : tuple of str
        Source id of each observation, aligned with ``t``.
    """

    region: str
    metric: str
    unit: str
    t: np.ndarray
    values: np.ndarray
    dates: tuple[str, ...] = field(default=())
    source_ids: tuple[str, ...] = field(default=())
    #: Readings re-dated to a year-end they were near: ``{"date", "counted_as"}`` each.
    moved: tuple = field(default=())

    def __post_init__(self) -> None:
        t = np.asarray(self.t, dtype=float)
        v = np.asarray(self.values, dtype=float)
        if t.shape != v.shape or t.ndim != 1:
            raise ValueError("Series: t and values must be 1-D arrays of the same length")
        if t.size > 1 and np.any(np.diff(t) <= 0):
            raise ValueError("Series: t must be strictly increasing")
        object.__setattr__(self, "t", t)
        object.__setattr__(self, "values", v)
        if not self.dates:
            object.__setattr__(self, "dates", tuple("" for _ in t))
        if not self.source_ids:
            object.__setattr__(self, "source_ids", tuple("" for _ in t))

    @classmethod
    def from_years(cls, years, values, *, region: str = "test", metric: str = "active_total",
                   unit: str = "persons") -> "Series":
        """Build an annual year-end series from whole years (handy in tests and notebooks)."""
        years = [int(y) for y in years]
        return cls(region=region, metric=metric, unit=unit, t=np.asarray(years, dtype=float),
                   values=np.asarray(values, dtype=float),
                   dates=tuple(f"{y}-12-31" for y in years))

    def __len__(self) -> int:
        return int(self.t.size)

    @property
    def label(self) -> str:
        """``region/metric``, the name used in messages."""
        return f"{self.region}/{self.metric}"

    @property
    def last_t(self) -> float:
        return float(self.t[-1])

    @property
    def last_value(self) -> float:
        return float(self.values[-1])

    def ending_at(self, date: str | None, value: float | None) -> "Series":
        """The series with its last point (a year-end nowcast) given way to the reading
        ``date``, ``value`` it was made from, where that falls after the point before;
        else the series itself: the growth achieved, its base-year table and the
        classifications run to what was read, as the growth required does."""
        if date is None or len(self) < 2:
            return self
        t = decimal_year(date)
        if not self.t[-2] < t < self.last_t:
            return self
        return dataclasses.replace(
            self, t=np.r_[self.t[:-1], t], values=np.r_[self.values[:-1], float(value)],
            dates=(*self.dates[:-1], str(date)[:10]))

    def positive(self) -> "Series":
        """The series itself, if every reading is above 0; else a ModelError naming the
        first reading that is not (the growth models compound from the values, and a 0
        on the way would turn every log and ratio into a division by zero)."""
        bad = np.flatnonzero(~(self.values > 0))
        if bad.size:
            i = int(bad[0])
            raise ModelError(f"{self.label}: expected readings above 0 to project growth "
                             f"from, found {self.values[i]:g} on {self.dates[i] or self.t[i]}")
        return self

    def from_first_positive(self) -> "Series":
        """The series from its first reading above 0 on: readings of 0 before it (the years
        before a scheme or a programme started) carry no growth to compound from."""
        first = np.flatnonzero(self.values > 0)
        return self if not first.size or first[0] == 0 else self._take(slice(int(first[0]),
                                                                             None))

    def head(self, n: int) -> "Series":
        """The first ``n`` observations (the series as known at an earlier origin)."""
        return self._take(slice(0, n))

    def drop_last(self, k: int) -> "Series":
        """All but the last ``k`` observations."""
        return self._take(slice(0, len(self) - k))

    def trailing_run(self) -> "Series":
        """The longest run of consecutive whole years that ends at the last observation.

        Models that need evenly spaced data (ETS, ARIMA, random walk) use this, so a gap
        early in the history shortens their sample instead of being papered over.
        """
        if len(self) == 0:
            return self
        # The last step that is not a whole year (one isclose over all steps: this runs for
        # every fit and backtest origin of the evenly spaced models).
        breaks = np.flatnonzero(~np.isclose(np.diff(self.t), 1.0))
        start = int(breaks[-1]) + 1 if breaks.size else 0
        return self._take(slice(start, len(self)))

    def _take(self, idx: slice) -> "Series":
        return Series(region=self.region, metric=self.metric, unit=self.unit,
                      t=self.t[idx], values=self.values[idx], dates=self.dates[idx],
                      source_ids=self.source_ids[idx])


def staying_from(ok: np.ndarray, t: np.ndarray, t_target: float | None) -> int | None:
    """The first step from which ``ok`` holds at every step up to ``t_target`` (one past it
    counts alone), or None: a median that crosses a target in 2025 and is below it again
    on the target date in 2027 did not "reach it in 2025" beside a probability under
    even odds."""
    ok = np.asarray(ok, dtype=bool)
    last = int(np.searchsorted(t, t_target + 1e-9)) - 1 if t_target is not None else -1
    for i in np.flatnonzero(ok):
        if ok[i:max(last, int(i)) + 1].all():
            return int(i)
    return None
