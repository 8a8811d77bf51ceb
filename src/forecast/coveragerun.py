"""A region run's projection of a coverage metric (a share of a denominator, in percent).

Two ways, chosen by what the data folder holds:

- **Moved with counts** (the shipped data, and any scheme that publishes its numerator and
  denominator counts): the latest reading is the anchor and coverage moves with the
  projected numerator over the denominator's trend (:func:`forecast.regional.
  coverage_projection`); no trend is read across readings on different bases.
- **Alone** (a scheme that publishes coverage only as a percentage): with no count to move
  it with, the readings on the anchor's base are projected on their own, as any series, on
  the logit of their share of 100 % (bounded whatever the percent unit is called). Fewer than
  3 year-end readings on that base: not projected, and the reason says what is missing.
"""

from __future__ import annotations

from dataclasses import replace

from .data import coverage_denominator, select
from .models.base import Ceiling
from .outcomes import on_base
from .projected import NotProjectable, Projected
from .regional import coverage_projection
from .series import horizon_years


def project_coverage(ctx, region: str, end_t: float, extra_years: int,
                     metric: str = "coverage_pct") -> Projected:
    """The projection of the coverage ``metric`` of ``region`` up to ``end_t``.

    ``ctx`` is the run's context (:class:`forecast.run._Context`): its ``panel`` (the
    vintage), ``coverage_base``, ``series``, ``projected`` and ``_own``.
    """
    # The scheme names the count that moves coverage (numerator) and the metric it is a
    # share of (denominator); the shipped data: active_total over working_population.
    scheme = ctx.panel.scheme
    cov = scheme.metrics[metric]
    top = scheme.top_region
    readings = ctx.series(region, metric, annual=False)
    if len(readings) == 0:
        raise NotProjectable("no_coverage", region=region, metric=metric)
    employment_series = ctx.series(top, cov.denominator, annual=False)
    source = region
    if len(ctx.series(region, cov.numerator, annual=False)) == 0:
        source = top  # no participants count of its own: move with the nation
    if len(employment_series) < 2 or len(ctx.series(source, cov.numerator,
                                                    annual=False)) == 0:
        return _alone(ctx, region, metric, end_t, extra_years, readings)
    employment = Ceiling.from_series(employment_series)
    # One year past end_t: the anchor is rarely a year-end, so the coverage grid runs
    # up to a year past the participants' grid.
    active = ctx.projected(source, cov.numerator, end_t + 1, extra_years=extra_years)
    horizon = horizon_years(readings.last_t, end_t, extra_years)
    denominator = ctx.coverage_base or coverage_denominator(
        ctx.panel, region, readings.dates[-1], metric)
    projection, basis = coverage_projection(
        readings, active.all_points, active.projection, employment,
        horizon=horizon, denominator=denominator)
    quality = dict(active.quality)
    quality["label"] = "pooled" if active.pooling or source != region else \
        quality["label"]
    quality["coverage"] = {
        "anchor_date": basis.anchor_date, "anchor_value": basis.anchor_value,
        "denominator": denominator,
        "moved_with": "national" if source != region else "region",
        "numerator": cov.numerator, "denominator_metric": cov.denominator,
        "ceiling_metric": cov.ceiling,
        "numerator_labels": dict(scheme.metrics[cov.numerator].labels),
        "denominator_labels": dict(scheme.metrics[cov.denominator].labels),
        "employment_growth": basis.employment_growth,
        "earlier_readings": basis.earlier_readings}
    return Projected(projection=projection, shown=projection.series, all_points=readings,
                     quality=quality, pooling=active.pooling, ceiling_note=None,
                     coverage={**basis.as_dict(), "participants_from": source})


def _alone(ctx, region: str, metric: str, end_t: float, extra_years: int,
           readings) -> Projected:
    """Coverage with no count to move it with: its readings on the anchor's base, projected
    on their own (see the module docstring)."""
    scheme = ctx.panel.scheme
    cov = scheme.metrics[metric]
    base = ctx.coverage_base
    panel = ctx.panel
    if base is None:  # the anchor's base: no trend is read across bases
        obs = panel.observations
        last = obs[(obs["region"] == region) & (obs["metric"] == metric)].sort_values("date")
        den = last["denominator"].iloc[-1] if "denominator" in last else ""
        base = den if isinstance(den, str) else ""
        panel = on_base(panel, region, base, metric)
    series = select(panel, region, metric)
    points = select(panel, region, metric, annual=False)
    if len(series) < 3:
        raise NotProjectable("coverage_alone_too_few", metric=metric, region=region,
                             n=len(series), needed=3, numerator=cov.numerator,
                             denominator=cov.denominator)
    got = ctx._own(series, points, end_t, extra_years, ceiling=Ceiling.constant(100.0))
    quality = {**got.quality, "coverage_alone": {
        "denominator": base or "not stated",
        "numerator_labels": dict(scheme.metrics[cov.numerator].labels),
        "denominator_labels": dict(scheme.metrics[cov.denominator].labels)}}
    return replace(got, quality=quality, ceiling_note=None)
