"""The papermill engine: one region's notebook on this thread's warm kernel.

The only importer of papermill. :func:`run_one` executes the template for one region; a failure
becomes the region's status in the manifest, but a full or read-only disk (:func:`disk_fault`)
is the whole batch's: raised, it stops the run, which stays resumable.
"""

from __future__ import annotations

import errno
import logging
import math
import os
import re
import time
from pathlib import Path
from typing import Callable

import papermill
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.exceptions import PapermillExecutionError

from ..errors import RunError
from ..notebooksave import complete_or_absent
from ..textsafe import one_line as _fold
from .kernels import KERNEL_NAME, discard_warm_kernel, warm_kernel
from .params import BatchParams

ENGINE_NAME = "forecast-warm"

#: Seconds between the saves of a notebook while it runs. papermill saves before and after
#: every cell (60 saves of this template, ~1 s of the batch process's CPU per region, as
#: much as a small region's own computation); the finished notebook is always saved.
SAVE_EVERY = 10.0

# Between regions the kernel's namespace is cleared and its execution counter reset, so a
# region sees exactly what a fresh kernel would (tests/test_batch.py compares warm against
# fresh). The reset opens a new history session, whose line numbers start again at 1
# with the execution counter (kept in the old session, they collided with the previous
# region's, and IPython printed "ERROR! Session/line number was not unique in database"
# into the notebook). A reset runs a full garbage collection, walking every object of the
# imported libraries (``%reset`` ran two: 0.26 s of a region's ~1 s); what survives the
# first reset (modules, their caches) is frozen out of later collections (``gc.freeze``),
# so they walk only what the last region made. Nothing is bound in the namespace by it.
_RESET_CODE = (
    "import matplotlib.pyplot as _forecast_plt\n"
    "_forecast_plt.close('all')\n"
    "get_ipython().reset(new_session=True)\n"
    "__import__('gc').freeze()\n")


def _throttled(save: Callable[..., None], every: float) -> Callable[..., None]:
    """``save`` that writes at most once per ``every`` seconds (the first call writes)."""
    last = [-float("inf")]

    def maybe_save(**kwargs) -> None:
        now = time.monotonic()
        if now - last[0] >= every:
            last[0] = now
            save(**kwargs)

    return maybe_save


class _ResettingClient(PapermillNotebookClient):
    """papermill's client, clearing what the previous region left in a reused kernel."""

    def papermill_execute_cells(self):
        if getattr(self.km, "_forecast_used", False):
            reply = self.wait_for_reply(self.kc.execute(_RESET_CODE, silent=True,
                                                        store_history=False))
            if reply is None or reply["content"].get("status") != "ok":
                raise RunError("warm kernel: clearing the previous region failed")
        self.km._forecast_used = True
        super().papermill_execute_cells()


