"""The machine a benchmark ran on, and a timer for commands that tracks CPU and memory.

CPU seconds are the user + system time of a command and every descendant it waited for
(``resource.getrusage(RUSAGE_CHILDREN)`` before and after): unlike wall time they hardly
change when other people's work shares the cores, so growth is judged on them too.

Peak memory is the largest sum of the resident set sizes (RSS) of a command's process and
all its descendants (the batch's kernels), sampled every ``poll`` seconds with psutil.
Without psutil it falls back to ``resource.getrusage(RUSAGE_CHILDREN)``, which gives the
largest single process instead, and says so.
"""

from __future__ import annotations

import importlib.metadata as md
import os
import platform
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

PACKAGES = ("forecast", "numpy", "pandas", "scipy", "statsmodels", "papermill", "ipykernel",
            "statsforecast", "prophet", "psutil")


def _ram_bytes() -> int | None:
    try:
        import psutil

        return int(psutil.virtual_memory().total)
    except ImportError:
        pass
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _git(root: Path) -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, text=True,
                              capture_output=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=root, text=True, capture_output=True,
                               timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return head + (" (uncommitted changes)" if dirty else "") if head else ""


def machine_info(root: Path) -> dict:
    """CPU count and model, RAM, Python, OS, load, package versions and git commit."""
    ram = _ram_bytes()
    versions = {}
    for pkg in PACKAGES:
        try:
            versions[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            versions[pkg] = "not installed"
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {"cpus": os.cpu_count(), "cpu_model": _cpu_model(),
            "ram_gib": round(ram / 2**30, 1) if ram else None,
            "python": platform.python_version(), "implementation": sys.implementation.name,
            "os": f"{platform.system()} {platform.release()} {platform.machine()}",
            "load_avg": load, "versions": versions, "git": _git(root)}


def short_name(info: dict) -> str:
    """A short, stable machine label for file names: ``2cpu-23gb-x86_64``."""
    ram = f"{round(info['ram_gib'])}gb" if info.get("ram_gib") else "ram-unknown"
    return f"{info['cpus']}cpu-{ram}-{platform.machine() or 'unknown'}"


@dataclass(frozen=True)
class Timing:
    """Wall time, peak memory and outcome of one command."""

    seconds: float
    peak_rss_mib: float | None
    cpu_seconds: float | None
    returncode: int
    stdout: str
    stderr: str
    memory_method: str


def _tree_rss(proc) -> int:
    import psutil

    total = 0
    try:
        procs = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total


def run_timed(cmd: Sequence[str], *, cwd: str | Path | None = None, env: dict | None = None,
              poll: float = 0.05, timeout: float | None = None) -> Timing:
    """Run ``cmd`` to completion; its wall time and the peak RSS of its process tree.

    Output is captured (to temporary files, so a chatty command cannot block on a full
    pipe). A command over ``timeout`` seconds is killed and reported with returncode -9.
    """
    import tempfile

    try:
        import psutil
    except ImportError:
        psutil = None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, env=env, stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL)
        peak = 0
        watched = psutil.Process(proc.pid) if psutil else None
        while proc.poll() is None:
            if watched is not None:
                peak = max(peak, _tree_rss(watched))
            if timeout is not None and time.perf_counter() - start > timeout:
                proc.kill()
                break
            time.sleep(poll)
        proc.wait()
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if psutil:
        mib, method = peak / 2**20, "psutil: peak sum of RSS over the process tree"
    else:
        kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        mib, method = kib / 1024, "getrusage(RUSAGE_CHILDREN): largest single process"
    return Timing(seconds=seconds, peak_rss_mib=mib if mib > 0 else None, cpu_seconds=cpu,
                  returncode=proc.returncode, stdout=stdout, stderr=stderr,
                  memory_method=method)
