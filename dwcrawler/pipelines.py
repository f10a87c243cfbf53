"""Item pipelines: clean → validate → store, thin adapters over `extraction` and the `Store`.

Nothing is dropped silently: every drop is counted in the stats, logged with its URL and
reason, and kept with the run's failed URLs. Stores run on the crawl's one writer thread
(`dwcrawler.store.Store`), so the reactor never waits on SQL and SQLite sees one writer. An
article taken down (`dwcrawler purge`) is never stored again: counted, logged, not lost.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import CloseSpider, DropItem
from sqlalchemy.exc import SQLAlchemyError

from dwcrawler.extensions.verdict import LOST_KEY
from dwcrawler.extraction import InvalidItem, clean, validate
from dwcrawler.items import ArticleItem, GoneItem, NotModifiedItem
from dwcrawler.store import ArchiveFailed, Store, StoreRefused
from dwcrawler.urls import LANGUAGE

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def _cpu_us_since(started: float) -> int:
    # This thread's CPU time: the writer thread's work and waits for the GIL do not count.
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
        Store.for_crawler(self.crawler).note_failure(url, reason)
        return DropItem(f"{url}: {reason}")


class CleanPipeline(_Stage):
    """Clean each article (`extraction.clean`): furniture out, captions and credits apart."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        started = time.thread_time()
        try:
            return clean(item)
        except Exception as exc:
            # A defect in cleaning: keep the traceback, and count the page as lost.
            logger.exception("%s: cleaning failed", item.url)
            raise self.drop("clean/failed", item.url, f"cleaning failed: {exc!r}") from exc
        finally:
            self.crawler.stats.inc_value("time/clean_us", _cpu_us_since(started))


class ValidatePipeline(_Stage):
    """Drop (counted, logged with field and URL) articles that must not reach the archive."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        try:
            validated = validate(item, language=LANGUAGE)
        except InvalidItem as exc:
            self.crawler.stats.inc_value(f"validate/dropped/{exc.field}")
            raise self.drop("validate/dropped", item.url, exc.message) from exc
        stats = self.crawler.stats
        for warning in validated.warnings:  # the page objects noticed something: log, count
            stats.inc_value(f"extract/warnings/{warning.split(':', 1)[0].strip()}")
            logger.warning("%s: %s", validated.url, warning)
        return validated


class StorePipeline(_Stage):
    """Write articles, gone pages and 304 sightings to the archive, one transaction each."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.store = Store.for_crawler(crawler)

    async def open_spider(self) -> None:
        spider = self.crawler.spider
        args = getattr(spider, "args", None)
        settings = {
            "mode": str(getattr(args, "mode", "update")),
            "base_url": self.crawler.settings.get("DW_BASE_URL"),
            "arguments": repr(args),
        }
        try:
            await self.store.open(settings["mode"], settings)
        except StoreRefused as exc:
            message = str(exc)
            self.crawler.stats.set_value("store/refused", message)
            logger.error("the store refused to start: %s", message)
            raise CloseSpider("store_refused") from exc

    async def process_item(self, item: Any) -> Any:
        stats = self.crawler.stats
        if getattr(item, "dw_id", None) in self.store.excluded:
            # Taken down (a redirect can lead to an excluded page): kept out, not lost.
            stats.inc_value("store/excluded")
            raise DropItem(f"{item.url}: not stored: on the takedown list", log_level="INFO")
        try:
            if isinstance(item, ArticleItem):
                seen = item.fetch.fetched_at if item.fetch else datetime.now(UTC)
                stored = await self.store.store_article(item, seen)
                stats.inc_value("time/store_us", round(stored.cpu_seconds * 1_000_000))
                stats.inc_value(f"store/{stored.outcome}")
            elif isinstance(item, GoneItem):
                marked = await self.store.mark_gone(item)
                stats.inc_value("store/gone" if marked else "store/gone_unknown")
                logger.info("gone (HTTP %d): %s", item.status, item.url)
            elif isinstance(item, NotModifiedItem):
                seen_ok = await self.store.mark_seen(item)
                stats.inc_value("store/seen" if seen_ok else "store/seen_unknown")
        except ArchiveFailed as exc:  # the archive is damaged: the run monitor stops the crawl
            raise self.drop(
                "store/failed", getattr(item, "url", "?"), f"not stored: {exc}"
            ) from exc
        except SQLAlchemyError as exc:
            # The database refused this write (constraint, lock, disk): the item is not stored.
            url = getattr(item, "url", "?")
            detail = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
            reason = f"not stored: {type(exc).__name__}: {detail}"
            raise self.drop("store/failed", url, reason) from exc
        except Exception as exc:
            # A defect, not a database refusal: keep the traceback, and still count the item.
            url = getattr(item, "url", "?")
            logger.exception("%s: not stored: unexpected error", url)
            raise self.drop("store/failed", url, f"not stored: {exc!r}") from exc
        return item
