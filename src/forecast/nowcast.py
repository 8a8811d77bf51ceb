"""Nowcast: the projection starts from the latest reading, not from an older year-end.

Year-end series are what the models fit; readings during the year were shown but never
used. Two steps, both recorded in the projection's data quality:

1. **A single outlying year-end** (:func:`outlying_year_end`): a year-end that sits more than
   :data:`SPIKE_LOG` log points away from the line between the readings just before and just
   after it (each within :data:`NEIGHBOUR_MONTHS` months) is replaced by that line's value.
   The end-2024 participants (45.22M, between 40.83M in Nov 2024 and 41.38M in Feb 2025)
   are such a year-end; its cause is unknown.
2. **The year in progress** (:func:`nowcast`): when the latest reading is later than the last
   year-end, the year-end of the reading's year is estimated from it and appended to the
   fitted series, so every model starts from it:

   - ``seasonal_ratio`` (active participants, seasonal within the year): the log ratio of
     the year-end to the same year's reading in the same month (within a month), averaged
     over the years that have both; its spread (sd times sqrt(1 + 1/n)) is the nowcast's
     uncertainty. Needs :data:`MIN_PAIRS` such years.
   - ``growth`` (funds, no strong season): the reading grown to the year-end at the median
     yearly log growth of the last five year-ends; uncertainty the sd of that growth times
     the square root of the fraction of the year left.

   A count whose nowcast would pass its ceiling (members over residents) is nowcast the
   same way on its odds of the ceiling (``of_ceiling`` in the record), as the models
   project it, so the year-end it starts from stays under the ceiling.

   :func:`widen` then spreads the projected paths by the nowcast's uncertainty (one draw per
   path, the same for every step), so the rest-of-year uncertainty is in the fan.

Data-quality fields (``data_quality``): ``outlier`` {date, value, replaced_by,
log_deviation, neighbours} and ``nowcast`` {method, from_date, from_value, year_end,
value, sd_log, pairs}.
"""

from __future__ import annotations

import dataclasses

import numpy as np


from .calibration import neighbour_strata
from .scheme import Scheme, default_scheme
from .series import Series, decimal_year

#: Log points between a year-end and its neighbouring readings beyond which it is an
#: outlier: about 7 %, twice the largest such gap of any other national year-end of
#: participants or funds (2023: 1.4 %, 2022: 0.7 %).
SPIKE_LOG = 0.07
#: Neighbouring readings count within this many months of the year-end.
NEIGHBOUR_MONTHS = 4
#: Years with both a year-end and a reading in the same month needed for a seasonal ratio.
MIN_PAIRS = 2
#: The child stream of the run's seed (forecast.params.spawn) the widening draws from;
#: segments use small keys (k,), so this one never meets theirs.
STREAM = 9001
#: How each metric of the shipped scheme is nowcast (its metrics not listed are not).
METHODS = {"active_total": "seasonal_ratio", "fund_investment": "growth"}
#: Another scheme's count or amount (a stock: not a flow, not a percentage) is nowcast by
#: its seasonal ratio where MIN_PAIRS years show one, else by its growth; a year without a
#: reading is passed over (its year-ends may have gaps: a reading 3 years after the last
#: year-end still starts the projection, where it was left 3 years behind).
AUTO = "auto"


def _with(series: Series, t, values, dates, sources) -> Series:
    order = np.argsort(t, kind="stable")
    return Series(region=series.region, metric=series.metric, unit=series.unit,
                  t=np.asarray(t, float)[order], values=np.asarray(values, float)[order],
                  dates=tuple(np.asarray(dates, dtype=object)[order]),
                  source_ids=tuple(np.asarray(sources, dtype=object)[order]))


def _sub_annual(annual: Series, points: Series) -> list[tuple[float, float, str, str]]:
    ends = set(annual.dates)
    return [(t, v, d, s) for t, v, d, s in zip(points.t, points.values, points.dates,
                                               points.source_ids) if d not in ends]


