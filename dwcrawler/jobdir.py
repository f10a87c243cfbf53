"""A `JOBDIR` remembers the run it served: a finished run's folder is not silently re-used.

Scrapy keeps a paused crawl's queue and the fingerprints of every request it made in JOBDIR.
Started again with a folder whose run went to its end, a crawl would find every request
already seen and fetch nothing. The run monitor leaves a marker when a run with a JOBDIR
finishes; the crawl command refuses such a folder before it starts, naming it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

MARKER = "dwcrawler-finished.json"


def mark_finished(jobdir: str, run_id: int | None) -> None:
    """Note in `jobdir` that the run it served went to its end."""
    record = {"run": run_id, "finished_at": datetime.now(UTC).isoformat(timespec="seconds")}
    (Path(jobdir) / MARKER).write_text(json.dumps(record) + "\n", encoding="utf-8")


def finished_problem(jobdir: str) -> str | None:
    """Return why `jobdir` cannot serve a new run (its run finished), or None if it can."""
    marker = Path(jobdir).expanduser() / MARKER
    try:
        record = json.loads(marker.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        record = {}
    run = f"run {record['run']}" if record.get("run") is not None else "a run"
    when = record.get("finished_at", "earlier")
    return (
        f"JOBDIR {jobdir} belongs to {run}, which finished at {when}: every request in it is "
        "already done; delete the folder (or give a new one) to crawl again"
    )
