"""Do the pooled regions' bands hold their next reading? And how wide should they be?

A region with fewer than 3 year-end counts is projected as a drifting share of the top
region's projection (:func:`forecast.regional.pooled_projection`): the top region's paths
times the region's share, moved by a shrunk trend and a yearly random walk of standard
deviation :data:`forecast.regional.SIGMA_RW` in the log share. This scores that projection
the way the product makes it, on the data folder's own regional readings:

* *Pairs*: every reading of a region's count that follows an earlier one by at least
  :data:`MIN_GAP` years. For each, the region is projected with the data dated before it
  (``as_of`` the day before, vintage basis ``date``) and the reading is placed in the
  projection's distribution at its date (its PIT), the 80 % band and the log error of the
  median.
* *The walk's size*: the same readings' log share of the top region (interpolated on the
  log scale at the region's dates), changed between consecutive readings, over the square
  root of the years between them. Its robust standard deviation, 1.4826 times the median
  absolute value (the walk has no mean; the trend is shrunk to almost nothing), is what
  :data:`forecast.regional.SIGMA_RW` is set to.
* *Scored without itself*: each pair once more with the walk estimated from the other
  regions' changes only (leave one region out), so the check of the shipped value is not
  made on the points it was estimated from. And once with the walk of the earlier engine
  (0.02), for the before and after.

Usage::

    .venv/bin/python benchmarks/regional_calibration.py [--data-dir DIR] [--metric M]
        # -> results/regional_calibration.md
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

from forecast import data, regional  # noqa: E402
from forecast import run as runmod  # noqa: E402
from forecast.series import decimal_year  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
#: Fewest years between two readings of a pair (a month-to-month change says little).
MIN_GAP = 0.4
#: The walk before this round (kept to show the before and after).
OLD_SIGMA = 0.02
N_PATHS = 2000
SEED = 20261231


def readings(panel, metric: str) -> dict[str, pd.DataFrame]:
    """Each region's readings of ``metric`` (date, decimal year, value), the top region's
    left out, one reading a date."""
    obs = panel.observations
    top = panel.scheme.top_region
    out = {}
    for region, d in obs[(obs["metric"] == metric) & (obs["region"] != top)].groupby("region"):
        d = d.sort_values("date").drop_duplicates("date")
        out[region] = pd.DataFrame({"date": d["date"].to_numpy(),
                                    "t": [decimal_year(pd.Timestamp(x)) for x in d["date"]],
                                    "value": d["value"].to_numpy(float)})
    return out


def share_changes(panel, metric: str) -> pd.DataFrame:
    """Per region and consecutive pair of readings at least MIN_GAP apart: the change of
    the log share of the top region over the square root of the years between them."""
    obs = panel.observations
    top = obs[(obs["region"] == panel.scheme.top_region) & (obs["metric"] == metric)]
    top = top.sort_values("date")
    tt = np.array([decimal_year(pd.Timestamp(x)) for x in top["date"]])
    lt = np.log(top["value"].to_numpy(float))
    rows = []
    for region, d in readings(panel, metric).items():
        share = np.log(d["value"].to_numpy()) - np.interp(d["t"].to_numpy(), tt, lt)
        for k in range(1, len(d)):
            gap = d["t"].iloc[k] - d["t"].iloc[k - 1]
            if gap >= MIN_GAP:
                rows.append({"region": region, "date": d["date"].iloc[k], "gap": gap,
                             "z": (share[k] - share[k - 1]) / np.sqrt(gap)})
    return pd.DataFrame(rows, columns=["region", "date", "gap", "z"])


def walk_size(z) -> float:
    """Robust standard deviation of changes with no mean: 1.4826 x median |z|."""
    z = np.asarray(z, dtype=float)
    if z.size == 0:
        raise ValueError("no pair of regional readings to estimate the walk from")
    return float(1.4826 * np.median(np.abs(z)))


def score_pair(panel, region: str, date, value: float, metric: str, sigma: float) -> dict:
    """The reading ``value`` of ``region`` at ``date`` against the product's projection
    made the day before, with the walk ``sigma``."""
    cut = (pd.Timestamp(date) - pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    t2 = decimal_year(pd.Timestamp(date))
    kept = regional.SIGMA_RW
    regional.SIGMA_RW = sigma  # the module's constant, as pooled_projection reads it
    try:
        ctx = runmod._start(panel, region, cut, n_paths=N_PATHS, seed=SEED, models=None,
                            backtest_k=0, vintage_basis="date")
        got = ctx.projected(region, metric, t2 + 1, extra_years=0)
    finally:
        regional.SIGMA_RW = kept
    paths = regional.level_at(got.all_points, got.projection, np.array([t2]))[:, 0]
    p10, p50, p90 = np.quantile(paths, [0.1, 0.5, 0.9])
    return {"region": region, "date": str(pd.Timestamp(date).date()),
            "years": round(t2 - got.all_points.last_t, 2),
            "how": "pooled" if got.pooling else "own",
            "pit": float(np.mean(paths < value)), "log_error": float(np.log(value / p50)),
            "held": bool(p10 <= value <= p90), "log_width": float(np.log(p90 / p10)),
            # The interval score of the 80 % band on the log scale (width plus the misses'
            # distance times 2 / 0.2): lower is better.
            "interval_score": float(np.log(p90 / p10)
                                    + 10 * max(np.log(p10 / value), 0)
                                    + 10 * max(np.log(value / p90), 0))}


def scored(panel, metric: str, sigma_of) -> pd.DataFrame:
    """Every pair, its walk from ``sigma_of(region)``; pairs a region's own fit projects
    (3 or more year-end counts) are kept and marked, since the walk does not touch them."""
    rows = []
    for region, d in readings(panel, metric).items():
        for k in range(1, len(d)):
            if d["t"].iloc[k] - d["t"].iloc[k - 1] < MIN_GAP:
                continue
            rows.append(score_pair(panel, region, d["date"].iloc[k], d["value"].iloc[k],
                                   metric, sigma_of(region)))
    return pd.DataFrame(rows)


def summary(frame: pd.DataFrame) -> dict:
    f = frame[frame["how"] == "pooled"]
    return {"n": len(f), "held": f["held"].mean(), "below": (f["pit"] <= 0.1).mean(),
            "above": (f["pit"] >= 0.9).mean(), "abs_error": f["log_error"].abs().median(),
            "width": f["log_width"].median(), "score": f["interval_score"].mean()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=None, help="a data folder (default data/)")
    parser.add_argument("--metric", default="active_total")
    parser.add_argument("--out", default=str(RESULTS / "regional_calibration.md"))
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    panel = data.load_panel(args.data_dir)
    changes = share_changes(panel, args.metric)
    sigma = walk_size(changes["z"])
    runs = {
        f"walk {OLD_SIGMA} (before)": scored(panel, args.metric, lambda r: OLD_SIGMA),
        f"walk {regional.SIGMA_RW} (shipped)": scored(panel, args.metric,
                                                      lambda r: regional.SIGMA_RW),
        "walk from the other regions only": scored(
            panel, args.metric,
            lambda r: walk_size(changes.loc[changes["region"] != r, "z"]))}
    lines = [
        "# Pooled regions: each later reading against the projection made the day before",
        "",
        f"Command: `.venv/bin/python benchmarks/regional_calibration.py"
        f"{' --data-dir ' + args.data_dir if args.data_dir else ''}` "
        f"({time.perf_counter() - t0:.0f} s). Metric `{args.metric}`; {N_PATHS} paths, seed "
        f"{SEED}; pairs of readings at least {MIN_GAP} years apart.",
        "",
        f"The walk estimated from {len(changes)} changes of {changes['region'].nunique()} "
        f"regions' log share of the top region: 1.4826 x median |change / sqrt(years)| = "
        f"**{sigma:.3f}** a year (root mean square {np.sqrt(np.mean(changes['z'] ** 2)):.3f}). "
        f"Shipped: `forecast.regional.SIGMA_RW` = {regional.SIGMA_RW}.",
        "",
        "| walk | pairs | 80 % band holds | below / above | median abs. log error | "
        "median band width (log) | mean interval score (log) |",
        "|---|---:|---:|---:|---:|---:|---:|"]
    for name, frame in runs.items():
        s = summary(frame)
        lines.append(f"| {name} | {s['n']} | {s['held']:.0%} | {s['below']:.0%} / "
                     f"{s['above']:.0%} | {s['abs_error']:.3f} | {s['width']:.3f} | "
                     f"{s['score']:.3f} |")
    own = runs[next(iter(runs))]
    lines += ["", f"Pairs projected from the region's own fit (not pooled, so not scored "
              f"above): {int((own['how'] == 'own').sum())}.", "",
              "Each pair, with the shipped walk:", "",
              "| region | reading | years ahead | PIT | log error | 80 % band held |",
              "|---|---|---:|---:|---:|---|"]
    shipped = runs[f"walk {regional.SIGMA_RW} (shipped)"]
    for row in shipped[shipped["how"] == "pooled"].itertuples():
        lines.append(f"| {row.region} | {row.date} | {row.years:.2f} | {row.pit:.3f} | "
                     f"{row.log_error:+.3f} | {'yes' if row.held else 'no'} |")
    Path(args.out).write_text("\n".join(lines) + "\n")
    print("\n".join(lines[:14]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
