"""Coverage: what DW's sitemaps list against what the archive holds, month by month.

The crawl records every Kiswahili content page a sitemap lists (`record_listed`, written
through the crawl's store); `coverage_by_month` counts, per month, the pages listed, the
articles held, the listed pages the archive lacks and the held articles that went gone. A
held article counts in its publication month; a listed page the archive lacks, in the month
of its sitemap lastmod (the only date a sitemap gives).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import case, exists, func, literal, select, union_all

from dwcrawler.db.models import Article, SitemapEntry
from dwcrawler.db.rows import SITEMAP_ENTRIES, insert_for

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from sqlalchemy.orm import InstrumentedAttribute, Session
    from sqlalchemy.sql import ColumnElement


class ListedPage(NamedTuple):
    """A content page one sitemap lists: DW id, canonical URL, lastmod."""

    dw_id: int
    url: str
    lastmod: datetime | None


@dataclass(frozen=True, slots=True)
class MonthCoverage:
    """One month's counts (`month` "YYYY-MM", None for articles without any date)."""

    month: str | None
    listed: int  # pages DW's sitemaps list
    held: int  # articles the archive holds (live or gone)
    missing: int  # listed, not held
    gone: int  # held, answered 404/410 on the last check


def _before(old: datetime | None, new: datetime) -> bool:
    return old is None or old < new


def record_listed(session: Session, pages: Iterable[ListedPage], listed_at: datetime) -> int:
    """Record the pages one sitemap lists, read at `listed_at`; return how many.

    A page listed before keeps its first sighting and the newest lastmod any sitemap gave.
    """
    newest: dict[int, ListedPage] = {}
    for page in pages:  # one row per id: one statement may not update a row twice
        known = newest.get(page.dw_id)
        later = page.lastmod is not None and (known is None or _before(known.lastmod, page.lastmod))
        if known is None or later:
            newest[page.dw_id] = page
    if not newest:
        return 0
    stmt = insert_for(session, SITEMAP_ENTRIES)
    new, stored = stmt.excluded, SITEMAP_ENTRIES.c
    lastmod = case(
        (stored.lastmod.is_(None) | (new.lastmod > stored.lastmod), new.lastmod),
        else_=stored.lastmod,
    )
    upsert = stmt.on_conflict_do_update(
        index_elements=["dw_id"],
        set_={"url": new.url, "lastmod": lastmod, "last_listed_at": new.last_listed_at},
    )
    rows = [
        {
            "dw_id": page.dw_id,
            "url": page.url,
            "lastmod": page.lastmod,
            "first_listed_at": listed_at,
            "last_listed_at": listed_at,
        }
        for page in newest.values()
    ]
    session.execute(upsert, rows)
    return len(rows)


def _month(
    session: Session, value: ColumnElement[Any] | InstrumentedAttribute[Any]
) -> ColumnElement[Any]:
    """Return the "YYYY-MM" (UTC) of a stored instant, per backend."""
    if session.get_bind().dialect.name == "sqlite":
        return func.strftime("%Y-%m", value)  # stored as naive UTC text
    return func.to_char(value, "YYYY-MM")  # the engine's sessions run in UTC


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return case((condition, 1), else_=0)


def coverage_by_month(session: Session) -> list[MonthCoverage]:
    """Return the coverage counts of every month, oldest first (undated articles last)."""
    a, s = Article, SitemapEntry
    held = (
        select(
            _month(session, func.coalesce(a.published_at, s.lastmod)).label("month"),
            _flag(s.dw_id.is_not(None)).label("listed"),
            literal(1).label("held"),
            literal(0).label("missing"),
            _flag(a.status == "gone").label("gone"),
        )
        .select_from(a)
        .outerjoin(s, s.dw_id == a.dw_id)
    )
    missing = select(
        _month(session, s.lastmod).label("month"),
        literal(1).label("listed"),
        literal(0).label("held"),
        literal(1).label("missing"),
        literal(0).label("gone"),
    ).where(~exists().where(a.dw_id == s.dw_id))
    rows = union_all(held, missing).subquery("rows")
    c = rows.c
    query = (
        select(c.month, func.sum(c.listed), func.sum(c.held), func.sum(c.missing), func.sum(c.gone))
        .group_by(c.month)
        .order_by(c.month.is_(None), c.month)
    )
    return [
        MonthCoverage(month, int(listed), int(held), int(lacking), int(gone))
        for month, listed, held, lacking, gone in session.execute(query)
    ]


def listed_count(session: Session) -> int:
    """Return how many pages DW's sitemaps have listed (0 before the first crawl records any)."""
    return int(session.execute(select(func.count()).select_from(SitemapEntry)).scalar_one())


__all__ = ["ListedPage", "MonthCoverage", "coverage_by_month", "listed_count", "record_listed"]
