"""A structural projection of the managed funds: the fund's own accounting, year by year.

Trend curves say whether the fund line reaches the target; this module says *why*. The fund
at the end of year ``y + 1`` is last year's fund grown by the investment return, plus the
contributions received, minus the benefits paid::

    F[y+1] = F[y] * (1 + r[y+1]) + C[y+1] - B[y+1]

with three inputs estimated from the history:

* **returns** ``r[y] = I[y] / F[y-1]``: the full-year investment income over the fund at the
  start of the year. With this definition the recursion reproduces the accounting identity
  ``F[y] - F[y-1] = I[y] + C[y] - B[y]`` exactly, so nothing is double counted.
* **contributions** ``C[y] = c * (A[y-1] + A[y]) / 2``: an average contribution per active
  participant ``c`` times the year's average active participants (the mean of the two
  year-ends; a flow over the year is set against the stock during the year, not at its end).
* **benefits** ``B[y] = b * F[y-1]``: a share of the fund at the start of the year. The
  shipped data supports this over a share of contributions: benefits and the fund are both
  known for seven years, benefits and contributions for two; and most benefits are
  old-age-savings withdrawals, which scale with the savings held, not with this year's
  contributions. :func:`calibrate` records both counts.

Each input is the mean of its yearly ratios. Its uncertainty enters every path twice
(stratified normal draws): the path's own level of the input, around the mean with its
standard error, and each year's spread of the ratios. Active participants come from the
projection of ``active_total``, path by path, so the joint probability of the workers' and
the fund's targets is counted on the same paths.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from . import defaults
from .calibration import stratified_normal
from .data import Panel, parse_as_of, select
from .errors import ModelError, ParameterError
from .fundsummary import joint_probability, summarise, target_of  # noqa: F401 (the API)
from .money import PER_HEAD, fund_money, per_head, per_head_unit
from .series import Series, interp_level
from .simulate import Projection

log = logging.getLogger(__name__)

#: Fewest yearly estimates of an input before its spread can be estimated.
MIN_YEARS = 2


@dataclass(frozen=True)
class Estimate:
    """One input of the fund model, estimated from yearly ratios.

    Attributes
    ----------
    name : str
        ``investment_return``, ``contribution_per_participant`` or ``benefit_share``.
    value : float
        Mean of the yearly ratios (a fraction, or currency units per participant per year).
    sd : float
        Year-to-year standard deviation of the ratios (ddof=1).
    years : tuple of int
        The years the ratios come from.
    yearly : tuple of float
        The ratios themselves.
    unit : str
        ``fraction`` or ``IDR_per_participant_year`` (the scheme's currency).
    how : str
        In words: which series, which years, which formula.
    """

    name: str
    value: float
    sd: float
    years: tuple[int, ...]
    yearly: tuple[float, ...]
    unit: str
    how: str
    estimated: float | None = None  # the estimate a scenario's value replaced

    @property
    def se(self) -> float:
        """Standard error of the mean."""
        return self.sd / math.sqrt(len(self.years))

    def with_value(self, value: float, how: str) -> "Estimate":
        """The same spread around another mean (a scenario's investment return), which
        remembers the estimate it replaced."""
        return Estimate(name=self.name, value=float(value), sd=self.sd, years=self.years,
                        yearly=self.yearly, unit=self.unit, how=how, estimated=self.value)

    def as_dict(self) -> dict:
        return {"name": self.name, "value": self.value, "how": self.how, "sd": self.sd,
                "unit": self.unit, "years": list(self.years), "yearly": list(self.yearly),
                **({"estimated": self.estimated} if self.estimated is not None else {})}


@dataclass(frozen=True)
class FundInputs:
    """Everything the structural model was calibrated on (see :func:`calibrate`); ``unit``
    the fund's, ``scale`` the currency units in one of it (None: not known, :mod:`.money`)."""

    region: str
    fund: Series
    active: Series
    investment_return: Estimate
    contribution_per_participant: Estimate
    benefit_share: Estimate
    benefit_basis_years: dict[str, list[int]] = field(default_factory=dict)
    accounting_check: tuple[dict, ...] = field(default=())
    unit: str = "IDR_trillion"
    currency: str = "IDR"
    scale: float | None = 1e12
    unit_words: str = "Rp trillion"
    #: The year-end nowcast ``fund`` ends with, else None
    #: (:func:`forecast.national.start_at_nowcast`).
    nowcast: dict | None = None

    @property
    def start_year(self) -> int:
        return int(round(self.fund.last_t))

    @property
    def start_value(self) -> float:
        return self.fund.last_value

    def inputs(self) -> list[dict]:
        """``[{name, value, how}, ...]`` for results.json, the start value first."""
        now = self.nowcast
        start = {"name": "fund_start", "value": self.start_value,
                 "how": f"observed fund_investment at {self.fund.dates[-1]} ({self.unit_words}), "
                        f"the recursion's starting point" if now is None else
                        f"fund_investment at {self.fund.dates[-1]} ({self.unit_words}) nowcast "
                        f"from the reading of {now['from_date']}, the recursion's starting "
                        f"point (each path scaled by a lognormal draw, sd {now['sd_log']:.2%})"}
        return [start] + [e.as_dict() for e in (self.investment_return,
                                                self.contribution_per_participant,
                                                self.benefit_share)]


# ---------------------------------------------------------------------------- the recursion


def recursion(f0: float | np.ndarray, returns: np.ndarray, contributions: np.ndarray,
              benefit_share: np.ndarray) -> np.ndarray:
    """Roll the fund forward: ``F[k] = F[k-1] * (1 + r[k]) + C[k] - b[k] * F[k-1]``.

    Parameters
    ----------
    f0 : float or array of shape (n_paths,)
        Fund at the start (the last observed year-end).
    returns, contributions, benefit_share : array of shape (n_paths, horizon) or (horizon,)
        Per projected year: the investment return (fraction of the fund at the start of the
        year), the contributions received (same unit as the fund) and the benefits paid as
        a fraction of the fund at the start of the year.

    Returns
    -------
    numpy.ndarray
        Fund at the end of each projected year, shape (n_paths, horizon) (or (horizon,)
        for 1-D inputs).

    Examples
    --------
    >>> recursion(100.0, np.array([0.1]), np.array([20.0]), np.array([0.05]))
    array([125.])
    """
    r = np.asarray(returns, dtype=float)
    c = np.asarray(contributions, dtype=float)
    b = np.asarray(benefit_share, dtype=float)
    if not (r.shape == c.shape == b.shape):
        raise ParameterError(f"recursion: returns, contributions and benefit_share must have "
                             f"the same shape, found {r.shape}, {c.shape} and {b.shape}")
    out = np.empty(r.shape)
    f = np.asarray(f0, dtype=float)
    for k in range(r.shape[-1]):
        f = f * (1.0 + r[..., k]) + c[..., k] - b[..., k] * f
        out[..., k] = f
    return out


# ---------------------------------------------------------------------------- calibration


def _annual(panel: Panel, region: str, metric: str, cut) -> Series:
    return select(panel, region, metric, as_of=cut)


def _by_year(series: Series) -> dict[int, float]:
    return {int(round(t)): float(v) for t, v in zip(series.t, series.values)}


def _estimate(name: str, yearly: dict[int, float], unit: str, formula: str,
              label: str, written=None) -> Estimate:
    years = tuple(sorted(yearly))
    if len(years) < MIN_YEARS:
        found = ", ".join(map(str, years)) or "none"
        raise ModelError(f"fund model: {name} needs {label} in at least {MIN_YEARS} years to "
                         f"estimate its mean and spread; found {len(years)} ({found})")
    values = np.array([yearly[y] for y in years])
    mean, sd = float(values.mean()), float(values.std(ddof=1))
    if unit == "fraction":
        shown = ", ".join(f"{y} {yearly[y]:.2%}" for y in years)
        summary = f"mean {mean:.2%}, year-to-year sd {sd:.2%}"
    else:
        shown = ", ".join(f"{y} {written(yearly[y])}" for y in years)  # money a head
        summary = f"mean {written(mean)}, year-to-year sd {written(sd)}"
    how = (f"{formula}, mean of {len(years)} years ({shown}); {summary}; each path draws its "
           f"own level from N(mean, sd/sqrt({len(years)})) plus N(0, sd) each year")
    return Estimate(name=name, value=mean, sd=sd, years=years,
                    yearly=tuple(float(yearly[y]) for y in years), unit=unit, how=how)


def calibrate(panel: Panel, region: str | None = None, *, as_of=None) -> FundInputs:
    """Estimate the fund model's inputs from the year-end history known at ``as_of``.

    Parameters
    ----------
    panel : Panel
        Loaded data.
    region : str or None
        Region id; default the scheme's top region (the shipped data has the flows for
        ``national`` only).
    as_of : year, date or None
        Use only observations dated on or before this.

    Returns
    -------
    FundInputs

    Raises
    ------
    ModelError
        If the fund has no year-end observation or an input has fewer than two years.
    """
    region = panel.scheme.top_region if region is None else region
    cut = parse_as_of(as_of, shift=panel.scheme.shift_days)
    unit, currency, scale, words = fund_money(panel.scheme, ModelError)
    fund = _annual(panel, region, "fund_investment", cut)
    active = _annual(panel, region, "active_total", cut)
    if len(fund) == 0:
        raise ModelError(f"fund model: no year-end fund_investment for {region}")
    f = _by_year(fund)
    a = _by_year(active)
    c = _by_year(_annual(panel, region, "contributions", cut))
    b = _by_year(_annual(panel, region, "benefits_paid", cut))
    i = _by_year(_annual(panel, region, "investment_income", cut))

    # Ratios only over a base > 0: a reading of 0 says nothing of a rate (and divides by it).
    r_years = {y: i[y] / f[y - 1] for y in i if f.get(y - 1, 0) > 0}
    c_years = {y: c[y] * (scale or 1.0) / ((a[y - 1] + a[y]) / 2) for y in c
               if y in a and y - 1 in a and a[y - 1] + a[y] > 0}
    b_fund = {y: b[y] / f[y - 1] for y in b if f.get(y - 1, 0) > 0}
    b_contrib = sorted(y for y in b if y in c)

    r_est = _estimate("investment_return", r_years, "fraction",
                      "investment_income[y] / fund_investment[y-1]",
                      "year-end investment_income with the fund a year earlier")
    c_est = _estimate("contribution_per_participant", c_years,
                      per_head_unit(currency) if scale else unit + PER_HEAD,
                      "contributions[y] / mean(active_total[y-1], active_total[y])",
                      "year-end contributions with active_total at both year-ends",
                      (lambda v: per_head(v, currency, short=True)) if scale
                      else (lambda v: f"{v:.4g} {unit}"))
    b_est = _estimate("benefit_share", b_fund, "fraction",
                      "benefits_paid[y] / fund_investment[y-1]",
                      "year-end benefits_paid with the fund a year earlier")
    b_est = Estimate(name=b_est.name, value=b_est.value, sd=b_est.sd, years=b_est.years,
                     yearly=b_est.yearly, unit=b_est.unit,
                     how=b_est.how + f"; share of the fund rather than of contributions: "
                                     f"{len(b_fund)} years support it against "
                                     f"{len(b_contrib)} with both benefits and contributions")
    check = []
    for y in sorted(set(i) & set(c) & set(b)):
        if y - 1 in f and y in f:
            implied = f[y - 1] + i[y] + c[y] - b[y]
            check.append({"year": y, "observed": f[y], "implied": implied,
                          "residual": f[y] - implied})
    return FundInputs(region=region, fund=fund, active=active, investment_return=r_est,
                      contribution_per_participant=c_est, benefit_share=b_est,
                      benefit_basis_years={"fund": sorted(b_fund), "contributions": b_contrib},
                      accounting_check=tuple(check), unit=unit, currency=currency,
                      scale=scale, unit_words=words)


# ---------------------------------------------------------------------------- simulation


def active_by_year(active: Series, projection: Projection | None, years: Sequence[int],
                   n_paths: int, paths: np.ndarray | None = None) -> np.ndarray:
    """Active participants at the year-ends ``years`` for every path.

    Observed year-ends are used where they exist (the same for every path); between
    observations the value is interpolated log-linearly; after the last observation it is
    the projection's path value (``paths`` replaces the projection's own, e.g. after a
    scenario).
    """
    out = np.empty((n_paths, len(years)))
    known = _by_year(active)
    for j, y in enumerate(years):
        if y in known:
            out[:, j] = known[y]
        elif y <= active.last_t:
            out[:, j] = interp_level(y, active.t, active.values)
        elif projection is not None and y <= projection.series.last_t:
            # A year-end the projection was fitted on but not observed: its nowcast
            # (forecast.nowcast), where the projection's paths start.
            fitted = projection.series
            out[:, j] = interp_level(y, fitted.t, fitted.values)
        else:
            if projection is None:
                raise ModelError(f"fund model: no projection of {active.label} for {y}")
            out[:, j] = projection.values_at(float(y), paths)
    return out


@dataclass(frozen=True)
class FundProjection:
    """Simulated fund paths of the structural model.

    Attributes
    ----------
    years : numpy.ndarray
        Projected year-ends (start_year + 1, ...).
    paths : numpy.ndarray
        Fund (in its unit, ``inputs.unit``), shape (n_paths, len(years)).
    active : numpy.ndarray
        The active participants each path used at those year-ends.
    inputs : FundInputs
    draws : dict
        Each path's own level of the three inputs.
    """

    years: np.ndarray
    paths: np.ndarray
    active: np.ndarray
    inputs: FundInputs
    draws: dict[str, np.ndarray]

    def at(self, year: int) -> np.ndarray:
        """Path values at the year-end ``year``."""
        hit = np.flatnonzero(self.years == year)
        if not hit.size:
            raise ParameterError(f"year: expected one of {self.years[0]}-{self.years[-1]}, "
                                 f"found {year!r}")
        return self.paths[:, hit[0]]


def _check_n_paths(n, name: str) -> int:
    """``n`` if a whole number of paths from ``defaults.MIN_N_PATHS`` on, else the error."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < defaults.MIN_N_PATHS:
        raise ParameterError(f"{name}: expected a whole number of at least "
                             f"{defaults.MIN_N_PATHS} simulated paths, found {n!r}")
    return int(n)


INPUT_COPIES = 4  # draws of the inputs a participants path (one moved P 1.8 points by seed)


def simulate_funds(inputs: FundInputs, active_projection: Projection | None, *,
                   end_year: int, seed: int, active_paths: np.ndarray | None = None,
                   n_paths: int | None = None,
                   investment_return: float | None = None) -> FundProjection:
    """Simulate the fund recursion from the last observed year-end to ``end_year``.

    Parameters
    ----------
    inputs : FundInputs
        From :func:`calibrate`.
    active_projection : Projection or None
        Mixture projection of ``active_total``; path ``i`` of the fund uses its path ``i``.
        May be None when every year needed is observed (a backtest with hindsight).
    end_year : int
        Last year-end simulated.
    seed : int
        Seed of the draws of the inputs (the same seed gives the same paths).
    active_paths : numpy.ndarray, optional
        Replaces the projection's paths (shape as ``active_projection.paths``).
    n_paths : int, optional
        Needed only when ``active_projection`` is None; at least ``defaults.MIN_N_PATHS``.
    investment_return : float, optional
        Replaces the estimated mean return; its estimated spread is kept.

    Returns
    -------
    FundProjection
        Copy ``k`` (of ``INPUT_COPIES``) of participants path ``i`` is row ``k * n + i``.
    """
    start = inputs.start_year
    if end_year <= start:
        raise ParameterError(f"end_year: expected a year after the last fund observation "
                             f"({start}), found {end_year!r}")
    if active_projection is not None:
        n = (active_paths if active_paths is not None else active_projection.paths).shape[0]
        _check_n_paths(n, "active_projection (its paths)")
    elif n_paths is None:
        raise ParameterError("n_paths: needed when no active projection is given")
    if n_paths is not None:  # checked even where the projection's paths set the count
        checked = _check_n_paths(n_paths, "n_paths")
        n = n if active_projection is not None else checked
    years = np.arange(start + 1, end_year + 1)
    active = active_by_year(inputs.active, active_projection, [start, *years], n,
                            active_paths)
    active = np.tile(active, (INPUT_COPIES, 1))  # np.tile: how a caller pairs its paths
    n = active.shape[0]
    r_est = inputs.investment_return
    if investment_return is not None:  # the inputs shown are the ones used (its fund block
        # listed the estimated 8.67% under a projection made with the scenario's 50%)
        r_est = r_est.with_value(investment_return, f"the scenario's {investment_return:.2%}"
                                 f" in place of the estimated {r_est.value:.2%} (its spread "
                                 f"kept)")
        inputs = dataclasses.replace(inputs, investment_return=r_est)
    rng = np.random.default_rng(seed)
    horizon = len(years)

    def draw(est: Estimate) -> tuple[np.ndarray, np.ndarray]:
        level = est.value + est.se * stratified_normal(rng, (n, 1))
        yearly = level + est.sd * stratified_normal(rng, (n, horizon))
        return level[:, 0], yearly

    r_level, r = draw(r_est)
    c_level, c = draw(inputs.contribution_per_participant)
    b_level, b = draw(inputs.benefit_share)
    # A contribution per head or a benefit share below zero has no meaning; normal tails
    # reach there only for inputs with a huge spread, so clip rather than redraw.
    c = np.maximum(c, 0.0)
    b = np.maximum(b, 0.0)
    mean_active = (active[:, :-1] + active[:, 1:]) / 2.0
    contributions = c * mean_active / (inputs.scale or 1.0)
    start = np.full(n, inputs.start_value)
    sd_start = (inputs.nowcast or {}).get("sd_log") or 0.0
    if sd_start > 0 and np.isfinite(sd_start):  # the nowcast's spread, as the headline's
        start = start * np.exp(sd_start * stratified_normal(rng, (n, 1))[:, 0])
    paths = recursion(start, r, contributions, b)
    return FundProjection(years=years, paths=paths, active=active[:, 1:], inputs=inputs,
                          draws={"investment_return": r_level,
                                 "contribution_per_participant": c_level,
                                 "benefit_share": b_level})
