"""Regions on an existing Dask cluster instead of local threads (``--dask-scheduler``)."""

from __future__ import annotations

import concurrent.futures as cf
from contextlib import contextmanager
from typing import Iterator

from ..errors import ParameterError
from .engine import one_line


def _check_address(address: str) -> None:
    """Refuse an address Dask cannot parse before a Client is made: a Client that fails on
    one hangs at exit for 20 s and then prints a traceback from its destructor."""
    # Imported here, as in dask_executor: distributed is slow to import.
    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.registry import backends

    try:
        scheme, location = parse_address(address)
        # A cluster listens on the network; inproc:// is a scheduler in this very process.
        known = [p for p in ("tcp", "tls", "ws", "wss", "ucx") if p in backends]
        if scheme not in known:
            raise ValueError(f"unknown protocol {scheme!r}; known: {', '.join(known)}")
        if scheme != "ucx":
            host, port = parse_host_port(location)
            if not host or not 0 < port < 65536:
                raise ValueError("expected a host name and a port from 1 to 65535")
            # A name part over 63 characters failed inside the Client (UnicodeError), with
            # the same 20 s hang and destructor traceback; UnicodeError is a ValueError.
            host.encode("idna")
    except (ValueError, TypeError) as exc:
        raise ParameterError(f"dask-scheduler: expected an address like tcp://host:8786, "
                             f"found {address!r} ({one_line(exc)})") from None


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
    # distributed is imported here, not at the top: it takes about a second and sets up
    # its own configuration and logging, which a batch without a scheduler never needs.
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ParameterError("dask-scheduler: the 'distributed' package is not installed "
                             "in this environment") from exc
    _check_address(address)
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise ParameterError(f"dask-scheduler: no Dask scheduler answered at {address!r} "
                             f"within {timeout:g}s ({one_line(exc)}); expected an address "
                             f"like tcp://host:8786") from None
    try:
        yield client.get_executor()
    finally:
        client.close()