def outlying_year_end(annual: Series, points: Series) -> tuple[Series, dict | None]:
    """``annual`` with at most one outlying year-end replaced (the largest), and its record."""
    readings = _sub_annual(annual, points)
    window = NEIGHBOUR_MONTHS / 12
    worst = None
    for i, (t, v, d) in enumerate(zip(annual.t, annual.values, annual.dates)):
        before = [r for r in readings if t - window <= r[0] < t]
        after = [r for r in readings if t < r[0] <= t + window]
        if not before or not after or v <= 0:
            continue
        b, a = before[-1], after[0]
        if b[1] <= 0 or a[1] <= 0:
            continue
        w = (t - b[0]) / (a[0] - b[0])
        line = float(np.exp((1 - w) * np.log(b[1]) + w * np.log(a[1])))
        dev = float(np.log(v / line))
        if abs(dev) > SPIKE_LOG and (worst is None or abs(dev) > abs(worst[1])):
            worst = (i, dev, line, b[2], a[2])
    if worst is None:
        return annual, None
    i, dev, line, d_before, d_after = worst
    values = annual.values.copy()
    record = {"date": annual.dates[i], "value": float(values[i]), "replaced_by": line,
              "log_deviation": dev, "neighbours": [d_before, d_after]}
    values[i] = line
    return _with(annual, annual.t, values, annual.dates, annual.source_ids), record


def replaced(points: Series, outlier: dict | None) -> Series:
    """``points`` with the outlying year-end of :func:`outlying_year_end` (its record)
    replaced as the fit replaced it: a region pooled with the top region moved with the
    raw 45.22M of end-2024 (+8.7 % in 2024, then a fall), which the top's own fit read as
    41.02M."""
    if not outlier or outlier["date"] not in points.dates:
        return points
    values = points.values.copy()
    values[points.dates.index(outlier["date"])] = outlier["replaced_by"]
    return _with(points, points.t, values, points.dates, points.source_ids)


def _seasonal(annual: Series, points: Series, latest) -> tuple[float, float, list] | None:
    t, v, d, _ = latest
    month = int(d[5:7])
    ends = dict(zip([int(round(x)) for x in annual.t], annual.values))
    pairs = []
    for rt, rv, rd, _ in _sub_annual(annual, points):
        year = int(rd[:4])
        if year in ends and abs(int(rd[5:7]) - month) <= 1 and rv > 0 and year != int(d[:4]):
            pairs.append((year, float(np.log(ends[year] / rv)), rd))
    # One pair per year: the reading closest to the latest reading's month.
    by_year = {}
    for year, ratio, rd in pairs:
        gap = abs(int(rd[5:7]) - month)
        if year not in by_year or gap < by_year[year][0]:
            by_year[year] = (gap, ratio, rd)
    if len(by_year) < MIN_PAIRS:
        return None
    ratios = np.array([r for _, r, _ in by_year.values()])
    sd = float(np.std(ratios, ddof=1) * np.sqrt(1 + 1 / len(ratios)))
    return float(ratios.mean()), sd, sorted(rd for _, _, rd in by_year.values())


def _growth(annual: Series, latest) -> tuple[float, float, list] | None:
    t_ends, v_ends = annual.t[-6:], annual.values[-6:]
    if len(t_ends) < 3 or np.any(v_ends <= 0):
        return None
    g = np.diff(np.log(v_ends)) / np.diff(t_ends)
    left = float(np.ceil(latest[0]) - latest[0]) if latest[0] % 1 else 0.0
    return float(np.median(g) * left), float(np.std(g, ddof=1) * np.sqrt(left)), []


def method_of(metric: str, scheme: Scheme | None = None) -> str | None:
    """How ``metric`` is nowcast: :data:`METHODS` for the shipped scheme's metrics,
    :data:`AUTO` for another scheme's stock (not a flow, coverage or percentage), else None.

    Another scheme that names a metric as the shipped one does (``active_total``, to have
    the fund model) gets its own scheme's rule, not the shipped one's: the shipped
    ``active_total`` has no growth fallback, and its ``working_population`` no nowcast."""
    shipped = default_scheme()
    scheme = scheme or shipped
    if scheme == shipped:
        return METHODS.get(metric)
    if metric not in scheme.metrics or scheme.is_flow(metric) or scheme.is_coverage(metric) \
            or scheme.share_bound(metric) is not None:
        return None
    return AUTO


