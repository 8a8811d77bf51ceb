"""M3 yearly benchmark of the calibrated engine against statsforecast peers (h = 1..6).

Stage 1 (``benchmarks/m3_compute.py``) stores the engine's combined point forecasts. This
stage cross-fits the error table (5 folds of series: a series is always scored with a table
built from the other four folds, never from itself), draws 5,000 paths per series exactly as
:func:`forecast.simulate.project` does, runs the peers, and scores everything alike:
sMAPE, MASE, coverage of the 80 % and 95 % bands per horizon with misses above and below,
MSIS (95 %, scaled like MASE), an approximate CRPS (twice the mean pinball loss over 13
quantiles, scaled like MASE), and how often the median is above the actual.

Usage::

    .venv/bin/python benchmarks/m3.py [--no-peers] [--limit N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.build_error_table import latest_origin, make_table  # noqa: E402
from benchmarks.m3data import DATASETS, dataset_of, load_yearly  # noqa: E402
from benchmarks.scoring import prob_from_quantiles  # noqa: E402
from forecast import calibration  # noqa: E402

H = 6
FOLDS = 5
N_PATHS = 5000
SEED = 20261231
GRID = np.array([0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.975])
LEVELS = [20, 40, 60, 80, 90, 95]
RESULTS = ROOT / "benchmarks" / "results"


def load_cache() -> pd.DataFrame:
    return pd.read_csv(RESULTS / "yearly_cache.csv")


def shipped_table(rows: pd.DataFrame, held: pd.DataFrame) -> calibration.ErrorTable:
    """The shipped recipe (:func:`benchmarks.build_error_table.make_table`) from cache rows."""
    ec = [f"e{h}" for h in range(1, H + 1)]
    return make_table(rows[ec].to_numpy(float), rows["scale"].to_numpy(float),
                      latest_origin(list(rows.index), rows["origin"].to_numpy()),
                      held[ec].to_numpy(float), held["scale"].to_numpy(float),
                      rows["vol"].to_numpy(float), held["vol"].to_numpy(float))


def tables_for(data, cache: pd.DataFrame, own_set: bool = True,
               build=shipped_table) -> tuple[dict, dict, int]:
    """Error tables for scoring ``data`` (series of one set), none built from a scored series.

    With ``own_set``, the shipped recipe cross-fitted: the training trajectories and held-out
    errors of every other set plus those of this set's other folds (5 folds of series). A
    scored series' own rows, training or held-out, are never in its table. Without, one table
    from the other sets only (does a table carry over to a set it never saw?). Returns the
    tables by fold, each scored series' fold, and the number of trajectories behind them
    (training and held-out). ``build(training rows, held-out rows)`` makes a table
    (default: :func:`shipped_table`; ``benchmarks/table_variants.py`` passes others).
    """
    ids = [sn for sn, _, _ in data]
    fold = {sn: (i % FOLDS if own_set else 0) for i, sn in enumerate(ids)}
    this = {dataset_of(sn) for sn in ids}
    parts = {kind: cache[cache.kind == kind].set_index("series") for kind in ("train", "test")}

    def usable(frame, k):
        return np.array([dataset_of(s) not in this
                         or (own_set and fold.get(s, -1) not in (-1, k)) for s in frame.index],
                        dtype=bool)

    tables, used = {}, 0
    for k in sorted(set(fold.values())):
        rows = parts["train"][usable(parts["train"], k)]
        held = parts["test"][usable(parts["test"], k)]
        used = max(used, len(rows) + len(held))
        tables[k] = build(rows, held)
    return tables, fold, used


def ours(data, cache: pd.DataFrame, h: int = H, own_set: bool = True, build=shipped_table):
    """Quantiles (n, 13, h) of the engine with tables from :func:`tables_for`; seconds; rows."""
    zc = [f"z{j}" for j in range(1, H + 1)]
    test = cache[cache.kind == "test"].drop_duplicates("series").set_index("series")
    tables, fold, used = tables_for(data, cache, own_set, build)
    out = np.full((len(data), GRID.size, h), np.nan)
    t0 = time.perf_counter()
    for i, (sn, _, _) in enumerate(data):
        if sn not in test.index:
            continue
        z, s = test.loc[sn, zc].to_numpy(float)[:h], float(test.loc[sn, "scale"])
        rng = np.random.default_rng([SEED, i])
        paths = np.exp(z[None, :] + calibration.scaled_errors(
            s, tables[fold[sn]], h, N_PATHS, rng, vol=float(test.loc[sn, "vol"])))
        out[i] = np.quantile(paths, GRID, axis=0)
    seconds = float(test.loc[[sn for sn, _, _ in data if sn in test.index], "seconds"].sum()) \
        + time.perf_counter() - t0
    return out, seconds, used


def peers(data, which: list[str], h: int = H) -> dict[str, tuple[np.ndarray, float]]:
    from statsforecast import StatsForecast
    from statsforecast import models as sfm

    make = {"AutoETS": lambda: sfm.AutoETS(season_length=1),
            "AutoTheta": lambda: sfm.AutoTheta(season_length=1),
            "AutoARIMA": lambda: sfm.AutoARIMA(season_length=1),
            "Naive": lambda: sfm.Naive(),
            "RW drift": lambda: sfm.RandomWalkWithDrift()}
    frame = pd.concat([pd.DataFrame({"unique_id": sn, "ds": np.arange(len(x)), "y": x})
                       for sn, x, _ in data], ignore_index=True)
    ids = [sn for sn, _, _ in data]
    out = {}
    for name in which:
        model = make[name]()
        sf = StatsForecast(models=[model], freq=1, n_jobs=1)
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fc = sf.forecast(df=frame, h=h, level=LEVELS)
        seconds = time.perf_counter() - t0
        fc = fc.reset_index() if "unique_id" not in fc.columns else fc
        col = [c for c in fc.columns if c not in ("unique_id", "ds") and "-lo-" not in c
               and "-hi-" not in c][0]
        q = np.full((len(data), GRID.size, h), np.nan)
        g = fc.groupby("unique_id")
        for i, sn in enumerate(ids):
            part = g.get_group(sn)
            cols = ([f"{col}-lo-{lv}" for lv in reversed(LEVELS)] + [col]
                    + [f"{col}-hi-{lv}" for lv in LEVELS])
            q[i] = part[cols].to_numpy(float).T
        out[name] = (np.sort(q, axis=1), seconds)
    return out


def prophet_peer(data, h: int = H, seed: int = SEED) -> tuple[np.ndarray, float]:
    """Prophet (linear growth, no seasonality; ``benchmarks.peers.prophet_model``) on each
    series, its 13 quantiles from its predictive samples, and the seconds it took.

    The series are yearly values ending at year-end 2000 (the dates do not matter). Each
    is seeded with ``seed`` plus its position: Prophet draws from NumPy's global generator.
    """
    from benchmarks.m3data import as_series
    from benchmarks.peers import prophet_model

    q = np.full((len(data), GRID.size, h), np.nan)
    t0 = time.perf_counter()
    for i, (sn, x, _) in enumerate(data):
        fc, _ = prophet_model(as_series(sn, x), h, ceiling=None, seed=seed + i)
        q[i] = np.quantile(fc.paths, GRID, axis=0)
        if (i + 1) % 100 == 0:
            print(f"Prophet: {i + 1} of {len(data)} series, "
                  f"{time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    return q, time.perf_counter() - t0


def score(q: np.ndarray, data) -> dict:
    """Every measure of one method from its quantiles (n, 13, h)."""
    y = np.array([xx[:q.shape[2]] for _, _, xx in data])
    scale = np.array([np.mean(np.abs(np.diff(x))) for _, x, _ in data])[:, None]
    med = q[:, 6]
    lo80, hi80, lo95, hi95 = q[:, 2], q[:, 10], q[:, 0], q[:, 12]
    smape = 200 * np.abs(y - med) / (np.abs(y) + np.abs(med))
    mase = np.abs(y - med) / scale
    a = 0.05
    msis = (hi95 - lo95 + 2 / a * (lo95 - y) * (y < lo95) + 2 / a * (y - hi95) * (y > hi95)) / scale
    pin = np.stack([np.maximum(g * (y - q[:, j]), (g - 1) * (y - q[:, j]))
                    for j, g in enumerate(GRID)])
    crps = 2 * pin.mean(axis=0) / scale
    return {
        "sMAPE": np.nanmean(smape), "MASE": np.nanmean(mase), "MSIS": np.nanmean(msis),
        "CRPS": np.nanmean(crps),
        "cov80": np.mean((y >= lo80) & (y <= hi80)), "cov95": np.mean((y >= lo95) & (y <= hi95)),
        "below80": np.mean(y < lo80), "above80": np.mean(y > hi80),
        "below95": np.mean(y < lo95), "above95": np.mean(y > hi95),
        "med_above": np.mean(med > y),
        "cov80_h": np.mean((y >= lo80) & (y <= hi80), axis=0),
        "cov95_h": np.mean((y >= lo95) & (y <= hi95), axis=0),
        "below80_h": np.mean(y < lo80, axis=0), "above80_h": np.mean(y > hi80, axis=0),
        "med_above_h": np.mean(med > y, axis=0),
    }


#: "Reaches X by year Y" at X = the actual x these factors (as in benchmarks/accuracy.py).
FACTORS = (0.90, 0.95, 1.05, 1.10)
#: ... and at X = the last value before the forecast x these factors: thresholds fixed before
#: the outcome, as a target is. Only these make a reliability diagram: with X set from the
#: actual the answer is known (yes below 1, no above), and even the true distribution would
#: not lie on the diagonal.
FIXED = (0.95, 1.0, 1.05, 1.1, 1.2, 1.3, 1.5)


def reach(q: np.ndarray, data, fixed: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Probabilities and outcomes of the reach questions, from quantiles (n, 13, h).

    ``P(Y >= x)`` interpolates the CDF between the 13 quantiles and holds it at 2.5 % and
    97.5 % beyond them (``benchmarks.scoring.prob_from_quantiles``), for every method alike.
    ``fixed``: thresholds from the last value (:data:`FIXED`), else from the actual
    (:data:`FACTORS`).
    """
    probs, outcomes = [], []
    for i, (_, x, xx) in enumerate(data):
        for j in range(q.shape[2]):
            if not np.all(np.isfinite(q[i, :, j])):
                continue
            for f in (FIXED if fixed else FACTORS):
                level = x[-1] * f if fixed else xx[j] * f
                probs.append(prob_from_quantiles(GRID, q[i, :, j], level))
                outcomes.append(xx[j] >= level)
    return np.array(probs), np.array(outcomes, dtype=float)


