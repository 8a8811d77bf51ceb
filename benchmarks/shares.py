"""Coverage shares: the engine on three sets of yearly coverage series, a flow and two stocks.

The engine projects a share of a bound (coverage in percent, participants over their
ceiling) on the logit of the share, centred on the median of five members on the logit and
on the share (:mod:`forecast.combine`), with the spread of the error table calibrated on the
competitions' counts (:mod:`forecast.calibration`). No competition holds shares, so neither
piece was chosen on shares. This scores them on three sets (``benchmarks/data/README.md``):

* ``--set immunization``: the WHO/UNICEF national coverage estimates of four vaccines in
  198 countries, 2000-2021 (a flow: each year's infants; it can fall);
* ``--set electricity``: the World Bank's share of the population with access to
  electricity in 212 countries, 1990-2016 (a stock, pushed toward universal access, as a
  social insurance scheme's coverage is);
* ``--set internet``: the ITU's share of the population using the Internet in 211
  countries, 1990-2017 (a second stock, with no mandate, that levels off short of 100 %).

Every series with 7 or more consecutive years after its last share below 1 %, every origin
with at least 5 of them and a share of at most 99 %, 1 to 6 years ahead, 2,000 paths a
forecast.

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
* ``other set's table`` (and ``, centred``): the share table built from every series of
  the other set: does a table of one kind of share carry over to the other?
* ``RW drift``: a random walk with drift on the share with Gaussian errors from its own
  changes (``benchmarks.peers.rw_drift_levels``), the baseline the issue names.

Scored: the 80 % and 95 % bands (share of actuals inside, by horizon, misses below and
above), CRPS in percentage points (from the paths; closed form for the Gaussian), and Brier
scores of "reaches X" at X = the actual -5, -2, +2, +5 points and at the fixed levels 80, 90
and 95 % (the kind of target a programme states), with the skill of each method against RW
drift. Series are split in halves by their order (odd, even): a choice is made on one half
and read on the other.

Usage::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/shares.py     # -> results/shares.md (4 min)
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/shares.py --set electricity
                                                    # -> results/shares_electricity.md (2 min)
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/shares.py --set internet  # (2 min)
    .venv/bin/python benchmarks/shares.py --quick               # every 8th series
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
from benchmarks.shares_report import (H, MAX_ORIGIN, METHODS, RELIABILITY,  # noqa: E402,F401
                                      DataSet, plot_reliability, reliability, report, summary)
from forecast import calibration, combine, config  # noqa: E402
from forecast.calibration import expit, logit  # noqa: E402
from forecast.series import Series, decimal_year  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "wuenic_2022.csv"
OUT = ROOT / "benchmarks" / "results" / "shares.md"
RESULTS = ROOT / "benchmarks" / "results"
SETS = {
    "immunization": DataSet(
        "immunization", DATA, OUT, "WHO/UNICEF immunization",
        "`benchmarks/data/wuenic_2022.csv`, WUENIC July 2022", "vaccine", True, "electricity"),
    "electricity": DataSet(
        "electricity", ROOT / "benchmarks" / "data" / "electricity_access.csv",
        RESULTS / "shares_electricity.md", "World Bank access-to-electricity",
        "`benchmarks/data/electricity_access.csv`, World Bank SE4ALL via Our World in Data, "
        "1990-2016", "indicator", False, "immunization"),
    "internet": DataSet(
        "internet", ROOT / "benchmarks" / "data" / "internet_users.csv",
        RESULTS / "shares_internet.md", "ITU internet-use",
        "`benchmarks/data/internet_users.csv`, ITU via Our World in Data, 1990-2017",
        "indicator", False, "electricity"),
}
#: Shares are kept in [0.01, 99.99] %, as the product keeps them before a logit
#: (``calibration.SHARE_EPS``): a reading of 100 % is scored as 99.99 %.
CLIP = (100 * calibration.SHARE_EPS, 100 * (1 - calibration.SHARE_EPS))
MIN_TRAIN = 5
MIN_YEARS = 7
N_PATHS = 2000
SEED = 20261231
RELATIVE = (-5.0, -2.0, 2.0, 5.0)
FIXED = (80.0, 90.0, 95.0)
LOGIT_MEMBERS = ("theta", "damped", "rw_drift")
SHARE_MEMBERS = ("theta_level", "damped_level", "rw_drift_level")
#: The split of "share tables by level": one table for origins below this share, one above.
LEVEL_CUT = 90.0


def load(path: Path = DATA) -> list[tuple[int, str, str, np.ndarray, np.ndarray]]:
    """``(index, iso3, group, years, percent)`` of every usable series.

    The group column is ``vaccine`` or ``indicator``. A series is the run of years after its
    last share below 1 % (a vaccine not yet introduced has 0 %, a country's electricity
    estimate starts at a floor of 0.01 %, and a share near 0 has no useful logit); it is
    used when that run has at least :data:`MIN_YEARS` consecutive years and an origin to
    score (:func:`origins`). Shares are clipped to :data:`CLIP`. ``index`` numbers the
    (iso3, group) pairs in sorted order, used or not, so the halves do not move when the
    filter does.
    """
    df = pd.read_csv(path)
    group = next((c for c in ("vaccine", "indicator") if c in df.columns), "vaccine")
    need = {"iso3", "year", group, "coverage"}
    if not need <= set(df.columns):
        raise ValueError(f"{path}: expected columns {sorted(need)}, found {list(df.columns)}")
    out = []
    for k, ((iso, vac), g) in enumerate(df.sort_values(["iso3", group, "year"])
                                        .groupby(["iso3", group], sort=True)):
        years = g.year.to_numpy(dtype=int)
        values = np.clip(g.coverage.to_numpy(dtype=float), *CLIP)
        low = np.flatnonzero(values < 1.0)
        start = low[-1] + 1 if low.size else 0
        years, values = years[start:], values[start:]
        if (len(years) >= MIN_YEARS and np.all(np.diff(years) == 1)
                and len(origins(values)) > 0):
            out.append((k, iso, vac, years, values))
    return out


def origins(v: np.ndarray) -> list[int]:
    """The indices of ``v`` forecast from: at least :data:`MIN_TRAIN` years known, a year
    ahead to score, and a share of at most :data:`MAX_ORIGIN` % (a share at its bound is not
    a forecast; every immunization origin qualifies)."""
    return [i for i in range(MIN_TRAIN - 1, len(v) - 1) if v[i] <= MAX_ORIGIN]


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
        for i in origins(v):
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
    ``"all"``, ``"centred"``, ``"low"`` (origins below :data:`LEVEL_CUT`) and ``"high"``,
    and, where given, ``"cross"`` and ``"cross centred"`` (built from another set).
    """
    pts, qs = [], []
    shipped = calibration.load_table()
    for j, (k, iso, vac, years, v) in enumerate(series):
        if progress and j % 50 == 0:
            progress(j, len(series))
        for i in origins(v):
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
            for name, key in (("other set's table", "cross"),
                              ("other set's table, centred", "cross centred")):
                if key in tables[k % 2]:
                    runs[name] = dict(members=combine.COMBINATION, table=tables[k % 2][key])
            score_origin(runs, k, vac, years, v, i, n_paths, pts, qs)
    return frames(pts, qs)


