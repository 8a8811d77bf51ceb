"""Run the benchmarks, print the markdown table and write it to benchmarks/results/.

    python benchmarks/run.py                 # everything (make bench), about 15 minutes
    python benchmarks/run.py --quick         # small sizes, a couple of minutes
    python benchmarks/run.py --section speed # one section (repeat the flag for more)

A full run writes ``benchmarks/results/<date>-<machine>.md`` and ``latest.md``; a quick or
partial run writes ``<date>-<machine>-<what>.md`` only, so it never replaces the latest
full table. Errors in options or data print one line and exit with code 2.
"""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, Python puts benchmarks/ first on the path; the project root instead makes
# the package importable as ``benchmarks`` without its modules shadowing any other.
if sys.path and Path(sys.path[0]).resolve() == ROOT / "benchmarks":
    sys.path[0] = str(ROOT)
elif str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from forecast import config  # noqa: E402
from forecast.errors import ForecastError  # noqa: E402

from benchmarks.scale import SCALE_MODELS  # noqa: E402

SECTIONS = ("accuracy", "calibration", "speed", "scale")
RESULTS_DIR = ROOT / "benchmarks" / "results"

#: Regions of the speed section: every region, as the issue asks (each projects its
#: participants to 2030 and assesses the targets it has).
SPEED_REGIONS = "all"
QUICK_SPEED_REGIONS = "national,bali,kalimantan-barat"


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated whole numbers such as "
                                         f"10,40,160, found {text!r}") from None
    if len(set(sizes)) < 2 or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"expected two or more distinct sizes >= 1, "
                                         f"found {text!r}")
    return sizes


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="benchmarks/run.py",
        description="Accuracy (rolling-origin backtest against peers), speed (library, batch, "
                    "naive papermill loop, --help) and scale (batch over synthetic regions).")
    p.add_argument("--quick", action="store_true",
                   help="small sizes for a quick check: 2,000 paths, 3 speed regions, scale "
                        "2,4,8 regions at 500 paths")
    p.add_argument("--section", action="append", choices=SECTIONS, default=None,
                   help="run only this section (repeatable; default: all)")
    p.add_argument("--data-dir", default=None, metavar="DIR",
                   help="the real data (default: the shipped data/)")
    p.add_argument("--seed", type=int, default=config.DEFAULT_SEED)
    p.add_argument("--accuracy-paths", type=int, default=None, metavar="N",
                   help="paths of our projections in the backtest (default 10000; quick 2000)")
    p.add_argument("--min-train", type=int, default=None, metavar="N",
                   help="fewest year-end points known at a backtest origin (default: 5)")
    p.add_argument("--no-peers", action="store_true",
                   help="skip statsforecast and Prophet in the backtest")
    p.add_argument("--speed-regions", default=None, metavar="all|ID,ID",
                   help="regions of the speed section (default: all; quick: "
                        f"{QUICK_SPEED_REGIONS})")
    p.add_argument("--speed-paths", type=int, default=None, metavar="N",
                   help="paths per region in the speed section (default 10000; quick 2000)")
    p.add_argument("--jobs", type=int, default=2, metavar="N",
                   help="regions the batch runs at once (default: %(default)s)")
    p.add_argument("--scale-sizes", type=_sizes, default=None, metavar="N,N,N",
                   help="numbers of synthetic regions (default 10,20,40,160; quick 2,4,8)")
    p.add_argument("--scale-paths", type=int, default=None, metavar="N",
                   help="paths per region in the scale section (default 1000; quick 500)")
    p.add_argument("--scale-models", default=SCALE_MODELS, metavar="NAME,NAME|all",
                   help="models of the synthetic regions (default: %(default)s; all: every "
                        "model)")
    p.add_argument("--budget-minutes", type=float, default=10.0, metavar="MIN",
                   help="time the scale section may take; its sizes projected to overrun "
                        "it are skipped and reported (default: %(default)s; 0: no limit)")
    p.add_argument("--output-dir", type=Path, default=RESULTS_DIR, metavar="DIR",
                   help="where the markdown is written (default: benchmarks/results)")
    p.add_argument("--no-write", action="store_true", help="print only; write no file")
    return p


