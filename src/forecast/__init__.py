"""forecast: will the coverage targets be met, how likely is it, and what would it take?

The package is a pipeline of plain functions over plain data::

    data.load_panel -> data.select -> models.*.fit -> ensemble.combine -> targets.assess

Heavy libraries (statsmodels, matplotlib, papermill) are imported lazily inside the
functions that need them, so ``import forecast`` and ``forecast --help`` stay fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