def score_origin(runs: dict, k: int, group: str, years, v, i: int, n_paths: int,
                 pts: list, qs: list) -> None:
    """Score the forecasts of ``v`` from its origin ``i``: each of ``runs`` (a name and the
    keyword arguments of :func:`engine_paths`) and RW drift, appended to ``pts`` and ``qs``
    as rows of :func:`frames`."""
    hmax = min(H, len(v) - 1 - i)
    actual = v[i + 1:i + 1 + hmax]
    hist = v[:i + 1]
    for name, kw in runs.items():
        rng = np.random.default_rng([SEED, k, i])
        paths = engine_paths(hist, hmax, rng, n_paths=n_paths, **kw)
        for h in range(hmax):
            p, a = paths[:, h], actual[h]
            lo, hi, lo95, hi95 = np.quantile(p, [0.1, 0.9, 0.025, 0.975])
            pts.append((name, k, group, years[i], h + 1, hist[-1], a,
                        float(np.median(p)), lo, hi, lo95, hi95, crps_sample(p, a)))
            for kind, x in questions(a):
                qs.append((name, k, group, years[i], h + 1, kind, x,
                           float(np.mean(p >= x)), a >= x))
    rw = rw_drift_levels(_series(years[:i + 1], hist), hmax)
    for h in range(hmax):
        m, sd, a = float(rw.mean[h]), float(rw.sd[h]), actual[h]
        z80, z95 = norm.ppf(0.9), norm.ppf(0.975)
        pts.append(("RW drift", k, group, years[i], h + 1, hist[-1], a, m, m - z80 * sd,
                    m + z80 * sd, m - z95 * sd, m + z95 * sd, crps_normal(m, sd, a)))
        for kind, x in questions(a):
            prob = float(norm.sf((x - m) / sd)) if sd > 0 else float(m >= x)
            qs.append(("RW drift", k, group, years[i], h + 1, kind, x, prob, a >= x))


