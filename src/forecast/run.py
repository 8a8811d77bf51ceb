"""The region run: every target of one region assessed, as the results.json object.

:func:`run_region` is the pipeline's middle: the panel is cut at ``as_of`` once, each
metric is projected once (:class:`_Context` memoises them, to :mod:`forecast.runend`'s
end, so its targets, its projections list and a coverage's count share the paths), the
targets are assessed
(:func:`forecast.targets.assess`), and for the national run the national analysis
(:mod:`forecast.national`) reads the same projection of ``active_total``. The object's
fields are described in :mod:`forecast.results`; writing it is :mod:`forecast.store`'s job.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from . import __version__, config
from .ceilings import CEILINGS, ceiling_for
from .ceilingwords import ceiling_text
from .data import (Panel, check_as_of, check_region, observation_records, select,
                   source_records)
from .apicheck import check_models, check_questions
from .errors import ModelError, ParameterError
from .models import available_models
from .models.base import Ceiling
from .assessing import answer_questions, assess_targets
from .basis import basis_sources
from .coveragerun import project_coverage
from .projected import NotProjectable as _NotProjectable, Projected as _Projected
from .projected import named_notes, recurs_at, sub_regions_with
from .outcomes import on_base, reference_date, upcoming
from . import nowcast
from .national import Context as NationalContext, national_extras, prepare, resolve_scenario
from .params import check_run_parameters, seed_sequence, spawn
from .quality import data_quality, pooled_quality
from .fiscal import real_dates
from .reach import reachable
from .runend import canonical_end, run_end
from .records import speed_field
from .reasons import reason, reason_text
from .reasonwords import name_regions
from .topwords import name_top, top_region_name
from .regional import pooled_projection
from .series import Series, calendar_year, horizon_years
from .simulate import Projection, project
from .store import clean
from .targets import assess
from .vintage import check_vintage_basis, published_later, vintage

log = logging.getLogger(__name__)


def _why(exc: Exception) -> dict:
    """The reason object of a failed projection."""
    if isinstance(exc, _NotProjectable):
        return exc.reason
    return reason("model_error", message=str(exc))


@dataclass
class _Context:
    """Projections of one run, memoised: a national projection is shared by every use."""

    panel: Panel
    cut: object
    models: list
    n_paths: int
    seed: np.random.SeedSequence
    backtest_k: int
    vintage_basis: str = "published"
    cache: dict = field(default_factory=dict)
    #: The base of the coverage target being assessed: coverage readings on other bases
    #: are left out (forecast.outcomes.on_base); None reads them all (latest anchors).
    coverage_base: str | None = None
    end: float | None = None  # how far every projection reaches (forecast.runend)

    def __post_init__(self) -> None:
        # Cut once: every selection below reads the vintage, never the whole panel.
        self.panel = vintage(self.panel, self.cut, basis=self.vintage_basis)

    def series(self, region: str, metric: str, annual: bool = True) -> Series:
        panel = self.panel
        if self.coverage_base is not None and panel.scheme.is_coverage(metric):
            panel = on_base(panel, region, self.coverage_base, metric)
        return select(panel, region, metric, annual=annual)

    def last_observation(self, region: str, metric: str) -> tuple[float, str]:
        """Time and date the metric's projection starts from (raises if there is none)."""
        points = self.series(region, metric, annual=False)
        if len(points) == 0:
            raise _NotProjectable("no_observations", metric=metric, region=region,
                                  as_of=str(self.cut.date()) if self.cut is not None
                                  else None, **sub_regions_with(self.panel, region, metric))
        annual = self.series(region, metric)
        if not self.panel.scheme.is_coverage(metric) and len(annual) >= 3:
            return annual.last_t, annual.dates[-1]
        return points.last_t, points.dates[-1]

    def projected(self, region: str, metric: str, end_t: float, *,
                  extra_years: int) -> _Projected:
        # One projection per region and metric reaches every request of the run (runend).
        end_t, extra_years = canonical_end(self.end, end_t + extra_years, self.panel.scheme
                                           .is_coverage(metric)), 0
        key = (region, metric, round(end_t, 6), extra_years,
               self.coverage_base if self.panel.scheme.is_coverage(metric) else None)
        if key not in self.cache:
            if self.panel.scheme.is_coverage(metric):
                self.cache[key] = self._coverage(region, end_t, extra_years, metric)
            else:
                self.cache[key] = self._trend(region, metric, end_t, extra_years)
        return self.cache[key]

    def _fit(self, series: Series, ceiling, end_t: float, extra_years: int):
        horizon = horizon_years(series.last_t, end_t, extra_years)
        return project(series.positive(), self.models, horizon=horizon, n_paths=self.n_paths,
                       seed=self.seed, ceiling=ceiling, backtest_k=self.backtest_k)

    def _trend(self, region: str, metric: str, end_t: float, extra_years: int) -> _Projected:
        series = self.series(region, metric)
        all_points = self.series(region, metric, annual=False)
        if len(all_points) == 0:
            raise _NotProjectable("no_observations", metric=metric, region=region, as_of=None,
                                  **sub_regions_with(self.panel, region, metric))
        if len(series) >= 3:
            return self._own(series, all_points, end_t, extra_years)
        top = self.panel.scheme.top_region  # the scheme's, not a fixed "national"
        national_annual = self.series(top, metric)
        if region == top or len(national_annual) < 3:
            raise _NotProjectable("too_few_points", n=len(series), metric=metric,
                                  region=region, needed=3, top=region == top,
                                  **recurs_at(all_points, self.panel.scheme))
        # A year past end_t: the region's last reading may fall after the national one.
        national = self.projected(top, metric, end_t + 1, extra_years=extra_years)
        horizon = horizon_years(all_points.last_t, end_t, extra_years)
        region_ceiling, note = ceiling_for(self.panel, region, metric)
        if region_ceiling is not None and \
                all_points.last_value >= float(region_ceiling.at(all_points.last_t)):
            # Counted by place of registration, a region (Jakarta: head offices) can hold
            # more participants than it has working residents: no ceiling then.
            region_ceiling, note = None, reason(
                "ceiling_below", ceiling=self.panel.scheme.ceiling_of(metric), metric=metric,
                region=region, date=all_points.dates[-1])
        region_ceiling = region_ceiling or self._share_ceiling(metric)
        top_points = nowcast.replaced(national.all_points, national.quality.get("outlier"))
        projection, pool = pooled_projection(all_points, top_points,
                                             national.projection, horizon=horizon,
                                             n_paths=self.n_paths, seed=self.seed,
                                             ceiling=region_ceiling)
        return _Projected(projection=projection, shown=series,
                          all_points=all_points,
                          quality=pooled_quality(series, all_points, pool),
                          pooling=pool.as_dict(), ceiling_note=note)  # the region's own

    def _share_ceiling(self, metric: str):
        """A percentage of any unit id is bounded by 100 (simulate knows only "percent")."""
        bound = self.panel.scheme.share_bound(metric)
        return None if bound is None else Ceiling.constant(bound)

    def _own(self, series: Series, all_points: Series, end_t: float,
             extra_years: int, ceiling=None, share: bool = False) -> _Projected:
        """A projection from the series' own history, started from the latest reading
        (:func:`forecast.nowcast.prepare`: an outlying year-end replaced, the year in
        progress nowcast), its uncertainty spread into the paths; bounded by ``ceiling``
        if given, else by the metric's ceiling in the scheme."""
        note = None
        n_sub = len(all_points) - len(series)  # readings during a year, shown not fitted
        series = series.from_first_positive()  # 0 before a scheme started: no growth yet
        if ceiling is None:
            ceiling, note = ceiling_for(self.panel, series.region, series.metric)
        if ceiling is None:
            ceiling = self._share_ceiling(series.metric)
        fitted, fields = nowcast.prepare(series, all_points, self.panel.scheme, share=share,
                                         ceiling=ceiling)
        projection = self._fit(fitted, ceiling, end_t, extra_years)
        projection = nowcast.widen(projection, (fields.get("nowcast") or {}).get("sd_log"),
                                   spawn(self.seed, nowcast.STREAM))
        quality = {**data_quality(series, n_sub), **fields}
        return _Projected(projection=projection, shown=series, all_points=all_points,
                          quality=quality, pooling=None, ceiling_note=note)

    def _coverage(self, region: str, end_t: float, extra_years: int,
                  metric: str = "coverage_pct") -> _Projected:
        return project_coverage(self, region, end_t, extra_years, metric)


