"""How fast has anyone gone: the fastest sustained growth in the data, against the required.

For a target that needs growth over ``w`` years (the time left, rounded to whole years, at
least 1), :func:`speed_records` looks at every series of the same kind in the (cut) panel:
every region's series of every metric of the target metric's kind (:data:`KINDS`: the
participant segments together, the fund, the yearly money flows, coverage, the populations;
a metric outside them is its own kind). Its windows are the pairs of year-end observations
exactly ``w`` years apart (31 December to 31 December: the fitted points; month readings
are left out so that seasonality cannot set a record); each window's growth is its compound
annual growth rate (CAGR). The record is the fastest window.

Where coverage is known, the window's starting coverage is the region's ``coverage_pct``
reading nearest its start (within a year); the target region's coverage is its latest
reading (for the participant and coverage kinds only). Windows whose starting coverage is within :data:`COVERAGE_BAND_PP` percentage
points of it give the record "at similar starting coverage".

The ``speed`` field of each results.json target entry (:func:`speed_field`)::

    speed: {window_years, required_cagr, n_windows, n_series, window_cagrs (every
            window's growth, fastest first),
            record: {region, metric, start_date, end_date, start_value, end_value, cagr,
                     start_coverage} | null,
            national_record: {...} | null,          # the same, national series only
            similar_coverage: {coverage, band_pp, n_windows, record} | null,
            required_above_record: bool | null}     # null when either growth is unknown
"""

from __future__ import annotations

import pandas as pd

from .data import Panel, year_end_rows
from .outcomes import NOT_ONE_BASE
from .series import decimal_year
from .targets import MEANINGFUL_CAGR

#: Metrics whose growth is comparable (the same kind of series). Other countings of a
#: province's participants (``active_total_office``, ``active_total_local``,
#: ``participants_unlabelled``) are left out: a change of counting is not growth.
#: A segment growing from a small base (migrant workers from 0.3M) says nothing about what
#: the total can do, so totals and segments are separate kinds.
KINDS = {
    "participants": ("active_total", "registered_total"),
    "segments": ("active_pu", "active_bpu", "active_jakon", "active_pmi"),
    "fund": ("fund_investment",),
    "money_flows": ("contributions", "benefits_paid", "investment_income"),
    "coverage": ("coverage_pct",),
    "population": ("working_population", "eligible_workers"),
}
#: Half-width of the "similar starting coverage" band, in percentage points.
COVERAGE_BAND_PP = 10.0


def kind_of(metric: str) -> tuple[str, ...]:
    """The metrics of ``metric``'s kind (itself alone when it is in no kind)."""
    return next((ms for ms in KINDS.values() if metric in ms), (metric,))


def _coverage_near(coverage: pd.DataFrame, region: str, date: pd.Timestamp) -> float | None:
    rows = coverage[coverage["region"] == region]
    if rows.empty:
        return None
    gap = (rows["date"] - date).abs()
    best = gap.idxmin()
    return float(rows.loc[best, "value"]) if gap[best] <= pd.Timedelta(days=366) else None


def _bases(obs: pd.DataFrame) -> pd.Series:
    """The base of each reading (its ``denominator``; "" where unknown)."""
    return (obs["denominator"].where(obs["denominator"].notna(), "")
            if "denominator" in obs else pd.Series("", index=obs.index))


