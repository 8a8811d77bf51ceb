"""Start an IPython kernel for the batch, without the one warning that repeats per kernel.

ipykernel logs "Kernel is running over TCP without encryption" at every start. The batch's
kernels listen on the loopback interface of this machine only, and the warning, printed
once per kernel, buried the progress of ``make report``. Only that message is dropped:
every other warning and error of the kernel still reaches the console.

Usage (the kernel spec of :class:`forecast.batch.kernels.ProjectKernelSpecs`)::

    python -m forecast.batch.launch -f CONNECTION_FILE
"""

from __future__ import annotations

import logging
import os
import sys

#: The repeated message, matched by its start.
QUIET = "Kernel is running over TCP without encryption"


class DropTcpWarning(logging.Filter):
    """A logging filter that drops :data:`QUIET` and keeps every other record."""

    def filter(self, record: logging.LogRecord) -> bool:  # noqa: A003 (logging's name)
        return not str(record.msg).startswith(QUIET)


def main() -> None:
    """Install the filter on the kernel application's logger, then start the kernel."""
    # As ipykernel_launcher: the kernel's folder is not an import path (a file there
    # named like a module must not shadow it).
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]
    # traitlets names an application's logger after its class.
    logging.getLogger("IPKernelApp").addFilter(DropTcpWarning())
    # ipykernel is imported here, after the filter, exactly as ipykernel_launcher does.
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
