"""The read side: every query the `dwcrawler` command runs (stats, search, show, changes, …).

The CLI imports from here only, so what users can ask of the archive is listed in one module.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import distinct, exists, extract, func, select

from dwcrawler.cleaning.credits import canonical_agency
from dwcrawler.db.changes import (
    CAUSES,
    FIELDS,
    Change,
    ChangeList,
    RevisionContent,
    changes,
    revision_contents,
    revision_numbers,
)
from dwcrawler.db.coverage import MonthCoverage, coverage_by_month, listed_count
from dwcrawler.db.models import (
    Article,
    ArticlePhoto,
    ArticleRevision,
    Author,
    CrawlRun,
    Credit,
    CreditPart,
    Photo,
    Topic,
)
from dwcrawler.db.records import iter_records, load_records, page_time
from dwcrawler.db.runs import run_info
from dwcrawler.db.search import (
    SORTS,
    ArticleFilter,
    SearchHit,
    SearchPage,
    SearchQueryError,
    filter_conditions,
    search,
)
from dwcrawler.urls import MAX_DW_ID, parse_content_url

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import datetime

    from sqlalchemy.orm import Session

    from dwcrawler.db.runs import CrawlRunInfo

__all__ = [
    "CAUSES",
    "FIELDS",
    "SORTS",
    "ArticleFilter",
    "Change",
    "ChangeList",
    "MonthCoverage",
    "RevisionContent",
    "SearchHit",
    "SearchPage",
    "SearchQueryError",
    "Stats",
    "article_detail",
    "changes",
    "coverage_by_month",
    "export_records",
    "listed_count",
    "photo_uses",
    "resolve_article",
    "revision_contents",
    "revision_numbers",
    "revision_snapshot",
    "search",
    "stats",
]


@dataclass(frozen=True, slots=True)
class Stats:
    """What is in the archive."""

    totals: dict[str, int]
    by_kind_year: list[tuple[str, int | None, int]]  # kind, publication year (UTC), articles
    runs: list[CrawlRunInfo]  # newest first


def resolve_article(ref: str) -> int | None:
    """Return the DW id named by `ref`: a number, or any DW content URL; None otherwise."""
    ref = ref.strip()
    if ref.isdecimal():  # not isdigit(): "²" is a digit int() cannot read
        number = int(ref)
        return number if 0 < number <= MAX_DW_ID else None
    parsed = parse_content_url(ref)
    return parsed.dw_id if parsed is not None else None


def _count(session: Session, query: Any) -> int:
    return int(session.execute(query).scalar_one())


def stats(session: Session, *, runs: int = 5) -> Stats:
    """Count articles (by status, kind and year), revisions, photos, credits, people, runs."""
    parts = CreditPart
    totals = {
        "articles": _count(session, select(func.count()).select_from(Article)),
        "live": _count(session, select(func.count()).where(Article.status == "live")),
        "gone": _count(session, select(func.count()).where(Article.status == "gone")),
        "revisions": _count(session, select(func.count()).select_from(ArticleRevision)),
        "photos": _count(session, select(func.count()).select_from(Photo)),
        "photo_uses": _count(session, select(func.count()).select_from(ArticlePhoto)),
        "credits": _count(session, select(func.count()).select_from(Credit)),
        "agencies": _count(
            session, select(func.count(distinct(parts.name))).where(parts.role == "agency")
        ),
        "photographers": _count(
            session, select(func.count(distinct(parts.name))).where(parts.role == "photographer")
        ),
        "authors": _count(session, select(func.count()).select_from(Author)),
        "topics": _count(session, select(func.count()).select_from(Topic)),
        "crawl_runs": _count(session, select(func.count()).select_from(CrawlRun)),
    }
    year = extract("year", Article.published_at)
    grouped = session.execute(
        select(Article.kind, year.label("year"), func.count())
        .group_by(Article.kind, year)
        .order_by(Article.kind, year)
    ).all()
    recent = session.scalars(
        select(CrawlRun).order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(runs)
    )
    return Stats(
        totals=totals,
        by_kind_year=[(k, int(y) if y is not None else None, int(n)) for k, y, n in grouped],
        runs=[run_info(run) for run in recent],
    )


def _credit_parts(session: Session, credit_ids: set[int]) -> dict[int, dict[str, list[str]]]:
    found: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"agency": [], "photographer": []})
    if credit_ids:
        rows = session.execute(
            select(CreditPart.credit_id, CreditPart.role, CreditPart.name)
            .where(CreditPart.credit_id.in_(credit_ids))
            .order_by(CreditPart.credit_id, CreditPart.position)
        )
        for credit_id, role, name in rows:
            found[credit_id][role].append(name)
    return found


def article_detail(session: Session, dw_id: int) -> dict[str, Any] | None:
    """Return one article's record, each photo with its credit's agencies and photographers."""
    records = load_records(session, [dw_id])
    if not records:
        return None
    record = records[0]
    uses = session.execute(
        select(ArticlePhoto.position, ArticlePhoto.credit_id).where(
            ArticlePhoto.article_id == dw_id
        )
    ).all()
    credit_of: dict[int, int | None] = dict(uses)
    parts = _credit_parts(session, {c for c in credit_of.values() if c is not None})
    for photo in record["photos"]:
        credit_id = credit_of.get(photo["position"])
        named = parts[credit_id] if credit_id is not None else {"agency": [], "photographer": []}
        photo["agencies"] = named["agency"]
        photo["photographers"] = named["photographer"]
    return record


def revision_snapshot(session: Session, dw_id: int, revision: int) -> dict[str, Any] | None:
    """Return the stored content of one revision of an article (None if there is no such)."""
    query = select(ArticleRevision.snapshot).where(
        ArticleRevision.article_id == dw_id, ArticleRevision.revision == revision
    )
    snapshot: dict[str, Any] | None = session.execute(query).scalar_one_or_none()
    return snapshot


def photo_uses(
    session: Session,
    *,
    credit: str | None = None,
    agency: str | None = None,
    photographer: str | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Return photos as used in articles (newest articles first), with caption and credit."""
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
    parts = _credit_parts(session, {r.credit_id for r in rows if r.credit_id is not None})
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


def export_records(
    session: Session, where: ArticleFilter | None = None
) -> Iterator[dict[str, Any]]:
    """Yield every matching article's record, in DW id order (see `dwcrawler.db.records`)."""
    return iter_records(session, *filter_conditions(where or ArticleFilter()))
