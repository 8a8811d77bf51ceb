"""``forecast compare A B``: the sides, the table and the chart (options in
:mod:`.compare_cli`).

A and B are run ids (folders of ``forecast batch``: their as-of, paths, seed and models from
the manifest; the data read from the run's data folder as it is now) or, with ``--as-of``,
two dates (the same method for both). The steps and their order are :mod:`.compare`'s.
"""

from __future__ import annotations

from . import config
from .compare import Side, compare
from .compare_cli import STEP_WORDS
from .compareplot import waterfall_chart
from .data import check_region, load_panel, parse_as_of
from .params import check_run_parameters
from .plots import to_png
from .run import run_region
from .runfolder import read_manifest
from .safepath import check_output_file
from .store import write_atomic
from .textnum import fmt_value
from .vintage import vintage


def side_from_run(run_dir, vintage_basis: str) -> Side:
    p = read_manifest(run_dir)["parameters"]
    # The run's own vintage reading when its manifest records one.
    vintage_basis = p.get("vintage_basis") or p.get("vintage") or vintage_basis
    panel = vintage(load_panel(p["data_dir"] or None), p["as_of"] or None, basis=vintage_basis)
    models = tuple(m for m in p["models"].split(",") if m) or None
    return Side(label=f"run {run_dir.name}", panel=panel, models=models,
                n_paths=int(p["n_paths"]), seed=int(p["seed"]))


def sides(args, run_dir_of):
    """The two :class:`forecast.compare.Side` of the command line."""
    if args.as_of:
        check_run_parameters(n_paths=args.n_paths, seed=args.seed, backtest_k=3)
        panel = load_panel(args.data_dir)
        out = []
        for text in (args.a, args.b):
            cut = parse_as_of(text)
            out.append(Side(label=f"as of {cut.date()}", n_paths=args.n_paths, seed=args.seed,
                            panel=vintage(panel, cut, basis=args.vintage)))
        return out
    return [side_from_run(run_dir_of(x, args.runs_dir), args.vintage) for x in (args.a, args.b)]


def _num(x, unit: str) -> str:
    return "n/a" if x is None else fmt_value(x, unit)


def format_comparison(c: dict, units: dict | None = None) -> str:
    """The comparison as a table per target (English, the CLI)."""
    units = units or {}
    lines = [f"From {c['a']} to {c['b']}; steps in this order: "
             + ", ".join(STEP_WORDS[s] for s in c["steps"]), ""]
    for t in c["targets"]:
        unit = units.get(t["metric"], "")
        tv = t["target_value"]
        value = tv["b"] if tv["b"] is not None else tv["a"]
        lines.append(f"{t['metric']} >= {_num(value, unit)} by {t['target_date']}"
                     + (f" (target was {_num(tv['a'], unit)})"
                        if tv["a"] is not None and tv["b"] is not None and tv["a"] != tv["b"]
                        else ""))
        p, m = t["probability"], t["median"]
        pp = lambda x: "n/a" if x is None else f"{100 * x:+.1f} pp"  # noqa: E731
        pc = lambda x: "not assessed" if x is None else f"{100 * x:.1f}%"  # noqa: E731
        mv = lambda x: "n/a" if x is None else fmt_value(x, unit, signed=True)  # noqa: E731
        lines.append(f"  {'':<30} {'probability':>14} {'median':>14}")
        lines.append(f"  {c['a']:<30} {pc(p['a']):>14} {_num(m['a'], unit):>14}")
        for i, step in enumerate(c["steps"]):
            before, after = p["assessed"][i], p["assessed"][i + 1]
            if before and after:
                cells = f"{pp(p['steps'][i]):>14} {mv(m['steps'][i]):>14}"
            else:
                cells = f"{('appears' if after else 'drops out' if before else ''):>14}"
            lines.append(f"  {STEP_WORDS[step]:<30} {cells}".rstrip())
        lines.append(f"  {c['b']:<30} {pc(p['b']):>14} {_num(m['b'], unit):>14}")
        if p["interaction"] is not None:
            lines.append(f"  {'left to the order':<30} {pp(p['interaction']):>14} "
                         f"{mv(m['interaction']):>14}   (total minus each step alone)")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def run_compare(args, run_dir_of) -> tuple[dict, str]:
    """Run the comparison of the command line; (comparison object, table text)."""
    if args.chart is not None:
        check_output_file(args.chart, "chart")  # before the runs, not after them
    a, b = sides(args, run_dir_of)
    check_region(b.panel, args.region)
    comparison = compare(a, b, args.region, run_region)
    if args.chart is not None:
        write_atomic(to_png(waterfall_chart(comparison, STEP_WORDS)), args.chart)
    units = {m: u for m, (u, _) in config.METRICS.items()}
    return comparison, format_comparison(comparison, units)