class WarmKernelEngine(NBClientEngine):
    """papermill's nbclient engine on this thread's warm kernel, with throttled saves."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False,
                                 stdout_file=None, stderr_file=None, start_timeout=60,
                                 execution_timeout=None, **kwargs):
        client = _ResettingClient(nb_man, km=warm_kernel(kernel_name),
                                  timeout=execution_timeout, startup_timeout=start_timeout,
                                  kernel_name=kernel_name,
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


def _warm_engine() -> str:
    """Register the warm-kernel engine with papermill (in this process) and name it."""
    papermill_engines.register(ENGINE_NAME, WarmKernelEngine)
    return ENGINE_NAME


def whole_seconds(timeout: float | None) -> int | None:
    """A cell's time limit as nbclient takes it, whole seconds (a float is refused there,
    region by region): rounded up, so no cell gets less than was asked.

    >>> whole_seconds(600.5), whole_seconds(1e-300), whole_seconds(600), whole_seconds(None)
    (601, 1, 600, None)
    """
    return None if timeout is None else max(1, math.ceil(timeout))


def literal_path(path) -> str:
    """``path`` as papermill reads it literally: it fills a path's ``{name}`` fields with
    the notebook's parameters (``str.format``), so a runs folder named ``rb{}`` failed every
    region and one named ``rr{seed}`` wrote the notebooks into ``rr20261231``, outside the
    run.

    >>> literal_path("/runs/rr{seed}/bali/x.ipynb")
    '/runs/rr{{seed}}/bali/x.ipynb'
    """
    return str(path).replace("{", "{{").replace("}", "}}")


def run_one(region: str, params: BatchParams, region_dir: str, timeout: float | None,
            template: str, warm: bool = True) -> dict:
    """Execute the template for one region (in a worker); return its status. Raises only
    :func:`disk_fault`'s OSError: every region after it would fail the same way."""
    start = time.perf_counter()
    out = Path(region_dir)
    out.mkdir(parents=True, exist_ok=True)
    status = {"region": region, "status": "ok", "error": None}
    try:
        # Complete or absent: a full disk mid-save never leaves a truncated notebook.
        with complete_or_absent(out / "region_forecast.ipynb") as notebook:
            papermill.execute_notebook(
                literal_path(template), literal_path(notebook),
                parameters=params.notebook_parameters(region, out), kernel_name=KERNEL_NAME,
                engine_name=_warm_engine(), language="python", progress_bar=False,
                execution_timeout=whole_seconds(timeout), cwd=str(Path(template).parent))
        if not (out / "results.json").is_file():
            raise RunError(f"{region}: the notebook finished without writing results.json")
    except Exception as exc:  # a region's failure is data for the manifest, not a crash
        fault = disk_fault(exc)
        if fault is not None:
            if not isinstance(exc, PapermillExecutionError):  # a save cut short: mid-cell
                discard_warm_kernel()
            if fault.filename is None:  # papermill's save of the notebook names no file:
                fault = OSError(fault.errno, fault.strerror, str(out))  # the region's folder
            raise fault from None
        status["status"] = "failed"
        status["error"] = one_line(exc)
        if not isinstance(exc, (PapermillExecutionError, RunError)):
            discard_warm_kernel()  # timed out, died or wedged: never reuse it
    if not warm:
        discard_warm_kernel()
    status["seconds"] = round(time.perf_counter() - start, 2)
    return status


#: A traceback's last line, "OSError: [Errno 24] Too many open files" (colours removed).
_RAISED = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit|Warning))(?::\s?(.*))?$")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def one_line(exc: BaseException) -> str:
    """An exception (or a notebook's error) as one line of at most 500 characters: a
    notebook's traceback by the exception it ends with, not by its header ("----- Exception
    encountered at In [22]:")."""
    name = getattr(exc, "ename", None) or type(exc).__name__
    value = getattr(exc, "evalue", None) or str(exc)
    if not getattr(exc, "evalue", None) and "\n" in value:
        lines = [ln.strip() for ln in _ANSI.sub("", value).splitlines() if ln.strip()]
        raised = next((m for ln in reversed(lines) if (m := _RAISED.match(ln))), None)
        if raised:
            name, value = raised.group(1), raised.group(2) or ""
    text = f"{name}: {value}".strip()
    return _fold(text)[:500]


#: The OS faults of the disk the run is written to: no space, no quota, read-only.
DISK_FAULTS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})
_ERRNO = re.compile(r"^\[Errno (\d+)\] ([^:]*)(?::\s*'(.*)')?$")


def disk_fault(exc: BaseException) -> OSError | None:
    """The full or read-only disk behind a region's failure, as an OSError naming the file
    (the batch's own write of the notebook, or the notebook's write of results.json or a
    chart); None for any other failure. ``[Errno 28] No space left on device: '/r/x.png'``
    of a notebook is read back into its errno and file."""
    if isinstance(exc, OSError):
        return exc if exc.errno in DISK_FAULTS else None
    if getattr(exc, "ename", None) not in ("OSError", "PermissionError"):
        return None
    found = _ERRNO.match(_ANSI.sub("", str(getattr(exc, "evalue", ""))).strip())
    if not found or int(found.group(1)) not in DISK_FAULTS:
        return None
    code = int(found.group(1))
    return OSError(code, os.strerror(code), found.group(3))
