"""Item pipelines: clean → validate → store, thin adapters over `cleaning` and `db.repository`.

Nothing is dropped silently: every drop is counted in the stats and logged with its URL and
reason. Stores run on the archive's one writer (`Archive.call`: a thread, or a helper process),
one short transaction per item, so the reactor never waits on SQL and SQLite sees one writer.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import CloseSpider, DropItem
from sqlalchemy.exc import SQLAlchemyError

from dwcrawler.cleaning import furniture_only
from dwcrawler.db import repository
from dwcrawler.db.engine import DatabaseURLError
from dwcrawler.db.migrate import SchemaNotAtHead
from dwcrawler.extensions.archive import Archive
from dwcrawler.extensions.verdict import LOST_KEY
from dwcrawler.extraction import finish
from dwcrawler.items import ArticleItem, GoneItem, NotModifiedItem
from dwcrawler.urls import LANGUAGE, parse_content_url

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from sqlalchemy.orm import Session

logger = logging.getLogger(__name__)


def _cpu_us_since(started: float) -> int:
    # This thread's CPU time: waits for the GIL and other threads' work do not count.
    return round((time.thread_time() - started) * 1_000_000)


class _Stage:
    """A pipeline stage with the crawler's stats at hand."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)

    def drop(self, key: str, url: str, reason: str) -> DropItem:
        """Count and log a dropped item; return the DropItem to raise.

        Every drop is also one lost page (`items/lost`): the run's error rate and the next
        run's window (it retries what a lossy run lost) read that one counter.
        """
        self.crawler.stats.inc_value(key)
        self.crawler.stats.inc_value(LOST_KEY)
        logger.error("%s: %s", url, reason)
        return DropItem(f"{url}: {reason}")


class CleanPipeline(_Stage):
    """Clean each article (boilerplate out, captions and credits apart) and stamp the version."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        started = time.thread_time()
        try:
            return finish(item)
        except Exception as exc:
            # A defect in cleaning: keep the traceback, and count the page as lost.
            logger.exception("%s: cleaning failed", item.url)
            raise self.drop("clean/failed", item.url, f"cleaning failed: {exc!r}") from exc
        finally:
            self.crawler.stats.inc_value("time/clean_us", _cpu_us_since(started))


def invalid_field(item: ArticleItem) -> tuple[str, str] | None:
    """Return (field, reason) for an item that must not be stored, or None if it is valid."""
    ref = parse_content_url(item.url)
    if ref is None or item.url != ref.canonical:
        return "url", f"not a canonical DW content URL: {item.url!r}"
    if ref.dw_id != item.dw_id:
        return "dw_id", f"{item.dw_id} does not match the URL's id {ref.dw_id}"
    if item.language != LANGUAGE or ref.language != LANGUAGE:
        return "language", f"{item.language!r} page, not Kiswahili"
    if not item.title.strip():
        return "title", "empty title"
    if furniture_only(item.title):  # cleaning keeps a title that is only furniture
        return "title", f"only a skip link or furniture: {item.title!r}"
    for name in ("published_at", "modified_at"):
        value: datetime | None = getattr(item, name)
        if value is not None and value.utcoffset() is None:
            return name, "date without a time zone"
    return None


class ValidatePipeline(_Stage):
    """Drop (counted, logged with field and URL) articles that must not reach the archive."""

    def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticleItem) and (problem := invalid_field(item)) is not None:
            field, reason = problem
            self.crawler.stats.inc_value(f"validate/dropped/{field}")
            raise self.drop("validate/dropped", item.url, f"invalid {field}: {reason}")
        return item


class StorePipeline(_Stage):
    """Write articles, gone pages and 304 sightings to the archive, one transaction each."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.archive = Archive.for_crawler(crawler)

    async def open_spider(self) -> None:
        spider = self.crawler.spider
        mode = str(getattr(getattr(spider, "args", None), "mode", "update"))
        settings = {
            "mode": mode,
            "base_url": self.crawler.settings.get("DW_BASE_URL"),
            "arguments": repr(getattr(spider, "args", None)),
        }
        try:
            await self.archive.open(mode, settings)
        except (SchemaNotAtHead, SQLAlchemyError, DatabaseURLError) as exc:
            message = " ".join(str(exc).split())
            if isinstance(exc, SQLAlchemyError):
                message = f"cannot use the database: {message}"
            self.crawler.stats.set_value("store/refused", message)
            logger.error("the store refused to start: %s", message)
            raise CloseSpider("store_refused") from exc

    async def process_item(self, item: Any) -> Any:
        run_id = self.archive.run_id
        try:
            if isinstance(item, ArticleItem):
                seen = item.fetch.fetched_at if item.fetch else datetime.now(UTC)
                outcome, elapsed_us = await self.archive.call(
                    partial(store_timed, item=item, seen=seen, run_id=run_id)
                )
                self.crawler.stats.inc_value("time/store_us", elapsed_us)
                self.crawler.stats.inc_value(f"store/{outcome}")
            elif isinstance(item, GoneItem):
                marked = await self.archive.call(
                    partial(repository.mark_gone, item=item, crawl_run_id=run_id)
                )
                self.crawler.stats.inc_value("store/gone" if marked else "store/gone_unknown")
                logger.info("gone (HTTP %d): %s", item.status, item.url)
            elif isinstance(item, NotModifiedItem):
                seen_ok = await self.archive.call(
                    partial(repository.mark_seen, item=item, crawl_run_id=run_id)
                )
                self.crawler.stats.inc_value("store/seen" if seen_ok else "store/seen_unknown")
        except SQLAlchemyError as exc:
            url = getattr(item, "url", "?")
            detail = " ".join(str(exc).split())[:300]
            reason = f"not stored: {type(exc).__name__}: {detail}"
            raise self.drop("store/failed", url, reason) from exc
        except Exception as exc:
            # A defect, not a database refusal: keep the traceback, and still count the item.
            url = getattr(item, "url", "?")
            logger.exception("%s: not stored: unexpected %s", url, type(exc).__name__)
            raise self.drop("store/failed", url, f"not stored: {exc!r}") from exc
        return item


def store_timed(
    session: Session, *, item: ArticleItem, seen: datetime, run_id: int | None
) -> tuple[str, int]:
    """Store one article on the writer; return the outcome and the CPU microseconds it took."""
    started = time.thread_time()
    outcome = repository.store_article(session, item, seen_at=seen, crawl_run_id=run_id)
    return outcome, _cpu_us_since(started)
