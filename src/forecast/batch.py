"""Run the region notebook once per region through papermill, in parallel.

The only importer of papermill. A run lives in ``<runs_dir>/<run_id>/``::

    manifest.json            parameters, data hash, versions, per-region status and timing
    <region>/region_forecast.ipynb   the executed notebook (kept, with the error, on failure)
    <region>/results.json, *.png     written by the notebook

One failing region never stops the others; ``resume`` completes an interrupted run without
redoing the regions that finished. Everything is validated before any notebook starts.
"""

from __future__ import annotations

import atexit
import concurrent.futures as cf
import hashlib
import json
import logging
import os
import platform
import shutil
import sys
import threading
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, Sequence

from . import __version__, config
from .data import data_hash, load_panel, parse_as_of
from .errors import ParameterError, RunError
from .results import write_json
from .runfolder import complete_or_absent, read_manifest, read_results
from .safepath import check_output_dir, check_run_id, check_timeout, check_writable_run

log = logging.getLogger(__name__)

TEMPLATE = config.NOTEBOOKS_DIR / "region_forecast.ipynb"
MANIFEST = "manifest.json"
LANGS = ("en", "id")


@dataclass(frozen=True)
class BatchParams:
    """Validated parameters shared by every region of a run."""

    as_of: str
    n_paths: int
    seed: int
    models: str
    lang: str
    data_dir: str

    def notebook_parameters(self, region: str, output_dir: Path) -> dict:
        return {"region": region, "as_of": self.as_of, "n_paths": self.n_paths,
                "seed": self.seed, "models": self.models, "lang": self.lang,
                "data_dir": self.data_dir, "output_dir": str(output_dir)}


def validate(*, regions: str | Sequence[str], as_of, n_paths, seed, models, lang, jobs,
             data_dir) -> tuple[list[str], BatchParams]:
    """Check every parameter before any notebook starts; return the region list and params.

    Raises
    ------
    ParameterError
        Naming the parameter, the value found and the valid choices.
    """
    from .models import available_models

    panel = load_panel(data_dir)
    if isinstance(regions, str):
        wanted = panel.region_ids if regions.strip() == "all" else \
            [r.strip() for r in regions.split(",") if r.strip()]
    else:
        wanted = list(regions)
    if not wanted:
        raise ParameterError("regions: expected 'all' or comma-separated region ids, found none")
    unknown = [r for r in wanted if r not in set(panel.region_ids)]
    if unknown:
        raise ParameterError(f"regions: unknown region(s) {', '.join(map(repr, unknown))}; "
                             f"valid choices: all, {', '.join(panel.region_ids[:10])}, ... "
                             f"(see {config.REGIONS_FILE})")
    cut = parse_as_of(as_of)
    for name, value, low, high in (("n_paths", n_paths, 1, config.MAX_N_PATHS),
                                   ("jobs", jobs, 1, 256)):
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ParameterError(f"{name}: expected an integer from {low} to {high:,}, "
                                 f"found {value!r}")
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ParameterError(f"seed: expected a non-negative integer, found {seed!r}")
    names = [m.strip() for m in (models or "").split(",") if m.strip()]
    bad = [m for m in names if m not in available_models()]
    if bad:
        raise ParameterError(f"models: unknown model(s) {', '.join(bad)}; valid choices: "
                             f"{', '.join(available_models())}")
    if lang not in LANGS:
        raise ParameterError(f"lang: expected one of {', '.join(LANGS)}, found {lang!r}")
    params = BatchParams(as_of=cut.strftime("%Y-%m-%d") if cut is not None else "",
                         n_paths=n_paths, seed=seed, models=",".join(names), lang=lang,
                         data_dir=str(Path(data_dir).resolve()) if data_dir
                         else str(config.DATA_DIR))
    return list(dict.fromkeys(wanted)), params


#: The kernel every region runs on: this very interpreter (see ``_project_kernel_specs``).
KERNEL_NAME = "forecast"

# Every region runs through one engine. Warm kernels: each worker thread keeps its kernel
# alive between regions (fresh kernels: it is shut down after each), so the second
# region of a thread skips the kernel start and the heavy imports. Between regions the
# kernel's namespace is cleared and its execution counter reset, so a region sees exactly
# what a fresh kernel would (tests/test_batch.py compares warm against fresh).
_WARM = threading.local()
_ALL_WARM: list = []
_WARM_LOCK = threading.Lock()
_RESET_CODE = (
    "import matplotlib.pyplot as _forecast_plt\n"
    "_forecast_plt.close('all')\n"
    "get_ipython().run_line_magic('reset', '-f')\n"
    "get_ipython().execution_count = 1\n")


