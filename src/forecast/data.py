"""The data panel: load a data directory, select series, check ids.

A data directory holds four CSV files (see ``data/README.md`` for the dictionary):
``observations.csv``, ``targets.csv``, ``regions.csv`` and ``sources.csv``; they are read
and validated by :mod:`forecast.datafile`. Vintages (what was known at a date) are in
:mod:`forecast.vintage`, warnings that do not stop a run in :mod:`forecast.datacheck`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .datadir import check_data_dir
from .datafile import _ISO_DATE, _load_facts, _load_regions, _load_sources, published_end
from .errors import DataError, ParameterError
from .fiscal import CALENDAR, to_internal, to_real
from .scheme import SCHEME_FILE, Scheme, default_scheme, load_scheme
from .series import Series, decimal_year, year_end_of
from .textsafe import escape


@dataclass(frozen=True)
class Panel:
    """A validated data directory.

    Attributes
    ----------
    observations : pandas.DataFrame
        Columns of ``observations.csv`` with ``date`` as Timestamp and ``value`` as float.
    targets : pandas.DataFrame
        Columns of ``targets.csv`` with ``target_date`` as Timestamp, ``value`` float: one
        row per target, chosen among its statements by
        :func:`choose_statements`, the others in ``other_sources``.
    regions, sources : pandas.DataFrame
        The region and source tables, all text.
    data_dir : pathlib.Path
        Where the files were read from.
    data_hash : str
        SHA-256 over the four files' bytes (in a fixed order): the identity of the data.
    scheme : Scheme
        The data directory's ``scheme.toml`` (:mod:`forecast.scheme`), else the default.

    Where the scheme's year ends on another day (``year_end = "06-30"``), ``date`` and
    ``target_date`` are in fiscal time: moved ``scheme.shift_days`` days so that the
    year-end is 31 December (:mod:`forecast.fiscal`).
    """

    observations: pd.DataFrame
    targets: pd.DataFrame
    regions: pd.DataFrame
    sources: pd.DataFrame
    data_dir: Path
    data_hash: str
    scheme: Scheme = field(default_factory=default_scheme)

    @property
    def region_ids(self) -> list[str]:
        return list(self.regions["id"])

    def region_name(self, region: str) -> str:
        row = self.regions.loc[self.regions["id"] == region, "name"]
        return str(row.iloc[0]) if len(row) else region


def data_hash(data_dir: Path) -> str:
    """SHA-256 over the four data files, in a fixed order, and the scheme file when there
    is one (identifies a data vintage; a folder without scheme.toml hashes as before)."""
    digest = hashlib.sha256()
    for name in (config.OBSERVATIONS_FILE, config.TARGETS_FILE, config.REGIONS_FILE,
                 config.SOURCES_FILE):
        digest.update(name.encode())
        digest.update((Path(data_dir) / name).read_bytes())
    scheme_path = Path(data_dir) / SCHEME_FILE
    if scheme_path.is_file():
        digest.update(SCHEME_FILE.encode())
        digest.update(scheme_path.read_bytes())
    return digest.hexdigest()


def load_panel(data_dir: str | Path | None = None) -> Panel:
    """Load and validate the four files of a data directory.

    Parameters
    ----------
    data_dir : str or Path, optional
        Folder holding the four CSV files. Defaults to the shipped ``data/``.

    Returns
    -------
    Panel

    Raises
    ------
    DataError
        On the first problem found, naming file, row, column, expectation and value.
    """
    if data_dir is not None and (not isinstance(data_dir, (str, os.PathLike))
                                 or "\0" in str(data_dir)):  # NUL: a ValueError from os
        raise ParameterError(f"data_dir: expected a folder path, found {data_dir!r}")
    data_dir = Path(data_dir) if data_dir is not None else config.DATA_DIR
    check_data_dir(data_dir)
    scheme = load_scheme(data_dir)
    regions = _load_regions(data_dir / config.REGIONS_FILE, scheme)
    sources = _load_sources(data_dir / config.SOURCES_FILE, scheme)
    observations = _load_facts(data_dir / config.OBSERVATIONS_FILE,
                               config.OBSERVATION_COLUMNS, "date", regions, sources, scheme)
    targets = _load_facts(data_dir / config.TARGETS_FILE, config.TARGET_COLUMNS,
                          "target_date", regions, sources, scheme)
    # Several sources may state one target: one is used, the others ride along.
    targets = choose_statements(targets, sources)
    # A fiscal year runs in fiscal time (forecast.fiscal): its year-end becomes 31 December.
    days = scheme.shift_days
    observations["date"] = to_internal(observations["date"], days)
    targets["target_date"] = to_internal(targets["target_date"], days)
    observations = observations.sort_values(["region", "metric", "date"], kind="stable")
    targets = targets.sort_values(["region", "metric", "target_date"], kind="stable")
    return Panel(observations=observations.reset_index(drop=True),
                 targets=targets.reset_index(drop=True), regions=regions, sources=sources,
                 data_dir=data_dir, data_hash=data_hash(data_dir), scheme=scheme)


def choose_statements(targets: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per target (region, metric, target_date, and a coverage target's
    ``denominator``: another base is another target) from the statements of it.

    Several documents often state the same target. The rule: the statement whose source
    was published latest (``published`` read by :func:`published_end`; a source without a
    date counts as the earliest), then the first in the file. The others are kept beside
    it in the column ``other_sources``: a list of ``{"source_id", "value", "published",
    "note"}`` (empty when one source states the target).
    """
    ends = {sid: published_end(text) for sid, text in zip(sources["id"], sources["published"])}
    published = dict(zip(sources["id"], sources["published"]))
    frame = targets.reset_index(drop=True)
    frame = frame.assign(_order=np.arange(len(frame)),
                         _pub=[ends.get(sid) or pd.Timestamp.min for sid in frame["source_id"]])
    chosen, others = [], []
    # Coverage of another base is another target: 50 % of the working population and
    # 67 % of the UCJ base, both by 2025, were read as one (the later-published kept).
    base = frame["denominator"].fillna("") if "denominator" in frame else ""
    for _, group in frame.assign(_base=base).groupby(
            ["region", "metric", "target_date", "_base"], sort=False):
        ranked = group.sort_values(["_pub", "_order"], ascending=[False, True], kind="stable")
        chosen.append(int(ranked["_order"].iloc[0]))
        others.append([{"source_id": r["source_id"], "value": float(r["value"]),
                        "published": published.get(r["source_id"], ""), "note": r["note"]}
                       for _, r in ranked.iloc[1:].iterrows()])
    out = frame.loc[chosen].drop(columns=["_order", "_pub"])
    out["other_sources"] = pd.Series(others, index=out.index, dtype=object)
    return out.sort_index()


