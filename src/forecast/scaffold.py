"""``forecast init DIR``: a minimal, valid data folder for a user to fill in.

It holds a commented ``scheme.toml`` and the four CSV files with their header and one
example row each; ``forecast data check --data-dir DIR`` passes on it as written. The
example values are placeholders marked as such in their notes, to be replaced.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from . import config
from .errors import ParameterError
from .safepath import NOT_FOUND, check_output_dir, not_a_file
from .scheme import SCHEME_FILE

SCHEME_TEMPLATE = '''\
# scheme.toml: what the numbers of this data folder are (checked by `forecast data check`).
# Replace every value below with your scheme's; keys and their meaning are in the README,
# section "Bring your own data".

[scheme]
# The scheme's name in English (en) and Bahasa Indonesia (id), the reports' two languages:
# every name and label below takes both (repeat the English if you have no translation).
name = { en = "Example social insurance scheme", id = "Skema jaminan sosial contoh" }
# The id (in regions.csv) of the region every other one rolls up to.
top_region = "country"
# Region levels, top first, any names (regions.csv column `level` uses them).
levels = ["country", "state"]
# Optional: the levels whose regions (in regions.csv) make up all of the region above them;
# the reconciliation scales their sum up or down to the whole. Any other level is scaled
# down only: its regions may not add up to more than the whole, but need not fill it.
# whole_levels = ["state"]
# ISO 4217 code of the money amounts.
currency = "EUR"
# The day the scheme's year ends, "MM-DD": the last day of a month from March to December.
# "12-31" counts calendar years; "06-30" (or "03-31", ...) counts fiscal years, each named
# by the year it ends in, for a scheme that publishes at its fiscal year-end (README,
# "Fiscal years"). Date readings and targets at that day.
year_end = "12-31"
# A reading this many days from a year-end counts as that year-end (0 to 31).
year_end_tolerance_days = 7
# Allowed digit counts of the optional regions.csv column bps_code ([] = any short code).
region_code_digits = []
# Optional: the top region's headline targets (a metric below and the year the target is
# due), listed first in every report and leading the summary; without it, the summary
# leads with every target of the top region.
# headline = [{ metric = "members", year = 2030 }]

# Optional: plausible date windows ("today" = the day the data is loaded; days from
# 1678-01-01 to 2261-12-31, the range of the dates pandas holds).
[dates]
observation = ["1900-01-01", "today"]
published = ["1900-01-01", "today"]
target = ["1900-01-01", "2100-12-31"]

# Units: the largest value a cell may carry (at most 1e18) and the unit's name in both
# languages.
[units.persons]
max = 10000000000
en = "persons"
id = "orang"

[units.percent]
max = 100           # a coverage metric's unit must have max = 100
en = "percent"
id = "persen"

# A money unit holds amounts in a multiple of `currency`: optional `scale` says which
# (the currency units in one unit of a value: 1e6 for millions, 1e9 for billions); without
# it the id's ending says it (_thousand, _million, _billion, _trillion). The fund model's
# contribution per participant is shown only where one of them does. Example:
# [units.EUR_million]
# max = 10000000
# en = "EUR million"
# id = "juta EUR"
# scale = 1e6

# Metrics: the ids used in observations.csv and targets.csv, with unit and labels.
[metrics.contributors]
unit = "persons"
en = "Contributors"
id = "Peserta pembayar iuran"
description = "members who paid a contribution in the year"

# A metric that is an amount over a year (money received or paid in it) says flow = true:
# a reading during the year is then the year to date, never a level to compare with
# year-ends. Example (add its unit first, e.g. [units.EUR_million] with max, en and id):
# [metrics.contributions_paid]
# unit = "EUR_million"
# en = "Contributions"
# id = "Iuran"
# flow = true

[metrics.labour_force]
unit = "persons"
en = "Labour force"
id = "Angkatan kerja"
description = "working-age labour force"

# A coverage metric: which count is its numerator, which metric its denominator, and
# which metric bounds participation (the ceiling of the saturating models).
[metrics.coverage]
unit = "percent"
en = "Coverage"
id = "Cakupan"
numerator = "contributors"
denominator = "labour_force"
ceiling = "labour_force"
# The bases the `denominator` column of a coverage row may name.
denominators = ["labour_force"]
'''

#: One example row per file (header first); notes say they are placeholders.
ROWS = {
    config.REGIONS_FILE: [config.REGION_COLUMNS, ("country", "Example country", "country", "")],
    config.SOURCES_FILE: [config.SOURCE_COLUMNS,
                          ("example-2024", "Example publisher", "EXAMPLE: replace with the "
                           "report that states your figures", "", "2025-03")],
    config.OBSERVATIONS_FILE: [config.OBSERVATION_COLUMNS + ("denominator",),
                               ("country", "contributors", "2024-12-31", "1000000", "persons",
                                "example-2024", "EXAMPLE value: replace", "")],
    config.TARGETS_FILE: [config.TARGET_COLUMNS + ("denominator",),
                          ("country", "contributors", "2030-12-31", "2000000", "persons",
                           "example-2024", "EXAMPLE target: replace", "")],
}


def _csv(rows) -> str:
    # The example cells hold no comma, quote or newline, so plain joining is exact CSV.
    return "".join(",".join(row) + "\n" for row in rows)


def init_data_dir(target: str | os.PathLike) -> list[Path]:
    """Write the starting data folder ``target``; return the files written.

    Raises
    ------
    ParameterError
        If ``target`` exists and is a file or a non-empty folder, or cannot be created.
    """
    if not str(target).strip():  # Path("") is the current folder
        raise ParameterError(f"DIR: expected a folder name, found {str(target)!r}")
    folder = Path(target)
    found = not_a_file(folder)
    if found is None:  # a regular file
        raise ParameterError(f"DIR: expected a new or empty folder, found a file {folder}")
    if found not in (NOT_FOUND, "a folder"):
        raise ParameterError(f"DIR: expected a new or empty folder, found {found}: {folder}")
    # Before anything is written: a name too long, a read-only place, an unlistable folder.
    check_output_dir(folder, "DIR")
    try:
        filled = folder.is_dir() and any(folder.iterdir())
        made = not folder.is_dir()
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ParameterError(f"DIR: cannot use {folder} ({exc.strerror})") from None
    if filled:
        raise ParameterError(f"DIR: expected a new or empty folder, found {folder} with "
                             f"files in it (init never overwrites data; choose another "
                             f"folder)")
    files = {SCHEME_FILE: SCHEME_TEMPLATE, **{name: _csv(rows) for name, rows in ROWS.items()}}
    written: list[Path] = []
    path = folder
    try:
        for name, text in files.items():
            path = folder / name
            # A temporary name, then a rename: an interrupted init leaves no half file.
            tmp = folder / f".{name}.tmp"
            tmp.write_text(text, encoding="utf-8", newline="\n")
            os.replace(tmp, path)
            written.append(path)
    except OSError as exc:  # a full disk midway: no folder of some files (init refuses it)
        for done in [*written, *(folder / f".{n}.tmp" for n in files)]:
            done.unlink(missing_ok=True)
        if made:  # nor the folder init made: the disk was as before
            folder.rmdir()
        if exc.filename is None:  # a write's ENOSPC names no file: "No space left" alone
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    return written


def shell_word(path: str | os.PathLike) -> str:
    """``path`` as one word to paste into a shell: quoted if it holds blanks or quotes
    ('new dir' -> "'new dir'"), and ``./-name`` for a name that starts with a dash (which
    ``--data-dir -name`` would take for an option)."""
    text = str(path)
    return shlex.quote(f"./{text}" if text.startswith("-") else text)
