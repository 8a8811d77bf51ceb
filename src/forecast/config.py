"""Paths, vocabularies and defaults. Constants only: nothing here writes to the disk
(the one look at it decides whether the package runs from a checkout)."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: Project root when running from a checkout (src layout: src/forecast -> root).
PROJECT_ROOT = PACKAGE_DIR.parent.parent
#: Where a wheel carries the shipped data and notebooks (setup.py copies them there).
SHIPPED_DIR = PACKAGE_DIR / "shipped"
#: A checkout or an editable install reads data/ and notebooks/ in place; an installed
#: wheel has no checkout around it and reads its own copies.
IN_CHECKOUT = (PROJECT_ROOT / "pyproject.toml").is_file() and \
    (PROJECT_ROOT / "data" / "observations.csv").is_file()
_HOME = PROJECT_ROOT if IN_CHECKOUT else SHIPPED_DIR
#: The shipped, cited data. ``--data-dir`` replaces it with a user's own four files.
DATA_DIR = _HOME / "data"
NOTEBOOKS_DIR = _HOME / "notebooks"
#: Batch runs go to the checkout's reports/; installed, to reports/ of the folder the
#: command runs in (never into site-packages). FORECAST_REPORTS_DIR sets it explicitly.
#: Blank (a stray space in `export FORECAST_REPORTS_DIR= `) is unset, as empty is: it made a
#: folder named ' ' wherever the command ran.
REPORTS_DIR = Path(os.environ["FORECAST_REPORTS_DIR"]) if os.environ.get(
    "FORECAST_REPORTS_DIR", "").strip() else \
    (PROJECT_ROOT if IN_CHECKOUT else Path.cwd()) / "reports"
RUNS_DIR = REPORTS_DIR / "runs"
#: What a message names the default runs folder by: the variable that set it, if one did.
RUNS_DIR_NAME = "FORECAST_REPORTS_DIR" if os.environ.get("FORECAST_REPORTS_DIR", "").strip() \
    else "runs-dir"

# The four files of a data directory and their exact columns, in order.
OBSERVATIONS_FILE = "observations.csv"
TARGETS_FILE = "targets.csv"
REGIONS_FILE = "regions.csv"
SOURCES_FILE = "sources.csv"

OBSERVATION_COLUMNS = ("region", "metric", "date", "value", "unit", "source_id", "note")
TARGET_COLUMNS = ("region", "metric", "target_date", "value", "unit", "source_id", "note")
#: Columns observations.csv and targets.csv may add after those above (older files lack them).
OPTIONAL_FACT_COLUMNS = ("denominator",)
REGION_COLUMNS = ("id", "name", "level", "parent")
#: Columns regions.csv may add after those above: a region code (for the shipped data, the
#: BPS code; its digit counts are a scheme setting, see forecast.scheme).
OPTIONAL_REGION_COLUMNS = ("bps_code",)
SOURCE_COLUMNS = ("id", "publisher", "title", "url", "published")

#: Region levels of the shipped scheme, top first (a scheme.toml sets its own).
REGION_LEVELS = ("national", "kanwil", "province", "regency")
#: The levels whose regions make up all of Indonesia (the 11 Kanwil, the 38 provinces): the
#: reconciliation scales their sum up or down to the national median. The regency level
#: lists one regency of Bali, so it is only scaled down.
WHOLE_LEVELS = ("kanwil", "province")
#: Readings this many days or fewer from a December 31 count as that year-end's reading
#: (a scheme.toml sets its own, ``year_end_tolerance_days``).
YEAR_END_TOLERANCE_DAYS = 7

#: Metric id -> (unit, short description). The unit is the only one a metric may carry.
METRICS: dict[str, tuple[str, str]] = {
    "active_total": ("persons", "active (contributing) participants, all segments"),
    "active_pu": ("persons", "active formal wage earners (Penerima Upah)"),
    "active_bpu": ("persons", "active informal / non-wage workers (Bukan Penerima Upah)"),
    "active_jakon": ("persons", "active construction-project workers (Jasa Konstruksi)"),
    "active_pmi": ("persons", "active Indonesian migrant workers (Pekerja Migran Indonesia)"),
    "registered_total": ("persons", "registered participants, active and inactive"),
    # Other counts of a province's participants than its fitted active_total (issue 13):
    # shown, never fitted; data/README.md says which rows and why.
    "active_total_office": ("persons", "active participants as stated by an agency regional "
                                       "or branch office or the press (other counting)"),
    "active_total_local": ("persons", "participants counted by a provincial government or "
                                      "labour office, often for UCJ (residence-based)"),
    "participants_unlabelled": ("persons", "participants, not stated active or registered"),
    "active_budget_funded": ("persons", "participants whose contributions a regional "
                                        "government budget pays (vulnerable workers)"),
    "fund_investment": ("IDR_trillion", "investment funds under management (dana investasi)"),
    "contributions": ("IDR_trillion", "contributions received in the year (iuran)"),
    "benefits_paid": ("IDR_trillion", "benefits paid in the year (klaim/manfaat)"),
    "investment_income": ("IDR_trillion", "investment income in the year (hasil investasi)"),
    "working_population": ("persons", "working population, BPS Sakernas (August)"),
    "eligible_workers": ("persons", "workers eligible for membership, as reported"),
    "coverage_pct": ("percent", "active participants as a share of a stated denominator"),
}
UNITS = ("persons", "IDR_trillion", "percent")
#: Labels of the shipped metrics and units (English, Bahasa Indonesia): the default scheme's.
METRIC_LABELS = {
    "active_total": ("Active participants", "Peserta aktif"),
    "active_pu": ("Active wage earners", "Peserta aktif penerima upah"),
    "active_bpu": ("Active informal workers", "Peserta aktif bukan penerima upah"),
    "active_jakon": ("Active construction workers", "Peserta aktif jasa konstruksi"),
    "active_pmi": ("Active migrant workers", "Peserta aktif pekerja migran"),
    "registered_total": ("Registered participants", "Peserta terdaftar"),
    "active_total_office": ("Active participants (office count)",
                            "Peserta aktif (hitungan kantor)"),
    "active_total_local": ("Participants (local government count)",
                           "Peserta (hitungan pemerintah daerah)"),
    "participants_unlabelled": ("Participants (unlabelled)", "Peserta (tanpa keterangan)"),
    "active_budget_funded": ("Budget-funded vulnerable workers",
                             "Pekerja rentan dibiayai APBD"),
    "fund_investment": ("Investment funds", "Dana investasi"),
    "contributions": ("Contributions", "Iuran"),
    "benefits_paid": ("Benefits paid", "Klaim dibayar"),
    "investment_income": ("Investment income", "Hasil investasi"),
    "working_population": ("Working population", "Penduduk bekerja"),
    "eligible_workers": ("Eligible workers", "Pekerja layak"),
    "coverage_pct": ("Coverage", "Cakupan"),
}
UNIT_LABELS = {"persons": ("persons", "orang"), "IDR_trillion": ("Rp trillion", "Rp triliun"),
               "percent": ("percent", "persen")}
#: Flows over a year (rupiah received or paid in the year): a reading during the year is
#: the year to date, a part of the year, never a level to compare with year-ends. The
#: shipped scheme's (what a folder without scheme.toml means); a scheme.toml declares its
#: own with ``flow = true`` (read through ``Scheme.is_flow``, never this tuple).
FLOW_METRICS = ("contributions", "benefits_paid", "investment_income")

#: Denominators of coverage_pct values (the ``denominator`` column; empty for other metrics
#: and, in files without the column, unknown). A coverage target is comparable only with
#: readings on the same denominator. Definitions in data/README.md.
DENOMINATORS = ("eligible_workers", "potential_workers", "labour_force", "working_population",
                "ucj_base", "workers_unspecified", "other", "not_stated")

# Plausible windows of the dates in a data directory (ISO dates; "today" is the day the
# data is loaded). A typo such as 1600 for 2016, or 2200 for 2020, is refused with one line
# instead of reaching pandas (whose dates end in 2262) or silently moving the answers.
# A scheme.toml sets its own ([dates]); these are the defaults.
DATE_WINDOWS: dict[str, tuple[str, str]] = {
    "observation": ("1900-01-01", "today"),  # nothing is observed in the future
    "published": ("1900-01-01", "today"),
    "target": ("1900-01-01", "2100-12-31"),
}
DATE_WINDOW_WORDS = {"observation": "plausible observation", "published": "publication",
                     "target": "plausible target"}
#: ``--as-of`` dates (the years are checked in ``data.parse_as_of``).
AS_OF_WINDOW = ("1900-01-01", "2100-12-31")

#: Largest value a unit may carry; beyond it the cell is a typo or a unit mix-up.
VALUE_MAX = {"persons": 10_000_000_000, "IDR_trillion": 1_000_000, "percent": 100}
VALUE_MAX_WHY = {"persons": "more than the world's population",
                 "IDR_trillion": "about 50 times Indonesia's GDP",
                 "percent": "a share cannot exceed the whole"}

# Defaults of a run.
from .defaults import (DEFAULT_N_PATHS, DEFAULT_REGION, DEFAULT_SEED, LANGUAGES,  # noqa: E402,F401
                       MAX_N_PATHS, MAX_SEED, MIN_N_PATHS)
#: Leave-last-k-out origins of the model backtest on short annual series.
DEFAULT_BACKTEST_K = 3
#: Weights of the backtested models in the mixture: "equal" or "backtest" (forecast.simulate).
DEFAULT_WEIGHTING = "equal"

# Classification thresholds (see forecast.targets for the rules and their sources).
UNSD_ON_TRACK = 0.95
UNSD_REGRESSION = 0.10
STATCAN_ON_TRACK = 0.95
STATCAN_ACCELERATION = 0.60

#: Every region's participants are projected to at least this year-end (``projections`` in
#: results.json), so regional projections can be reconciled with the national one.
PROJECTION_END_YEAR = 2030
#: Metrics projected for every region, target or not.
PROJECTED_METRICS = ("active_total",)

#: Years projected past the latest target, so "the year the median reaches the target"
#: can be given when it is after the target date.
EXTRA_YEARS = 6

#: The scheme's headline targets, (region, metric, target year, value): reports list them
#: first. A scheme marks its own by replacing this (or a results.json target entry carries
#: ``"headline": true``). BPJS Ketenagakerjaan: 70 million active participants and
#: Rp1,001 trillion of investment funds by end-2026 (data/targets.csv).
HEADLINE_TARGETS = (("national", "active_total", 2026, 70_000_000.0),
                    ("national", "fund_investment", 2026, 1001.0))
