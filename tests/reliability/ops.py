"""Operations scenarios on real crawls: two at once, a killed one and the next at once, damage.

Shared by the tests (tests/commands/test_lease.py: one try each, on both backends) and by
`make reliability` (several tries). Each returns an `Outcome` built from what happened:
exit statuses, stderr lines, the replica's request log (who asked for what, by User-Agent),
the crawl_runs rows and the articles stored.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tests.replica.archive import records
from tests.replica.run import ROOT, command

if TYPE_CHECKING:
    from tests.replica.server import ReplicaServer
    from tests.replica.site import ReplicaSite

# The first crawl of a pair is slowed down so that it is surely still running (one request at a
# time, 50 ms apart: about 5 s for the 60-page site the scenarios use).
SLOW = {"DOWNLOAD_DELAY": "0.05", "CONCURRENT_REQUESTS": "1", "CONCURRENT_REQUESTS_PER_DOMAIN": "1"}
FIRST, SECOND = "mailto:first@example.org", "mailto:second@example.org"
EX_TEMPFAIL = 75


@dataclass
class Outcome:
    """One try of a scenario: did it behave as it must, how many articles are missing, why."""

    problems: list[str] = field(default_factory=list)
    lost: int = 0
    seconds: float = 0.0  # how long the second crawl took to refuse, or to start fetching

    @property
    def survived(self) -> bool:
        """Return True if nothing went wrong."""
        return not self.problems


def start(
    base_url: str, db_url: str, log: Path, contact: str, settings: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Start a backfill crawl in a process group of its own, its output going to `log`."""
    every = {"DATABASE_URL": db_url, "DW_CONTACT_URL": contact, **(settings or {})}
    line, env = command(base_url, args={"mode": "backfill"}, settings=every)
    with log.open("ab") as out:
        return subprocess.Popen(
            line, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def crawl(
    base_url: str, db_url: str, contact: str, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run a backfill crawl to its end."""
    settings = {"DATABASE_URL": db_url, "DW_CONTACT_URL": contact}
    line, env = command(base_url, args={"mode": "backfill"}, settings=settings)
    return subprocess.run(
        line, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def running_run(db_url: str, timeout: float = 120) -> tuple[int, int | None]:
    """Wait until a run is recorded `running`; return its id and pid."""
    engine = create_engine(db_url, poolclass=NullPool)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            with contextlib.suppress(Exception), engine.connect() as connection:
                row = connection.execute(
                    text("SELECT id, pid FROM crawl_runs WHERE outcome = 'running'")
                ).first()
                if row is not None:
                    return int(row[0]), row[1]
            time.sleep(0.02)
    finally:
        engine.dispose()
    raise TimeoutError("no crawl run started")


def run_row(db_url: str, run_id: int | None = None) -> dict[str, object]:
    """Return one crawl_runs row (the newest without `run_id`) as a dict."""
    where = "WHERE id = :id" if run_id is not None else "ORDER BY id DESC LIMIT 1"
    engine = create_engine(db_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            query = text(f"SELECT id, outcome, message, host, pid FROM crawl_runs {where}")
            return dict(connection.execute(query, {"id": run_id}).mappings().one())
    finally:
        engine.dispose()


def _asked_by(server: ReplicaServer, contact: str) -> int:
    return sum(contact in r.headers.get("User-Agent", "") for r in server.requests())


def _missing(site: ReplicaSite, db_url: str) -> int:
    return len({page.spec.dw_id for page in site.pages} - set(records(db_url)))


def overlap_once(site: ReplicaSite, server: ReplicaServer, db_url: str, log: Path) -> Outcome:
    """Start a crawl; while it runs, start a second one on the same archive: it must refuse."""
    outcome = Outcome()
    first = start(server.base_url, db_url, log, FIRST, SLOW)
    try:
        running_run(db_url)
        began = time.monotonic()
        second = crawl(server.base_url, db_url, SECOND)
        outcome.seconds = time.monotonic() - began
        still_running = first.poll() is None
    finally:
        status = first.wait(timeout=300)
    lines = [line for line in second.stderr.splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    if second.returncode != EX_TEMPFAIL:
        outcome.problems.append(f"the second crawl exited {second.returncode}, not 75")
    if f"pid {first.pid} on {socket.gethostname()}" not in last or "is busy" not in last:
        outcome.problems.append(f"the refusal does not name the holder: {last!r}")
    if "Traceback" in second.stderr:
        outcome.problems.append("the second crawl printed a traceback")
    if (asked := _asked_by(server, SECOND)) != 0:
        outcome.problems.append(f"the second crawl fetched {asked} URL(s)")
    if not still_running:
        outcome.problems.append("the first crawl had ended before the second refused")
    if status != 0:
        outcome.problems.append(f"the first crawl exited {status}; see {log}")
    outcome.lost = _missing(site, db_url)
    return outcome


def stale_lease_once(site: ReplicaSite, server: ReplicaServer, db_url: str, log: Path) -> Outcome:
    """SIGKILL a crawl holding the lease, start the next at once: it must not wait or refuse."""
    outcome = Outcome()
    first = start(server.base_url, db_url, log, FIRST, SLOW)
    run_id, _ = running_run(db_url)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    began = time.time()
    second = crawl(server.base_url, db_url, SECOND)
    asked = [r.at for r in server.requests() if SECOND in r.headers.get("User-Agent", "")]
    outcome.seconds = (min(asked) - began) if asked else float("inf")
    if second.returncode != 0:
        outcome.problems.append(
            f"the next crawl exited {second.returncode}: {second.stderr[-300:]}"
        )
    dead, latest = run_row(db_url, run_id), run_row(db_url)
    if dead["outcome"] != "crashed" or f"pid {first.pid}" not in str(dead["message"]):
        outcome.problems.append(f"the killed run is recorded as {dead['outcome']!r}")
    if latest["outcome"] != "success":
        outcome.problems.append(f"the next run is {latest['outcome']!r}")
    if f"run {run_id} " not in second.stderr or "marked crashed" not in second.stderr:
        outcome.problems.append("the next crawl's log does not say it found the run crashed")
    outcome.lost = _missing(site, db_url)
    return outcome


# --- a damaged SQLite archive --------------------------------------------------------------------
DAMAGES = ("garbage over the articles table", "truncated file", "header overwritten")


def damage(path: Path, how: str) -> None:
    """Damage a SQLite archive as a disk, a copy or a careless hand would."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'articles'"
        ).fetchone()[0]
    with path.open("r+b") as archive:
        if how == DAMAGES[0]:
            archive.seek((root - 1) * page_size)
            archive.write(os.urandom(page_size))
        elif how == DAMAGES[1]:
            archive.truncate(path.stat().st_size // 2)
        else:
            archive.write(b"this is not a database: " * 4)


def damaged_once(
    base_url: str, db_url: str, dwcrawler: Path, how: str
) -> tuple[Outcome, dict[str, subprocess.CompletedProcess[str]]]:
    """Damage an archive; crawl it and query it: each must say so in one line, no traceback."""
    outcome = Outcome()
    path = Path(db_url.removeprefix("sqlite:///"))
    damage(path, how)
    results = {"crawl": crawl(base_url, db_url, SECOND)}
    for name, argv in {
        "doctor": ["doctor"],
        "db current": ["db", "current"],
        "export": ["export"],
        "stats": ["stats"],
    }.items():
        results[name] = subprocess.run(
            [str(dwcrawler), *argv, "--database", db_url],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    for name, result in results.items():
        lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
        named = [line for line in lines if "damaged" in line and "dwcrawler doctor" in line]
        if name == "doctor":
            named = [line for line in lines if line.startswith(("integrity:", "schema:"))]
        if result.returncode != 1:
            outcome.problems.append(f"{name} exited {result.returncode} on a damaged archive")
            outcome.lost += result.returncode == 0  # data handed out without a word
        if not named:
            outcome.problems.append(f"{name} does not say the archive is damaged")
        if "Traceback" in result.stderr:
            outcome.problems.append(f"{name} printed a traceback")
    crawl_lines = [line for line in results["crawl"].stderr.splitlines() if line.strip()]
    if not crawl_lines or "run `dwcrawler doctor`" not in crawl_lines[-1]:
        outcome.problems.append(f"the crawl's last line: {crawl_lines[-1:]!r}")
    return outcome, results
