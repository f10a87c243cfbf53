"""Takedown: remove an article from the archive for good, and keep its id out from then on.

`purge_article` deletes the article, its revisions, its bylines and topics, its photos as used
in it (and the photos no other article uses) and, with the row, its search entries; it
records the id in `excluded_articles`. Every writer asks `excluded_ids` (the crawl before it
fetches, `import-warc` and `reextract` before they store) and every export leaves excluded ids
out (`not_excluded`), so a purged article does not come back.

Re-exported by `dwcrawler.db.repository`. Only `dwcrawler purge` calls `purge_article`, under
the archive's lease.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, exists, func, select

from dwcrawler.db.known_ids import forget_known_ids
from dwcrawler.db.models import (
    Article,
    ArticleAuthor,
    ArticlePhoto,
    ArticleRevision,
    ArticleTopic,
    ExcludedArticle,
    Photo,
    PhotoCredit,
)

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import InstrumentedAttribute, Session
    from sqlalchemy.sql import ColumnElement


@dataclass(frozen=True, slots=True)
class Purged:
    """What `purge_article` removed."""

    dw_id: int
    url: str | None  # None: the article was not stored
    revisions: int
    photo_uses: int
    photos: int  # photos no other article used, removed with it
    newly_excluded: bool  # False: the id was excluded already


def excluded_ids(session: Session) -> set[int]:
    """Return every excluded DW id (the takedown list)."""
    return set(session.scalars(select(ExcludedArticle.dw_id)))


def not_excluded() -> ColumnElement[bool]:
    """Return the condition that keeps excluded articles out of a query on `articles`."""
    return ~exists().where(ExcludedArticle.dw_id == Article.dw_id)


def _count(session: Session, model: type, column: InstrumentedAttribute[int], dw_id: int) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(column == dw_id)) or 0)


def purge_article(session: Session, dw_id: int, *, reason: str, at: datetime) -> Purged:
    """Remove one article and everything only it owns; exclude its id (see the module)."""
    url = session.scalar(select(Article.url).where(Article.dw_id == dw_id))
    revisions = _count(session, ArticleRevision, ArticleRevision.article_id, dw_id)
    uses = _count(session, ArticlePhoto, ArticlePhoto.article_id, dw_id)
    photo_ids = set(
        session.scalars(select(ArticlePhoto.photo_id).where(ArticlePhoto.article_id == dw_id))
    )
    # Children first: the schema cascades, but SQLite only does with foreign keys switched on.
    for model, column in (
        (ArticlePhoto, ArticlePhoto.article_id),
        (ArticleAuthor, ArticleAuthor.article_id),
        (ArticleTopic, ArticleTopic.article_id),
        (ArticleRevision, ArticleRevision.article_id),
    ):
        session.execute(delete(model).where(column == dw_id))
    session.execute(delete(Article).where(Article.dw_id == dw_id))  # and its search entries
    orphans = [
        photo
        for photo in sorted(photo_ids)
        if not session.scalar(select(exists().where(ArticlePhoto.photo_id == photo)))
    ]
    if orphans:
        session.execute(delete(PhotoCredit).where(PhotoCredit.photo_id.in_(orphans)))
        session.execute(delete(Photo).where(Photo.id.in_(orphans)))
        forget_known_ids(session)  # this engine may remember the photos just deleted
    known = session.get(ExcludedArticle, dw_id)
    if known is None:
        session.add(ExcludedArticle(dw_id=dw_id, url=url, reason=reason, excluded_at=at))
        session.flush()
    return Purged(dw_id, url, revisions, uses, len(orphans), known is None)
