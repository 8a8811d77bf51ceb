"""Run the region notebook once per region through papermill, in parallel.

One module per job, in the order a batch uses them:

============  ===========================================================================
module        holds
============  ===========================================================================
``params``    ``BatchParams`` and ``validate``: every parameter checked before a notebook
``runs``      run folders: id, atomic creation, the ``flock`` lock, manifest versions
``kernels``   kernel specs (this interpreter, one BLAS thread) and the warm-kernel pool
``engine``    the papermill engine and ``run_one`` (one region; the only papermill user)
``cluster``   ``dask_executor``: regions on an existing Dask cluster
``reconcile`` ``write_reconciliation``: regions against the nation, once the run is done
``run``       ``run_batch``: new or resumed run, the worker pool, progress, reports
``verify``    ``verify_region``: re-run one region in-process and compare results.json
============  ===========================================================================

The library never prints: progress goes to the ``on_progress`` callback (the CLI prints).
"""

from __future__ import annotations

from .cluster import dask_executor
from .engine import SAVE_EVERY, run_one
from .kernels import KERNEL_NAME, ONE_THREAD_VARIABLES, kernel_env, shutdown_warm_kernels
from .params import LANGS, TEMPLATE, BatchParams, validate
from .reconcile import RECONCILIATION, write_reconciliation
from .run import run_batch
from .runs import LOCK, MANIFEST, new_run_dir, new_run_id, run_lock
from .verify import first_difference, verify_region

#: The name the tests and earlier callers know (``new_run_dir``).
_new_run_dir = new_run_dir

__all__ = ["BatchParams", "KERNEL_NAME", "LANGS", "LOCK", "MANIFEST", "ONE_THREAD_VARIABLES",
           "RECONCILIATION", "SAVE_EVERY", "TEMPLATE", "dask_executor", "first_difference",
           "kernel_env", "new_run_dir", "new_run_id", "run_batch", "run_lock", "run_one",
           "shutdown_warm_kernels", "validate", "verify_region", "write_reconciliation"]
