"""A region run's projection of a coverage metric (a share of a denominator, in percent).

Two ways, chosen by what the data folder holds:

- **Moved with counts** (the shipped data, and any scheme that publishes its numerator and
  denominator counts): the latest reading is the anchor and coverage moves with the
  projected numerator over the denominator's trend (:func:`coverage_projection`); no trend
  is read across readings on different bases.
- **Alone** (a scheme that publishes coverage only as a percentage): with no count to move
  it with, the readings on the anchor's base are projected on their own, as any series, on
  the logit of their share of 100 % (bounded whatever the percent unit is called). Fewer than
  3 year-end readings on that base: not projected, and the reason says what is missing.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, replace

import numpy as np

from .calibration import expit, logit
from .data import coverage_denominator, select
from .errors import ModelError
from .models.base import Ceiling
from .outcomes import on_base
from .projected import NotProjectable, Projected, recurs_at
from . import nowcast, regional
from .regional import _bounded_growth, headroom, level_at
from .series import Series, horizon_years
from .simulate import Projection

#: A coverage reading up to this factor of the participants' share of their ceiling is on the
#: ceiling's base (the ceiling is a trend, the reading an observation: they differ a little).
SAME_BASE = 1.05


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
        counts = all(len(ctx.series(region, m, annual=False)) for m in (cov.numerator,
                                                                         cov.denominator))
        raise NotProjectable("no_coverage", region=region, metric=metric, counts=counts,
                             **({"numerator": cov.numerator, "denominator": cov.denominator}
                                if counts else {}))
    employment_series = ctx.series(top, cov.denominator, annual=False)
    source = region
    if len(ctx.series(region, cov.numerator, annual=False)) == 0:
        source = top  # no participants count of its own: move with the nation
    missing = [name for name, lacking in (
        ("numerator", len(ctx.series(source, cov.numerator, annual=False)) == 0),
        ("denominator", len(employment_series) < 2)) if lacking]
    if missing:  # named in the words: the counts there are not blamed
        return _alone(ctx, region, metric, end_t, extra_years, readings, missing)
    employment = Ceiling.from_series(employment_series)
    # One year past end_t: the anchor is rarely a year-end, so the coverage grid runs
    # up to a year past the participants' grid.
    active = ctx.projected(source, cov.numerator, end_t + 1, extra_years=extra_years)
    horizon = horizon_years(readings.last_t, end_t, extra_years)
    denominator = ctx.coverage_base or coverage_denominator(
        ctx.panel, region, readings.dates[-1], metric)
    # Moved with the nation's count, the identity carried back would give the nation's
    # history under the region's name: the region's own readings on the anchor's base are
    # its history (what its growth achieved and its chart show). So they are where the
    # region's own count was read at fewer year-ends than they were (a count read once
    # implies one past year, and "no reading" of the years between), and where they were
    # read at as many year-ends as the count: then they are the history, not the count's
    # share of its ceiling trend moved through the anchor, which a gap between reading and
    # trend at the anchor (98.9 % against 98 %) bends far from the readings at 60 %.
    own = _own_readings(ctx, region, metric)
    if source == region and _year_ends(own, readings.last_t) < _year_ends(
            active.all_points, readings.last_t):
        own = None
    projection, basis = coverage_projection(  # the count as its fit read it (outlier)
        readings, nowcast.replaced(active.all_points, active.quality.get("outlier")),
        active.projection, employment,
        horizon=horizon, denominator=denominator, own_history=own)
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
        "earlier_readings": basis.earlier_readings,
        **({"walk": regional.SIGMA_RW} if source != region else {})}
    return Projected(projection=projection, shown=projection.series, all_points=readings,
                     quality=quality, pooling=active.pooling, ceiling_note=None,
                     coverage={**basis.as_dict(), "participants_from": source})


def _own_readings(ctx, region: str, metric: str) -> Series:
    """The region's year-end readings of ``metric`` on the base of its latest reading."""
    obs = ctx.panel.observations
    rows = obs[(obs["region"] == region) & (obs["metric"] == metric)].sort_values("date")
    den = rows["denominator"].iloc[-1] if "denominator" in rows and len(rows) else ""
    base = ctx.coverage_base or (den if isinstance(den, str) else "")
    return select(on_base(ctx.panel, region, base, metric), region, metric)