def nowcast(annual: Series, points: Series, scheme: Scheme | None = None,
            method: str | None = None) -> tuple[Series, dict | None]:
    """``annual`` with the year-ends after its last one nowcast from each year's latest
    reading, up to the latest reading's year (see module); the record is the last one's,
    with ``filled``, the earlier year-ends nowcast on the way. A shipped metric stops at a
    year without a reading (the series stays consecutive: the fund model reads every
    year-end); another scheme's passes it over (:data:`AUTO`)."""
    method = method or method_of(annual.metric, scheme)
    readings = [r for r in _sub_annual(annual, points) if r[0] > annual.last_t]
    if method is None or not readings or len(annual) < 3:
        return annual, None
    fitted, record, filled = annual, None, []
    year = int(round(annual.last_t))
    last_year = max(int(r[2][:4]) for r in readings)
    while year < last_year:
        year += 1
        of_year = [r for r in readings if int(r[2][:4]) == year]
        if not of_year:
            if method == AUTO:
                continue
            break
        latest = of_year[-1]
        if method == AUTO:
            est = _seasonal(fitted, points, latest)
            used = "seasonal_ratio" if est is not None else "growth"
            est = est if est is not None else _growth(fitted, latest)
        else:
            used = method
            est = _seasonal(fitted, points, latest) if method == "seasonal_ratio" else \
                _growth(fitted, latest)
        if est is None:
            record = {"method": used, "from_date": latest[2], "from_value": latest[1],
                      "value": None, "reason": "too_few_pairs", "pairs": []}
            break
        if record is not None:
            filled.append(record["year_end"])
        log_ratio, sd, pairs = est
        value = float(latest[1] * np.exp(log_ratio))
        year_end = f"{year}-12-31"
        fitted = _with(fitted, list(fitted.t) + [decimal_year(year_end)],
                       list(fitted.values) + [value], list(fitted.dates) + [year_end],
                       list(fitted.source_ids) + [latest[3]])
        record = {"method": used, "from_date": latest[2], "from_value": latest[1],
                  "year_end": year_end, "value": value, "log_ratio": log_ratio,
                  "sd_log": sd, "pairs": pairs, "filled": filled}
    return fitted, record


def _odds(series: Series, back: bool = False) -> Series:
    """A percentage's odds (p / (100 - p)), or back from them to percent."""
    v = series.values
    values = 100.0 * v / (1.0 + v) if back else (lambda p: p / (100.0 - p))(
        np.clip(v, 1e-6, 100.0 - 1e-6))
    return _with(series, series.t, values, series.dates, series.source_ids)


def _share_nowcast(annual: Series, points: Series, scheme) -> tuple[Series, dict | None]:
    """A share projected on its own (coverage published only as a percentage): its year in
    progress nowcast as any stock (:data:`AUTO`), on the odds, so it stays under 100 %."""
    fitted, now = nowcast(_odds(annual), _odds(points), scheme, method=AUTO)
    if now is None or now.get("value") is None:
        return annual, None
    fitted = _odds(fitted, back=True)
    share = 100.0 * now["value"] / (1.0 + now["value"])
    # The odds' spread in the share's own log terms: d log p = (1 - p) d log odds.
    return fitted, {**now, "from_value": 100.0 * now["from_value"] / (1.0 + now["from_value"]),
                    "value": share, "sd_log": now["sd_log"] * (1.0 - share / 100.0)}


def _of_ceiling(series: Series, ceiling, back: bool = False) -> Series:
    """A count's odds of its ceiling (n / (K - n) at each date), or back from them."""
    k, v = np.asarray(ceiling.at(series.t), float), series.values
    values = k * v / (1.0 + v) if back else v / (k - v)
    return _with(series, series.t, values, series.dates, series.source_ids)


