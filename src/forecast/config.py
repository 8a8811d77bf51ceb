"""Paths, vocabularies and defaults. Constants only: nothing here touches the disk."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: Project root when running from a checkout (src layout: src/forecast -> root).
PROJECT_ROOT = PACKAGE_DIR.parent.parent
#: The shipped, cited data. ``--data-dir`` replaces it with a user's own four files.
DATA_DIR = PROJECT_ROOT / "data"
REPORTS_DIR = PROJECT_ROOT / "reports"
RUNS_DIR = REPORTS_DIR / "runs"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"

# The four files of a data directory and their exact columns, in order.
OBSERVATIONS_FILE = "observations.csv"
TARGETS_FILE = "targets.csv"
REGIONS_FILE = "regions.csv"
SOURCES_FILE = "sources.csv"

OBSERVATION_COLUMNS = ("region", "metric", "date", "value", "unit", "source_id", "note")
TARGET_COLUMNS = ("region", "metric", "target_date", "value", "unit", "source_id", "note")
REGION_COLUMNS = ("id", "name", "level", "parent", "bps_code")
SOURCE_COLUMNS = ("id", "publisher", "title", "url", "published")

REGION_LEVELS = ("national", "kanwil", "province")

#: Metric id -> (unit, short description). The unit is the only one a metric may carry.
METRICS: dict[str, tuple[str, str]] = {
    "active_total": ("persons", "active (contributing) participants, all segments"),
    "active_pu": ("persons", "active formal wage earners (Penerima Upah)"),
    "active_bpu": ("persons", "active informal / non-wage workers (Bukan Penerima Upah)"),
    "active_jakon": ("persons", "active construction-project workers (Jasa Konstruksi)"),
    "active_pmi": ("persons", "active Indonesian migrant workers (Pekerja Migran Indonesia)"),
    "registered_total": ("persons", "registered participants, active and inactive"),
    "fund_investment": ("IDR_trillion", "investment funds under management (dana investasi)"),
    "contributions": ("IDR_trillion", "contributions received in the year (iuran)"),
    "benefits_paid": ("IDR_trillion", "benefits paid in the year (klaim/manfaat)"),
    "investment_income": ("IDR_trillion", "investment income in the year (hasil investasi)"),
    "working_population": ("persons", "working population, BPS Sakernas (August)"),
    "eligible_workers": ("persons", "workers eligible for membership, as reported"),
    "coverage_pct": ("percent", "active participants as a share of a stated denominator"),
}
UNITS = ("persons", "IDR_trillion", "percent")

#: Metrics that are counts or amounts and so can never be negative.
NON_NEGATIVE_UNITS = ("persons", "IDR_trillion", "percent")

# Defaults of a run.
from .defaults import DEFAULT_N_PATHS, DEFAULT_REGION, DEFAULT_SEED, LANGUAGES  # noqa: E402,F401
DEFAULT_LEVELS = (0.8,)
#: Leave-last-k-out origins of the model backtest on short annual series.
DEFAULT_BACKTEST_K = 3
#: Weights of the backtested models in the mixture: "equal" or "backtest" (forecast.simulate).
DEFAULT_WEIGHTING = "equal"
MAX_N_PATHS = 1_000_000

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