def _year_ends(series: Series, t_a: float, lookback: float = 10.0) -> int:
    """Year-end points of ``series`` in the ``lookback`` years before ``t_a`` (as
    :func:`coverage_projection` carries a count back)."""
    t = np.asarray(series.t, dtype=float)
    return int(np.sum(np.isclose(t, np.round(t)) & (t < t_a - 1e-9) & (t >= t_a - lookback)))


def _alone(ctx, region: str, metric: str, end_t: float, extra_years: int,
           readings, missing: list[str]) -> Projected:
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
        # Counts there, but a single reading of the denominator gives it no trend: say so
        # (not "no counts"), with how many there are.
        counts = len(ctx.series(scheme.top_region, cov.denominator, annual=False))
        counted = len(ctx.series(region, cov.numerator, annual=False)) or len(
            ctx.series(scheme.top_region, cov.numerator, annual=False))
        raise NotProjectable("coverage_alone_too_few", metric=metric, region=region,
                             n=len(series), needed=3, numerator=cov.numerator,
                             denominator=cov.denominator,
                             **({"denominator_readings": counts} if counts and counted
                                else {}), **recurs_at(points, scheme))
    # A reading during the year starts the projection (nowcast on its odds), as the latest
    # reading anchors coverage moved with counts.
    got = ctx._own(series, points, end_t, extra_years, ceiling=Ceiling.constant(100.0),
                   share=True)
    quality = {**got.quality, "coverage_alone": {
        "denominator": base or "not stated", "denominator_metric": cov.denominator,
        "missing": missing,
        "numerator_labels": dict(scheme.metrics[cov.numerator].labels),
        "denominator_labels": dict(scheme.metrics[cov.denominator].labels)}}
    return replace(got, quality=quality, ceiling_note=None)


def moved_share(p0: float, growth: np.ndarray) -> np.ndarray:
    """A share ``p0`` moved by the log growth of its count over its base's, kept below 1.

    Up to half the bound, on the logit (:func:`forecast.regional._bounded_growth`). Above
    it, the share moves as the count does (``p0 * exp(growth)``) where that falls, and
    where it rises beyond ``p0`` closes the gap to 1 at the same pace at first, ever slower
    after: ``1 - (1 - p0) * exp(-(x - p0) / (1 - p0))`` for ``x = p0 * exp(growth)``. The
    logit with its slope held at one half above half the bound (the yearly walk's
    divisor, :func:`forecast.regional.headroom`) moved a share read at 88.5 % a fifth as
    fast as its count: members 15 % up over a base 3.6 % up gave 90.3 %, where the rule
    says 98.3 % and this gives 95.1 %.

    Examples
    --------
    >>> [round(float(moved_share(0.885, np.array(g))), 3) for g in (0.0, -0.1, 0.105)]
    [0.885, 0.801, 0.951]
    """
    if p0 <= 0.5:
        return _bounded_growth(p0, growth)
    p0 = min(p0, 1 - 1e-6)  # a reading of 100 %: kept off the bound, as _bounded_growth does
    x = p0 * np.exp(np.minimum(growth, 50.0))  # no overflow: exp(50) is past any bound
    rise = np.maximum(x - p0, 0.0)  # the fall's branch raises no overflow in the rise's
    return np.where(x <= p0, x, 1.0 - (1.0 - p0) * np.exp(-rise / (1.0 - p0)))


