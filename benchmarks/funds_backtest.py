"""Backtest of the structural fund model against the trend models (issue 5).

At every origin year with the inputs estimable, the data is cut at that year, the fund is
projected 1-3 years ahead, and each method's median is scored against the observed
year-end fund (absolute percentage error). Reproduce with::

    .venv/bin/python benchmarks/funds_backtest.py [--as-of YEAR] [--n-paths N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import sys

from forecast import config
from forecast.data import load_panel
from forecast.vintage import vintage
from forecast.errors import ForecastError
from forecast.fund_backtest import backtest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--region", default="national")
    parser.add_argument("--as-of", default=None, help="use only data known by then")
    parser.add_argument("--n-paths", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=config.DEFAULT_SEED)
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = parser.parse_args(argv)
    try:
        panel = vintage(load_panel(args.data_dir), args.as_of, basis="date")
        result = backtest(panel, args.region, n_paths=args.n_paths, seed=args.seed)
    except ForecastError as exc:
        print(f"funds_backtest: error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"origins {result['origins']}; forecasts per horizon {result['n']}; "
          f"{args.n_paths} paths, seed {args.seed}")
    for s in result["skipped"]:
        print(f"  origin {s['origin']} skipped: {s['reason']}")
    print(f"{'method':<12} {'MAPE h=1':>9} {'h=2':>7} {'h=3':>7} {'all':>7} {'n':>3}")
    for name, m in sorted(result["mape"].items(), key=lambda kv: kv[1]["all"] or 9):
        cells = ["   n/a" if m[k] is None else f"{m[k]:6.1%}" for k in ("1", "2", "3", "all")]
        print(f"{name:<12} {cells[0]:>9} {cells[1]:>7} {cells[2]:>7} {cells[3]:>7} {m['n']:>3}")
    print()
    # the projection's column is named by its method: "calibrated" (the default) or "mixture"
    engine = next((m for m in ("calibrated", "mixture") if m in result["mape"]), None)
    print(f"{'origin':>6} {'year':>5} {'actual':>8} {'structural':>10} {engine or '':>10}")
    for r in result["rows"]:
        cell = f"{r[engine]:10.1f}" if engine in r else f"{'n/a':>10}"
        print(f"{r['origin']:>6} {r['year']:>5} {r['actual']:8.1f} {r['structural']:10.1f} "
              f"{cell}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
