"""How the notebooks show a table: one pandas Styler format for every table of
:mod:`forecast.tables` and :mod:`forecast.whatif`, in one place.

Percent for probabilities, shares, growth rates and errors; thousands separators for
persons and rupiah; whole years without ``.0``; dates as ``31 Dec 2024``; ``—`` for a
missing value. The numbers themselves are not changed: the DataFrame underneath stays
available as ``styler.data``.
"""

from __future__ import annotations

import html
import math
import re

import pandas as pd

from .reconwords import FACTOR_DECIMALS
from .tablewords import WORDS
from .textnum import plural, share_digits, two_decimals

#: Shown for a missing value (NaN, None).
MISSING = "\u2014"

#: Column names (lower case) whose fractions are shown as percents.
_PERCENT = re.compile(r"^p\(|probability|share|cagr|growth|return|mape|rate|^p \(")
#: Column names of probabilities of reaching a target (bounds near 0 and 1, as in the PDFs).
_PROBABILITY = re.compile(r"^probability$|^p\(")
#: Column names whose numbers are years.
#: Column names of ratios and weights (two decimals).
_TWO = re.compile(r"ratio|weight")
_YEAR = re.compile(r"year|reaches|forecasts|^n$|points")
#: Column names whose cells are sentences (notes, reasons, how a value was estimated).
_PROSE = {"note", "reason", "how", "notes"}
#: Room for a prose column and around each cell: a sentence column of 24em and JupyterLab's
#: 0.5em padding put the segments and batch-run tables past the right edge of a notebook
#: beside the file browser at 1400 pixels, the last column cut off.
PROSE_WIDTH = "18em"
CELL_PADDING = "0.4em 0.35em"
#: Column names that hold ISO dates as text.
_DATE = re.compile(r"^by$|^on$|date|target by| from$")


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT


def _beyond(x: float, lang: str) -> str | None:
    """An infinite or astronomically large value in a few characters (``∞``, ``1e+300``),
    else None: ``int(inf)`` raised OverflowError, and 1e300 printed 300 digits."""
    if math.isinf(x):
        return "−∞" if x < 0 else "∞"
    if abs(x) >= 1e15:
        return _local(f"{x:.3g}", lang)
    return None


def _local(text: str, lang: str) -> str:
    """``text`` written in English style (1,234.5) in the style of ``lang`` (1.234,5)."""
    if lang == "id":
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(v, lang: str = "en") -> str:
    """A fraction as a percent: ``0.0432`` -> ``4.3 %``; ``—`` when missing.

    Examples
    --------
    >>> percent(0.0432), percent(0.5), percent(float("nan")), percent(0.0432, "id")
    ('4.3 %', '50.0 %', '—', '4,3 %')
    """
    if _missing(v):
        return MISSING
    x = 100 * float(v)
    return f"{_beyond(x, lang)} %" if _beyond(x, lang) else _local(f"{x:,.1f} %", lang)


def probability(v, lang: str = "en") -> str:
    """A probability as the run text and the PDFs write it: a bound near 0 or 1, never a
    false ``0.0 %`` (a share of 5,000 paths under 0.05 % is not zero), nor a ``0.1 %``
    the PDF beside it writes ``<0.1 %`` (3 paths of 5,000: 0.06 %).

    Examples
    --------
    >>> probability(0.0), probability(0.0006), probability(0.4321), probability(0.9994)
    ('<0.1 %', '<0.1 %', '43.2 %', '>99.9 %')
    """
    if _missing(v):
        return MISSING
    x = float(v)
    # The bounds of forecast.report.numbers.probability: under 0.1 % and over 99.9 %.
    if 0.0 <= x < 0.001:
        return _local("<0.1 %", lang)
    if 0.999 < x <= 1.0:
        return _local(">99.9 %", lang)
    return percent(x, lang)


def number(v, lang: str = "en") -> str:
    """A number with thousands separators, as many decimals as it needs (at most 2 below
    1,000, none above; three significant digits below 1).

    Examples
    --------
    >>> number(45220000.0), number(809.8992), number(0.0867), number(3)
    ('45,220,000', '809.9', '0.0867', '3')
    >>> number(45220000.0, "id"), number(809.8992, "id")
    ('45.220.000', '809,9')
    >>> number(99.97), number(99.94)  # a share short of 100 % is not "100.0"
    ('99.97', '99.9')
    """
    if _missing(v):
        return MISSING
    if isinstance(v, bool):
        return WORDS[lang][v]
    x = float(v)
    if _beyond(x, lang):
        return _beyond(x, lang)
    if x == int(x):
        text = f"{int(x):,}"
    elif abs(x) >= 1000:
        text = f"{x:,.0f}"
    elif abs(x) >= 1:  # a share below 100 that would print "100.0": 99.97 (share_digits)
        x, digits = share_digits(x, 1)
        text = f"{x:,.{digits}f}"
    else:
        text = f"{x:.3g}"
    return _local(text, lang)


def year(v, lang: str = "en") -> str:
    """A year (or a count) without decimals: ``2025.0`` -> ``2025``."""
    if _missing(v):
        return MISSING
    return _beyond(float(v), lang) or f"{int(round(float(v)))}"


