"""`dwcrawler photos`: photos with their captions and credits, and the articles that use them.

The table shows each credit whole, with the agencies and photographers it names; captions
and titles are shortened to fit. The articles can be filtered like `dwcrawler search`'s.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from dwcrawler.cli.common import (
    add_database_option,
    add_format_options,
    archive_session,
    guarded,
    positive_int,
)
from dwcrawler.cli.output import write_rows
from dwcrawler.cli.search import add_filter_options, article_filter
from dwcrawler.db.queries import photo_uses

if TYPE_CHECKING:
    from dwcrawler.cli.common import SubParsers

EPILOG = """\
examples:
  dwcrawler photos --agency Reuters
  dwcrawler photos --credit "picture-alliance" --limit 500 --csv > pa.csv
  dwcrawler photos --photographer Lovetsky --json
  dwcrawler photos --agency AFP --since 2024-01-01 --kind article --topic Kenya
"""
WHOLE = 10_000  # a credit is never shortened: it is what people filter and cite


def register(subparsers: SubParsers) -> None:
    """Add `dwcrawler photos`."""
    parser = subparsers.add_parser(
        "photos",
        help="photos with caption and credit, and the articles that use them",
        description="List photos as used in articles (newest articles first): caption and "
        "credit as shown there, the credit's agencies and photographers, and the article.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--credit", metavar="TEXT", help="credit contains TEXT (any case)")
    parser.add_argument(
        "--agency",
        metavar="NAME",
        help="credit names this agency (picture-alliance = picture alliance)",
    )
    parser.add_argument(
        "--photographer", metavar="NAME", help="credit names a photographer like NAME"
    )
    add_filter_options(parser)
    parser.add_argument(
        "--limit", type=positive_int, default=100, metavar="N", help="rows (default 100)"
    )
    add_format_options(parser)
    add_database_option(parser)
    parser.set_defaults(handler=_run)


@guarded("photos")
def _run(args: argparse.Namespace) -> int:
    where = article_filter(args)
    with archive_session(args.database, command=args.command) as session:
        uses = photo_uses(
            session,
            credit=args.credit,
            agency=args.agency,
            photographer=args.photographer,
            where=where,
            limit=args.limit,
        )
    columns = ["image_id", "dw_id", "published_at", "role", "credit", "agencies"]
    columns += ["photographers", "caption", "title"]
    if args.format == "csv":
        columns += ["url", "photo_key"]
    if args.format == "table":
        for use in uses:
            use["published_at"] = (use["published_at"] or "")[:10]
    widths = {"credit": WHOLE, "agencies": WHOLE, "photographers": WHOLE}
    write_rows(uses, args.format, columns, widths=widths | {"caption": 40, "title": 40})
    if not uses and args.format == "table":
        print("no photos match", file=sys.stderr)
    return 0
