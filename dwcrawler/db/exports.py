"""Export records: `dwcrawler.db.records` plus what data tools need beside the structure.

Each export record adds `text` (the body blocks joined by blank lines, subheadings included:
the article's plain text for corpora) and `rights` (`RIGHTS`: the texts and photos are DW's
and its agencies' copyright, and the archive does not relicense them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dwcrawler.db.records import iter_records
from dwcrawler.db.search import ArticleFilter, filter_conditions
from dwcrawler.db.takedown import not_excluded

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy.orm import Session

RIGHTS = (
    "Texts and photos are copyright Deutsche Welle (DW) and the agencies and photographers "
    "credited. This archive keeps a copy for research and reference; it does not relicense "
    "them. Any reuse needs the rights holders' permission."
)


def plain_text(body: list[dict[str, str]]) -> str:
    """Return an article's plain text: its body blocks joined by blank lines."""
    return "\n\n".join(block["text"] for block in body)


def export_records(
    session: Session, where: ArticleFilter | None = None
) -> Iterator[dict[str, Any]]:
    """Yield every matching article's export record, in DW id order.

    Articles on the takedown list are never exported, even if something stored them again.
    """
    conditions = filter_conditions(where or ArticleFilter())
    for record in iter_records(session, *conditions, not_excluded()):
        record["text"] = plain_text(record["body"])
        record["rights"] = RIGHTS
        yield record