def frames(pts: list, qs: list) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows of :func:`score_origin` as (points, reach questions)."""
    cols = ["method", "k", "group", "origin", "step", "last", "actual", "median", "lo80",
            "hi80", "lo95", "hi95", "crps"]
    return (pd.DataFrame(pts, columns=cols),
            pd.DataFrame(qs, columns=["method", "k", "group", "origin", "step", "kind", "x",
                                      "prob", "outcome"]))


def _tables(rows: pd.DataFrame, cross: calibration.ErrorTable | None) -> dict:
    """The tables scored on each half, each built without that half's series."""
    tables = {}
    for half in (0, 1):
        other = rows[rows.k % 2 != half]
        whole = share_table(other)
        tables[half] = {"all": whole, "centred": centred(whole),
                        "low": share_table(other[other["last"] < LEVEL_CUT]),
                        "high": share_table(other[other["last"] >= LEVEL_CUT])}
        if cross is not None:
            tables[half] |= {"cross": cross, "cross centred": centred(cross)}
    return tables


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="immunization",
                        help="the set of coverage series scored (default immunization)")
    parser.add_argument("--data", type=Path, help="the coverage CSV (default: the set's)")
    parser.add_argument("--out", type=Path, help="the markdown written (default: the set's)")
    parser.add_argument("--other-data", type=Path,
                        help="the CSV the other set's table is built from (default: the "
                             "other set's file)")
    parser.add_argument("--no-other", action="store_true",
                        help="do not score the other set's table")
    parser.add_argument("--quick", action="store_true", help="every 8th series only")
    parser.add_argument("--paths", type=int, default=N_PATHS, help="paths a forecast")
    args = parser.parse_args(argv)
    spec = SETS[args.set]
    data, out = args.data or spec.path, args.out or spec.out
    other_data = args.other_data or SETS[spec.other].path
    if not 1 <= args.paths <= config.MAX_N_PATHS:
        print(f"shares: error: --paths: expected an integer from 1 to {config.MAX_N_PATHS:,}, "
              f"found {args.paths}", file=sys.stderr)
        return 2
    try:
        series = load(data)
        other = None if args.no_other else load(other_data)
    except (OSError, ValueError) as exc:  # an OSError names its file, not "[Errno 2]"
        said = f"{exc.filename}: {exc.strerror}" if isinstance(exc, OSError) else exc
        print(f"shares: error: {said}", file=sys.stderr)
        return 2
    if args.quick:
        series = series[::8]
    start = time.perf_counter()
    rows = trajectories(series)
    cross = None if other is None else share_table(trajectories(other))
    tables = _tables(rows, cross)
    for half in (0, 1):
        empty = [name for name, table in tables[half].items() if len(table.errors) == 0]
        if empty:  # a table needs whole trajectories: origins H years before the data ends
            where = other_data if empty == ["cross", "cross centred"] else data
            print(f"shares: error: {where}: expected series of at least "
                  f"{MIN_TRAIN + H} consecutive years in each half, with origins below and "
                  f"above {LEVEL_CUT:g} %; found none for the {', '.join(empty)} table of "
                  f"half {1 - half}", file=sys.stderr)
            return 2
    P, Q = score(series, tables, args.paths,
                 progress=lambda j, n: print(f"shares: series {j} of {n}", file=sys.stderr))
    seconds = time.perf_counter() - start
    command = ("OMP_NUM_THREADS=1 .venv/bin/python benchmarks/shares.py"
               + (f" --set {args.set}" if args.set != "immunization" else "")
               + (" --quick" if args.quick else ""))
    text = report(P, Q, series, seconds, command, spec, args.paths, MIN_TRAIN, RELATIVE,
                  FIXED)
    png = out.with_name(out.stem + "_reliability.png")
    R = reliability(Q[Q.kind == "fixed"])
    shown = [m for m in RELIABILITY if m in set(R.method)]
    lines = ["## Reliability of the fixed-level questions", "",
             f"![reliability]({png.name})", "",
             "| bin | " + " | ".join(f"{m}: predicted / observed (n)" for m in shown)
             + " |", "|---:|" + "---:|" * len(shown)]
    for b in range(10):
        cells = []
        for m in shown:
            r = R[(R.method == m) & (R.bin == b)]
            cells.append("" if r.empty else f"{r.predicted.iloc[0]:.3f} / "
                         f"{r.observed.iloc[0]:.3f} ({int(r.n.iloc[0]):,})")
        lines.append(f"| {b / 10:.1f}-{(b + 1) / 10:.1f} | " + " | ".join(cells) + " |")
    text += "\n".join(lines) + "\n"
    steps = ((out.parent, lambda: out.parent.mkdir(parents=True, exist_ok=True)),
             (png, lambda: plot_reliability(Q, png, len(series), spec.title)),
             (out, lambda: out.write_text(text, encoding="utf-8")))
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
