"""Coverage shares: the engine on 706 yearly immunization coverage series (WHO/UNICEF).

The engine projects a share of a bound (coverage in percent, participants over their
ceiling) on the logit of the share, centred on the median of five members on the logit and
on the share (:mod:`forecast.combine`), with the spread of the error table calibrated on the
competitions' counts (:mod:`forecast.calibration`). No competition holds shares, so neither
piece was chosen on shares. This scores them on the yearly national coverage estimates of
four vaccines in 198 countries, 2000-2021 (``benchmarks/data/README.md``): every series with
7 or more consecutive years after its last zero, every origin with at least 5 of them, 1 to 6
years ahead, 2,000 paths a forecast.

Methods:

* ``ours``: the shipped engine, as ``forecast run`` projects a percentage (a test checks
  that :func:`engine_paths` gives ``simulate.project``'s paths);
* ``logit members``: the centre from Theta, damped trend and random walk with drift on the
  logit only (no member on the share itself);
* ``share members``: from the same three on the share only (a straight line in the share,
  kept off the bound as in :func:`forecast.combine.to_working`);
* ``share table``: the shipped centre with a spread table built from these series, the
  engine's recipe on logit differences (exponents of the scale and the volatility by median
  regression, :func:`share_table`), cross-fitted: a series in one half is scored with the
  table of the other half;
* ``share table, centred``: the same table with each horizon's median moved to zero: its
  spread without the centre's bias on these series (falls of a vaccine's coverage, which an
  insurance scheme's membership does not share; a lead found after the first run's
  reliability diagram, not a clean choice);
* ``share tables by level``: the same, one table from origins below :data:`LEVEL_CUT` %
  and one from those at or above it (a share near its bound moves differently; the cut was
  set after the groups by level of the first run were seen, so this line is a lead, not a
  choice);
* ``RW drift``: a random walk with drift on the share with Gaussian errors from its own
  changes (``benchmarks.peers.rw_drift_levels``), the baseline the issue names.

Scored: the 80 % and 95 % bands (share of actuals inside, by horizon, misses below and
above), CRPS in percentage points (from the paths; closed form for the Gaussian), and Brier
scores of "reaches X" at X = the actual -5, -2, +2, +5 points and at the fixed levels 80, 90
and 95 % (the kind of target a programme states), with the skill of each method against RW
drift. Series are split in halves by their order (odd, even): a choice is made on one half
and read on the other.

Usage::

    .venv/bin/python benchmarks/shares.py                 # -> results/shares.md (~12 min)
    .venv/bin/python benchmarks/shares.py --quick         # every 8th series (~2 min)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import norm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from benchmarks.peers import rw_drift_levels  # noqa: E402
from forecast import calibration, combine, config  # noqa: E402
from forecast.calibration import expit, logit  # noqa: E402
from forecast.series import Series, decimal_year  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "wuenic_2022.csv"
OUT = ROOT / "benchmarks" / "results" / "shares.md"
H = 6
MIN_TRAIN = 5
MIN_YEARS = 7
N_PATHS = 2000
SEED = 20261231
RELATIVE = (-5.0, -2.0, 2.0, 5.0)
FIXED = (80.0, 90.0, 95.0)
LOGIT_MEMBERS = ("theta", "damped", "rw_drift")
SHARE_MEMBERS = ("theta_level", "damped_level", "rw_drift_level")
METHODS = ("ours", "logit members", "share members", "share table", "share table, centred",
           "share tables by level", "RW drift")
RELIABILITY = ("ours", "share table", "share table, centred", "RW drift")  # in its diagram
#: The split of "share tables by level": one table for origins below this share, one above.
LEVEL_CUT = 90.0


def load(path: Path = DATA) -> list[tuple[int, str, str, np.ndarray, np.ndarray]]:
    """``(index, iso3, vaccine, years, percent)`` of every usable series.

    A series is the run of years after its last zero (a vaccine not yet introduced has 0 %,
    and a share of 0 has no logit); it is used when that run has at least
    :data:`MIN_YEARS` consecutive years. ``index`` numbers the (iso3, vaccine) pairs in
    sorted order, used or not, so the halves do not move when the filter does.
    """
    df = pd.read_csv(path)
    need = {"iso3", "year", "vaccine", "coverage"}
    if not need <= set(df.columns):
        raise ValueError(f"{path}: expected columns {sorted(need)}, found {list(df.columns)}")
    out = []
    for k, ((iso, vac), g) in enumerate(df.sort_values(["iso3", "vaccine", "year"])
                                        .groupby(["iso3", "vaccine"], sort=True)):
        years = g.year.to_numpy(dtype=int)
        values = g.coverage.to_numpy(dtype=float)
        zeros = np.flatnonzero(values <= 0)
        start = zeros[-1] + 1 if zeros.size else 0
        years, values = years[start:], values[start:]
        if len(years) >= MIN_YEARS and np.all(np.diff(years) == 1):
            out.append((k, iso, vac, years, values))
    return out


def centre_and_spread(u: np.ndarray, horizon: int, members=combine.COMBINATION):
    """The engine's centre on the logit of the share ``u`` (yearly, in (0, 1)) and the
    series' scale and volatility there, as ``simulate.combined_point`` makes them."""
    t = np.arange(len(u), dtype=float)
    centre, _ = combine.combined(t, u, horizon, "logit", members=members)
    z = logit(u)
    z_years = np.concatenate([[0.0], np.cumsum(np.diff(z))])
    return centre, calibration.scale_of(z_years), calibration.volatility_of(z_years)