def _target_entry(got: _Projected, tgt, scheme=None) -> dict:
    projection = got.projection
    now = got.quality.get("nowcast") or {}
    read = ((now["from_date"], float(now["from_value"]))
            if got.coverage is None and now.get("value") is not None else None)
    r = assess(projection, float(tgt["value"]), tgt["target_date"], last_read=read)
    metric = tgt["metric"]
    ceilings = scheme.ceilings if scheme is not None else CEILINGS
    return {
        "metric": metric,
        "target_value": r.target_value,
        "target_date": r.target_date,
        "unit": r.unit,
        "target_source_id": tgt["source_id"],
        # Every source behind this assessment: the observations shown and the target.
        "sources": sorted((set(got.all_points.source_ids) | set(got.shown.source_ids)
                           | {tgt["source_id"]}) - {""}),
        "target_note": tgt["note"],
        # Other documents stating the same target (forecast.data.choose_statements).
        "other_sources": list(tgt.get("other_sources") or []),
        "last_observed": _last_observed(got, r.last_date, r.last_value),
        "probability": r.probability,
        "median": r.median,
        "p10": r.p10,
        "p90": r.p90,
        "required_cagr": r.required_cagr,
        "required_growth": r.required_growth,
        "decline_allowed": r.decline_allowed,  # met already: the yearly fall it may take
        "bound_value": r.bound_value,
        "bound_note": r.bound_note,
        "engine": {"method": projection.method, "notes": named_notes(r.notes, got, scheme)},
        "historical_cagr": r.historical_cagr,
        "historical_cagr_from": projection.series.dates[0],  # the series it is measured on
        "historical_cagr_3y": r.historical_cagr_3y,
        "historical_cagr_3y_from": r.historical_3y_from,  # its base reading's date
        "growth_ratio": r.growth_ratio,
        "year_median_reaches": r.year_median_reaches,
        # Levels and dates reachable with given probabilities (forecast.reach).
        "reachable": reachable(projection, float(tgt["value"]), tgt["target_date"], read),
        "projection_end_year": r.projection_end_year,
        "monthly_needed": r.monthly_needed,
        "monthly_achieved_last_year": r.monthly_achieved_last_year,
        "monthly_achieved_history": r.monthly_achieved_history,
        "classification": r.classification,
        "classifications": {"unsd": r.classification_unsd,
                            "statcan": r.classification_statcan,
                            "unsd_q": r.unsd_q, "statcan_r": r.statcan_r,
                            "base_year": r.base_year},
        "models": [{k: m[k] for k in ("name", "weight", "probability", "median",
                                      "backtest_mape", "reason") if k in m} for m in r.models],
        "models_not_used": [{"name": s.name, "reason": s.reason}
                            for s in projection.scores if s.weight == 0],
        "weighting": projection.weighting,
        "equal_weights": projection.equal_weights,
        "pooling": got.pooling,
        "coverage_basis": got.coverage,
        # Why the ceiling is not used, if it is not: English words and the reason object.
        "ceiling": ({"metric": ceilings[metric], "note": ceiling_text(got.ceiling_note),
                     "reason": got.ceiling_note}
                    if metric in ceilings else None),
        "base_years": list(r.base_years),
        "history": [{"date": d, "value": float(v)}
                    for d, v in zip(got.shown.dates, got.shown.values)],
        "sub_annual": [{"date": d, "value": float(v)} for d, v in got.readings_beside()],
        "fan": [{"year": calendar_year(t), "t": float(t), "p10": row["p10"],
                 "p50": row["p50"], "p90": row["p90"]}
                for t, row in projection.quantiles().iterrows()],
        "data_quality": got.quality,
    }


