"""`dwcrawler db`: create, migrate and adopt the archive database (a deploy step, before crawls).

`upgrade`, `downgrade` and `stamp` write, so they take the archive's lease (exit 75 while a
crawl runs). Each first makes sure the archive is one it may touch: not damaged (SQLite's
`quick_check`), not from a newer dwcrawler, and, unless adopting it, not unversioned.
`current` only reads.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from dwcrawler.cli.common import CliError, add_database_option, guarded, resolve_database
from dwcrawler.db.engine import display_url, make_engine
from dwcrawler.db.integrity import integrity_problems, schema_differences
from dwcrawler.db.lease import archive_lease
from dwcrawler.db.migrate import (
    UPGRADE_COMMAND,
    SchemaState,
    downgrade,
    head_revision,
    schema_problem,
    schema_state,
    stamp,
    upgrade,
)
from dwcrawler.db.reader import open_reader

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from dwcrawler.cli.common import SubParsers

EPILOG = """\
examples:
  dwcrawler db upgrade                      # create or migrate the default SQLite archive
  dwcrawler db upgrade --database postgresql+psycopg://dw@localhost/dw_sw
  dwcrawler db current                      # exit status 0 only when at head
  dwcrawler db stamp                        # adopt an archive whose version row is missing
  dwcrawler db downgrade base --yes         # remove every table (and all data)

exit status: 0 done, 1 the archive is not usable (one line says why), 2 a bad argument,
75 the archive is busy (a crawl holds it: try again later)
"""
# Differences shown when the tables do not match (the rest are counted).
SHOWN = 5


def register(subparsers: SubParsers) -> None:
    """Add `dwcrawler db upgrade|current|stamp|downgrade`."""
    db = subparsers.add_parser(
        "db",
        help="create, migrate or adopt the archive database",
        description="Create and migrate the archive database with its Alembic migrations.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = actions.add_parser(
        "upgrade",
        help="bring the database to the newest schema (creates it if missing)",
        epilog="example:\n  dwcrawler db upgrade --database ~/dw/archive.sqlite3",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    up.add_argument("--revision", default="head", help="target revision (default: head)")
    add_database_option(up)
    up.set_defaults(handler=_upgrade)
    now = actions.add_parser(
        "current",
        help="show the database's schema revision; exit 1 unless at head",
        epilog="example:\n  dwcrawler db current || dwcrawler db upgrade",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_database_option(now)
    now.set_defaults(handler=_current)
    adopt = actions.add_parser(
        "stamp",
        help="adopt an archive that holds the tables but lost its version (checks them first)",
        epilog="example:\n  dwcrawler db stamp --database ~/dw/restored.sqlite3",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_database_option(adopt)
    adopt.set_defaults(handler=_stamp)
    down = actions.add_parser(
        "downgrade",
        help="migrate down to an older revision ('base' drops every table)",
        epilog="example:\n  dwcrawler db downgrade base --yes --database /tmp/scratch.sqlite3",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    down.add_argument("revision", help="target revision id, '-1' or 'base'")
    down.add_argument("--yes", action="store_true", help="confirm: a downgrade can drop data")
    add_database_option(down)
    down.set_defaults(handler=_downgrade)


def _undamaged(engine: Engine) -> None:
    """Refuse a damaged SQLite archive (PostgreSQL's own checks are `dwcrawler doctor`'s)."""
    if engine.dialect.name == "sqlite":
        for problem in integrity_problems(engine):
            raise CliError(problem)


def _state(url: str, *, writer: bool) -> SchemaState:
    """Return where the archive's schema stands, refusing a damaged one."""
    engine = make_engine(url, sqlite_begin="DEFERRED") if writer else open_reader(url).engine
    try:
        state = schema_state(engine)
        if state.state != "empty":
            _undamaged(engine)
        return state
    finally:
        engine.dispose()


def _refuse_foreign(url: str, state: SchemaState) -> None:
    """Refuse an archive from a newer dwcrawler, or one without a version row."""
    if state.state in {"newer", "unversioned"}:
        engine = make_engine(url)
        try:
            problem = schema_problem(engine, state)
        finally:
            engine.dispose()
        raise CliError(str(problem))


@guarded("db upgrade")
def _upgrade(args: argparse.Namespace) -> int:
    url = resolve_database(args.database, must_exist=False)
    with archive_lease(url, "db upgrade"):
        before = _state(url, writer=True)
        _refuse_foreign(url, before)
        upgrade(url, args.revision)
        after = _state(url, writer=True).current
    where = display_url(url)
    if before.current == after:
        print(f"{where}: already at {after} (head)")
    else:
        print(f"{where}: upgraded from {before.current or 'an empty database'} to {after}")
    return 0


@guarded("db current")
def _current(args: argparse.Namespace) -> int:
    url = resolve_database(args.database)  # never creates a missing SQLite file
    state = _state(url, writer=False)
    where = display_url(url)
    if state.state == "head":
        print(f"{where}: {state.current} (head)")
        return 0
    if state.state in {"newer", "unversioned"}:
        engine = make_engine(url)
        try:
            print(schema_problem(engine, state))
        finally:
            engine.dispose()
        return 1
    now = state.current or "no schema (empty database)"
    print(f"{where}: {now}; head is {state.head}: run `{UPGRADE_COMMAND}`")
    return 1


@guarded("db stamp")
def _stamp(args: argparse.Namespace) -> int:
    url = resolve_database(args.database)
    where, head = display_url(url), head_revision()
    with archive_lease(url, "db stamp"):
        state = _state(url, writer=True)
        if state.state == "head":
            print(f"{where}: already at {head} (head)")
            return 0
        if state.state != "unversioned":
            what = "has no dwcrawler tables" if state.state == "empty" else f"is at {state.current}"
            raise CliError(f"database {where} {what}: nothing to adopt")
        engine = make_engine(url)
        try:
            with engine.connect() as connection:
                differences = schema_differences(connection)
        finally:
            engine.dispose()
        if differences:
            more = f" and {len(differences) - SHOWN} more" if len(differences) > SHOWN else ""
            raise CliError(
                f"database {where} not adopted: its tables do not match schema {head}: "
                f"{'; '.join(differences[:SHOWN])}{more}"
            )
        stamp(url)
    print(f"{where}: the tables match schema {head}: adopted at {head}")
    return 0


@guarded("db downgrade")
def _downgrade(args: argparse.Namespace) -> int:
    if not args.yes:
        raise CliError("a downgrade can drop tables and data; add --yes to go ahead", status=2)
    url = resolve_database(args.database, must_exist=False)
    with archive_lease(url, "db downgrade"):
        _refuse_foreign(url, _state(url, writer=True))
        downgrade(url, args.revision)
        now = _state(url, writer=True).current
    print(f"{display_url(url)}: now at {now or 'base (no tables)'}")
    return 0
