"""`dwcrawler photos`: photos with their captions and credits, and the articles that use them."""

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
from dwcrawler.db.queries import photo_uses

if TYPE_CHECKING:
    from dwcrawler.cli.common import SubParsers

EPILOG = """\
examples:
  dwcrawler photos --agency Reuters
  dwcrawler photos --credit "picture-alliance" --limit 500 --csv > pa.csv
  dwcrawler photos --photographer Lovetsky --json
"""


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
    parser.add_argument(
        "--limit", type=positive_int, default=100, metavar="N", help="rows (default 100)"
    )
    add_format_options(parser)
    add_database_option(parser)
    parser.set_defaults(handler=_run)


@guarded("photos")
def _run(args: argparse.Namespace) -> int:
    with archive_session(args.database, command=args.command) as session:
        uses = photo_uses(
            session,
            credit=args.credit,
            agency=args.agency,
            photographer=args.photographer,
            limit=args.limit,
        )
    columns = ["image_id", "dw_id", "published_at", "role", "caption", "credit", "title"]
    if args.format == "csv":
        columns = [*columns[:6], "agencies", "photographers", "url", "title"]
    if args.format == "table":
        for use in uses:
            use["published_at"] = (use["published_at"] or "")[:10]
    widths = {"caption": 40, "credit": 36, "title": 40}
    write_rows(uses, args.format, columns, widths=widths)
    if not uses and args.format == "table":
        print("no photos match", file=sys.stderr)
    return 0
