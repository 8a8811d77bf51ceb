"""Load and validate a data directory; select series and vintages from it.

A data directory holds four CSV files (see ``data/README.md`` for the dictionary):
``observations.csv``, ``targets.csv``, ``regions.csv`` and ``sources.csv``. Loading checks
every cell and stops at the first problem with a message that names the file, the row (as
a spreadsheet shows it: the header is row 1), the column, what was expected and what was
found. Nothing downstream ever sees unvalidated data.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .errors import DataError, ParameterError
from .safepath import check_inside
from .series import Series, decimal_year, is_year_end
from .textsafe import MAX_NAME_CHARS, MAX_NOTE_CHARS, check_text, escape, shown

# ASCII digits only: ``\d`` would also match Arabic-Indic or full-width digits.
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
#: A plain number as the data dictionary writes it: ASCII digits, an optional decimal
#: point, an optional exponent; no sign (values are >= 0), no separators or underscores.
_PLAIN_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$")
#: Physical line (1-based) where each data record of a file starts, keyed by path: a quoted
#: newline inside a cell makes a record span two lines, so ``index + 2`` would be wrong.
_RECORD_LINES: dict[str, list[int]] = {}
_REGION_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


@dataclass(frozen=True)
class Panel:
    """A validated data directory.

    Attributes
    ----------
    observations : pandas.DataFrame
        Columns of ``observations.csv`` with ``date`` as Timestamp and ``value`` as float.
    targets : pandas.DataFrame
        Columns of ``targets.csv`` with ``target_date`` as Timestamp, ``value`` float.
    regions, sources : pandas.DataFrame
        The region and source tables, all text.
    data_dir : pathlib.Path
        Where the files were read from.
    data_hash : str
        SHA-256 over the four files' bytes (in a fixed order): the identity of the data.
    """

    observations: pd.DataFrame
    targets: pd.DataFrame
    regions: pd.DataFrame
    sources: pd.DataFrame
    data_dir: Path
    data_hash: str

    @property
    def region_ids(self) -> list[str]:
        return list(self.regions["id"])

    def region_name(self, region: str) -> str:
        row = self.regions.loc[self.regions["id"] == region, "name"]
        return str(row.iloc[0]) if len(row) else region


# ---------------------------------------------------------------------------- reading


def _read_csv(path: Path, columns: tuple[str, ...],
              optional: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read a CSV as text, checking it exists, is UTF-8 and has exactly ``columns``.

    Columns in ``optional`` may follow; a file without them gets them empty.
    """
    if path.exists() and not path.is_file():
        raise DataError(f"{path}: cannot be read: expected a CSV file, found a "
                        f"{'folder' if path.is_dir() else 'special file'}")
    if not path.is_file():
        raise DataError(f"{path}: file not found (a data directory needs "
                        f"{config.OBSERVATIONS_FILE}, {config.TARGETS_FILE}, "
                        f"{config.REGIONS_FILE} and {config.SOURCES_FILE})")
    # A data file linked to a file elsewhere (a system file) is not the folder's data.
    check_inside(path, path.parent, str(path), error=DataError)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(f"{path}:{line}: expected UTF-8 text, found byte "
                        f"0x{raw[exc.start]:02x} (save the file as UTF-8)") from exc
    if not text.strip():
        raise DataError(f"{path}: the file is empty; expected a header row "
                        f"{','.join(columns)}")
    header, starts = _header_and_record_lines(text, path)
    present = tuple(c for c in optional if c in [h.strip() for h in header])
    _check_header(header, columns + present, path)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            skipinitialspace=False)
    except (pd.errors.ParserError, ValueError) as exc:
        raise DataError(f"{path}: not a readable CSV ({' '.join(str(exc).split())})") \
            from exc
    if len(starts) == len(frame):
        _RECORD_LINES[str(path)] = starts
    else:  # the two readers disagree (should not happen): fall back to index + 2
        _RECORD_LINES.pop(str(path), None)
    for c in optional:
        if c not in present:
            frame[c] = ""
    return frame[list(columns) + list(optional)].apply(lambda s: s.str.strip())