_MONTHS = {"en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                  "Nov", "Dec"],
           "id": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt",
                  "Nov", "Des"]}


def date(v, lang: str = "en") -> str:
    """An ISO date as ``31 Dec 2024`` / ``31 Des 2024`` (other text stays as it is)."""
    if _missing(v) or v == "":
        return MISSING
    text = str(v)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", text):
        day = pd.Timestamp(text[:10])
        return f"{day.day} {_MONTHS[lang][day.month - 1]} {day.year}"
    return text


def text(v, lang: str = "en") -> str:
    """Any other cell: as it is (yes or no in ``lang``), ``—`` when missing."""
    if isinstance(v, bool):
        return WORDS[lang][v]
    return MISSING if _missing(v) else str(v)


def _two(v, lang: str = "en") -> str:
    if _missing(v):
        return MISSING
    return _beyond(float(v), lang) or _local(two_decimals(float(v)), lang)


def _factor(v, lang: str = "en") -> str:
    """A reconciliation factor, in the decimals of every page that shows one."""
    if _missing(v):
        return MISSING
    return _beyond(float(v), lang) or _local(f"{float(v):,.{FACTOR_DECIMALS}f}", lang)


#: The formatter of each kind of :data:`forecast.tablewords.HEADINGS`.
_KIND = {"prob": probability, "pct": percent, "num": number, "year": year,
         "two": _two, "factor": _factor, "date": date, "prose": text, "text": text}


def _kind_by_name(name: str, values: pd.Series) -> str:
    """The kind of a column without a recorded one, from its name and values."""
    low = str(name).lower()
    if pd.api.types.is_datetime64_any_dtype(values):
        return "date"
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    for kind, pattern in (("prob", _PROBABILITY), ("pct", _PERCENT), ("year", _YEAR),
                          ("two", _TWO)):
        if numeric and pattern.search(low):
            return kind
    if numeric:
        return "num"
    return "date" if _DATE.search(low) else "text"


def column_format(name: str, values: pd.Series, kind: str | None = None, lang: str = "en",
                  escape: bool = True):
    """The formatter of one column: by its recorded ``kind`` (a table of
    :mod:`forecast.tables`), else chosen by its name and values; numbers in ``lang``.
    ``escape``: for the Styler, which escapes the data but not what a formatter writes
    ("<0.1 %" is escaped here)."""
    if kind is None or pd.api.types.is_datetime64_any_dtype(values):
        kind = _kind_by_name(name, values)
    formatter = _KIND[kind]
    if kind == "prob" and escape:
        formatter = lambda v, lang: html.escape(probability(v, lang))  # noqa: E731
    if kind in ("prob", "pct", "num", "year", "two", "factor"):
        # Words in a number's column ("not within the projection") stay words.
        return lambda v: (formatter(v, lang) if _missing(v) or (
            isinstance(v, (int, float)) and not isinstance(v, bool)) else text(v, lang))
    return lambda v: formatter(v, lang)


def _formats(df: pd.DataFrame, escape: bool = True) -> dict:
    """Each column's formatter: by the kinds and language :func:`forecast.tablewords.worded`
    recorded in ``df.attrs`` (English and the column's name otherwise)."""
    kinds, lang = df.attrs.get("kinds") or {}, df.attrs.get("lang", "en")
    return {c: column_format(c, df[c], kinds.get(c), lang, escape) for c in df.columns}


#: The class MathJax leaves alone (its default ``ignoreHtmlClass``, in the exported HTML and
#: in JupyterLab): a region named "Pay $5 or $10" was typeset as mathematics between the
#: dollars, and "\\(x\\)" too. Every table and note made from data words carries it.
NO_MATH = "tex2jax_ignore"


