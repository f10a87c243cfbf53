"""The archive's health, check by check: what `dwcrawler doctor` tells cron and monitoring.

Each check returns `Check`s, never raises: a check that cannot run says why, as a problem.
The checks read only (the archive is opened read-only, the lease is never taken), so doctor
can run at any time, also while a crawl writes.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from dwcrawler.db.integrity import integrity_problems, schema_differences
from dwcrawler.db.lease import Holder, advisory_holder
from dwcrawler.db.liveness import process_alive
from dwcrawler.db.migrate import schema_problem, schema_state
from dwcrawler.db.problems import RESTORE_ADVICE, database_problem
from dwcrawler.db.runs import CrawlRunInfo, last_successful_run, latest_run, running_runs
from dwcrawler.units import age, size

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.engine import Engine

# A running crawl beats every DW_HEARTBEAT_INTERVAL (60 s); this long without one is a hang.
SILENT_AFTER = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Check:
    """One check's verdict: its name, whether it passed, and one line saying what was found."""

    name: str
    ok: bool
    message: str


def schema_checks(engine: Engine, *, full: bool) -> tuple[list[Check], bool]:
    """Check the schema and the storage; return the checks and whether the schema is at head."""
    try:
        state = schema_state(engine)
    except SQLAlchemyError as exc:
        return [Check("schema", False, database_problem(exc, RESTORE_ADVICE))], False
    problem = schema_problem(engine, state)
    checks = [
        Check("schema", problem is None, str(problem) if problem else f"at head {state.head}")
    ]
    damaged = integrity_problems(engine, full=full, advice=RESTORE_ADVICE)
    if state.state == "head" and not damaged:
        try:
            with engine.connect() as connection:
                differences = schema_differences(connection)
        except SQLAlchemyError as exc:
            differences = [database_problem(exc, RESTORE_ADVICE)]
        if differences:
            damaged.append(f"the tables differ from the schema: {'; '.join(differences[:5])}")
    kind = "integrity_check" if full else "quick_check"
    if engine.dialect.name == "postgresql":
        kind = "catalog" + (" and every table read" if full else "")
    checks += [Check("integrity", False, line) for line in damaged]
    if not damaged:
        checks.append(Check("integrity", True, f"{kind}: ok"))
    return checks, problem is None


def run_checks(engine: Engine, max_age: timedelta, now: datetime | None = None) -> list[Check]:
    """Check the crawl runs: a recent success, no stale or silent run, a latest run that worked."""
    now = now or datetime.now(UTC)
    try:
        with Session(engine) as session, session.begin():
            last = last_successful_run(session)
            latest = latest_run(session)
            running = running_runs(session)
            holder = _lease_holder(session)
    except SQLAlchemyError as exc:
        return [Check("runs", False, database_problem(exc, RESTORE_ADVICE))]
    checks = [_recency(last, max_age, now)]
    checks += [_liveness(run, holder, engine.dialect.name, now) for run in running]
    if latest is not None and latest.outcome in {"crashed", "failed"}:
        why = f": {latest.message}" if latest.message else ""
        checks.append(
            Check("latest run", False, f"the latest run ({latest.id}) {latest.outcome}{why}")
        )
    return checks


def _lease_holder(session: Session) -> Holder | None:
    """Return who holds a PostgreSQL archive's lease (SQLite's is asked through the pid)."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return advisory_holder(session.connection())


def _recency(last: CrawlRunInfo | None, max_age: timedelta, now: datetime) -> Check:
    if last is None:
        return Check("last success", False, "no crawl has succeeded yet")
    ago = now - last.started_at
    when = f"run {last.id}, started {last.started_at:%Y-%m-%d %H:%M} UTC, {age(ago)} ago"
    if ago > max_age:
        return Check(
            "last success", False, f"no successful crawl within {age(max_age)}: the last was {when}"
        )
    return Check("last success", True, f"the last successful crawl was {when}")


def _liveness(run: CrawlRunInfo, holder: Holder | None, backend: str, now: datetime) -> Check:
    """Judge a run still marked `running`: alive, dead (stale) or silent (hung)."""
    who = f"pid {run.pid} on {run.host}" if run.pid is not None else "an unknown process"
    if run.host == socket.gethostname() and run.pid is not None:
        alive = process_alive(run.pid, run.started_at)
    elif backend == "postgresql":  # the lease says whether its holder is still connected
        alive = holder is not None and (holder.host, holder.pid) == (run.host, run.pid)
    else:
        alive = True  # another host's process: only its heartbeat can tell
    beat = run.heartbeat_at or run.started_at
    if not alive:
        return Check(
            "running run",
            False,
            f"run {run.id} is stale: still marked running, but its process ({who}) is gone; "
            f"last heartbeat {age(now - beat)} ago (the next crawl marks it crashed)",
        )
    if now - beat > SILENT_AFTER:
        return Check(
            "running run",
            False,
            f"run {run.id} ({who}) sent no heartbeat for {age(now - beat)}: is it hung?",
        )
    return Check("running run", True, f"run {run.id} is running ({who})")


def _writable(folder: Path) -> str | None:
    """Return why nothing can be created in `folder` (or its nearest existing parent), or None."""
    place = folder
    while not place.exists() and place != place.parent:
        place = place.parent
    try:
        with tempfile.TemporaryFile(dir=place):
            pass
    except OSError as exc:
        return f"{place} cannot be written: {exc.strerror or exc}"
    return None


def folder_checks(name: str, folder: Path, min_free: int) -> list[Check]:
    """Check that `folder` can be written and that its disk has `min_free` bytes free."""
    checks = []
    problem = _writable(folder)
    checks.append(Check(f"{name} writable", problem is None, problem or f"{folder} can be written"))
    place = folder
    while not place.exists() and place != place.parent:
        place = place.parent
    free = shutil.disk_usage(place).free
    low = free < min_free
    message = f"{size(free)} free on the disk of {folder}" + (
        f", less than {size(min_free)}" if low else ""
    )
    checks.append(Check(f"{name} disk", not low, message))
    return checks


def archive_file_check(path: Path) -> Check:
    """Check that a SQLite archive's file itself can be written."""
    if os.access(path, os.W_OK):
        return Check("archive writable", True, f"{path} can be written")
    return Check("archive writable", False, f"{path} cannot be written")


def database_write_check(engine: Engine) -> Check:
    """Check that a PostgreSQL archive takes writes: not a standby, rights to write articles."""
    try:
        with engine.connect() as connection:
            standby = connection.exec_driver_sql("SELECT pg_is_in_recovery()").scalar()
            allowed = connection.exec_driver_sql(
                "SELECT has_table_privilege(current_user, 'articles', 'INSERT, UPDATE, DELETE')"
            ).scalar()
    except SQLAlchemyError as exc:
        return Check("archive writable", False, database_problem(exc))
    if standby:
        return Check("archive writable", False, "the server is a read-only standby")
    if not allowed:
        return Check("archive writable", False, "this role may not write the articles table")
    return Check("archive writable", True, "the database takes writes")
