"""Run a command and measure it whole: wall time and the peak memory of its process tree.

The crawl runs helper processes (extraction workers, the archive writer, their fork server),
so the memory that matters is the whole tree's at its largest, not one process's. Memory is
PSS (proportional set size, /proc/PID/smaps_rollup): pages the helpers share with the fork
server are counted once between them, not once per process as RSS would. Sampled every
`interval` seconds; Linux only.
"""

from __future__ import annotations

import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple


class Measured(NamedTuple):
    """Wall seconds, peak PSS of the process tree in MB, exit status and combined output."""

    seconds: float
    peak_mb: float
    status: int
    output: str


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return tree


def tree_pss_kb(root: int) -> int:
    """Return the summed PSS (kB) of `root` and all its descendants."""
    tree, todo, total = _children(), [root], 0
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, ()))
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
                break
    return total


def measure(line: list[str], *, cwd: Path, env: dict[str, str], interval: float = 0.1) -> Measured:
    """Run `line` to the end; return its wall time, tree peak memory, status and output."""
    peak = 0
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        child = subprocess.Popen(line, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(interval):
                peak = max(peak, tree_pss_kb(child.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        status = child.wait()
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Measured(seconds, peak / 1024, status, text)
