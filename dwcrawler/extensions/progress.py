"""ProgressLine: one log line at a steady interval, so a long backfill shows it is alive.

It replaces Scrapy's LogStats with the numbers an archive crawl cares about: pages per second
over the last interval, items stored, items skipped as unchanged and the queue still ahead.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

from dwcrawler.extensions.verdict import RunCounters

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.utils.asyncio import AsyncioLoopingCall
    from twisted.internet.task import LoopingCall

logger = logging.getLogger(__name__)


class ProgressLine:
    """Log pages/s, items stored, skipped as unchanged and queue size every interval."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.task: AsyncioLoopingCall | LoopingCall | None = None
        self._last_pages = 0
        self._last_time = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        interval = crawler.settings.getfloat("DW_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        ext = cls(crawler, interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self) -> None:
        self._last_time = time.monotonic()
        self.task = create_looping_call(self.log)
        self.task.start(self.interval, now=False)

    def spider_closed(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()

    def queue_size(self) -> int:
        """Return the requests still waiting in the scheduler plus those downloading."""
        try:
            engine = self.crawler.engine
        except RuntimeError:  # the crawl has not started yet
            return 0
        scheduler = getattr(engine, "scheduler", None)
        queued = len(scheduler) if scheduler is not None and hasattr(scheduler, "__len__") else 0
        return queued + len(engine.downloader.active)

    def line(self) -> str:
        """Return the progress line for now (and start the next interval)."""
        stats = self.crawler.stats
        pages = int(stats.get_value("response_received_count", 0))
        now = time.monotonic()
        speed = (pages - self._last_pages) / max(now - self._last_time, 1e-9)
        self._last_pages, self._last_time = pages, now
        counters = RunCounters.from_stats(stats.get_stats())
        stored = counters.stored_new + counters.stored_revised
        return (
            f"progress: {pages} pages ({speed:.1f}/s), {stored} items stored, "
            f"{counters.unchanged} skipped as unchanged, {self.queue_size()} queued"
        )

    def log(self) -> None:
        logger.info(self.line())
