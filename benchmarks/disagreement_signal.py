"""Does the members' disagreement say how large a series' next errors will be?

The centre of a projection is the median of five forecasters (:mod:`forecast.combine`); the
spread is ``scale ** b_h * vol ** c_h`` times the error table (:mod:`forecast.calibration`),
whatever the five say apart from their median. Forecast-combination studies often read the
members' disagreement as a sign of uncertainty. This asks whether it carries anything the
scale and the volatility do not, on the cache of the three competitions' forecast errors
(``results/yearly_cache.csv``, written by ``m3_compute.py``):

* each cache row's five member forecasts are recomputed from the same history (the
  product's :func:`forecast.combine.combined`, log scale), and the disagreement ``d_h`` is
  their range at horizon ``h``;
* per set, kind of row (training trajectories, held-out years) and horizon: the rank
  correlation of the two-factor residual (``log |error|`` less a median regression on the
  log scale and log volatility) with ``log d_h`` less its least-squares fit on the same two;
  the exponent of ``d_h`` when a third factor enters the median regression; and the mean
  absolute residual with two factors and with three (how much of the error's size the
  disagreement explains, in sample: an upper bound on what a third factor could gain).

Usage::

    .venv/bin/python benchmarks/disagreement_signal.py   # -> results/disagreement_signal.md
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.m3_compute import CACHE, H, RESULTS  # noqa: E402
from benchmarks.m3data import DATASETS, load_yearly  # noqa: E402
from forecast import combine  # noqa: E402
from forecast.calibration import _median_regression  # noqa: E402

SETS = ("M3", "M1", "Tourism")


def disagreement(cache: pd.DataFrame) -> np.ndarray:
    """The range of the five members' log forecasts, each cache row by horizon (rows x H)."""
    data = {sn: x for name in DATASETS for sn, x, _ in load_yearly(name)}
    out = np.empty((len(cache), H))
    for i, (sn, origin) in enumerate(zip(cache["series"], cache["origin"])):
        hist = data[sn][:int(origin)]
        _, points = combine.combined(np.arange(len(hist), dtype=float), hist, H, "log")
        members = np.vstack(list(points.values()))
        out[i] = members.max(axis=0) - members.min(axis=0)
    return out


def signal(raw: np.ndarray, scale: np.ndarray, vol: np.ndarray, d: np.ndarray) -> dict | None:
    """Rank correlation, third exponent and mean absolute residuals (two and three factors)."""
    ok = np.isfinite(raw) & (raw != 0) & (d > 0)
    if ok.sum() < 50:
        return None
    y = np.log(np.abs(raw[ok]))
    x2 = np.column_stack([np.ones(ok.sum()), np.log(scale[ok]), np.log(vol[ok])])
    ld = np.log(d[ok])
    res2 = y - x2 @ _median_regression(x2, y)
    ld_rest = ld - x2 @ np.linalg.lstsq(x2, ld, rcond=None)[0]
    x3 = np.column_stack([x2, ld])
    coef3 = _median_regression(x3, y)
    return {"rho": float(spearmanr(res2, ld_rest).correlation), "e": float(coef3[3]),
            "mad2": float(np.mean(np.abs(res2))),
            "mad3": float(np.mean(np.abs(y - x3 @ coef3))), "n": int(ok.sum())}


def report(cache: pd.DataFrame, d: np.ndarray) -> str:
    sets = cache["series"].str.extract(r"^(M1|Tourism)/")[0].fillna("M3").to_numpy()
    lines = ["# Does the members' disagreement predict the size of the next errors?", "",
             "Command: `.venv/bin/python benchmarks/disagreement_signal.py`, on "
             "`results/yearly_cache.csv` (the shipped centre's errors on M3, M1 and Tourism). "
             "Disagreement: the range of the five members' log forecasts. rho: rank correlation "
             "of the two-factor residual (log |error| less a median regression on log scale and "
             "log volatility) with the disagreement beyond the same two. e: the disagreement's "
             "exponent as a third factor. MAD: mean absolute residual, two factors -> three "
             "(in sample).", "",
             "| rows | set | h | n | rho | e | MAD two -> three |",
             "|---|---|---:|---:|---:|---:|---|"]
    for kind, label in (("test", "held-out years"), ("train", "training trajectories")):
        for name in (*SETS, "all"):
            pick = (cache["kind"].to_numpy() == kind) & ((sets == name) | (name == "all"))
            sub = cache[pick]
            for h in range(1, H + 1):
                raw = sub[f"e{h}"].to_numpy(float) * sub["scale"].to_numpy(float)
                got = signal(raw, sub["scale"].to_numpy(float), sub["vol"].to_numpy(float),
                             d[pick, h - 1])
                if got:
                    lines.append(f"| {label} | {name} | {h} | {got['n']} | {got['rho']:+.2f} | "
                                 f"{got['e']:+.2f} | {got['mad2']:.3f} -> {got['mad3']:.3f} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS / "disagreement_signal.md")
    args = parser.parse_args(argv)
    cache = pd.read_csv(CACHE)
    text = report(cache, disagreement(cache))
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