def _write(text: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _say(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


def _calibration(no_peers: bool) -> str:
    """The calibrated engine on M3 yearly and on our own series (their own scripts)."""
    import subprocess

    py, here = sys.executable, ROOT / "benchmarks"
    # The combined point forecasts are NumPy only (seconds); the peers are the slow part.
    subprocess.run([py, str(here / "m3_compute.py")], check=True)
    # M3 is the benchmark; M1 and Tourism show whether the table carries over to other sets.
    for name in ("M3", "M1", "Tourism"):
        if not no_peers:
            subprocess.run([py, str(here / "m3.py"), "--set", name, "--peers-only"], check=True,
                           stdout=subprocess.DEVNULL)
        subprocess.run([py, str(here / "m3.py"), "--set", name]
                       + (["--no-peers"] if no_peers else []), check=True,
                       stdout=subprocess.DEVNULL)
    subprocess.run([py, str(here / "own_series.py")], check=True, stdout=subprocess.DEVNULL)
    # The pooled regions' walk against their own later readings (seconds).
    subprocess.run([py, str(here / "regional_calibration.py")], check=True,
                   stdout=subprocess.DEVNULL)
    # Why the bands hold more on M3 than on M1: the sets' held-out errors against their past.
    subprocess.run([py, str(here / "error_signal.py")], check=True, stdout=subprocess.DEVNULL)
    # And whether the members' disagreement would say more (it says little).
    subprocess.run([py, str(here / "disagreement_signal.py")], check=True,
                   stdout=subprocess.DEVNULL)
    # Shares of a bound, which the competitions lack: 706 immunization coverage series (a
    # flow, 4 min), 139 access-to-electricity and 178 internet-use series (stocks, 2 min each).
    for name in ("immunization", "electricity", "internet"):
        subprocess.run([py, str(here / "shares.py"), "--set", name], check=True,
                       stdout=subprocess.DEVNULL, env=os.environ | {"OMP_NUM_THREADS": "1"})
    # A centre shift for stocks, learnt on electricity and read on internet use (3 min), and
    # how near its bound a straight line in a share may come (8 min).
    for script in ("stock_shift.py", "share_floor.py"):
        subprocess.run([py, str(here / script)], check=True, stdout=subprocess.DEVNULL,
                       env=os.environ | {"OMP_NUM_THREADS": "1"})
    names = ["m3_yearly.md", "m1_yearly.md", "tourism_yearly.md", "own_series.md",
             "regional_calibration.md", "error_signal.md", "disagreement_signal.md",
             "shares.md", "shares_electricity.md", "shares_internet.md", "stock_shift.md",
             "share_floor.md"]
    if not no_peers:  # the variants' reach skill is against the cached RW drift peer
        subprocess.run([py, str(here / "table_variants.py")], check=True,
                       stdout=subprocess.DEVNULL)
        names.append("table_variants.md")
    results = ROOT / "benchmarks" / "results"
    return "\n\n".join((results / name).read_text(encoding="utf-8") for name in names)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.min_train is not None and args.min_train < 2:
        print(f"bench: error: --min-train: expected an integer >= 2, found {args.min_train}",
              file=sys.stderr)
        return 2
    # Speed and scale time `forecast run` and `forecast batch`, the accuracy section calls
    # the engine (forecast.simulate.project): each takes at least MIN_N_PATHS.
    for name, value in (("--accuracy-paths", args.accuracy_paths),
                        ("--speed-paths", args.speed_paths),
                        ("--scale-paths", args.scale_paths)):
        low = config.MIN_N_PATHS
        if value is not None and not low <= value <= config.MAX_N_PATHS:
            print(f"bench: error: {name}: expected an integer from {low:,} to "
                  f"{config.MAX_N_PATHS:,}, found {value}", file=sys.stderr)
            return 2
    quick = args.quick
    sections = list(dict.fromkeys(args.section or SECTIONS))
    acc_paths = args.accuracy_paths or (2_000 if quick else 10_000)
    speed_paths = args.speed_paths or (2_000 if quick else 10_000)
    scale_paths = args.scale_paths or (500 if quick else 1_000)
    scale_sizes = args.scale_sizes or ([2, 4, 8] if quick else [10, 20, 40, 160])
    speed_regions = args.speed_regions or (QUICK_SPEED_REGIONS if quick else SPEED_REGIONS)

    from benchmarks.machine import machine_info, short_name
    from benchmarks.report import accuracy_md, header, scale_md, speed_md

    info = machine_info(ROOT)
    started = datetime.now(timezone.utc)
    command = "python benchmarks/run.py" + ("".join(f" {shlex.quote(a)}"
                                                     for a in sys.argv[1:]) if argv is None
                                             else "".join(f" {shlex.quote(a)}" for a in argv))
    if os.environ.get("MAKELEVEL"):
        command = f"make bench ({command})"
    body, times = [], {}
    try:
        if "accuracy" in sections:
            from benchmarks.accuracy import MIN_TRAIN, run_accuracy
            from forecast.data import load_panel

            _say(f"accuracy: rolling-origin backtest, {acc_paths:,} paths ...")
            t = time.perf_counter()
            res = run_accuracy(load_panel(args.data_dir), n_paths=acc_paths, seed=args.seed,
                               min_train=args.min_train or MIN_TRAIN,
                               peer_libraries=not args.no_peers)
            times["accuracy"] = time.perf_counter() - t
            body.append(accuracy_md(res, n_paths=acc_paths,
                                    min_train=args.min_train or MIN_TRAIN))
            _say(f"accuracy done in {times['accuracy']:.0f} s")
        if "calibration" in sections:
            _say("calibration: M3 yearly (645 series, 2 processes) and own series ...")
            t = time.perf_counter()
            body.append(_calibration(args.no_peers))
            times["calibration"] = time.perf_counter() - t
            _say(f"calibration done in {times['calibration']:.0f} s")
        if "speed" in sections:
            from benchmarks.speed import resolve_regions, run_speed

            regions = resolve_regions(speed_regions, args.data_dir)
            _say(f"speed: {len(regions)} regions, {speed_paths:,} paths: library, batch, "
                 f"naive loop, --help ...")
            t = time.perf_counter()
            sp = run_speed(regions, n_paths=speed_paths, seed=args.seed, jobs=args.jobs,
                           data_dir=args.data_dir, help_repeats=5 if quick else 15)
            times["speed"] = time.perf_counter() - t
            body.append(speed_md(sp))
            _say(f"speed done in {times['speed']:.0f} s")
        if "scale" in sections:
            from benchmarks.scale import run_scale

            _say(f"scale: batch over {','.join(map(str, scale_sizes))} synthetic regions, "
                 f"{scale_paths:,} paths ...")
            t = time.perf_counter()
            # The section's own time: a budget for the whole run left the scale nothing
            # once the calibration section (17 min) came before it.
            budget = args.budget_minutes * 60 if args.budget_minutes > 0 else None
            models = "" if args.scale_models.strip() == "all" else args.scale_models
            sc = run_scale(scale_sizes, n_paths=scale_paths, seed=args.seed, jobs=args.jobs,
                           models=models, source_dir=args.data_dir, budget=budget)
            times["scale"] = time.perf_counter() - t
            body.append(scale_md(sc, full_paths=speed_paths))
            _say(f"scale done in {times['scale']:.0f} s")
    except ForecastError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        return 2
    times["total"] = sum(times.values())
    text = "\n\n".join([header(info, date=started.strftime("%Y-%m-%d %H:%M UTC"),
                               command=command, sections=times)] + body) + "\n"
    print(text)
    if not args.no_write:
        full = not quick and set(sections) == set(SECTIONS) and not args.no_peers
        stem = f"{started:%Y-%m-%d}-{short_name(info)}"
        if not full:
            stem += "-" + ("quick" if quick else "-".join(sections))
        out = args.output_dir / f"{stem}.md"
        _write(text, out)
        written = [out]
        if full:
            _write(text, args.output_dir / "latest.md")
            written.append(args.output_dir / "latest.md")
        _say("wrote " + ", ".join(str(p) for p in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
