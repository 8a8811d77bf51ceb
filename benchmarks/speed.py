"""Speed: the library alone, the batch, the naive papermill loop, and ``forecast --help``.

All three region runs use the same regions, paths and seed, measured in one benchmark run
as wall time of a command (so interpreter start and imports count where a user pays them):

(a) ``library_run.py``: one process calling :func:`forecast.results.run_region` per region;
(b) ``forecast batch``: the product's batch (papermill per region, ``--jobs`` at once);
(c) a shell-style loop calling the ``papermill`` command once per region, each with a fresh
    kernel, one after another;
(d) ``forecast --help`` against ``python -c pass``, each the median of several runs.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from forecast import config
from forecast.data import load_panel
from forecast.errors import ParameterError, RunError

from .machine import Timing, run_timed

HERE = Path(__file__).resolve().parent
TEMPLATE = config.NOTEBOOKS_DIR / "region_forecast.ipynb"

#: Goals of the issue, as ratios within one run.
GOAL_BATCH_VS_NAIVE = 5.0  # batch at least this many times faster than the naive loop
GOAL_BATCH_VS_LIBRARY = 5.0  # batch at most this many times the library alone
GOAL_HELP_VS_PYTHON = 3.0  # forecast --help at most this many times python -c pass


def venv_command(name: str) -> str:
    """A console script installed beside the running interpreter (the venv's bin/)."""
    path = Path(sys.executable).parent / name
    if not path.is_file():
        raise RunError(f"{path}: command not found; install the package into this "
                       f"environment (make bench does: pip install -e '.[bench]')")
    return str(path)


def resolve_regions(spec: str, data_dir: str | None) -> list[str]:
    """``all`` or comma-separated ids, checked against ``regions.csv``."""
    panel = load_panel(data_dir)
    if spec.strip() == "all":
        return panel.region_ids
    wanted = [r.strip() for r in spec.split(",") if r.strip()]
    unknown = [r for r in wanted if r not in set(panel.region_ids)]
    if unknown or not wanted:
        raise ParameterError(f"--speed-regions: unknown region(s) {', '.join(unknown) or '(none)'}"
                             f"; valid choices: all, {', '.join(panel.region_ids[:8])}, ...")
    return wanted


def _check(timing: Timing, what: str) -> None:
    if timing.returncode != 0:
        tail = " ".join((timing.stderr or timing.stdout).strip().splitlines()[-1:])[:300]
        raise RunError(f"{what} exited with code {timing.returncode}: {tail}")


@dataclass
class SpeedResult:
    """Seconds of each measure and the settings they share."""

    regions: list[str]
    n_paths: int
    jobs: int
    library: Timing
    library_compute: float
    targets: int
    batch: Timing
    naive_seconds: float
    naive_peak_mib: float | None
    naive_cpu: float | None
    naive_each: list[float]
    help_runs: list[float]
    python_runs: list[float]
    help_imports: list[tuple[str, float]] = field(default_factory=list)

    @property
    def help_seconds(self) -> float:
        return statistics.median(self.help_runs)

    @property
    def python_seconds(self) -> float:
        return statistics.median(self.python_runs)


def top_region(data_dir: str | None) -> str:
    """The scheme's top region: the one whose track record the batch re-runs by default,
    so (a) and (c) re-run it too and the three measures do the same work."""
    from forecast.scheme import load_scheme

    return load_scheme(data_dir or config.DATA_DIR).top_region


def library_alone(regions: list[str], *, n_paths: int, seed: int,
                  data_dir: str | None) -> tuple[Timing, float, int]:
    """(a) Wall time of one process projecting every region, its compute seconds and the
    number of targets it assessed."""
    cmd = [sys.executable, str(HERE / "library_run.py"), "--regions", ",".join(regions),
           "--n-paths", str(n_paths), "--seed", str(seed), "--track-record",
           top_region(data_dir)]
    if data_dir:
        cmd += ["--data-dir", str(data_dir)]
    timing = run_timed(cmd)
    _check(timing, "library_run.py")
    out = json.loads(timing.stdout.strip().splitlines()[-1])
    return timing, float(out["compute_seconds"]), int(out["targets"])


def batch(regions: list[str], *, n_paths: int, seed: int, jobs: int, data_dir: str | None,
          runs_dir: Path) -> Timing:
    """(b) Wall time of ``forecast batch`` over ``regions``; fails if a region failed."""
    cmd = [venv_command("forecast"), "batch", "--regions", ",".join(regions), "--jobs",
           str(jobs), "--n-paths", str(n_paths), "--seed", str(seed), "--runs-dir",
           str(runs_dir)]
    if data_dir:
        cmd += ["--data-dir", str(data_dir)]
    timing = run_timed(cmd)
    _check(timing, "forecast batch")
    m = re.search(r"(\d+) of (\d+) regions ok", timing.stdout)
    if not m or m.group(1) != m.group(2):
        raise RunError(f"forecast batch: not every region ran: {timing.stdout.strip()[-300:]}")
    return timing


def naive_loop(regions: list[str], *, n_paths: int, seed: int, data_dir: str | None,
               out_dir: Path) -> tuple[float, float | None, float, list[float]]:
    """(c) A loop calling the papermill command once per region, a fresh kernel each.

    Returns the total seconds, the largest peak memory of one call, the CPU seconds of all
    calls and each call's seconds.
    """
    papermill = venv_command("papermill")
    data = str(Path(data_dir).resolve()) if data_dir else str(config.DATA_DIR)
    each, peak, cpu = [], None, 0.0
    start = time.perf_counter()
    for region in regions:
        out = out_dir / region
        out.mkdir(parents=True, exist_ok=True)
        cmd = [papermill, str(TEMPLATE), str(out / "region_forecast.ipynb"),
               "-p", "region", region, "-p", "n_paths", str(n_paths), "-p", "seed", str(seed),
               "-p", "data_dir", data, "-p", "output_dir", str(out),
               "-k", "python3", "--cwd", str(TEMPLATE.parent), "--no-progress-bar"]
        if region == top_region(data_dir):  # as the batch does (b)
            cmd += ["-p", "track_record", "True"]
        timing = run_timed(cmd)
        _check(timing, f"papermill for {region}")
        each.append(timing.seconds)
        cpu += timing.cpu_seconds or 0.0
        if timing.peak_rss_mib is not None:
            peak = max(peak or 0.0, timing.peak_rss_mib)
    return time.perf_counter() - start, peak, cpu, each


def startup(repeats: int) -> tuple[list[float], list[float]]:
    """(d) Seconds of ``forecast --help`` and of ``python -c pass``, interleaved.

    Timed as a user's shell runs them: with the bytecode cache written by a first, untimed
    run of each. An environment with ``PYTHONDONTWRITEBYTECODE`` set (as some build machines
    have) would otherwise recompile the command line's modules from source on every run
    (about 4 ms of the CLI's 30 ms here), which is not what a user sees.
    """
    forecast = venv_command("forecast")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cmds = (([forecast, "--help"], []), ([sys.executable, "-c", "pass"], []))
    for timed in [False] + [True] * repeats:
        for cmd, into in cmds:
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=True, env=env)
            if timed:
                into.append(time.perf_counter() - start)
    return cmds[0][1], cmds[1][1]


