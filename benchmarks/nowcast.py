"""Rolling-origin benchmark: do the sub-annual readings lower the error (forecast.nowcast)?

For every series of ``data/`` that the nowcast applies to (``forecast.nowcast.METHODS``:
active participants, funds) and that has both year-ends and readings during the year, each
reading dated in a year Y+1 whose year-end Y+1 is observed and which has 3+ year-ends up to
Y is an origin. Two forecasts are made at each origin, with the same models and seed:

- **year-end only**: the year-ends up to Y, projected (the product before the nowcast);
- **nowcast**: :func:`forecast.nowcast.prepare` on the same year-ends and the readings up to
  the origin (an outlying year-end replaced, year Y+1 nowcast), projected.

Scored: the absolute log error of the median at the year-end Y+1 (the next year-end after
the origin, "one year ahead" of the year-end-only fit) and at Y+2 (the year after), where
observed. Only information dated up to the origin is used (the date reading of the
vintage; the shipped sources' publication dates are later than many readings).

Usage::

    .venv/bin/python benchmarks/nowcast.py [--n-paths 500]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from forecast.data import load_panel, select  # noqa: E402
from forecast.errors import ForecastError  # noqa: E402
from forecast.models import available_models  # noqa: E402
from forecast.nowcast import METHODS, prepare  # noqa: E402
from forecast.params import check_n_paths  # noqa: E402
from forecast.series import Series  # noqa: E402
from forecast.simulate import project  # noqa: E402

OUT = ROOT / "benchmarks" / "results" / "nowcast.md"


def _cut(s: Series, last_t: float) -> Series:
    keep = s.t <= last_t + 1e-9
    return Series(region=s.region, metric=s.metric, unit=s.unit, t=s.t[keep],
                  values=s.values[keep], dates=tuple(np.array(s.dates, object)[keep]),
                  source_ids=tuple(np.array(s.source_ids, object)[keep]))


def _median_at(series: Series, years: list[int], n_paths: int) -> dict[int, float]:
    horizon = max(years, default=0) - int(round(series.last_t))
    if horizon < 1:
        return {}
    proj = project(series, available_models(), horizon=horizon, n_paths=n_paths, seed=1,
                   backtest_k=0)
    return {y: float(np.median(proj.values_at(float(y)))) for y in years
            if y >= series.last_t}


def run(n_paths: int) -> list[dict]:
    panel = load_panel()
    rows = []
    obs = panel.observations
    for (region, metric), _ in obs[obs["metric"].isin(list(METHODS))].groupby(
            ["region", "metric"]):
        annual = select(panel, region, metric)
        points = select(panel, region, metric, annual=False)
        truth = {int(round(t)): v for t, v in zip(annual.t, annual.values)}
        ends = set(annual.dates)
        for t, d in zip(points.t, points.dates):
            if d in ends:
                continue
            year = int(d[:4])
            base = _cut(annual, year - 1)
            if year not in truth or len(base) < 3:
                continue
            seen = _cut(points, t)
            fitted, fields = prepare(base, seen)
            if "nowcast" not in fields or fields["nowcast"].get("value") is None:
                continue
            years = [y for y in (year, year + 1) if y in truth]
            try:
                plain = _median_at(base, years, n_paths)
                now = _median_at(fitted, [y for y in years if y > year], n_paths)
            except ForecastError:
                continue
            now[year] = fields["nowcast"]["value"]
            for y in years:
                if y in plain and y in now:
                    rows.append({"region": region, "metric": metric, "origin": d,
                                 "target": y, "ahead": y - year + 1,
                                 "plain": abs(np.log(plain[y] / truth[y])),
                                 "nowcast": abs(np.log(now[y] / truth[y])),
                                 "outlier": "outlier" in fields})
    return rows


def summary(rows: list[dict]) -> str:
    lines = ["# Nowcast benchmark (benchmarks/nowcast.py)", "",
             "Absolute log error of the median (x100, about % error) at the next year-end "
             "after the origin (`1`) and the year after (`2`): year-end-only fit against the "
             "fit started from the nowcast. Origins: every reading during a year whose "
             "year-end is observed (see the script's docstring).", "",
             "| series | year-end | origins | year-end only: mean | nowcast: mean | "
             "year-end only: median | nowcast: median | nowcast better at |",
             "|---|---|---|---|---|---|---|---|"]
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        key = ("national" if r["region"] == "national" else "regional", r["metric"],
               r["ahead"])
        groups.setdefault(key, []).append(r)
    for (scope, metric, ahead), rs in sorted(groups.items()):
        p = np.array([r["plain"] for r in rs]) * 100
        n = np.array([r["nowcast"] for r in rs]) * 100
        lines.append(f"| {scope} {metric} | {ahead} | {len(rs)} | {p.mean():.2f} | "
                     f"{n.mean():.2f} | {np.median(p):.2f} | {np.median(n):.2f} | "
                     f"{int((n < p).sum())} of {len(rs)} |")
    lines += ["", "Every origin:", "",
              "| region | metric | origin | year-end | year-end only | nowcast |",
              "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['region']} | {r['metric']} | {r['origin']} | {r['target']} | "
                     f"{r['plain'] * 100:.2f} | {r['nowcast'] * 100:.2f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-paths", type=int, default=500)
    args = parser.parse_args(argv)
    try:
        check_n_paths(args.n_paths)  # the engine's floor, in one line before the work
    except ForecastError as exc:
        print(f"nowcast: error: --n-paths: {str(exc).partition(': ')[2]}", file=sys.stderr)
        return 2
    rows = run(args.n_paths)
    text = summary(rows)
    OUT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