def _header_and_record_lines(text: str, path: Path) -> tuple[list[str], list[int]]:
    """The header as written (not pandas' renamed ``value.1`` or ``Unnamed: 7``) and the
    line each data record starts on."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    starts: list[int] = []
    previous = 0
    try:
        for record in reader:
            start, previous = previous + 1, reader.line_num
            if not record:  # a blank line (pandas skips it too)
                continue
            if header is None:
                header = record
            else:
                starts.append(start)
    except csv.Error as exc:
        raise DataError(f"{path}:{reader.line_num}: not a readable CSV ({exc})") from None
    return header or [], starts


def _check_header(header: list[str], columns: tuple[str, ...], path: Path) -> None:
    found = [c.strip() for c in header]
    if found == list(columns):
        return
    parts = []
    missing = [c for c in columns if c not in found]
    if missing:
        parts.append(f"missing column(s) {', '.join(missing)}")
    extra = [c for c in dict.fromkeys(found) if c and c not in columns]
    if extra:
        parts.append(f"unexpected column(s) {escape(', '.join(extra), 200)}")
    seen: set[str] = set()
    for i, name in enumerate(found, start=1):
        if not name:
            parts.append(f"column {i} has no name")
        elif name in seen:
            parts.append(f"column {i} repeats '{escape(name, 40)}'")
        seen.add(name)
    if not parts:
        parts.append("the columns are in another order")
    raise DataError(f"{path}:1: {'; '.join(parts)}; expected exactly {','.join(columns)}, "
                    f"found {escape(','.join(found), 200)}")


def _line(path: Path, index: int) -> int:
    """The line of record ``index`` as an editor shows it (header is line 1)."""
    starts = _RECORD_LINES.get(str(path))
    if starts is not None and 0 <= index < len(starts):
        return starts[index]
    return index + 2


def _where(path: Path, index: int, column: str) -> str:
    return f"{path}:{_line(path, index)}: column '{column}'"


def _date_window(kind: str) -> tuple[str, str]:
    """(first, last) ISO dates a date of ``kind`` may take; ``today`` is the day of loading
    (nothing can have been observed or published later)."""
    low, high = config.DATE_WINDOWS[kind]
    today = pd.Timestamp.today().strftime("%Y-%m-%d")
    return (today if low == "today" else low), (today if high == "today" else high)


def _check_date(text: str, where: str, kind: str, expected: str) -> pd.Timestamp:
    """Parse an ISO date and check it is a real day inside the window of ``kind``."""
    ts = None
    if _ISO_DATE.match(text):
        try:
            ts = pd.Timestamp(text)
        except (ValueError, OverflowError):  # 2023-02-30, or out of pandas' range
            ts = None
    if ts is None:
        raise DataError(f"{where}: expected {expected}, found {shown(text)}")
    low, high = _date_window(kind)
    if not low <= text <= high:  # ISO dates compare as text
        raise DataError(f"{where}: expected a {config.DATE_WINDOW_WORDS[kind]} date from "
                        f"{low} to {high}, found {text!r}")
    return ts


def _parse_dates(frame: pd.DataFrame, column: str, path: Path) -> pd.Series:
    kind = "target" if column == "target_date" else "observation"
    out = []
    for i, text in enumerate(frame[column]):
        out.append(_check_date(text, _where(path, i, column), kind,
                               "an ISO date YYYY-MM-DD"))
    return pd.Series(out, index=frame.index, dtype="datetime64[ns]")


def _parse_values(frame: pd.DataFrame, path: Path, column: str = "value") -> pd.Series:
    out = np.empty(len(frame))
    for i, (text, unit) in enumerate(zip(frame[column], frame["unit"])):
        if not text:
            raise DataError(f"{_where(path, i, column)}: expected a number, found an "
                            f"empty cell")
        negative = text.startswith("-") and bool(_PLAIN_NUMBER.match(text[1:]))
        if negative:  # -0 included: a signed zero is not a count or an amount
            raise DataError(f"{_where(path, i, column)}: expected a value >= 0 for unit "
                            f"{unit!r}, written without a sign, found {text!r}")
        value = None
        if _PLAIN_NUMBER.match(text):
            try:
                value = float(text)
            except (ValueError, OverflowError):
                value = None
        if value is None:
            hint = ""
            if re.fullmatch(r"-?[0-9]{1,3}([.,_][0-9]{3})+([.,][0-9]+)?", text):
                hint = (" (thousands separators are not allowed: write 1001, not 1.001, "
                        "1,001 or 1_001)")
            elif any(ch.isdigit() and not "0" <= ch <= "9" for ch in text):
                hint = " (write the digits 0-9; other scripts' digits are not read)"
            elif text.lower().lstrip("+-") in ("nan", "inf", "infinity"):
                hint = " (a finite number is expected)"
            raise DataError(f"{_where(path, i, column)}: expected a number written "
                            f"plainly, such as 41560000 or 712.3, found {shown(text)}{hint}")
        if not np.isfinite(value):
            raise DataError(f"{_where(path, i, column)}: expected a finite number, "
                            f"found {text!r}")
        high = config.VALUE_MAX.get(unit)
        if high is not None and value > high:
            raise DataError(f"{_where(path, i, column)}: expected at most {high:,.0f} for "
                            f"unit {unit!r} ({config.VALUE_MAX_WHY[unit]}), found {text}")
        if unit == "persons" and value != int(value):
            raise DataError(f"{_where(path, i, column)}: expected a whole number of persons, "
                            f"found {text!r} (write 1001000, not 1.001 or 1,001,000)")
        out[i] = value
    return pd.Series(out, index=frame.index)


def _check_vocab(frame: pd.DataFrame, column: str, valid, path: Path, what: str) -> None:
    valid = list(valid)
    for i, text in enumerate(frame[column]):
        if text not in valid:
            shown = ", ".join(valid) if len(valid) <= 15 else ", ".join(valid[:15]) + ", ..."
            raise DataError(f"{_where(path, i, column)}: unknown {what} {text!r}; "
                            f"valid choices: {shown}")


def _check_units(frame: pd.DataFrame, path: Path) -> None:
    for i, (metric, unit) in enumerate(zip(frame["metric"], frame["unit"])):
        expected = config.METRICS[metric][0]
        if unit != expected:
            raise DataError(f"{_where(path, i, 'unit')}: metric {metric!r} is measured in "
                            f"{expected!r}, found {unit!r}")


def _check_unique(frame: pd.DataFrame, keys: list[str], path: Path) -> None:
    dup = frame.duplicated(subset=keys, keep="first")
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        first = int(np.flatnonzero(
            (frame[keys] == frame.iloc[i][keys]).all(axis=1).to_numpy())[0])
        key = ", ".join(f"{k}={frame.iloc[i][k]}" for k in keys)
        raise DataError(f"{path}:{_line(path, i)}: duplicate row for ({key}); expected one "
                        f"value per {'/'.join(keys)}, found another on line "
                        f"{_line(path, first)}")


def _load_regions(path: Path) -> pd.DataFrame:
    frame = _read_csv(path, config.REGION_COLUMNS)
    for i, rid in enumerate(frame["id"]):
        if not _REGION_ID.match(rid):
            raise DataError(f"{_where(path, i, 'id')}: expected a lowercase slug of letters, "
                            f"digits and single hyphens (e.g. kalimantan-barat), found {rid!r}")
    _check_unique(frame, ["id"], path)
    _check_vocab(frame, "level", config.REGION_LEVELS, path, "region level")
    ids = set(frame["id"])
    for i, parent in enumerate(frame["parent"]):
        if parent and parent not in ids:
            raise DataError(f"{_where(path, i, 'parent')}: expected a region id of this file "
                            f"or empty, found {parent!r}")
    for i, code in enumerate(frame["bps_code"]):
        if code and not re.fullmatch(r"[0-9]{2}", code):
            raise DataError(f"{_where(path, i, 'bps_code')}: expected a 2-digit BPS code "
                            f"such as 51 (or empty), found {code!r}")
    _check_texts(frame, path, {"name": MAX_NAME_CHARS})
    _check_no_cycles(frame, path)
    return frame


def _check_no_cycles(frame: pd.DataFrame, path: Path) -> None:
    """Every chain of parents ends at a region without one (a cycle would loop forever
    in every roll-up and is never a real hierarchy)."""
    parent = dict(zip(frame["id"], frame["parent"]))
    for i, rid in enumerate(frame["id"]):
        chain = [rid]
        node = parent.get(rid, "")
        while node:
            if node in chain:
                loop = " -> ".join(chain[chain.index(node):] + [node])
                raise DataError(f"{_where(path, i, 'parent')}: expected parents that end at "
                                f"a region without a parent, found the cycle {loop}")
            chain.append(node)
            node = parent.get(node, "")


def _check_texts(frame: pd.DataFrame, path: Path, limits: dict[str, int]) -> None:
    """Free-text columns: bounded length, no control or bidirectional characters."""
    for column, limit in limits.items():
        for i, text in enumerate(frame[column]):
            check_text(text, _where(path, i, column), limit=limit, error=DataError)


def _load_sources(path: Path) -> pd.DataFrame:
    frame = _read_csv(path, config.SOURCE_COLUMNS)
    for i, sid in enumerate(frame["id"]):
        if not _SOURCE_ID.match(sid):
            raise DataError(f"{_where(path, i, 'id')}: expected a source id of letters, "
                            f"digits, '.', '_' or '-', found {sid!r}")
    _check_unique(frame, ["id"], path)
    for i, (title, pub) in enumerate(zip(frame["title"], frame["publisher"])):
        if not title and not pub:
            raise DataError(f"{_where(path, i, 'title')}: expected a title or a publisher "
                            f"for source {frame['id'].iloc[i]!r}, found both empty")
    for i, text in enumerate(frame["published"]):
        # A day, or the month or year when the source gives no day (see published_end).
        if text and published_end(text) is None:
            raise DataError(f"{_where(path, i, 'published')}: expected a date YYYY-MM-DD, "
                            f"YYYY-MM or YYYY, or empty, found {shown(text)}")
        low, high = _date_window("published")
        if text and not low[:len(text)] <= text <= high:  # ISO dates compare as text
            raise DataError(f"{_where(path, i, 'published')}: expected a "
                            f"{config.DATE_WINDOW_WORDS['published']} date from {low} to "
                            f"{high}, found {text!r}")
    _check_texts(frame, path, {"publisher": MAX_NAME_CHARS, "title": MAX_NOTE_CHARS,
                               "url": MAX_NOTE_CHARS})
    return frame


def _check_denominators(frame: pd.DataFrame, path: Path) -> None:
    """A coverage value names its denominator from config.DENOMINATORS (or leaves it empty,
    unknown); any other metric leaves the column empty."""
    for i, (metric, den) in enumerate(zip(frame["metric"], frame["denominator"])):
        if metric == "coverage_pct" and den and den not in config.DENOMINATORS:
            raise DataError(f"{_where(path, i, 'denominator')}: expected one of "
                            f"{', '.join(config.DENOMINATORS)} for coverage_pct, found {den!r}")
        if metric != "coverage_pct" and den:
            raise DataError(f"{_where(path, i, 'denominator')}: expected it empty for "
                            f"{metric} (only coverage_pct has a denominator), found {den!r}")


def _load_facts(path: Path, columns: tuple[str, ...], date_column: str,
                regions: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    frame = _read_csv(path, columns, optional=config.OPTIONAL_FACT_COLUMNS)
    if frame.empty:
        raise DataError(f"{path}: no data rows; expected at least one row under the header")
    _check_denominators(frame, path)
    _check_vocab(frame, "region", regions["id"], path, "region")
    _check_vocab(frame, "metric", config.METRICS, path, "metric")
    _check_vocab(frame, "unit", config.UNITS, path, "unit")
    _check_units(frame, path)
    source_ids = set(sources["id"])
    for i, sid in enumerate(frame["source_id"]):
        if sid not in source_ids:
            raise DataError(f"{_where(path, i, 'source_id')}: expected an id listed in "
                            f"{config.SOURCES_FILE}, found {sid!r}")
    _check_texts(frame, path, {"note": MAX_NOTE_CHARS})
    dates = _parse_dates(frame, date_column, path)
    values = _parse_values(frame, path)
    frame = frame.assign(**{date_column: dates, "value": values})
    _check_unique(frame, ["region", "metric", date_column], path)
    return frame


def data_hash(data_dir: Path) -> str:
    """SHA-256 over the four data files, in a fixed order (identifies a data vintage)."""
    digest = hashlib.sha256()
    for name in (config.OBSERVATIONS_FILE, config.TARGETS_FILE, config.REGIONS_FILE,
                 config.SOURCES_FILE):
        digest.update(name.encode())
        digest.update((Path(data_dir) / name).read_bytes())
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
    data_dir = Path(data_dir) if data_dir is not None else config.DATA_DIR
    if not data_dir.is_dir():
        raise DataError(f"{data_dir}: data directory not found")
    regions = _load_regions(data_dir / config.REGIONS_FILE)
    sources = _load_sources(data_dir / config.SOURCES_FILE)
    observations = _load_facts(data_dir / config.OBSERVATIONS_FILE,
                               config.OBSERVATION_COLUMNS, "date", regions, sources)
    targets = _load_facts(data_dir / config.TARGETS_FILE, config.TARGET_COLUMNS,
                          "target_date", regions, sources)
    observations = observations.sort_values(["region", "metric", "date"], kind="stable")
    targets = targets.sort_values(["region", "metric", "target_date"], kind="stable")
    return Panel(observations=observations.reset_index(drop=True),
                 targets=targets.reset_index(drop=True), regions=regions, sources=sources,
                 data_dir=data_dir, data_hash=data_hash(data_dir))


# ---------------------------------------------------------------------------- selection


def parse_as_of(as_of: str | int | pd.Timestamp | None) -> pd.Timestamp | None:
    """Turn an ``as_of`` parameter into the last date whose data is known.

    A year (``2023`` or ``"2023"``) means the end of that year; an ISO date means that day.

    Raises
    ------
    ParameterError
        If the value is neither.
    """
    if as_of is None or (isinstance(as_of, str) and as_of.strip().lower() in ("", "none",
                                                                               "latest")):
        return None
    if isinstance(as_of, pd.Timestamp):
        return as_of.normalize()
    if isinstance(as_of, bool):
        raise ParameterError(f"as_of: expected a year such as 2023 or a date YYYY-MM-DD, "
                             f"found {as_of!r}")
    if isinstance(as_of, int):
        text = str(as_of)
    else:
        text = str(as_of).strip()
    if re.fullmatch(r"[0-9]{4}", text) and 1900 <= int(text) <= 2100:
        return pd.Timestamp(f"{text}-12-31")
    if _ISO_DATE.match(text) and config.AS_OF_WINDOW[0] <= text <= config.AS_OF_WINDOW[1]:
        try:
            return pd.Timestamp(text)
        except (ValueError, OverflowError):
            pass
    raise ParameterError(f"as_of: expected a year such as 2023 or a date YYYY-MM-DD, "
                         f"found {as_of!r}")


def check_region(panel: Panel, region: str) -> None:
    """Raise ParameterError listing the valid ids if ``region`` is not in the panel."""
    if region not in set(panel.regions["id"]):
        ids = panel.region_ids
        shown = ", ".join(ids[:12]) + (f", ... ({len(ids)} in all; see "
                                       f"{config.REGIONS_FILE})" if len(ids) > 12 else "")
        raise ParameterError(f"region: unknown region {region!r}; valid choices: {shown}")


def check_metric(metric: str) -> None:
    if metric not in config.METRICS:
        raise ParameterError(f"metric: unknown metric {metric!r}; valid choices: "
                             f"{', '.join(config.METRICS)}")


#: The two readings of ``as_of`` offered by :func:`vintage`.
VINTAGE_BASES = ("published", "date")

_PARTIAL_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?$")


def published_end(text: str) -> pd.Timestamp | None:
    """The day by which a ``published`` value of ``sources.csv`` had surely appeared.

    ``published`` carries the precision the research gives: a day (``2024-01-30``), a month
    (``2024-05``) or a year (``2024``). A partial date counts from the end of its month or
    year, so a vintage never uses a source before it surely existed. Empty or unreadable
    text gives None (publication date unknown).
    """
    m = _PARTIAL_DATE.match(str(text or "").strip())
    if not m:
        return None
    year, month, day = m.groups()
    try:
        if day:
            return pd.Timestamp(f"{year}-{month}-{day}")
        if month:
            return pd.Timestamp(f"{year}-{month}-01") + pd.offsets.MonthEnd(0)
        return pd.Timestamp(f"{year}-12-31")
    except ValueError:
        return None


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
    ends = {sid: published_end(text)
            for sid, text in zip(panel.sources["id"], panel.sources["published"])}
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
    if basis not in VINTAGE_BASES:
        raise ParameterError(f"basis: expected one of {', '.join(VINTAGE_BASES)}, "
                             f"found {basis!r}")
    cut = parse_as_of(as_of)
    if cut is None:
        return panel
    obs_ok = panel.observations["date"] <= cut
    tgt_ok = pd.Series(True, index=panel.targets.index)
    if basis == "published":
        obs_known, tgt_known = known_from(panel)
        obs_ok &= obs_known <= cut
        tgt_ok = tgt_known.notna() & (tgt_known <= cut)
    return Panel(observations=panel.observations[obs_ok].reset_index(drop=True),
                 targets=panel.targets[tgt_ok].reset_index(drop=True), regions=panel.regions,
                 sources=panel.sources, data_dir=panel.data_dir, data_hash=panel.data_hash)


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
        Keep only year-end observations (dated YYYY-12-31). Participation is seasonal
        within a year, so month readings are never mixed into an annual trend.

    Returns
    -------
    Series
        Possibly empty; callers decide whether it is long enough.
    """
    check_region(panel, region)
    check_metric(metric)
    cut = parse_as_of(as_of)
    obs = panel.observations
    rows = obs[(obs["region"] == region) & (obs["metric"] == metric)]
    if cut is not None:
        rows = rows[rows["date"] <= cut]
    if annual:
        # A boolean array, not a list: an empty list would select columns, not rows.
        rows = rows[rows["date"].map(is_year_end).to_numpy(dtype=bool)]
    rows = rows.sort_values("date")
    return Series(region=region, metric=metric, unit=config.METRICS[metric][0],
                  t=np.array([decimal_year(d) for d in rows["date"]], dtype=float),
                  values=rows["value"].to_numpy(dtype=float),
                  dates=tuple(d.strftime("%Y-%m-%d") for d in rows["date"]),
                  source_ids=tuple(rows["source_id"]))


