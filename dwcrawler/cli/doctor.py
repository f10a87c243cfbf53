"""`dwcrawler doctor`: is the archive healthy? Exit 0, or 1 with one line per problem.

For cron and monitoring (`stats` reports, `doctor` judges): the schema is at head and not from
a newer dwcrawler; SQLite's `quick_check` (`--full`: `integrity_check`) or PostgreSQL's
catalog passes; a crawl succeeded within `--max-age`; no run is stale (marked running, its
process gone) or silent; the latest run did not crash or fail; the archive, its folder and the
WARC folder can be written, with enough free disk; the database's driver is installed.
It reads only, and never takes the lease: it can run while a crawl writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from dwcrawler.cli.common import CliError, add_database_option, guarded
from dwcrawler.config import (
    DatabaseURLError,
    database_backend,
    database_url,
    min_free_disk,
    require_driver,
    warc_dir,
)
from dwcrawler.configfile import ConfigError
from dwcrawler.db.engine import display_url, normalise_url, sqlite_file
from dwcrawler.db.problems import database_problem
from dwcrawler.db.reader import open_reader
from dwcrawler.health import (
    Check,
    archive_file_check,
    database_write_check,
    folder_checks,
    run_checks,
    schema_checks,
)
from dwcrawler.units import parse_duration, parse_size

if TYPE_CHECKING:
    from datetime import timedelta

    from dwcrawler.cli.common import SubParsers

DEFAULT_MAX_AGE = "2d"
EPILOG = """\
examples:
  dwcrawler doctor                          # exit 0 when healthy, else 1 and one line per problem
  dwcrawler doctor --max-age 3h             # an hourly cron job should have succeeded within 3 h
  dwcrawler doctor --full --json            # every page and index checked; one JSON object
  dwcrawler doctor -q || mail -s "dwcrawler" me@example.org   # quiet unless something is wrong

exit status: 0 healthy, 1 a problem (one line each), 2 a bad option
"""


def register(subparsers: SubParsers) -> None:
    """Add `dwcrawler doctor`."""
    parser = subparsers.add_parser(
        "doctor",
        help="check the archive's health for cron and monitoring (exit 1 on any problem)",
        description="Check the archive: schema, integrity, recent successful crawl, stale or "
        "failed runs, writable folders, free disk, database driver.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--max-age",
        type=_duration,
        default=DEFAULT_MAX_AGE,
        metavar="DURATION",
        help=f"a crawl must have succeeded within this (90s, 30m, 2h, 2d; default {DEFAULT_MAX_AGE})",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="check every page and index (SQLite integrity_check; PostgreSQL reads every table)",
    )
    parser.add_argument(
        "--min-free",
        type=_size,
        default=None,
        metavar="SIZE",
        help="free disk space below which there is a problem (default: the config's "
        "min_free_disk, else 1GB)",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object with every check")
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    add_database_option(parser)
    parser.set_defaults(handler=_run)


def _duration(text: str) -> timedelta:
    try:
        return parse_duration(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def diagnose(
    option: str | None, max_age: timedelta, *, full: bool, min_free: int
) -> tuple[str, list[Check]]:
    """Run every check on the archive; return where it is and the checks."""
    try:
        url = database_url(option)
        require_driver(database_backend(url))
        parsed = normalise_url(url)
    except ConfigError as exc:
        return "?", [Check("config", False, str(exc))]
    except DatabaseURLError as exc:
        return option or "?", [Check("driver", False, str(exc))]
    text = parsed.render_as_string(hide_password=False)
    where, path = display_url(text), sqlite_file(parsed)
    path = path.absolute() if path is not None else None
    if path is not None and not path.exists():
        return where, [Check("archive", False, f"no archive at {path}: run `dwcrawler db upgrade`")]
    reader = open_reader(text)
    checks: list[Check] = []
    try:
        if path is None:  # a server: reachable at all?
            try:
                with reader.engine.connect():
                    pass
            except Exception as exc:  # noqa: BLE001 - any failure to connect is the one problem
                return where, [
                    Check("archive", False, f"cannot connect to {where}: {database_problem(exc)}")
                ]
        schema, at_head = schema_checks(reader.engine, full=full)
        checks += schema
        if at_head:
            checks += run_checks(reader.engine, max_age)
        if path is not None:
            checks.append(archive_file_check(path))
            checks += folder_checks("archive folder", path.parent, min_free)
        else:
            checks.append(database_write_check(reader.engine))
        checks += folder_checks("WARC folder", warc_dir(text), min_free)
    finally:
        reader.engine.dispose()
    return where, checks


@guarded("doctor")
def _run(args: argparse.Namespace) -> int:
    try:
        min_free = args.min_free if args.min_free is not None else parse_size(min_free_disk())
    except ValueError as exc:
        raise CliError(f"min_free_disk: {exc}", status=2) from None
    where, checks = diagnose(args.database, args.max_age, full=args.full, min_free=min_free)
    problems = [check for check in checks if not check.ok]
    if args.json:
        record = {
            "archive": where,
            "healthy": not problems,
            "checks": [{"check": c.name, "ok": c.ok, "message": c.message} for c in checks],
        }
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif problems:
        for check in problems:
            sys.stdout.write(f"{check.name}: {check.message}\n")
    elif not args.quiet:
        sys.stdout.write(f"healthy: {where}: " + "; ".join(c.message for c in checks) + "\n")
    return 1 if problems else 0
