"""Engines and sessions: SQLite tuned for one writer and many readers, PostgreSQL via psycopg 3.

Whoever owns the database work (the store pipeline, a CLI command, a test) creates one engine
with `make_engine`, and disposes of it when done; nothing here runs at import time.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit
from urllib.request import url2pathname

from sqlalchemy import create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import sessionmaker

from dwcrawler.config import DatabaseURLError, database_backend, require_driver

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Engine
    from sqlalchemy.orm import Session

SQLiteBegin = Literal["DEFERRED", "IMMEDIATE"]
# How a reader opens the archive: normally (writers), read-only, or SQLite's immutable mode
# (read-only media: no locks and no -shm file, on the promise that nobody writes).
Access = Literal["write", "read", "immutable"]

# How long a SQLite writer waits for another writer's lock before giving up (milliseconds).
SQLITE_BUSY_TIMEOUT_MS = 30_000


def normalise_url(url: str) -> URL:
    """Parse a database URL; plain PostgreSQL URLs use psycopg 3, the installed driver.

    A bare path (no `://`) is taken as a SQLite file.
    """
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser()}"
    backend = database_backend(url)  # refuses other backends
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseURLError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "postgres":  # Heroku-style scheme
        parsed = parsed.set(drivername="postgresql+psycopg")
    if backend == "postgresql" and parsed.drivername in {"postgresql", "postgresql+psycopg2"}:
        parsed = parsed.set(drivername="postgresql+psycopg")  # the driver dwcrawler installs
    return parsed


def sqlite_file(url: URL) -> Path | None:
    """Return the file of a SQLite URL (None for PostgreSQL or an in-memory database).

    Read-only engines name their file by a `file:` URI (see `make_engine`).
    """
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    if url.query.get("uri") == "true" and url.database.startswith("file:"):
        return Path(url2pathname(urlsplit(url.database).path))
    return Path(url.database)


def missing_sqlite_file(engine: Engine) -> bool:
    """Return True for a SQLite engine whose file does not exist (connecting would create it)."""
    path = sqlite_file(engine.url)
    return path is not None and not path.exists()


def missing_archive(url: str) -> bool:
    """Return True for a SQLite archive whose file does not exist (nothing to lease yet)."""
    path = sqlite_file(normalise_url(url))
    return path is not None and not path.exists()


def make_engine(
    url: str,
    *,
    sqlite_begin: SQLiteBegin = "IMMEDIATE",
    sqlite_foreign_keys: bool = True,
    access: Access = "write",
    echo: bool = False,
) -> Engine:
    """Create the engine for `url` (SQLite or PostgreSQL).

    SQLite gets foreign keys on, WAL (readers never block the writer), a busy timeout, and
    transactions that SQLAlchemy begins itself: `IMMEDIATE` (the default, for writers) takes
    the write lock at BEGIN, so a second writer waits for it instead of failing halfway;
    read-only users such as the CLI pass `sqlite_begin="DEFERRED"`. Migrations turn foreign
    keys off (`sqlite_foreign_keys=False`) because batch mode rebuilds tables. Readers pass
    `access="read"` (SQLite opened `mode=ro`, PostgreSQL transactions read-only) or, for
    SQLite on read-only media, `access="immutable"` (see `dwcrawler.db.reader`).
    """
    parsed = normalise_url(url)
    require_driver(database_backend(parsed.render_as_string(hide_password=False)))
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, sqlite_begin, sqlite_foreign_keys, echo, access)
    # Sessions in UTC: date functions on the server (a publication's year in `stats`) answer
    # the same as on SQLite whatever the server's own time zone is.
    options = "-c TimeZone=UTC"
    if access != "write":
        options += " -c default_transaction_read_only=on"
    return create_engine(parsed, echo=echo, pool_pre_ping=True, connect_args={"options": options})


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _read_only_url(url: URL, access: Access) -> URL:
    """Return a SQLite URL opening the file read-only (or immutable) through a `file:` URI."""
    path = Path(url.database or "").absolute()
    flags = "mode=ro&immutable=1" if access == "immutable" else "mode=ro"
    return url.set(database=f"{path.as_uri()}?{flags}", query={"uri": "true"})


def _sqlite_engine(
    url: URL, begin: SQLiteBegin, foreign_keys: bool, echo: bool, access: Access
) -> Engine:
    in_memory = url.database in {None, "", ":memory:"}
    writes = access == "write" or in_memory
    opened = url if writes else _read_only_url(url, access)
    timeout = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    engine = create_engine(opened, echo=echo, connect_args=timeout)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN (below) instead of the driver's legacy implicit mode,
        # which skips BEGIN before SELECTs and SAVEPOINTs.
        dbapi_connection.isolation_level = None
        # SQLite's own lower() folds ASCII only; the filters (`--author Émile`) compare
        # lower(column) with Python's lower(), as PostgreSQL's lower() does for any script.
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if writes and not in_memory:  # the journal mode is the writer's business
            cursor.execute("PRAGMA journal_mode = WAL")
            # Safe with WAL: a crash loses no committed transaction, only power loss might.
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(f"BEGIN {begin}")

    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Return the session factory for `engine`; callers own transactions (`with S.begin()`).

    `expire_on_commit=False` keeps loaded values readable after the transaction ends.
    """
    return sessionmaker(bind=engine, expire_on_commit=False)


def display_url(url: str) -> str:
    """Return `url` safe to print: the password is masked."""
    try:
        return normalise_url(url).render_as_string(hide_password=True)
    except DatabaseURLError:
        return "<invalid database URL>"
