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
from typing import TYPE_CHECKING, NamedTuple

from scrapy import signals

from dwcrawler.extensions.grouping import Grouper, Outcome
from dwcrawler.extensions.workers import extract_processes, helper_context, start_helper
from dwcrawler.extraction import finish
from dwcrawler.pages import PageError, parse_page

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from dwcrawler.items import ArticleItem

logger = logging.getLogger(__name__)
# Pages per group at most, and how long the first page waits for others (see `grouping`).
GROUP_MAX = 8
GROUP_LINGER = 0.01
_POOLS: weakref.WeakKeyDictionary[Crawler, ExtractorPool] = weakref.WeakKeyDictionary()


class Extracted(NamedTuple):
    """A page's item and the CPU seconds its parse (and, in a worker, its cleaning) took."""

    item: ArticleItem
    parse_seconds: float
    clean_seconds: float  # 0.0: not cleaned yet (the CleanPipeline cleans it)


def timed_parse(body: str | bytes, url: str) -> Extracted:
    """Parse one page in the crawl process; CleanPipeline cleans the item."""
    # This thread's CPU time: neither the writer thread's work nor waits for the GIL count.
    started = time.thread_time()
    item = parse_page(body, url)
    return Extracted(item, time.thread_time() - started, 0.0)


def timed_extract(body: str | bytes, url: str) -> Extracted:
    """Parse and clean one page in a worker (CleanPipeline passes the cleaned item on).

    Cleaning where the page was parsed takes its CPU off the crawl process too, and the item
    crosses the process boundary once, already in its final shape. If cleaning fails, the raw
    item goes back and CleanPipeline cleans it again, where a failure is counted and logged.
    """
    started = time.thread_time()
    item = parse_page(body, url)
    parsed = time.thread_time()
    try:
        item = finish(item)
    except Exception:  # noqa: BLE001 - reported by CleanPipeline, which cleans it again
        return Extracted(item, parsed - started, 0.0)
    return Extracted(item, parsed - started, time.thread_time() - parsed)


def extract_group(pages: list[tuple[str | bytes, str]]) -> list[Outcome]:
    """Extract a group of pages in a worker: one `Outcome` (item, or PageError) per page."""
    outcomes: list[Outcome] = []
    for body, url in pages:
        try:
            outcomes.append((True, timed_extract(body, url)))
        except PageError as exc:
            outcomes.append((False, exc))
    return outcomes


def _in_process(pages: list[tuple[str | bytes, str]]) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for body, url in pages:
        try:
            outcomes.append((True, timed_parse(body, url)))
        except PageError as exc:
            outcomes.append((False, exc))
    return outcomes


class ExtractorPool:
    """Run `parse_page` in worker processes (or in-process with zero workers)."""

    def __init__(self, processes: int) -> None:
        self.processes = max(0, processes)
        self._executor: ProcessPoolExecutor | None = None
        # Pages go to the workers in groups (see `grouping`): one call per group, not per page.
        # Two groups per worker in flight: the next waits in the worker's queue, so the worker
        # never idles for a round trip between two groups.
        self._groups: Grouper[tuple[str | bytes, str]] = Grouper(
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

    async def parse(self, body: str | bytes, url: str) -> Extracted:
        """Parse one page (and clean it, in a worker); raise `PageError` if it cannot."""
        if not self.processes:
            return timed_parse(body, url)
        extracted: Extracted = await self._groups.submit((body, url))
        return extracted

    async def _extract_group(self, pages: list[tuple[str | bytes, str]]) -> list[Outcome]:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._pool(), extract_group, pages)
        except BrokenProcessPool:
            urls = ", ".join(url for _, url in pages)
            logger.warning("an extraction worker died; parsing in-process, restarting: %s", urls)
            self._restart()
            return _in_process(pages)

    def _restart(self) -> None:
        broken, self._executor = self._executor, None
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the workers (called when the spider closes)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
