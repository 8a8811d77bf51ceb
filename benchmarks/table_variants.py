"""How the error table's recipe was chosen: variants scored on M1 and Tourism, then M3.

Each variant builds the table from the same cache rows (``benchmarks/m3_compute.py``) and
is scored exactly as ``benchmarks/m3.py`` scores the shipped recipe: cross-fitted, so a
series never meets a table built from any of its own rows. The choice rule, fixed before
M3 was scored: among the variants whose 80 % bands hold 77-83 % overall on both M1 and
Tourism, take the one with the lowest CRPS averaged over the two (:func:`choose`). M3 is
printed for the record, after the choice.

Variants (``--variants``, comma-separated):

* ``second``: the second round's recipe: exponents from all training trajectories, one map
  pooled over horizons to each series' latest training origin, centred on zero;
* ``one-scale``: the third and fourth rounds' recipe: the latest training origins plus the
  held-out errors of other series as the calibration set, one map a horizon, median kept,
  the spread ``s ** b_h`` with exponents fitted on the calibration set;
* ``shipped``: the recipe in use (:func:`benchmarks.build_error_table.make_table`), as
  ``one-scale`` but the spread ``s ** b_h * v ** c_h``, ``v`` the volatility of the yearly
  changes (:func:`forecast.calibration.volatility_of`; added in the fifth round);
* ``centred``: as one-scale, the median set to zero;
* ``pooled``: as one-scale, one map pooled over the horizons;
* ``b-all``, ``b-latest``, ``b-held``: as one-scale, exponents fitted on all training
  trajectories, on the latest origins only, or on the held-out errors only;
* ``held-only``: the calibration set is the held-out errors alone (forecasts from whole
  histories, the situation of use; split conformal in its textbook form), every training
  trajectory mapped to it, exponents fitted on it (added in the fourth round);
* ``held-only-vol``: the same with the volatility in the spread (fifth round);
* ``vol-floor-K``: as shipped, each series' volatility at least ``K`` times its scale
  (fifth round: does a smooth history deserve less trust than its smoothness says?);
* ``disagree``: as shipped, with the five members' disagreement (the range of their log
  forecasts, :func:`benchmarks.disagreement_signal.disagreement`) as a third factor of the
  spread, ``s ** b_h * v ** c_h * d_h ** e_h`` (eighth round).

Usage::

    .venv/bin/python benchmarks/table_variants.py [--sets M1,Tourism,M3]

Writes ``benchmarks/results/table_variants.md``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import m3  # noqa: E402
from benchmarks.build_error_table import fit_exponents, latest_origin, recalibrate  # noqa: E402
from benchmarks.m3data import load_yearly  # noqa: E402
from forecast import calibration  # noqa: E402

H = m3.H
EC = [f"e{h}" for h in range(1, H + 1)]
VARIANTS = ("second", "one-scale", "shipped", "centred", "pooled", "b-all", "b-latest", "b-held",
            "held-only", "held-only-vol", "vol-floor-0.25", "vol-floor-0.5", "vol-floor-1",
            "disagree")
DC = [f"d{h}" for h in range(1, H + 1)]
#: Least disagreement taken (members that agree exactly would make a zero spread).
D_FLOOR = 1e-3


def pooled_map(deep: np.ndarray, cal: np.ndarray, against: np.ndarray | None = None,
               midrank: bool = True) -> np.ndarray:
    """One monotone map for every horizon: the calibration PITs pooled over the horizons.

    The PITs place ``cal`` among ``against`` (default ``deep``); the second round used the
    left rank (``midrank=False``), the shipped recipe the mid-rank.
    """
    against = deep if against is None else against
    pits = []
    for h in range(deep.shape[1]):
        c = cal[:, h][np.isfinite(cal[:, h])]
        srt = np.sort(against[:, h])
        left = np.searchsorted(srt, c, "left")
        right = np.searchsorted(srt, c, "right") if midrank else left
        pits.append((left + right) / (2 * len(srt)))
    pit = np.concatenate(pits)
    out = deep.copy()
    for h in range(deep.shape[1]):
        col = deep[:, h]
        level = (np.searchsorted(np.sort(col), col, side="left") + 0.5) / len(col)
        out[:, h] = np.quantile(col, np.clip(np.quantile(pit, level), 0.0, 1.0))
    return out


def with_disagreement(cache: pd.DataFrame) -> pd.DataFrame:
    """The cache with each row's members' disagreement by horizon (``d1`` ... ``d6``)."""
    from benchmarks.disagreement_signal import disagreement

    d = np.maximum(disagreement(cache), D_FLOOR)
    return cache.assign(**{c: d[:, h] for h, c in enumerate(DC)})


def fit_three_exponents(raw, s, v, d):
    """Per horizon, ``b_h, c_h, e_h`` of ``|error| ~ s ** b_h * v ** c_h * d_h ** e_h``."""
    out = []
    for h in range(raw.shape[1]):
        ok = np.isfinite(raw[:, h]) & (raw[:, h] != 0)
        x = np.column_stack([np.ones(ok.sum()), np.log(s[ok]), np.log(v[ok]),
                             np.log(d[ok, h])])
        out.append(calibration._median_regression(x, np.log(np.abs(raw[ok, h])))[1:])
    return np.asarray(out, dtype=float).T


def build_disagree(rows: pd.DataFrame, held: pd.DataFrame):
    """The shipped recipe with the disagreement as a third factor: the table and ``e_h``."""
    s, v, d = (rows["scale"].to_numpy(float), rows["vol"].to_numpy(float),
               rows[DC].to_numpy(float))
    latest = latest_origin(list(rows.index), rows["origin"].to_numpy())
    hs, hv, hd = (held["scale"].to_numpy(float), held["vol"].to_numpy(float),
                  held[DC].to_numpy(float))
    raw, hraw = rows[EC].to_numpy(float) * s[:, None], held[EC].to_numpy(float) * hs[:, None]
    cal_raw, cal_d = np.vstack([raw[latest], hraw]), np.vstack([d[latest], hd])
    cal_s, cal_v = np.concatenate([s[latest], hs]), np.concatenate([v[latest], hv])
    b, c, e = fit_three_exponents(cal_raw, cal_s, cal_v, cal_d)
    std = raw / (s[:, None] ** b * v[:, None] ** c * d ** e)
    cal = cal_raw / (cal_s[:, None] ** b * cal_v[:, None] ** c * cal_d ** e)
    table = calibration.ErrorTable(errors=recalibrate(std[~latest], cal), exponents=b,
                                   vol_exponents=c)
    return table, e


def ours_disagree(data, cache: pd.DataFrame, h: int) -> np.ndarray:
    """:func:`benchmarks.m3.ours` for ``disagree``: each path's errors times ``d_h ** e_h``."""
    test = cache[cache.kind == "test"].drop_duplicates("series").set_index("series")
    built = {}
    tables, fold, _ = m3.tables_for(data, cache, True,
                                    lambda r, hh: built.setdefault(len(built), build_disagree(r, hh))[0])
    e_of = {id(t): e for t, e in built.values()}
    out = np.full((len(data), m3.GRID.size, h), np.nan)
    for i, (sn, _, _) in enumerate(data):
        if sn not in test.index:
            continue
        z = test.loc[sn, [f"z{j}" for j in range(1, H + 1)]].to_numpy(float)[:h]
        table = tables[fold[sn]]
        extra = test.loc[sn, DC].to_numpy(float)[:h] ** e_of[id(table)][:h]
        rng = np.random.default_rng([m3.SEED, i])
        err = calibration.scaled_errors(float(test.loc[sn, "scale"]), table, h, m3.N_PATHS,
                                        rng, vol=float(test.loc[sn, "vol"]))
        out[i] = np.quantile(np.exp(z[None, :] + err * extra[None, :]), m3.GRID, axis=0)
    return out


