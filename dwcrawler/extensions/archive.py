"""The crawl's one link to the database: engine, one writer thread, the crawl_runs row.

Every database call of a crawl (the spider's incremental look-ups, the store pipeline's writes,
the run's start and finish) runs on one worker thread via `run_in_executor`: the reactor never
blocks on SQL, and SQLite sees one writer. Each call is its own short transaction. The pipeline
opens it (checking the schema is at head), the run monitor closes it when the spider closes.
"""

from __future__ import annotations

import asyncio
import weakref
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from dwcrawler.config import database_url
from dwcrawler.db import repository
from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.migrate import ensure_at_head

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from scrapy.crawler import Crawler
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from dwcrawler.db.repository import CrawlRunInfo, FetchState

T = TypeVar("T")
_ARCHIVES: weakref.WeakKeyDictionary[Crawler, Archive] = weakref.WeakKeyDictionary()


class Archive:
    """Database access for one crawl (see the module docstring)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.run_id: int | None = None
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dwcrawler-db")
        self._opened: asyncio.Future[None] | None = None

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> Archive:
        """Return the crawl's archive (one per crawler), for `DATABASE_URL` or the default."""
        archive = _ARCHIVES.get(crawler)
        if archive is None:
            archive = cls(database_url(crawler.settings.get("DATABASE_URL") or None))
            _ARCHIVES[crawler] = archive
        return archive

    async def call(self, work: Callable[[Session], T]) -> T:
        """Run `work(session)` in one transaction on the writer thread; return its result."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(self._transaction, work))

    def _transaction(self, work: Callable[[Session], T]) -> T:
        assert self._sessions is not None, "Archive.open() first"
        with self._sessions.begin() as session:
            return work(session)

    async def open(self, mode: str, settings: Mapping[str, Any]) -> None:
        """Connect, refuse a schema not at head (SchemaNotAtHead), record the run's start."""
        if self._opened is None:
            self._opened = asyncio.get_running_loop().create_future()
            try:
                await self._open(mode, settings)
            except BaseException as exc:
                self._opened.set_exception(exc)
                raise
            self._opened.set_result(None)
        else:
            await asyncio.shield(self._opened)

    async def _open(self, mode: str, settings: Mapping[str, Any]) -> None:
        loop = asyncio.get_running_loop()

        def connect() -> None:
            self._engine = make_engine(self.url)
            ensure_at_head(self._engine)
            self._sessions = make_sessionmaker(self._engine)

        await loop.run_in_executor(self._executor, connect)
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
        return await self.call(partial(repository.fetch_states, dw_ids=dw_ids))

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
        """Dispose of the engine and stop the writer thread (after pending work)."""
        loop = asyncio.get_running_loop()
        if self._engine is not None:
            await loop.run_in_executor(self._executor, self._engine.dispose)
        self._executor.shutdown(wait=False)
