"""The kernels the region notebooks run on: this interpreter, one BLAS thread, kept warm.

Warm kernels: each worker thread keeps its kernel alive between regions (fresh kernels: it
is shut down after each), so the second region of a thread skips the kernel start and the
heavy imports. :mod:`.engine` clears the kernel between regions. Every kernel this process
starts is registered here, so the end of a batch (and the exit of the process) stops them.
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
import threading

from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

from ..errors import ParameterError

log = logging.getLogger(__name__)

#: The kernel every region runs on: this very interpreter (see ``ProjectKernelSpecs``).
KERNEL_NAME = "forecast"

#: Thread pools of the numerical libraries, one thread each in a batch kernel.
ONE_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

_WARM = threading.local()
_ALL_WARM: list = []
_WARM_LOCK = threading.Lock()


def kernel_env() -> dict[str, str]:
    """Environment the batch adds to each kernel: one BLAS/OpenMP thread.

    The batch is parallel across regions (``--jobs``); a kernel whose BLAS also starts a
    thread per core competes with the other kernels for the same cores. On 2 cores,
    12 regions with ``--jobs 2`` took 46 CPU-s with the default pools and 36 CPU-s with
    one thread each, and the numbers are the same. A value the user has set is kept.
    """
    return {name: os.environ.get(name, "1") for name in ONE_THREAD_VARIABLES}


class ProjectKernelSpecs(KernelSpecManager):
    """A kernel-spec lookup that always answers with this process's own interpreter.

    The batch never asks Jupyter's search path for a kernel: a stale user-level
    ``python3`` spec pointing at another Python, or a machine with no spec installed,
    would otherwise give "kernel not found" or run the notebook without this package.
    """

    def get_kernel_spec(self, kernel_name):
        # History in memory: a batch kernel's cells are not the user's typing, and the
        # kernels, running at once, would all write to one IPython history database.
        return KernelSpec(argv=[sys.executable, "-m", "forecast.batch.launch", "-f",
                                "{connection_file}", "--HistoryManager.hist_file=:memory:"],
                          display_name=f"forecast ({sys.executable})",
                          language="python", resource_dir="", metadata={},
                          env=kernel_env())


def warm_kernel(kernel_name: str) -> AsyncKernelManager:
    """This thread's kernel manager, created (not yet started) on the thread's first call."""
    km = getattr(_WARM, "km", None)
    if km is None:
        km = AsyncKernelManager(kernel_name=kernel_name,
                                kernel_spec_manager=ProjectKernelSpecs())
        _WARM.km = km
        with _WARM_LOCK:
            _ALL_WARM.append(km)
    return km


def discard_warm_kernel() -> None:
    """Shut down this thread's warm kernel (after a timeout or a dead kernel)."""
    km = getattr(_WARM, "km", None)
    _WARM.km = None
    if km is not None:
        _shutdown(km)


def _shutdown(km) -> None:
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


#: Open files a batch needs at the least, ``OPEN_FILES_BASE + OPEN_FILES_PER_JOB * jobs``:
#: measured with ``ulimit -n`` on a four-region folder, ``--jobs 1`` and ``--jobs 2``
#: failed every region at 64 open files, ``--jobs 2`` ran at 96, ``--jobs 4`` failed at 96
#: and ran at 128 (each kernel's sockets, the notebooks, the fonts of the PDFs).
OPEN_FILES_BASE, OPEN_FILES_PER_JOB = 64, 16
#: The soft limit a batch raises itself to, within the hard limit (``ulimit -Hn``).
OPEN_FILES_WANTED = 4096


def ensure_open_files(jobs: int) -> None:
    """Make room for ``jobs`` kernels' open files, before any work: the soft limit is
    raised to :data:`OPEN_FILES_WANTED`, or the hard limit if lower (a process may). Where
    the hard limit is under :func:`open_files_needed`, a one-line ParameterError names it
    and what to do (with too few, every kernel failed to start, each with a traceback of
    its own on the console)."""
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        return  # the batch's parameters refuse it, naming it (forecast.batch.params)
    try:
        import resource  # here: POSIX only (no such module elsewhere)
    except ImportError:  # not a POSIX system: its own limits apply
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    unlimited = resource.RLIM_INFINITY
    if soft == unlimited or soft >= OPEN_FILES_WANTED:
        return
    needed = open_files_needed(jobs)
    if hard != unlimited and hard < needed:
        fewer = (hard - OPEN_FILES_BASE) // OPEN_FILES_PER_JOB
        raise ParameterError(
            f"jobs: expected a limit of at least {needed} open files for {jobs} notebook"
            f"{'s' if jobs != 1 else ''} at once, found {hard} (ulimit -Hn): raise the limit"
            + (f", or run fewer at once (--jobs {fewer})" if 1 <= fewer < jobs else ""))
    target = OPEN_FILES_WANTED if hard == unlimited else min(hard, OPEN_FILES_WANTED)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def open_files_needed(jobs: int) -> int:
    """The open files a batch of ``jobs`` notebooks at once needs at the least."""
    return OPEN_FILES_BASE + OPEN_FILES_PER_JOB * int(jobs)
