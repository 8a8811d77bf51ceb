"""Time of the engine against statsforecast AutoETS + AutoTheta on the same M3 series, back to back.

Ours is :func:`forecast.simulate.project` with 5,000 paths: with the cheapest per-model
table (rw_drift) and no display backtest; with the five M3 models and no display backtest;
and as a run calls it, the five models with the default display backtest (3 origins).

The full M3 run spreads its parts over a long time on a shared machine; this measures
both on the same slice within a minute of each other, so the ratio is fair.

Usage::

    .venv/bin/python benchmarks/m3_speed.py --series 100
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.m3data import M3_MODELS, as_series, load_m3_yearly  # noqa: E402
from forecast.config import DEFAULT_BACKTEST_K  # noqa: E402
from forecast.models.base import clear_fit_cache  # noqa: E402
from forecast.simulate import project  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=100)
    args = parser.parse_args(argv)
    data = load_m3_yearly()[::max(1, 645 // args.series)][:args.series]
    from statsforecast import StatsForecast
    from statsforecast import models as sfm

    frame = pd.concat([pd.DataFrame({"unique_id": sn, "ds": np.arange(len(x)), "y": x})
                       for sn, x, _ in data], ignore_index=True)
    out = {}
    for name, model in (("AutoETS", sfm.AutoETS(season_length=1)),
                        ("AutoTheta", sfm.AutoTheta(season_length=1))):
        sf = StatsForecast(models=[model], freq=1, n_jobs=1)
        sf.forecast(df=frame.head(40), h=6, level=[80, 95])  # compile (numba) outside the clock
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sf.forecast(df=frame, h=6, level=[80, 95])
        out[name] = time.perf_counter() - t0
    # The engine's answer (centre, spread, 5,000 paths) needs only the fast forecasters of
    # forecast.combine; the per-model table is extra work, timed separately: with one cheap
    # model (rw_drift), with the five M3 models (ETS and ARIMA likelihood fits), and with
    # the five and the display backtest of each model, as `forecast run` calls it (the
    # default).
    for label, models, k in (("ours, per-model table rw_drift", ("rw_drift",), 0),
                             ("ours, per-model table of 5 models", M3_MODELS, 0),
                             ("ours, 5 models and their display backtest (default)", M3_MODELS,
                              DEFAULT_BACKTEST_K)):
        clear_fit_cache()
        t0 = time.perf_counter()
        for i, (sn, x, _) in enumerate(data):
            project(as_series(sn, x), models, horizon=6, n_paths=5000, seed=i, backtest_k=k)
        out[label] = time.perf_counter() - t0
    peers = out["AutoETS"] + out["AutoTheta"]
    print(f"{len(data)} series: " + ", ".join(f"{k} {v:.1f} s" for k, v in out.items())
          + "; ours / (AutoETS + AutoTheta) = "
          + ", ".join(f"{out[k] / peers:.1f}x ({k})" for k in list(out)[2:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