def reliability_png(methods: dict, data, path: Path, title: str) -> None:
    """Binned predicted probability against the share reached, one line a method."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bins = np.linspace(0, 1, 11)
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], color="grey", lw=1, ls="--", label="perfect")
    for name, (qq, _) in methods.items():
        p, o = reach(qq, data, fixed=True)
        idx = np.clip(np.digitize(p, bins) - 1, 0, len(bins) - 2)
        xs = [p[idx == b].mean() for b in range(len(bins) - 1) if np.any(idx == b)]
        ys = [o[idx == b].mean() for b in range(len(bins) - 1) if np.any(idx == b)]
        ax.plot(xs, ys, marker="o", ms=4, label=name)
    ax.set_xlabel("predicted probability of reaching X (bin mean)")
    ax.set_ylabel("share of questions where X was reached")
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="M3", choices=DATASETS,
                        help="the yearly set to score (default M3)")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--peers-only", action="store_true",
                        help="run the peers and store their quantiles (m3_peers.npz)")
    parser.add_argument("--only", default=None,
                        help="with --peers-only: these peers (comma-separated, e.g. Prophet), "
                             "kept beside the others already stored")
    args = parser.parse_args(argv)
    data = load_yearly(args.set)[:args.limit]
    h = min(len(xx) for _, _, xx in data)
    tag = "m3" if args.set == "M3" else args.set.lower()
    peer_file = RESULTS / f"{tag}_peers.npz"
    names = ["AutoETS", "AutoTheta", "AutoARIMA", "Naive", "RW drift", "Prophet"]
    if args.peers_only:
        which = args.only.split(",") if args.only else names
        got = peers(data, [n for n in which if n != "Prophet"], h)
        if "Prophet" in which:
            got["Prophet"] = prophet_peer(data, h)
        stored = dict(np.load(peer_file)) if peer_file.exists() and args.only else {}
        if stored and list(stored["ids"]) != [d[0] for d in data]:
            raise SystemExit(f"{peer_file}: stored for other series; run without --only")
        stored.update(ids=np.array([d[0] for d in data]),
                      **{f"q_{n}": q for n, (q, _) in got.items()},
                      **{f"s_{n}": np.array(sec) for n, (_, sec) in got.items()})
        np.savez(peer_file, **stored)
        print({n: round(sec, 1) for n, (_, sec) in got.items()})
        return 0
    cache = load_cache()
    have = set(cache[cache.kind == "test"].series)
    data = [d for d in data if d[0] in have]
    q, secs, used = ours(data, cache, h)
    others = " + ".join(d for d in DATASETS if d != args.set)
    methods = {"ours": (q, secs)}
    q_lodo, secs_lodo, used_lodo = ours(data, cache, h, own_set=False)
    methods[f"ours, table from {others} only"] = (q_lodo, secs_lodo)
    if not args.no_peers:
        if peer_file.exists():
            z = np.load(peer_file)
            pos = {sn: i for i, sn in enumerate(z["ids"])}
            keep = [pos[sn] for sn, _, _ in data]
            # A peer not stored (Prophet before it was added) is left out, not faked.
            methods.update({n: (z[f"q_{n}"][keep], float(z[f"s_{n}"])) for n in names
                            if f"q_{n}" in z})
        else:
            methods.update(peers(data, [n for n in names if n != "Prophet"], h))
            methods["Prophet"] = prophet_peer(data, h)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    scores = {name: score(qq, data) for name, (qq, _) in methods.items()}
    lines = [f"# {args.set} yearly: {len(data)} series, h = 1..{h}", "",
             f"Command: `.venv/bin/python benchmarks/m3.py --set {args.set}` after "
             f"`benchmarks/m3_compute.py`; ours: {N_PATHS} paths. *ours*: the shipped recipe, "
             f"cross-fitted: a series is scored with a table built from the training parts and "
             f"held-out errors of {others} and of the other {FOLDS - 1} folds of {args.set}'s "
             f"series, never its own ({used} trajectories). *ours, table from {others} only*: a table that never "
             f"saw a {args.set} series ({used_lodo} trajectories). Peak memory of this process: "
             f"{rss:.0f} MB.",
             "",
             "| method | sMAPE | MASE | 80 % holds | below / above | 95 % holds | below / above "
             "| MSIS | CRPS | median > actual | seconds |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, sc in scores.items():
        lines.append(f"| {name} | {sc['sMAPE']:.2f} | {sc['MASE']:.3f} | {sc['cov80']:.1%} | "
                     f"{sc['below80']:.1%} / {sc['above80']:.1%} | {sc['cov95']:.1%} | "
                     f"{sc['below95']:.1%} / {sc['above95']:.1%} | {sc['MSIS']:.2f} | "
                     f"{sc['CRPS']:.3f} | {sc['med_above']:.1%} | {methods[name][1]:.1f} |")
    if "RW drift" in methods:
        lines += ["", "Reach questions, \"reaches X by year Y\" for every series and horizon, the "
                  "probability read from the 13 quantiles. *From the actual*: X = the actual x "
                  f"{', '.join(f'{f:.2f}' for f in FACTORS)} (the issue's questions; the answer is "
                  "yes below 1 and no above, so they score sharpness and place, not "
                  "calibration). *Fixed*: X = the last value before the forecast x "
                  f"{', '.join(f'{f:g}' for f in FIXED)}, set before the outcome as a target "
                  "is; the reliability diagram is of these. Brier skill = 1 - Brier / Brier of "
                  "RW drift (drift plus Gaussian errors).", "",
                  "| method | Brier, from the actual | skill | Brier, fixed | skill |",
                  "|---|---:|---:|---:|---:|"]
        base = {fx: reach(methods["RW drift"][0], data, fixed=fx) for fx in (False, True)}
        b_rw = {fx: float(np.mean((p - o) ** 2)) for fx, (p, o) in base.items()}
        for name, (qq, _) in methods.items():
            cells = []
            for fx in (False, True):
                p, o = reach(qq, data, fixed=fx)
                b = float(np.mean((p - o) ** 2))
                cells.append(f"{b:.4f} | {1 - b / b_rw[fx]:+.3f}")
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append(f"\nQuestions per method: {len(base[False][0]):,} from the actual, "
                     f"{len(base[True][0]):,} fixed.")
        png = RESULTS / f"{tag}_reliability.png"
        reliability_png({k: v for k, v in methods.items() if k in ("ours", "AutoETS", "RW drift")},
                        data, png, f"{args.set} yearly: reaches last value x f by year Y")
        lines += ["", f"![reliability]({png.name})"]
    lines += ["", "Per horizon (ours): 80 % holds, below, above; 95 % holds; median > actual", "",
              "| h | 80 % | below | above | 95 % | median > actual |", "|---|---:|---:|---:|---:|---:|"]
    so = scores["ours"]
    for j in range(h):
        lines.append(f"| {j + 1} | {so['cov80_h'][j]:.1%} | {so['below80_h'][j]:.1%} | "
                     f"{so['above80_h'][j]:.1%} | {so['cov95_h'][j]:.1%} | "
                     f"{so['med_above_h'][j]:.1%} |")
    if len(methods) > 1:
        lines += ["", "80 % band holds per horizon, every method", "",
                  "| method | " + " | ".join(f"h{j}" for j in range(1, h + 1)) + " |",
                  "|---|" + "---:|" * h]
        for name, sc in scores.items():
            lines.append(f"| {name} | " + " | ".join(f"{v:.1%}" for v in sc["cov80_h"]) + " |")
    text = "\n".join(lines) + "\n"
    suffix = "" if args.limit is None else f"_first{args.limit}"
    (RESULTS / f"{tag}_yearly{suffix}.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
