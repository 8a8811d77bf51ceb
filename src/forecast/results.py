"""The results.json contract, and the entry points that make and write it.

``results.json`` (see DESIGN.md) is what the notebooks, PDFs, CLI and tests share::

    region, region_name, as_of, generated_with {package, version, data_hash, seed,
    parameters}, targets: [{metric, target_value, target_date, unit, last_observed {date,
    value}, probability, median, p10, p90, required_cagr, historical_cagr,
    classification, models [{name, weight, probability, median}], data_quality,
    sources [source ids of the observations and the target], ...}],
    skipped: [{metric, target_date, reason}]

Each target entry also carries ``reachable`` (levels and dates reachable with given
probabilities, :mod:`forecast.reach`) and ``speed`` (the fastest growth of the same kind in
the data, :mod:`forecast.records`); ``forecast run --track-record`` adds ``track_record``
(:mod:`forecast.trackrecord`).

Probabilities are fractions in [0, 1]; growth rates are fractions per year (0.1897).

The object is made by :func:`forecast.run.run_region` (the region run) and written by
:mod:`forecast.store`; this module names them for the notebooks, the batch and the CLI.
"""

from __future__ import annotations

from .params import check_run_parameters
from .run import EXTRA_YEARS, data_quality, national_context, pooled_quality, run_region
from .store import clean, write_atomic, write_json, write_run

__all__ = ["EXTRA_YEARS", "check_run_parameters", "clean", "data_quality",
           "national_context", "pooled_quality", "run_region", "write_atomic", "write_json",
           "write_run"]
