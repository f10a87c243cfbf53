"""Models of what the crawl observed beside content: status changes and sitemap listings.

`ArticleStatusEvent` keeps each time an article went gone (404/410) or came back, so
`dwcrawler changes` can list them; `SitemapEntry` keeps what DW's sitemaps list, so
`dwcrawler stats --coverage` can show what the archive misses.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dwcrawler.db.base import Base
from dwcrawler.db.photo_models import _in

EVENT_STATUSES = ("gone", "live")  # "live" after "gone": the article came back


class ArticleStatusEvent(Base):
    """An article went gone (`status` "gone", with the HTTP status) or came back ("live")."""

    __tablename__ = "article_status_events"
    __table_args__ = (CheckConstraint(_in("status", EVENT_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.dw_id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(8))
    http_status: Mapped[int | None]  # 404 or 410 for "gone"
    crawl_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("crawl_runs.id", ondelete="SET NULL"), index=True
    )


class SitemapEntry(Base):
    """A content page DW's Kiswahili sitemaps list, keyed by DW id (stored or not)."""

    __tablename__ = "sitemap_entries"

    dw_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    url: Mapped[str] = mapped_column(Text)  # the canonical www.dw.com URL
    lastmod: Mapped[datetime | None] = mapped_column(index=True)  # the newest one listed
    first_listed_at: Mapped[datetime]  # when a crawl first read it in a sitemap
    last_listed_at: Mapped[datetime]  # when a crawl last read it in a sitemap
