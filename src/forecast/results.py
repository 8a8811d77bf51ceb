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
the data, :mod:`forecast.records`); ``forecast run --track-record`` and the batch's top region add ``track_record``
(:mod:`forecast.trackrecord`, through :func:`add_track_record`).

``scheme`` describes the data folder's scheme (:meth:`forecast.scheme.Scheme.as_dict`),
with ``headline``, the top region's targets the reports list first (:mod:`forecast.headline`).

Probabilities are fractions in [0, 1]; growth rates are fractions per year (0.1897).

``year_end`` (``"12-31"``, or a scheme's fiscal year-end such as ``"06-30"``) names the day
the years end; every date in the object is a calendar date, every year (``year``,
``fan[].t``, ``base_year``) the year a fiscal year ends in (:mod:`forecast.fiscal`).

The object is made by :func:`forecast.run.run_region` (the region run) and written by
:mod:`forecast.store`; this module names them for the notebooks, the batch and the CLI.
"""

from __future__ import annotations

from functools import partial

from .data import Panel, check_as_of
from .fiscal import real_dates
from .params import check_run_parameters
from .runcheck import check_run
from .config import EXTRA_YEARS
from .run import data_quality, national_context, pooled_quality, run_region
from .store import clean, write_atomic, write_json, write_run
from .trackrecord import track_record
from .vintage import vintage

__all__ = ["EXTRA_YEARS", "TRACK_RECORD_PATHS", "add_track_record", "check_run",
           "check_run_parameters", "clean", "data_quality", "national_context", "pooled_quality",
           "run_region", "write_atomic", "write_json", "write_run"]

#: Paths of each track-record re-run (at most the run's own): one re-run per past year-end.
TRACK_RECORD_PATHS = 300


def add_track_record(results: dict, panel: Panel) -> dict:
    """Add the ``track_record`` field to a region run's results, from the run's own
    parameters (region, as_of, vintage, n_paths, seed), so the same run gives the same
    record (``forecast verify``).

    The record of a run as of a past date uses only what was known then: its year-ends,
    its re-runs and the outcomes it scores come from the panel's vintage at ``as_of``.

    Parameters
    ----------
    results : dict
        A results.json object made by :func:`run_region` on ``panel``.
    panel : Panel
        The panel the run was made on.

    Returns
    -------
    dict
        ``results``, with ``track_record`` (:mod:`forecast.trackrecord`).
    """
    p = results["generated_with"]["parameters"]
    # The results' as_of is a calendar day; the panel and the re-runs are in fiscal time
    # (forecast.fiscal), and so is the record until it is moved back with the results.
    known = vintage(panel, check_as_of(panel, p["as_of"]), p["vintage"])
    record = track_record(
        known, p["region"], partial(run_region, fiscal_time=True), basis=p["vintage"],
        n_paths=min(int(p["n_paths"]), TRACK_RECORD_PATHS),
        seed=int(results["generated_with"]["seed"]))
    results["track_record"] = real_dates(record, panel.scheme.shift_days)
    return results
