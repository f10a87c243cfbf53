"""Page extraction, in the crawl process or in a pool of worker processes (`DW_EXTRACT_PROCESSES`).

Reading a DW page is pure CPU (decoding, lxml, then Python over the tree and the page data),
about as costly on loopback as fetching it. In the crawl process (`0`, the default on one
core) it holds the GIL against the downloader and the writer thread; in a worker (`auto` on two
cores or more) it runs on another core, and the worker cleans the item too. Reading is a pure
function of (body, Content-Type, URL), so a worker needs nothing but the page; pages go in
groups (`grouping`), two groups per worker in flight. Workers are forked from a
fork server (never from the crawl process, whose threads may hold locks) and ignore SIGINT,
so a Ctrl-C reaches Scrapy's graceful shutdown instead of killing a page mid-parse. A worker
that dies (OOM killer, a crash in lxml) breaks the pool: the page is parsed in-process and the
pool restarted, so no page is lost to it.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from scrapy import signals

from dwcrawler.extensions.extract_worker import Extracted, Page, extract_group, timed_parse
from dwcrawler.extensions.grouping import Grouper, Outcome
from dwcrawler.extensions.workers import extract_processes, helper_context, start_helper

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
# Pages per group at most, and how long the first page waits for others (see `grouping`).
# Measured against 8 and 10 ms, and 32 and 50 ms: the best ratio to bare Scrapy of the three.
GROUP_MAX = 16
GROUP_LINGER = 0.03
_POOLS: weakref.WeakKeyDictionary[Crawler, ExtractorPool] = weakref.WeakKeyDictionary()


class ExtractorPool:
    """Run `parse_page` in worker processes (or in-process with zero workers)."""

    def __init__(self, processes: int) -> None:
        self.processes = max(0, processes)
        self._executor: ProcessPoolExecutor | None = None
        # Pages go to the workers in groups (see `grouping`): one call per group, not per page.
        # Two groups per worker in flight: the next waits in the worker's queue, so the worker
        # never idles for a round trip between two groups.
        self._groups: Grouper[Page] = Grouper(
            self._extract_group,
            max_size=GROUP_MAX,
            linger=GROUP_LINGER,
            parallel=2 * self.processes,
        )

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> ExtractorPool:
        """Return the crawl's pool (one per crawler), shut down when the spider closes."""
        pool = _POOLS.get(crawler)
        if pool is None:
            pool = cls(extract_processes(crawler.settings))
            crawler.signals.connect(pool.close, signal=signals.spider_closed)
            _POOLS[crawler] = pool
        return pool

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.processes, mp_context=helper_context(), initializer=start_helper
            )
        return self._executor

    async def parse(self, body: bytes, content_type: str | None, url: str) -> Extracted:
        """Decode and parse one fetched page (and clean it, in a worker)."""
        page = (body, content_type, url)
        if not self.processes:
            return timed_parse(page)
        extracted: Extracted = await self._groups.submit(page)
        return extracted

    async def _extract_group(self, pages: list[Page]) -> list[Outcome]:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._pool(), extract_group, pages)
        except BrokenProcessPool:
            urls = ", ".join(url for _, _, url in pages)
            logger.warning("an extraction worker died; parsing in-process, restarting: %s", urls)
            self._restart()
            return [(True, timed_parse(page)) for page in pages]

    def _restart(self) -> None:
        broken, self._executor = self._executor, None
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the workers (called when the spider closes)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
