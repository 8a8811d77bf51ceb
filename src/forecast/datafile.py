"""Read and validate the four CSV files of a data directory, cell by cell.

Every problem stops loading with one line naming the file, the row (as a spreadsheet shows
it: the header is row 1), the column, what was expected and what was found. Nothing
downstream ever sees unvalidated data. :func:`forecast.data.load_panel` assembles the result.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .csvfile import read_table, record_line
from .errors import DataError
from .fractioncheck import refuse_fractions
from .scheme import SCHEME_FILE, Scheme, default_scheme
from .wholecount import counts_single
from .textsafe import (MAX_NAME_CHARS, MAX_NOTE_CHARS, check_text, shown, shown_unseen,
                       visible)

# ASCII digits only: ``\d`` would also match Arabic-Indic or full-width digits.
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
#: A plain number as the data dictionary writes it: ASCII digits, an optional decimal
#: point, an optional exponent; no sign (values are >= 0), no separators or underscores.
_PLAIN_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$")
_REGION_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Longest region id (the shipped longest has 24 characters).
MAX_REGION_ID = 100
_SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
#: A source's address: a web page, since reports make it a link. ``javascript:``,
#: ``data:``, ``file:`` or ``vbscript:`` in a link of an HTML or PDF report would run
#: code or open local files when clicked. The scheme is case-blind, as in RFC 3986.
_WEB_URL = re.compile(r"^https?://[^/?#\s]+(?:[/?#]\S*)?$", re.IGNORECASE)




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


def _formula_hint(text: str) -> str:
    """What to write for a spreadsheet's text formula (``="2023"``, an export keeping
    leading zeros), else nothing."""
    m = re.fullmatch(r'="(.*)"', text)
    return f" (a spreadsheet formula: write {shown(m.group(1))} alone)" if m else ""


def _where(path: Path, index: int, column: str) -> str:
    return f"{path}:{record_line(path, index)}: column '{column}'"


def _date_window(kind: str, windows: dict | None = None) -> tuple[str, str]:
    """(first, last) ISO dates a date of ``kind`` may take; ``today`` is the day of loading
    (nothing can have been observed or published later). ``windows`` are the scheme's
    (``[dates]`` of scheme.toml), else config.DATE_WINDOWS."""
    low, high = (windows or config.DATE_WINDOWS)[kind]
    today = pd.Timestamp.today().strftime("%Y-%m-%d")
    return (today if low == "today" else low), (today if high == "today" else high)


def _not_a_day(text: str) -> bool:
    """Whether ISO-shaped ``text`` names no day of the calendar (2023-02-30, 2023-13-01)."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return True
    return False


def _check_date(text: str, where: str, kind: str, expected: str,
                windows: dict | None = None) -> pd.Timestamp:
    """Parse an ISO date and check it is a real day inside the window of ``kind``."""
    ts, why = None, ""
    if _ISO_DATE.match(text):
        try:
            ts = pd.Timestamp(text)
        except (ValueError, OverflowError):  # 2023-02-30, or out of pandas' range
            why = " (not a calendar date)" if _not_a_day(text) else ""
    if ts is None:
        raise DataError(f"{where}: expected {expected}, found {shown(text)}"
                        f"{why or _formula_hint(text)}")
    low, high = _date_window(kind, windows)
    if not low <= text <= high:  # ISO dates compare as text
        raise DataError(f"{where}: expected a {config.DATE_WINDOW_WORDS[kind]} date from "
                        f"{low} to {high}, found {text!r}")
    return ts


def _parse_dates(frame: pd.DataFrame, column: str, path: Path,
                 windows: dict | None = None) -> pd.Series:
    kind = "target" if column == "target_date" else "observation"
    out = []
    for i, text in enumerate(frame[column]):
        out.append(_check_date(text, _where(path, i, column), kind,
                               "an ISO date YYYY-MM-DD", windows))
    return pd.Series(out, index=frame.index, dtype="datetime64[ns]")