@dataclass(frozen=True)
class CoverageBasis:
    """How a coverage projection was anchored, for the reader."""

    anchor_date: str
    anchor_value: float
    denominator: str
    earlier_readings: int
    employment_growth: float
    implied_points: int

    def as_dict(self) -> dict:
        return {"anchor_date": self.anchor_date, "anchor_value": self.anchor_value,
                "denominator": self.denominator, "earlier_readings": self.earlier_readings,
                "employment_growth": self.employment_growth,
                "implied_points": self.implied_points}


def coverage_projection(coverage: Series, active: Series, active_projection: Projection,
                        employment, *, horizon: int, denominator: str = "not stated",
                        lookback: float = 10.0, own_history: Series | None = None
                        ) -> tuple[Projection, CoverageBasis]:
    """Project a coverage rate from the latest reading and the participants' projection.

    Coverage readings from different sources use different denominators (eligible
    workers, labour force, potential participants, the UCJ base), so no trend is read
    across them. The latest reading is the anchor; from there coverage moves with the
    region's active participants over a denominator that grows like employment:

        c(t) = c(t_a) * A(t) / A(t_a) * D(t_a) / D(t)

    kept below 100 % by :func:`moved_share` (no clipping).

    The history shown and used for historical growth is the same identity applied
    backwards to the observed participants (the coverage the region would have had under
    the anchor's denominator), so required and historical growth are comparable.

    When the participants were projected under their ceiling and the anchor is on (about)
    the ceiling's base (coverage at most ``SAME_BASE`` times their share of it), coverage
    keeps its odds to that share instead, the ceiling's own trend standing for the
    denominator's: bounded, and equal to the share when the two agree. Its history is then
    implied the same way, from the participants' share of that ceiling in each past year.

    Parameters
    ----------
    coverage : Series
        Every coverage reading of the region (percent); the last one is the anchor.
    active, active_projection : Series, Projection
        Every observation of the participants, and their projection (own fit or pooled).
    employment : Ceiling
        Trend of the denominator (the national working population).
    horizon : int
        Steps projected after the anchor.
    denominator : str
        The anchor reading's denominator, as its source states it.
    lookback : float
        Years of implied history before the anchor.
    own_history : Series, optional
        The region's own year-end readings on the anchor's base: its history instead of
        the implied one (coverage moved with another region's count, whose past is not
        the region's, or with a count of its own read at fewer year-ends).
    """
    if len(coverage) == 0:
        raise ModelError(f"coverage: no reading of {coverage.label}")
    if len(active) == 0:
        raise ModelError(f"coverage: no participants series to move {coverage.label} with")
    t_a, c_a = coverage.last_t, coverage.last_value
    t = t_a + np.arange(1, horizon + 1, dtype=float)
    d_ratio = employment.at(t) / employment.at(t_a)

    bound = active_projection.bound
    # Moved with another region's count (the nation's), the region's own participants are
    # not that count: they stray from its path as a pooled region's share does, by the same
    # yearly random walk in the log (regional.SIGMA_RW), one walk for every model's paths.
    walk = 0.0
    if active.region != coverage.region:
        seed = active_projection.seed
        rng = np.random.default_rng([0 if seed is None else seed,
                                     zlib.crc32(str(coverage.region).encode())])
        n = active_projection.paths.shape[0]
        walk = regional.stratified_walk(rng, n, horizon, regional.SIGMA_RW,
                                        beside=active_projection.paths)

    def paths_of(paths: np.ndarray | None) -> np.ndarray:
        # Coverage moves by the participants' growth over the denominator's, on the logit
        # of the share: bounded by 100 % without clipping.
        full = active_projection.paths if paths is None else paths
        a_anchor = level_at(active, active_projection, np.array([t_a]), full)
        growth = np.log(level_at(active, active_projection, t, full) / a_anchor / d_ratio)
        stray = walk[:growth.shape[0]] if np.ndim(walk) else walk
        squashed = 100.0 * moved_share(c_a / 100.0, growth + stray)
        if bound is None:
            return squashed
        # Squashing growth already bounded by the ceiling would hold coverage far below
        # the participants it counts (see the docstring). Shares are kept off 0 and 1 as
        # in _bounded_growth, so a reading of 100 % (or of 0) stays finite.
        share = lambda x, at: np.clip(x / bound.at(at), 1e-6, 1 - 1e-6)  # noqa: E731
        u_a = share(a_anchor, t_a)
        u_t = share(level_at(active, active_projection, t, full), t)
        p0 = min(max(c_a / 100.0, 1e-6), 1 - 1e-6)
        # The walk as _bounded_growth maps log growth to the logit (regional.headroom).
        odds = 100.0 * expit(logit(p0) + logit(u_t) - logit(u_a) + stray / headroom(p0))
        return np.where(c_a / 100.0 <= SAME_BASE * u_a, odds, squashed)

    mixture = paths_of(None)
    model_paths = {name: paths_of(p) for name, p in active_projection.model_paths.items()}

    a_anchor_median = float(np.median(level_at(active, active_projection, np.array([t_a]))))
    # Year-end observations only, so each year appears once in the growth measures.
    year_end = np.isclose(active.t, np.round(active.t))
    keep = year_end & (active.t < t_a - 1e-9) & (active.t >= t_a - lookback)
    implied, base = _implied_history(c_a, active.t[keep], active.values[keep],
                                     a_anchor_median, t_a, bound, employment)
    past = active
    if own_history is not None:
        past, implied = own_history, own_history.values
        keep = own_history.t < t_a - 1e-9
        implied = implied[keep]
    history = Series(region=coverage.region, metric=coverage.metric, unit=coverage.unit,
                     t=np.append(past.t[keep], t_a), values=np.append(implied, c_a),
                     # Plain str, not numpy.str_ (pandas 2 refuses the latter as a date).
                     dates=tuple(str(d) for d in np.array(past.dates)[keep])
                     + (coverage.dates[-1],),
                     source_ids=tuple(str(s) for s in np.array(past.source_ids)[keep])
                     + (coverage.source_ids[-1],))
    scores = tuple(replace(s, reason=s.reason or "weight from the participants' mixture")
                   for s in active_projection.scores)
    projection = Projection(series=history, t=t, paths=mixture, model_paths=model_paths,
                            scores=scores, seed=active_projection.seed,
                            equal_weights=active_projection.equal_weights,
                            params=active_projection.params,
                            weighting=active_projection.weighting,
                            method=active_projection.method,
                            bound=Ceiling.constant(100.0),
                            notes=active_projection.notes,
                            carried_by=("national_participants"
                                        if active.region != coverage.region
                                        or active_projection.carried_by == "national_growth"
                                        else "region_participants"))
    basis = CoverageBasis(anchor_date=coverage.dates[-1], anchor_value=c_a,
                          denominator=denominator, earlier_readings=len(coverage) - 1,
                          employment_growth=float(base.growth),
                          implied_points=0 if own_history is not None else int(keep.sum()))
    return projection, basis


def _implied_history(c_a: float, t: np.ndarray, counts: np.ndarray, a_anchor: float,
                     t_a: float, bound, employment) -> tuple[np.ndarray, object]:
    """Coverage at times ``t`` implied by the ``counts`` there, over the base the paths move
    it over, and that base: where coverage keeps its odds to the count's share of its
    ceiling (the region's own denominator, read where the region was), that share; else
    the count over the top region's ``employment`` trend. A region whose own base shrinks
    faster than the top region's would otherwise be given a falling past while its
    readings rise."""
    if bound is not None:
        u_a = min(max(a_anchor / float(bound.at(t_a)), 1e-6), 1 - 1e-6)
        if c_a / 100.0 <= SAME_BASE * u_a:
            p0 = min(max(c_a / 100.0, 1e-6), 1 - 1e-6)
            u = np.clip(counts / bound.at(t), 1e-6, 1 - 1e-6)
            return 100.0 * expit(logit(p0) + logit(u) - logit(u_a)), bound
    return c_a * counts / a_anchor * (employment.at(t_a) / employment.at(t)), employment
