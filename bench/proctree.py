"""Run a command and measure it whole: wall time, CPU time and peak resident memory.

The crawl is one process. Its peak RSS is the kernel's high-water mark for its own address
space (`VmHWM` in /proc/PID/status), read until it exits: `wait4`'s `ru_maxrss` would not do,
because it also counts the benchmark process that forked it (Linux keeps the larger mark
across fork and exec).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple


class Measured(NamedTuple):
    """Wall and CPU seconds, peak RSS in MB, exit status and combined output."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    status: int
    output: str


def _high_water_kb(pid: int) -> int:
    """Return the process's peak RSS so far (kB), or 0 if it cannot be read (any more)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def measure(line: list[str], *, cwd: Path, env: dict[str, str]) -> Measured:
    """Run `line` to the end; return its wall and CPU time, peak RSS, status and output."""
    peak = 0
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        child = subprocess.Popen(line, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        done = threading.Event()

        def watch() -> None:
            nonlocal peak
            while not done.wait(0.02):
                peak = max(peak, _high_water_kb(child.pid))

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        watcher.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Measured(seconds, cpu, peak / 1024, child.returncode, text)