def engine_paths(percent: np.ndarray, horizon: int, rng: np.random.Generator,
                 members=combine.COMBINATION, table=None, n_paths: int = N_PATHS) -> np.ndarray:
    """Paths (n_paths, horizon) in percent of the calibrated engine for a percentage."""
    table = calibration.load_table() if table is None else table
    centre, scale, vol = centre_and_spread(np.asarray(percent, dtype=float) / 100.0, horizon,
                                           members)
    errors = calibration.scaled_errors(scale, table, horizon, n_paths, rng, vol=vol)
    return 100.0 * expit(np.clip(centre[None, :] + errors, -30.0, 30.0))


def trajectories(series) -> pd.DataFrame:
    """The shipped centre's logit errors from every origin of ``series`` (blank past the
    data), with the scale, the volatility and the share (percent) at the origin: the rows of
    :func:`share_table`."""
    rows = []
    for k, _iso, _vac, _years, v in series:
        for i in range(MIN_TRAIN - 1, len(v) - 1):
            u = v[:i + 1] / 100.0
            centre, s, vol = centre_and_spread(u, H)
            err = np.full(H, np.nan)
            ahead = v[i + 1:i + 1 + H] / 100.0
            err[:len(ahead)] = logit(ahead) - centre[:len(ahead)]
            rows.append((k, s, vol, v[i], *err))
    return pd.DataFrame(rows, columns=["k", "scale", "vol", "last"]
                        + [f"h{h}" for h in range(1, H + 1)])


def share_table(rows: pd.DataFrame) -> calibration.ErrorTable:
    """The engine's table recipe on shares: exponents of the scale and the volatility by a
    median regression over every observed error, and the standardised trajectories that
    reach the sixth year as the table (no recalibration: these are already the forecasts
    as the product makes them)."""
    raw = rows[[f"h{h}" for h in range(1, H + 1)]].to_numpy(dtype=float)
    s, v = rows.scale.to_numpy(dtype=float), rows.vol.to_numpy(dtype=float)
    b, c = calibration.fit_two_exponents(raw, s, v)
    std = raw / (s[:, None] ** b[None, :] * v[:, None] ** c[None, :])
    return calibration.ErrorTable(errors=std[np.all(np.isfinite(std), axis=1)],
                                  exponents=b, vol_exponents=c)


