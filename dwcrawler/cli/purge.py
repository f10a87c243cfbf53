"""`dwcrawler purge ID --reason TEXT`: take an article down, for good.

It removes the article, its revisions, its photos as used in it (and photos no other article
uses) and its search entries, and puts its DW id on the exclusion list: the crawl never
fetches it again, and exports leave it out. A writer: it takes the archive's lease (exit 75
while a crawl runs). WARC files keep what was fetched: docs/takedown.md shows how to rewrite
them without the excluded records.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from dwcrawler.cli.common import CliError, add_database_option, guarded, resolve_database
from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.lease import archive_lease
from dwcrawler.db.migrate import ensure_at_head
from dwcrawler.db.queries import resolve_article
from dwcrawler.db.repository import purge_article

if TYPE_CHECKING:
    from dwcrawler.cli.common import SubParsers

EPILOG = """\
examples:
  dwcrawler purge 68117411 --reason "court order 2026/123"
  dwcrawler purge https://www.dw.com/sw/some-slug/a-68117411 --reason "subject's request"

exit status: 0 purged (or excluded, if it was not stored), 1 an error, 2 a bad argument,
75 the archive is busy (a crawl holds it: try again later)
"""


def register(subparsers: SubParsers) -> None:
    """Add `dwcrawler purge`."""
    parser = subparsers.add_parser(
        "purge",
        help="remove an article for good and keep its id out of crawls and exports",
        description="Remove an article (revisions, photos as used in it, search entries) and "
        "record its DW id on the exclusion list, with the reason.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("article", metavar="ID", help="a DW id (68117411) or a DW article URL")
    parser.add_argument("--reason", required=True, help="why it was taken down (kept with the id)")
    add_database_option(parser)
    parser.set_defaults(handler=_run)


@guarded("purge")
def _run(args: argparse.Namespace) -> int:
    dw_id = resolve_article(args.article)
    if dw_id is None:
        raise CliError(f"{args.article!r} is neither a DW id nor a DW article URL", status=2)
    reason = " ".join(args.reason.split())
    if not reason:
        raise CliError("--reason must say why (it is kept with the id)", status=2)
    url = resolve_database(args.database)
    with archive_lease(url, "purge"):
        engine = make_engine(url)
        try:
            ensure_at_head(engine)
            with make_sessionmaker(engine).begin() as session:
                purged = purge_article(session, dw_id, reason=reason, at=datetime.now(UTC))
        finally:
            engine.dispose()
    if purged.url is None:
        print(f"article {dw_id} is not stored; ", end="")
    else:
        print(
            f"purged article {dw_id} ({purged.url}): {purged.revisions} revision(s), "
            f"{purged.photo_uses} photo use(s), {purged.photos} photo(s) no other article used; ",
            end="",
        )
    print("excluded from now on" if purged.newly_excluded else "it was excluded already")
    return 0
