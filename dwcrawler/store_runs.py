"""The run's own record, kept by the crawl's store: heartbeats, failed URLs, history, the end.

`RunRecord` is the part of `dwcrawler.store.Store` that writes the run's `crawl_runs` row
and reads earlier runs; every call goes through the store's writer thread (`_transaction`).
Failed URLs are noted from the reactor without waiting and written with the next heartbeat
(or the run's end), at most `DW_FAILED_URLS_KEPT` a run.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from dwcrawler.db import repository
from dwcrawler.db.problems import database_problem

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from dwcrawler.db.runs import CrawlRunInfo

T = TypeVar("T")
logger = logging.getLogger(__name__)


class StoreRefused(Exception):
    """The archive cannot be used: a bad URL, a schema not at head, a busy or damaged archive."""


class ArchiveFailed(Exception):
    """A database error the crawl cannot go on without; the message is one line."""


class RunRecord:
    """The run's record (see the module docstring); the store supplies `_transaction`."""

    def __init__(self, failures_kept: int) -> None:
        self.run_id: int | None = None
        self.failure: str | None = None  # the database error that ended the crawl, if any
        self._failed: list[repository.FailedURL] = []  # not written yet
        self._failures_left = failures_kept  # this run may keep this many more

    async def _transaction(self, work: Callable[[Session], T], *, fatal: bool = True) -> T:
        raise NotImplementedError

    @property
    def is_open(self) -> bool:
        """Return True once the schema was checked and the run recorded."""
        return self.run_id is not None

    def note_failure(self, url: str, reason: str) -> None:
        """Remember a URL this run lost; written with the next heartbeat (up to the cap)."""
        if self._failures_left > 0:
            self._failures_left -= 1
            self._failed.append(repository.FailedURL(url, reason, datetime.now(UTC)))

    def _take_failures(self) -> list[repository.FailedURL]:
        taken, self._failed = self._failed, []
        return taken

    async def heartbeat(self) -> None:
        """Say the run is alive, and write the failed URLs noted since the last beat."""
        run_id = self.run_id
        if run_id is None or self.failure is not None:
            return
        failed, at = self._take_failures(), datetime.now(UTC)

        def beat(session: Session) -> None:
            repository.heartbeat(session, run_id, at)
            repository.add_failures(session, run_id, failed)

        try:
            await self._transaction(beat, fatal=False)
        except ArchiveFailed:  # already reported through `on_fatal`
            return
        except SQLAlchemyError as exc:  # a busy moment: the next beat tries again
            self._failed[:0] = failed
            logger.warning("heartbeat not recorded: %s", database_problem(exc))

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
        """Record how the run ended, with the failed URLs not written yet."""
        run_id = self.run_id
        if run_id is None:
            return
        finished, failed = datetime.now(UTC), self._take_failures()

        def record(session: Session) -> None:
            repository.add_failures(session, run_id, failed)
            repository.finish_crawl_run(
                session,
                run_id,
                finished_at=finished,
                outcome=outcome,
                counters=counters,
                field_rates=field_rates,
                message=message,
            )

        await self._transaction(record)