def _last_observed(got: _Projected, date: str, value: float) -> dict:
    """The last reading the projection starts from: a nowcast's reading (the projection
    starts at its year-end estimate, see data_quality.nowcast), else ``date``, ``value``."""
    now = got.quality.get("nowcast") or {}
    if got.coverage is None and now.get("value") is not None:  # coverage: its own anchor
        return {"date": now["from_date"], "value": float(now["from_value"])}
    return {"date": date, "value": value}


def _projection_entry(got: _Projected, end_year: int) -> dict:
    """Year-end quantiles of a metric projected whether or not it has a target."""
    projection = got.projection
    last = projection.series
    fan = []
    for year in range(math.floor(last.last_t) + 1, end_year + 1):
        values = projection.values_at(float(year))
        p10, p50, p90 = np.quantile(values, [0.1, 0.5, 0.9])
        fan.append({"year": year, "p10": p10, "p50": p50, "p90": p90})
    return {"metric": last.metric, "unit": last.unit, "projected": True,
            # The last reading, not the nowcast the paths start from ("last 44.02M
            # (2025-12-31)" where 42.70M was read on 2025-10-31).
            "last_observed": _last_observed(got, last.dates[-1], last.last_value),
            "fan": fan, "pooling": got.pooling, "data_quality": got.quality,
            **({"ceiling": {"note": ceiling_text(got.ceiling_note), "reason": got.ceiling_note}}
               if got.ceiling_note else {})}


