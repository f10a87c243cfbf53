"""The crawl's one link to the database: one writer (a process, or a thread), the crawl_runs row.

Every database call of a crawl (the spider's incremental look-ups, the store pipeline's writes,
the run's start and finish) runs on one writer, in order: the reactor never waits on SQL, and
SQLite sees one writer. Each call is its own short transaction, except the pipeline's item
writes (`Archive.write`), which are committed in groups (`grouping.Grouper`): items arriving
within `GROUP_LINGER` seconds go to the writer together and share one transaction, one commit
and one round trip, and the group's new articles are inserted together
(`repository.store_articles`). Measured on 1,000 generated articles: the writer's CPU per item
halved, and the crawl process's share of each write fell to a sixth when the writer is a
process. At DW's polite pace a group is one item. A group that fails is rolled back and its
items are written again one by one, so a bad item fails alone and the others are stored. The
writer is a thread of the crawl process, or (`DW_STORE_PROCESS`, on by default with two cores)
a helper process: turning items into rows is CPU work for SQLAlchemy, which on a thread holds
the GIL against the downloader, and in a process of its own runs on another core. Calls name a
repository function and its picklable arguments (`writes.Call`), so the same code runs on
either, and the crawl process itself never imports SQLAlchemy's ORM, the models or Alembic
(the writer, `extensions.writer`, does). The
writer connects as soon as the crawler is built; the pipeline opens the archive (waiting for
that connection and its schema check); the run monitor closes it when the spider closes.
"""

from __future__ import annotations

import asyncio
import weakref
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from dwcrawler.config import database_url
from dwcrawler.extensions.grouping import Grouper, Outcome
from dwcrawler.extensions.workers import helper_context, in_background, store_process
from dwcrawler.extensions.writes import Call, on_writer

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from scrapy.crawler import Crawler

    from dwcrawler.db.facts import CrawlRunInfo, FetchState

# Items per transaction at most, and how long the first item waits for others. A crash loses
# at most the uncommitted group, which the next run fetches again (it was never stored).
GROUP_MAX = 32
GROUP_LINGER = 0.05
_ARCHIVES: weakref.WeakKeyDictionary[Crawler, Archive] = weakref.WeakKeyDictionary()


# --- in the crawl process ----------------------------------------------------------------------
class Archive:
    """Database access for one crawl (see the module docstring)."""

    def __init__(self, url: str, *, in_process: bool = False) -> None:
        self.url = url
        self.run_id: int | None = None
        # Two groups in flight: the next waits in the writer's queue (which runs them in order),
        # so the writer never idles for a round trip between two groups.
        self._writes: Grouper[Call] = Grouper(
            self._write_group, max_size=GROUP_MAX, linger=GROUP_LINGER, parallel=2
        )
        self._connected: Future[None] | None = None
        self._executor: Executor
        if in_process:
            self._executor = ProcessPoolExecutor(
                1, helper_context(), initializer=on_writer, initargs=("start", url, True)
            )
        else:
            self._executor = ThreadPoolExecutor(
                1, "dwcrawler-db", initializer=on_writer, initargs=("start", url, False)
            )

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> Archive:
        """Return the crawl's archive (one per crawler), for `DATABASE_URL` or the default."""
        archive = _ARCHIVES.get(crawler)
        if archive is None:
            url = database_url(crawler.settings.get("DATABASE_URL") or None)
            archive = cls(url, in_process=store_process(crawler.settings))
            _ARCHIVES[crawler] = archive
            archive.connect_soon()
        return archive

    def connect_soon(self) -> None:
        """Start connecting (and checking the schema) now, while the crawl sets up.

        `open` waits for it and raises what it raised.
        """
        if self._connected is None:
            executor = self._executor
            self._connected = in_background(lambda: executor.submit(on_writer, "connect").result())

    async def _run(self, name: str, *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, on_writer, name, *args)

    async def call(self, function: str, **arguments: Any) -> Any:
        """Run `repository.<function>(session, **arguments)` in one transaction on the writer.

        The arguments must be picklable.
        """
        return await self._run("in_transaction", Call(function, arguments))

    async def write(self, function: str, **arguments: Any) -> tuple[Any, float]:
        """Run `repository.<function>(session, **arguments)` in the next group commit.

        Returns its result and its CPU seconds: the item's share of its group's, the commit
        included. A failed write raises `WriteFailure`; the other items of its group are still
        written.
        """
        result, seconds = await self._writes.submit(Call(function, arguments))
        return result, seconds

    async def _write_group(self, calls: list[Call]) -> list[Outcome]:
        outcomes, seconds = await self._run("write_group", calls)
        share = seconds / len(calls)
        return [(True, (value, share)) if ok else (False, value) for ok, value in outcomes]

    async def open(self, mode: str, settings: Mapping[str, Any]) -> None:
        """Connect, refuse an unusable archive (`StoreRefused`), record the run's start.

        The store pipeline calls it once, when the spider opens.
        """
        self.connect_soon()
        assert self._connected is not None
        await asyncio.wrap_future(self._connected)
        now = datetime.now(UTC)
        self.run_id = await self.call(
            "start_crawl_run", mode=mode, settings=dict(settings), started_at=now
        )

    @property
    def is_open(self) -> bool:
        """Return True once the schema was checked and the run recorded."""
        return self.run_id is not None

    async def known_pages(self, dw_ids: Sequence[int]) -> Mapping[int, FetchState]:
        """Return the stored fetch state of each of these DW ids that is stored."""
        if not self.is_open:
            return {}
        states: Mapping[int, FetchState] = await self.call("fetch_states", dw_ids=list(dw_ids))
        return states

    async def last_success(self) -> CrawlRunInfo | None:
        """Return the last successful run, if any."""
        if not self.is_open:
            return None
        last: CrawlRunInfo | None = await self.call("last_successful_run")
        return last

    async def recent_rates(self, limit: int) -> list[dict[str, float]]:
        """Return the field rates of the last `limit` successful runs, newest first."""
        if not self.is_open:
            return []
        rates: list[dict[str, float]] = await self.call("recent_field_rates", limit=limit)
        return rates

    async def finish(
        self,
        outcome: str,
        counters: dict[str, Any],
        field_rates: dict[str, float],
        message: str | None,
    ) -> None:
        """Record how the run ended."""
        if self.run_id is None:
            return
        await self.call(
            "finish_crawl_run",
            run_id=self.run_id,
            finished_at=datetime.now(UTC),
            outcome=outcome,
            counters=counters,
            field_rates=field_rates,
            message=message,
        )

    async def close(self) -> None:
        """Dispose of the engine and stop the writer (after pending work)."""
        await self._writes.drain()
        try:
            await self._run("dispose")
        finally:
            self._executor.shutdown(wait=True)
