"""Is the archive at the newest migration? The check every crawl and query command starts with.

Alembic knows (`dwcrawler.db.migrate`), but importing it and reading the migration scripts
costs the crawl's writer about 0.15 s, on its way to the first request of every cron run. The
answer is almost always yes, and one SELECT can tell: the database's `alembic_version` names
`HEAD_REVISION`. Only when it does not is Alembic asked, and it says what is wrong (no schema
yet, behind, or migrated by a newer dwcrawler). The query commands check the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from dwcrawler.db.engine import missing_sqlite_file

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

# The newest migration in migrations/versions/. A new migration changes it: the test
# `test_the_head_revision_constant_is_alembics_head` fails until it does.
HEAD_REVISION = "b77fd2e019a9"


class SchemaNotAtHead(RuntimeError):
    """The database is not at the newest migration; its message names the command to run."""


def _stamped_revision(engine: Engine) -> str | None:
    """Return the one revision `alembic_version` holds; None if there is not exactly one."""
    if missing_sqlite_file(engine):
        return None  # connecting would create the file
    with engine.connect() as connection:  # a database out of reach says so here, once
        try:
            found = connection.execute(text("SELECT version_num FROM alembic_version"))
            return found.scalar_one_or_none()
        except SQLAlchemyError:
            return None  # no version table, or two heads: Alembic tells what it is


def ensure_at_head(engine: Engine) -> None:
    """Raise `SchemaNotAtHead` unless the database is exactly at the newest migration."""
    if _stamped_revision(engine) == HEAD_REVISION:
        return
    from dwcrawler.db.migrate import ensure_at_head as explain  # Alembic: see the docstring

    explain(engine)