def _start(panel: Panel, region: str, as_of, *, n_paths, seed, models, backtest_k,
           vintage_basis: str) -> _Context:
    """Check a run's parameters and make its context: the panel cut once at ``as_of``,
    and one root of randomness, spawned per consumer (:func:`forecast.params.spawn`)."""
    check_region(panel, region)
    check_vintage_basis(vintage_basis)
    check_run_parameters(n_paths=n_paths, seed=seed, backtest_k=backtest_k)
    models = check_models(models)  # unknown names too, before the run's work
    return _Context(panel=panel, cut=check_as_of(panel, as_of),
                    # A model named twice runs once, as the CLI's --models runs it.
                    models=models or available_models(),
                    n_paths=n_paths,
                    seed=seed_sequence(seed), backtest_k=backtest_k,
                    vintage_basis=vintage_basis)


def run_region(panel: Panel, region: str, *, as_of=None, n_paths: int = config.DEFAULT_N_PATHS,
               seed: int = config.DEFAULT_SEED, models: Sequence[str] | None = None,
               backtest_k: int = config.DEFAULT_BACKTEST_K, scenario=None,
               vintage_basis: str = "published", questions: Sequence[dict] | None = None,
               fiscal_time: bool = False) -> dict:
    """Assess every future target of ``region``; its results.json object (module docstring).

    Parameters
    ----------
    panel : Panel
        Loaded data (:func:`forecast.data.load_panel`).
    region : str
        Region id.
    as_of : year, date or None
        Use only what was known then; targets due after the last observation are assessed.
    n_paths, seed : int
        Simulation size and seed (the same inputs give the same numbers).
    models : sequence of str, optional
        Model names; default every registered model.
    backtest_k : int
        Leave-last-out origins for the model weights.
    scenario : forecast.scenario.Scenario, path or None
        Hypothetical adjustments for the national extras (national only).
    vintage_basis : {"published", "date"}, default "published"
        The reading of ``as_of`` (:func:`forecast.vintage.vintage`): what had been published
        by then ("as known at"), or the values dated up to it, whenever published. Recorded
        as ``vintage`` in the results and in ``generated_with.parameters``.
    questions : sequence of {metric, date, value} (the track record's), answered in ``questions``
    fiscal_time : bool
        ``as_of`` and the dates returned in fiscal time (:mod:`forecast.fiscal`), as the
        track record's re-runs at its year-ends read them.
    """
    check_questions(questions)  # before the run's work, not a KeyError at its end
    ctx = _start(panel, region, pd.Timestamp(as_of) if fiscal_time and as_of else as_of,
                 n_paths=n_paths, seed=seed, models=models, backtest_k=backtest_k,
                 vintage_basis=vintage_basis)  # a Timestamp: a day of fiscal time
    cut, seeds, models = ctx.cut, ctx.seed, ctx.models
    ctx.end = run_end(ctx.panel.targets, region, questions)  # one projection per metric
    scenario = resolve_scenario(panel, region, scenario)  # before the targets' work
    reference = reference_date(cut, shift_days=panel.scheme.shift_days)
    entries, skipped, outcomes = assess_targets(
        ctx, region, reference, entry=lambda got, tgt: _target_entry(got, tgt, ctx.panel.scheme),
        why=_why, failures=(_NotProjectable, ModelError), extra_years=config.EXTRA_YEARS)

    projections = []
    for metric in panel.scheme.projected_metrics:
        try:
            last_t, _ = ctx.last_observation(region, metric)
            end = max(config.PROJECTION_END_YEAR, math.floor(last_t) + 1)
            got = ctx.projected(region, metric, float(end), extra_years=0)
        except (_NotProjectable, ModelError) as exc:
            # A target of the metric not assessed already says why, under its own heading
            # (not as a count "with no target to compare against").
            if not any(s["metric"] == metric and s["reason"] == _why(exc) for s in skipped):
                projections.append({"metric": metric, "unit": panel.scheme.unit_of(metric),
                                    "projected": False, "reason": _why(exc)})
            continue
        projections.append(_projection_entry(got, end))
    for entry in entries:  # the fastest growth in the same cut panel (forecast.records)
        entry["speed"] = speed_field(ctx.panel, region, entry)
        entry["sources"] = basis_sources(ctx.panel, region, entry)  # the ceiling's too
    entries.sort(key=lambda e: (e["target_date"], e["metric"]))
    # The national analysis (funds_model, joint, segments, scenario) reads this run's own
    # projection of active_total (forecast.national); other regions get {"scenario": None}.
    extras = national_extras(upcoming(ctx.panel, reference), region, as_of=cut,
                             n_paths=n_paths, seed=seeds,
                             models=models, backtest_k=backtest_k, scenario=scenario,
                             project_total=_total_projector(ctx, region))
    # What the PDF needs from the data, so the renderer never reads the CSVs: the region's
    # observations when nothing was assessed (shown instead), and every cited source.
    observations = [] if entries else observation_records(ctx.panel, region)
    cited = {sid for e in entries for sid in e["sources"] + [e["target_source_id"]]}
    cited |= {p["source_id"] for o in outcomes for p in (o["observed"], o["latest"]) if p}
    cited |= {o["target_source_id"] for o in outcomes}
    cited |= {o["source_id"] for o in observations}
    # Reasons name regions by name (ids beside them), and a top region that is no nation.
    days = 0 if fiscal_time else panel.scheme.shift_days  # what a user sees: the calendar
    top = top_region_name(panel.scheme, panel.region_name)
    return real_dates(name_top(name_regions(clean({
        "region": region,
        "region_name": panel.region_name(region),
        "year_end": panel.scheme.year_end,
        # What the report names (scheme, metrics, units) comes from here (forecast.scheme).
        "scheme": panel.scheme.as_dict(),
        "as_of": cut.strftime("%Y-%m-%d") if cut is not None else None,
        "vintage": vintage_basis,
        "generated_with": {
            "package": "forecast",
            "version": __version__,
            "data_hash": panel.data_hash,
            "seed": int(seed),
            "parameters": {"region": region,
                           "as_of": cut.strftime("%Y-%m-%d") if cut is not None else None,
                           "vintage": vintage_basis,
                           "n_paths": int(n_paths), "models": models,
                           "backtest_k": int(backtest_k)},
        },
        "targets": entries,
        "outcomes": outcomes,
        "outcomes_as_of": reference.strftime("%Y-%m-%d"),
        "skipped": skipped,
        # Targets in the data that the vintage leaves out (stated after as_of).
        "targets_stated_later": int((panel.targets["region"] == region).sum()
                                    - (ctx.panel.targets["region"] == region).sum()),
        "readings_published_later": published_later(panel, cut, region, vintage_basis),
        "projections": projections,
        **extras,
        "observations": observations,
        "cited_sources": source_records(ctx.panel, cited),
        **answer_questions(ctx, region, questions, _why, (_NotProjectable, ModelError)),
    }), panel.region_name), top), days)


