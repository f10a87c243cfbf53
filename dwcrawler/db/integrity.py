"""Is the archive whole? SQLite's own checks, PostgreSQL's catalog, and the tables vs the models.

- SQLite: `PRAGMA quick_check` (every page and record readable, in order; seconds on a large
  archive), or with `full` `PRAGMA integrity_check` and `foreign_key_check` (indexes too).
- PostgreSQL: every table of the models present, no index left invalid; with `full`, every
  table read from end to end (a damaged page, detected by data checksums, fails the read).
- Both: the tables and columns match the models (`schema_differences`, Alembic's comparison):
  what `dwcrawler db stamp` checks before adopting an unversioned archive.

Errors are returned as lines, never raised: doctor lists them, other commands refuse with one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.exc import SQLAlchemyError

from dwcrawler.db import models  # noqa: F401 - registers every table on Base.metadata
from dwcrawler.db.base import Base
from dwcrawler.db.migrate import SEARCH_TABLE_PREFIX, include_object
from dwcrawler.db.problems import DOCTOR_ADVICE, damage_message, database_problem

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

# Lines of a failing SQLite check shown (a badly damaged file can report thousands).
SHOWN = 3


def integrity_problems(
    engine: Engine, *, full: bool = False, advice: str = DOCTOR_ADVICE
) -> list[str]:
    """Return what is wrong with the archive's storage (empty when whole)."""
    try:
        with engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                return _sqlite(connection, full, advice)
            return _postgresql(connection, full)
    except SQLAlchemyError as exc:
        return [database_problem(exc, advice)]


def _sqlite(connection: Connection, full: bool, advice: str) -> list[str]:
    check = "integrity_check" if full else "quick_check"
    found = [str(row[0]) for row in connection.exec_driver_sql(f"PRAGMA {check}")]
    problems = []
    if found != ["ok"]:
        detail = "; ".join(found[:SHOWN]) + (
            f"; {len(found) - SHOWN} more" if len(found) > SHOWN else ""
        )
        problems.append(damage_message(f"{check}: {detail}", advice))
    if full and (broken := connection.exec_driver_sql("PRAGMA foreign_key_check").all()):
        rows = ", ".join(f"{row[0]} row {row[1]} → {row[2]}" for row in broken[:SHOWN])
        problems.append(f"{len(broken)} row(s) point at rows that do not exist: {rows}")
    return problems


def _postgresql(connection: Connection, full: bool) -> list[str]:
    problems = []
    present = set(inspect(connection).get_table_names())
    missing = sorted(set(Base.metadata.tables) - present)
    if missing:
        problems.append(f"tables missing from the archive: {', '.join(missing)}")
    invalid = connection.execute(
        text(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE NOT i.indisvalid AND n.nspname = current_schema() ORDER BY c.relname"
        )
    ).scalars()
    if names := list(invalid):
        problems.append(f"invalid index(es), rebuild with REINDEX: {', '.join(names)}")
    if full:
        for table in sorted(set(Base.metadata.tables) & present):
            connection.execute(text(f'SELECT count(*) FROM "{table}"'))  # reads every page
    return problems


def schema_differences(connection: Connection) -> list[str]:
    """Return how the database's tables differ from this dwcrawler's models (empty: they match).

    The hand-made search objects are checked too: SQLite's FTS5 table, PostgreSQL's column.
    """
    # Alembic only here: every command imports this module, few compare schemas.
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    context = MigrationContext.configure(
        connection, opts={"include_object": include_object, "compare_type": True}
    )
    differences = [_describe(diff) for diff in compare_metadata(context, Base.metadata)]
    tables = set(inspect(connection).get_table_names())
    if connection.dialect.name == "sqlite":
        if SEARCH_TABLE_PREFIX not in tables:
            differences.append(f"missing search table {SEARCH_TABLE_PREFIX}")
    elif "articles" in tables:
        columns = {column["name"] for column in inspect(connection).get_columns("articles")}
        if "search_vector" not in columns:
            differences.append("missing search column articles.search_vector")
    return differences


def _describe(diff: object) -> str:
    """Return one autogenerate difference in words ("add_table crawl_failures", …)."""
    entry = diff[0] if isinstance(diff, list) else diff  # column changes come grouped
    if not isinstance(entry, tuple) or not entry:
        return str(entry)
    action = str(entry[0])
    if action in {"add_column", "remove_column"}:  # (action, schema, table, column)
        return f"{action} {entry[2]}.{entry[3].name}"
    if action.startswith("modify_"):  # (action, schema, table, column name, …)
        return f"{action} {entry[2]}.{entry[3]}"
    return f"{action} {getattr(entry[1], 'name', entry[1])}"
