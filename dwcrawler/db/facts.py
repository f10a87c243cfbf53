"""What the crawl process reads back from the archive: plain records, no SQLAlchemy.

The crawl process asks its writer (often a helper process) for these; defining them apart from
the SQL that fills them keeps SQLAlchemy, the models and Alembic out of the crawl process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import datetime


@dataclass(frozen=True, slots=True)
class FetchState:
    """What the spider needs to decide whether, and how, to fetch a stored page again."""

    dw_id: int
    url: str
    status: str  # "live" or "gone"
    etag: str | None
    last_modified: str | None  # the raw Last-Modified header, for If-Modified-Since
    sitemap_lastmod: datetime | None
    modified_at: datetime | None
    last_seen_at: datetime


@dataclass(frozen=True, slots=True)
class CrawlRunInfo:
    """One crawl run as recorded."""

    id: int
    mode: str
    started_at: datetime
    finished_at: datetime | None
    outcome: str
    settings: dict[str, Any]
    counters: dict[str, Any] | None
    field_rates: dict[str, float] | None
    message: str | None
