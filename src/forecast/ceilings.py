"""The external ceiling of the saturating models (logistic, Gompertz) for a region's metric.

One place for the rule, used by the region run, the segments and the benchmarks: a
participants metric is bounded by the region's working population, projected on its own
log-linear trend; money has no natural ceiling.
"""

from __future__ import annotations

from .data import Panel, select
from .errors import ModelError
from .models.base import Ceiling

#: Metrics whose saturating models are bounded by another metric of the same region.
CEILINGS = {
    "active_total": "working_population",
    "active_pu": "working_population",
    "active_bpu": "working_population",
    "active_jakon": "working_population",
    "active_pmi": "working_population",
    "registered_total": "working_population",
}


def ceiling_for(panel: Panel, region: str, metric: str, as_of=None
                ) -> tuple[Ceiling | None, str | None]:
    """The ceiling of ``metric`` for ``region`` as known at ``as_of``, and why if none.

    Returns
    -------
    (Ceiling or None, str or None)
        The ceiling, or None with the reason (None as well for metrics without one).
    """
    name = CEILINGS.get(metric)
    if name is None:
        return None, None
    series = select(panel, region, name, as_of=as_of, annual=False)
    if len(series) < 2:
        return None, f"no {name} series with 2+ points for {region}"
    try:
        return Ceiling.from_series(series), None
    except ModelError as exc:
        return None, str(exc)
