"""Whether a process of this host is still alive: for leases and runs whose holder may be dead.

A pid alone can lie: after a reboot or a long time, another process may have the dead one's
number. Where /proc tells when a process started (Linux), one that started after the time it
is asked about is not the process we mean.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

# A process start read from /proc is exact to a clock tick; allow for clocks and rounding.
_SLACK_SECONDS = 5.0


def process_alive(pid: int, started_by: datetime | None = None) -> bool:
    """Return True if process `pid` exists here (and, if known, had started by `started_by`)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, and belongs to another user
        pass
    if started_by is None:
        return True
    began = process_start(pid)
    return began is None or began.timestamp() <= started_by.timestamp() + _SLACK_SECONDS


def process_start(pid: int) -> datetime | None:
    """Return when process `pid` started (from /proc), or None where that cannot be read."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22: starttime, in clock ticks
        boot = next(
            int(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
    except (OSError, ValueError, IndexError, StopIteration):
        return None
    return datetime.fromtimestamp(boot + ticks / os.sysconf("SC_CLK_TCK"), UTC)
