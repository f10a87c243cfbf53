"""Articles read back as records: `article_to_dict`'s schema plus archive facts.

A record has every key of `dwcrawler.items.article_to_dict` (so `article_from_dict` rebuilds the
item), each photo also with its credit's `agencies` and `photographers`, then `status`,
`first_seen_at`, `last_seen_at`, `changed_at` (when the record last changed) and `revisions`
(one entry per stored content version: number, fetch time, cause, hash and changed fields).
Records are loaded in batches with one query per table, so an export of the whole archive runs
in bounded memory.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from dwcrawler.db.models import (
    Article,
    ArticleAuthor,
    ArticlePhoto,
    ArticleRevision,
    ArticleTopic,
    Author,
    CreditPart,
    Photo,
    Topic,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from sqlalchemy.orm import Session
    from sqlalchemy.sql import ColumnElement

BATCH_SIZE = 500


def page_time(value: datetime | None, offset_minutes: int | None) -> datetime | None:
    """Return a stored UTC instant in the UTC offset the page gave (if it gave one)."""
    if value is None or offset_minutes is None:
        return value
    return value.astimezone(timezone(timedelta(minutes=offset_minutes)))


def _iso(value: datetime | None, offset_minutes: int | None = None) -> str | None:
    local = page_time(value, offset_minutes)
    return local.isoformat() if local is not None else None


def _grouped(session: Session, query: Any) -> dict[int, list[Any]]:
    groups: dict[int, list[Any]] = defaultdict(list)
    for row in session.execute(query):
        groups[row.article_id].append(row)
    return groups


def credit_parts(session: Session, credit_ids: Iterable[int]) -> dict[int, dict[str, list[str]]]:
    """Return the agencies and photographers each credit names, in the credit's order."""
    found: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"agency": [], "photographer": []})
    wanted = set(credit_ids)
    if wanted:
        rows = session.execute(
            select(CreditPart.credit_id, CreditPart.role, CreditPart.name)
            .where(CreditPart.credit_id.in_(wanted))
            .order_by(CreditPart.credit_id, CreditPart.position)
        )
        for credit_id, role, name in rows:
            found[credit_id][role].append(name)
    return found


def load_records(session: Session, dw_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Return the records of the given articles, in the order of `dw_ids` (unknown ids skipped)."""
    if not dw_ids:
        return []
    articles = {
        a.dw_id: a for a in session.scalars(select(Article).where(Article.dw_id.in_(dw_ids)))
    }
    photos = _grouped(
        session,
        select(
            ArticlePhoto.article_id,
            ArticlePhoto.position,
            ArticlePhoto.role,
            Photo.image_id,
            ArticlePhoto.url,
            Photo.url_template,
            ArticlePhoto.alt,
            ArticlePhoto.caption,
            ArticlePhoto.credit,
            ArticlePhoto.credit_id,
        )
        .join(Photo, Photo.id == ArticlePhoto.photo_id)
        .where(ArticlePhoto.article_id.in_(dw_ids))
        .order_by(ArticlePhoto.article_id, ArticlePhoto.position),
    )
    people = _grouped(
        session,
        select(ArticleAuthor.article_id, ArticleAuthor.role, Author.name)
        .join(Author, Author.id == ArticleAuthor.author_id)
        .where(ArticleAuthor.article_id.in_(dw_ids))
        .order_by(ArticleAuthor.article_id, ArticleAuthor.role, ArticleAuthor.position),
    )
    topics = _grouped(
        session,
        select(ArticleTopic.article_id, Topic.name, Topic.dw_topic_id, Topic.url)
        .join(Topic, Topic.id == ArticleTopic.topic_id)
        .where(ArticleTopic.article_id.in_(dw_ids))
        .order_by(ArticleTopic.article_id, ArticleTopic.position),
    )
    revisions = _grouped(
        session,
        select(
            ArticleRevision.article_id,
            ArticleRevision.revision,
            ArticleRevision.fetched_at,
            ArticleRevision.cause,
            ArticleRevision.capture,
            ArticleRevision.content_hash,
            ArticleRevision.changed_fields,
        )
        .where(ArticleRevision.article_id.in_(dw_ids))
        .order_by(ArticleRevision.article_id, ArticleRevision.revision),
    )
    named = credit_parts(
        session, {p.credit_id for uses in photos.values() for p in uses if p.credit_id is not None}
    )
    records = []
    for dw_id in dw_ids:
        article = articles.get(dw_id)
        if article is not None:
            parts = (photos[dw_id], people[dw_id], topics[dw_id], revisions[dw_id])
            records.append(_record(article, *parts, named))
    return records


def _photo(p: Any, named: dict[int, dict[str, list[str]]]) -> dict[str, Any]:
    credit = named[p.credit_id] if p.credit_id is not None else {}
    return {
        "position": p.position,
        "role": p.role,
        "image_id": p.image_id,
        "url": p.url,
        "url_template": p.url_template,
        "alt": p.alt,
        "caption": p.caption,
        "credit": p.credit,
        "agencies": list(credit.get("agency", [])),
        "photographers": list(credit.get("photographer", [])),
    }


def _record(
    a: Article,
    photos: list[Any],
    people: list[Any],
    topics: list[Any],
    revisions: list[Any],
    named: dict[int, dict[str, list[str]]],
) -> dict[str, Any]:
    return {
        "dw_id": a.dw_id,
        "url": a.url,
        "kind": a.kind,
        "language": a.language,
        "design": a.design,
        "title": a.title,
        "teaser": a.teaser,
        "published_at": _iso(a.published_at, a.published_offset),
        "modified_at": _iso(a.modified_at, a.modified_offset),
        "date_precision": a.date_precision,
        "authors": [p.name for p in people if p.role == "author"],
        "editors": [p.name for p in people if p.role == "editor"],
        "kicker": a.kicker,
        "topics": [{"name": t.name, "topic_id": t.dw_topic_id, "url": t.url} for t in topics],
        "keywords": a.keywords,
        "wire": a.wire,
        "body": a.body,
        "photos": [_photo(p, named) for p in photos],
        "media": a.media,
        "duration_seconds": a.duration_seconds,
        "permalink": a.permalink,
        "links": a.links,
        "warnings": a.warnings,
        "cleaning": a.cleaning,
        "extractor_version": a.extractor_version,
        "capture": a.capture,
        "status": a.status,
        "first_seen_at": _iso(a.first_seen_at),
        "last_seen_at": _iso(a.last_seen_at),
        "changed_at": _iso(a.changed_at),
        "revisions": [
            {
                "revision": r.revision,
                "fetched_at": _iso(r.fetched_at),
                "cause": r.cause,
                "capture": r.capture,
                "content_hash": r.content_hash,
                "changed_fields": r.changed_fields,
            }
            for r in revisions
        ],
    }


def iter_records(
    session: Session, *conditions: ColumnElement[bool], batch_size: int = BATCH_SIZE
) -> Iterator[dict[str, Any]]:
    """Yield the records of all articles matching `conditions`, in DW id order, in batches."""
    last = -1
    while True:
        query = (
            select(Article.dw_id)
            .where(Article.dw_id > last, *conditions)
            .order_by(Article.dw_id)
            .limit(batch_size)
        )
        ids = list(session.scalars(query))
        if not ids:
            return
        records = load_records(session, ids)
        session.expunge_all()  # keep memory flat over a whole-archive export
        yield from records
        last = ids[-1]
