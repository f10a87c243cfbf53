"""The archive's lease: one writer at a time (the crawl, `db upgrade`, `purge`, imports).

    with archive_lease(url, purpose="crawl") as lease:
        ...  # write; `ArchiveBusy` (exit status 75) if another writer holds it

- SQLite lives on one host: the lease is an OS lock (`flock`) on `<archive>.lock`, beside the
  file, which also names the holder (host, pid, purpose, since). The kernel releases it when
  its process dies, however it dies, so a dead holder is replaced at once.
- PostgreSQL: a session-level advisory lock on a connection of its own, so it works across
  hosts; the holder is named in that connection's `application_name`. The server releases it
  when the connection closes; a holder on this host whose process is gone while the server
  has not noticed yet is disconnected, and replaced at once.

Readers never take the lease. Whoever takes it marks the runs a dead holder left `running`
as `crashed` (`dwcrawler.db.runs.crash_stale_runs`) once the schema is known to be at head.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from dwcrawler.db.engine import display_url, make_engine, normalise_url, sqlite_file
from dwcrawler.db.liveness import process_alive

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sqlalchemy.engine import Connection

# EX_TEMPFAIL (sysexits.h): the archive is busy, try again later (docs/operations.md).
EXIT_BUSY = 75
# The advisory lock's key: "dwcrawl" in ASCII. Advisory locks are per database, so every
# PostgreSQL archive has a lease of its own.
ADVISORY_KEY = int.from_bytes(b"dwcrawl", "big")
# PostgreSQL shows a bigint key as two 32-bit halves in pg_locks.
_KEY_HIGH, _KEY_LOW = ADVISORY_KEY >> 32, ADVISORY_KEY & 0xFFFFFFFF
_APPLICATION = "dwcrawler"


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds (or held) a lease."""

    host: str
    pid: int
    purpose: str
    since: datetime

    @classmethod
    def me(cls, purpose: str) -> Holder:
        """Return this process as a holder, from now."""
        return cls(socket.gethostname(), os.getpid(), purpose, datetime.now(UTC))

    def describe(self) -> str:
        """Return e.g. `a crawl (pid 4242 on host1, since 2026-12-03 04:17:02 UTC)`."""
        since = self.since.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        return f"{_article(self.purpose)} (pid {self.pid} on {self.host}, since {since})"


def _article(purpose: str) -> str:
    return f"an {purpose}" if purpose[:1] in "aeiou" else f"a {purpose}"


class ArchiveBusy(Exception):
    """Another writer holds the archive's lease; the message is one line naming it."""

    status = EXIT_BUSY

    def __init__(self, where: str, holder: Holder | None) -> None:
        self.holder = holder
        who = holder.describe() if holder is not None else "another writer"
        super().__init__(f"the archive {where} is busy: {who} holds its lease; try again later")


@dataclass(frozen=True, slots=True)
class Lease:
    """A held lease: the archive and this process as its holder."""

    url: str
    holder: Holder


def lock_path(archive: Path) -> Path:
    """Return the lock file of a SQLite archive (`<archive>.lock`, beside it)."""
    return archive.with_name(f"{archive.name}.lock")


@contextmanager
def archive_lease(url: str, purpose: str) -> Iterator[Lease]:
    """Hold the archive's lease for the block; raise `ArchiveBusy` at once if another has it."""
    parsed = normalise_url(url)
    text = parsed.render_as_string(hide_password=False)
    path = sqlite_file(parsed)
    holder = Holder.me(purpose)
    if parsed.get_backend_name() == "sqlite":
        if path is None:  # an in-memory database has one connection: nothing to share
            yield Lease(text, holder)
            return
        with _file_lease(path, holder, display_url(text)):
            yield Lease(text, holder)
        return
    with _advisory_lease(text, holder):
        yield Lease(text, holder)