def summary(panel: Panel) -> pd.DataFrame:
    """Rows per region and metric with their date range (what ``forecast data check`` shows)."""
    obs = panel.observations
    year_end = obs["date"].map(is_year_end)
    grouped = obs.assign(year_end=year_end).groupby(["region", "metric"], sort=True)
    return grouped.agg(rows=("value", "size"), year_end_rows=("year_end", "sum"),
                       first=("date", "min"), last=("date", "max")).reset_index()


# ---------------------------------------------------------------------------- warnings

#: A series "jumps" at a change of source when the annualised change between the two
#: readings, ``(v2 / v1) ** (1 / max(years apart, 1)) - 1``, is above +JUMP_UP or below
#: -JUMP_DOWN. Participants and funds have grown about 10-16 %/yr nationally, and a
#: within-year season moves active participants by 10-15 %; a source that changes the
#: level by more than this is more likely counting something else.
JUMP_UP = 0.30
JUMP_DOWN = 0.20
#: Segments may exceed their total by rounding only (values published as "1.1 juta").
SEGMENT_TOLERANCE = 0.02
#: Year-to-date flows: a month reading is a part of the year, so a change to the year's
#: figure is no jump. Counts shown but never fitted mix sources on purpose.
JUMP_SKIP_METRICS = ("contributions", "benefits_paid", "investment_income",
                     "active_total_office", "active_total_local", "participants_unlabelled")