def growth_windows(observations: pd.DataFrame, metrics, years: int, *,
                   coverage_metric: str | None = "coverage_pct",
                   tolerance_days: int = 0, coverage_base: tuple[str, str] | None = None
                   ) -> pd.DataFrame:
    """Every window of ``years`` years between year-end observations of the given metrics.

    Parameters
    ----------
    observations : pandas.DataFrame
        Columns region, metric, date (Timestamp), value.
    metrics : iterable of str
    years : int
        Window length.
    coverage_metric : str, optional
        The coverage metric whose readings give each window's starting coverage (None:
        unknown).
    tolerance_days : int
        A reading this near a December 31 counts as that year-end, as the fits count it
        (the scheme's ``year_end_tolerance_days``; :func:`forecast.data.year_end_rows`).
    coverage_base : (region, base), optional
        The starting coverage read only on this base (its ``denominator``; percentages of
        two bases are not compared), and only of this region where the base is not one
        (:data:`forecast.outcomes.NOT_ONE_BASE`, or unknown).

    Returns
    -------
    pandas.DataFrame
        One row per window: region, metric, start_date, end_date, start_value, end_value,
        cagr, start_coverage (NaN where unknown); sorted fastest first.
    """
    obs = observations[observations["metric"].isin(list(metrics))
                       & (observations["value"] > 0)]
    coverage = observations[observations["metric"] == coverage_metric]
    if coverage_base is not None:
        region, on = coverage_base
        coverage = coverage[_bases(coverage) == on]
        if on in NOT_ONE_BASE + ("",):
            coverage = coverage[coverage["region"] == region]
    # Coverage readings of one region on two bases (a denominator that changed definition)
    # are two series: a window from one base to the other is no pace.
    rows = []
    for (region, metric, _), g in obs.assign(_base=_bases(obs)).groupby(
            ["region", "metric", "_base"], sort=True):
        g, _ = year_end_rows(g, tolerance_days)
        by_year = dict(zip(g["date"].dt.year, g["value"]))
        for y0, v0 in sorted(by_year.items()):
            v1 = by_year.get(y0 + years)
            if v1 is None:
                continue
            start = pd.Timestamp(f"{y0}-12-31")
            rows.append({"region": region, "metric": metric,
                         "start_date": f"{y0}-12-31", "end_date": f"{y0 + years}-12-31",
                         "start_value": float(v0), "end_value": float(v1),
                         "cagr": float((v1 / v0) ** (1.0 / years) - 1.0),
                         "start_coverage": _coverage_near(coverage, region, start)})
    columns = ["region", "metric", "start_date", "end_date", "start_value", "end_value",
               "cagr", "start_coverage"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["cagr", "region", "metric", "start_date"],
                             ascending=[False, True, True, True], ignore_index=True)


def _record(windows: pd.DataFrame) -> dict | None:
    if windows.empty:
        return None
    row = windows.iloc[0].to_dict()
    cov = row["start_coverage"]
    row["start_coverage"] = None if cov is None or pd.isna(cov) else float(cov)
    return row


def window_years(last_date: str, target_date: str) -> int:
    """The time left to a target in whole years (at least 1)."""
    return max(int(round(decimal_year(target_date) - decimal_year(last_date))), 1)


def speed_records(observations: pd.DataFrame, metric: str, years: int, *,
                  coverage: float | None = None,
                  band_pp: float = COVERAGE_BAND_PP, top_region: str = "national",
                  coverage_metric: str | None = "coverage_pct",
                  tolerance_days: int = 0, coverage_base: tuple[str, str] | None = None
                  ) -> dict:
    """The fastest growth over ``years`` years of any series of ``metric``'s kind.

    Parameters
    ----------
    observations : pandas.DataFrame
        The (cut) panel's observations.
    metric : str
        The target's metric.
    years : int
        Window length (:func:`window_years`).
    coverage : float, optional
        The target region's coverage (percent); when given, also the record among windows
        starting within ``band_pp`` points of it.
    top_region : str
        The scheme's top region, whose windows give ``national_record``.
    coverage_metric : str, optional
        The coverage metric of the windows' starting coverage.
    tolerance_days, coverage_base
        Of the year-ends and the starting coverage (:func:`growth_windows`).

    Returns
    -------
    dict
        ``window_years, n_windows, n_series, record, national_record, similar_coverage``,
        ``n_not_meaningful`` (windows left out: over 100 %/yr, a break in the series such as
        a change of counting, not a pace anyone sustained; the rule of required growth).
    """
    windows = growth_windows(observations, kind_of(metric), years,
                             coverage_metric=coverage_metric, tolerance_days=tolerance_days,
                             coverage_base=coverage_base)
    meaningful = windows["cagr"] <= MEANINGFUL_CAGR
    n_not_meaningful = int((~meaningful).sum())
    windows = windows[meaningful]
    similar = None
    if coverage is not None:
        near = windows[windows["start_coverage"].notna()
                       & ((windows["start_coverage"].astype(float) - coverage).abs()
                          <= band_pp)]
        similar = {"coverage": float(coverage), "band_pp": float(band_pp),
                   "n_windows": int(len(near)), "record": _record(near)}
    return {"window_years": int(years), "n_windows": int(len(windows)),
            "window_cagrs": [float(c) for c in windows["cagr"]],
            "n_series": int(windows[["region", "metric"]].drop_duplicates().shape[0]),
            "record": _record(windows),
            "national_record": _record(windows[windows["region"] == top_region]),
            "similar_coverage": similar, "n_not_meaningful": n_not_meaningful}