# --- SQLite: flock on a file beside the archive ------------------------------------------------
@contextmanager
def _file_lease(archive: Path, holder: Holder, where: str) -> Iterator[None]:
    archive.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(archive), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ArchiveBusy(where, _file_holder(fd)) from None
        record = {
            "host": holder.host,
            "pid": holder.pid,
            "purpose": holder.purpose,
            "since": holder.since.isoformat(),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(record).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)  # nobody holds it now; the file stays (deleting it would race)
    finally:
        os.close(fd)  # releases the lock


def _file_holder(fd: int) -> Holder | None:
    """Read the holder a lock file names; None when it cannot be read."""
    # The holder writes its name just after taking the lock: give it a moment.
    for _ in range(10):
        raw = os.pread(fd, 4096, 0)
        if raw:
            try:
                data = json.loads(raw)
                since = datetime.fromisoformat(data["since"])
                return Holder(str(data["host"]), int(data["pid"]), str(data["purpose"]), since)
            except (ValueError, KeyError, TypeError):
                return None
        time.sleep(0.05)
    return None


# --- PostgreSQL: an advisory lock on a connection of its own -----------------------------------
@contextmanager
def _advisory_lease(url: str, holder: Holder) -> Iterator[None]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            name = f"{_APPLICATION} {holder.purpose} {holder.pid}@{holder.host}"[:63]
            connection.exec_driver_sql("SELECT set_config('application_name', %s, false)", (name,))
            _keep_alive(connection)
            if not _try_lock(connection):
                current = advisory_holder(connection)
                if current is None or not _replace_dead(connection, current):
                    raise ArchiveBusy(display_url(url), current)
            try:
                yield
            finally:
                # A server gone meanwhile has released it already: closing is enough.
                with suppress(SQLAlchemyError):
                    connection.exec_driver_sql("SELECT pg_advisory_unlock(%s)", (ADVISORY_KEY,))
    finally:
        engine.dispose()


def _keep_alive(connection: Connection) -> None:
    """Let the server notice a vanished holder (a host that lost power) within minutes."""
    for name, value in (("tcp_keepalives_idle", "60"), ("tcp_keepalives_interval", "10")):
        connection.exec_driver_sql("SELECT set_config(%s, %s, false)", (name, value))


def _try_lock(connection: Connection) -> bool:
    got = connection.exec_driver_sql("SELECT pg_try_advisory_lock(%s)", (ADVISORY_KEY,))
    return bool(got.scalar())


def advisory_holder(connection: Connection) -> Holder | None:
    """Return who holds the lease of the connection's database, or None if nobody does."""
    row = connection.exec_driver_sql(
        "SELECT a.pid, a.application_name, a.backend_start, a.client_addr "
        "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s AND l.objid = %s "
        "AND l.objsubid = 1 "
        "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        (_KEY_HIGH, _KEY_LOW),
    ).first()
    if row is None:
        return None
    backend, name, since, address = row
    parts = (name or "").split(" ", 2)
    if len(parts) == 3 and parts[0] == _APPLICATION and "@" in parts[2]:
        pid, _, host = parts[2].partition("@")
        if pid.isdigit():
            return Holder(host, int(pid), parts[1], since)
    # Not one of ours, or a name this role may not see: the server session is all we know.
    return Holder(str(address or "the server"), int(backend), "session", since)


def _replace_dead(connection: Connection, holder: Holder) -> bool:
    """Take the lease from a holder on this host whose process is gone; True if taken."""
    if holder.host != socket.gethostname() or process_alive(holder.pid, holder.since):
        return False
    connection.exec_driver_sql(
        "SELECT pg_terminate_backend(l.pid) FROM pg_locks l "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s AND l.objid = %s "
        "AND l.objsubid = 1 "
        "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        (_KEY_HIGH, _KEY_LOW),
    )
    deadline = time.monotonic() + 5  # the server ends that session in milliseconds
    while time.monotonic() < deadline:
        if _try_lock(connection):
            return True
        time.sleep(0.05)
    return False
