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
import tracemalloc
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


def _fresh_process_rss(series: int) -> dict[str, float]:
    """Peak resident memory of each method in a fresh process of its own (imports and data
    included, as a user's process would hold them), in MiB."""
    import json
    import subprocess

    got = {}
    for name in METHODS:
        done = subprocess.run([sys.executable, __file__, "--series", str(series), "--only", name],
                              check=True, capture_output=True, text=True)
        got[name] = json.loads(done.stdout.strip().splitlines()[-1])["rss_mib"]
    return got


#: What is measured, by name (``--only`` runs one of them and prints its peak RSS).
METHODS = ("AutoETS", "AutoTheta", "ours, per-model table rw_drift",
           "ours, per-model table of 5 models",
           "ours, 5 models and their display backtest (default)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=100)
    parser.add_argument("--only", choices=METHODS, default=None,
                        help="run one method once and print its peak RSS as JSON")
    args = parser.parse_args(argv)
    data = load_m3_yearly()[::max(1, 645 // args.series)][:args.series]
    frame = pd.concat([pd.DataFrame({"unique_id": sn, "ds": np.arange(len(x)), "y": x})
                       for sn, x, _ in data], ignore_index=True)
    out, peak = {}, {}

    def measured(name, fn):
        """Time ``fn`` (clock only), then its peak of traced allocations in a second pass
        (tracemalloc slows what it traces, so never on the clock)."""
        if args.only is not None:
            if name == args.only:
                import json

                fn()
                # VmHWM, not getrusage's ru_maxrss: the latter keeps the parent's high-water
                # mark across fork and exec, so every child would report the parent's.
                status = Path("/proc/self/status").read_text().splitlines()
                hwm = next(int(x.split()[1]) for x in status if x.startswith("VmHWM:"))
                print(json.dumps({"rss_mib": hwm / 1024}))
            return
        t0 = time.perf_counter()
        fn()
        out[name] = time.perf_counter() - t0
        tracemalloc.start()
        fn()
        peak[name] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()

    def peer(sf):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sf.forecast(df=frame, h=6, level=[80, 95])

    # The peers (statsforecast, numba) are imported only where measured: a fresh process
    # measuring ours must not hold them.
    peers_here = args.only in (None, "AutoETS", "AutoTheta")
    if peers_here:
        from statsforecast import StatsForecast
        from statsforecast import models as sfm
    for name, model in ((("AutoETS", sfm.AutoETS(season_length=1)),
                         ("AutoTheta", sfm.AutoTheta(season_length=1))) if peers_here else ()):
        sf = StatsForecast(models=[model], freq=1, n_jobs=1)
        sf.forecast(df=frame.head(40), h=6, level=[80, 95])  # compile (numba) outside the clock
        measured(name, lambda sf=sf: peer(sf))
    # The engine's answer (centre, spread, 5,000 paths) needs only the fast forecasters of
    # forecast.combine; the per-model table is extra work, timed separately: with one cheap
    # model (rw_drift), with the five M3 models (ETS and ARIMA likelihood fits), and with
    # the five and the display backtest of each model, as `forecast run` calls it (the
    # default).
    for label, models, k in (("ours, per-model table rw_drift", ("rw_drift",), 0),
                             ("ours, per-model table of 5 models", M3_MODELS, 0),
                             ("ours, 5 models and their display backtest (default)", M3_MODELS,
                              DEFAULT_BACKTEST_K)):
        def ours(models=models, k=k):
            clear_fit_cache()  # each pass fits afresh
            for i, (sn, x, _) in enumerate(data):
                project(as_series(sn, x), models, horizon=6, n_paths=5000, seed=i,
                        backtest_k=k)
        measured(label, ours)
    if args.only is not None:
        return 0
    peers = out["AutoETS"] + out["AutoTheta"]
    print(f"{len(data)} series: " + ", ".join(f"{k} {v:.1f} s" for k, v in out.items())
          + "; ours / (AutoETS + AutoTheta) = "
          + ", ".join(f"{out[k] / peers:.1f}x ({k})" for k in list(out)[2:]))
    print("peak traced memory (tracemalloc, second pass; numba's own allocations in "
          "statsforecast are not traced): "
          + ", ".join(f"{k} {v:.0f} MiB" for k, v in peak.items()))
    rss = _fresh_process_rss(args.series)
    print("peak RSS of a fresh process running only that method (imports and data "
          "included): " + ", ".join(f"{k} {v:.0f} MiB" for k, v in rss.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