# ---------------------------------------------------------------------------- selection


def parse_as_of(as_of: str | int | pd.Timestamp | None,
                first: pd.Timestamp | None = None,
                year_end: str = CALENDAR, *, shift: int = 0) -> pd.Timestamp | None:
    """Turn an ``as_of`` parameter into the last date whose data is known.

    A year (``2023`` or ``"2023"``) means the end of that year (on ``year_end``, the
    scheme's, a calendar day: :func:`check_as_of` moves it into fiscal time); an ISO date
    means that day; a Timestamp is taken as it is, a day of the scheme's time (``shift``
    days ahead of the calendar: :attr:`forecast.scheme.Scheme.shift_days`).
    Years and days run from 1900 to the end of this year (a later one knows nothing more
    than today); ``first``, the data's first observation, only words the message
    (:func:`check_as_of` refuses a cut before it).

    Raises
    ------
    ParameterError
        If the value is neither, naming the range allowed and what was found.
    """
    if as_of is None or (isinstance(as_of, str) and as_of.strip().lower() in ("", "none",
                                                                               "latest")):
        return None
    given = as_of  # named as given in a refusal (a datetime, not the date read from it)
    if isinstance(as_of, dt.datetime) and not isinstance(as_of, pd.Timestamp):
        as_of = as_of.date()  # a notebook's datetime(2023, 12, 31): its day, as a date's
    allowed = _allowed(first)
    last = _last_as_of()
    if isinstance(as_of, pd.Timestamp):  # with a time zone: its local day, as the data's
        day = as_of.tz_localize(None).normalize() if as_of.tz else as_of.normalize()
        if day > last + pd.Timedelta(days=shift):  # Timestamp("2200-01-01") was taken
            raise ParameterError(f"as_of: expected {allowed}, found {given!r} (after this "
                                 f"year: nothing is known yet)")
        return day
    if isinstance(as_of, bool):
        raise ParameterError(f"as_of: expected {allowed}, found {as_of!r}")
    text = str(as_of) if isinstance(as_of, int) else str(as_of).strip()
    # From 1900, or the first observation if a scheme's window lets the data start earlier
    # (a year of 1700 data was refused under a message that allowed it).
    floor = min(config.AS_OF_WINDOW[0], f"{first:%Y-%m-%d}" if first is not None else "9")
    if re.fullmatch(r"[0-9]{4}", text) and int(floor[:4]) <= int(text) <= last.year:
        return pd.Timestamp(f"{text}-{year_end}")
    if _ISO_DATE.match(text) and floor <= text <= f"{last:%Y-%m-%d}":
        try:
            return pd.Timestamp(text)
        except (ValueError, OverflowError):
            raise ParameterError(f"as_of: expected {allowed}, found {given!r} (not a "
                                 f"calendar date)") from None
    why = (" (after this year: nothing is known yet)"
           if re.fullmatch(r"[0-9]{4}(-[0-9]{2}-[0-9]{2})?", text) and text[:4] > str(last.year)
           else "")
    raise ParameterError(f"as_of: expected {allowed}, found {given!r}{why}")


