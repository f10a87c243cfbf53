"""The change feed: revisions of articles (what changed, why, when) and articles gone or back.

A revision after the first is a change; its `cause` says whether DW changed the page (`fetch`,
the default the feed shows), our extractor changed (`reextract`) or it came from an import.
An article that answered 404/410 is "gone"; one that answered again is "back". Changes come
newest first; each has a one-line summary (`dwcrawler.db.summaries`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import String, and_, cast, func, or_, select
from sqlalchemy.orm import aliased

from dwcrawler.db.hashing import CONTENT_FIELDS
from dwcrawler.db.models import Article, ArticleRevision, ArticleStatusEvent
from dwcrawler.db.summaries import summarise

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Select
    from sqlalchemy.orm import Session
    from sqlalchemy.sql import ColumnElement

CAUSES = ("fetch", "reextract", "import")
FIELDS = (*CONTENT_FIELDS, "status")  # "status": gone and back
ChangeType = Literal["revision", "gone", "back"]


@dataclass(frozen=True, slots=True)
class Change:
    """One change: a new revision of an article, or the article going gone or coming back."""

    at: datetime  # the revision's fetch time, or when the status was seen
    type: ChangeType
    dw_id: int
    title: str  # the article's current title
    url: str
    revision: int | None  # the new revision's number (None for status changes)
    cause: str  # fetch | reextract | import ("fetch" for status changes: a crawl saw them)
    fields: list[str]  # what changed (["status"] for status changes)
    summary: str
    http_status: int | None = None  # 404 or 410 for "gone"


@dataclass(frozen=True, slots=True)
class ChangeList:
    """The newest `limit` changes matching a request, and how many match in all."""

    total: int
    changes: list[Change]


def _field_test(fields: list[str]) -> ColumnElement[bool]:
    """Return "the revision changed one of `fields`" on both backends.

    `changed_fields` is a JSON list of names; its text holds each name in double quotes, and
    no name contains another one's quoted form, so a LIKE on the text is exact.
    """
    text = cast(ArticleRevision.changed_fields, String)
    return or_(*(text.like(f'%"{name}"%') for name in fields))


def _revisions(
    since: datetime | None, fields: list[str] | None, cause: str | None
) -> Select[Any] | None:
    r = ArticleRevision
    content = [f for f in fields or [] if f != "status"]
    if fields is not None and not content:
        return None
    query = select(r.id).join(Article, Article.dw_id == r.article_id).where(r.revision > 1)
    if since is not None:
        query = query.where(r.fetched_at >= since)
    if cause is not None:
        query = query.where(r.cause == cause)
    return query.where(_field_test(content)) if content else query


def _events(
    since: datetime | None, fields: list[str] | None, cause: str | None
) -> Select[Any] | None:
    if (fields is not None and "status" not in fields) or cause not in {None, "fetch"}:
        return None  # status changes are a crawl's observations: cause "fetch"
    e = ArticleStatusEvent
    query = select(e.id).join(Article, Article.dw_id == e.article_id)
    return query if since is None else query.where(e.at >= since)


def _count(session: Session, query: Select[Any] | None) -> int:
    if query is None:
        return 0
    counted = select(func.count()).select_from(query.subquery())
    return int(session.execute(counted).scalar_one())


def changes(
    session: Session,
    *,
    since: datetime | None = None,
    fields: list[str] | None = None,
    cause: str | None = "fetch",
    limit: int = 50,
) -> ChangeList:
    """Return the newest `limit` changes at or after `since`, newest first.

    `fields` keeps revisions that changed any of them ("status": gone and back); `cause`
    keeps revisions with that cause (None: every cause).
    """
    revisions, events = _revisions(since, fields, cause), _events(since, fields, cause)
    total = _count(session, revisions) + _count(session, events)
    found = _revision_changes(session, revisions, limit) + _status_changes(session, events, limit)
    found.sort(key=lambda change: change.at, reverse=True)
    return ChangeList(total=total, changes=found[:limit])


def _revision_changes(session: Session, query: Select[Any] | None, limit: int) -> list[Change]:
    if query is None:
        return []
    r, previous = ArticleRevision, aliased(ArticleRevision)
    rows = session.execute(
        query.with_only_columns(
            r.article_id,
            r.revision,
            r.fetched_at,
            r.cause,
            r.changed_fields,
            r.snapshot,
            previous.snapshot.label("previous"),
            Article.title,
            Article.url,
        )
        .outerjoin(
            previous,
            and_(previous.article_id == r.article_id, previous.revision == r.revision - 1),
        )
        .order_by(r.fetched_at.desc(), r.id.desc())
        .limit(limit)
    ).all()
    return [
        Change(
            at=row.fetched_at,
            type="revision",
            dw_id=row.article_id,
            title=row.title,
            url=row.url,
            revision=row.revision,
            cause=row.cause,
            fields=list(row.changed_fields),
            summary=summarise(row.previous, row.snapshot, list(row.changed_fields)),
        )
        for row in rows
    ]


def _status_changes(session: Session, query: Select[Any] | None, limit: int) -> list[Change]:
    if query is None:
        return []
    e = ArticleStatusEvent
    rows = session.execute(
        query.with_only_columns(
            e.article_id, e.at, e.status, e.http_status, Article.title, Article.url
        )
        .order_by(e.at.desc(), e.id.desc())
        .limit(limit)
    ).all()
    return [
        Change(
            at=row.at,
            type="gone" if row.status == "gone" else "back",
            dw_id=row.article_id,
            title=row.title,
            url=row.url,
            revision=None,
            cause="fetch",
            fields=["status"],
            summary=f"gone (HTTP {row.http_status})" if row.status == "gone" else "back online",
            http_status=row.http_status,
        )
        for row in rows
    ]


@dataclass(frozen=True, slots=True)
class RevisionContent:
    """One stored version of an article: its number, time, cause and content snapshot."""

    revision: int
    fetched_at: datetime
    cause: str
    snapshot: dict[str, Any]


def revision_numbers(session: Session, dw_id: int) -> list[int]:
    """Return the revision numbers an article has, oldest first (empty if unknown)."""
    query = (
        select(ArticleRevision.revision)
        .where(ArticleRevision.article_id == dw_id)
        .order_by(ArticleRevision.revision)
    )
    return list(session.scalars(query))


def revision_contents(session: Session, dw_id: int, numbers: list[int]) -> list[RevisionContent]:
    """Return the given revisions of an article, in the order asked (unknown ones left out)."""
    r = ArticleRevision
    rows = session.execute(
        select(r.revision, r.fetched_at, r.cause, r.snapshot).where(
            r.article_id == dw_id, r.revision.in_(numbers)
        )
    ).all()
    found = {row.revision: RevisionContent(*row) for row in rows}
    return [found[n] for n in numbers if n in found]
