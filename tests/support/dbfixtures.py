"""Database fixtures: migrated SQLite and PostgreSQL databases, one fresh database per test.

Use `db_url` (parametrised: every test using it runs on SQLite and on PostgreSQL), or
`sqlite_url` / `postgres_url` for one backend; `db_engine` and `db_sessions` build on `db_url`.
PostgreSQL: `DWCRAWLER_TEST_POSTGRES_URL` (default postgresql+psycopg://postgres@127.0.0.1:5432/
test) names a server; each session makes its own throwaway databases (`dwcrawler_t_<random>…`),
copies of one migrated template, and drops them at the end. Without a server the PostgreSQL
tests skip with the reason, unless `CI` is set: then they fail.
"""

from __future__ import annotations

import os
import secrets
import shutil
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from dwcrawler.db import models  # noqa: F401 - registers every table on Base.metadata
from dwcrawler.db.base import Base
from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.migrate import head_revision, upgrade

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sqlalchemy.engine import URL, Engine
    from sqlalchemy.orm import Session, sessionmaker

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


class PostgresServer:
    """A reachable PostgreSQL server on which this test session creates its databases.

    Migrated databases are copies of one template; after a test its rows are deleted and the
    database is reused (much cheaper than CREATE DATABASE), unless the test left it changed
    in a way a DELETE cannot undo: then it is dropped.
    """

    def __init__(self, admin_url: URL) -> None:
        self.admin_url = admin_url
        self.prefix = f"dwcrawler_t_{secrets.token_hex(4)}"
        self._engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self._count = 0
        self._spare: list[str] = []
        self.template: str | None = None

    def url(self, database: str) -> str:
        """Return the URL of one of this session's databases."""
        return self.admin_url.set(database=database).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        """Create an empty database (or a copy of `template`); return its name."""
        self._count += 1
        name = f"{self.prefix}_{self._count}"
        clause = f" TEMPLATE {template}" if template else ""
        with self._engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        return name

    def migrated(self) -> str:
        """Return an empty database at head: a cleaned spare, or a new copy of the template."""
        return self._spare.pop() if self._spare else self.create(template=self.template)

    def release(self, name: str) -> None:
        """Empty a migrated database for the next test, or drop it if it cannot be reused."""
        engine = create_engine(self.url(name), poolclass=NullPool)
        try:
            with engine.begin() as connection:
                connection.execute(text("SET LOCAL lock_timeout = '2s'"))
                version = connection.execute(text("SELECT version_num FROM alembic_version"))
                if version.scalar_one_or_none() != head_revision():
                    raise LookupError("schema changed")
                for table in reversed(Base.metadata.sorted_tables):
                    connection.execute(table.delete())
            self._spare.append(name)
        except (DBAPIError, LookupError):
            self.drop(name)
        finally:
            engine.dispose()

    def drop(self, name: str) -> None:
        """Drop one database, closing any connection a test left open."""
        with self._engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def close(self) -> None:
        """Drop every database of this session (also ones a failed test left behind)."""
        with self._engine.connect() as connection:
            names = connection.execute(
                text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
                {"p": f"{self.prefix}%"},
            ).scalars()
            for name in list(names):
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self._engine.dispose()


def _connect_postgres() -> PostgresServer | str:
    raw = os.environ.get("DWCRAWLER_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    url = make_url(raw)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    probe = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError as exc:  # refused, unknown host, bad credentials: no usable server
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"no PostgreSQL at {url.render_as_string()}: {first_line}"
    finally:
        probe.dispose()
    return PostgresServer(url)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The PostgreSQL server for this session, with a migrated template database."""
    server = _connect_postgres()
    if isinstance(server, str):
        if os.environ.get("CI"):
            pytest.fail(f"{server} (CI is set, so PostgreSQL tests must run)")
        pytest.skip(server)
    try:
        template = server.create()
        upgrade(server.url(template))
        server.template = template
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once per session; tests get copies."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """URL of a fresh SQLite database at head."""
    path = tmp_path / "dw_sw.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """URL of a fresh PostgreSQL database at head (dropped after the test)."""
    name = postgres_server.migrated()
    yield postgres_server.url(name)
    postgres_server.release(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """URL of a fresh database at head, on SQLite and on PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(fixture)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of an empty database (no tables), on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "empty.sqlite3"
        path.touch()  # a zero-byte file is an empty SQLite database
        yield f"sqlite:///{path}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create()
    yield server.url(name)
    server.drop(name)


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    """An engine on `db_url`, disposed after the test."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def db_sessions(db_engine: Engine) -> sessionmaker[Session]:
    """The session factory for `db_engine`; tests own their transactions."""
    return make_sessionmaker(db_engine)


def dump_tables(engine: Engine) -> dict[str, list[dict[str, object]]]:
    """Return every row of every model table, in primary-key order (for before/after diffs)."""
    dump: dict[str, list[dict[str, object]]] = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            query = select(table).order_by(*table.primary_key.columns)
            dump[table.name] = [dict(row) for row in connection.execute(query).mappings()]
    return dump


def changed_cells(
    before: dict[str, list[dict[str, object]]], after: dict[str, list[dict[str, object]]]
) -> set[tuple[str, str]]:
    """Return the (table, column) pairs whose values differ; row count changes count as "*"."""
    changed: set[tuple[str, str]] = set()
    for table, rows in before.items():
        if len(rows) != len(after[table]):
            changed.add((table, "*"))
            continue
        for old, new in zip(rows, after[table], strict=True):
            changed |= {(table, column) for column in old if old[column] != new[column]}
    return changed
