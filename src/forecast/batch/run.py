"""``run_batch``: every region's notebook, in parallel, into one run folder.

One failing region never stops the others; ``resume`` completes an interrupted run without
redoing the regions that finished. Everything is validated before any notebook starts.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import shutil
from contextlib import ExitStack, contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, Sequence

from .. import __version__, config
from ..data import data_hash
from ..errors import ParameterError
from ..fiscal import day_month, results_year_end
from ..report import RunReports
from ..report.readcheck import check_run_readable
from ..results import write_json
from ..scheme import load_scheme
from ..oldruns import check_rerun_paths
from ..runfolder import parameters_of, read_manifest, read_results, run_data_dir
from ..safepath import (batch_run_of, check_output_dir, check_room_below, check_run_id,
                        check_timeout, check_writable_run, no_run)
from .engine import disk_fault, one_line, run_one
from .kernels import ensure_open_files, shutdown_warm_kernels
from .params import TEMPLATE, BatchParams, check_as_resumed, validate
from .reconcile import write_reconciliation
from .runs import MANIFEST, code_hash, new_run_dir, new_run_id, run_lock, versions


def _resume_run(runs_dir: Path, resume: str, jobs: int,
                stack: ExitStack) -> tuple[Path, list[str], BatchParams, dict]:
    """Lock an existing run and read back its regions, parameters and manifest."""
    # realpath: a runs folder that is a looping link is "no run" (resolve() raised)
    run_dir = Path(os.path.realpath(runs_dir)) / check_run_id(resume, "resume")
    manifest_path = run_dir / MANIFEST
    if not manifest_path.is_file():
        raise no_run(runs_dir, resume, "resume")
    check_writable_run(run_dir, "resume")
    stack.enter_context(run_lock(run_dir))
    try:
        manifest = read_manifest(run_dir)
        check_rerun_paths(manifest, run_dir, "resumed")  # an older version's run of 50 paths
        check_run_readable(run_dir, rendered=False)  # the finished regions' results (its
        # reconciliation is written anew at the end)
        p = manifest["parameters"]
        run_data_dir(run_dir, manifest)  # gone: named as the manifest's field
        with parameters_of(run_dir):  # refused again: named in the manifest
            region_list, params = validate(regions=manifest["regions"],
                                           as_of=p["as_of"] or None, n_paths=p["n_paths"],
                                           seed=p["seed"], models=p["models"],
                                           lang=p["lang"], jobs=jobs, data_dir=p["data_dir"],
                                           # a run made before vintages had a default: dates
                                           vintage=p.get("vintage", "date"),
                                           track_record=p.get("track_record", False))
        _check_same_data(manifest, params.data_dir, resume)
    except BaseException:
        stack.close()
        raise
    return run_dir, region_list, params, manifest


def _check_same_data(manifest: dict, data_dir: str, resume: str) -> None:
    """Refuse to resume a run whose data folder changed since it started: its finished
    regions and the rest would be two vintages in one run (a scheme.toml's year_end
    changed between them gave one region fiscal years and the next calendar ones)."""
    then, now = manifest.get("data_hash"), data_hash(Path(data_dir))
    if then and then != now:
        raise ParameterError(f"resume: expected the data run {resume} started with (data "
                             f"hash {then[:12]}), found {data_dir} changed since (hash "
                             f"{now[:12]}); restore it, or start a new run")


def _check_previous(runs_dir: Path, previous: str) -> str:
    """The run id of ``--previous``: a run folder with a manifest under ``runs_dir``."""
    check_run_id(previous, "previous")
    if (runs_dir / previous).is_symlink():  # 'latest' moves to this very run when it ends:
        previous = Path(os.path.realpath(runs_dir / previous)).name  # record the run it is
    if not (runs_dir / previous / MANIFEST).is_file():
        raise no_run(runs_dir, previous, "previous")
    return previous


def _check_previous_year_end(prev_dir: Path, data_dir: str) -> None:
    """Refuse a ``--previous`` run of another scheme, or whose years end on another day than
    this data's: its comparison page would fail after every region had run
    (forecast.compare refuses both). Its manifest and parameters are read as the summary's
    comparison page reads them, before any region runs: a damaged one was found after."""
    from ..compare_cmd import side_from_run  # the comparison's own reading (heavy imports)

    side_from_run(prev_dir, "published")
    results = [read_results(p, p.parent.name) for p in sorted(prev_dir.glob("*/results.json"))]
    scheme = load_scheme(data_dir)
    # Another scheme first: its comparison would fail the same way, after every region.
    said = {((r.get("scheme") or {}).get("name") or {}).get("en") for r in results} - {None}
    tops = {(r.get("scheme") or {}).get("top_region") for r in results} - {None}
    if said - {scheme.scheme_name("en")} or tops - {scheme.top_region}:
        raise ParameterError(f"previous: expected a run of this data's scheme "
                             f"'{scheme.scheme_name('en')}' (top region {scheme.top_region}; "
                             f"{data_dir}), found run {prev_dir.name} of "
                             f"'{' and '.join(sorted(said)) or '?'}' (top region "
                             f"{' and '.join(sorted(tops)) or '?'})")
    # Its top region in it but without results: the page showed "then" numbers it never had.
    prev = read_manifest(prev_dir)
    state = (prev.get("status") or {}).get(scheme.top_region) or {}
    if scheme.top_region in prev["regions"] and (state.get("status") != "ok" or not (
            prev_dir / scheme.top_region / "results.json").is_file()):
        raise ParameterError(f"previous: expected a run in which {scheme.top_region} ran, "
                             f"found run {prev_dir.name} where it "
                             f"{'failed' if state.get('status') == 'failed' else 'has no results'}"
                             f" (forecast batch --resume {prev_dir.name} runs it again)")
    ends = {results_year_end(r) for r in results}
    now = scheme.year_end
    if ends and ends != {now}:
        raise ParameterError(f"previous: expected a run whose years end on {day_month(now)}, "
                             f"as this data's do (year_end of {data_dir}), found run "
                             f"{prev_dir.name} with years ending "
                             f"{' and '.join(day_month(e) for e in sorted(ends))}")


@contextmanager
def _resumable(run_dir: Path, runs_dir: Path, manifest: dict) -> Iterator[None]:
    """On Ctrl-C, a stop signal or an OS fault (a full disk), give the exception the words
    the command line adds to its one line: the run kept, how far it got and the command
    that completes it (``--runs-dir`` where it is not the default)."""
    try:
        yield
    except (KeyboardInterrupt, OSError) as exc:  # a full disk too: the one line says so
        status = manifest["status"].values()
        exc.resume = _resume_words(run_dir, runs_dir, sum(
            s.get("status") in ("ok", "failed") for s in status), len(status))
        raise


def _resume_words(run_dir: Path, runs_dir: Path, done: int, total: int) -> str:
    import shlex  # only when interrupted

    from ..plurals import plural  # (the same reason)
    from ..textsafe import escape  # (the same reason)

    where = "" if runs_dir.resolve() == config.RUNS_DIR.resolve() else \
        f" --runs-dir {shlex.quote(escape(runs_dir))}"
    return (f"; run {run_dir.name} kept, {done} of {plural(total, 'region')} finished: "
            f"`forecast batch --resume {run_dir.name}{where}` completes it")


def _record_late(futures: dict, manifest: dict, path: Path) -> None:
    """Record the regions whose notebooks finished after a stop (SIGTERM, Ctrl-C: the pool
    lets the running ones finish). Left pending, the stop's line counted 0 of 4 regions
    finished with one's results written, and ``--resume`` ran it again."""
    late = [(region, f.result()) for f, region in futures.items()
            if f.done() and not f.cancelled() and f.exception() is None
            and manifest["status"][region]["status"] == "pending"]
    for region, status in late:
        manifest["status"][region] = {k: v for k, v in status.items() if k != "region"}
    if late:
        try:
            write_json(manifest, path)
        except OSError:  # a full disk: the stop's own line is said; --resume redoes them
            pass


