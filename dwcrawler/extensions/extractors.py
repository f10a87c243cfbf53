"""Page extraction, in the crawl process or in a pool of worker processes (`DW_EXTRACT_PROCESSES`).

Parsing a DW page is pure CPU (lxml, then Python over the tree and the page data), about as
costly on loopback as fetching it. In the crawl process (the default, `0`) it holds the GIL
against the downloader and the writer thread; in worker processes it runs on other cores, which
pays off for fast backfills on machines with cores to spare. `parse_page` is a pure
function of (body, url), so a worker needs nothing but the page. Workers are forked from a
fork server (never from the crawl process, whose threads may hold locks) and ignore SIGINT,
so a Ctrl-C reaches Scrapy's graceful shutdown instead of killing a page mid-parse. A worker
that dies (OOM killer, a crash in lxml) breaks the pool: the page is parsed in-process and the
pool restarted, so no page is lost to it.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from scrapy import signals

from dwcrawler.extensions.workers import helper_context, start_helper
from dwcrawler.pages import parse_page

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from dwcrawler.items import ArticleItem

logger = logging.getLogger(__name__)
_POOLS: weakref.WeakKeyDictionary[Crawler, ExtractorPool] = weakref.WeakKeyDictionary()


def timed_parse(body: str | bytes, url: str) -> tuple[ArticleItem, float]:
    """Parse one page; return the item and the CPU seconds the parse took (where it ran)."""
    # This thread's CPU time: neither the writer thread's work nor waits for the GIL count.
    started = time.thread_time()
    item = parse_page(body, url)
    return item, time.thread_time() - started


class ExtractorPool:
    """Run `parse_page` in worker processes (or in-process with zero workers)."""

    def __init__(self, processes: int) -> None:
        self.processes = max(0, processes)
        self._executor: ProcessPoolExecutor | None = None

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> ExtractorPool:
        """Return the crawl's pool (one per crawler), shut down when the spider closes."""
        pool = _POOLS.get(crawler)
        if pool is None:
            pool = cls(crawler.settings.getint("DW_EXTRACT_PROCESSES"))
            crawler.signals.connect(pool.close, signal=signals.spider_closed)
            _POOLS[crawler] = pool
        return pool

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.processes, mp_context=helper_context(), initializer=start_helper
            )
        return self._executor

    async def parse(self, body: str | bytes, url: str) -> tuple[ArticleItem, float]:
        """Parse one page; return the item and its CPU seconds, or raise `PageError`."""
        if not self.processes:
            return timed_parse(body, url)
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._pool(), timed_parse, body, url)
        except BrokenProcessPool:
            logger.warning("an extraction worker died; parsing %s in-process, restarting", url)
            self._restart()
            return timed_parse(body, url)

    def _restart(self) -> None:
        broken, self._executor = self._executor, None
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the workers (called when the spider closes)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