def builder(variant: str):
    """``build(training rows, held-out rows) -> ErrorTable`` for one variant."""
    if variant not in VARIANTS:
        raise SystemExit(f"table_variants.py: --variants: expected some of {', '.join(VARIANTS)}; "
                         f"found {variant!r}")

    if variant == "shipped":
        return m3.shipped_table
    if variant == "held-only-vol":
        def build_held(rows: pd.DataFrame, held: pd.DataFrame) -> calibration.ErrorTable:
            s, v = rows["scale"].to_numpy(float), rows["vol"].to_numpy(float)
            hs, hv = held["scale"].to_numpy(float), held["vol"].to_numpy(float)
            raw = rows[EC].to_numpy(float) * s[:, None]
            hraw = held[EC].to_numpy(float) * hs[:, None]
            b, c = calibration.fit_two_exponents(hraw, hs, hv)
            deep = raw / (s[:, None] ** b * v[:, None] ** c)
            cal = hraw / (hs[:, None] ** b * hv[:, None] ** c)
            return calibration.ErrorTable(errors=recalibrate(deep, cal), exponents=b,
                                          vol_exponents=c)
        return build_held

    def build(rows: pd.DataFrame, held: pd.DataFrame) -> calibration.ErrorTable:
        e, s = rows[EC].to_numpy(float), rows["scale"].to_numpy(float)
        latest = latest_origin(list(rows.index), rows["origin"].to_numpy())
        raw = e * s[:, None]
        hs = held["scale"].to_numpy(float)
        hraw = held[EC].to_numpy(float) * hs[:, None]
        if variant == "second":
            b = calibration.fit_exponents(raw, s)
            std = raw / s[:, None] ** b[None, :]
            # the whole table mapped, the latest origins placed among the earlier ones
            out = pooled_map(std, std[latest], against=std[~latest], midrank=False)
            return calibration.ErrorTable(errors=out - np.median(out, axis=0), exponents=b)
        if variant == "held-only":
            b = fit_exponents(hraw, hs)
            deep, cal = raw / s[:, None] ** b[None, :], hraw / hs[:, None] ** b[None, :]
            return calibration.ErrorTable(errors=recalibrate(deep, cal), exponents=b)
        cal_raw, cal_s = np.vstack([raw[latest], hraw]), np.concatenate([s[latest], hs])
        b = {"b-all": lambda: calibration.fit_exponents(raw, s),
             "b-latest": lambda: fit_exponents(raw[latest], s[latest]),
             "b-held": lambda: fit_exponents(hraw, hs)}.get(variant,
                                                           lambda: fit_exponents(cal_raw, cal_s))()
        deep = raw[~latest] / s[~latest, None] ** b[None, :]
        cal = cal_raw / cal_s[:, None] ** b[None, :]
        out = pooled_map(deep, cal) if variant == "pooled" else recalibrate(deep, cal)
        if variant == "centred":
            out = out - np.median(out, axis=0)
        return calibration.ErrorTable(errors=out, exponents=b)

    return build


