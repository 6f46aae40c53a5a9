"""How the benchmarks run and time things, the same way in every script.

Commands run as users run them (a fresh process, output to a file), and
are timed from outside: wall seconds, CPU seconds of the process and its
workers, and the peak memory of the largest of them, as the kernel counts
them. A command that fails (any exit but 0, or 1 for "found something")
stops the benchmark with what it printed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and the children it waited for
    peak_kb: int  # max RSS of the largest of them
    stderr: str


def alur(*args: str) -> list[str]:
    """The `alur` command line for `args`, run with this Python."""
    return [sys.executable, "-m", "alur.runner.cli", *args]


def run(command: list[str], ok: tuple[int, ...] = (0, 1)) -> Run:
    """Runs `command` once, its output thrown away and its errors kept (in a
    file, so that a chatty command cannot fill a pipe and stall). `ok`: the
    exit codes that mean it ran as expected (2, for input it must refuse)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise SystemExit(f"{' '.join(command)} failed with exit {code}:\n{stderr}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, stderr)


def best_of(runs: int, func: Callable[[], object]) -> float:
    """The fastest of `runs` timings (the least disturbed by the machine's other work)."""
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - began)
    return best
