"""The read side: every query the `dwcrawler` command runs (stats, search, show, changes, …).

The CLI imports from here only, so what users can ask of the archive is listed in one module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import distinct, extract, func, select

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
from dwcrawler.db.exports import RIGHTS, export_records
from dwcrawler.db.failures import FailedURL, failed_urls
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
from dwcrawler.db.ops_models import ExcludedArticle
from dwcrawler.db.photos import photo_uses
from dwcrawler.db.records import load_records
from dwcrawler.db.runs import last_successful_run, outcome_counts, run_info
from dwcrawler.db.search import (
    SORTS,
    ArticleFilter,
    SearchHit,
    SearchPage,
    SearchQueryError,
    search,
)
from dwcrawler.urls import MAX_DW_ID, parse_content_url

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from dwcrawler.db.runs import CrawlRunInfo

__all__ = [
    "CAUSES",
    "FIELDS",
    "RIGHTS",
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
    last_success: CrawlRunInfo | None = None
    outcomes: dict[str, int] = field(default_factory=dict)  # runs by outcome
    failed_urls: dict[int, list[FailedURL]] = field(default_factory=dict)  # kept, by run id


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
    """Count articles (by status, kind and year), revisions, photos, credits, people, runs.

    With the last `runs` runs: their failed URLs, the last successful run, runs by outcome.
    """
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
        "excluded": _count(session, select(func.count()).select_from(ExcludedArticle)),
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
    shown = [run_info(run) for run in recent]
    return Stats(
        totals=totals,
        by_kind_year=[(k, int(y) if y is not None else None, int(n)) for k, y, n in grouped],
        runs=shown,
        last_success=last_successful_run(session),
        outcomes=outcome_counts(session),
        failed_urls=dict(failed_urls(session, [run.id for run in shown])),
    )


def article_detail(session: Session, dw_id: int) -> dict[str, Any] | None:
    """Return one article's record (each photo with its credit's agencies and photographers)."""
    records = load_records(session, [dw_id])
    return records[0] if records else None


def revision_snapshot(session: Session, dw_id: int, revision: int) -> dict[str, Any] | None:
    """Return the stored content of one revision of an article (None if there is no such)."""
    query = select(ArticleRevision.snapshot).where(
        ArticleRevision.article_id == dw_id, ArticleRevision.revision == revision
    )
    snapshot: dict[str, Any] | None = session.execute(query).scalar_one_or_none()
    return snapshot