def centred(table: calibration.ErrorTable) -> calibration.ErrorTable:
    """``table`` with each horizon's median moved to zero (its spread, not its bias)."""
    if len(table.errors) == 0:
        return table
    errors = table.errors - np.median(table.errors, axis=0)[None, :]
    return calibration.ErrorTable(errors=errors, exponents=table.exponents,
                                  vol_exponents=table.vol_exponents)


def crps_sample(paths: np.ndarray, actual: float) -> float:
    """CRPS of a sample: ``E|X - a| - E|X - X'| / 2``, the second term from the order
    statistics (exact for the sample, O(n log n))."""
    x = np.sort(np.asarray(paths, dtype=float))
    n = x.size
    spread = 2.0 * np.sum((2 * np.arange(1, n + 1) - n - 1) * x) / n**2
    return float(np.mean(np.abs(x - actual)) - 0.5 * spread)


def crps_normal(mean: float, sd: float, actual: float) -> float:
    """Closed-form CRPS of a Gaussian (Gneiting and Raftery 2007)."""
    if sd <= 0:
        return abs(actual - mean)
    w = (actual - mean) / sd
    return float(sd * (w * (2 * norm.cdf(w) - 1) + 2 * norm.pdf(w) - 1 / np.sqrt(np.pi)))


def questions(actual: float) -> list[tuple[str, float]]:
    """The reach questions asked of a forecast whose outcome is ``actual`` (percent)."""
    out = [("relative", actual + d) for d in RELATIVE if 0 < actual + d < 100]
    return out + [("fixed", x) for x in FIXED]


def _series(years, values) -> Series:
    dates = tuple(f"{y}-12-31" for y in years)
    return Series(region="x", metric="coverage", unit="percent",
                  t=np.array([decimal_year(d) for d in dates]),
                  values=np.asarray(values, dtype=float), dates=dates,
                  source_ids=tuple("wuenic" for _ in dates))