#: Coverage is one series only on one stated base.
JUMP_SKIP_DENOMINATORS = ("not_stated", "other", "workers_unspecified")
#: Membership segments whose sum on a date cannot exceed ``active_total`` on that date.
SEGMENT_METRICS = ("active_pu", "active_bpu", "active_jakon", "active_pmi")


def _num(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"


def _file_lines(panel: Panel, name: str, date_column: str) -> dict[tuple, int]:
    """(region, metric, date) -> line of the file (header = line 1), for messages."""
    frame = pd.read_csv(panel.data_dir / name, dtype=str, keep_default_na=False)
    return {(r.strip(), m.strip(), pd.Timestamp(d.strip())): i + 2
            for i, (r, m, d) in enumerate(zip(frame["region"], frame["metric"],
                                               frame[date_column]))}


def data_warnings(panel: Panel) -> list[str]:
    """Doubts about the data that do not stop a run, one line each with file and row.

    - **Jump at a change of source**: consecutive readings of one series (region, metric and,
      for coverage, denominator) from different sources whose annualised change is above
      +``JUMP_UP`` or below -``JUMP_DOWN``; flows and shown-only counts
      (``JUMP_SKIP_METRICS``) and coverage on an unstated or mixed base
      (``JUMP_SKIP_DENOMINATORS``) are not checked.
    - **Segments above the total**: the membership segments (``SEGMENT_METRICS``) of a region
      on one date sum to more than its ``active_total`` on that date (beyond
      ``SEGMENT_TOLERANCE`` of rounding).

    Returns
    -------
    list of str
        Sorted by file and row; empty when nothing is doubtful.
    """
    lines = _file_lines(panel, config.OBSERVATIONS_FILE, "date")
    where = lambda r, m, d: f"{config.OBSERVATIONS_FILE}:{lines.get((r, m, d), '?')}"  # noqa: E731
    found: list[tuple[int, str]] = []
    obs = panel.observations
    for (region, metric, den), rows in obs.groupby(["region", "metric", "denominator"],
                                                   sort=True):
        if metric in JUMP_SKIP_METRICS or den in JUMP_SKIP_DENOMINATORS:
            continue
        rows = rows.sort_values("date")
        prev = None
        for cur in rows.itertuples(index=False):
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
            prev = cur
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
    return [text for _, text in sorted(found)]
