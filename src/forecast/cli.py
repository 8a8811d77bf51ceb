"""Command line: parse, call the library, print, exit.

Exit codes: 0 success; 2 bad input or parameters, an OS fault (the disk fills, a folder turns
read-only, standard output is closed or a full device: one line on stderr naming the path and
the OS's words, no traceback) or too little memory; 1 regions of a batch failed, a run not
reproduced, or an unexpected failure (a bug: the traceback is kept for the report); 130
interrupted (Ctrl-C); 141 the reader of stdout went away early (``| head``), quietly.
Standard error (progress, warnings, the error line) is a side channel: closed, full or its
reader gone, it goes quiet and the command runs to the same end and exit code.
"""

from __future__ import annotations

import argparse
import contextvars
import os
import sys

from . import __version__, defaults
from .cliargs import AS_OF_HELP, DESCRIPTIONS, MODELS_HELP, N_PATHS_HELP, RUNS_DIR_HELP, RUN_ID
from .cliargs import file_path, folder_path as _path, seconds as _secs, unrecognized, OnceParser
from .cliargs import whole as _whole, choice_words as _choice_words, AS_OF, ADDRESS, MODELS, SEED
from .cliout import CLOSED_STDOUT, STDOUT, named_stdout, out_of_memory, quiet_broken_pipe
from .cliout import Stopped, fit_process_limits, memory_capped, quiet_stderr, silence_stdout
from .cliout import os_fault, stops_as_interrupts
from .cliargs import check_read
from .compare_cli import add_compare_parser
from .errors import ForecastError, ParameterError
from .plurals import plural
from .textsafe import escape  # paths and names printed on one line, escaped
from .homedirs import use_private_dirs

# At start-up only argparse and sys (--help starts fast); the rest by the command needing it.


def _add_data_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", type=_path, default=None, metavar="DIR",
                   help="folder with scheme.toml and the four data files, observations.csv, "
                        "targets.csv, regions.csv and sources.csv (default: the shipped data/)")


class _Parser(OnceParser):
    """argparse, but a bad argument is one line (like every other error) and exit code 2."""

    def error(self, message: str):  # noqa: D401 - argparse's signature
        command = self.prog.removeprefix("forecast").strip()
        where = f"{command}: " if command else ""
        self.exit(2, f"forecast: error: {_one_line(where + _choice_words(message))} "
                     f"(see {self.prog} --help)\n")

    def _print_message(self, message, file=None):
        if file is sys.stdout and message:  # argparse drops a failed write: `--help >
            file.write(message)  # /dev/full` would exit 0; main() reports it in one line
        else:
            super()._print_message(message, file)


def _add_vintage(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vintage", choices=("published", "date"), default="published",
                   help="reading of --as-of: 'published' = as known then (observations and "
                        "targets whose source was published by that date); 'date' = the "
                        "values dated up to then, whenever published, and every target "
                        "(default: %(default)s)")


def _one_line(text: str, limit: int = 2000) -> str:
    """A message as one terminal line: breaks folded, control and right-to-left
    characters escaped, a very long value cut."""
    from .textsafe import escape, one_line

    return escape(one_line(text), limit)


