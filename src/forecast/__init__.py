"""forecast: will the coverage targets be met, how likely is it, and what would it take?

The package is a pipeline of plain functions over plain data::

    data.load_panel -> data.select -> simulate.project -> targets.assess

``simulate.project`` fits every model of ``models`` to the series, backtests them and
draws the paths of their weighted mixture; ``targets.assess`` turns the paths into the
reachability of one target. ``results.run_region`` runs the pipeline for every target of a
region and builds its results.json; ``batch`` runs the region notebook over many regions.

Heavy libraries (statsmodels, matplotlib, papermill) are imported only by the modules or
functions that use them, so ``import forecast`` and ``forecast --help`` stay fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