#: Thread pools of the numerical libraries, one thread each in a batch kernel.
ONE_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def kernel_env() -> dict[str, str]:
    """Environment the batch adds to each kernel: one BLAS/OpenMP thread.

    The batch is parallel across regions (``--jobs``); a kernel whose BLAS also starts a
    thread per core competes with the other kernels for the same cores. On 2 cores,
    12 regions with ``--jobs 2`` took 46 CPU-s with the default pools and 36 CPU-s with
    one thread each, and the numbers are the same. A value the user has set is kept.
    """
    return {name: os.environ.get(name, "1") for name in ONE_THREAD_VARIABLES}


def _project_kernel_specs():
    """A kernel-spec lookup that always answers with this process's own interpreter.

    The batch never asks Jupyter's search path for a kernel: a stale user-level
    ``python3`` spec pointing at another Python, or a machine with no spec installed,
    would otherwise give "kernel not found" or run the notebook without this package.
    """
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager

    class ProjectKernelSpecs(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f",
                                    "{connection_file}"],
                              display_name=f"forecast ({sys.executable})",
                              language="python", resource_dir="", metadata={},
                              env=kernel_env())

    return ProjectKernelSpecs()


#: Seconds between the saves of a notebook while it runs. papermill saves before and after
#: every cell (60 saves of this template, ~1 s of the batch process's CPU per region, as
#: much as a small region's own computation); the finished notebook is always saved.
SAVE_EVERY = 10.0


def _throttled(save: Callable[..., None], every: float) -> Callable[..., None]:
    """``save`` that writes at most once per ``every`` seconds (the first call writes)."""
    last = [-float("inf")]

    def maybe_save(**kwargs) -> None:
        now = time.monotonic()
        if now - last[0] >= every:
            last[0] = now
            save(**kwargs)

    return maybe_save


def _warm_engine():
    """A papermill engine that runs notebooks on this thread's warm kernel."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines

    class _ResettingClient(PapermillNotebookClient):
        def papermill_execute_cells(self):
            if getattr(self.km, "_forecast_used", False):
                reply = self.wait_for_reply(self.kc.execute(_RESET_CODE, silent=True,
                                                            store_history=False))
                if reply is None or reply["content"].get("status") != "ok":
                    raise RunError("warm kernel: clearing the previous region failed")
            self.km._forecast_used = True
            super().papermill_execute_cells()

    class WarmKernelEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False,
                                     stdout_file=None, stderr_file=None, start_timeout=60,
                                     execution_timeout=None, **kwargs):
            from jupyter_client.manager import AsyncKernelManager

            km = getattr(_WARM, "km", None)
            if km is None:
                km = AsyncKernelManager(kernel_name=kernel_name,
                                        kernel_spec_manager=_project_kernel_specs())
                _WARM.km = km
                with _WARM_LOCK:
                    _ALL_WARM.append(km)
            client = _ResettingClient(nb_man, km=km, timeout=execution_timeout,
                                      startup_timeout=start_timeout, kernel_name=kernel_name,
                                      log=logging.getLogger("papermill"),
                                      log_output=log_output, stdout_file=stdout_file,
                                      stderr_file=stderr_file)
            nb_man.save = _throttled(nb_man.save, SAVE_EVERY)
            try:
                return client.execute()
            finally:
                del nb_man.save  # papermill's own save writes the finished notebook
                if client.kc is not None:
                    client.kc.stop_channels()

    papermill_engines.register("forecast-warm", WarmKernelEngine)
    return "forecast-warm"


def _discard_warm_kernel() -> None:
    """Shut down this thread's warm kernel (after a timeout or a dead kernel)."""
    km = getattr(_WARM, "km", None)
    _WARM.km = None
    if km is not None:
        _shutdown(km)


def _shutdown(km) -> None:
    from jupyter_core.utils import run_sync

    try:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    except Exception as exc:  # already dead: nothing left to stop
        log.debug("warm kernel shutdown: %s", exc)
    with _WARM_LOCK:
        if km in _ALL_WARM:
            _ALL_WARM.remove(km)


