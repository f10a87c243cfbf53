"""Alembic environment: the URL comes from dwcrawler.config, the target is the models' metadata.

Callers may hand over a URL (`config.attributes["database_url"]`, set by
`dwcrawler.db.migrate`) or an open connection (`config.attributes["connection"]`, for tests).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alembic import context

from dwcrawler.config import database_url
from dwcrawler.db import models  # noqa: F401 - registers every table on Base.metadata
from dwcrawler.db.base import Base
from dwcrawler.db.engine import make_engine, normalise_url
from dwcrawler.db.migrate import include_object

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

config = context.config


def _url() -> str:
    return normalise_url(config.attributes.get("database_url") or database_url()).render_as_string(
        hide_password=False
    )


def _configure(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        # A batch rebuild renames `_alembic_tmp_<table>` back to `<table>`; since SQLite 3.26 a
        # rename checks every view, and a view of the table (dropped a moment before) fails it.
        # The legacy rename leaves views and triggers alone: they name the table, which exists
        # again under the same name once the rename is done. Set on the driver's connection, so
        # that SQLAlchemy does not begin (and leave open) a transaction for it.
        connection.connection.driver_connection.execute("PRAGMA legacy_alter_table = ON")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite can only ALTER by rebuilding a table: batch mode does that.
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        compare_type=True,
        compare_server_default=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    """Emit SQL for `alembic upgrade --sql` without connecting."""
    url = _url()
    context.configure(
        url=url,
        target_metadata=Base.metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Migrate through a given connection, or through an engine made for the URL."""
    given = config.attributes.get("connection")
    if given is not None:
        _configure(given)
        return
    # Foreign keys off on SQLite: a batch rebuild drops and recreates referenced tables.
    engine = make_engine(_url(), sqlite_foreign_keys=False)
    try:
        with engine.connect() as connection:
            _configure(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