def score_variant(setname: str, variant: str, cache: pd.DataFrame) -> dict:
    if variant.startswith("vol-floor-"):
        # the volatility of every row, scored series included, at least k times its scale
        k = float(variant[len("vol-floor-"):])
        cache = cache.assign(vol=np.maximum(cache["vol"], k * cache["scale"]))
        variant = "shipped"
    have = set(cache[cache.kind == "test"].series)
    data = [d for d in load_yearly(setname) if d[0] in have]
    h = min(len(xx) for _, _, xx in data)
    if variant == "disagree":
        q = ours_disagree(data, cache, h)
    else:
        q, _, _ = m3.ours(data, cache, h, build=builder(variant))
    sc = m3.score(q, data)
    peers = np.load(m3.RESULTS / f"{'m3' if setname == 'M3' else setname.lower()}_peers.npz")
    pos = {sn: i for i, sn in enumerate(peers["ids"])}
    q_rw = peers["q_RW drift"][[pos[sn] for sn, _, _ in data]]
    briers = []
    for qq in (q, q_rw):
        p, o = m3.reach(qq, data, fixed=True)
        briers.append(float(np.mean((p - o) ** 2)))
    sc["skill"] = 1 - briers[0] / briers[1]
    sc["n"] = len(data)
    return sc


