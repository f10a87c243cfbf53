"""The crawl's archive: one writer thread with typed methods, one transaction per call.

A synchronous write in the reactor would stall every download, and SQLite wants one writer, so
every database call of a crawl (the spider's look-ups, the store pipeline's writes, the run's
start and finish) runs on one thread, in order, each in a short transaction of its own. The
spider, the store pipeline and the run monitor share the crawl's one `Store`
(`Store.for_crawler`); the pipeline opens it when the spider opens and the run monitor closes
it when the spider closes.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from dwcrawler.config import DatabaseURLError, database_url
from dwcrawler.db import repository
from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.migrate import SchemaNotAtHead, ensure_at_head

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from scrapy.crawler import Crawler
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from dwcrawler.db.coverage import ListedPage
    from dwcrawler.db.repository import StoreOutcome
    from dwcrawler.db.runs import CrawlRunInfo
    from dwcrawler.db.states import FetchState, Validators
    from dwcrawler.items import ArticleItem, GoneItem, NotModifiedItem

T = TypeVar("T")
_STORES: weakref.WeakKeyDictionary[Crawler, Store] = weakref.WeakKeyDictionary()


class StoreRefused(Exception):
    """The archive cannot be used: a bad URL, a schema not at head, a database that refuses."""


class Stored(NamedTuple):
    """What storing one article did, and the writer thread's CPU time it took."""

    outcome: StoreOutcome
    cpu_seconds: float


class Store:
    """The archive of one crawl (see the module docstring)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.run_id: int | None = None
        self._thread = ThreadPoolExecutor(1, "dwcrawler-store")
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> Store:
        """Return the crawl's store (one per crawler), for `DATABASE_URL` or the default."""
        store = _STORES.get(crawler)
        if store is None:
            store = cls(database_url(crawler.settings.get("DATABASE_URL") or None))
            _STORES[crawler] = store
        return store

    async def _on_thread(self, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._thread, work)

    async def _transaction(self, work: Callable[[Session], T]) -> T:
        """Run `work(session)` in one transaction on the writer thread; return its result."""

        def run() -> T:
            if self._sessions is None:
                raise StoreRefused("the archive is not open")
            with self._sessions.begin() as session:
                return work(session)

        return await self._on_thread(run)

    # --- opening and closing -----------------------------------------------------------------
    def _connect(self) -> None:
        """Open the engine and refuse a schema not at head (on the writer thread)."""
        try:
            engine = make_engine(self.url)
        except DatabaseURLError as exc:
            raise StoreRefused(str(exc)) from None
        try:
            ensure_at_head(engine)
        except SchemaNotAtHead as exc:
            engine.dispose()
            raise StoreRefused(" ".join(str(exc).split())) from None
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreRefused(f"cannot use the database: {' '.join(str(exc).split())}") from None
        self._engine, self._sessions = engine, make_sessionmaker(engine)

    async def open(self, mode: str, settings: Mapping[str, Any]) -> None:
        """Connect, refuse an unusable archive (`StoreRefused`), record the run's start."""
        await self._on_thread(self._connect)
        started = datetime.now(UTC)
        self.run_id = await self._transaction(
            lambda s: repository.start_crawl_run(
                s, mode=mode, settings=dict(settings), started_at=started
            )
        )

    @property
    def is_open(self) -> bool:
        """Return True once the schema was checked and the run recorded."""
        return self.run_id is not None

    async def close(self) -> None:
        """Dispose of the engine and stop the writer thread (after pending work)."""
        try:
            await self._on_thread(self._dispose)
        finally:
            self._thread.shutdown(wait=True)

    def _dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        self._engine = self._sessions = None

    # --- pages -------------------------------------------------------------------------------
    async def store_article(self, item: ArticleItem, seen_at: datetime) -> Stored:
        """Store one article (new, revised or unchanged) in its own transaction."""
        run_id = self.run_id

        def store(session: Session) -> Stored:
            started = time.thread_time()
            outcome = repository.store_article(session, item, seen_at=seen_at, crawl_run_id=run_id)
            return Stored(outcome, time.thread_time() - started)

        return await self._transaction(store)

    async def mark_gone(self, item: GoneItem) -> bool:
        """Mark a stored article gone (404/410); False if unknown or already gone."""
        run_id = self.run_id
        return await self._transaction(lambda s: repository.mark_gone(s, item, crawl_run_id=run_id))

    async def mark_seen(self, item: NotModifiedItem) -> bool:
        """Note a 304 for a stored article; False if unknown."""
        run_id = self.run_id
        return await self._transaction(lambda s: repository.mark_seen(s, item, crawl_run_id=run_id))

    async def known_pages(self, dw_ids: Sequence[int]) -> Mapping[int, FetchState]:
        """Return the stored fetch state of each of these DW ids that is stored."""
        if not self.is_open:
            return {}
        wanted = list(dw_ids)
        return await self._transaction(lambda s: repository.fetch_states(s, wanted))

    async def discovery_validators(self) -> dict[str, Validators]:
        """Return the validators of the sitemaps and feeds the last clean update run read."""
        if not self.is_open:
            return {}
        return await self._transaction(repository.discovery_validators)

    async def save_validators(self, found: Mapping[str, Validators]) -> None:
        """Keep the validators of the sitemaps and feeds this run read (a clean run only)."""
        checked = datetime.now(UTC)
        await self._transaction(lambda s: repository.save_discovery_validators(s, found, checked))

    async def record_listed(self, pages: Sequence[ListedPage]) -> int:
        """Record the content pages one sitemap lists (for coverage); return how many."""
        if not self.is_open or not pages:
            return 0
        listed_at, batch = datetime.now(UTC), list(pages)
        return await self._transaction(lambda s: repository.record_listed(s, batch, listed_at))

    # --- runs --------------------------------------------------------------------------------
    async def last_success(self) -> CrawlRunInfo | None:
        """Return the last successful run, if any."""
        if not self.is_open:
            return None
        return await self._transaction(repository.last_successful_run)

    async def recent_rates(self, limit: int) -> list[dict[str, float]]:
        """Return the field rates of the last `limit` successful runs, newest first."""
        if not self.is_open:
            return []
        return await self._transaction(lambda s: repository.recent_field_rates(s, limit))

    async def finish(
        self,
        outcome: str,
        counters: dict[str, Any],
        field_rates: dict[str, float],
        message: str | None,
    ) -> None:
        """Record how the run ended."""
        run_id = self.run_id
        if run_id is None:
            return
        finished = datetime.now(UTC)
        await self._transaction(
            lambda s: repository.finish_crawl_run(
                s,
                run_id,
                finished_at=finished,
                outcome=outcome,
                counters=counters,
                field_rates=field_rates,
                message=message,
            )
        )