def _last_as_of() -> pd.Timestamp:
    """The latest ``as_of``: the end of this year (the window's end, if earlier)."""
    return min(pd.Timestamp.today().normalize() + pd.offsets.YearEnd(0),
               pd.Timestamp(config.AS_OF_WINDOW[1]))


def check_as_of(panel: Panel, as_of) -> pd.Timestamp | None:
    """:func:`parse_as_of`, and refuse a cut before the panel's first observation (a run
    that knows nothing), naming the years the data allows.

    Raises
    ------
    ParameterError
        Naming what was expected (the first observation's year to this year) and what
        was found.
    """
    days = panel.scheme.shift_days
    first = panel.observations["date"].min() if len(panel.observations) else None
    real_first = to_real(first, days) if first is not None else None
    cut = parse_as_of(as_of, real_first, panel.scheme.year_end, shift=days)
    if cut is not None and not isinstance(as_of, pd.Timestamp):  # a user's day: move it
        cut = to_internal(cut, days)
    if cut is not None and first is not None and cut < first:
        raise ParameterError(f"as_of: expected {_allowed(real_first)}, found {as_of!r} (before "
                             f"the first observation: nothing is known yet)")
    return cut


def _allowed(first: pd.Timestamp | None) -> str:
    last = _last_as_of()
    if first is None:
        return f"a year from 1900 to {last.year} or a date YYYY-MM-DD up to {last:%Y-%m-%d}"
    return (f"a year from {first.year} (the first observation's) to {last.year} or a date "
            f"YYYY-MM-DD from {first:%Y-%m-%d} to {last:%Y-%m-%d}")


