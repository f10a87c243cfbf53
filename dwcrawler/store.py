"""The crawl's archive: one writer thread with typed methods, one transaction per call.

A synchronous write in the reactor would stall every download, and SQLite wants one writer, so
every database call of a crawl (the spider's look-ups, the store pipeline's writes, the run's
start, heartbeats and finish) runs on one thread, in order, each in a short transaction of its
own. The spider, the store pipeline and the run monitor share the crawl's one `Store`
(`Store.for_crawler`); the pipeline opens it when the spider opens and the run monitor closes
it when the spider closes.

The store holds the archive's lease for the run (the crawl command hands over the one it took
before the crawl started; a store opened any other way takes its own), so when it opens, any
run still `running` was left by a process that died: it is marked `crashed`. A database error
that leaves the crawl without its archive (a damaged file, a failed look-up) raises
`ArchiveFailed` and calls `on_fatal` once, so the run can stop and say why.
"""

from __future__ import annotations

import asyncio
import os
import socket
import time
import weakref
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from dwcrawler.config import DatabaseURLError, database_url
from dwcrawler.db import repository
from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.lease import ArchiveBusy, archive_lease
from dwcrawler.db.migrate import SchemaNotAtHead, ensure_at_head
from dwcrawler.db.problems import database_problem, fatal_problem, is_damage
from dwcrawler.store_runs import ArchiveFailed, RunRecord, StoreRefused

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from scrapy.crawler import Crawler
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from dwcrawler.db.coverage import ListedPage
    from dwcrawler.db.lease import Lease
    from dwcrawler.db.repository import StoreOutcome
    from dwcrawler.db.runs import CrawlRunInfo
    from dwcrawler.db.states import FetchState, Validators
    from dwcrawler.items import ArticleItem, GoneItem, NotModifiedItem

__all__ = ["ArchiveFailed", "Store", "StoreRefused", "Stored"]

T = TypeVar("T")
_STORES: weakref.WeakKeyDictionary[Crawler, Store] = weakref.WeakKeyDictionary()


class Stored(NamedTuple):
    """What storing one article did, and the writer thread's CPU time it took."""

    outcome: StoreOutcome
    cpu_seconds: float


class Store(RunRecord):
    """The archive of one crawl (see the module docstring)."""

    def __init__(self, url: str, *, failures_kept: int = 1000) -> None:
        super().__init__(failures_kept)
        self.url = url
        self.lease: Lease | None = None
        self.excluded: frozenset[int] = frozenset()  # DW ids taken down (`dwcrawler purge`)
        self.crashed: list[CrawlRunInfo] = []  # runs found left `running` by a dead process
        self.on_fatal: Callable[[str], None] | None = None
        self._thread = ThreadPoolExecutor(1, "dwcrawler-store")
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._own_lease = ExitStack()

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> Store:
        """Return the crawl's store (one per crawler), for `DATABASE_URL` or the default."""
        store = _STORES.get(crawler)
        if store is None:
            settings = crawler.settings
            kept = settings.getint("DW_FAILED_URLS_KEPT", 1000)
            store = cls(database_url(settings.get("DATABASE_URL") or None), failures_kept=kept)
            _STORES[crawler] = store
        return store

    async def _on_thread(self, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._thread, work)

    async def _transaction(self, work: Callable[[Session], T], *, fatal: bool = True) -> T:
        """Run `work(session)` in one transaction on the writer thread; return its result.

        A database error is fatal to the crawl (`ArchiveFailed`) when `fatal` or when it says
        the archive is damaged; otherwise it is raised as it is (one item not stored).
        """

        def run() -> T:
            if self._sessions is None:
                raise StoreRefused("the archive is not open")
            with self._sessions.begin() as session:
                return work(session)

        try:
            return await self._on_thread(run)
        except SQLAlchemyError as exc:
            if not (fatal or is_damage(exc)):
                raise
            self._fail(fatal_problem(exc))
            raise ArchiveFailed(self.failure) from exc

    def _fail(self, message: str) -> None:
        if self.failure is None:
            self.failure = message
            if self.on_fatal is not None:
                self.on_fatal(message)

    # --- opening and closing -----------------------------------------------------------------
    def _connect(self) -> None:
        """Open the engine, refuse a schema not at head, take the lease unless given one."""
        try:
            engine = make_engine(self.url)
        except DatabaseURLError as exc:
            raise StoreRefused(str(exc)) from None
        try:
            ensure_at_head(engine)
            if self.lease is None:
                self.lease = self._own_lease.enter_context(archive_lease(self.url, "crawl"))
        except (SchemaNotAtHead, ArchiveBusy) as exc:
            engine.dispose()
            raise StoreRefused(" ".join(str(exc).split())) from None
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreRefused(f"cannot use the database: {database_problem(exc)}") from None
        self._engine, self._sessions = engine, make_sessionmaker(engine)

    async def open(self, mode: str, settings: Mapping[str, Any]) -> None:
        """Connect, refuse an unusable archive (`StoreRefused`), record the run's start.

        Runs a dead process left `running` are marked `crashed` first (`self.crashed`).
        """
        await self._on_thread(self._connect)
        started = datetime.now(UTC)
        host, pid = socket.gethostname(), os.getpid()

        def begin() -> tuple[list[CrawlRunInfo], int, set[int]]:
            assert self._sessions is not None  # connected just now
            with self._sessions.begin() as session:
                crashed = repository.crash_stale_runs(session, found_by=f"pid {pid} on {host}")
                run_id = repository.start_crawl_run(
                    session,
                    mode=mode,
                    settings=dict(settings),
                    started_at=started,
                    host=host,
                    pid=pid,
                )
                return crashed, run_id, repository.excluded_ids(session)

        try:
            self.crashed, self.run_id, excluded = await self._on_thread(begin)
        except SQLAlchemyError as exc:
            raise StoreRefused(database_problem(exc)) from None
        self.excluded = frozenset(excluded)

    async def close(self) -> None:
        """Dispose of the engine, release a lease of its own, stop the writer thread."""
        try:
            await self._on_thread(self._dispose)
        finally:
            self._thread.shutdown(wait=True)
            self._own_lease.close()

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

        return await self._transaction(store, fatal=False)

    async def mark_gone(self, item: GoneItem) -> bool:
        """Mark a stored article gone (404/410); False if unknown or already gone."""
        run_id = self.run_id
        return await self._transaction(
            lambda s: repository.mark_gone(s, item, crawl_run_id=run_id), fatal=False
        )

    async def mark_seen(self, item: NotModifiedItem) -> bool:
        """Note a 304 for a stored article; False if unknown."""
        run_id = self.run_id
        return await self._transaction(
            lambda s: repository.mark_seen(s, item, crawl_run_id=run_id), fatal=False
        )

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