def score(series, tables: dict[int, calibration.ErrorTable], n_paths: int = N_PATHS,
          progress=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every method's forecasts of ``series`` scored: (points, reach questions).

    ``tables`` maps a half (0 or 1) to the share tables scored on it (built on the other):
    ``"all"``, ``"centred"``, ``"low"`` (origins below :data:`LEVEL_CUT`) and ``"high"``.
    """
    pts, qs = [], []
    shipped = calibration.load_table()
    for j, (k, iso, vac, years, v) in enumerate(series):
        if progress and j % 50 == 0:
            progress(j, len(series))
        for i in range(MIN_TRAIN - 1, len(v) - 1):
            hmax = min(H, len(v) - 1 - i)
            actual = v[i + 1:i + 1 + hmax]
            hist = v[:i + 1]
            runs = {
                "ours": dict(members=combine.COMBINATION, table=shipped),
                "logit members": dict(members=LOGIT_MEMBERS, table=shipped),
                "share members": dict(members=SHARE_MEMBERS, table=shipped),
                "share table": dict(members=combine.COMBINATION, table=tables[k % 2]["all"]),
                "share table, centred": dict(members=combine.COMBINATION,
                                             table=tables[k % 2]["centred"]),
                "share tables by level": dict(
                    members=combine.COMBINATION,
                    table=tables[k % 2]["low" if hist[-1] < LEVEL_CUT else "high"]),
            }
            for name, kw in runs.items():
                rng = np.random.default_rng([SEED, k, i])
                paths = engine_paths(hist, hmax, rng, n_paths=n_paths, **kw)
                for h in range(hmax):
                    p, a = paths[:, h], actual[h]
                    lo, hi, lo95, hi95 = np.quantile(p, [0.1, 0.9, 0.025, 0.975])
                    pts.append((name, k, vac, years[i], h + 1, hist[-1], a,
                                float(np.median(p)), lo, hi, lo95, hi95, crps_sample(p, a)))
                    for kind, x in questions(a):
                        qs.append((name, k, vac, years[i], h + 1, kind, x,
                                   float(np.mean(p >= x)), a >= x))
            rw = rw_drift_levels(_series(years[:i + 1], hist), hmax)
            for h in range(hmax):
                m, sd, a = float(rw.mean[h]), float(rw.sd[h]), actual[h]
                z80, z95 = norm.ppf(0.9), norm.ppf(0.975)
                pts.append(("RW drift", k, vac, years[i], h + 1, hist[-1], a, m, m - z80 * sd,
                            m + z80 * sd, m - z95 * sd, m + z95 * sd, crps_normal(m, sd, a)))
                for kind, x in questions(a):
                    prob = float(norm.sf((x - m) / sd)) if sd > 0 else float(m >= x)
                    qs.append(("RW drift", k, vac, years[i], h + 1, kind, x, prob, a >= x))
    cols = ["method", "k", "vaccine", "origin", "step", "last", "actual", "median", "lo80",
            "hi80", "lo95", "hi95", "crps"]
    return (pd.DataFrame(pts, columns=cols),
            pd.DataFrame(qs, columns=["method", "k", "vaccine", "origin", "step", "kind", "x",
                                      "prob", "outcome"]))


def summary(P: pd.DataFrame, Q: pd.DataFrame) -> pd.DataFrame:
    """One row a method: bands, CRPS, Brier (relative and fixed questions), skill vs RW."""
    P = P.assign(in80=(P.actual >= P.lo80) & (P.actual <= P.hi80),
                 below=P.actual < P.lo80, above=P.actual > P.hi80,
                 in95=(P.actual >= P.lo95) & (P.actual <= P.hi95))
    Q = Q.assign(b=(Q.prob - Q.outcome.astype(float)) ** 2)
    rows = {}
    base_rel = Q[(Q.method == "RW drift") & (Q.kind == "relative")].b.mean()
    base_fix = Q[(Q.method == "RW drift") & (Q.kind == "fixed")].b.mean()
    for m in [m for m in METHODS if m in set(P.method)]:
        p, q = P[P.method == m], Q[Q.method == m]
        rel, fix = q[q.kind == "relative"].b.mean(), q[q.kind == "fixed"].b.mean()
        row = {"forecasts": len(p), "80 % holds": p.in80.mean(), "below": p.below.mean(),
               "above": p.above.mean(), "95 % holds": p.in95.mean(), "CRPS": p.crps.mean(),
               "Brier, relative": rel, "Brier, fixed": fix,
               "skill vs RW, relative": _skill(rel, base_rel),
               "skill vs RW, fixed": _skill(fix, base_fix)}
        for h in range(1, H + 1):
            row[f"80 % h{h}"] = p[p.step == h].in80.mean()
            row[f"95 % h{h}"] = p[p.step == h].in95.mean()
        rows[m] = row
    return pd.DataFrame(rows).T


def _skill(score: float, base: float) -> float:
    """``1 - score / base``; NaN where the baseline scored 0 (no scale to measure against)."""
    return 1.0 - score / base if base > 0 else float("nan")


def _table(S: pd.DataFrame, cols, fmt) -> list[str]:
    lines = ["| method | " + " | ".join(cols) + " |", "|---|" + "---:|" * len(cols)]
    for m, r in S.iterrows():
        lines.append(f"| {m} | " + " | ".join(fmt(c, r[c]) for c in cols) + " |")
    return lines


def _fmt(col, x):
    if col == "forecasts":
        return f"{int(x):,}"
    if "holds" in col or col in ("below", "above") or col.startswith(("80 %", "95 %")):
        return f"{x:.1%}"
    if col.startswith("skill"):
        return f"{x:+.3f}"
    return f"{x:.4f}" if col.startswith("Brier") else f"{x:.3f}"


def report(P, Q, series, seconds: float, command: str) -> str:
    main_cols = ["forecasts", "80 % holds", "below", "above", "95 % holds", "CRPS",
                 "Brier, relative", "Brier, fixed", "skill vs RW, relative",
                 "skill vs RW, fixed"]
    lines = [f"# Coverage shares: {len(series)} WHO/UNICEF immunization series", "",
             f"Command: `{command}` ({seconds / 60:.0f} min). {len(series)} series "
             f"(data: `benchmarks/data/wuenic_2022.csv`, WUENIC July 2022), origins with >= "
             f"{MIN_TRAIN} years, 1-{H} years ahead, {N_PATHS:,} paths a forecast. CRPS in "
             f"percentage points. Brier: \"reaches X\" at the actual {RELATIVE} points "
             f"(relative) and at {FIXED} % (fixed). The share table is cross-fitted (each "
             f"half scored with the table of the other).", ""]
    for title, sel in (("All series", None), ("Odd half (where a choice would be made)", 1),
                       ("Even half (where it would be read)", 0)):
        p = P if sel is None else P[P.k % 2 == sel]
        q = Q if sel is None else Q[Q.k % 2 == sel]
        lines += [f"## {title}", ""] + _table(summary(p, q), main_cols, _fmt) + [""]
    S = summary(P, Q)
    lines += ["## The bands by horizon (all series)", ""]
    lines += _table(S, [f"80 % h{h}" for h in range(1, H + 1)]
                    + [f"95 % h{h}" for h in range(1, H + 1)], _fmt) + [""]
    calm = (P.origin + P.step) < 2020
    calm_q = (Q.origin + Q.step) < 2020
    lines += ["## Without the years 2020 and 2021 (the pandemic's common fall)", "",
              f"{int((~calm).sum() / P.method.nunique()):,} forecasts a method fall in 2020 or "
              "2021, when coverage fell in many countries at once; these are the rest.", ""]
    lines += _table(summary(P[calm], Q[calm_q]), main_cols, _fmt) + [""]
    lines += ["## By the last observed share (all series)", ""]
    P2 = P.assign(group=pd.cut(P["last"], [0, 60, 80, 90, 95, 100]).astype(str))
    Q2 = Q.merge(P2[["method", "k", "origin", "step", "group"]].drop_duplicates(),
                 on=["method", "k", "origin", "step"])
    for g in sorted(P2.group.unique()):
        lines += [f"### last share in {g} %", ""]
        lines += _table(summary(P2[P2.group == g], Q2[Q2.group == g]),
                        ["forecasts", "80 % holds", "below", "above", "CRPS",
                         "Brier, relative", "Brier, fixed"], _fmt) + [""]
    lines += ["## By vaccine (all series)", ""]
    for vac in sorted(P.vaccine.unique()):
        lines += [f"### {vac}", ""]
        lines += _table(summary(P[P.vaccine == vac], Q[Q.vaccine == vac]),
                        ["forecasts", "80 % holds", "below", "above", "CRPS",
                         "Brier, relative", "Brier, fixed"], _fmt) + [""]
    return "\n".join(lines) + "\n"


def reliability(Q: pd.DataFrame, bins: int = 10) -> pd.DataFrame:
    """Per method and bin of predicted probability: the bin's mean prediction, the share of
    questions that came true, and the count."""
    edges = np.linspace(0, 1, bins + 1)
    out = []
    for m, q in Q.groupby("method", sort=False):
        idx = np.clip(np.digitize(q.prob.to_numpy(), edges) - 1, 0, bins - 1)
        for b in range(bins):
            sel = idx == b
            if sel.any():
                out.append((m, b, float(q.prob.to_numpy()[sel].mean()),
                            float(q.outcome.to_numpy()[sel].mean()), int(sel.sum())))
    return pd.DataFrame(out, columns=["method", "bin", "predicted", "observed", "n"])


def plot_reliability(Q: pd.DataFrame, path: Path, n_series: int) -> None:
    """The reliability diagram of the fixed-level questions (80, 90, 95 %)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    R = reliability(Q[Q.kind == "fixed"])
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.plot([0, 1], [0, 1], color="grey", lw=1, ls="--", label="perfect")
    for m in RELIABILITY:
        r = R[R.method == m]
        ax.plot(r.predicted, r.observed, marker="o", label=m)
    ax.set_xlabel("predicted probability of reaching 80, 90 or 95 % (bin mean)")
    ax.set_ylabel("share of questions where it was reached")
    ax.set_title(f"Coverage shares: {n_series} immunization series, 1-{H} years ahead",
                 fontsize=9)
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the coverage CSV")
    parser.add_argument("--out", type=Path, default=OUT, help="the markdown written")
    parser.add_argument("--quick", action="store_true", help="every 8th series only")
    parser.add_argument("--paths", type=int, default=N_PATHS, help="paths a forecast")
    args = parser.parse_args(argv)
    if not 1 <= args.paths <= config.MAX_N_PATHS:
        print(f"shares: error: --paths: expected an integer from 1 to {config.MAX_N_PATHS:,}, "
              f"found {args.paths}", file=sys.stderr)
        return 2
    try:
        series = load(args.data)
    except (OSError, ValueError) as exc:
        print(f"shares: error: {exc}", file=sys.stderr)
        return 2
    if args.quick:
        series = series[::8]
    start = time.perf_counter()
    rows = trajectories(series)
    tables = {}
    for half in (0, 1):
        other = rows[rows.k % 2 != half]
        whole = share_table(other)
        tables[half] = {"all": whole, "centred": centred(whole),
                        "low": share_table(other[other["last"] < LEVEL_CUT]),
                        "high": share_table(other[other["last"] >= LEVEL_CUT])}
        empty = [name for name, table in tables[half].items() if len(table.errors) == 0]
        if empty:  # a table needs whole trajectories: origins H years before the data ends
            print(f"shares: error: {args.data}: expected series of at least "
                  f"{MIN_TRAIN + H} consecutive years in each half, with origins below and "
                  f"above {LEVEL_CUT:g} %; found none for the {', '.join(empty)} table of "
                  f"half {1 - half}", file=sys.stderr)
            return 2
    P, Q = score(series, tables, args.paths,
                 progress=lambda j, n: print(f"shares: series {j} of {n}", file=sys.stderr))
    seconds = time.perf_counter() - start
    command = ".venv/bin/python benchmarks/shares.py" + (" --quick" if args.quick else "")
    text = report(P, Q, series, seconds, command)
    png = args.out.with_name(args.out.stem + "_reliability.png")
    R = reliability(Q[Q.kind == "fixed"])
    lines = ["## Reliability of the fixed-level questions", "",
             f"![reliability]({png.name})", "",
             "| bin | " + " | ".join(f"{m}: predicted / observed (n)" for m in RELIABILITY)
             + " |", "|---:|" + "---:|" * len(RELIABILITY)]
    for b in range(10):
        cells = []
        for m in RELIABILITY:
            r = R[(R.method == m) & (R.bin == b)]
            cells.append("" if r.empty else f"{r.predicted.iloc[0]:.3f} / "
                         f"{r.observed.iloc[0]:.3f} ({int(r.n.iloc[0]):,})")
        lines.append(f"| {b / 10:.1f}-{(b + 1) / 10:.1f} | " + " | ".join(cells) + " |")
    text += "\n".join(lines) + "\n"
    steps = ((args.out.parent, lambda: args.out.parent.mkdir(parents=True, exist_ok=True)),
             (png, lambda: plot_reliability(Q, png, len(series))),
             (args.out, lambda: args.out.write_text(text, encoding="utf-8")))
    for where, step in steps:
        try:
            step()
        except OSError as exc:  # one line naming the file, not a traceback
            print(f"shares: error: {where}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
