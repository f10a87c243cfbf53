"""Item pipelines: clean → validate → store, thin adapters over `cleaning` and `db.repository`.

Nothing is dropped silently: every drop is counted in the stats and logged with its URL and
reason. Stores run on the archive's one writer (`Archive.write`: a thread, or a helper process),
in group commits, so the reactor never waits on SQL and SQLite sees one writer.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import CloseSpider, DropItem

from dwcrawler.cleaning import furniture_only
from dwcrawler.extensions.archive import Archive
from dwcrawler.extensions.verdict import LOST_KEY
from dwcrawler.extensions.writes import StoreRefused, WriteFailure
from dwcrawler.extraction import EXTRACTOR_VERSION, finish
from dwcrawler.items import ArticleItem, GoneItem, NotModifiedItem
from dwcrawler.urls import LANGUAGE, parse_content_url

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

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
        if not isinstance(item, ArticleItem) or item.extractor_version == EXTRACTOR_VERSION:
            return item  # not an article, or cleaned where it was parsed (an extraction worker)
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
        except StoreRefused as exc:
            message = str(exc)
            self.crawler.stats.set_value("store/refused", message)
            logger.error("the store refused to start: %s", message)
            raise CloseSpider("store_refused") from exc

    async def process_item(self, item: Any) -> Any:
        run_id, stats = self.archive.run_id, self.crawler.stats
        try:
            if isinstance(item, ArticleItem):
                seen = item.fetch.fetched_at if item.fetch else datetime.now(UTC)
                outcome, seconds = await self.archive.write(
                    "store_article", item=item, seen_at=seen, crawl_run_id=run_id
                )
                stats.inc_value("time/store_us", round(seconds * 1_000_000))
                stats.inc_value(f"store/{outcome}")
            elif isinstance(item, GoneItem):
                marked, _ = await self.archive.write("mark_gone", item=item, crawl_run_id=run_id)
                stats.inc_value("store/gone" if marked else "store/gone_unknown")
                logger.info("gone (HTTP %d): %s", item.status, item.url)
            elif isinstance(item, NotModifiedItem):
                seen_ok, _ = await self.archive.write("mark_seen", item=item, crawl_run_id=run_id)
                stats.inc_value("store/seen" if seen_ok else "store/seen_unknown")
        except WriteFailure as failure:
            url = getattr(item, "url", "?")
            if not failure.database:
                # A defect, not a database refusal: keep the traceback, and still count the item.
                logger.error("%s: not stored: unexpected %s\n%s", url, failure.kind, failure.trace)
            reason = f"not stored: {failure.kind}: {failure.detail}"
            raise self.drop("store/failed", url, reason) from failure
        except Exception as exc:
            # The writer itself broke (its helper process died): the item is not stored.
            url = getattr(item, "url", "?")
            logger.exception("%s: not stored: the writer failed", url)
            raise self.drop("store/failed", url, f"not stored: {exc!r}") from exc
        return item
