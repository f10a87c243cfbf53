"""Run a command and measure it whole: wall time, CPU time and peak resident memory.

The crawl is one process, so its peak RSS is the kernel's own high-water mark for it
(`os.wait4`'s `ru_maxrss`), not a sample.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path


class Measured(NamedTuple):
    """Wall and CPU seconds, peak RSS in MB, exit status and combined output."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    status: int
    output: str


def measure(line: list[str], *, cwd: Path, env: dict[str, str]) -> Measured:
    """Run `line` to the end; return its wall and CPU time, peak RSS, status and output."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        child = subprocess.Popen(line, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Measured(seconds, cpu, usage.ru_maxrss / 1024, child.returncode, text)
