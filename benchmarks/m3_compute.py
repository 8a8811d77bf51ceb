"""Stage 1 of the M3 yearly benchmark: the combined point forecasts (the CPU-heavy part).

For each yearly M3 series (or a slice ``--start/--stop``), two forecasts of the calibrated
engine's combined point (:func:`forecast.simulate.combined_point`, the product's code):

* ``train``: from the training values up to ``n - 6``, scored on the training values
  ``n-5..n`` -> one standardised error trajectory for the error table;
* ``test``: from all training values, for the competition's 6 held-out values.

Writes ``benchmarks/results/m3_cache_<start>_<stop>.csv``; ``benchmarks/m3.py`` reads every
cache, cross-fits the error table and scores. The timing of the ``test`` forecasts is what
``ours`` costs in the speed comparison (the table is built once, offline).
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
RESULTS = ROOT / "benchmarks" / "results"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--stop", type=int, default=645)
    args = parser.parse_args(argv)
    data = load_m3_yearly()[args.start:args.stop]
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"m3_cache_{args.start}_{args.stop}.csv"
    cols = (["series", "kind", "scale", "seconds"] + [f"z{h}" for h in range(1, H + 1)]
            + [f"e{h}" for h in range(1, H + 1)])
    with out.open("w", encoding="utf-8") as fh:
        fh.write(",".join(cols) + "\n")
        for sn, x, _ in data:
            for kind, hist, future in (("train", x[:-H], x[-H:]), ("test", x, None)):
                if len(hist) < 6:
                    continue
                t0 = time.perf_counter()
                c = combined_point(as_series(sn, hist), M3_MODELS, horizon=H)
                secs = time.perf_counter() - t0
                if c["combined"] is None:
                    continue
                e = ((np.log(future) - c["combined"]) / c["scale"] if future is not None
                     else np.full(H, np.nan))
                row = [sn, kind, f"{c['scale']:.6g}", f"{secs:.4f}"]
                row += [f"{v:.6f}" for v in c["combined"]] + [f"{v:.5f}" for v in e]
                fh.write(",".join(row) + "\n")
                fh.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
