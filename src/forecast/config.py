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
#: Columns observations.csv and targets.csv may add after those above (older files lack them).
OPTIONAL_FACT_COLUMNS = ("denominator",)
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
    # Other counts of a province's participants than its fitted active_total (issue 13):
    # shown, never fitted; data/README.md says which rows and why.
    "active_total_office": ("persons", "active participants as stated by an agency regional "
                                       "or branch office or the press (other counting)"),
    "active_total_local": ("persons", "participants counted by a provincial government or "
                                      "labour office, often for UCJ (residence-based)"),
    "participants_unlabelled": ("persons", "participants, not stated active or registered"),
    "fund_investment": ("IDR_trillion", "investment funds under management (dana investasi)"),
    "contributions": ("IDR_trillion", "contributions received in the year (iuran)"),
    "benefits_paid": ("IDR_trillion", "benefits paid in the year (klaim/manfaat)"),
    "investment_income": ("IDR_trillion", "investment income in the year (hasil investasi)"),
    "working_population": ("persons", "working population, BPS Sakernas (August)"),
    "eligible_workers": ("persons", "workers eligible for membership, as reported"),
    "coverage_pct": ("percent", "active participants as a share of a stated denominator"),
}
UNITS = ("persons", "IDR_trillion", "percent")

#: Denominators of coverage_pct values (the ``denominator`` column; empty for other metrics
#: and, in files without the column, unknown). A coverage target is comparable only with
#: readings on the same denominator. Definitions in data/README.md.
DENOMINATORS = ("eligible_workers", "potential_workers", "labour_force", "working_population",
                "ucj_base", "workers_unspecified", "other", "not_stated")

# Defaults of a run.
from .defaults import DEFAULT_N_PATHS, DEFAULT_REGION, DEFAULT_SEED  # noqa: E402,F401
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
