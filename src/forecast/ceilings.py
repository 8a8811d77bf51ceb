"""The external ceiling of the saturating models (logistic, Gompertz) for a region's metric.

One place for the rule, used by the region run, the segments and the benchmarks: a count is
bounded by the ceiling metric its scheme names (``ceiling`` of the metric in scheme.toml, or
the ``ceiling`` of the coverage metric that counts it; for the shipped data the working
population), projected on its own log-linear trend; money has no natural ceiling.
"""

from __future__ import annotations

from .data import Panel, select
from .errors import ModelError
from .models.base import Ceiling
from .scheme import default_scheme

#: Metrics of the default (shipped) scheme whose saturating models are bounded by another
#: metric of the same region; a data folder's own scheme.toml gives its own
#: (``panel.scheme.ceilings``).
CEILINGS = default_scheme().ceilings


def ceiling_metric(panel: Panel, metric: str) -> str | None:
    """The metric bounding ``metric`` in the panel's scheme (None: no ceiling)."""
    return panel.scheme.ceiling_of(metric)


def ceiling_for(panel: Panel, region: str, metric: str, as_of=None
                ) -> tuple[Ceiling | None, str | None]:
    """The ceiling of ``metric`` for ``region`` as known at ``as_of``, and why if none.

    Returns
    -------
    (Ceiling or None, str or None)
        The ceiling, or None with the reason (None as well for metrics without one).
    """
    name = ceiling_metric(panel, metric)
    if name is None:
        return None, None
    series = select(panel, region, name, as_of=as_of, annual=False)
    if len(series) < 2:
        return None, f"no {name} series with 2+ points for {region}"
    try:
        return Ceiling.from_series(series), None
    except ModelError as exc:
        return None, str(exc)
