"""The coverage-shares benchmark's report (:mod:`benchmarks.shares`): the summary of each
method's scores, the markdown, and the reliability diagram of the fixed-level questions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

H = 6
#: Origins whose share is above this are not scored (a share at its bound is not a
#: forecast; no immunization value is above it).
MAX_ORIGIN = 99.0
#: Every method a report may show, in its order (a run shows those it scored).
METHODS = ("ours", "stock shift", "logit members", "share members", "share table",
           "share table, centred", "share tables by level", "other set's table",
           "other set's table, centred", "RW drift")
RELIABILITY = ("ours", "share table", "share table, centred", "other set's table, centred",
               "RW drift")  # in its diagram, where scored


@dataclass(frozen=True)
class DataSet:
    """A set of coverage series the benchmark reads: its file, its words, its output."""

    name: str           # the --set name
    path: Path          # the CSV (iso3, year, group column, coverage)
    out: Path           # the markdown written
    title: str          # "WHO/UNICEF immunization", in "# Coverage shares: N <title> series"
    source: str         # the data's description in the report's first paragraph
    group: str          # what the group column holds ("vaccine", "indicator")
    common_fall: bool   # report the years 2020-2021 apart (the pandemic's common fall)
    other: str          # the set whose table is scored here as "other set's table"


def summary(P: pd.DataFrame, Q: pd.DataFrame, methods=METHODS) -> pd.DataFrame:
    """One row a method of ``methods`` scored (in that order): bands, CRPS, Brier (relative
    and fixed questions), skill vs RW drift."""
    P = P.assign(in80=(P.actual >= P.lo80) & (P.actual <= P.hi80),
                 below=P.actual < P.lo80, above=P.actual > P.hi80,
                 in95=(P.actual >= P.lo95) & (P.actual <= P.hi95))
    Q = Q.assign(b=(Q.prob - Q.outcome.astype(float)) ** 2)
    rows = {}
    base_rel = Q[(Q.method == "RW drift") & (Q.kind == "relative")].b.mean()
    base_fix = Q[(Q.method == "RW drift") & (Q.kind == "fixed")].b.mean()
    for m in [m for m in methods if m in set(P.method)]:
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


def report(P, Q, series, seconds: float, command: str, spec: DataSet,
           n_paths: int, min_train: int, relative, fixed) -> str:
    main_cols = ["forecasts", "80 % holds", "below", "above", "95 % holds", "CRPS",
                 "Brier, relative", "Brier, fixed", "skill vs RW, relative",
                 "skill vs RW, fixed"]
    lines = [f"# Coverage shares: {len(series)} {spec.title} series", "",
             f"Command: `{command}` ({seconds / 60:.0f} min). {len(series)} series "
             f"(data: {spec.source}), origins with >= {min_train} years and a share of at "
             f"most {MAX_ORIGIN:g} %, 1-{H} years ahead, {n_paths:,} paths a forecast. CRPS "
             f"in percentage points. Brier: \"reaches X\" at the actual {relative} points "
             f"(relative) and at {fixed} % (fixed). The share table is cross-fitted (each "
             f"half scored with the table of the other); the other set's table is built from "
             f"every series of `--set {spec.other}`.", ""]
    for title, sel in (("All series", None), ("Odd half (where a choice would be made)", 1),
                       ("Even half (where it would be read)", 0)):
        p = P if sel is None else P[P.k % 2 == sel]
        q = Q if sel is None else Q[Q.k % 2 == sel]
        lines += [f"## {title}", ""] + _table(summary(p, q), main_cols, _fmt) + [""]
    S = summary(P, Q)
    lines += ["## The bands by horizon (all series)", ""]
    lines += _table(S, [f"80 % h{h}" for h in range(1, H + 1)]
                    + [f"95 % h{h}" for h in range(1, H + 1)], _fmt) + [""]
    if spec.common_fall:
        calm = (P.origin + P.step) < 2020
        calm_q = (Q.origin + Q.step) < 2020
        lines += ["## Without the years 2020 and 2021 (the pandemic's common fall)", "",
                  f"{int((~calm).sum() / P.method.nunique()):,} forecasts a method fall in "
                  "2020 or 2021, when coverage fell in many countries at once; these are the "
                  "rest.", ""]
        lines += _table(summary(P[calm], Q[calm_q]), main_cols, _fmt) + [""]
    lines += ["## By the last observed share (all series)", ""]
    P2 = P.assign(level=pd.cut(P["last"], [0, 60, 80, 90, 95, 100]).astype(str))
    Q2 = Q.merge(P2[["method", "k", "origin", "step", "level"]].drop_duplicates(),
                 on=["method", "k", "origin", "step"])
    for g in sorted(P2.level.unique()):
        lines += [f"### last share in {g} %", ""]
        lines += _table(summary(P2[P2.level == g], Q2[Q2.level == g]),
                        ["forecasts", "80 % holds", "below", "above", "CRPS",
                         "Brier, relative", "Brier, fixed"], _fmt) + [""]
    lines += [f"## By {spec.group} (all series)", ""]
    for g in sorted(P.group.unique()):
        lines += [f"### {g}", ""]
        lines += _table(summary(P[P.group == g], Q[Q.group == g]),
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


def plot_reliability(Q: pd.DataFrame, path: Path, n_series: int, title: str) -> None:
    """The reliability diagram of the fixed-level questions (80, 90, 95 %)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    R = reliability(Q[Q.kind == "fixed"])
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.plot([0, 1], [0, 1], color="grey", lw=1, ls="--", label="perfect")
    for m in [m for m in RELIABILITY if m in set(R.method)]:
        r = R[R.method == m]
        ax.plot(r.predicted, r.observed, marker="o", label=m)
    ax.set_xlabel("predicted probability of reaching 80, 90 or 95 % (bin mean)")
    ax.set_ylabel("share of questions where it was reached")
    ax.set_title(f"Coverage shares: {n_series} {title} series,\n1-{H} years ahead",
                 fontsize=9)
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
