"""Speed (a): the library alone projects every region in one process (no notebook, no figures).

Run by ``benchmarks/speed.py`` as a separate process, so its wall time includes the
interpreter start and the imports once, as a user's script would pay them. Prints one JSON
line: the seconds spent inside ``run_region`` and the number of targets assessed.

    python benchmarks/library_run.py --regions national,bali --n-paths 10000
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", required=True, help="comma-separated region ids")
    parser.add_argument("--n-paths", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261231)
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--track-record", default="", metavar="REGION",
                        help="also re-run this region as of each past year-end, as the "
                             "batch does for the scheme's top region")
    args = parser.parse_args(argv)

    from forecast.data import load_panel
    from forecast.errors import ForecastError
    from forecast.results import add_track_record, run_region

    start = time.perf_counter()
    try:
        panel = load_panel(args.data_dir)
        targets = 0
        for region in [r for r in args.regions.split(",") if r]:
            run = run_region(panel, region, n_paths=args.n_paths, seed=args.seed)
            if region == args.track_record:
                add_track_record(run, panel)
            targets += len(run["targets"])
    except ForecastError as exc:
        print(f"library_run: error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({"compute_seconds": time.perf_counter() - start, "targets": targets}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