#: Why a number written plainly cannot be held, by whether it is too large (else too small).
_OUT_OF_RANGE = {True: " (too large to hold: it would be read as infinity)",
                 False: " (too small to hold: it would be read as 0, or inexactly)"}


def _underflows(text: str, value: float) -> bool:
    """Whether ``text`` is a number other than 0 that reads as 0 or loses its digits (a
    subnormal number): ``1e-400`` is not nothing, and must not be read as 0."""
    return abs(value) < np.finfo(float).tiny and bool(re.search(r"[1-9]", text.split("e")[0]
                                                                .split("E")[0]))


def _whole(text: str) -> bool:
    """Whether a plain number (:data:`_PLAIN_NUMBER`) is whole as written, not once rounded
    to a float: '17000000.0000000000001' and '9999999999.99999999' read as whole floats.

    >>> [_whole(t) for t in ("17000000", "1.7e7", "1700e-2", "17000000.0000000000001")]
    [True, True, True, False]
    """
    digits, _, exponent = text.lower().partition("e")
    whole, _, fraction = digits.partition(".")
    shift = int(exponent or 0) - len(fraction)  # the value is int(whole + fraction) * 10**shift
    written = (whole + fraction).lstrip("0")
    return shift >= 0 or not written or len(written) - len(written.rstrip("0")) >= -shift


def whole_units(scheme: Scheme) -> set[str]:
    """The units that count individuals one by one, so take whole numbers only: a count
    unit of the scheme (what a coverage metric counts or divides by, or a ceiling bounds)
    whose labels name no scale. "thousand people" may have decimals; a share or an amount
    is no count."""
    return {uid for uid, unit in scheme.as_dict()["units"].items() if counts_single(unit)}


def _parse_values(frame: pd.DataFrame, path: Path, column: str = "value",
                  scheme: Scheme | None = None) -> pd.Series:
    units = (scheme or default_scheme()).units
    whole = whole_units(scheme or default_scheme())
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
            elif re.fullmatch(r"[0-9]+,[0-9]+", text):  # Indonesian style: 712,3
                hint = f" (write a decimal point: {text.replace(',', '.')}, not {text})"
            elif any(ch.isdigit() and not "0" <= ch <= "9" for ch in text):
                hint = " (write the digits 0-9; other scripts' digits are not read)"
            elif text.lower().lstrip("+-") in ("nan", "inf", "infinity"):
                hint = " (a finite number is expected)"
            elif text.endswith("%") and _PLAIN_NUMBER.match(text[:-1].strip()):
                hint = (f" (write {text[:-1].strip()} without the % sign: the unit column "
                        f"says what it counts)")
            else:
                hint = _formula_hint(text)
            raise DataError(f"{_where(path, i, column)}: expected a number written "
                            f"plainly, such as 41560000 or 712.3, found {shown(text)}{hint}")
        if not np.isfinite(value) or _underflows(text, value):
            big = abs(value) > 1
            raise DataError(f"{_where(path, i, column)}: expected "
                            f"{'a finite number' if big else '0 or a number from 1e-300 up'}, "
                            f"found {text!r}{_OUT_OF_RANGE[big]}")
        high = units[unit].max if unit in units else None
        if high is not None and value > high:
            raise DataError(f"{_where(path, i, column)}: expected at most {high:,.0f} for "
                            f"unit {unit!r} ({units[unit].why}), found {text}")
        if unit in whole and not _whole(text):
            raise DataError(f"{_where(path, i, column)}: expected a whole number of {unit}, "
                            f"found {text!r} (write 1001000, not 1.001 or 1,001,000)")
        out[i] = value
    return pd.Series(out, index=frame.index)


def _check_vocab(frame: pd.DataFrame, column: str, valid, path: Path, what: str,
                 scheme: Scheme | None = None) -> None:
    valid = list(valid)
    for i, text in enumerate(frame[column]):
        if text not in valid:
            shown = ", ".join(valid) if len(valid) <= 15 else ", ".join(valid[:15]) + ", ..."
            raise DataError(f"{_where(path, i, column)}: unknown {what} {text!r}; "
                            f"valid choices: {shown}{_built_in(scheme, path)}")


