"""Schema migrations: bring a database to head, tell its revision, refuse to write when behind.

The migration scripts live in the repository's `migrations/` and travel inside the package as
`dwcrawler.migrations` (see pyproject.toml), so an installed dwcrawler migrates from any folder.
`migrations/env.py` takes the URL given here (or `dwcrawler.config.database_url()`), so
`alembic …` run from the repository (which reads `[tool.alembic]` in pyproject.toml) and
`dwcrawler db …` act on the same database.

Every crawl and query command starts by checking that the archive is at head. At head (nearly
always) one SELECT of the version table against `HEAD_REVISION` answers, and Alembic is never
imported: it would cost each run about 11 MB and a fifth of a second for nothing. Only a
database that is not at head, or a migration, loads it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from dwcrawler.db.engine import display_url, missing_sqlite_file, normalise_url, sqlite_file

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import Engine

# The newest migration in migrations/versions/ (see the module docstring). A new migration
# changes it: tests/db/test_migrations.py fails, naming the value, until it does.
HEAD_REVISION = "f15c0a7e9d31"

UPGRADE_COMMAND = "dwcrawler db upgrade"
STAMP_COMMAND = "dwcrawler db stamp"
# A table every revision has: a database holding it but no version is an unversioned archive.
ARCHIVE_TABLE = "articles"

# Search objects that migrations create by hand (SQLite FTS5 table and its shadow tables,
# PostgreSQL generated tsvector column and its index): the models do not describe them, so
# autogenerate must not report them as differences.
SEARCH_TABLE_PREFIX = "articles_fts"
SEARCH_COLUMN = "search_vector"
SEARCH_INDEX = "ix_articles_search_vector"
# Views for browsing (one migration makes them, on both backends): the models describe tables
# only. Autogenerate reflects tables alone today; should it ever reflect views, these stay out.
BROWSE_VIEWS = frozenset(
    {
        "article_list",
        "articles_by_topic",
        "articles_with_photos",
        "photos_by_agency",
        "articles_per_month",
        "revision_changes",
    }
)


class SchemaNotAtHead(RuntimeError):
    """The database is not at the newest migration; its message names the command to run."""


class SchemaNewer(SchemaNotAtHead):
    """The database was migrated by a newer dwcrawler: upgrade dwcrawler, not the database."""


class SchemaUnversioned(SchemaNotAtHead):
    """The database holds dwcrawler's tables but no version: `dwcrawler db stamp` adopts it."""


State = Literal["head", "behind", "newer", "empty", "unversioned"]


@dataclass(frozen=True, slots=True)
class SchemaState:
    """Where a database's schema stands against this dwcrawler's migrations."""

    state: State
    current: str | None
    head: str


def alembic_config(url: str | None = None) -> Config:
    """Return an Alembic configuration for the packaged migrations, aimed at `url` if given."""
    from alembic.config import Config

    # Alembic's default stdout is whatever sys.stdout was when alembic.config was first imported
    # (a default argument); the current one is where its messages belong.
    config = Config(stdout=sys.stdout)
    config.set_main_option("script_location", str(files("dwcrawler.migrations")))
    if url is not None:
        config.attributes["database_url"] = url
    return config


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

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
    from alembic import command

    if (path := sqlite_file(normalise_url(url))) is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), revision)


def stamp(url: str, revision: str = "head") -> None:
    """Record that the database is at `revision` without running migrations (adoption)."""
    from alembic import command

    command.stamp(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    """Migrate the database at `url` down to `revision` (`base` removes every table)."""
    from alembic import command

    command.downgrade(alembic_config(url), revision)


def current_revision(engine: Engine) -> str | None:
    """Return the database's revision, or None for a database never migrated.

    A SQLite file that does not exist is not created by asking (connecting would create it).
    """
    from alembic.runtime.migration import MigrationContext

    if missing_sqlite_file(engine):
        return None
    with engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return heads[0] if heads else None


def _at_head_quickly(engine: Engine) -> bool:
    """Return True if the version table holds exactly `HEAD_REVISION`, read with one SELECT.

    Without Alembic (see the module docstring), whose own reading also first asks the
    catalogue whether the table exists: on PostgreSQL that costs time a query command
    (`dwcrawler search`) feels. Anything but "exactly the head", including an error, is left
    to Alembic for the verdict and its message.
    """
    if missing_sqlite_file(engine):
        return False
    try:
        with engine.connect() as connection:
            found = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            return list(found.scalars()) == [HEAD_REVISION]
    except DBAPIError:
        return False


def schema_state(engine: Engine) -> SchemaState:
    """Return where the database's schema stands (head, behind, newer, empty, unversioned)."""
    if _at_head_quickly(engine):
        return SchemaState("head", HEAD_REVISION, HEAD_REVISION)
    current, head = current_revision(engine), head_revision()
    if current == head:
        return SchemaState("head", current, head)
    if current is None:
        if missing_sqlite_file(engine):
            return SchemaState("empty", None, head)
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
        return SchemaState("unversioned" if ARCHIVE_TABLE in tables else "empty", None, head)
    if current not in {rev.revision for rev in _script().walk_revisions()}:
        return SchemaState("newer", current, head)
    return SchemaState("behind", current, head)


def schema_problem(engine: Engine, state: SchemaState) -> SchemaNotAtHead | None:
    """Return the error (one line naming what to run) for a schema not at head, else None."""
    where = display_url(engine.url.render_as_string(hide_password=False))
    if state.state == "head":
        return None
    if state.state == "newer":
        return SchemaNewer(
            f"database {where} is at revision {state.current}, from a newer version of "
            "dwcrawler than this one: upgrade dwcrawler"
        )
    if state.state == "unversioned":
        return SchemaUnversioned(
            f"database {where} holds dwcrawler's tables but no schema version: run "
            f"`{STAMP_COMMAND}` to adopt it (it checks that the tables match first)"
        )
    if state.state == "empty":
        return SchemaNotAtHead(
            f"database {where} has no dwcrawler schema yet: run `{UPGRADE_COMMAND}`"
        )
    return SchemaNotAtHead(
        f"database {where} is at revision {state.current}, not at head {state.head}: "
        f"run `{UPGRADE_COMMAND}`"
    )


def ensure_at_head(engine: Engine) -> None:
    """Raise `SchemaNotAtHead` (or a subclass) unless the database is exactly at head."""
    problem = schema_problem(engine, schema_state(engine))
    if problem is not None:
        raise problem


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Tell autogenerate which objects to compare: all but hand-made search objects and views."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(SEARCH_TABLE_PREFIX) and name not in BROWSE_VIEWS
    if type_ == "column":
        return name != SEARCH_COLUMN
    if type_ == "index":
        return name != SEARCH_INDEX
    return True
