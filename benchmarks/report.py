"""Markdown of the benchmark results: the machine, each section's tables and its goals."""

from __future__ import annotations

import math
from typing import Sequence

from .accuracy import MAX_HORIZON, MIN_TRAIN, AccuracyResult, by_metric, goals, summarise
from .scale import ScaleResult, scale_goal
from .speed import SpeedResult, speed_goals


def pct(x: float | None, digits: int = 1) -> str:
    """``0.1234`` -> ``12.3%``; NaN or None -> an en dash."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{x * 100:.{digits}f}%"


def num(x: float | None, fmt: str = ".3f") -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return format(x, fmt)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]],
          align: str | None = None) -> str:
    """A markdown table; ``align`` is one letter per column (l or r), default left."""
    align = align or "l" * len(headers)
    cells = [[str(c).replace("|", "\\|").replace("\n", " ") for c in row] for row in rows]
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    return "\n".join(lines)


def goal_lines(items: Sequence[dict]) -> str:
    """One line a goal: met, not met, or not judged (``met`` None: too little measured)."""
    word = {True: "met", False: "not met", None: "not judged"}
    return "\n".join(f"- **{word[None if g['met'] is None else bool(g['met'])]}**: "
                     f"{g['goal']}: {g['measure']}" for g in items)


def header(info: dict, *, date: str, command: str, sections: dict[str, float]) -> str:
    v = info["versions"]
    load = (", ".join(f"{x:.2f}" for x in info["load_avg"]) if info.get("load_avg") else "–")
    lines = [
        "# forecast benchmarks",
        "",
        f"- **Date**: {date}",
        f"- **Command**: `{command}`",
        f"- **Machine**: {info['cpus']} CPUs ({info['cpu_model']}), {info['ram_gib']} GiB RAM, "
        f"{info['os']}; load average at start {load} (the machine is shared, so absolute "
        f"times are noisy: the ratios within this run are what count)",
        f"- **Python**: {info['python']}; forecast {v['forecast']}, numpy {v['numpy']}, "
        f"pandas {v['pandas']}, statsmodels {v['statsmodels']}, papermill {v['papermill']}; "
        f"peers: statsforecast {v['statsforecast']}, prophet {v['prophet']}",
        f"- **Commit**: {info['git'] or '–'}",
        "- **Section times**: " + (", ".join(f"{k} {s:.0f} s" for k, s in sections.items())
                                   or "–"),
    ]
    return "\n".join(lines)


def accuracy_md(res: AccuracyResult, *, n_paths: int, min_train: int = MIN_TRAIN) -> str:
    summary = summarise(res)
    origins = sorted({(c.metric, c.origin) for c in res.cases})
    per_metric = {}
    for metric, origin in origins:
        per_metric.setdefault(metric, []).append(origin)
    span = "; ".join(f"{m}: origins {min(o)}-{max(o)}" for m, o in per_metric.items())
    rows = []
    for r in summary.itertuples(index=False):
        rows.append([r.method, f"{r.forecasts}/{r.of}", pct(r.mape), pct(r.mape_h1),
                     pct(r.mape_h2), pct(r.mape_h3), pct(r.coverage80, 0), num(r.brier),
                     num(r.brier_targets) + (f" ({r.n_target_probs})" if r.n_target_probs
                                             else ""), r.note])
    parts = [
        "## Accuracy: rolling-origin backtest of the national annual series",
        "",
        f"Each origin is a year-end with at least {min_train} year-end points up to it; every "
        f"method is fitted on the data known then (`as_of`) and projects 1-{MAX_HORIZON} "
        f"years ahead, scored against the year-end actuals ({span}; "
        f"{len(res.cases)} origins, {int(summary['of'].iloc[0]) if len(summary) else 0} "
        f"forecasts). Our projections use {n_paths:,} paths. MAPE is of the median; "
        "*80% band* is the share of actuals inside the 10-90 % band; *Brier* scores "
        "\"reaches X by the year-end of Y\" over the official targets due at a scored "
        "year-end and the actual x 0.90, 0.95, 1.05, 1.10 (point forecasts say 0 or 1); "
        "*Brier targets* is the official targets only (count in brackets).",
        "",
        table(["method", "forecasts", "MAPE", "h=1", "h=2", "h=3", "80% band", "Brier",
               "Brier targets", "note"], rows, "lrrrrrrrrl"),
    ]
    if res.notes:
        parts += ["", "Series not scored: " + "; ".join(res.notes) + "."]
    mape_table, counts = by_metric(res)
    if not mape_table.empty:
        metrics = list(mape_table.columns)
        rows = [[m] + [f"{pct(mape_table.loc[m, k])} ({int(counts.loc[m, k])})"
                       if not math.isnan(mape_table.loc[m, k]) else "–" for k in metrics]
                for m in mape_table.index]
        parts += ["", "MAPE by series (forecasts scored in brackets):", "",
                  table(["method"] + metrics, rows, "l" + "r" * len(metrics))]
    parts += ["", "Goals:", "", goal_lines(goals(res))]
    return "\n".join(parts)


def speed_md(r: SpeedResult) -> str:
    n = len(r.regions)
    lib = r.library.seconds
    rows = [
        ["(a) library alone, one process (`run_region` per region)", f"{lib:.1f}",
         f"{lib / n:.2f}", "1.00", num(r.library.cpu_seconds, ".1f"),
         mib(r.library.peak_rss_mib),
         f"{r.library_compute:.1f} s in load_panel + run_region"],
        [f"(b) `forecast batch --jobs {r.jobs}`", f"{r.batch.seconds:.1f}",
         f"{r.batch.seconds / n:.2f}", f"{r.batch.seconds / lib:.2f}",
         num(r.batch.cpu_seconds, ".1f"), mib(r.batch.peak_rss_mib),
         "papermill per region, parallel"],
        ["(c) naive loop: `papermill` command per region", f"{r.naive_seconds:.1f}",
         f"{r.naive_seconds / n:.2f}", f"{r.naive_seconds / lib:.2f}",
         num(r.naive_cpu, ".1f"), mib(r.naive_peak_mib), f"one fresh kernel each; slowest {max(r.naive_each):.1f} s"],
    ]
    shown = ", ".join(r.regions) if n <= 14 else f"all {n} regions of regions.csv"
    imports = ", ".join(f"{name} {ms:.0f} ms" for name, ms in r.help_imports)
    return "\n".join([
        "## Speed: library, batch, naive loop",
        "",
        f"{n} regions ({shown}; {r.targets} targets assessed in all), every model, "
        f"{r.n_paths:,} paths, one seed, the top region's track record (re-run as of "
        "each past year-end, as the batch does by default) in (a), (b) and (c) alike; "
        "wall time of each command; CPU s is user + "
        "system time of the command and its kernels; peak memory is the largest sum of RSS "
        "over the process tree.",
        "",
        table(["measure", "wall s", "s/region", "x library", "CPU s", "peak MiB", "note"],
              rows, "lrrrrrl"),
        "",
        table(["start-up", "median ms", "runs"],
              [["`forecast --help`", f"{r.help_seconds * 1000:.0f}", len(r.help_runs)],
               ["`python -c pass`", f"{r.python_seconds * 1000:.0f}", len(r.python_runs)]],
              "lrr"),
        "",
        f"Imports of `forecast.cli` (cumulative, `python -X importtime`): {imports}.",
        "",
        "Goals:",
        "",
        goal_lines(speed_goals(r)),
    ])


def mib(x: float | None) -> str:
    return f"{x:.0f}" if x else "–"


def scale_md(r: ScaleResult, *, full_paths: int) -> str:
    rows = [[row.regions, f"{row.timing.seconds:.1f}", f"{row.timing.seconds / row.regions:.2f}",
             num(row.timing.cpu_seconds, ".1f"),
             num(row.timing.cpu_seconds / row.regions if row.timing.cpu_seconds else None, ".2f"),
             mib(row.timing.peak_rss_mib)] for row in r.rows]
    rows += [[n, "skipped", "–", "–", "–", "–"] for n, _, _ in r.skipped]
    models = r.models or "every model"
    notes = []
    if r.models:
        notes.append(f"The regions run the models {models} (no statsmodels fit), so the "
                     f"sizes fit the time budget; what is measured is how the batch grows, "
                     f"and the per-region notebook overhead dominates either way.")
    if r.n_paths != full_paths:
        notes.append(f"Paths are {r.n_paths:,} (the speed section uses {full_paths:,}).")
    for n, projected, left in r.skipped:
        notes.append(f"**{n} regions were not run**: the line through the smaller sizes "
                     f"projects {projected / 60:.1f} min for them, and {max(left, 0) / 60:.1f} "
                     f"min were left of the {(r.budget or 0) / 60:.1f} min the section had "
                     f"(raise `--budget-minutes`, or 0 for no limit).")
    return "\n".join([
        "## Scale: batch over synthetic regions",
        "",
        f"Synthetic regions `synthetic-001`... (the national series times a seeded constant "
        f"factor, half with full histories, half sparse and pooled; marked synthetic in "
        f"every row and written only to a temporary data directory), `forecast batch "
        f"--jobs {r.jobs}`, models {models}, {r.n_paths:,} paths. " + " ".join(notes),
        "",
        table(["regions", "wall s", "wall s/region", "CPU s", "CPU s/region", "peak MiB"],
              rows, "rrrrrr"),
        "",
        "Goal:",
        "",
        goal_lines([scale_goal(r)]),
    ])