def shutdown_warm_kernels() -> None:
    """Stop every warm kernel this process started (end of a batch, and at exit)."""
    with _WARM_LOCK:
        kms = list(_ALL_WARM)
    for km in kms:
        _shutdown(km)


atexit.register(shutdown_warm_kernels)


def _run_one(region: str, params: BatchParams, region_dir: str, timeout: float | None,
             template: str, warm: bool = True) -> dict:
    """Execute the template for one region (in a worker). Never raises: returns a status."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    start = time.perf_counter()
    out = Path(region_dir)
    out.mkdir(parents=True, exist_ok=True)
    status = {"region": region, "status": "ok", "error": None}
    try:
        # Complete or absent: a full disk mid-save never leaves a truncated notebook.
        with complete_or_absent(out / "region_forecast.ipynb") as notebook:
            papermill.execute_notebook(
                template, str(notebook),
                parameters=params.notebook_parameters(region, out), kernel_name=KERNEL_NAME,
                engine_name=_warm_engine(), language="python", progress_bar=False,
                execution_timeout=timeout, cwd=str(Path(template).parent))
        if not (out / "results.json").is_file():
            raise RunError(f"{region}: the notebook finished without writing results.json")
    except Exception as exc:  # a region's failure is data for the manifest, not a crash
        status["status"] = "failed"
        status["error"] = _one_line(exc)
        if not isinstance(exc, (PapermillExecutionError, RunError)):
            _discard_warm_kernel()  # timed out, died or wedged: never reuse it
    if not warm:
        _discard_warm_kernel()
    status["seconds"] = round(time.perf_counter() - start, 2)
    return status


def _one_line(exc: BaseException) -> str:
    name = getattr(exc, "ename", None) or type(exc).__name__
    value = getattr(exc, "evalue", None) or str(exc)
    text = f"{name}: {value}".strip()
    return " ".join(text.split())[:500]


def new_run_id(params: BatchParams, regions: Sequence[str]) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    digest = hashlib.sha256(json.dumps([params.__dict__, list(regions)],
                                       sort_keys=True).encode()).hexdigest()[:6]
    return f"{stamp}-{digest}"


LOCK = ".lock"


def _new_run_dir(runs_dir: Path, run_id: str) -> Path:
    """Create a new run folder; two batches started at once never get the same one."""
    runs_dir.mkdir(parents=True, exist_ok=True)
    for n in range(1, 100):
        candidate = runs_dir / (run_id if n == 1 else f"{run_id}-{n}")
        try:
            candidate.mkdir()  # atomic: exactly one process creates a given folder
            return candidate
        except FileExistsError:
            continue
    raise RunError(f"{runs_dir}: could not create a new folder for run {run_id}")


@contextmanager
def run_lock(run_dir: Path) -> Iterator[None]:
    """Hold the run folder's lock: one batch at a time writes a run (new or resumed).

    The lock is an OS file lock (``flock``), so it is released however the holder ends,
    SIGKILL included, and a later ``--resume`` never finds a stale lock.

    Raises
    ------
    RunError
        If another process holds the lock.
    """
    import fcntl

    path = Path(run_dir) / LOCK
    fh = open(path, "a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "unknown"
            raise RunError(f"{run_dir}: another batch (pid {holder}) is writing this run; "
                           f"wait for it to finish, then resume it if needed") from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        yield
    finally:
        fh.close()  # closing the file releases the lock


def _versions() -> dict:
    import importlib.metadata as md

    out = {"python": platform.python_version()}
    for pkg in ("numpy", "pandas", "scipy", "statsmodels", "matplotlib", "papermill"):
        try:
            out[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            out[pkg] = None
    return out


def run_batch(*, regions: str | Sequence[str] = "all", as_of=None,
              n_paths: int = config.DEFAULT_N_PATHS, seed: int = config.DEFAULT_SEED,
              models: str = "", lang: str = "en", jobs: int = 2, data_dir=None,
              runs_dir: str | Path | None = None, resume: str | None = None,
              timeout: float | None = 600, executor: cf.Executor | None = None,
              template: str | Path = TEMPLATE, warm_kernels: bool = True,
              reports: bool = False,
              on_progress: Callable[[dict, int, int], None] | None = None) -> dict:
    """Run the region notebook for every region; return the manifest.

    Parameters
    ----------
    regions : "all", "id,id" or list of ids
    as_of, n_paths, seed, models, lang : as in the notebook's parameters cell
    jobs : int
        Regions run at once (local processes: each notebook has its own kernel).
    data_dir : path, optional
        The four data files; default the shipped data.
    runs_dir : path, optional
        Parent of run folders; default ``reports/runs``.
    resume : str, optional
        A run id to complete: regions already ``ok`` are not rerun. Its parameters are
        reused; passing different ones is an error.
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
    reports : bool
        Also render the PDFs and HTML in the run's language: each region's as soon as
        its notebook finishes (while the others run), the summary at the end. The
        outcome is under ``reports`` in the returned manifest (``written``, ``failed``).
    on_progress : callable, optional
        Called with (region status, done, total) after each region.

    Returns
    -------
    dict
        The manifest (also written to ``manifest.json`` after every region).
    """
    runs_dir = Path(runs_dir) if runs_dir is not None else config.RUNS_DIR
    check_timeout(timeout)
    stack = ExitStack()
    if resume:
        run_dir = runs_dir.resolve() / check_run_id(resume, "resume")
        manifest_path = run_dir / MANIFEST
        if not manifest_path.is_file():
            known = sorted(p.name for p in runs_dir.glob("*") if (p / MANIFEST).is_file())
            raise ParameterError(f"resume: no run {resume!r} in {runs_dir}; valid choices: "
                                 f"{', '.join(known[-10:]) or '(no runs yet)'}")
        check_writable_run(run_dir, "resume")
        stack.enter_context(run_lock(run_dir))
        try:
            manifest = read_manifest(run_dir)
            p = manifest["parameters"]
            region_list, params = validate(regions=manifest["regions"],
                                           as_of=p["as_of"] or None, n_paths=p["n_paths"],
                                           seed=p["seed"], models=p["models"],
                                           lang=p["lang"], jobs=jobs, data_dir=p["data_dir"])
        except BaseException:
            stack.close()
            raise
        run_id = resume
    else:
        check_output_dir(runs_dir, "runs-dir")
        region_list, params = validate(regions=regions, as_of=as_of, n_paths=n_paths,
                                       seed=seed, models=models, lang=lang, jobs=jobs,
                                       data_dir=data_dir)
        run_dir = _new_run_dir(runs_dir.resolve(), new_run_id(params, region_list))
        run_id = run_dir.name
        stack.enter_context(run_lock(run_dir))
        try:
            manifest = {"run_id": run_id, "created": datetime.now(timezone.utc).isoformat(
                            timespec="seconds"),
                        "package": {"name": "forecast", "version": __version__},
                        "versions": _versions(),
                        "data_hash": data_hash(Path(params.data_dir)),
                        "parameters": params.__dict__, "regions": region_list,
                        "status": {r: {"status": "pending"} for r in region_list}}
        except BaseException:
            stack.close()
            shutil.rmtree(run_dir, ignore_errors=True)  # nothing half-made is left behind
            raise
    with stack:
        manifest_path = run_dir / MANIFEST
        todo = [r for r in region_list
                if manifest["status"].get(r, {}).get("status") != "ok"
                or not (run_dir / r / "results.json").is_file()]
        write_json(manifest, manifest_path)

        renderer = None
        if reports:
            from .report import RunReports

            renderer = RunReports(run_dir, params.lang)
        own = executor is None
        pool = executor or cf.ThreadPoolExecutor(max_workers=jobs)
        done = len(region_list) - len(todo)
        try:
            futures = {pool.submit(_run_one, r, params, str(run_dir / r), timeout,
                                   str(template), warm_kernels): r for r in todo}
            for future in cf.as_completed(futures):
                region = futures[future]
                try:
                    status = future.result()
                except Exception as exc:  # the worker itself died (e.g. a lost Dask worker)
                    status = {"region": region, "status": "failed", "error": _one_line(exc),
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
        failed = [r for r in region_list if manifest["status"][r]["status"] != "ok"]
        manifest["summary"] = {"regions": len(region_list),
                               "ok": len(region_list) - len(failed), "failed": failed}
        manifest["summary"]["reconciliation"] = write_reconciliation(run_dir, params.data_dir)
        write_json(manifest, manifest_path)
        if renderer is not None:
            manifest["reports"] = renderer.finish()
        manifest["run_dir"] = str(run_dir)
        return manifest


RECONCILIATION = "reconciliation.json"


def write_reconciliation(run_dir: Path, data_dir: str | Path) -> str:
    """Reconcile the run's regional projections with the national one (reconciliation.json).

    Returns a one-line summary for the manifest. Regions whose results.json is missing
    (failed) are listed as missing; nothing is written when the run has no national region.
    """
    from .regional import reconcile_run

    results = {}
    for path in sorted(Path(run_dir).glob("*/results.json")):
        results[path.parent.name] = json.loads(path.read_text(encoding="utf-8"))
    recon = reconcile_run(results, load_panel(data_dir).regions)
    if "skipped" in recon:
        return f"not reconciled: {recon['skipped']}"
    write_json(recon, Path(run_dir) / RECONCILIATION)
    parts = []
    for level, entry in recon["levels"].items():
        if "skipped" in entry:
            parts.append(f"{level}: {entry['skipped']}")
            continue
        year = entry["years"][0]
        parts.append(f"{level}: {len(entry['included'])} of {entry['regions_in_level']} "
                     f"regions sum to {1 / entry['factor'][year]:.0%} of the national "
                     f"median in {year} (factor {entry['factor'][year]:.3f})")
    return "; ".join(parts)


@contextmanager
def dask_executor(address: str, *, timeout: float = 10.0) -> Iterator[cf.Executor]:
    """An executor that sends regions to an existing Dask cluster (``distributed``).

    Each region runs in a worker process, which must have this project installed (the
    same environment); its outputs go to the run folder, so workers need that folder on a
    shared file system. Use it as ``with dask_executor("tcp://host:8786") as ex:
    run_batch(..., executor=ex)``.

    Raises
    ------
    ParameterError
        If no scheduler answers at ``address`` within ``timeout`` seconds.
    """
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ParameterError("dask-scheduler: the 'distributed' package is not installed "
                             "in this environment") from exc
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise ParameterError(f"dask-scheduler: no Dask scheduler answered at {address!r} "
                             f"within {timeout:g}s ({_one_line(exc)}); expected an address "
                             f"like tcp://host:8786") from None
    try:
        yield client.get_executor()
    finally:
        client.close()


def progress_printer(stream=None) -> Callable[[dict, int, int], None]:
    """A progress callback printing one line per finished region to ``stream``."""
    stream = stream or sys.stderr

    def show(status: dict, done: int, total: int) -> None:
        width = len(str(total))
        tail = f" ({status['seconds']:.1f}s)" if status.get("seconds") is not None else ""
        err = f": {status['error']}" if status.get("error") else ""
        print(f"[{done:>{width}}/{total}] {status['region']} {status['status']}{tail}{err}",
              file=stream, flush=True)

    return show


def first_difference(a, b, path: str = "") -> str | None:
    """The first place two JSON values differ, as ``path: a != b``; None if equal."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                return f"{path}.{key}: present in only one"
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"