def check_region(panel: Panel, region: str) -> None:
    """Raise ParameterError listing the valid ids if ``region`` is not in the panel."""
    if not isinstance(panel, Panel):  # a notebook's run_region("data", ...): no AttributeError
        raise ParameterError(f"panel: expected the data of forecast.data.load_panel(data_dir), "
                             f"found {type(panel).__name__} {escape(repr(panel), 60)}")
    if not isinstance(region, str):  # a notebook's `-y 'region: [bali]'`: unhashable
        raise ParameterError(f"region: expected a region id such as {panel.region_ids[0]}, "
                             f"found {type(region).__name__} {escape(repr(region), 60)}")
    if region not in set(panel.regions["id"]):
        ids = panel.region_ids
        shown = ", ".join(ids[:12]) + (f", ... ({len(ids)} in all; see "
                                       f"{config.REGIONS_FILE})" if len(ids) > 12 else "")
        raise ParameterError(f"region: unknown region '{escape(region, 60)}'"
                             f"{near_region(panel, region)}"
                             f"; valid choices: {shown}")


def near_region(panel: Panel, typed) -> str:
    """`` (did you mean 'jawa-barat'?)`` for a region typed by its name ('Jawa Barat'), in
    capitals, with '_' or blanks, or one letter off; else ''. The list of valid choices is
    cut at 12 of the shipped 51, so the one meant is often not in it."""
    key = "-".join(str(typed).strip().lower().replace("_", " ").split())
    ids = panel.region_ids
    names = {"-".join(str(n).lower().split()): i
             for n, i in zip(panel.regions["name"], panel.regions["id"])}
    hit = key if key in ids else names.get(key)
    if hit is None:
        close = difflib.get_close_matches(key, ids, n=1, cutoff=0.8)
        hit = close[0] if close else None
    return f" (did you mean {hit!r}?)" if hit and hit != typed else ""


def check_metric(metric: str, scheme: Scheme | None = None) -> None:
    """Raise ParameterError listing the valid ids if ``metric`` is not in the scheme."""
    metrics = (scheme or default_scheme()).metrics
    if not isinstance(metric, str) or metric not in metrics:  # a list: unhashable
        raise ParameterError(f"metric: unknown metric {metric!r}; valid choices: "
                             f"{', '.join(metrics)}")


#: The two readings of ``as_of`` offered by :func:`vintage`.


def select(panel: Panel, region: str, metric: str, *, as_of=None,
           annual: bool = True) -> Series:
    """One region's metric as a :class:`Series`.

    Parameters
    ----------
    panel : Panel
    region, metric : str
        Ids as in ``regions.csv`` and the metric list of ``data/README.md``.
    as_of : year, date or None
        Keep only observations dated on or before this (see :func:`parse_as_of`).
    annual : bool, default True
        Keep only year-end observations: dated YYYY-12-31, or within the scheme's
        ``year_end_tolerance_days`` of it (then counted as that year-end, and listed in the
        series' ``moved``; an exact year-end reading wins over a near one). Participation
        is seasonal within a year, so month readings are never mixed into an annual trend.

    Returns
    -------
    Series
        Possibly empty; callers decide whether it is long enough.
    """
    check_region(panel, region)
    scheme = panel.scheme
    check_metric(metric, scheme)
    cut = parse_as_of(as_of, shift=scheme.shift_days)
    obs = panel.observations
    rows = obs[(obs["region"] == region) & (obs["metric"] == metric)]
    if cut is not None:
        rows = rows[rows["date"] <= cut]
    moved: tuple = ()
    if annual:
        rows, moved = year_end_rows(rows, scheme.year_end_tolerance_days)
    rows = rows.sort_values("date")
    return Series(region=region, metric=metric, unit=scheme.unit_of(metric),
                  t=np.array([decimal_year(d) for d in rows["date"]], dtype=float),
                  values=rows["value"].to_numpy(dtype=float),
                  dates=tuple(d.strftime("%Y-%m-%d") for d in rows["date"]),
                  source_ids=tuple(rows["source_id"]), moved=moved)