def _built_in(scheme: Scheme | None, path: Path) -> str:
    """Why a folder's own levels, metrics or units are unknown when it has no scheme.toml:
    they were checked against the shipped scheme's, and the line blamed the CSV file."""
    if scheme is None or scheme.path is not None:
        return ""
    return (f" ({path.parent} has no {SCHEME_FILE}, so the shipped scheme's apply, BPJS "
            f"Ketenagakerjaan's; `forecast init NEWDIR` writes a {SCHEME_FILE} to start from)")


def _check_units(frame: pd.DataFrame, path: Path, scheme: Scheme) -> None:
    for i, (metric, unit) in enumerate(zip(frame["metric"], frame["unit"])):
        expected = scheme.unit_of(metric)
        if unit != expected:
            raise DataError(f"{_where(path, i, 'unit')}: metric {metric!r} is measured in "
                            f"{expected!r}, found {unit!r}")


def _cell(value) -> str:
    """A cell as the file writes it (a date without pandas' ``00:00:00``)."""
    return f"{value:%Y-%m-%d}" if isinstance(value, pd.Timestamp) else str(value)


def _check_unique(frame: pd.DataFrame, keys: list[str], path: Path) -> None:
    dup = frame.duplicated(subset=keys, keep="first")
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        first = int(np.flatnonzero(
            (frame[keys] == frame.iloc[i][keys]).all(axis=1).to_numpy())[0])
        key = ", ".join(f"{k}={_cell(frame.iloc[i][k])}" for k in keys)
        raise DataError(f"{path}:{record_line(path, i)}: duplicate row for ({key}); expected one "
                        f"value per {'/'.join(keys)}, found another on line "
                        f"{record_line(path, first)}")


def _load_regions(path: Path, scheme: Scheme | None = None) -> pd.DataFrame:
    scheme = scheme or default_scheme()
    frame = read_table(path, config.REGION_COLUMNS, optional=config.OPTIONAL_REGION_COLUMNS)
    for i, rid in enumerate(frame["id"]):
        # An id names a folder of each batch run: a 300-letter one failed there (too long).
        if not _REGION_ID.match(rid) or len(rid) > MAX_REGION_ID:
            # 'são-paulo' is lowercase letters too: say which letters, and where the
            # others belong (the name may be written in any script).
            other = "; other letters belong in the name column" if not rid.isascii() else ""
            raise DataError(f"{_where(path, i, 'id')}: expected a lowercase slug of letters, "
                            f"digits and single hyphens, at most {MAX_REGION_ID} characters "
                            f"(a-z, e.g. kalimantan-barat{other}), found {shown(rid)}")
        if rid == "all":  # `--regions all` means every region: no region may be called so
            raise DataError(f"{_where(path, i, 'id')}: expected an id other than 'all', which "
                            f"`forecast batch --regions all` reserves for every region, "
                            f"found 'all'")
    _check_unique(frame, ["id"], path)
    _check_vocab(frame, "level", scheme.levels, path, "region level", scheme)
    ids = set(frame["id"])
    _check_top_region(ids, path, scheme)  # before a child naming it is called an orphan
    for i, parent in enumerate(frame["parent"]):
        if parent and parent not in ids:
            raise DataError(f"{_where(path, i, 'parent')}: expected a region id of this file "
                            f"or empty, found {parent!r}")
    digits = scheme.region_code_digits
    for i, code in enumerate(frame["bps_code"]):
        ok = re.fullmatch(r"[0-9]+", code) and len(code) in digits if digits else \
            _SOURCE_ID.match(code) and len(code) <= 20
        if code and not ok:
            want = " or ".join(str(d) for d in digits) + "-digit" if digits else \
                "short (at most 20 characters) letters-and-digits"
            # An example of the first length allowed: '51' for 2 digits, '5101' for 4.
            like = ("5101" + "0" * 20)[:digits[0]] if digits else "R1"
            raise DataError(f"{_where(path, i, 'bps_code')}: expected a {want} region code "
                            f"such as {like} (or empty), found {code!r}")
    _check_texts(frame, path, {"name": MAX_NAME_CHARS})
    for i, name in enumerate(frame["name"]):  # the name every report and the run text print
        if not visible(name):
            raise DataError(f"{_where(path, i, 'name')}: expected a region name with a "
                            f"letter, digit or sign (what the reports print), found "
                            f"{shown_unseen(name)}")
    _check_no_cycles(frame, path)
    _check_hierarchy(frame, path, scheme)
    return frame