def verify_region(run_dir: str | Path, region: str | None = None) -> dict:
    """Re-run one region of a batch run in this process and compare with its results.json.

    Parameters
    ----------
    run_dir : path
        A run folder (with ``manifest.json``).
    region : str, optional
        Default ``national`` if the run has it, else the run's first region.

    Returns
    -------
    dict
        ``region``, ``reproduced`` (bool), ``difference`` (None or where the first
        difference is), ``data_hash_run`` and ``data_hash_now``.

    Raises
    ------
    ParameterError
        If the region is not in the run or has no results.json.
    """
    from .results import run_region

    run_dir = Path(run_dir)
    manifest = read_manifest(run_dir, need=("data_hash",))
    regions = manifest["regions"]
    region = region or ("national" if "national" in regions else regions[0])
    saved_path = run_dir / region / "results.json"
    if region not in regions or not saved_path.is_file():
        have = [r for r in regions if (run_dir / r / "results.json").is_file()]
        raise ParameterError(f"region: {region!r} has no results.json in run "
                             f"{manifest['run_id']}; valid choices: {', '.join(have[:10])}"
                             f"{', ...' if len(have) > 10 else ''}")
    saved = read_results(saved_path, region)  # damaged: say so before the long re-run
    p = manifest["parameters"]
    panel = load_panel(p["data_dir"])
    now = run_region(panel, region, as_of=p["as_of"] or None, n_paths=p["n_paths"],
                     seed=p["seed"], models=[m for m in p["models"].split(",") if m] or None)
    fresh = json.loads(json.dumps(now, allow_nan=False))
    diff = first_difference(saved, fresh, "results")
    return {"region": region, "reproduced": diff is None, "difference": diff,
            "data_hash_run": manifest["data_hash"], "data_hash_now": panel.data_hash}