def _print_safe(text: str, file=None) -> None:
    """Print lines of text from data and parameters with unsafe characters escaped."""
    print("\n".join(escape(line) for line in str(text).split("\n")), file=file)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="forecast",
        description="Will the coverage targets be met, how likely is it, and what would it take?")
    parser.add_argument("--version", action="version", version=f"forecast {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    data = sub.add_parser("data", help="inspect and validate a data directory")
    data_sub = data.add_subparsers(dest="data_command", metavar="SUBCOMMAND")
    check = data_sub.add_parser("check", help="validate the four data files and summarise them",
                                description=DESCRIPTIONS["data check"])
    _add_data_dir(check)
    check.add_argument("--all-warnings", action="store_true", help="print every warning (by "
                       "default a kind of warning on many rows shows its first 3, then counts)")

    init = sub.add_parser("init", help="write a minimal, valid data folder (scheme.toml and "
                                       "the four CSV files, one example row each) to fill in",
                          description=DESCRIPTIONS["init"])
    init.add_argument("dir", type=_path, metavar="DIR", help="a new or empty folder")

    run = sub.add_parser("run", help="assess every target of one region",
                         description=DESCRIPTIONS["run"])
    _add_data_dir(run)
    run.add_argument("--region", default=None,
                     help="region id from regions.csv (default: the scheme's top region, "
                          f"{defaults.DEFAULT_REGION} for the shipped data)")
    run.add_argument("--as-of", type=AS_OF, default=None, metavar="YEAR|DATE",
                     help=AS_OF_HELP)
    _add_vintage(run)
    run.add_argument("--format", choices=("table", "json"), default="table",
                     help="output format (default: %(default)s)")
    run.add_argument("--lang", default="en", choices=defaults.LANGUAGES,
                     help="language of the table (default: %(default)s)")
    run.add_argument("--n-paths", type=_whole(defaults.MIN_N_PATHS, defaults.MAX_N_PATHS),
                     default=defaults.DEFAULT_N_PATHS, metavar="N", help=N_PATHS_HELP)
    run.add_argument("--seed", type=SEED, default=defaults.DEFAULT_SEED,
                     help="random seed; the same seed gives the same numbers "
                          "(default: %(default)s)")
    run.add_argument("--models", type=MODELS, default=None, metavar="NAME,NAME",
                     help=MODELS_HELP)
    run.add_argument("--output", type=file_path, default=None, metavar="FILE",
                     help="also write the results.json object to FILE")
    run.add_argument("--track-record", action="store_true",
                     help="also re-run the region as of each past year-end and score the "
                          "targets settled since (slower: one small run per year)")
    run.add_argument("--scenario", type=_path, default=None, metavar="FILE",
                     help="hypothetical adjustments (TOML, see data/scenarios/) applied to "
                          "the top region's fund model, joint probability and segments")
    batch = sub.add_parser("batch", help="run the region notebook for many regions (papermill)",
                           description=DESCRIPTIONS["batch"])
    _add_data_dir(batch)
    batch.add_argument("--regions", default="all", metavar="all|ID,ID",
                       help="regions to run (default: all regions of regions.csv)")
    batch.add_argument("--as-of", type=AS_OF, default=None, metavar="YEAR|DATE",
                       help=AS_OF_HELP)
    _add_vintage(batch)
    batch.add_argument("--jobs", type=_whole(1, 256), default=2, metavar="N",
                       help="regions run at once (default: %(default)s)")
    batch.add_argument("--lang", default="en", choices=defaults.LANGUAGES,
                       help="report language (default: %(default)s)")
    batch.add_argument("--n-paths", type=_whole(defaults.MIN_N_PATHS, defaults.MAX_N_PATHS),
                       default=defaults.DEFAULT_N_PATHS, metavar="N", help=N_PATHS_HELP)
    batch.add_argument("--seed", type=SEED, default=defaults.DEFAULT_SEED,
                       help="random seed (default: %(default)s)")
    batch.add_argument("--models", type=MODELS, default=None, metavar="NAME,NAME",
                       help=MODELS_HELP)
    batch.add_argument("--runs-dir", type=_path, default=None, metavar="DIR",
                       help=RUNS_DIR_HELP)
    batch.add_argument("--resume", type=RUN_ID, default=None, metavar="RUN_ID",
                       help="complete an interrupted run without redoing finished regions")
    batch.add_argument("--previous", type=RUN_ID, default=None, metavar="RUN_ID",
                       help="an earlier run under --runs-dir; the summary PDF then explains "
                            "why each probability moved since it (kept on --resume)")
    batch.add_argument("--no-track-record", dest="track_record", action="store_false",
                       help="skip the track record of the scheme's top region (by default "
                            "it is re-run as of each past year-end, 300 paths each, and "
                            "its PDF scores the targets settled since)")
    batch.add_argument("--timeout", type=_secs, default=600, metavar="SECONDS",
                       help="seconds a notebook cell may run (default: %(default)s)")
    batch.add_argument("--fresh-kernels", action="store_true",
                       help="start a new kernel for every region instead of reusing one "
                            "per worker (slower; results are the same)")
    batch.add_argument("--dask-scheduler", type=ADDRESS, default=None, metavar="ADDRESS",
                       help="run the regions on an existing Dask cluster, e.g. "
                            "tcp://host:8786 (default: local processes, --jobs at once)")
    verify = sub.add_parser("verify", help="re-run one region of a batch run and confirm "
                                           "its results.json reproduces")
    verify.add_argument("run_id", metavar="RUN_ID", help="a run folder under --runs-dir")
    verify.add_argument("--region", default=None,
                        help="region to re-run (default: the scheme's top region, national "
                             "for the shipped data, if the run has it; else the run's first)")
    verify.add_argument("--runs-dir", type=_path, default=None, metavar="DIR",
                        help=RUNS_DIR_HELP)
    report = sub.add_parser("report", help="re-render a batch run's PDFs and HTML "
                                           "(no notebook is rerun)")
    report.add_argument("run_id", metavar="RUN_ID", help="a run folder under --runs-dir")
    report.add_argument("--lang", default=None, choices=defaults.LANGUAGES,
                        help="report language (default: the run's own)")
    report.add_argument("--runs-dir", type=_path, default=None, metavar="DIR",
                        help=RUNS_DIR_HELP)
    add_compare_parser(sub, _path, _add_data_dir)
    return parser


def _cmd_report(args) -> int:
    from .batch.runs import run_lock
    from .report.readcheck import check_run_readable
    from .safepath import check_writable_run

    run_dir = _run_dir(args.run_id, args.runs_dir)
    manifest = check_run_readable(run_dir)  # manifest, then each results.json: before any PDF
    check_writable_run(run_dir, "report")  # before any rendering, not after the first PDF
    lang = args.lang or manifest["parameters"]["lang"]
    from .clireports import render_reports, skip_iri_grammars

    skip_iri_grammars()

    with run_lock(run_dir, "report"):  # a batch still writing it: the reports of half a run
        return render_reports(run_dir, lang)


def _run_dir(run_id: str, runs_dir: os.PathLike | None) -> os.PathLike:
    from . import config
    from .safepath import check_run_id, no_run

    runs_dir = runs_dir if runs_dir is not None else config.RUNS_DIR
    run_dir = runs_dir / check_run_id(run_id)  # '..', '/abs/path', 'a/b' are refused
    if not (run_dir / "manifest.json").is_file():
        raise no_run(runs_dir, run_id, "RUN_ID")
    return run_dir


def _cmd_verify(args) -> int:
    from .batch import verify_region
    from .batch.verify import not_reproduced_words

    out = verify_region(_run_dir(args.run_id, args.runs_dir), args.region)
    if out["reproduced"]:
        print(f"{out['region']}: reproduced; results.json is identical "
              f"(data hash {out['data_hash_now'][:12]})")
        return 0
    print(f"{out['region']}: NOT reproduced: {not_reproduced_words(out)}", file=sys.stderr)
    return 1


def _cmd_batch(args) -> int:
    from contextlib import nullcontext

    from .clireports import skip_iri_grammars

    skip_iri_grammars()
    from .batch import dask_executor, run_batch
    from .batch.runs import point_latest
    from .progress import Progress

    bar = Progress(sys.stderr)
    where = dask_executor(args.dask_scheduler) if args.dask_scheduler else nullcontext()
    with where as executor:
        manifest = run_batch(regions=args.regions, as_of=args.as_of, vintage=args.vintage,
                             n_paths=args.n_paths, asked=getattr(args, "typed", {}),
                             seed=args.seed, models=args.models, lang=args.lang,
                             jobs=args.jobs, data_dir=args.data_dir, runs_dir=args.runs_dir,
                             resume=args.resume, previous=args.previous,
                             track_record=args.track_record,
                             timeout=args.timeout, executor=executor,
                             warm_kernels=not args.fresh_kernels, reports=True,
                             on_progress=bar.update)
    bar.close()
    summary = manifest["summary"]
    note = point_latest(manifest["run_dir"])
    if note:
        print(f"note: {note}", file=sys.stderr)
    print(f"run {manifest['run_id']}: {summary['ok']} of "
          f"{plural(summary['regions'], 'region')} ok; results in {manifest['run_dir']}")
    # The PDFs and HTML, in the run's language (a resumed run keeps its own), rendered
    # by the batch as the regions finished.
    from .clireports import render_reports

    report_failed = render_reports(manifest["run_dir"], manifest["parameters"]["lang"],
                                    manifest["reports"])
    if summary["failed"]:
        print(f"{len(summary['failed'])} of {plural(summary['regions'], 'region')} failed: "
              f"{', '.join(summary['failed'])} (see manifest.json and each failed notebook)",
              file=sys.stderr)
        return 1
    return report_failed


def _cmd_data_check(args) -> int:
    from .data import load_panel, summary
    from .datacheck import data_warnings

    panel = load_panel(args.data_dir)
    table = summary(panel)
    print(f"{escape(panel.data_dir)}: OK ({plural(len(panel.observations), 'observation')}, "
          f"{plural(len(panel.targets), 'target')}, {plural(len(panel.regions), 'region')}, "
          f"{plural(len(panel.sources), 'source')}; data hash {panel.data_hash[:12]})")
    sch = panel.scheme
    from .fiscal import day_month  # pandas is loaded already; kept off --help's path

    fiscal = (f"fiscal years ending {day_month(sch.year_end)} (year_end = \"{sch.year_end}\"); "
              if sch.shift_days else "")
    print(f"scheme: {sch.scheme_name('en')} ({'scheme.toml' if sch.path else 'default'}); "
          f"top region {sch.top_region}; levels {', '.join(sch.levels)}; currency "
          f"{sch.currency}; " + fiscal + "coverage: " + (", ".join(
              f"{m} = {sch.metrics[m].numerator} / {sch.metrics[m].denominator} (ceiling "
              f"{sch.metrics[m].ceiling})" for m in sch.coverage_metrics) or "none"))
    print()
    print(f"{'region':<28} {'metric':<20} {'rows':>5} {'year-end':>8}  first       last")
    for row in table.itertuples(index=False):
        print(f"{row.region:<28} {row.metric:<20} {row.rows:>5} {row.year_end_rows:>8}  "
              f"{row.first:%Y-%m-%d}  {row.last:%Y-%m-%d}")
    from .warngroups import warning_lines  # many rows of one kind: the first few, counted

    for line in warning_lines(data_warnings(panel), panel.data_dir, args.all_warnings):
        _print_safe(line)  # doubts, not errors: the exit code stays 0
    return 0


def _cmd_init(args) -> int:
    from .scaffold import init_data_dir, shell_word

    written = init_data_dir(args.dir)
    print(f"wrote {plural(len(written), 'file')} to {escape(args.dir)}: "
          f"{', '.join(p.name for p in written)}\nnext: replace the EXAMPLE rows and "
          f"scheme.toml's values, then `forecast data check --data-dir "
          f"{escape(shell_word(args.dir))}`")
    return 0


def _cmd_run(args) -> int:
    from .data import load_panel
    from .models import available_models
    from .results import add_track_record, run_region, write_json
    from .textfmt import format_results
    from .textsafe import shown_list

    if args.output is not None:
        from .safepath import check_output_file, input_files

        check_output_file(args.output, "output",  # before the run, not after it
                          inputs=input_files(args.data_dir, args.scenario))
    models = None
    if args.models:
        models = list(dict.fromkeys(m.strip() for m in args.models.split(",") if m.strip()))
        unknown = [m for m in models if m not in available_models()]
        if unknown or not models:
            raise ParameterError(f"--models: unknown model(s) {shown_list(unknown) or repr(args.models)}; "
                                 f"valid choices: {', '.join(available_models())}")
    scenario = None
    if args.scenario is not None:
        from .scenario import load_scenario

        scenario = load_scenario(args.scenario)  # validated before the long run starts
    panel = load_panel(args.data_dir)
    region = args.region if args.region is not None else panel.scheme.top_region
    results = run_region(panel, region, as_of=args.as_of, n_paths=args.n_paths,
                         seed=args.seed, models=models, scenario=scenario,
                         vintage_basis=args.vintage)
    if args.track_record:
        add_track_record(results, panel)  # one small re-run per past year-end
    if args.output:
        write_json(results, args.output)
    if args.format == "json":
        import json

        from .textsafe import first_unsafe

        text = json.dumps(results, indent=2, ensure_ascii=False)
        if first_unsafe(text.replace("\n", " ")) is not None:  # rare: escape as JSON does
            text = json.dumps(results, indent=2, ensure_ascii=True)
        print(text)
    else:
        _print_safe(format_results(results, args.lang))
    return 0


def _cmd_compare(args) -> int:
    import json

    from .compare_cmd import run_compare

    comparison, text = run_compare(args, _run_dir)
    if args.format == "json":
        print(json.dumps(comparison, indent=2, ensure_ascii=True))
    else:
        _print_safe(text)
    if args.chart is not None:
        print(f"chart: {escape(args.chart)}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    fit_process_limits()
    use_private_dirs()  # a read-only HOME: no warnings from matplotlib or IPython about it
    with quiet_stderr(), stops_as_interrupts():  # `2>&-`: the work goes on; `kill`: as ^C
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    if sys.stdout is None:  # `forecast run >&-`: refused before any work
        print(f"forecast: error: {CLOSED_STDOUT}", file=sys.stderr)
        return 2
    try:
        with named_stdout():  # `> /dev/full`: one line naming standard output
            # A context of its own: a command's scheme words and year-end never outlive it.
            return contextvars.copy_context().run(_parse_and_run, argv)
    except ForecastError as exc:
        print(f"forecast: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except Stopped as exc:  # as Ctrl-C, under the signal's own name and exit code
        print(f"forecast: stopped by {exc.name}{getattr(exc, 'resume', '')}", file=sys.stderr)
        return 128 + exc.signum
    except KeyboardInterrupt as exc:  # a batch's says how to complete its run
        print(f"forecast: interrupted{getattr(exc, 'resume', '')}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return quiet_broken_pipe()
    except (MemoryError, ImportError, SystemError) as exc:  # numpy's allocation errors too
        if not isinstance(exc, MemoryError) and not memory_capped():  # (libraries too big)
            raise
        print(f"forecast: error: {out_of_memory(exc)}", file=sys.stderr)
        return 2
    except OSError as exc:  # the disk filled or a folder changed under a running command
        if exc.filename == STDOUT:
            silence_stdout()
        print(f"forecast: error: {_one_line(os_fault(exc))}", file=sys.stderr)
        return 2


def _parse_and_run(argv: list[str] | None) -> int:
    """Parse (``--help`` and ``--version`` print here, inside :func:`named_stdout`, so a
    full disk is reported for them too) and run the command."""
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
    except SystemExit as exc:  # --help, --version, or a bad argument (one line, code 2)
        return int(exc.code or 0)
    if extra:  # named with the command's own --help, not the top one
        print(f"forecast: error: {_one_line(unrecognized(args, extra))}", file=sys.stderr)
        return 2
    import logging

    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    # A region's failure is the batch's progress line and closing list, not papermill's log.
    logging.getLogger("papermill").setLevel(logging.INFO if args.verbose else logging.CRITICAL)
    with parser.as_typed(args):  # 'as_of: ...' as the notebooks name it: '--as-of: ...'
        check_read(args)  # --vintage without --as-of, --lang with --format json
        return _run_command(parser, args)


def _run_command(parser, args) -> int:
    if args.command == "data" and args.data_command == "check":
        return _cmd_data_check(args)
    commands = {"init": _cmd_init, "run": _cmd_run, "batch": _cmd_batch,
                "verify": _cmd_verify, "report": _cmd_report, "compare": _cmd_compare}
    if args.command in commands:
        return commands[args.command](args)
    if args.command is None:
        parser.print_help()
        return 0
    # `forecast data` without its subcommand: the one-line refusal, not the top help.
    print(f"forecast: error: {args.command}: expected a subcommand: check (see forecast "
          f"{args.command} --help)", file=sys.stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
