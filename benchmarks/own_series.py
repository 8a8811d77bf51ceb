"""Rolling-origin benchmark on every series of ``data/`` with at least 6 year-end points.

Every region and metric of the shipped panel whose year-end series has 6 or more points is
forecast from every origin with at least 5 year-end points known (``as_of`` = the origin),
1 to 3 years ahead. Scored: MAPE of the median, coverage of the 80 % band, and the Brier
score of "reaches X by year Y" at X = the actual x 0.90, 0.95, 1.05, 1.10 and at the
official targets due then. Methods: the calibrated engine (the product's default), the
earlier equal-weight mixture (``method="mixture"``), and three baselines: a probabilistic
random walk with drift on the levels (drift plus Gaussian errors from its own changes), the
compound growth since the first observation (the UNSD progress rule; a point forecast, so its
answers are 0 or 1) and statsforecast's AutoARIMA when the ``bench`` extra is installed. Brier
skill of the engine against a method is ``1 - Brier(engine) / Brier(baseline)`` over the questions both
answered. A reliability diagram (predicted probability in bins against the share reached)
is saved as ``benchmarks/results/reliability.png``.

Usage::

    .venv/bin/python benchmarks/own_series.py
    .venv/bin/python benchmarks/own_series.py --data-dir mydata --out /tmp/mine

``--data-dir`` scores another scheme's folder the same way (every region and metric with
enough year-end points; a metric whose unit is a percentage is bounded by 100, as in
``forecast run``); ``--out`` is where the table, the two CSV files and the diagram go.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import peers  # noqa: E402
from benchmarks.accuracy import thresholds_for  # noqa: E402
from benchmarks.scoring import SampleForecast  # noqa: E402
from forecast.ceilings import ceiling_for  # noqa: E402
from forecast.data import load_panel, select  # noqa: E402
from forecast.errors import ForecastError  # noqa: E402
from forecast.models import Ceiling, available_models  # noqa: E402
from forecast.simulate import project  # noqa: E402

MIN_POINTS = 6
MIN_TRAIN = 5
MAX_H = 3
N_PATHS = 5000
SEED = 20261231
RESULTS = ROOT / "benchmarks" / "results"
METHODS = ("ours (calibrated)", "ours, old mixture", "RW drift (Gaussian)",
           "CAGR since first obs. (UNSD)", "AutoARIMA (statsforecast)")


def cases(panel):
    obs = panel.observations
    for (region, metric), _ in obs.groupby(["region", "metric"]):
        full = select(panel, region, metric)
        if len(full) < MIN_POINTS:
            continue
        years = [int(round(t)) for t in full.t]
        for i, origin in enumerate(years):
            if i + 1 < MIN_TRAIN:
                continue
            actuals = {y - origin: float(v) for y, v in zip(years, full.values)
                       if 0 < y - origin <= MAX_H}
            if actuals:
                yield region, metric, origin, actuals


#: statsforecast is in the optional ``bench`` extra; without it the AutoARIMA row says so.
_HAS_STATSFORECAST = peers.peer_status()["statsforecast"] == ""


def forecasts(panel, region, metric, origin, horizon):
    """Each method's forecast (the ``benchmarks.scoring`` interface), where it could run."""
    train = select(panel, region, metric, as_of=origin)
    ceiling = ceiling_for(panel, region, metric, origin)[0]
    if ceiling is None and panel.scheme.share_bound(metric) is not None:
        ceiling = Ceiling.constant(panel.scheme.share_bound(metric))
    out = {}
    for name, method in (("ours (calibrated)", "calibrated"), ("ours, old mixture", "mixture")):
        try:
            p = project(train, available_models(), horizon=horizon, n_paths=N_PATHS, seed=SEED,
                        ceiling=ceiling, method=method)
            out[name] = SampleForecast(paths=p.paths)
        except ForecastError:
            pass
    baselines = (("RW drift (Gaussian)", lambda: peers.rw_drift_levels(train, horizon)),
                 ("CAGR since first obs. (UNSD)",
                  lambda: peers.cagr_extrapolation(train, horizon)))
    if _HAS_STATSFORECAST:
        baselines += (("AutoARIMA (statsforecast)",
                       lambda: peers.statsforecast_model(train, horizon, "AutoARIMA")),)
    for name, make in baselines:
        try:
            out[name] = make()
        except (ValueError, ForecastError):
            pass
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data",
                        help="the data folder to score (default: the shipped data/)")
    parser.add_argument("--out", type=Path, default=RESULTS,
                        help="folder of the results (default: benchmarks/results/)")
    args = parser.parse_args(argv)
    try:
        panel = load_panel(args.data_dir)
        args.out.mkdir(parents=True, exist_ok=True)
    except (ForecastError, OSError) as exc:
        print(f"own_series: error: {exc}", file=sys.stderr)
        return 2
    shipped = args.data_dir.resolve() == (ROOT / "data").resolve()
    where = "data/" if shipped else str(args.data_dir)
    command = "benchmarks/own_series.py" + ("" if shipped else f" --data-dir {args.data_dir}")
    pts, prb = [], []
    start = time.perf_counter()
    for region, metric, origin, actuals in cases(panel):
        h = max(actuals)
        fc = forecasts(panel, region, metric, origin, h)
        qs = thresholds_for(panel, region, metric, origin, actuals)
        for name, f in fc.items():
            band = f.band
            for step, actual in actuals.items():
                med = float(f.median[step - 1])
                lo, hi = ((float(b[step - 1]) for b in band) if band is not None
                          else (np.nan, np.nan))
                pts.append((name, region, metric, origin, step, actual, med, lo, hi))
            for step, x, why in qs:
                p = f.prob_at_least(step, x)
                prb.append((name, region, metric, origin, step, x, why, p,
                            actuals[step] >= x))
    secs = time.perf_counter() - start
    P = pd.DataFrame(pts, columns=["method", "region", "metric", "origin", "step", "actual",
                                   "median", "lower", "upper"])
    Q = pd.DataFrame(prb, columns=["method", "region", "metric", "origin", "step", "x", "kind",
                                   "prob", "outcome"])
    if P.empty:
        print(f"own_series: error: {where}: expected a series with at least {MIN_POINTS} "
              f"year-end points, found none", file=sys.stderr)
        return 2
    P.to_csv(args.out / "own_series_points.csv", index=False)
    Q.to_csv(args.out / "own_series_questions.csv", index=False)
    n_series = P.groupby(["region", "metric"]).ngroups
    lines = [f"# Own series: rolling origin, 1-{MAX_H} years ahead", "",
             f"Command: `.venv/bin/python {command}` ({secs:.0f} s). "
             f"{n_series} series of {where} with >= {MIN_POINTS} year-end points, origins with "
             f">= {MIN_TRAIN} points; {(P.method == METHODS[0]).sum()} forecasts and "
             f"{(Q.method == METHODS[0]).sum()} reach questions per method (fewer where a method "
             f"could not run).", "",
             "| method | forecasts | MAPE | 80 % holds | below / above | questions | Brier "
             "| Brier skill of ours vs it |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    key = ["region", "metric", "origin", "step", "x", "kind"]
    ours = Q[Q.method == METHODS[0]].set_index(key)["prob"]
    for m in METHODS:
        p, q = P[P.method == m], Q[Q.method == m]
        mape = float(np.mean(np.abs(p["median"] / p["actual"] - 1)))
        if len(p) == 0:
            lines.append(f"| {m} | 0 | | | | | | not run (not installed or no series) |")
            continue
        inside = float(np.mean((p.actual >= p.lower) & (p.actual <= p.upper)))
        below, above = float(np.mean(p.actual < p.lower)), float(np.mean(p.actual > p.upper))
        brier = float(np.mean((q.prob - q.outcome) ** 2))
        both = q.set_index(key).join(ours.rename("ours"), how="inner")
        b_base = float(np.mean((both.prob - both.outcome) ** 2))
        b_ours = float(np.mean((both.ours - both.outcome) ** 2))
        if m == METHODS[0]:
            skill = ""
        elif b_base < 5e-5:  # every answer right (0.0000 as shown): a skill score has no
            # scale against it (1e-14 gave a skill of -2.7e12)
            skill = f"none possible: its Brier is 0 (ours {b_ours:.4f}, n={len(both)})"
        else:
            skill = f"{1 - b_ours / b_base:+.3f} (n={len(both)})"
        if p.lower.isna().all():  # a point forecast has no band
            inside_s, miss_s = "-", "-"
        else:
            inside_s, miss_s = f"{inside:.1%}", f"{below:.1%} / {above:.1%}"
        lines.append(f"| {m} | {len(p)} | {mape:.1%} | {inside_s} | {miss_s} | {len(q)} | "
                     f"{brier:.4f} | {skill} |")
    lines += ["", "By kind of question (ours): Brier", ""]
    for kind, g in Q[Q.method == METHODS[0]].groupby("kind"):
        lines.append(f"- {kind}: {float(np.mean((g.prob - g.outcome) ** 2)):.4f} (n={len(g)})")
    _reliability(Q, args.out / "reliability.png")
    lines += ["", "![reliability](reliability.png)", ""]
    text = "\n".join(lines) + "\n"
    (args.out / "own_series.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


def _reliability(Q: pd.DataFrame, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bins = np.linspace(0, 1, 6)
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], color="grey", lw=1, ls="--", label="perfect")
    for m in METHODS:
        q = Q[Q.method == m]
        idx = np.clip(np.digitize(q.prob, bins) - 1, 0, len(bins) - 2)
        xs, ys, ns = [], [], []
        for b in range(len(bins) - 1):
            sel = idx == b
            if sel.sum():
                xs.append(float(q.prob[sel].mean()))
                ys.append(float(q.outcome[sel].mean()))
                ns.append(int(sel.sum()))
        ax.plot(xs, ys, marker="o", label=m)
    ax.set_xlabel("predicted probability of reaching X (bin mean)")
    ax.set_ylabel("share of questions where X was reached")
    ax.set_title("Reach questions on own series, rolling origin")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


if __name__ == "__main__":
    raise SystemExit(main())
