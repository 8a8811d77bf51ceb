"""What a user would pick instead: simple baselines and the peer libraries.

Every function takes the training :class:`~forecast.series.Series` (year-end values up to
the origin), the number of years ahead and, where it uses one, the external ceiling; it
returns a :class:`~benchmarks.scoring.Forecast` for steps ``1..horizon``.

* Compound-growth extrapolation, the growth measure of the UNSD progress rule: the CAGR
  since the first observation (the rule's baseline) or over the last ``k`` years, carried
  forward. A point forecast.
* A textbook random walk with drift on the levels: drift is the mean yearly change,
  the ``h``-step standard deviation ``s * sqrt(h * (1 + h / T))`` (Hyndman and
  Athanasopoulos, *Forecasting: principles and practice*, section 5.5).
* statsforecast ``AutoETS`` and ``AutoARIMA`` (annual: ``season_length=1``) on the
  trailing run of consecutive years, as our evenly spaced models use.
* Prophet with logistic growth capped by the working-population ceiling our saturating
  models use (for money, which has no ceiling, Prophet's linear growth), no seasonality.

The peers are optional (``pip install -e '.[bench]'``); :func:`peer_status` says whether
each can be imported, so the benchmark can print the reason in its row instead of failing.
"""

from __future__ import annotations

import importlib
import logging
import warnings

import numpy as np
import pandas as pd

from forecast.models.base import Ceiling
from forecast.series import Series

from .scoring import NormalForecast, PointForecast, QuantileForecast, SampleForecast

#: Central interval levels asked of statsforecast, to rebuild a grid of quantiles.
SF_LEVELS = (10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 98)
#: Samples Prophet draws for its predictive distribution.
PROPHET_SAMPLES = 2000

PEERS = {
    "statsforecast": "statsforecast",
    "prophet": "prophet",
}


def peer_status() -> dict[str, str]:
    """For each peer library: ``""`` if it imports, else why not (one line)."""
    _quiet_prophet()
    out = {}
    for name, module in PEERS.items():
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                importlib.import_module(module)
            out[name] = ""
        except Exception as exc:  # ImportError, or a broken binary dependency
            out[name] = (f"not available on this machine ({type(exc).__name__}: "
                         f"{' '.join(str(exc).split())[:120]}); install with "
                         f"pip install -e '.[bench]'")
    return out


def _steps(series: Series, horizon: int) -> np.ndarray:
    return series.last_t + np.arange(1, horizon + 1, dtype=float)


def cagr_extrapolation(series: Series, horizon: int, *, years: int | None = None
                       ) -> PointForecast:
    """Carry the compound growth of the history forward.

    Parameters
    ----------
    series : Series
        Year-end values up to the origin.
    horizon : int
        Years ahead.
    years : int, optional
        Measure the growth over the last ``years`` years (from the latest observation at
        least that far back, else the first); default since the first observation, the
        baseline of the UNSD progress rule.

    Raises
    ------
    ValueError
        With fewer than two points or a non-positive base value.
    """
    if len(series) < 2:
        raise ValueError(f"{series.label}: compound growth needs 2 points, found {len(series)}")
    base = 0
    if years is not None:
        earlier = np.flatnonzero(series.t <= series.last_t - years + 1e-9)
        base = int(earlier[-1]) if earlier.size else 0
    v0, t0 = float(series.values[base]), float(series.t[base])
    if v0 <= 0:
        raise ValueError(f"{series.label}: compound growth needs a base value > 0, found {v0}")
    rate = (series.last_value / v0) ** (1.0 / (series.last_t - t0)) - 1.0
    h = np.arange(1, horizon + 1, dtype=float)
    return PointForecast(values=series.last_value * (1.0 + rate) ** h)


def rw_drift_levels(series: Series, horizon: int) -> NormalForecast:
    """Random walk with drift on the levels of the trailing run of consecutive years.

    Raises
    ------
    ValueError
        With fewer than three consecutive years (two changes give the drift and its spread).
    """
    run = series.trailing_run()
    diffs = np.diff(run.values)
    if diffs.size < 2:
        raise ValueError(f"{series.label}: a random walk with drift needs 3 consecutive years, "
                         f"found {len(run)}")
    drift, s, n = float(diffs.mean()), float(diffs.std(ddof=1)), diffs.size
    h = np.arange(1, horizon + 1, dtype=float)
    return NormalForecast(mean=series.last_value + h * drift, sd=s * np.sqrt(h * (1 + h / n)))


def statsforecast_model(series: Series, horizon: int, which: str) -> QuantileForecast:
    """statsforecast ``AutoETS`` or ``AutoARIMA`` (``which``) on the trailing run.

    The central intervals at :data:`SF_LEVELS` are turned into a grid of quantiles, with
    the mean as the median (its intervals are symmetric about the mean).
    """
    from statsforecast import models as sfm

    cls = {"AutoETS": sfm.AutoETS, "AutoARIMA": sfm.AutoARIMA}[which]
    y = series.trailing_run().values.astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = cls(season_length=1).forecast(y=y, h=horizon, level=list(SF_LEVELS))
    qs, rows = [0.5], [np.asarray(out["mean"], dtype=float)]
    for level in SF_LEVELS:
        qs += [(1 - level / 100) / 2, (1 + level / 100) / 2]
        rows += [np.asarray(out[f"lo-{level}"], dtype=float),
                 np.asarray(out[f"hi-{level}"], dtype=float)]
    order = np.argsort(qs)
    values = np.vstack(rows)[order]
    if not np.all(np.isfinite(values)):
        raise ValueError(f"statsforecast {which}: non-finite forecast for {series.label}")
    return QuantileForecast(qs=tuple(float(q) for q in np.asarray(qs)[order]), values=values)


def _quiet_prophet() -> None:
    for name in ("cmdstanpy", "prophet", "prophet.plot"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # plotly missing is not news


def prophet_model(series: Series, horizon: int, *, ceiling: Ceiling | None, seed: int
                  ) -> tuple[SampleForecast, str]:
    """Prophet, logistic growth under ``ceiling`` (linear without one), no seasonality.

    Returns the forecast and the growth used. Prophet draws its uncertainty from NumPy's
    global generator, which it offers no way to pass, so it is seeded with ``seed`` first
    and the same inputs give the same numbers.
    """
    from prophet import Prophet

    _quiet_prophet()  # cmdstanpy sets its own level on import

    ds = pd.to_datetime(list(series.dates))
    future_t = _steps(series, horizon)
    future_ds = pd.to_datetime([f"{int(round(t))}-12-31" for t in future_t])
    history = pd.DataFrame({"ds": ds, "y": series.values})
    future = pd.DataFrame({"ds": future_ds})
    growth = "linear"
    if ceiling is not None:
        growth = "logistic"
        history["cap"] = ceiling.at(series.t)
        future["cap"] = ceiling.at(future_t)
    model = Prophet(growth=growth, yearly_seasonality=False, weekly_seasonality=False,
                    daily_seasonality=False, uncertainty_samples=PROPHET_SAMPLES)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(history)
        np.random.seed(seed)
        samples = model.predictive_samples(future)["yhat"]
    paths = np.asarray(samples, dtype=float).T
    if paths.shape != (PROPHET_SAMPLES, horizon) or not np.all(np.isfinite(paths)):
        raise ValueError(f"Prophet: unexpected samples for {series.label}")
    return SampleForecast(paths=paths), growth

