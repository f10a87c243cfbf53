"""`dwcrawler search`: ranked full-text search over titles, teasers and bodies."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

from dwcrawler.cli.common import (
    CliError,
    add_database_option,
    add_format_options,
    archive_session,
    guarded,
    parse_date,
    parse_until,
    positive_int,
)
from dwcrawler.cli.output import write_rows
from dwcrawler.db.queries import ArticleFilter, SearchQueryError, search
from dwcrawler.items import KINDS

if TYPE_CHECKING:
    from dwcrawler.cli.common import SubParsers

EPILOG = """\
query language:
  treni reli            both words (any order)
  "reli ya kisasa"      the exact phrase
  mafuriko OR ukame     either word
  mvua -Nairobi         without the word Nairobi
  uchaguz*              words starting with "uchaguz"
  Case and accents are ignored; punctuation is never syntax. A query that starts
  with "-" goes after "--":  dwcrawler search -- "-mvua mafuriko"

examples:
  dwcrawler search "mafuriko"
  dwcrawler search '"reli ya kisasa" OR SGR' --since 2024-01-01 --kind article
  dwcrawler search uchaguzi --topic Tanzania --author "Florence Majani" --json
"""


def register(subparsers: SubParsers) -> None:
    """Add `dwcrawler search`."""
    parser = subparsers.add_parser(
        "search",
        help="full-text search of titles, teasers and bodies, best matches first",
        description="Search the archive's titles, teasers and bodies; best matches first "
        "(title matches weigh most, then teaser, then body).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("query", help="words to search for (see the query language below)")
    add_filter_options(parser)
    parser.add_argument(
        "--limit", type=positive_int, default=20, metavar="N", help="results (default 20)"
    )
    add_format_options(parser)
    add_database_option(parser)
    parser.set_defaults(handler=_run)


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """Add --since/--until/--kind/--topic/--author (shared with `export`)."""
    parser.add_argument(
        "--since", type=parse_date, metavar="DATE", help="published on or after DATE (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--until", type=parse_until, metavar="DATE", help="published on or before DATE"
    )
    parser.add_argument("--kind", choices=KINDS, help="only this kind of page")
    parser.add_argument("--topic", metavar="NAME", help="filed under this topic (name or DW id)")
    parser.add_argument("--author", metavar="NAME", help="author or editor name contains NAME")


def article_filter(args: argparse.Namespace) -> ArticleFilter:
    """Build the filter from the parsed options; refuse an empty date range."""
    if args.since is not None and args.until is not None and args.since >= args.until:
        raise CliError("--since must be before --until", status=2)
    return ArticleFilter(
        since=args.since, until=args.until, kind=args.kind, topic=args.topic, author=args.author
    )


@guarded("search")
def _run(args: argparse.Namespace) -> int:
    where = article_filter(args)
    with archive_session(args.database, command=args.command) as session:
        try:
            hits = search(session, args.query, where, limit=args.limit)
        except SearchQueryError as exc:
            raise CliError(f"bad query: {exc}", status=2) from None
    rows = [asdict(hit) for hit in hits]
    columns = ["rank", "dw_id", "published_at", "kind", "status", "title", "url", "snippet"]
    if args.format == "table":
        for row in rows:
            published = row["published_at"]
            row["published"] = published.date().isoformat() if published else ""
        columns = ["rank", "dw_id", "published", "kind", "title", "snippet"]
    write_rows(rows, args.format, columns, widths={"title": 50, "snippet": 70})
    if not hits and args.format == "table":
        print("no articles match", file=sys.stderr)
    return 0
