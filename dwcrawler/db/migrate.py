"""Schema migrations: bring a database to head, tell its revision, refuse to write when behind.

The migration scripts live in the repository's `migrations/` and travel inside the package as
`dwcrawler.migrations` (see pyproject.toml), so an installed dwcrawler migrates from any folder.
`migrations/env.py` takes the URL given here (or `dwcrawler.config.database_url()`), so
`alembic …` run from the repository (which reads `[tool.alembic]` in pyproject.toml) and
`dwcrawler db …` act on the same database.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import DBAPIError

from dwcrawler.db.engine import display_url, missing_sqlite_file, normalise_url, sqlite_file

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

UPGRADE_COMMAND = "dwcrawler db upgrade"

# Search objects that migrations create by hand (SQLite FTS5 table and its shadow tables,
# PostgreSQL generated tsvector column and its index): the models do not describe them, so
# autogenerate must not report them as differences.
SEARCH_TABLE_PREFIX = "articles_fts"
SEARCH_COLUMN = "search_vector"
SEARCH_INDEX = "ix_articles_search_vector"


class SchemaNotAtHead(RuntimeError):
    """The database is not at the newest migration; its message names the command to run."""


def alembic_config(url: str | None = None) -> Config:
    """Return an Alembic configuration for the packaged migrations, aimed at `url` if given."""
    config = Config()
    config.set_main_option("script_location", str(files("dwcrawler.migrations")))
    if url is not None:
        config.attributes["database_url"] = url
    return config


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """Return the newest revision id (the project keeps exactly one head)."""
    heads = _script().get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads, expected one: {heads}")
    return heads[0]


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at `url` up to `revision` (default: head).

    A SQLite archive that does not exist yet is created, with its directory.
    """
    if (path := sqlite_file(normalise_url(url))) is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    """Migrate the database at `url` down to `revision` (`base` removes every table)."""
    command.downgrade(alembic_config(url), revision)


def current_revision(engine: Engine) -> str | None:
    """Return the database's revision, or None for a database never migrated.

    A SQLite file that does not exist is not created by asking (connecting would create it).
    """
    if missing_sqlite_file(engine):
        return None
    with engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return heads[0] if heads else None


def _at_head_quickly(engine: Engine) -> bool:
    """Return True if the version table holds exactly the head, read with one SELECT.

    Alembic's own reading first asks the catalogue whether the table exists: on PostgreSQL
    that costs a query command (`dwcrawler search`) feels. Anything but "exactly the head",
    including an error, is left to Alembic for the verdict and its message.
    """
    if missing_sqlite_file(engine):
        return False
    try:
        with engine.connect() as connection:
            found = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            return list(found.scalars()) == [head_revision()]
    except DBAPIError:
        return False


def ensure_at_head(engine: Engine) -> None:
    """Raise `SchemaNotAtHead` unless the database is exactly at the newest migration."""
    if _at_head_quickly(engine):
        return
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    where = display_url(engine.url.render_as_string(hide_password=False))
    if current is None:
        state = "has no dwcrawler schema yet"
    elif current not in {rev.revision for rev in _script().walk_revisions()}:
        raise SchemaNotAtHead(
            f"database {where} is at revision {current}, which this dwcrawler does not know "
            "(it was migrated by a newer version): update dwcrawler"
        )
    else:
        state = f"is at revision {current}, not at head {head}"
    raise SchemaNotAtHead(f"database {where} {state}: run `{UPGRADE_COMMAND}`")


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Tell autogenerate which objects to compare: all but the hand-made search objects."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(SEARCH_TABLE_PREFIX)
    if type_ == "column":
        return name != SEARCH_COLUMN
    if type_ == "index":
        return name != SEARCH_INDEX
    return True
