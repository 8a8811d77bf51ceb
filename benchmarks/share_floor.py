"""How close to its bound may a straight line in a share come? (``combine.SHARE_FLOOR``)

Three of the engine's five members work on the share itself (``theta_level``,
``damped_level``, ``rw_drift_level``): a straight line, which crosses 100 % when a share
climbs fast near it. The engine keeps such a line a fraction of its last distance from the
bound. That fraction was the count's floor (5 %), carried over unscored. When a share
climbs fast near its bound, all three members stop at that floor, the median of the five
is the floor itself, and the band, drawn on the logit around it, collapses onto it: from a
share of 98.4 % rising 2.5 points a year, the next year's band was 99.87-99.95 %.

This scores three floors, 0.05 (the count's), 0.25 and 0.5, on the three sets of coverage
series of ``shares.py`` by halves. The rule is the one that chose on these sets before
(``benchmarks/README.md`` item 12): a change to the shares' centre is taken only if it
lowers CRPS on the odd halves of both immunization and electricity (among several, the
lowest mean CRPS there); it is then read on the even halves and on Internet use, which
the rule does not look at. Counts keep their floor (``combine.LEVEL_FLOOR``): nothing
scored on M3, M1 or Tourism moves.

Usage::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/share_floor.py   # -> results/share_floor.md
    .venv/bin/python benchmarks/share_floor.py --quick             # every 8th series
"""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import shares  # noqa: E402
import shares_cli  # noqa: E402
from shares_report import _fmt, _table, summary  # noqa: E402

from forecast import calibration, combine  # noqa: E402

OUT = shares.RESULTS / "share_floor.md"
FLOORS = (0.05, 0.25, 0.5)
RULE_SETS = ("immunization", "electricity")
SETS = ("immunization", "electricity", "internet")
COLS = ["forecasts", "80 % holds", "below", "above", "95 % holds", "CRPS",
        "Brier, relative", "Brier, fixed", "skill vs RW, relative", "skill vs RW, fixed"]
NEAR = 90.0


@contextlib.contextmanager
def share_floor(value: float):
    """``combine.SHARE_FLOOR`` set to ``value`` for the block (the engine reads it per call)."""
    kept = combine.SHARE_FLOOR
    combine.SHARE_FLOOR = value
    try:
        yield
    finally:
        combine.SHARE_FLOOR = kept


def name_of(floor: float) -> str:
    return f"floor {floor:g}"


def score_set(series, n_paths: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every series scored with each floor (the shipped table) and with RW drift once."""
    table = calibration.load_table()
    frames = []
    for floor in FLOORS:
        pts, qs = [], []
        runs = {name_of(floor): dict(members=combine.COMBINATION, table=table)}
        with share_floor(floor):
            for k, _iso, group, years, v in series:
                for i in shares.origins(v):
                    shares.score_origin(runs, k, group, years, v, i, n_paths, pts, qs)
        P, Q = shares.frames(pts, qs)
        if floor != FLOORS[0]:  # RW drift does not depend on the floor: keep it once
            P, Q = P[P.method != "RW drift"], Q[Q.method != "RW drift"]
        frames.append((P, Q))
    return (pd.concat([f[0] for f in frames], ignore_index=True),
            pd.concat([f[1] for f in frames], ignore_index=True))


def summarise(P: pd.DataFrame, Q: pd.DataFrame) -> pd.DataFrame:
    """:func:`shares_report.summary` of the floors and RW drift."""
    return summary(P, Q, methods=[name_of(f) for f in FLOORS] + ["RW drift"])


def choose(odd: dict[str, pd.DataFrame]) -> tuple[float | None, list[str]]:
    """The rule: among the floors that lower CRPS on the odd half of every rule set against
    the count's floor, the lowest mean CRPS there (None: none qualifies)."""
    base = name_of(FLOORS[0])
    lines, passing = [], {}
    for floor in FLOORS[1:]:
        name = name_of(floor)
        lower = [odd[s].loc[name, "CRPS"] < odd[s].loc[base, "CRPS"] for s in RULE_SETS]
        lines.append(f"- {name}: odd-half CRPS "
                     + "; ".join(f"{s} {odd[s].loc[name, 'CRPS']:.4f} against "
                                 f"{odd[s].loc[base, 'CRPS']:.4f}" for s in RULE_SETS)
                     + (": lower on both" if all(lower) else ": **not lower on both**"))
        if all(lower):
            passing[floor] = np.mean([odd[s].loc[name, "CRPS"] for s in RULE_SETS])
    return (min(passing, key=passing.get) if passing else None), lines


def main(argv=None) -> int:
    args = shares_cli.parse("share_floor", __doc__, OUT, argv)
    if args is None:
        return 2
    start = time.perf_counter()
    sets = shares_cli.load_sets("share_floor", SETS, args.quick)
    if sets is None:
        return 2
    odd, parts = {}, []
    for name in SETS:
        print(f"share_floor: scoring {name}", file=sys.stderr)
        P, Q = score_set(sets[name], args.paths)
        for title, sel in (("odd half", 1), ("even half", 0), ("every series", None)):
            p = P if sel is None else P[P.k % 2 == sel]
            q = Q if sel is None else Q[Q.k % 2 == sel]
            S = summarise(p, q)
            if name in RULE_SETS and sel == 1:
                odd[name] = S
            parts += [f"## {name}, {title}", ""] + _table(S, COLS, _fmt) + [""]
        near = P["last"] > NEAR
        parts += [f"## {name}, last share above {NEAR:g} % (every series)", ""]
        parts += _table(summarise(P[near], Q.merge(
            P.loc[near, ["method", "k", "origin", "step"]].drop_duplicates(),
            on=["method", "k", "origin", "step"])), COLS, _fmt) + [""]
    chosen, verdict = choose(odd)
    seconds = time.perf_counter() - start
    said = ("none: the count's floor stays" if chosen is None
            else f"**{name_of(chosen)}**")
    lines = ["# The share members' floor near the bound", "",
             f"Command: `OMP_NUM_THREADS=1 .venv/bin/python benchmarks/share_floor.py"
             f"{' --quick' if args.quick else ''}` ({seconds / 60:.0f} min), "
             f"{args.paths:,} paths a forecast, the shipped error table; floors "
             + ", ".join(f"{f:g}" for f in FLOORS) + " of the last distance from the bound.",
             "", "## The rule (odd halves of " + " and ".join(RULE_SETS) + ")", "",
             *verdict, "", f"Chosen: {said}.", ""] + parts
    return shares_cli.write("share_floor", args.out, "\n".join(lines))

if __name__ == "__main__":
    raise SystemExit(main())