def _check_top_region(ids: set, path: Path, scheme: Scheme) -> None:
    if scheme.top_region not in ids:
        why = (f" (scheme.top_region of {SCHEME_FILE}), found none; add it or change "
               f"scheme.top_region" if scheme.path is not None else
               f", found none{_built_in(scheme, path)}")
        raise DataError(f"{path}: expected a row for the top region {scheme.top_region!r}"
                        f"{why}")


def _check_hierarchy(frame: pd.DataFrame, path: Path, scheme: Scheme) -> None:
    """The scheme's top region is a row of the top level without a parent, and every
    other region's parent sits at a higher level than the region itself."""
    level = dict(zip(frame["id"], frame["level"]))
    for i, (rid, parent) in enumerate(zip(frame["id"], frame["parent"])):
        if rid == scheme.top_region:
            if parent or level[rid] != scheme.levels[0]:
                raise DataError(f"{_where(path, i, 'level')}: expected the top region "
                                f"{rid!r} at level {scheme.levels[0]!r} without a parent, "
                                f"found level {level[rid]!r}, parent {parent!r}")
        elif parent and scheme.level_rank(level[parent]) >= scheme.level_rank(level[rid]):
            raise DataError(f"{_where(path, i, 'parent')}: expected a parent at a level above "
                            f"{level[rid]!r} (levels top first: {', '.join(scheme.levels)}), "
                            f"found {parent!r} at level {level[parent]!r}")


def _check_no_cycles(frame: pd.DataFrame, path: Path) -> None:
    """Every chain of parents ends at a region without one (a cycle would loop forever
    in every roll-up and is never a real hierarchy)."""
    parent = dict(zip(frame["id"], frame["parent"]))
    rooted: set[str] = set()  # regions whose chain is known to end: each is walked once
    for i, rid in enumerate(frame["id"]):
        chain, seen = [rid], {rid}
        node = parent.get(rid, "")
        while node and node not in rooted:
            if node in seen:
                loop = " -> ".join(chain[chain.index(node):] + [node])
                raise DataError(f"{_where(path, i, 'parent')}: expected parents that end at "
                                f"a region without a parent, found the cycle {loop}")
            chain.append(node)
            seen.add(node)
            node = parent.get(node, "")
        rooted.update(chain)


def _check_texts(frame: pd.DataFrame, path: Path, limits: dict[str, int]) -> None:
    """Free-text columns: bounded length, no control or bidirectional characters."""
    for column, limit in limits.items():
        for i, text in enumerate(frame[column]):
            check_text(text, _where(path, i, column), limit=limit, error=DataError)