def year_end_rows(rows: pd.DataFrame, tolerance: int) -> tuple[pd.DataFrame, tuple]:
    """The year-end readings of one series, near ones re-dated to their December 31.

    A reading within ``tolerance`` days of a December 31 (before or after it) counts as
    that year-end when the series has no reading dated exactly then; of several near
    readings the closest wins (the earlier on a tie). Returns the rows, re-dated, and one
    ``{"date": original, "counted_as": year-end}`` per moved reading.
    """
    ends = rows["date"].map(lambda d: year_end_of(d, tolerance))
    rows = rows.assign(_end=ends.to_numpy())
    rows = rows[rows["_end"].notna()]
    if rows.empty:
        return rows.drop(columns="_end"), ()
    rows = rows.assign(_gap=(rows["date"] - pd.to_datetime(rows["_end"])).abs())
    rows = rows.sort_values(["_end", "_gap", "date"], kind="stable")
    rows = rows.drop_duplicates("_end", keep="first")
    near = rows["date"] != pd.to_datetime(rows["_end"])
    moved = tuple({"date": f"{d:%Y-%m-%d}", "counted_as": f"{e:%Y-%m-%d}"}
                  for d, e in zip(rows.loc[near, "date"], pd.to_datetime(rows.loc[near,
                                                                               "_end"])))
    rows = rows.assign(date=pd.to_datetime(rows["_end"]))
    return rows.drop(columns=["_end", "_gap"]), moved


def summary(panel: Panel) -> pd.DataFrame:
    """Rows per region and metric with their date range (what ``forecast data check`` shows)."""
    obs = panel.observations
    tol = panel.scheme.year_end_tolerance_days
    year_end = obs["date"].map(lambda d: year_end_of(d, tol) is not None)
    # The dates shown are the calendar's (fiscal time is the engine's own).
    obs = obs.assign(year_end=year_end, date=to_real(obs["date"], panel.scheme.shift_days))
    grouped = obs.groupby(["region", "metric"], sort=True)
    return grouped.agg(rows=("value", "size"), year_end_rows=("year_end", "sum"),
                       first=("date", "min"), last=("date", "max")).reset_index()


# ---------------------------------------------------------------------------- for results.json


def coverage_denominator(panel: Panel, region: str, date: str, metric: str = "coverage_pct") -> str:
    """The denominator a coverage reading's note states ("Denominator: ...")."""
    obs = panel.observations
    rows = obs[(obs["region"] == region) & (obs["metric"] == metric)
               & (obs["date"] == pd.Timestamp(date))]
    stated = str(rows["denominator"].iloc[0]) if len(rows) and "denominator" in rows else ""
    if stated and stated != "not_stated":  # the column, where the file has it
        return stated.replace("_", " ")
    note = str(rows["note"].iloc[0]) if len(rows) and isinstance(rows["note"].iloc[0], str) \
        else ""
    marker = "Denominator:"
    if marker not in note:
        return "not stated"
    return note.split(marker, 1)[1].strip().rstrip(".").split(". ")[0] or "not stated"


def observation_records(panel: Panel, region: str) -> list[dict]:
    """The region's observations in the (already cut) panel, as the report lists them."""
    obs = panel.observations[panel.observations["region"] == region]
    return [{"metric": r["metric"], "date": r["date"].strftime("%Y-%m-%d"),
             "value": float(r["value"]), "unit": r["unit"], "source_id": r["source_id"],
             "note": r["note"]} for r in obs.to_dict("records")]


def source_records(panel: Panel, ids: set) -> dict[str, dict]:
    """``sources.csv`` rows of the cited ids, by id (ids without a row are left out)."""
    rows = panel.sources[panel.sources["id"].isin(sorted(ids - {""}))]
    return {r["id"]: {k: r[k] for k in ("publisher", "title", "url", "published")}
            for r in rows.sort_values("id").to_dict("records")}
