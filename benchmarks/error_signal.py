"""Do a series' own past errors say how large (or which way) its next errors will be?

The error table's spread for a series is ``scale ** b_h * vol ** c_h``
(:mod:`forecast.calibration`): the size and the unevenness of its yearly moves. The 80 %
bands still hold 84.8 % of M3's held-out years against 79.8 % of M1's and 77.8 % of
Tourism's (``results/m3_yearly.md``). This asks two questions of the cache of the three
competitions' forecast errors (``results/yearly_cache.csv``, written by ``m3_compute.py``):

1. *Is there a series-level signal left?* For each series, the median residual of its
   training trajectories (``log |error|`` less a median regression on the log scale and log
   volatility, fitted per horizon on the training trajectories of all three sets, h = 1-3),
   against the mean residual of its held-out years (h = 1-4). A rank correlation near zero
   says a series whose past forecasts erred more than its scale and volatility predict does
   not err more on its held-out years: a third factor in the spread (the series' own past
   errors, as an adaptive conformal method would use) has nothing to carry.
2. *How far do the sets' held-out years depart from their own histories?* The mean
   residual of each set's held-out years less that of its training trajectories, and its
   exponential (the ratio of typical error sizes). A table pooled over the sets cannot hold
   80 % on each set if that ratio differs between them.
3. *Does a series' past bias say which way it will miss?* The same with the sign kept: each
   error over the size the regression predicts for it. A series whose forecasts were too
   low (our fund's were, 12 times in 12) would deserve a centre moved up only if past bias
   carried on; a rank correlation near zero and flat fifths say it does not.

Usage::

    .venv/bin/python benchmarks/error_signal.py   # -> results/error_signal.md
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(ROOT))

from benchmarks.m3data import dataset_of  # noqa: E402
from forecast import calibration  # noqa: E402

CACHE = ROOT / "benchmarks" / "results" / "yearly_cache.csv"
OUT = ROOT / "benchmarks" / "results" / "error_signal.md"
SETS = ("M3", "M1", "Tourism")


def residuals(cache: pd.DataFrame) -> np.ndarray:
    """``log |error|`` less its median regression on log scale and log volatility (n, 6).

    The regression is fitted per horizon on the training trajectories only, so the held-out
    years' residuals measure how they depart from what the histories taught.
    """
    errors = cache[[f"e{h}" for h in range(1, 7)]].to_numpy(dtype=float)
    x = np.column_stack([np.ones(len(cache)), np.log(cache["scale"].to_numpy(float)),
                         np.log(cache["vol"].to_numpy(float))])
    train = (cache["kind"] == "train").to_numpy()
    out = np.full_like(errors, np.nan)
    for h in range(errors.shape[1]):
        ok = np.isfinite(errors[:, h]) & (errors[:, h] != 0)
        y = np.log(np.abs(np.where(ok, errors[:, h], 1.0)))
        coef = calibration._median_regression(x[ok & train], y[ok & train])
        out[ok, h] = y[ok] - x[ok] @ coef
    return out


def signed(cache: pd.DataFrame, res: np.ndarray) -> np.ndarray:
    """Each error divided by the size the regression predicts for it (sign kept): ``e /
    exp(fitted log |e|)``, which is ``sign(e) * exp(residual)``."""
    errors = cache[[f"e{h}" for h in range(1, 7)]].to_numpy(dtype=float)
    return np.sign(errors) * np.exp(res)


def per_series(cache: pd.DataFrame, res: np.ndarray) -> pd.DataFrame:
    """Each series' set, its training residual (h 1-3) and its held-out residual (h 1-4)."""
    frame = pd.DataFrame(res, columns=[f"r{h}" for h in range(1, 7)])
    frame["series"], frame["kind"] = cache["series"].to_numpy(), cache["kind"].to_numpy()
    train = frame[frame["kind"] == "train"].groupby("series")[["r1", "r2", "r3"]].apply(
        lambda d: float(np.nanmedian(d.to_numpy())))
    held = frame[frame["kind"] == "test"].set_index("series")[["r1", "r2", "r3", "r4"]]
    out = pd.DataFrame({"own": train, "held": held.mean(axis=1, skipna=True)}).dropna()
    out["set"] = [dataset_of(s) for s in out.index]
    return out


def report(table: pd.DataFrame, res: np.ndarray, cache: pd.DataFrame) -> str:
    lines = ["# Do a series' own past errors predict its next ones? (seventh round)", "",
             "Command: `.venv/bin/python benchmarks/error_signal.py`, on "
             "`results/yearly_cache.csv` (the shipped centre's errors on M3, M1 and Tourism). "
             "Residual = log |error| less a median regression on log scale and log "
             "volatility, fitted per horizon on the training trajectories.", "",
             "| set | series | rank correlation, own past residual vs held-out residual | "
             "mean residual, training trajectories | mean residual, held-out years | "
             "held-out error size / training |",
             "|---|---:|---:|---:|---:|---:|"]
    sets = cache["series"].map(dataset_of).to_numpy()
    train = (cache["kind"] == "train").to_numpy()
    for name in SETS + ("all",):
        sub = table if name == "all" else table[table["set"] == name]
        if sub.empty:
            continue
        rho = spearmanr(sub["own"], sub["held"])[0]
        rows = np.ones(len(cache), bool) if name == "all" else sets == name
        tr = float(np.nanmean(res[rows & train, :4]))
        he = float(np.nanmean(res[rows & ~train, :4]))
        lines.append(f"| {name} | {len(sub)} | {rho:+.3f} | {tr:+.3f} | {he:+.3f} | "
                     f"{np.exp(he - tr):.2f} |")
    lines += ["", "Residuals over h = 1-4 in the last three columns; the rank correlation "
              "takes each series' median training residual (h = 1-3, up to 4 origins) "
              "against its mean held-out residual (h = 1-4).", "",
              "## And the direction: does a series' past bias predict its next?", "",
              "Each error divided by the size the regression predicts for it, sign kept "
              "(positive: the actual above the forecast). Per series, the median over its "
              "training trajectories (h = 1-3) against the mean over its held-out years "
              "(h = 1-4); then the series in fifths by their past bias.", "",
              "| set | series | rank correlation | same sign | held-out bias, most "
              "negative past fifth | middle fifth | most positive past fifth |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    bias = per_series(cache, signed(cache, res))
    for name in SETS + ("all",):
        sub = bias if name == "all" else bias[bias["set"] == name]
        if len(sub) < 5:  # a set not in the cache (or too few series for fifths)
            continue
        rho = spearmanr(sub["own"], sub["held"])[0]
        same = float(np.mean(np.sign(sub["own"]) == np.sign(sub["held"])))
        fifth = pd.qcut(sub["own"].rank(method="first"), 5, labels=False)
        med = sub["held"].groupby(fifth).median()
        lines.append(f"| {name} | {len(sub)} | {rho:+.3f} | {same:.0%} | {med.iloc[0]:+.2f} | "
                     f"{med.iloc[2]:+.2f} | {med.iloc[4]:+.2f} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.cache.is_file():
        print(f"error: {args.cache}: not found; run benchmarks/m3_compute.py first",
              file=sys.stderr)
        return 2
    cache = pd.read_csv(args.cache)
    res = residuals(cache)
    text = report(per_series(cache, res), res, cache)
    args.out.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