def _load_sources(path: Path, scheme: Scheme | None = None) -> pd.DataFrame:
    frame = read_table(path, config.SOURCE_COLUMNS)
    for i, sid in enumerate(frame["id"]):
        if not _SOURCE_ID.match(sid):
            raise DataError(f"{_where(path, i, 'id')}: expected a source id of letters, "
                            f"digits, '.', '_' or '-', found {sid!r}")
    _check_unique(frame, ["id"], path)
    first: dict[str, int] = {}
    for i, sid in enumerate(frame["id"]):  # 'SRC-A' beside 'src-a': cited as one source
        j = first.setdefault(sid.casefold(), i)
        if j != i:
            raise DataError(f"{_where(path, i, 'id')}: expected ids that differ in more "
                            f"than capitals, found {sid!r} beside {frame['id'].iloc[j]!r} "
                            f"on line {record_line(path, j)}")
    for i, (title, pub) in enumerate(zip(frame["title"], frame["publisher"])):
        if not visible(title) and not visible(pub):
            raise DataError(f"{_where(path, i, 'title')}: expected a title or a publisher "
                            f"for source {frame['id'].iloc[i]!r}, found both empty")
    windows = (scheme or default_scheme()).date_windows
    for i, text in enumerate(frame["published"]):
        # A day, or the month or year when the source gives no day (see published_end).
        if text and published_end(text) is None:
            why = " (not a calendar date)" if _ISO_DATE.match(text) and _not_a_day(text) \
                else ""
            raise DataError(f"{_where(path, i, 'published')}: expected a date YYYY-MM-DD, "
                            f"YYYY-MM or YYYY, or empty, found {shown(text)}{why}")
        low, high = _date_window("published", windows)
        if text and not low[:len(text)] <= text <= high:  # ISO dates compare as text
            raise DataError(f"{_where(path, i, 'published')}: expected a "
                            f"{config.DATE_WINDOW_WORDS['published']} date from {low} to "
                            f"{high}, found {text!r}")
    _check_texts(frame, path, {"publisher": MAX_NAME_CHARS, "title": MAX_NOTE_CHARS,
                               "url": MAX_NOTE_CHARS})
    for i, url in enumerate(frame["url"]):
        if url and not _WEB_URL.match(url):
            raise DataError(f"{_where(path, i, 'url')}: expected an http:// or https:// "
                            f"address without spaces, or empty, found {shown(url)}")
    return frame


def _check_denominators(frame: pd.DataFrame, path: Path, scheme: Scheme) -> None:
    """A coverage value names its denominator from the scheme's list for that metric (its
    ``denominators``, else the metric's own ``denominator``) or leaves it empty (unknown);
    any other metric leaves the column empty."""
    for i, (metric, den) in enumerate(zip(frame["metric"], frame["denominator"])):
        m = scheme.metrics.get(metric)
        if m is None or not den:
            continue
        if m.is_coverage:
            valid = m.denominators or (m.denominator,)
            if den not in valid:
                raise DataError(f"{_where(path, i, 'denominator')}: expected one of "
                                f"{', '.join(valid)} for {metric}, found {den!r}")
        else:
            cov = ", ".join(scheme.coverage_metrics) or "none in this scheme"
            raise DataError(f"{_where(path, i, 'denominator')}: expected it empty for "
                            f"{metric} (only coverage metrics have a denominator: {cov}), "
                            f"found {den!r}")


def _load_facts(path: Path, columns: tuple[str, ...], date_column: str,
                regions: pd.DataFrame, sources: pd.DataFrame,
                scheme: Scheme | None = None) -> pd.DataFrame:
    scheme = scheme or default_scheme()
    frame = read_table(path, columns, optional=config.OPTIONAL_FACT_COLUMNS)
    if frame.empty:
        raise DataError(f"{path}: no data rows; expected at least one row under the header")
    _check_vocab(frame, "region", regions["id"], path, "region")
    _check_vocab(frame, "metric", scheme.metrics, path, "metric", scheme)
    _check_denominators(frame, path, scheme)
    _check_vocab(frame, "unit", scheme.units, path, "unit", scheme)
    _check_units(frame, path, scheme)
    source_ids = set(sources["id"])
    for i, sid in enumerate(frame["source_id"]):
        if sid not in source_ids:
            raise DataError(f"{_where(path, i, 'source_id')}: expected an id listed in "
                            f"{config.SOURCES_FILE}, found {sid!r}")
    _check_texts(frame, path, {"note": MAX_NOTE_CHARS})
    dates = _parse_dates(frame, date_column, path, scheme.date_windows)
    values = _parse_values(frame, path, scheme=scheme)
    frame = frame.assign(**{date_column: dates, "value": values})
    if date_column == "date":  # several statements of one target are the normal case
        _check_unique(frame, ["region", "metric", date_column], path)
        refuse_fractions(frame, scheme, lambda i: _where(path, i, "value"))  # 0.4 for 40 %
    else:  # a source may state one date's coverage target on two bases (two targets)
        _check_unique(frame, ["region", "metric", date_column, "source_id", "denominator"],
                      path)
    return frame

