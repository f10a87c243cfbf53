"""`dwcrawler db`: create and migrate the archive database (a deploy step, run before crawls)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from dwcrawler.cli.common import CliError, add_database_option, guarded, resolve_database
from dwcrawler.db.engine import display_url, make_engine
from dwcrawler.db.migrate import (
    UPGRADE_COMMAND,
    current_revision,
    downgrade,
    head_revision,
    upgrade,
)

if TYPE_CHECKING:
    from dwcrawler.cli.common import SubParsers

EPILOG = """\
examples:
  dwcrawler db upgrade                      # create or migrate the default SQLite archive
  dwcrawler db upgrade --database postgresql+psycopg://dw@localhost/dw_sw
  dwcrawler db current                      # exit status 0 only when at head
  dwcrawler db downgrade base --yes         # remove every table (and all data)
"""


def register(subparsers: SubParsers) -> None:
    """Add `dwcrawler db upgrade|current|downgrade`."""
    db = subparsers.add_parser(
        "db",
        help="create or migrate the archive database",
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


def _revision_of(url: str) -> str | None:
    engine = make_engine(url, sqlite_begin="DEFERRED")
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


@guarded("db upgrade")
def _upgrade(args: argparse.Namespace) -> int:
    url = resolve_database(args.database, must_exist=False)
    before = _revision_of(url)
    upgrade(url, args.revision)
    after = _revision_of(url)
    where = display_url(url)
    if before == after:
        print(f"{where}: already at {after} (head)")
    else:
        print(f"{where}: upgraded from {before or 'an empty database'} to {after}")
    return 0


@guarded("db current")
def _current(args: argparse.Namespace) -> int:
    url = resolve_database(args.database)  # never creates a missing SQLite file
    revision, head = _revision_of(url), head_revision()
    where = display_url(url)
    if revision == head:
        print(f"{where}: {revision} (head)")
        return 0
    state = revision or "no schema (empty database)"
    print(f"{where}: {state}; head is {head}: run `{UPGRADE_COMMAND}`")
    return 1


@guarded("db downgrade")
def _downgrade(args: argparse.Namespace) -> int:
    if not args.yes:
        raise CliError("a downgrade can drop tables and data; add --yes to go ahead", status=2)
    url = resolve_database(args.database, must_exist=False)
    downgrade(url, args.revision)
    print(f"{display_url(url)}: now at {_revision_of(url) or 'base (no tables)'}")
    return 0
