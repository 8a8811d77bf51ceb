"""Doubts about a data directory that do not stop a run (``forecast data check`` prints them)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import config
from .defaults import BREAK_FACTOR  # a series' break: the quality label reads it too
from .data import Panel, select
from .csvfile import read_with_lines
from .targetcheck import base_mismatch as _base_mismatch, num as _num, scale as _scale
from .targetcheck import target_panels
from .glyphs import name_warning, scheme_names
from .money import flow_gaps, fund_warnings
from .yearendcheck import year_end_pairs
from .treecheck import base_clashes, headline_warnings, outside_warnings
from .parentcheck import above_parent
from .sharecheck import share_spikes
from .fractioncheck import off_counts
from .plurals import plural
from .scheme import SCHEME_FILE
from .fiscal import YEAR_ENDS, calendar_panel, real_iso, to_internal
from .series import recurring_day, year_end_of

#: A series "jumps" at a change of source when the annualised change between the two
#: readings, ``(v2 / v1) ** (1 / max(years apart, 1)) - 1``, is above +JUMP_UP or below
#: -JUMP_DOWN. Participants and funds have grown about 10-16 %/yr nationally, and a
#: within-year season moves active participants by 10-15 %; a source that changes the
#: level by more than this is more likely counting something else.
JUMP_UP = 0.30
JUMP_DOWN = 0.20
#: Segments may exceed their total by rounding only (values published as "1.1 juta").
SEGMENT_TOLERANCE = 0.02
#: Counts shown but never fitted mix sources on purpose. (Flows, ``flow = true`` in the
#: scheme, are skipped too: a month reading is the year to date, a part of the year, so a
#: change to the year's figure is no jump.)
JUMP_SKIP_METRICS = ("active_total_office", "active_total_local", "participants_unlabelled",
                     "active_budget_funded")
#: Coverage is one series only on one stated base.
JUMP_SKIP_DENOMINATORS = ("not_stated", "other", "workers_unspecified")
#: Membership segments whose sum on a date cannot exceed ``active_total`` on that date.
SEGMENT_METRICS = ("active_pu", "active_bpu", "active_jakon", "active_pmi")


def _file_lines(panel: Panel, name: str, date_column: str) -> dict[tuple, int]:
    """(region, metric, date) -> line of the file (header = line 1), for messages."""
    columns = config.OBSERVATION_COLUMNS if date_column == "date" else config.TARGET_COLUMNS
    frame = read_with_lines(panel.data_dir / name, columns, config.OPTIONAL_FACT_COLUMNS)
    return {(r, m, pd.Timestamp(d)): n
            for r, m, d, n in zip(frame["region"], frame["metric"], frame[date_column],
                                  frame["line"])}


def data_warnings(panel: Panel) -> list[str]:
    """Doubts about the data that do not stop a run, one line each with file and row.

    - **Jump at a change of source**: consecutive readings of one series (region, metric and,
      for coverage, denominator) from different sources whose annualised change is above
      +``JUMP_UP`` or below -``JUMP_DOWN``; the scheme's flows, shown-only counts
      (``JUMP_SKIP_METRICS``) and coverage on an unstated or mixed base
      (``JUMP_SKIP_DENOMINATORS``) are not checked.
    - **Target without observations**: no reading of its metric for its region at all.
    - **Target out of scale**: a target a thousand times above or below the latest reading
      of its metric for its region (a count in millions written as 8).
    - **Target not at a year-end**, and **statements that disagree**: a target dated other
      than December 31; several sources stating one target with different values.
    - **Break within one source**: consecutive readings of one source that move by a factor
      of ``BREAK_FACTOR`` or more in a year (up or down).
    - **Coverage of unknown base**: a reading with an empty denominator among readings of
      its series on stated bases; no target is compared with it. **Coverage off its
      counts**: more than 10 % off the share they give (:mod:`.fractioncheck`).
    - **A 0 after readings above 0**: a series that has started cannot fall to 0 and be
      projected; the run does not assess its targets.
    - **Count above its ceiling** (:func:`_ceiling_at`), **a fund whose flows do not add
      up** (:mod:`forecast.money`), **two readings of one year-end** (:mod:`.yearendcheck`).
    - **Names the reports cannot print**: a name in ``scheme.toml`` or ``regions.csv``
      with characters no font of the PDFs or charts holds (:mod:`forecast.glyphs`); two
      regions of one name (the reports' tables tell regions by name).
    - **A headline naming no target**: an entry of scheme.toml's ``headline`` that matches
      no target of the top region (the summary leads without it).
    - **A region outside the tree**: a region other than the top one without a parent
      (:mod:`forecast.treecheck`, as the headline entries that name no target).
    - **Segments above the total**: the membership segments (``SEGMENT_METRICS``) of a region
      on one date sum to more than its ``active_total`` then (``SEGMENT_TOLERANCE``).

    Returns a list of str, sorted by file and row; empty when nothing is doubtful.
    """
    gaps = flow_gaps(panel, select, lambda d: real_iso(d, panel.scheme.shift_days))  # fiscal
    panel = calendar_panel(panel)  # the files' own dates, in every message
    lines = _file_lines(panel, config.OBSERVATIONS_FILE, "date")
    where = lambda r, m, d: f"{config.OBSERVATIONS_FILE}:{lines.get((r, m, d), '?')}"  # noqa: E731
    found: list[tuple[int, str]] = []
    obs = panel.observations
    for (region, metric, den), rows in obs.groupby(["region", "metric", "denominator"],
                                                   sort=True):
        if metric in JUMP_SKIP_METRICS or panel.scheme.is_flow(metric) \
                or den in JUMP_SKIP_DENOMINATORS:
            continue
        rows = rows.sort_values("date")
        prev, started = None, False  # started: a reading above 0 seen (None: told)
        for cur in rows.itertuples(index=False):
            if prev is not None and cur.source_id == prev.source_id and prev.value > 0 \
                    and cur.value > 0:
                years = max((cur.date - prev.date).days / 365.25, 1.0)
                factor = (cur.value / prev.value) ** (1.0 / years)
                if factor >= BREAK_FACTOR or factor <= 1.0 / BREAK_FACTOR:
                    w = where(region, metric, cur.date)
                    found.append((_line(w), f"{w}: warning: {region} {metric}"
                                  + (f" ({den})" if den else "")
                                  + f" moves x{factor:.3g} a year from {_num(prev.value)} "
                                  f"({prev.date:%Y-%m-%d}) to {_num(cur.value)} "
                                  f"({cur.date:%Y-%m-%d}) within source {cur.source_id}; "
                                  f"expected less than x{BREAK_FACTOR:g} or /{BREAK_FACTOR:g} "
                                  f"(a change of counting or a typo?)"))
            if prev is not None and cur.source_id != prev.source_id and prev.value > 0:
                years = max((cur.date - prev.date).days / 365.25, 1.0)
                change = (cur.value / prev.value) ** (1.0 / years) - 1.0
                if change > JUMP_UP or change < -JUMP_DOWN:
                    w = where(region, metric, cur.date)
                    found.append((int(w.rsplit(":", 1)[1]) if w[-1] != "?" else 0,
                                  f"{w}: warning: {region} {metric}"
                                  + (f" ({den})" if den else "")
                                  + f" changes {change:+.0%}/yr from {_num(prev.value)} "
                                  f"({prev.date:%Y-%m-%d}, {prev.source_id}) to "
                                  f"{_num(cur.value)} ({cur.date:%Y-%m-%d}, {cur.source_id}) "
                                  f"at a change of source; expected between "
                                  f"-{JUMP_DOWN:.0%} and +{JUMP_UP:.0%}/yr"))
            if cur.value <= 0 and started is True:  # the run refuses it: say so here
                started = None  # once a series
                w = where(region, metric, cur.date)
                found.append((_line(w), f"{w}: warning: {region} {metric}: {_num(cur.value)} "
                              f"on {cur.date:%Y-%m-%d} after readings above 0; expected "
                              f"readings above 0 once the series has started (its growth "
                              f"cannot be projected: the run does not assess its targets)"))
            if started is False and cur.value > 0:
                started = True
            prev = cur
    found.extend(_unknown_bases(panel, obs, where) + off_counts(obs, panel.scheme, where, _line))
    found.extend(above_parent(panel, obs, where, _line))  # a unit slip: x1000 the parent
    found.extend(share_spikes(panel, obs, where, _line))  # one year-end off on the logit
    found.extend(_above_ceiling(panel, obs, where) + year_end_pairs(
        obs, panel.scheme.year_end_tolerance_days, panel.scheme.is_flow, where,
        panel.scheme.shift_days))
    for date, words in gaps:  # forecast.money: the fund's own flows, in the files' days
        w = where(panel.scheme.top_region, "fund_investment", pd.Timestamp(date))
        found.append((_line(w), f"{w}: warning: {panel.scheme.top_region} {words}"))
    totals = obs[obs["metric"] == "active_total"].set_index(["region", "date"])["value"]
    segments = obs[obs["metric"].isin(SEGMENT_METRICS)]
    for (region, date), rows in segments.groupby(["region", "date"], sort=True):
        total = totals.get((region, date))
        if total is None or len(rows) < 2:
            continue
        got = float(rows["value"].sum())
        if got > total * (1 + SEGMENT_TOLERANCE):
            w = where(region, "active_total", date)
            parts = " + ".join(f"{m} {v:,.0f}" for m, v in zip(rows["metric"], rows["value"]))
            found.append((int(w.rsplit(":", 1)[1]) if w[-1] != "?" else 0,
                          f"{w}: warning: {region} {date:%Y-%m-%d}: segments {parts} = "
                          f"{got:,.0f}, more than active_total {total:,.0f}; expected at "
                          f"most the total"))
    found.extend(_target_warnings(panel))
    found.extend(_name_warnings(panel))
    found.extend(headline_warnings(panel) + outside_warnings(panel))
    found.extend((0, line) for line in fund_warnings(panel.scheme))  # forecast.money
    return [text for _, text in sorted(found, key=lambda f: (f[1].split(":")[0], *f))]


def _unmatched(panel: Panel, row) -> str:
    """The run's own words (forecast.outcomes.denominator_check) for a coverage target no
    reading of its region is on the base of: the run leaves it unassessed."""
    if not panel.scheme.is_coverage(row.metric):
        return ""
    from .outcomes import denominator_check  # the run's rule, read here as it reads it
    from .reasons import reason_text  # (the same reason)

    why = denominator_check(panel, row.region, getattr(row, "denominator", ""), row.metric)
    return reason_text(why, "en") if why is not None else ""


def _line(where: str) -> int:
    return int(where.rsplit(":", 1)[1]) if where[-1] != "?" else 0


def _unknown_bases(panel: Panel, obs: pd.DataFrame, where) -> list[tuple[int, str]]:
    """Coverage readings with an empty denominator among readings of the same region and
    metric on stated bases: empty means unknown, so no target (on its stated base) is
    compared with them, and the run leaves them out without a word. One line per series, at
    its first such row."""
    out = []
    for (region, metric), rows in obs[obs["metric"].isin(panel.scheme.coverage_metrics)
                                      ].groupby(["region", "metric"], sort=True):
        bases = rows["denominator"].fillna("")
        empty = rows[bases == ""].sort_values("date")
        stated = sorted(set(bases) - {""})
        if len(empty) == 0 or not stated:
            continue
        first, more = empty.iloc[0], len(empty) - 1
        w = where(region, metric, first["date"])
        out.append((_line(w), f"{w}: warning: {region} {metric} {first['value']:g} on "
                              f"{first['date']:%Y-%m-%d} has an empty denominator"
                              + (f", and so {'has' if more == 1 else 'have'} "
                                 f"{plural(more, 'more reading')}" if more else "")
                              + f", among readings on {', '.join(stated)}; expected the base "
                              f"it is of (a reading of unknown base is compared with no "
                              f"target: the run leaves it out)"))
    return out


def _above_ceiling(panel: Panel, obs: pd.DataFrame, where) -> list[tuple[int, str]]:
    """Counts above their ceiling's reading of the same region and date: the saturating
    models take the ceiling as the most the count can be, so one of the two is wrong (or the
    count is by place of registration, not of residence). Consecutive readings of one
    region's count above the ceiling (a count by registration is so every year) are one line
    at the first one's row, naming the span (:func:`_span`)."""
    out = []
    for metric in sorted(obs["metric"].unique()):
        bound = panel.scheme.ceiling_of(metric)
        if bound is None:
            continue
        ceilings = obs[obs["metric"] == bound].sort_values("date")
        rows = obs[obs["metric"] == metric].sort_values(["region", "date"])
        for region, series in rows.groupby("region", sort=True):
            own = ceilings[ceilings["region"] == region]
            exact = set(series["date"]) <= set(own["date"])  # read on the counts' dates
            run: list = []  # the readings above the ceiling since the last one at or below
            for row in series.itertuples(index=False):
                top = _ceiling_at(own["date"], own["value"], row.date)
                if top is None:
                    continue
                if row.value > top:
                    run.append((row, top))
                    continue
                out.extend(_ceiling_line(where, region, metric, bound, run, exact))
                run = []
            out.extend(_ceiling_line(where, region, metric, bound, run, exact))
    return out


#: A ceiling read on other dates than the count (a mid-year population beside year-end
#: counts) is carried this many days past its first or last reading at its own growth.
CARRY_DAYS = 366


def _ceiling_at(dates: pd.Series, values: pd.Series, date: pd.Timestamp) -> float | None:
    """The ceiling on ``date``: its reading that day; else log-linear between the readings
    around it, or carried at most :data:`CARRY_DAYS` past the first or last one at the
    growth of the two nearest; None without two readings (or one that day)."""
    d = np.array([x.value for x in dates], dtype=float)
    v = np.asarray(values, dtype=float)
    same = d == date.value
    if same.any():
        return float(v[same][-1])
    if len(d) < 2 or not (v > 0).all():
        return None
    if d[0] < date.value < d[-1]:
        return float(np.exp(np.interp(date.value, d, np.log(v))))
    day = 86400e9
    i = (0, 1) if date.value < d[0] else (-2, -1)
    edge = d[i[0]] if date.value < d[0] else d[i[1]]
    if abs(date.value - edge) > CARRY_DAYS * day or d[i[1]] == d[i[0]]:
        return None
    rate = (np.log(v[i[1]]) - np.log(v[i[0]])) / (d[i[1]] - d[i[0]])
    return float(v[i[0] if date.value < d[0] else i[1]] * np.exp(rate * (date.value - edge)))


def _ceiling_line(where, region: str, metric: str, bound: str, run,
                  exact: bool = True) -> list[tuple[int, str]]:
    """The warning of a run of readings above the ceiling ([] for none): one reading as it
    is; several with the first and the last and the span between them."""
    if not run:
        return []
    (first, top), (last, last_top) = run[0], run[-1]
    w = where(region, metric, first.date)
    said = f"{_num(first.value)} on {first.date:%Y-%m-%d} is above its ceiling {bound} " \
           f"{_num(top)} on that date"
    if len(run) > 1:
        said = (f"is above its ceiling {bound} {_span([r.date for r, _ in run])}: "
                f"{_num(first.value)} against {_num(top)} on {first.date:%Y-%m-%d}, ..., "
                f"{_num(last.value)} against {_num(last_top)} on {last.date:%Y-%m-%d}")
    if not exact:  # a ceiling read on other days (a mid-year population)
        said += f" (the {bound} readings carried log-linearly to the count's dates)"
    return [(_line(w), f"{w}: warning: {region} {metric} {said}; expected at most the "
                       f"ceiling")]


def _span(dates) -> str:
    """Readings in a row on several dates in words: "in every year 2010-2024 (15 years)"
    for one a year over consecutive years, else the count and the first and last date.

    Examples
    --------
    >>> _span([pd.Timestamp(f"{y}-12-31") for y in range(2010, 2025)])
    'in every year 2010-2024 (15 years)'
    >>> _span([pd.Timestamp(d) for d in ("2020-06-30", "2020-12-31", "2022-12-31")])
    'on 3 readings in a row from 2020-06-30 to 2022-12-31'
    """
    years = [d.year for d in dates]
    if years == list(range(years[0], years[0] + len(years))):
        return f"in every year {years[0]}-{years[-1]} ({len(years)} years)"
    return f"on {len(dates)} readings in a row from {dates[0]:%Y-%m-%d} to {dates[-1]:%Y-%m-%d}"


def _target_warnings(panel: Panel) -> list[tuple[int, str]]:
    """Targets not dated at a December 31 (the projection measures year-ends, so a target
    dated otherwise is read at the year-end near it or between two), and statements of one
    target by several sources that disagree on its value."""
    frame = read_with_lines(panel.data_dir / config.TARGETS_FILE, config.TARGET_COLUMNS,
                            config.OPTIONAL_FACT_COLUMNS)
    line = {(r, m, d, s): n
            for r, m, d, s, n in zip(frame["region"], frame["metric"], frame["target_date"],
                                     frame["source_id"], frame["line"])}
    out = []
    year_end = panel.scheme.year_end
    observed = set(zip(panel.observations["region"], panel.observations["metric"]))
    told: set = set()
    clashes = base_clashes(panel)  # said once, as such, not as values that disagree
    for row, own in target_panels(panel):  # own: the readings its checks read
        date = f"{row.target_date:%Y-%m-%d}"
        n = line.get((row.region, row.metric, date, row.source_id), 0)
        where = f"{config.TARGETS_FILE}:{n or '?'}"
        if (row.region, row.metric) not in observed:
            out.append((n, f"{where}: warning: {row.region} {row.metric} target {date}: no "
                           f"observation of {row.metric} for {row.region} in "
                           f"{config.OBSERVATIONS_FILE}; expected at least one (the target "
                           f"cannot be assessed without)"))
        if not date.endswith(f"-{year_end}"):
            out.append((n, f"{where}: warning: {row.region} {row.metric} target dated {date}; "
                           f"expected a year-end (YYYY-{year_end}), the date the projections "
                           f"measure"))
        base = _base_mismatch(own, row)
        if base:
            out.append((n, f"{where}: warning: {row.region} {row.metric} target {date}: "
                           f"{base}; expected a base the readings state in column "
                           f"denominator (the target is not assessed otherwise: percentages "
                           f"of different bases are not compared)"))
        elif (row.region, row.metric) in observed and (why := _unmatched(own, row)):
            out.append((n, f"{where}: warning: {row.region} {row.metric} target {date}: "
                           f"{why}; expected a reading on the target's base (the run does "
                           f"not assess it otherwise)"))
        scale = _scale(own, row)
        if scale:
            out.append((n, f"{where}: warning: {row.region} {row.metric} target {date}: "
                           f"{_num(row.value)} is {scale}; expected the scale of the readings "
                           f"(a value in another unit or scale?)"))
        fiscal = _fiscal(own, row.region, row.metric)
        if fiscal and fiscal[0] is None and (row.region, row.metric) not in told \
                and not _poolable(own, row.region, row.metric):
            told.add((row.region, row.metric))  # quarterly or monthly: no one day recurs
            out.append((n, f"{where}: warning: {row.region} {row.metric}: {fiscal[2]} of its "
                           f"readings {'falls' if fiscal[2] == 1 else 'fall'} during the "
                           f"year and {fiscal[1]} at a year-end "
                           f"({year_end}); expected 3 or more year-ends, the annual points a "
                           f"projection fits (the series is not fitted; add the year-end "
                           f"readings; README: Fiscal years)"))
        if fiscal and fiscal[0] is not None and (row.region, row.metric) not in told:
            told.add((row.region, row.metric))
            todo = (f"if the scheme's year ends on {fiscal[0]}, set year_end = "
                    f"\"{fiscal[0]}\" in scheme.toml's [scheme]; " if fiscal[0] in YEAR_ENDS
                    else "")
            out.append((n, f"{where}: warning: {row.region} {row.metric}: its readings recur "
                           f"each year on {fiscal[0]} and {fiscal[1]} fall at a year-end "
                           f"({year_end}); expected 3 or more year-ends, the annual points a "
                           f"projection fits (the series is not fitted; {todo}README: Fiscal "
                           f"years)"))
        for other in row.other_sources or ():
            if other["value"] != row.value and (row.region, row.metric, date) not in clashes:
                out.append((n, f"{where}: warning: {row.region} {row.metric} {date}: "
                               f"{row.source_id} states {_num(row.value)}, "
                               f"{other['source_id']} states {_num(other['value'])}; the "
                               f"first is used (latest published), expected one value"))
    return out + list(clashes.values())


def _fiscal(panel: Panel, region: str, metric: str) -> tuple[str | None, int, int] | None:
    """(month-day, year-ends, readings during the year) where fewer than 3 of a target's
    readings (a coverage target's: its count's, when it has them) are year-ends and the
    others recur each year at a month-day that is no year-end (a scheme publishing at a
    fiscal year-end), or fall during the year at no one day (month-day None: quarterly or
    monthly readings): its target cannot be assessed (the run's reason says the same)."""
    obs = panel.observations
    scheme = panel.scheme
    count = scheme.metrics[metric].numerator if scheme.is_coverage(metric) else None
    for m in (count, metric) if count else (metric,):
        dates = obs.loc[(obs["region"] == region) & (obs["metric"] == m), "date"]
        if len(dates):
            break
    tol, days = scheme.year_end_tolerance_days, scheme.shift_days
    dates = to_internal(dates, days)  # the calendar's dates: year-ends are in fiscal time
    ends = sum(year_end_of(d, tol) is not None for d in dates)
    day = recurring_day(dates, tol, shift_days=days)
    return (day, ends, len(dates) - ends) if ends < 3 and len(dates) > ends else None


def _poolable(panel: Panel, region: str, metric: str) -> bool:
    """Whether ``region``, under the top region, can borrow the top region's growth (the
    run pools a region with fewer than 3 year-ends when the top region has 3 or more)."""
    scheme, obs = panel.scheme, panel.observations
    top = obs[obs["region"] == scheme.top_region]
    if scheme.is_coverage(metric):
        # Coverage is never pooled: with no count of its own it moves with the top
        # region's count over its base (one reading of the count, two of the base), else it
        # is projected alone from its own year-ends.
        cov = scheme.metrics[metric]
        return region != scheme.top_region and (top["metric"] == cov.numerator).sum() >= 1 \
            and (top["metric"] == cov.denominator).sum() >= 2
    dates = top.loc[top["metric"] == metric, "date"]
    ends = sum(year_end_of(d, scheme.year_end_tolerance_days) is not None
               for d in to_internal(dates, scheme.shift_days))
    return region != scheme.top_region and ends >= 3


def _name_warnings(panel: Panel) -> list[tuple[int, str]]:
    """The scheme's and the regions' names the reports would print as empty boxes."""
    out = []
    for key, text in scheme_names(panel.scheme.as_dict()):
        line = name_warning(SCHEME_FILE, key, text)
        if line:
            out.append((0, line))
    frame = read_with_lines(panel.data_dir / config.REGIONS_FILE, config.REGION_COLUMNS,
                            config.OPTIONAL_REGION_COLUMNS)
    first: dict[str, tuple[str, int]] = {}
    names = dict(zip(frame["id"], frame["name"]))
    for region, name, parent, n in zip(frame["id"], frame["name"], frame["parent"],
                                       frame["line"]):
        for what, text in ((f"region {region} name", name), ("region id", region)):
            line = name_warning(f"{config.REGIONS_FILE}:{n}", what, text)
            if line:
                out.append((n, line))
        if name in first:  # the reports' tables name a region by its name alone
            other, at = first[name]
            out.append((n, f"{config.REGIONS_FILE}:{n}: warning: region {region} name "
                           f"{name!r} is also region {other}'s (line {at}); expected distinct "
                           f"names, as the reports list regions by name (e.g. with the "
                           f"parent's: '{name} ({names.get(parent) or parent})')"))
        first.setdefault(name, (region, n))
    return out

