"""``forecast compare A B``: the sides, the table and the chart (options in
:mod:`.compare_cli`).

A and B are run ids (folders of ``forecast batch``: their as-of, paths, seed and models from
the manifest; the data read from the run's data folder as it is now, and the output says so
when that folder changed since the run: its data hash differs from the manifest's) or, with
``--as-of``, two dates (the same method for both). The steps and their order are :mod:`.compare`'s.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from . import config
from .compare import Side, compare
from .compare_cli import STEP_WORDS
from .compareplot import waterfall_chart
from .data import check_as_of, check_region, load_panel
from .errors import ParameterError
from .models import REGISTRY
from .params import check_run_parameters
from .basewords import denominator_words
from .reasons import reason_text
from .plots import to_png
from .plurals import plural
from .fiscal import to_real
from .run import run_region
from .oldruns import check_rerun_paths
from .runfolder import parameters_of, read_manifest, run_data_dir
from .safepath import check_output_file, input_files
from .scheme import load_scheme
from .store import write_atomic
from .textsafe import shown
from .textnum import UNITS, fmt_prob, fmt_value
from .vintage import check_vintage_basis, vintage


def side_from_run(run_dir, vintage_basis: str) -> Side:
    manifest = read_manifest(run_dir)
    check_rerun_paths(manifest, run_dir, "compared")  # an older version's run of 50 paths
    p = manifest["parameters"]
    run_data_dir(run_dir, manifest)  # gone: named as the manifest's field
    # The run's own vintage reading when its manifest records one.
    vintage_basis = p.get("vintage_basis") or p.get("vintage") or vintage_basis
    full = load_panel(p["data_dir"])
    with parameters_of(run_dir):  # refused here: named in the manifest, not as typed
        # The manifest's as_of is a calendar day; check_as_of moves it into fiscal time.
        panel = vintage(full, check_as_of(full, p["as_of"] or None), basis=vintage_basis)
        models = tuple(m for m in p["models"].split(",") if m) or None
        unknown = [m for m in models or () if m not in REGISTRY]
        if unknown:  # found by the first step's run otherwise, as a typed 'models'
            raise ParameterError(f"models: unknown model(s) {', '.join(map(repr, unknown))}"
                                 f"; valid choices: {', '.join(REGISTRY)}")
        cut = check_as_of(full, p["as_of"] or None)
    recorded = manifest.get("data_hash")
    return Side(label=f"run {run_dir.name}", panel=panel, models=models, cut=cut,
                n_paths=int(p["n_paths"]), seed=int(p["seed"]),
                data_changed=bool(recorded) and recorded != full.data_hash)


def dated_sides(panel, a, b, *, vintage_basis: str = "published", n_paths: int = 1000,
                seed: int = config.DEFAULT_SEED, label: str = "as of {date}") -> list[Side]:
    """The two :class:`forecast.compare.Side` of two as-of dates (the same method for
    both), labelled ``label`` with the date filled in."""
    check_run_parameters(n_paths=n_paths, seed=seed, backtest_k=3)
    check_vintage_basis(vintage_basis)  # named as the run names it, not as 'basis'
    out, cuts = [], []
    for text in (a, b):
        # The run's own check: a year from the data's first one, not merely from 1900.
        cut = check_as_of(panel, text)
        shown = to_real(cut, panel.scheme.shift_days).date() if cut is not None else "now"
        cuts.append((cut, shown))
        out.append(Side(label=label.format(date=shown), cut=cut,
                        n_paths=n_paths, seed=seed,
                        panel=vintage(panel, cut, basis=vintage_basis),
                        uncut=panel if vintage_basis == "published" else None))
    (cut_a, shown_a), (cut_b, shown_b) = cuts
    if cut_a is None and cut_b is not None or None not in (cut_a, cut_b) and cut_a > cut_b:
        # Backwards, the readings B lacks were called 'revised observations'.
        raise ParameterError(f"as_of: expected A the earlier date and B the later, found A "
                             f"{shown_a} after B {shown_b} (swap them)")
    return out


def compare_as_of(panel, region: str, a, b=None, *, vintage_basis: str = "published",
                  n_paths: int = 1000, seed: int = config.DEFAULT_SEED) -> dict:
    """Why each target of ``region`` moved between the as-of dates ``a`` and ``b``: what
    ``forecast compare --as-of A B`` computes, for the notebooks.

    Parameters
    ----------
    panel : Panel
        The whole panel; each side is its vintage at its date.
    region : str
    a, b : year, date or None
        The earlier and the later as-of (None: all data); or ``a`` alone as the text
        ``"A,B"`` (the notebook's ``compare_as_of`` parameter).
    vintage_basis : {"published", "date"}
    n_paths, seed : int
        Of each step's run.

    Returns
    -------
    dict
        The comparison object of :func:`forecast.compare.compare`; its ``a`` and ``b`` are
        the two dates.
    """
    if b is None:
        check_dates(panel, a)
        a, b = _two_dates(a)
    check_region(panel, region)
    first, second = dated_sides(panel, a, b, vintage_basis=vintage_basis, n_paths=n_paths,
                                seed=seed, label="{date}")
    return compare(first, second, region, run_region)


def check_dates(panel, text) -> None:
    """The notebook's ``compare_as_of`` checked before any work and named as itself: a bad
    date was found after the region's whole run, and named ``as_of``, which was empty."""
    a, b = _two_dates(text)
    try:
        cuts = [check_as_of(panel, x) for x in (a, b)]
    except ParameterError as exc:
        raise ParameterError("compare_as_of: " + str(exc).removeprefix("as_of: ")) from None
    if cuts[0] is None and cuts[1] is not None or None not in cuts and cuts[0] > cuts[1]:
        shown_a, shown_b = (to_real(c, panel.scheme.shift_days).date() if c is not None
                            else "now" for c in cuts)
        raise ParameterError(f"compare_as_of: expected A the earlier date and B the later, "
                             f"found A {shown_a} after B {shown_b} (swap them)")


def _two_dates(text) -> tuple[str, str]:
    """``"2023,2024"`` as its two dates; anything else refused in one line."""
    parts = [p.strip() for p in str(text).split(",")] if isinstance(text, str) else []
    if len(parts) != 2 or not all(parts):
        raise ParameterError(f"compare_as_of: expected two as-of dates 'A,B' such as "
                             f"'2023,2024', found {text!r}")
    return parts[0], parts[1]


def sides(args, run_dir_of):
    """The two :class:`forecast.compare.Side` of the command line."""
    if args.as_of:
        return dated_sides(load_panel(args.data_dir), args.a, args.b,
                           vintage_basis=args.vintage, n_paths=args.n_paths, seed=args.seed)
    return [side_from_run(run_dir_of(x, args.runs_dir), args.vintage) for x in (args.a, args.b)]


#: Options of one kind of comparison only: given to the other, each was ignored in silence.
_DATES_ONLY = ("n_paths", "seed", "vintage", "data_dir")
_RUNS_ONLY = ("runs_dir",)


def check_options(args) -> None:
    """Refuse an option the comparison asked for does not read: runs are compared with
    their own paths, seed, vintage and data folder (``--n-paths 500`` changed nothing),
    and two dates read no run (``--runs-dir`` was ignored)."""
    typed = getattr(args, "typed", {})
    unread = [o for o in (_RUNS_ONLY if args.as_of else _DATES_ONLY) if o in typed]
    if unread:
        option = "--" + unread[0].replace("_", "-")
        why = ("two dates read no run" if args.as_of else "runs are compared with their own "
               "paths, seed, vintage and data folder, as their manifests record them")
        found = "two dates" if args.as_of else "run ids"
        raise ParameterError(f"{option}: expected only with{'out' if args.as_of else ''} "
                             f"--as-of, found it with {found} ({why}); leave it out")


def _run_day(manifest: dict) -> tuple[str, str] | None:
    """The day a run's data stands at, and in words: its as-of, else the day it was made
    (all the data then); None where the manifest says neither readably."""
    as_of = manifest["parameters"]["as_of"]
    day = as_of or str(manifest.get("created") or "")[:10]
    words = f"as of {day}" if as_of else f"all data on {day}"
    return (day, words) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else None


def check_runs(a_dir: Path, b_dir: Path, region: str | None, top: str) -> str:
    """The region two runs are compared on (``region``, else the top region if both ran
    it, else the first both ran), refused where a run lacks it; and A refused where it
    stands later than B, as two dates are. Returns the region."""
    runs = [(d, read_manifest(d)) for d in (a_dir, b_dir)]
    both = [r for r in runs[0][1]["regions"] if r in runs[1][1]["regions"]]
    if region is None and not both:  # no --region was given: not "--region: ..."
        raise ParameterError(f"RUN_A RUN_B: expected two runs sharing a region, found run "
                             f"{a_dir.name} of {', '.join(runs[0][1]['regions'][:5])} and "
                             f"run {b_dir.name} of {', '.join(runs[1][1]['regions'][:5])}")
    if region is None:
        region = top if top in both else both[0]
    for d, manifest in runs:
        if region not in manifest["regions"]:
            shared = ", ".join(both) or "none (the runs share no region)"
            raise ParameterError(f"region: {region!r} is not in run {d.name} (two runs are "
                                 f"compared on a region both ran); valid choices: {shared}")
        # Each side is recomputed from the manifest: a side that never produced results
        # (failed, or its results.json gone) explained "moves" from numbers never shown.
        state = (manifest.get("status") or {}).get(region) or {}
        if state.get("status") != "ok" or not (d / region / "results.json").is_file():
            error = " ".join(str(state.get("error")).split()).split(". ")[0][:120]
            why = f"failed in it: {error}" if state.get("status") == "failed" else \
                "no results.json"
            raise ParameterError(f"run {d.name}: expected region {region!r} to have run, "
                                 f"found {why} (forecast batch --resume {d.name} runs it "
                                 f"again)")
    (_, first), (_, second) = runs
    day_a, day_b = _run_day(first), _run_day(second)
    if day_a and day_b and day_a[0] > day_b[0]:
        raise ParameterError(f"A: expected the earlier run first, found run {a_dir.name} "
                             f"({day_a[1]}) after run {b_dir.name} ({day_b[1]}); swap them")
    return region


def _unsigned_zero(text_of, x: float) -> str:
    """``text_of(x)``, or ``text_of(0.0)`` where it prints as zero: a change of -0.3 people
    is no "-0 people", one of -0.0004 points no "-0.0 pp"."""
    number = re.search(r"\d[\d,.]*", text_of(x))
    return text_of(0.0) if number and not re.search(r"[1-9]", number.group()) \
        else text_of(x)


#: A side's cell for a target past due there: its outcome, as ``forecast run`` lists it.
PAST_WORDS = {"met": "past due: met", "missed": "past due: missed",
              "not_in_data": "past due: no data"}


def _num(x, unit: str) -> str:
    return "n/a" if x is None else fmt_value(x, unit)


def format_comparison(c: dict, units: dict | None = None, name=str) -> str:
    """The comparison as a table per target (English, the CLI); ``name`` gives a metric's
    words (default: its id)."""
    units = units or {}
    lines = [f"From {_side(c['a'])} to {_side(c['b'])}; steps in this order: "
             + ", ".join(STEP_WORDS[s] for s in c["steps"]), ""]
    for label in c.get("data_changed", []):
        lines[-1:-1] = [f"Note: the data folder of {label} has changed since it ran (its data "
                        f"hash differs from the run's manifest); that side is recomputed from "
                        f"the data as it is now, so it may not match what the run said."]
    twice = Counter((t["metric"], t["target_date"]) for t in c["targets"])
    for t in c["targets"]:
        unit = units.get(t["metric"], "")
        tv = t["target_value"]
        value = tv["b"] if tv["b"] is not None else tv["a"]
        base = f" ({denominator_words(t['denominator'], 'en')})" if t.get("denominator") \
            and twice[(t["metric"], t["target_date"])] > 1 else ""  # two bases read apart
        lines.append(f"{name(t['metric'])} >= {_num(value, unit)}{base} by {t['target_date']}"
                     + (f" (target was {_num(tv['a'], unit)})"
                        if tv["a"] is not None and tv["b"] is not None and tv["a"] != tv["b"]
                        else ""))
        p, m = t["probability"], t["median"]
        pp = lambda x: "n/a" if x is None else _unsigned_zero(  # noqa: E731
            lambda v: f"{100 * v:+.1f} pp", x)
        past = t.get("outcome") or {}
        pc = lambda x, side: (fmt_prob(x) if x is not None  # noqa: E731
                              else PAST_WORDS[past[side]] if past.get(side) else "not assessed")
        # A share's median moves by percentage points, whatever its unit is called.
        points = unit == "percent" or (UNITS.get().get(unit) or {}).get("max") == 100
        mv = lambda x: "n/a" if x is None else _unsigned_zero(  # noqa: E731
            (lambda v: f"{v:+.1f} pp") if points else
            (lambda v: fmt_value(v, unit, signed=True)), x)
        pw = max([14] + [len(pc(p[side], side)) for side in 'ab'])
        w = max([14] + [len(_num(v, unit)) for v in (m["a"], m["b"]) if v is not None])
        lines.append(f"  {'':<30} {'probability':>{pw}} {'median':>{w}}")
        lines.append(f"  {c['a']:<30} {pc(p['a'], 'a'):>{pw}} {_num(m['a'], unit):>{w}}")
        for i, step in enumerate(c["steps"]):
            before, after = p["assessed"][i], p["assessed"][i + 1]
            if before and after:
                cells = f"{pp(p['steps'][i]):>{pw}} {mv(m['steps'][i]):>{w}}"
            else:
                cells = f"{('appears' if after else 'drops out' if before else ''):>{pw}}"
            lines.append(f"  {STEP_WORDS[step]:<30} {cells}".rstrip())
        lines.append(f"  {c['b']:<30} {pc(p['b'], 'b'):>{pw}} {_num(m['b'], unit):>{w}}")
        if p["interaction"] is not None:
            lines.append(f"  {'left to the order':<30} {pp(p['interaction']):>{pw}} "
                         f"{mv(m['interaction']):>{w}}   (total minus each step alone)")
        lines.append("")
    if not c["targets"]:
        lines.append("No target is assessed on either side: nothing to compare.")
        lines += _left_out_lines(c)
    for t in c.get("not_assessed", []):
        lines.append(f"Not assessed in {_side(c['b'])}: {name(t['metric'])} by "
                     f"{t['target_date']}: "
                     f"{reason_text(t['reason'], name=None if name is str else name)}")
    return "\n".join(lines).rstrip() + "\n"


def _left_out_lines(c: dict) -> list[str]:
    """Why a side read as published may have had nothing to assess: what its sources
    published after its date left out (``forecast run --as-of`` says the same)."""
    lines = []
    for side, got in (c.get("published_later") or {}).items():
        if got and (got["readings"] or got["targets"]):
            parts = [plural(got[k], noun) + tail for k, noun, tail in (
                ("readings", "reading", " dated by it"), ("targets", "target", "")) if got[k]]
            one = got["readings"] + got["targets"] == 1  # "1 target ... is left out"
            line = (f"{_side(c[side])[:1].upper()}{_side(c[side])[1:]}: {' and '.join(parts)} "
                    f"came from sources published after it and {'is' if one else 'are'} left "
                    f"out (`--vintage date` reads {'it' if one else 'them'}).")
            if line not in lines:  # two sides of one date: said once
                lines.append(line)
    return lines


def _side(label: str) -> str:
    """A side in a sentence: "the data as of 2023-12-31" ("From as of ... to as of ..."
    read as a typo), a run as it is named."""
    return f"the data {label}" if label.startswith("as of ") else label


def run_compare(args, run_dir_of) -> tuple[dict, str]:
    """Run the comparison of the command line; (comparison object, table text)."""
    check_options(args)
    if not args.as_of:  # the region both runs ran, and the runs in time order
        args.region = check_runs(Path(run_dir_of(args.a, args.runs_dir)),
                                 Path(run_dir_of(args.b, args.runs_dir)), args.region,
                                 _top_of(Path(run_dir_of(args.b, args.runs_dir))))
    if args.chart is not None:  # before the runs, not after them; never over an input
        inputs = input_files(args.data_dir)
        for x in () if args.as_of else (args.a, args.b):  # runs: their files and data
            run = Path(run_dir_of(x, args.runs_dir))
            inputs += [run / "manifest.json", *run.glob("*/results.json"),
                       *input_files(read_manifest(run)["parameters"]["data_dir"])]
        check_output_file(args.chart, "chart", inputs=inputs)
        stem = args.chart.name[:-4] if args.chart.name.lower().endswith(".png") else ""
        if not stem.strip("."):  # a PNG in chart.pdf, 'c.', '.png', '-' (not standard output)
            raise ParameterError(f"chart: expected a file name ending in .png (the chart is "
                                 f"a PNG image), found {shown(str(args.chart), 200)}")
    a, b = sides(args, run_dir_of)
    scheme = getattr(b.panel, "scheme", None)
    # The data folder's top region by default: another scheme has no 'national'.
    region = args.region or (scheme.top_region if scheme is not None
                             else config.DEFAULT_REGION)
    check_region(b.panel, region)
    comparison = compare(a, b, region, run_region)
    # Targets are named in the data folder's own words (its scheme.toml; English, the CLI).
    name = scheme.label if scheme is not None else str
    if args.chart is not None:
        # Each panel is titled by its target in words, as the table names it.
        titles = [f"{name(t['metric'])} by {t['target_date']}"
                  for t in comparison["targets"]
                  if t["probability"]["a"] is not None and t["probability"]["b"] is not None]
        write_atomic(to_png(waterfall_chart(comparison, STEP_WORDS, titles=titles)), args.chart)
    # Units of the data folder's scheme (its own unit ids and labels), not the shipped ones.
    if scheme is not None:
        units = {m: met.unit for m, met in scheme.metrics.items()}
        UNITS.set(scheme.as_dict()["units"])
    else:
        units = {m: u for m, (u, _) in config.METRICS.items()}
    return comparison, format_comparison(comparison, units, name)


def _top_of(run_dir: Path) -> str:
    """The top region of a run's data folder (its scheme.toml), as ``verify`` reads it."""
    return load_scheme(run_data_dir(run_dir, read_manifest(run_dir))).top_region