def pooled(scores: dict, variant: str, sets: list[str]) -> tuple[float, float, list, list]:
    """80 % and 95 % band coverage over every held-out forecast of ``sets`` together."""
    parts = [scores[s, variant] for s in sets]
    horizons = max(len(p["cov80_h"]) for p in parts)
    by_h = {}
    for key in ("cov80_h", "cov95_h"):
        num, den = np.zeros(horizons), np.zeros(horizons)
        for p in parts:
            k = len(p[key])
            num[:k] += p[key] * p["n"]
            den[:k] += p["n"]
        by_h[key] = (num.sum() / den.sum(), num / den)
    return by_h["cov80_h"][0], by_h["cov95_h"][0], by_h["cov80_h"][1], by_h["cov95_h"][1]


def choose(scores: dict) -> str | None:
    """The rule: 80 % bands 77-83 % on M1 and Tourism, then the lowest mean CRPS there."""
    ok = {v: (a["CRPS"] + b["CRPS"]) / 2
          for v in {v for _, v in scores}
          if (a := scores.get(("M1", v))) and (b := scores.get(("Tourism", v)))
          and all(0.77 <= x["cov80"] <= 0.83 for x in (a, b))}
    return min(ok, key=ok.get) if ok else None


def lowers_both(scores: dict, base: str = "shipped") -> list[str] | None:
    """The variants with a lower CRPS than ``base`` on M1 and on Tourism both (the rule of
    the rounds after the third), or None when ``base`` was not run on both."""
    if ("M1", base) not in scores or ("Tourism", base) not in scores:
        return None
    return sorted(v for v in {v for _, v in scores} - {base}
                  if all((s, v) in scores and scores[s, v]["CRPS"] < scores[s, base]["CRPS"]
                         for s in ("M1", "Tourism")))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="M1,Tourism,M3")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args(argv)
    cache = m3.load_cache()
    if "disagree" in args.variants.split(","):
        cache = with_disagreement(cache)
    lines = ["# Error-table variants, cross-fitted (benchmarks/table_variants.py)", "",
             "Choice rule, fixed before M3 was scored: among the variants whose 80 % bands hold "
             "77-83 % overall on M1 and on Tourism, the lowest CRPS averaged over the two. Skill: fixed-threshold reach questions, "
             "Brier skill against RW drift. M3 is for the record, after the choice.", "",
             "| set | variant | MASE | CRPS | MSIS | 80 % | 80 % by h | 95 % by h | "
             "median > actual | skill |", "|---|---|---:|---:|---:|---:|---|---|---:|---:|"]
    scores = {}
    for setname in args.sets.split(","):
        for variant in args.variants.split(","):
            sc = scores[setname, variant] = score_variant(setname, variant, cache)
            lines.append(
                f"| {setname} | {variant} | {sc['MASE']:.3f} | {sc['CRPS']:.3f} | "
                f"{sc['MSIS']:.2f} | {sc['cov80']:.1%} | "
                + " ".join(f"{v * 100:.1f}" for v in sc["cov80_h"]) + " | "
                + " ".join(f"{v * 100:.1f}" for v in sc["cov95_h"])
                + f" | {sc['med_above']:.1%} | {sc['skill']:+.3f} |")
            print(lines[-1], flush=True)
    sets = args.sets.split(",")
    if len(sets) > 1:
        lines += ["", f"Pooled over every held-out forecast of {', '.join(sets)}:", "",
                  "| variant | 80 % | 80 % by h | 95 % | 95 % by h |", "|---|---:|---|---:|---|"]
        for variant in args.variants.split(","):
            c80, c95, h80, h95 = pooled(scores, variant, sets)
            lines.append(f"| {variant} | {c80:.1%} | " + " ".join(f"{v * 100:.1f}" for v in h80)
                         + f" | {c95:.1%} | " + " ".join(f"{v * 100:.1f}" for v in h95) + " |")
    lines += ["", "Chosen by the third round's rule (the lowest mean CRPS of M1 and Tourism among "
              "the variants whose 80 % bands hold 77-83 % on both): "
              f"**{choose(scores) or 'none (M1 and Tourism not both run)'}**."]
    lower = lowers_both(scores)
    if lower is not None:
        lines += ["", "Later rounds change the shipped recipe only where a variant lowers CRPS on "
                  "M1 and on Tourism both: " + (", ".join(lower) or "none") + "."]
    print("\n".join(lines[-3:]))
    (m3.RESULTS / "table_variants.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