def cli_imports(top: int = 6) -> list[tuple[str, float]]:
    """The slowest direct imports of ``forecast.cli`` (cumulative ms, ``-X importtime``)."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", "import forecast.cli"],
                          capture_output=True, text=True)
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \| ( *)(\S+)", line)
        if m and len(m.group(2)) == 2:
            rows.append((m.group(3), int(m.group(1)) / 1000))
        elif m and m.group(3) == "forecast.cli":
            rows.append(("forecast.cli (total)", int(m.group(1)) / 1000))
    total = [r for r in rows if r[0].endswith("(total)")]
    direct = sorted((r for r in rows if not r[0].endswith("(total)")), key=lambda r: -r[1])
    return total + direct[:top]


def run_speed(regions: list[str], *, n_paths: int, seed: int, jobs: int,
              data_dir: str | None, help_repeats: int = 15) -> SpeedResult:
    """Measure (a)-(d) in one run (see module docstring)."""
    with tempfile.TemporaryDirectory(prefix="forecast-bench-speed-") as tmp:
        tmp = Path(tmp)
        lib, compute, targets = library_alone(regions, n_paths=n_paths, seed=seed, data_dir=data_dir)
        bat = batch(regions, n_paths=n_paths, seed=seed, jobs=jobs, data_dir=data_dir,
                    runs_dir=tmp / "runs")
        naive, naive_peak, naive_cpu, each = naive_loop(regions, n_paths=n_paths, seed=seed,
                                             data_dir=data_dir, out_dir=tmp / "naive")
    helps, bare = startup(help_repeats)
    return SpeedResult(regions=regions, n_paths=n_paths, jobs=jobs, library=lib,
                       library_compute=compute, targets=targets, batch=bat, naive_seconds=naive,
                       naive_peak_mib=naive_peak, naive_cpu=naive_cpu, naive_each=each, help_runs=helps,
                       python_runs=bare, help_imports=cli_imports())


def speed_goals(r: SpeedResult) -> list[dict]:
    """The issue's speed goals, each with its measured ratio and whether it is met."""
    naive_ratio = r.naive_seconds / r.batch.seconds
    lib_ratio = r.batch.seconds / r.library.seconds
    help_ratio = r.help_seconds / r.python_seconds
    return [
        {"goal": f"batch at least {GOAL_BATCH_VS_NAIVE:g}x faster than the naive papermill loop",
         "met": naive_ratio >= GOAL_BATCH_VS_NAIVE,
         "measure": f"{naive_ratio:.2f}x ({r.naive_seconds:.1f} s / {r.batch.seconds:.1f} s)"},
        {"goal": f"batch at most {GOAL_BATCH_VS_LIBRARY:g}x the library alone",
         "met": lib_ratio <= GOAL_BATCH_VS_LIBRARY,
         "measure": f"{lib_ratio:.2f}x ({r.batch.seconds:.1f} s / {r.library.seconds:.1f} s)"},
        {"goal": f"forecast --help within {GOAL_HELP_VS_PYTHON:g}x of bare python",
         "met": help_ratio <= GOAL_HELP_VS_PYTHON,
         "measure": f"{help_ratio:.2f}x ({r.help_seconds * 1000:.0f} ms / "
                    f"{r.python_seconds * 1000:.0f} ms, medians of {len(r.help_runs)})"},
    ]
