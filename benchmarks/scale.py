"""Scale: time and peak memory of ``forecast batch`` over 10, 40 and 160 synthetic regions.

One temporary data directory holds the shipped data plus the largest number of synthetic
regions (:mod:`benchmarks.synthetic`); each size runs the batch over the first ``n`` of
them, so every size reads the same files and does the same mix of work per region. The
time against ``n`` is fitted with a line: its slope is the marginal cost of a region, and
growth is called linear when R^2 >= 0.99 and the cost per added region of the last step is
within a factor 1.25 of the first step's. Both wall and CPU time (the batch and its
kernels, see :mod:`benchmarks.machine`) are fitted; the verdict is on CPU time, which other
people's work on a shared machine barely moves, and the wall-time line is shown beside it.

By default the regions run the closed-form models only (``SCALE_MODELS``): the question is
whether the batch machinery grows linearly, and the statsmodels fits would multiply the
time by three without changing what grows. Sizes run smallest first; a size whose time,
projected from the line through the sizes already run, would overrun the time budget is
skipped and reported as skipped.
"""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from forecast.errors import ParameterError, RunError

from .machine import Timing, run_timed
from .scoring import linear_fit
from .speed import venv_command
from .synthetic import make_synthetic_data

#: Linearity criteria (see module docstring).
MIN_R2 = 0.99
MAX_STEP_RATIO = 1.25
#: Sizes a linearity verdict needs: two always lie on a line.
MIN_SIZES = 3
#: Models the synthetic regions run by default (no statsmodels fit: see module docstring).
SCALE_MODELS = "linear,exponential,rw_drift"


@dataclass(frozen=True)
class ScaleRow:
    regions: int
    timing: Timing


@dataclass(frozen=True)
class ScaleResult:
    rows: tuple[ScaleRow, ...]
    n_paths: int
    jobs: int
    models: str
    fit: dict[str, float]  # CPU seconds against regions
    step_costs: tuple[float, ...]  # CPU seconds per added region between consecutive sizes
    wall_fit: dict[str, float] | None = None
    wall_step_costs: tuple[float, ...] = ()
    skipped: tuple[tuple[int, float, float], ...] = ()  # (size, projected s, s left) not run
    budget: float | None = None  # seconds the sizes had


def run_scale(sizes: Sequence[int], *, n_paths: int, seed: int, jobs: int,
              models: str = SCALE_MODELS, source_dir: str | None = None,
              budget: float | None = None) -> ScaleResult:
    """Run the batch over each number of synthetic regions; fit time against the number.

    Parameters
    ----------
    sizes : sequence of int
        Numbers of synthetic regions (two or more distinct).
    n_paths, seed, jobs : int
        As ``forecast batch`` takes them.
    models : str
        ``forecast batch --models`` (comma-separated; empty for every model).
    source_dir : str, optional
        Real data the synthetic regions are scaled from; default the shipped data.
    budget : float, optional
        Seconds the sizes may take in all; a size projected to overrun it is skipped
        (never the first two, which the projection needs).

    Raises
    ------
    ParameterError
        With fewer than two distinct sizes.
    RunError
        If a batch fails or not every region ran.
    """
    sizes = sorted({int(n) for n in sizes})
    if len(sizes) < 2 or sizes[0] < 1:
        raise ParameterError(f"--scale-sizes: expected two or more distinct sizes >= 1, "
                             f"found {','.join(map(str, sizes)) or '(none)'}")
    rows, skipped = [], []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="forecast-bench-scale-") as tmp:
        data_dir = Path(tmp) / "data"
        ids = make_synthetic_data(sizes[-1], data_dir, source_dir=source_dir, seed=seed)
        for n in sizes:
            if budget is not None and len(rows) >= 2:
                line = linear_fit([r.regions for r in rows], [r.timing.seconds for r in rows])
                projected = line["intercept"] + line["slope"] * n
                left = budget - (time.perf_counter() - start)
                if projected > left:
                    skipped.append((n, projected, left))
                    continue
            cmd = [venv_command("forecast"), "batch", "--data-dir", str(data_dir),
                   "--regions", ",".join(ids[:n]), "--jobs", str(jobs), "--n-paths",
                   str(n_paths), "--seed", str(seed),
                   *(["--models", models] if models else []),  # every model: no option
                   "--runs-dir", str(Path(tmp) / "runs")]
            timing = run_timed(cmd)
            m = re.search(r"(\d+) of (\d+) regions ok", timing.stdout)
            if timing.returncode != 0 or not m or m.group(1) != m.group(2):
                tail = (timing.stderr or timing.stdout).strip()[-300:]
                raise RunError(f"forecast batch over {n} synthetic regions failed "
                               f"(exit {timing.returncode}): {tail}")
            rows.append(ScaleRow(regions=n, timing=timing))
    n = [r.regions for r in rows]
    wall = [r.timing.seconds for r in rows]
    cpu = [r.timing.cpu_seconds for r in rows]
    return ScaleResult(rows=tuple(rows), n_paths=n_paths, jobs=jobs, models=models,
                       fit=linear_fit(n, cpu), step_costs=_steps(n, cpu),
                       wall_fit=linear_fit(n, wall), wall_step_costs=_steps(n, wall),
                       skipped=tuple(skipped), budget=budget)


def _steps(n: Sequence[int], seconds: Sequence[float]) -> tuple[float, ...]:
    """Seconds per added region between consecutive sizes."""
    return tuple((s2 - s1) / (n2 - n1) for n1, n2, s1, s2 in zip(n, n[1:], seconds, seconds[1:]))


def _describe(r: ScaleResult, fit: dict[str, float], steps: tuple[float, ...], what: str
              ) -> tuple[bool, str]:
    ratio = steps[-1] / steps[0] if steps[0] > 0 else float("inf")
    linear = fit["r2"] >= MIN_R2 and 1 / MAX_STEP_RATIO <= ratio <= MAX_STEP_RATIO
    shown = ", ".join(f"{a.regions}->{b.regions}: {c:.2f}"
                      for a, b, c in zip(r.rows, r.rows[1:], steps))
    return linear, (f"{what}: marginal {fit['slope']:.2f} s/region, fixed "
                    f"{fit['intercept']:.1f} s, R^2 {fit['r2']:.4f}; s per added region "
                    f"{shown} (last/first {ratio:.2f})")


def scale_goal(r: ScaleResult) -> dict:
    """Whether cost grows linearly (judged on CPU time, see module docstring)."""
    linear, cpu = _describe(r, r.fit, r.step_costs, "CPU")
    measure = cpu
    if r.wall_fit is not None and r.wall_step_costs:
        _, wall = _describe(r, r.wall_fit, r.wall_step_costs, "wall")
        measure += f"; {wall}"
    measure += f"; {len(r.rows)} sizes up to {r.rows[-1].regions} regions"
    if r.skipped:
        measure += f" ({', '.join(str(n) for n, _, _ in r.skipped)} skipped)"
    if len(r.rows) < MIN_SIZES:  # a line through two points fits them exactly (R^2 1)
        linear = None
        measure = (f"not judged: {len(r.rows)} sizes ran, a straight line needs "
                   f"{MIN_SIZES} to be tested; {measure}")
    return {"goal": "batch cost grows linearly with the number of regions", "met": linear,
            "measure": measure}
