"""Photos as used in articles, with caption, credit, agencies, photographers and the article.

Filtered like search: by publication date, kind, topic and author of the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import exists, func, select

from dwcrawler.cleaning.credits import canonical_agency
from dwcrawler.db.models import Article, ArticlePhoto, CreditPart, Photo
from dwcrawler.db.records import credit_parts, page_time
from dwcrawler.db.search import ArticleFilter, filter_conditions

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session


def photo_uses(
    session: Session,
    *,
    credit: str | None = None,
    agency: str | None = None,
    photographer: str | None = None,
    where: ArticleFilter | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Return photos as used in articles (newest articles first), with caption and credit.

    `credit` is part of the credit text; `agency` an agency the credit names (any spelling of
    picture-alliance); `photographer` part of a photographer's name; `where` restricts the
    articles.
    """
    query = (
        select(
            Photo.image_id,
            Photo.photo_key,
            ArticlePhoto.url,
            ArticlePhoto.role,
            ArticlePhoto.caption,
            ArticlePhoto.credit,
            ArticlePhoto.credit_id,
            Article.dw_id,
            Article.title,
            Article.published_at,
            Article.published_offset,
        )
        .join(Photo, Photo.id == ArticlePhoto.photo_id)
        .join(Article, Article.dw_id == ArticlePhoto.article_id)
    )
    query = query.where(*filter_conditions(where or ArticleFilter()))
    if credit is not None:
        query = query.where(
            func.lower(ArticlePhoto.credit).contains(credit.lower(), autoescape=True)
        )
    for role, name, exact in (("agency", agency, True), ("photographer", photographer, False)):
        if name is None:
            continue
        wanted = func.lower(CreditPart.name)
        value = canonical_agency(name).lower() if exact else name.strip().lower()
        test = wanted == value if exact else wanted.contains(value, autoescape=True)
        query = query.where(
            exists().where(
                CreditPart.credit_id == ArticlePhoto.credit_id, CreditPart.role == role, test
            )
        )
    # Undated articles last on both backends (PostgreSQL would put NULLs first).
    order = (Article.published_at.desc().nulls_last(), Article.dw_id.desc(), ArticlePhoto.position)
    rows = session.execute(query.order_by(*order).limit(limit)).all()
    parts = credit_parts(session, {r.credit_id for r in rows if r.credit_id is not None})
    uses = []
    for r in rows:
        named = parts[r.credit_id] if r.credit_id is not None else {}
        uses.append(
            {
                "image_id": r.image_id,
                "photo_key": r.photo_key,
                "url": r.url,
                "role": r.role,
                "caption": r.caption,
                "credit": r.credit,
                "agencies": named.get("agency", []),
                "photographers": named.get("photographer", []),
                "dw_id": r.dw_id,
                "title": r.title,
                "published_at": _isoformat(page_time(r.published_at, r.published_offset)),
            }
        )
    return uses


def _isoformat(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
