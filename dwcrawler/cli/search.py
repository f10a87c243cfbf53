"""`dwcrawler search`: ranked full-text search over titles, teasers and bodies.

One line per result: rank, date, DW id, title and a snippet centred on the first match, fitted
to the terminal (`COLUMNS` or its real width; whole lines when piped). A first line says how
many articles match in all; `--offset` pages through them.
"""

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
    non_negative_int,
    parse_date,
    parse_until,
    positive_int,
)
from dwcrawler.cli.output import output_width, write_rows
from dwcrawler.db.queries import SORTS, ArticleFilter, SearchQueryError, search
from dwcrawler.db.snippets import CUT, DEFAULT_WIDTH
from dwcrawler.items import KINDS

if TYPE_CHECKING:
    from datetime import datetime

    from dwcrawler.cli.common import SubParsers
    from dwcrawler.db.queries import SearchHit, SearchPage

EPILOG = """\
query language:
  treni reli            both words (any order)
  "reli ya kisasa"      the exact phrase
  mafuriko OR ukame     either word
  mvua -Nairobi         without the word Nairobi
  uchaguz*              words starting with "uchaguz"
  Case and accents are ignored; punctuation is never syntax. A query that starts
  with "-" goes after "--":  dwcrawler search -- "-mvua mafuriko"

  Matches are marked [like this]; a phrase is marked as a whole.

examples:
  dwcrawler search "mafuriko"
  dwcrawler search mafuriko --offset 20              # the next 20
  dwcrawler search '"reli ya kisasa" OR SGR' --since 2024-01-01 --kind article
  dwcrawler search uchaguzi --topic Tanzania --author "Florence Majani" --json
  dwcrawler search Kenya --sort newest --limit 5
"""
SORT_WORDS = {"rank": "best matches first", "newest": "newest first", "oldest": "oldest first"}
MIN_SNIPPET = 20


def register(subparsers: SubParsers) -> None:
    """Add `dwcrawler search`."""
    parser = subparsers.add_parser(
        "search",
        help="full-text search of titles, teasers and bodies, best matches first",
        description="Search the archive's titles, teasers and bodies; best matches first "
        "(title matches weigh most, then teaser, then body), or newest or oldest first.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("query", help="words to search for (see the query language below)")
    add_filter_options(parser)
    parser.add_argument(
        "--sort", choices=SORTS, default="rank", help="order of the results (default rank)"
    )
    parser.add_argument(
        "--limit", type=positive_int, default=20, metavar="N", help="results (default 20)"
    )
    parser.add_argument(
        "--offset",
        type=non_negative_int,
        default=0,
        metavar="N",
        help="skip the first N results (default 0): the next page is --offset LIMIT",
    )
    add_format_options(parser)
    add_database_option(parser)
    parser.set_defaults(handler=_run)


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """Add --since/--until/--kind/--topic/--author (shared with `export` and `photos`)."""
    parser.add_argument(
        "--since",
        type=parse_date,
        metavar="DATE",
        help="published on or after DATE (YYYY-MM-DD or an ISO date-time)",
    )
    parser.add_argument(
        "--until", type=parse_until, metavar="DATE", help="published on or before DATE"
    )
    parser.add_argument("--kind", choices=KINDS, help="only this kind of page")
    parser.add_argument("--topic", metavar="NAME", help="filed under this topic (name or DW id)")
    parser.add_argument("--author", metavar="NAME", help="author or editor name contains NAME")


def article_filter(
    args: argparse.Namespace, *, changed_since: datetime | None = None
) -> ArticleFilter:
    """Build the filter from the parsed options; refuse an empty date range."""
    if args.since is not None and args.until is not None and args.since >= args.until:
        raise CliError("--since must be before --until", status=2)
    return ArticleFilter(
        since=args.since,
        until=args.until,
        kind=args.kind,
        topic=args.topic,
        author=args.author,
        changed_since=changed_since,
    )


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + CUT


class _Layout:
    """How a result line shares a width between its fixed columns, its title and its snippet."""

    def __init__(self, width: int | None, last_rank: int) -> None:
        self.width = width
        self.rank_width = len(str(last_rank))
        self.fixed = self.rank_width + 2 + 10 + 2 + 8 + 2  # rank, date, DW id and the gaps

    def title_room(self, title: str) -> int:
        """Return the characters the title gets (all of it when lines have no width)."""
        if self.width is None:
            return len(title)
        room = self.width - self.fixed
        if room < 2 + MIN_SNIPPET + 8:  # a very narrow terminal: the snippet comes first
            return min(len(title), max(0, room // 3))
        return min(len(title), max(room * 2 // 5, 24), room - 2 - MIN_SNIPPET)

    def snippet_room(self, title: str) -> int:
        """Return the characters the snippet gets beside this title."""
        if self.width is None:
            return DEFAULT_WIDTH
        return max(0, self.width - self.fixed - self.title_room(title) - 2)

    def line(self, hit: SearchHit) -> str:
        """Return one result line, at most `width` characters (any length when None)."""
        date = hit.published_at.date().isoformat() if hit.published_at else "-" * 10
        title = _fit(hit.title, self.title_room(hit.title))
        line = f"{hit.rank:>{self.rank_width}}  {date}  {hit.dw_id:>8}  {title}  {hit.snippet}"
        return line.rstrip() if self.width is None else _fit(line.rstrip(), self.width)


def _heading(page: SearchPage, sort: str) -> str:
    shown = len(page.hits)
    first, last = page.offset + 1, page.offset + shown
    more = f"; more: --offset {last}" if last < page.total else ""
    return f"{first}\u2013{last} of {page.total} ({SORT_WORDS[sort]}){more}"


def _print_table(page: SearchPage, sort: str, layout: _Layout) -> None:
    print(_heading(page, sort))
    for hit in page.hits:
        print(layout.line(hit))


@guarded("search")
def _run(args: argparse.Namespace) -> int:
    where = article_filter(args)
    layout = _Layout(output_width() if args.format == "table" else None, args.offset + args.limit)
    with archive_session(args.database, command=args.command) as session:
        try:
            page = search(
                session,
                args.query,
                where,
                limit=args.limit,
                offset=args.offset,
                sort=args.sort,
                snippet_width=layout.snippet_room,
            )
        except SearchQueryError as exc:
            raise CliError(f"bad query: {exc}", status=2) from None
    if args.format == "table":
        if not page.hits:
            message = (
                f"no results after the first {args.offset} ({page.total} in all)"
                if page.total
                else "no articles match"
            )
            print(message, file=sys.stderr)
            return 0
        _print_table(page, args.sort, layout)
        return 0
    rows = [asdict(hit) | {"total": page.total} for hit in page.hits]
    columns = ["rank", "total", "dw_id", "published_at", "kind", "status", "title", "url"]
    write_rows(rows, args.format, [*columns, "snippet"])
    return 0
