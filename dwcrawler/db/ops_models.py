"""Operations models: the URLs each crawl run failed on, and the takedown exclusion list."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from dwcrawler.db.base import Base


class CrawlFailure(Base):
    """One URL a crawl run lost (failed for good, invalid, not stored), and why.

    At most `DW_FAILED_URLS_KEPT` per run are kept; the run's counters have the full count.
    """

    __tablename__ = "crawl_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    crawl_run_id: Mapped[int] = mapped_column(
        ForeignKey("crawl_runs.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    failed_at: Mapped[datetime]


class ExcludedArticle(Base):
    """A DW id taken down (`dwcrawler purge`): never fetched, stored, imported or exported again."""

    __tablename__ = "excluded_articles"

    dw_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    url: Mapped[str | None] = mapped_column(Text)  # the article's URL when it was purged
    reason: Mapped[str] = mapped_column(Text)
    excluded_at: Mapped[datetime]