def _ceiling_nowcast(annual: Series, points: Series, scheme, ceiling
                     ) -> tuple[Series, dict | None] | None:
    """A count under a ceiling (members under residents) nowcast on its odds of the
    ceiling, as the models project it, so that the year-end it starts from stays under the
    ceiling there; None (left as nowcast) where a reading is at or above it (a count by
    registration: a ceiling it has passed is none, forecast.run)."""
    if any(np.any(s.values >= np.asarray(ceiling.at(s.t), float)) for s in (annual, points)):
        return None
    fitted, now = nowcast(_of_ceiling(annual, ceiling), _of_ceiling(points, ceiling), scheme)
    if now is None or now.get("value") is None:
        return None
    t_end = decimal_year(now["year_end"])
    k_end = float(ceiling.at(t_end))
    value = k_end * now["value"] / (1.0 + now["value"])
    from_t = decimal_year(now["from_date"])
    from_value = float(ceiling.at(from_t)) * now["from_value"] / (1.0 + now["from_value"])
    # The odds' spread in the count's own log terms: d log n = (1 - n / K) d log odds.
    return _of_ceiling(fitted, ceiling, back=True), {
        **now, "from_value": from_value, "value": value,
        "log_ratio": float(np.log(value / from_value)), "of_ceiling": True,
        "sd_log": now["sd_log"] * (1.0 - value / k_end)}


def prepare(annual: Series, points: Series, scheme: Scheme | None = None, *,
            share: bool = False, ceiling=None) -> tuple[Series, dict]:
    """The series the models fit (outlier replaced, year in progress nowcast) and the
    data-quality fields saying so (empty when nothing changed). A flow over the year
    (``flow = true`` in ``scheme``, default the shipped scheme) is left as it is: its
    readings during the year are year-to-date sums, neither a level to nowcast from nor a
    line to judge a year-end by. ``share``: a percentage projected on its own, nowcast on
    its odds (:func:`_share_nowcast`); ``ceiling``: a count's bound (a
    :class:`~forecast.models.Ceiling`): a count whose nowcast would pass it is nowcast on its
    odds of it instead (:func:`_ceiling_nowcast`).
    """
    if (scheme or default_scheme()).is_flow(annual.metric):
        return annual, {}
    fields = {}
    fitted, outlier = outlying_year_end(annual, points)
    if outlier is not None:
        fields["outlier"] = outlier
    plain = fitted
    fitted, now = (_share_nowcast(fitted, points, scheme) if share
                   else nowcast(fitted, points, scheme))
    if ceiling is not None and not share and (now or {}).get("value") is not None and \
            now["value"] >= float(ceiling.at(decimal_year(now["year_end"]))):
        # Its own growth carries the count past its ceiling (members over residents): the
        # year-end it starts from is the same growth on its odds of the ceiling.
        fitted, now = _ceiling_nowcast(plain, points, scheme, ceiling) or (fitted, now)
    if now is not None:
        fields["nowcast"] = now
    return fitted, fields


def widen(projection, sd_log: float | None, seed) -> object:
    """``projection`` with every path scaled by one lognormal draw of sd ``sd_log`` (the
    nowcast's uncertainty), kept under the projection's bound. Returned unchanged when
    there is no uncertainty to add."""
    if not sd_log or not np.isfinite(sd_log):
        return projection
    rng = np.random.default_rng(seed)
    # Stratified normal draws, balanced among paths of similar level (their mean log over
    # the horizon), so the seed moves the probabilities far less: paired with the paths at
    # random, they moved one by up to 0.9 points between seeds.
    ranks = np.argsort(np.argsort(projection.paths, axis=0), axis=0)
    scale = np.exp(sd_log * neighbour_strata(ranks.mean(axis=1)[:, None], rng))

    def spread(paths):
        out = paths * scale[: paths.shape[0]]
        if projection.bound is not None:
            caps = np.array([projection.bound_at(float(t)) for t in projection.t])
            out = np.minimum(out, caps[None, :])
        return out

    return dataclasses.replace(projection, paths=spread(projection.paths),
                               model_paths={k: spread(v)
                                            for k, v in projection.model_paths.items()})