def styled(df: pd.DataFrame, *, caption: str | None = None):
    """``df`` with the notebook format of every column (percent, separators, years,
    dates, ``—`` for missing; in the table's language), index hidden unless it carries
    names.

    Parameters
    ----------
    df : pandas.DataFrame
        A table of :mod:`forecast.tables` or :mod:`forecast.whatif`.
    caption : str, optional
        Shown above the table; default the table's own ``attrs["caption"]`` (text).

    Returns
    -------
    pandas.io.formats.style.Styler
        Displays as HTML in a notebook; ``styled(df).data`` is ``df``.
    """
    if isinstance(df, str):
        return Note(df)  # why there is no table: a sentence, not a quoted Python string
    if not isinstance(df, pd.DataFrame):
        return df
    if caption is None and df.attrs.get("caption"):  # the table's own sentences, as text
        caption = html.escape(str(df.attrs["caption"]))
    if not len(df):  # a region with no target: a sentence, not a heading over nothing
        return Note(df.attrs.get("why") or WORDS[df.attrs.get("lang", "en")]["empty"])
    if df.attrs.get("across"):
        return _across(df, caption)
    formats = _formats(df)
    # Cells hold the data's words (notes, names): shown as text in the exported HTML, never
    # as markup a '<script>' in a note would run in.
    styler = df.style.format(formats, na_rep=MISSING, escape="html")
    styler = styler.format_index(escape="html", axis=0).format_index(escape="html", axis=1)
    styler = styler.set_table_styles([{"selector": "th, td",
                                       "props": f"padding: {CELL_PADDING}"}], overwrite=False)
    if isinstance(df.index, pd.RangeIndex):
        styler = styler.hide(axis="index")
    kinds = df.attrs.get("kinds") or {}
    prose = [c for c in df.columns if c in _PROSE or kinds.get(c) == "prose"]
    if prose:  # sentences: room to read, left-aligned, not a column one word wide
        styler = styler.set_properties(subset=prose, **{"min-width": PROSE_WIDTH,
                                                        "text-align": "left"})
    left = [i for i, c in enumerate(df.columns) if kinds.get(c) in ("text", "prose")]
    if left:  # names and words read from the left, as the PDFs' tables print them
        styler = styler.set_properties(subset=[df.columns[i] for i in left],
                                       **{"text-align": "left"})
        styler = styler.set_table_styles([{"selector": f"th.col_heading.col{i}",
                                           "props": "text-align: left"} for i in left],
                                         overwrite=False)
    keys = df.attrs.get("keys") or {}
    links = [c for c in df.columns if keys.get(c) == "url"]
    if links:  # an address has no space to wrap at: 850 pixels wide, past the right edge
        styler = styler.set_properties(subset=links, **{"overflow-wrap": "anywhere",
                                                        "min-width": "12em"})
    if caption:
        styler = styler.set_caption(caption)
    return styler.set_table_attributes(f'class="{NO_MATH}"')


def _across(df: pd.DataFrame, caption: str | None):
    """A wide table of few rows shown across: one column per row (named by the cells of
    ``df.attrs["across"]``, the headings that say which row it is), one line per measure,
    each cell written as :func:`styled` writes it. Eighteen measures side by side ran
    past the notebook's right edge."""
    cells = shown(df)
    label = df.attrs["across"]
    names = [", ".join(str(v) for v in row) for row in cells[label].itertuples(index=False)]
    names = [n if names.count(n) == 1 else f"{n} ({i + 1})" for i, n in enumerate(names)]
    wide = cells.drop(columns=label).T
    wide.columns = names
    styler = wide.style.format(escape="html").format_index(escape="html", axis=0)
    styler = styler.format_index(escape="html", axis=1).set_properties(
        **{"text-align": "right"}).set_table_styles(
        [{"selector": "th.row_heading", "props": "text-align: left; font-weight: normal"}])
    styler = styler.set_table_attributes(f'class="{NO_MATH}"')
    return styler.set_caption(caption) if caption else styler


class Note(str):
    """A sentence shown in place of a table (why a region has none), as a paragraph; a
    ``str`` still (``"fund" in note``).

    A bare string as a cell's value shows as its Python repr, quotes and all; this shows
    the words only, escaped, in the notebook and in plain-text output alike.

    Examples
    --------
    >>> Note("No fund model for <Bali>.")._repr_html_()
    '<p class="tex2jax_ignore"><em>No fund model for &lt;Bali&gt;.</em></p>'
    >>> Note("No fund model.")
    No fund model.
    """

    @property
    def text(self) -> str:
        return str.__str__(self)

    def _repr_html_(self) -> str:
        return f'<p class="{NO_MATH}"><em>{html.escape(self.text)}</em></p>'

    def __repr__(self) -> str:
        return self.text


def written(paths, output_dir, lang: str = "en") -> Note:
    """What a run wrote, as one sentence in ``lang``: how many files, where, their names.

    Examples
    --------
    >>> from pathlib import Path
    >>> written([Path("out/results.json"), Path("out/growth.png")], "out")
    Wrote 2 files to out: results.json, growth.png.
    """
    names = ", ".join(p.name for p in paths)
    if lang == "id":
        return Note(f"{len(paths)} berkas ditulis ke {output_dir}: {names}.")
    return Note(f"Wrote {plural(len(paths), 'file')} to {output_dir}: {names}.")


class Collapsed:
    """A table shown folded under a one-line summary (an HTML ``<details>``) in a notebook.

    Parameters
    ----------
    table : object
        Anything with ``_repr_html_`` or ``to_html`` (a Styler, a DataFrame).
    summary : str
        The line shown while folded; escaped, so a data label cannot inject markup.
    """

    def __init__(self, table, summary: str):
        self.table, self.summary = table, summary

    def _repr_html_(self) -> str:
        inner = (self.table._repr_html_() if hasattr(self.table, "_repr_html_")
                 else self.table.to_html())
        return (f'<details class="{NO_MATH}"><summary>{html.escape(self.summary)}</summary>'
                f"{inner}</details>")


def shown(df: pd.DataFrame) -> pd.DataFrame:
    """The cells as :func:`styled` shows them, as text (for tests and plain output)."""
    out = df.copy().astype(object)
    for c, formatter in _formats(df, escape=False).items():
        out[c] = [formatter(v) for v in df[c]]
    return out
