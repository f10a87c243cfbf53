"""`dwcrawler changes`: what changed in the archive, newest first (DW's own edits by default)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from dwcrawler.cli.common import (
    add_database_option,
    add_format_options,
    archive_session,
    guarded,
    parse_date,
    positive_int,
)
from dwcrawler.cli.output import output_width, write_rows
from dwcrawler.db.queries import CAUSES, FIELDS, changes
from dwcrawler.db.snippets import CUT

if TYPE_CHECKING:
    from dwcrawler.cli.common import SubParsers
    from dwcrawler.db.queries import Change, ChangeList

EPILOG = """\
Each line: when, DW id, what (r2 = revision 2, gone, back), the article's title and what
changed. By default only DW's own edits (cause "fetch") and articles gone or back; revisions
made by a newer extractor (reextract) or by an import are listed with --cause.

examples:
  dwcrawler changes --since 2024-07-01
  dwcrawler changes --field title --field teaser        # retitled or re-teased articles
  dwcrawler changes --since 2024-07-01T06:00 --json | jq -r .url
  dwcrawler changes --field status                      # articles gone (404/410) or back
  dwcrawler changes --cause all --limit 500 --csv > changes.csv
then see one edit in full:  dwcrawler show ID --diff
"""
TITLE_ROOM = 32


def register(subparsers: SubParsers) -> None:
    """Add `dwcrawler changes`."""
    parser = subparsers.add_parser(
        "changes",
        help="what changed: edited articles (which fields, old → new), articles gone or back",
        description="List the changes in the archive, newest first: new revisions of articles "
        "(when, which fields, a one-line summary) and articles that went gone or came back.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--since",
        type=parse_date,
        metavar="WHEN",
        help="changes at or after WHEN (YYYY-MM-DD, or an ISO date-time; UTC unless it says)",
    )
    parser.add_argument(
        "--field",
        dest="fields",
        action="append",
        choices=FIELDS,
        metavar="FIELD",
        help=f"only changes of FIELD (repeatable): {', '.join(FIELDS)}",
    )
    parser.add_argument(
        "--cause",
        choices=[*CAUSES, "all"],
        default="fetch",
        help="why the revision exists: fetch (DW edited the page; the default), reextract "
        "(a newer extractor), import, or all",
    )
    parser.add_argument(
        "--limit", type=positive_int, default=50, metavar="N", help="changes (default 50)"
    )
    add_format_options(parser)
    add_database_option(parser)
    parser.set_defaults(handler=_run)


def _what(change: Change) -> str:
    return f"r{change.revision}" if change.type == "revision" else change.type


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + CUT


def _line(change: Change, width: int | None) -> str:
    # when, id, what: 34 characters; the title gets a third of the rest (at most TITLE_ROOM)
    room = min(TITLE_ROOM, max(12, ((width or 0) - 34) // 3))
    title = change.title if width is None else _fit(change.title, room)
    cause = "" if change.cause == "fetch" else f" ({change.cause})"
    line = (
        f"{change.at:%Y-%m-%d %H:%M}  {change.dw_id:>8}  {_what(change):<5} "
        f"{title}  {change.summary}{cause}"
    )
    return line if width is None else _fit(line, width)


def _record(change: Change, total: int) -> dict[str, Any]:
    return asdict(change) | {"what": _what(change), "total": total}


@guarded("changes")
def _run(args: argparse.Namespace) -> int:
    cause = None if args.cause == "all" else args.cause
    with archive_session(args.database, command=args.command) as session:
        found: ChangeList = changes(
            session, since=args.since, fields=args.fields, cause=cause, limit=args.limit
        )
    if args.format != "table":
        columns = ["at", "what", "dw_id", "title", "url", "revision", "cause", "fields"]
        rows = [_record(change, found.total) for change in found.changes]
        write_rows(rows, args.format, [*columns, "summary", "http_status", "total"])
        return 0
    if not found.changes:
        print("no changes", file=sys.stderr)
        return 0
    more = "; more: --limit" if found.total > len(found.changes) else ""
    print(f"{len(found.changes)} of {found.total} changes (newest first){more}")
    width = output_width()
    for change in found.changes:
        print(_line(change, width))
    return 0