def _total_projector(ctx: _Context, region: str) -> Callable[[float], Projection]:
    """The run's projection of ``active_total`` up to a target time, for the national
    analysis: the same memoised projection the targets list was assessed on."""
    def project_total(end_t: float) -> Projection:
        try:
            return ctx.projected(region, "active_total", end_t,
                                 extra_years=config.EXTRA_YEARS).projection
        except _NotProjectable as exc:
            raise ModelError(str(exc)) from None
    return project_total


def national_context(panel: Panel, region: str | None = None, *, as_of=None,
                     n_paths: int = config.DEFAULT_N_PATHS, seed: int = config.DEFAULT_SEED,
                     models: Sequence[str] | None = None,
                     backtest_k: int = config.DEFAULT_BACKTEST_K,
                     vintage_basis: str = "published") -> NationalContext | None:
    """The national analysis's context (projections, fund inputs, segments) for what-ifs.

    Built exactly as :func:`run_region` builds it, with the same checks and the same
    projection of ``active_total``; :mod:`forecast.whatif` reapplies adjustments to it.
    None for a scheme without ``active_total`` (the analysis is the shipped scheme's
    participants, segments and fund; :mod:`forecast.whatif` then says so).
    """
    region = panel.scheme.top_region if region is None else region
    if "active_total" not in panel.scheme.metrics:
        return None
    ctx = _start(panel, region, as_of, n_paths=n_paths, seed=seed, models=models,
                 backtest_k=backtest_k, vintage_basis=vintage_basis)
    ctx.end = run_end(ctx.panel.targets, region)  # as run_region's, so the same paths
    reference = reference_date(ctx.cut, shift_days=panel.scheme.shift_days)
    return prepare(upcoming(ctx.panel, reference), region, as_of=ctx.cut, n_paths=n_paths,
                   seed=ctx.seed, models=ctx.models, project_total=_total_projector(ctx, region))
