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
from dwcrawler.pages.charset import decode_body

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from dwcrawler.items import ArticleItem

logger = logging.getLogger(__name__)
# Pages per group at most, and how long the first page waits for others (see `grouping`).
# Measured against 8 and 10 ms, and 32 and 50 ms: the best ratio to bare Scrapy of the three.
GROUP_MAX = 16
GROUP_LINGER = 0.03
_POOLS: weakref.WeakKeyDictionary[Crawler, ExtractorPool] = weakref.WeakKeyDictionary()


class Extracted(NamedTuple):
    """What reading one fetched page gave: its item (or why there is none) and what it cost."""

    item: ArticleItem | None  # None: the page could not be read (see `error`)
    parse_seconds: float  # CPU seconds decoding and parsing, where it ran
    clean_seconds: float  # 0.0: not cleaned yet (the CleanPipeline cleans it)
    charset_note: str | None = None  # the body's charset labels were off (`pages.charset`)
    error: PageError | None = None


# A fetched page as the spider hands it over: raw body, Content-Type header, URL. The body goes
# to a worker as bytes (a copy), not as text (pickling 68 KB of text costs ~0.2 ms each way).
Page = tuple[bytes, str | None, str]


def _read(page: Page, *, clean: bool) -> Extracted:
    body, content_type, url = page
    # This thread's CPU time: neither the writer thread's work nor waits for the GIL count.
    started = time.thread_time()
    text, note = decode_body(body, content_type)
    try:
        item = parse_page(text, url)
    except PageError as exc:
        return Extracted(None, time.thread_time() - started, 0.0, note, exc)
    parsed = time.thread_time()
    if not clean:
        return Extracted(item, parsed - started, 0.0, note)
    try:
        item = finish(item)
    except Exception:  # noqa: BLE001 - reported by CleanPipeline, which cleans it again
        return Extracted(item, parsed - started, 0.0, note)
    return Extracted(item, parsed - started, time.thread_time() - parsed, note)


def timed_parse(page: Page) -> Extracted:
    """Decode and parse one page in the crawl process; CleanPipeline cleans the item."""
    return _read(page, clean=False)


def timed_extract(page: Page) -> Extracted:
    """Decode, parse and clean one page in a worker (CleanPipeline passes the item on).

    Cleaning where the page was parsed takes its CPU off the crawl process too, and the item
    crosses the process boundary once, already in its final shape. If cleaning fails, the raw
    item goes back and CleanPipeline cleans it again, where a failure is counted and logged.
    """
    return _read(page, clean=True)


def extract_group(pages: list[Page]) -> list[Outcome]:
    """Extract a group of pages in a worker: one `Outcome` per page."""
    return [(True, timed_extract(page)) for page in pages]


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
