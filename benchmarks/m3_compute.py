"""Stage 1 of the yearly benchmarks: the engine's combined point forecasts.

For each yearly series of M3, M1 and Tourism (``benchmarks/m3data.py``), the calibrated
engine's combined point
(:func:`forecast.combine.combined` on the log scale, the product's code):

* ``train`` rows: from the training values up to ``n - 6``, ``n - 8``, ... (at most
  ``--origins`` a series, at least 6 points of history), scored on the *training* values that
  follow -> standardised error trajectories for the error table (the competition's 6 held-out
  values are never read here);
* ``test`` row: from all training values, for the competition's held-out values (6 years;
  Tourism 4), with its standardised errors against them (blank past the held-out years).
  ``benchmarks/m3.py`` scores these forecasts, and its cross-fitted tables use the test errors
  of *other* series only (:func:`benchmarks.m3.tables_for`); the shipped table uses them all.

Writes ``benchmarks/results/yearly_cache.csv``; ``benchmarks/m3.py`` and ``external.py`` read
it, cross-fit the error table and score; ``build_error_table.py`` builds the shipped table
from its ``train`` rows. The time of the ``test`` forecasts is what ``ours`` costs in the
speed comparison (the table is built once, offline).

Usage::

    .venv/bin/python benchmarks/m3_compute.py [--origins 4] [--members theta,damped_level,...]
        [--how median|trimmed]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.m3data import DATASETS, load_yearly  # noqa: E402
from forecast import calibration, combine  # noqa: E402

H = 6
MIN_HISTORY = 6
RESULTS = ROOT / "benchmarks" / "results"
CACHE = RESULTS / "yearly_cache.csv"


def point(x: np.ndarray, members=combine.COMBINATION,
          how: str = combine.COMBINER) -> tuple[np.ndarray, float, float]:
    """Combined log forecast (H), the series' scale and its volatility, from the values ``x``."""
    zc, _ = combine.combined(np.arange(len(x), dtype=float), x, H, "log", members, how)
    return zc, calibration.scale_of(np.log(x)), calibration.volatility_of(np.log(x))


def rows_of(sn: str, x: np.ndarray, max_origins: int, members,
            xx: np.ndarray | None = None, how: str = combine.COMBINER) -> list[list]:
    """The ``train`` rows of one series and its ``test`` row (errors against ``xx``, if given)."""
    out = []
    for end in list(range(len(x) - H, MIN_HISTORY - 1, -2))[:max_origins]:
        zc, s, v = point(x[:end], members, how)
        e = (np.log(x[end:end + H]) - zc) / s
        out.append([sn, "train", end, s, v, 0.0, *zc, *e])
    t0 = time.perf_counter()
    zc, s, v = point(x, members, how)
    secs = time.perf_counter() - t0
    e = np.full(H, np.nan)
    if xx is not None:
        k = min(len(xx), H)
        e[:k] = (np.log(xx[:k]) - zc[:k]) / s
    out.append([sn, "test", len(x), s, v, secs, *zc, *e])
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--origins", type=int, default=4, help="training origins per series")
    parser.add_argument("--members", default=",".join(combine.COMBINATION))
    parser.add_argument("--how", default=combine.COMBINER, choices=("median", "trimmed"),
                        help="how the members are combined (default: the engine's)")
    args = parser.parse_args(argv)
    members = tuple(args.members.split(","))
    RESULTS.mkdir(parents=True, exist_ok=True)
    cols = (["series", "kind", "origin", "scale", "vol", "seconds"] + [f"z{h}" for h in range(1, H + 1)]
            + [f"e{h}" for h in range(1, H + 1)])
    with CACHE.open("w", encoding="utf-8") as fh:
        fh.write(",".join(cols) + "\n")
        for sn, x, xx in (d for name in DATASETS for d in load_yearly(name)):
            for row in rows_of(sn, x, args.origins, members, xx, args.how):
                fh.write(",".join([row[0], row[1], str(row[2])]
                                  + [f"{v:.6g}" for v in row[3:6]]
                                  + [f"{v:.6f}" for v in row[6:]]) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
