"""What the archive subcommands share: the --database option, dates, and one-line errors.

Handlers raise `CliError` for anything the user can fix; `guarded` turns it (and database
errors, a damaged archive, a busy one) into one line on stderr and an exit status, never a
traceback. Query commands read through `archive_session`: read-only, never the lease.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from dwcrawler.config import (
    DATABASE_URL_ENV,
    DatabaseURLError,
    database_url,
    default_database_path,
)
from dwcrawler.configfile import ConfigError
from dwcrawler.db.engine import display_url, normalise_url, sqlite_file
from dwcrawler.db.lease import ArchiveBusy
from dwcrawler.db.migrate import UPGRADE_COMMAND, SchemaNotAtHead, ensure_at_head
from dwcrawler.db.problems import damage_message, database_problem, first_line, is_damage
from dwcrawler.db.reader import IMMUTABLE_NOTE, open_reader

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import TypeAlias

    SubParsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


def _database_help() -> str:
    # Built when the parser is: a broken config file is reported when a command runs.
    try:
        default = str(default_database_path())
    except ConfigError:
        default = "the data directory's dw_sw.sqlite3"
    return (
        f"database URL or SQLite file (default: ${DATABASE_URL_ENV}, else the config file's "
        f"database_url, else {default})"
    )


class CliError(Exception):
    """A problem the user can fix; the message is one line. Exit status 2 means bad usage."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def add_database_option(parser: argparse.ArgumentParser) -> None:
    """Add `--database URL` (overrides the configured database)."""
    parser.add_argument("--database", metavar="URL", help=_database_help())


def add_format_options(parser: argparse.ArgumentParser) -> None:
    """Add `--json` (one object per line) and `--csv`; the default is a readable table."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--json", dest="format", action="store_const", const="json", help="one JSON object per line"
    )
    group.add_argument("--csv", dest="format", action="store_const", const="csv", help="CSV")
    parser.set_defaults(format="table")


def parse_date(value: str) -> datetime:
    """Parse `YYYY-MM-DD` (midnight UTC) or an ISO 8601 date-time (UTC unless it has an offset)."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid date {value!r} (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
        ) from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def parse_until(value: str) -> datetime:
    """Parse an end date: a bare `YYYY-MM-DD` includes that whole day."""
    parsed = parse_date(value)
    try:
        return parsed + timedelta(days=1) if len(value.strip()) == 10 else parsed
    except OverflowError:  # 9999-12-31 has no next day: then nothing is excluded
        return parsed.replace(hour=23, minute=59, second=59, microsecond=999999)


# Counts and revision numbers fit a 32-bit column; a larger number is a typo, and would
# overflow the database driver instead of getting a clear error.
MAX_NUMBER = 2**31 - 1


def positive_int(value: str) -> int:
    """Parse a whole number of at least 1 (and at most `MAX_NUMBER`)."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= MAX_NUMBER:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of at least 1 and at most {MAX_NUMBER}, got {value!r}"
        )
    return number


def non_negative_int(value: str) -> int:
    """Parse a whole number of at least 0 (and at most `MAX_NUMBER`)."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if not 0 <= number <= MAX_NUMBER:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of at least 0 and at most {MAX_NUMBER}, got {value!r}"
        )
    return number


def resolve_database(option: str | None, *, must_exist: bool = True) -> str:
    """Return the database URL to use.

    Unless `must_exist` is False, a SQLite file that does not exist yet is refused: connecting
    would create an empty one.
    """
    try:
        url = normalise_url(database_url(option))
    except (DatabaseURLError, ConfigError) as exc:
        raise CliError(str(exc), status=2) from None
    path = sqlite_file(url)
    if must_exist and path is not None and not path.exists():
        raise CliError(
            f"no archive at {path}: run `{UPGRADE_COMMAND}` to create it, "
            f"or pass --database / set {DATABASE_URL_ENV}"
        )
    if path is not None and path.is_dir():
        raise CliError(f"database {path}: unable to open database file: it is a directory")
    return url.render_as_string(hide_password=False)


@contextmanager
def archive_session(option: str | None, *, command: str = "") -> Iterator[Session]:
    """Open the archive read-only, check it is at head, yield a session, clean up.

    Where a SQLite archive can only be read in immutable mode (read-only media), `command`
    says so once on stderr.
    """
    url = resolve_database(option)
    reader = open_reader(url)
    if reader.immutable:
        print(f"dwcrawler {command}: note: {IMMUTABLE_NOTE}".replace("  ", " "), file=sys.stderr)
    try:
        ensure_at_head(reader.engine)
        with Session(reader.engine) as session, session.begin():
            yield session
    except OperationalError as exc:  # damage is named as such; else: where, and what it said
        if is_damage(exc):
            raise CliError(damage_message(exc)) from None
        raise CliError(f"database {display_url(url)}: {first_line(exc)}") from None
    finally:
        reader.engine.dispose()


def _alembic_command_error(exc: Exception) -> bool:
    """Return True for Alembic's CommandError, without importing Alembic to know it.

    Alembic costs a command a fifth of a second to import, and only `db` commands load it: an
    error can be Alembic's only if Alembic was loaded.
    """
    util = sys.modules.get("alembic.util")
    return util is not None and isinstance(exc, util.CommandError)


def guarded(command: str) -> Callable[[Callable[[argparse.Namespace], int]], Callable[..., int]]:
    """Wrap a handler: user errors and database errors become one line on stderr."""

    def wrap(handler: Callable[[argparse.Namespace], int]) -> Callable[..., int]:
        @functools.wraps(handler)
        def run(args: argparse.Namespace) -> int:
            try:
                return handler(args)
            except CliError as exc:
                message, status = str(exc), exc.status
            except ArchiveBusy as exc:  # another writer holds the lease: try again later
                message, status = str(exc), exc.status
            except SchemaNotAtHead as exc:
                message, status = str(exc), 1
            except ConfigError as exc:
                message, status = str(exc), 2
            except SQLAlchemyError as exc:  # a damaged archive is named as such
                message, status = database_problem(exc), 1
            except BrokenPipeError:  # `dwcrawler … | head`: the reader left, not an error
                # Point stdout at /dev/null so the interpreter's final flush stays quiet.
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
                return 0
            except OSError as exc:  # the file system said no (a path under a file, rights…)
                place = f": {exc.filename}" if exc.filename else ""
                message, status = f"{exc.strerror or type(exc).__name__}{place}", 1
            except Exception as exc:
                if not _alembic_command_error(exc):
                    raise
                message, status = first_line(exc), 2  # an unknown revision id: a typo
            print(f"dwcrawler {command}: error: {message}", file=sys.stderr)
            return status

        return run

    return wrap