def coverage_metric_of(scheme, metric: str) -> str | None:
    """The coverage metric whose starting level bears on ``metric``'s growth: itself if it is
    a coverage, else the coverage that counts a metric of its kind (None: none does, as for
    money and the participant segments of the shipped data)."""
    if scheme.is_coverage(metric):
        return metric
    kind = kind_of(metric)
    return next((m for m in scheme.coverage_metrics if scheme.metrics[m].numerator in kind),
                None)


def speed_field(panel: Panel, region: str, entry: dict) -> dict:
    """The ``speed`` field of a target entry, from the run's cut panel (module docstring)."""
    obs = panel.observations
    years = window_years(entry["last_observed"]["date"], entry["target_date"])
    # The scheme's own coverage metric and top region (the shipped: coverage_pct, national).
    cov_metric = coverage_metric_of(panel.scheme, entry["metric"])
    cov = obs[(obs["region"] == region) & (obs["metric"] == cov_metric)].sort_values("date")
    coverage = float(cov["value"].iloc[-1]) if len(cov) else None
    # Windows starting at a coverage of the same base only: "within 10 points of 55 %" of
    # formal workers was read off a neighbour's coverage of the labour force.
    out = speed_records(obs, entry["metric"], years, coverage=coverage,
                        top_region=panel.scheme.top_region, coverage_metric=cov_metric,
                        tolerance_days=panel.scheme.year_end_tolerance_days,
                        coverage_base=(region, _bases(cov).iloc[-1]) if len(cov) else None)
    # The reader reads "Bengkulu", not "bengkulu": each record names its region (the id stays).
    for rec in (out["record"], out["national_record"],
                (out["similar_coverage"] or {}).get("record")):
        if rec is not None:
            rec["region_name"] = panel.region_name(rec["region"])
    required = entry.get("required_cagr")
    record = out["record"]
    out["required_cagr"] = required
    out["required_above_record"] = (None if required is None or record is None
                                    else bool(required > record["cagr"]))
    return out



def speed_table(results: dict, lang: str = "en") -> pd.DataFrame:
    """The ``speed`` of each target of a results.json object, one row per target, headed
    in words in ``lang``."""
    from .tables import metric_label, unit_label  # the scheme's label: the HTML is read by managers
    from .tablewords import worded  # beside metric_label: tables imports this module

    rows = []
    for e in results.get("targets", []):
        speed = e.get("speed")
        if not speed:
            continue
        rec, nat = speed["record"], speed["national_record"]
        similar = (speed.get("similar_coverage") or {}).get("record")
        rows.append({
            "metric": metric_label(results, e["metric"], lang),
            "target_value": e["target_value"],
            "unit": unit_label(results, e.get("unit"), lang), "target_date": e["target_date"],
            "window_years": speed["window_years"], "required_cagr": speed["required_cagr"],
            "record_cagr": rec["cagr"] if rec else None,
            "record_by": (f"{record_who(rec, results, lang)} {rec['start_date'][:4]}-"
                          f"{rec['end_date'][:4]}" if rec else None),
            "national_record_cagr": nat["cagr"] if nat else None,
            "similar_coverage_record_cagr": similar["cagr"] if similar else None,
            "required_above_record": speed["required_above_record"]})
    return worded(pd.DataFrame(rows), lang)


def record_who(rec: dict, results: dict | None = None, lang: str = "en") -> str:
    """Who set a record, as a reader names it: "Bengkulu, Active participants" (the region's
    name and the metric's label from the scheme in ``results``; the ids where a record
    written before the names has none)."""
    region = rec.get("region_name") or rec["region"]
    labels = (((results or {}).get("scheme") or {}).get("metrics", {})
              .get(rec["metric"], {}).get("labels") or {})
    return f"{region}, {labels.get(lang) or labels.get('en') or rec['metric']}"
