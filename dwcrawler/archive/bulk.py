"""The bulk path: extraction on every core, one writer storing the results in order, in batches.

`extract_in_order` sends chunks of work to a process pool (or runs them here with one job)
and yields the results in the order the work came, with a bounded number of chunks in flight,
so memory stays flat over any number of records. `BatchWriter` (the only writer) stores them
in that order, a batch per transaction, on a thread of its own: while one batch is written
(SQLite and the network to PostgreSQL let go of the interpreter), the main thread reads the
next records and feeds the workers. What is committed stays committed if a later batch fails.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from dwcrawler.archive.extract import Failed, GoneCapture, Page, Sighting, run_chunk
from dwcrawler.db import repository
from dwcrawler.items import GoneItem, NotModifiedItem

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from sqlalchemy.orm import Session

    from dwcrawler.archive.extract import Result, Work
    from dwcrawler.archive.writing import Archive
    from dwcrawler.db.repository import Cause

CHUNK = 16  # captures per task: enough to amortise the pickling, small enough to spread
IN_FLIGHT = 4  # chunks queued per worker
BATCH = 200  # results per transaction


def chunks(work: Iterable[Work], size: int = CHUNK) -> Iterator[list[Work]]:
    """Cut the work into lists of `size`."""
    items = iter(work)
    while chunk := list(islice(items, size)):
        yield chunk


def extract_in_order(work: Iterable[Work], jobs: int) -> Iterator[list[Result]]:
    """Yield the results of each chunk of work, in order, using `jobs` worker processes."""
    if jobs <= 1:
        yield from map(run_chunk, chunks(work))
        return
    # A fork server, not plain fork: workers must not inherit the writer's database
    # connections; it starts once, with the extraction modules loaded, and forks cheaply.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["dwcrawler.archive.extract"])
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        pending: deque[Any] = deque()
        for chunk in chunks(work):
            pending.append(pool.submit(run_chunk, chunk))
            if len(pending) >= jobs * IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


@dataclass
class Tally:
    """What a bulk run did: outcomes, skips by reason, failures, and changed fields."""

    outcomes: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    changed_fields: Counter[str] = field(default_factory=Counter)
    failed: int = 0
    damaged: int = 0

    def merge(self, other: Tally) -> None:
        """Add another tally's counts to this one (negative adjustments included)."""
        for mine, theirs in (
            (self.outcomes, other.outcomes),
            (self.skipped, other.skipped),
            (self.changed_fields, other.changed_fields),
        ):
            mine.update(theirs)
        self.failed += other.failed
        self.damaged += other.damaged


if TYPE_CHECKING:
    # After a page is stored: (session, page, outcome, the writer's own tally to count in).
    AfterStore = Callable[[Session, Page, str, Tally], None]


class BatchWriter:
    """Store results in order, `BATCH` per transaction, on one writer thread.

    The writer counts into a tally of its own (no count is shared between threads); `close`
    waits for the last batch and adds those counts to `tally`. A batch that fails raises its
    error at the next `flush` or at `close`, in the caller's thread.
    """

    def __init__(
        self,
        archive: Archive,
        tally: Tally,
        cause: Cause,
        complain: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
        after_store: AfterStore | None = None,
    ) -> None:
        self.archive, self.tally, self.cause = archive, tally, cause
        self.complain = complain
        self.after_store = after_store
        self.pending: list[Result] = []
        self.own = Tally()
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="dwcrawler-bulk-writer")
        self._writing: Future[None] | None = None

    def add(self, results: Sequence[Result]) -> None:
        """Queue results; a full batch is handed to the writer thread."""
        self.pending.extend(results)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Hand everything queued to the writer (one transaction), after the batch before it."""
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        self._wait()  # one batch in the writer's hands at a time: order kept, memory bounded
        self._writing = self._thread.submit(self._write, batch)

    def close(self) -> None:
        """Write what is queued, wait for it, stop the thread and merge the writer's counts."""
        try:
            self.flush()
            self._wait()
        finally:
            self._thread.shutdown(wait=True)
            self.tally.merge(self.own)
            self.own = Tally()

    def _wait(self) -> None:
        writing, self._writing = self._writing, None
        if writing is not None:
            writing.result()

    def _write(self, batch: list[Result]) -> None:
        with self.archive.sessions.begin() as session:
            pages: list[Page] = []
            for result in batch:
                if isinstance(result, Page):
                    pages.append(result)
                    continue
                self._store_pages(session, pages)
                pages = []
                self._other(session, result)
            self._store_pages(session, pages)

    def _excluded(self, dw_id: int) -> bool:
        if dw_id in self.archive.excluded:
            self.own.skipped["excluded (takedown list)"] += 1
            return True
        return False

    def _store_pages(self, session: Session, pages: list[Page]) -> None:
        pages = [page for page in pages if not self._excluded(page.item.dw_id)]
        if not pages:
            return
        entries = [{"item": p.item, "seen_at": p.seen_at, "cause": self.cause} for p in pages]
        outcomes = repository.store_articles(session, entries)
        for page, outcome in zip(pages, outcomes, strict=True):
            self.own.outcomes[outcome] += 1
            if self.after_store is not None:
                self.after_store(session, page, outcome, self.own)

    def _other(self, session: Session, result: Result) -> None:
        if isinstance(result, Failed):
            self.own.failed += 1
            where = f"{result.capture.file} at offset {result.capture.offset}"
            self.complain(f"{result.url}: not stored ({where}): {result.reason}")
        elif isinstance(result, Sighting) and not self._excluded(result.dw_id):
            seen = NotModifiedItem(url=result.url, dw_id=result.dw_id, checked_at=result.date)
            marked = repository.mark_seen(session, seen)
            self.own.outcomes["seen" if marked else "seen, not stored"] += 1
        elif isinstance(result, GoneCapture) and not self._excluded(result.dw_id):
            gone = GoneItem(result.url, result.dw_id, result.status, result.date)
            marked = repository.mark_gone(session, gone, newer_only=True)
            self.own.outcomes["gone" if marked else "gone, not stored"] += 1