def _new_run(runs_dir: Path, region_list: list[str], params: BatchParams,
             stack: ExitStack, previous: str | None = None) -> tuple[Path, dict]:
    """Create and lock a new run folder and its first manifest (every region pending)."""
    run_dir = new_run_dir(runs_dir.resolve(), new_run_id(params, region_list))
    try:
        stack.enter_context(run_lock(run_dir))
        manifest = {"run_id": run_dir.name, "created": datetime.now(timezone.utc).isoformat(
                        timespec="seconds"),
                    "package": {"name": "forecast", "version": __version__},
                    "versions": versions(), "code_hash": code_hash(),
                    "data_hash": data_hash(Path(params.data_dir)),
                    "parameters": params.__dict__, "regions": region_list,
                    "status": {r: {"status": "pending"} for r in region_list}}
        if previous:  # the summary PDF explains what moved since it (report/comparepage.py)
            manifest["previous_run"] = previous
        write_json(manifest, run_dir / MANIFEST)  # a full disk: no run folder of a lock only
    except BaseException:
        stack.close()
        shutil.rmtree(run_dir, ignore_errors=True)  # nothing half-made is left behind
        raise
    return run_dir, manifest


def run_batch(*, regions: str | Sequence[str] = "all", as_of=None, vintage: str = "published",
              n_paths: int = config.DEFAULT_N_PATHS, seed: int = config.DEFAULT_SEED,
              models: str = "", lang: str = "en", jobs: int = 2, data_dir=None,
              runs_dir: str | Path | None = None, resume: str | None = None,
              previous: str | None = None, track_record: bool = True, timeout: float | None = 600, executor: cf.Executor | None = None,
              template: str | Path = TEMPLATE, warm_kernels: bool = True,
              reports: bool = False, asked: dict | None = None,
              on_progress: Callable[[dict, int, int], None] | None = None) -> dict:
    """Run the region notebook for every region; return the manifest.

    Parameters
    ----------
    regions : "all", "id,id" or list of ids
    as_of, vintage, n_paths, seed, models, lang : as in the notebook's parameters cell
    jobs : int
        Regions run at once (local processes: each notebook has its own kernel).
    data_dir : path, optional
        The four data files; default the shipped data.
    runs_dir : path, optional
        Parent of run folders; default ``reports/runs``.
    resume : str, optional
        A run id to complete: regions already ``ok`` are not rerun. Its parameters are
        reused; passing different ones is an error.
    previous : str, optional
        The id of an earlier run in ``runs_dir``, recorded as ``previous_run`` in the
        manifest: the summary PDF then has a page explaining why each probability moved
        since it. A resumed run keeps the previous run it was started with.
    track_record : bool
        The scheme's top region also re-runs itself as of each past year-end and scores
        the targets settled since (``track_record`` in its results.json, a section of its
        PDF; 300 paths a re-run). A resumed run keeps its own setting (False for a run
        started with one is refused).
    timeout : float or None
        Seconds a notebook cell may run before the region is failed.
    executor : concurrent.futures.Executor, optional
        Where regions run (for example a Dask client's ``get_executor()``); default a
        thread pool of ``jobs`` workers, each driving its own kernel process.
    template : path
        The parameterised notebook; default ``notebooks/region_forecast.ipynb``.
    warm_kernels : bool
        Reuse one kernel per worker between regions (cleared in between); False starts
        a fresh kernel for every region.
    asked : dict, optional
        With ``resume``: the parameters the caller gave on purpose (by keyword name);
        each must be the run's own, or the call is refused (the command line passes the
        options typed). Without it a resumed run quietly keeps its own.
    reports : bool
        Also render the PDFs and HTML in the run's language: each region's as soon as
        its notebook finishes (while the others run), the summary at the end. The
        outcome is under ``reports`` in the returned manifest (``written``, ``failed``).
    on_progress : callable, optional
        Called with (region status, done, total) after each region; the CLI prints it.

    Returns
    -------
    dict
        The manifest (also written to ``manifest.json`` after every region).
    """
    # A fault of the default folder names where it came from ($FORECAST_REPORTS_DIR, not
    # --runs-dir, which the user never gave).
    what = "runs-dir" if runs_dir is not None else config.RUNS_DIR_NAME
    runs_dir = Path(runs_dir) if runs_dir is not None else config.RUNS_DIR
    check_timeout(timeout)
    if executor is None:  # this machine's kernels: room for their open files
        ensure_open_files(jobs)
    stack = ExitStack()
    if resume:
        run_dir, region_list, params, manifest = _resume_run(runs_dir, resume, jobs, stack)
        try:
            if previous and previous != manifest.get("previous_run"):
                raise ParameterError(f"previous: run {resume} was started with previous run "
                                     f"{manifest.get('previous_run') or '(none)'}, found "
                                     f"{previous!r}; a resumed run keeps its own")
            check_as_resumed(asked or {}, region_list, params, jobs=jobs, run_id=resume,
                             track_record=track_record)
        except BaseException:
            stack.close()
            raise
    else:
        check_output_dir(runs_dir, what)
        inside = batch_run_of(runs_dir / "new-run")
        if inside is not None:  # as --output there is refused: a run among a run's outputs
            raise ParameterError(f"{what}: expected a folder outside batch run folders, "
                                 f"found {runs_dir}, inside the run {inside} (its reports "
                                 f"and checks would mix the two runs)")
        if previous:
            previous = _check_previous(runs_dir, previous)
        region_list, params = validate(regions=regions, as_of=as_of, n_paths=n_paths,
                                       seed=seed, models=models, lang=lang, jobs=jobs,
                                       data_dir=data_dir, vintage=vintage,
                                       track_record=track_record)
        # The deepest file: <run id>-NN/<region id>/<a file name of up to 64 bytes>.
        check_room_below(runs_dir, 25 + max(map(len, region_list)) + 67, what)
        if previous:
            _check_previous_year_end(runs_dir / previous, params.data_dir)
        run_dir, manifest = _new_run(runs_dir, region_list, params, stack, previous)
    with stack, _resumable(run_dir, runs_dir, manifest):
        manifest_path = run_dir / MANIFEST
        todo = [r for r in region_list
                if manifest["status"].get(r, {}).get("status") != "ok"
                or not (run_dir / r / "results.json").is_file()]
        if resume:  # a new run's was written as its folder was made
            write_json(manifest, manifest_path)

        renderer = RunReports(run_dir, params.lang) if reports else None
        own = executor is None
        pool = executor or cf.ThreadPoolExecutor(max_workers=jobs)
        done, futures = len(region_list) - len(todo), {}
        try:
            futures = {pool.submit(run_one, r, params, str(run_dir / r), timeout,
                                   str(template), warm_kernels): r for r in todo}
            for future in cf.as_completed(futures):
                region = futures[future]
                try:
                    status = future.result()
                except Exception as exc:  # the worker itself died (e.g. a lost Dask worker)
                    if disk_fault(exc) is not None:  # not the region's: the run's, resumable
                        raise
                    status = {"region": region, "status": "failed", "error": one_line(exc),
                              "seconds": None}
                manifest["status"][region] = {k: v for k, v in status.items()
                                              if k != "region"}
                write_json(manifest, manifest_path)
                done += 1
                if on_progress:
                    on_progress(status, done, len(region_list))
                if renderer is not None:  # on this thread, while the kernels go on
                    renderer.region(region)
        finally:
            if own:
                pool.shutdown(wait=True, cancel_futures=True)
                shutdown_warm_kernels()
            _record_late(futures, manifest, manifest_path)
        failed = [r for r in region_list if manifest["status"][r]["status"] != "ok"]
        manifest["summary"] = {"regions": len(region_list),
                               "ok": len(region_list) - len(failed), "failed": failed}
        manifest["summary"]["reconciliation"] = write_reconciliation(run_dir, params.data_dir)
        write_json(manifest, manifest_path)
        if renderer is not None:
            manifest["reports"] = renderer.finish()
        manifest["run_dir"] = str(run_dir)
        return manifest
