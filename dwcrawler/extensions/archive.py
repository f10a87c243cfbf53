"""The crawl's one link to the database: one writer (a process, or a thread), the crawl_runs row.

Every database call of a crawl (the spider's incremental look-ups, the store pipeline's writes,
the run's start and finish) runs on one writer, in order: the reactor never waits on SQL, and
SQLite sees one writer. Each call is its own short transaction. The writer is a thread of the
crawl process, or with `DW_STORE_PROCESS = True` a helper process: turning items into rows is
CPU work for SQLAlchemy, which on a thread holds the GIL against the downloader, and in a
process of its own runs on another core. Calls are module-level functions with picklable
arguments, so the same code runs on either. The pipeline opens the writer
(checking the schema is at head); the run monitor closes it when the spider closes.
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from dwcrawler.config import database_url
from dwcrawler.db import repository
from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.migrate import ensure_at_head
from dwcrawler.extensions.workers import helper_context, start_helper

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from scrapy.crawler import Crawler
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from dwcrawler.db.repository import CrawlRunInfo, FetchState

T = TypeVar("T")
_ARCHIVES: weakref.WeakKeyDictionary[Crawler, Archive] = weakref.WeakKeyDictionary()

# --- inside the writer (its process, or its thread) --------------------------------------------
_WRITER = threading.local()


def _start_writer(url: str, in_process: bool) -> None:
    if in_process:
        start_helper()
    _WRITER.url = url
    _WRITER.engine = None
    _WRITER.sessions = None


def _connect() -> None:
    engine: Engine = make_engine(_WRITER.url)
    try:
        ensure_at_head(engine)
    except BaseException:
        engine.dispose()
        raise
    _WRITER.engine = engine
    _WRITER.sessions = make_sessionmaker(engine)


def _in_transaction(work: Callable[[Session], T]) -> T:
    sessions: sessionmaker[Session] | None = _WRITER.sessions
    assert sessions is not None, "Archive.open() first"
    with sessions.begin() as session:
        return work(session)


def _dispose() -> None:
    engine: Engine | None = _WRITER.engine
    if engine is not None:
        engine.dispose()
    _WRITER.engine = _WRITER.sessions = None


# --- in the crawl process ----------------------------------------------------------------------
class Archive:
    """Database access for one crawl (see the module docstring)."""

    def __init__(self, url: str, *, in_process: bool = False) -> None:
        self.url = url
        self.run_id: int | None = None
        self._executor: Executor
        if in_process:
            self._executor = ProcessPoolExecutor(
                1, helper_context(), initializer=_start_writer, initargs=(url, True)
            )
        else:
            self._executor = ThreadPoolExecutor(
                1, "dwcrawler-db", initializer=_start_writer, initargs=(url, False)
            )

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> Archive:
        """Return the crawl's archive (one per crawler), for `DATABASE_URL` or the default."""
        archive = _ARCHIVES.get(crawler)
        if archive is None:
            url = database_url(crawler.settings.get("DATABASE_URL") or None)
            archive = cls(url, in_process=crawler.settings.getbool("DW_STORE_PROCESS"))
            _ARCHIVES[crawler] = archive
        return archive

    async def _run(self, function: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, function, *args)

    async def call(self, work: Callable[[Session], T]) -> T:
        """Run `work(session)` in one transaction on the writer; return its result.

        `work` must be picklable (a module-level function, or a `partial` of one).
        """
        return await self._run(_in_transaction, work)

    async def open(self, mode: str, settings: Mapping[str, Any]) -> None:
        """Connect, refuse a schema not at head (SchemaNotAtHead), record the run's start.

        The store pipeline calls it once, when the spider opens.
        """
        await self._run(_connect)
        now = datetime.now(UTC)
        self.run_id = await self.call(
            partial(repository.start_crawl_run, mode=mode, settings=dict(settings), started_at=now)
        )

    @property
    def is_open(self) -> bool:
        """Return True once the schema was checked and the run recorded."""
        return self.run_id is not None

    async def known_pages(self, dw_ids: Sequence[int]) -> Mapping[int, FetchState]:
        """Return the stored fetch state of each of these DW ids that is stored."""
        if not self.is_open:
            return {}
        return await self.call(partial(repository.fetch_states, dw_ids=list(dw_ids)))

    async def last_success(self) -> CrawlRunInfo | None:
        """Return the last successful run, if any."""
        if not self.is_open:
            return None
        return await self.call(repository.last_successful_run)

    async def recent_rates(self, limit: int) -> list[dict[str, float]]:
        """Return the field rates of the last `limit` successful runs, newest first."""
        if not self.is_open:
            return []
        return await self.call(partial(repository.recent_field_rates, limit=limit))

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
            partial(
                repository.finish_crawl_run,
                run_id=self.run_id,
                finished_at=datetime.now(UTC),
                outcome=outcome,
                counters=counters,
                field_rates=field_rates,
                message=message,
            )
        )

    async def close(self) -> None:
        """Dispose of the engine and stop the writer (after pending work)."""
        try:
            await self._run(_dispose)
        finally:
            self._executor.shutdown(wait=True)
