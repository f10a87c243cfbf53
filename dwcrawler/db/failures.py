"""The URLs each crawl run lost, kept in the database (capped per run) for `dwcrawler stats`.

Re-exported by `dwcrawler.db.repository` (writing) and read by `dwcrawler.db.queries`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select

from dwcrawler.db.ops_models import CrawlFailure

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import datetime

    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class FailedURL:
    """One URL a run lost, why, and when."""

    url: str
    reason: str
    failed_at: datetime


def add_failures(session: Session, run_id: int, failures: Sequence[FailedURL]) -> None:
    """Keep these failed URLs of a run (the caller keeps to the cap)."""
    if failures:
        rows = [
            {"crawl_run_id": run_id, "url": f.url, "reason": f.reason, "failed_at": f.failed_at}
            for f in failures
        ]
        session.execute(insert(CrawlFailure), rows)


def failed_urls(
    session: Session, run_ids: Iterable[int], *, limit: int | None = None
) -> dict[int, list[FailedURL]]:
    """Return the kept failed URLs of each run (at most `limit` each), in the order they failed."""
    wanted = list(run_ids)
    found: dict[int, list[FailedURL]] = defaultdict(list)
    if not wanted:
        return found
    f = CrawlFailure
    rank = func.row_number().over(partition_by=f.crawl_run_id, order_by=f.id).label("rank")
    inner = select(f.crawl_run_id, f.url, f.reason, f.failed_at, rank).where(
        f.crawl_run_id.in_(wanted)
    )
    ranked = inner.subquery()
    query = select(ranked).order_by(ranked.c.crawl_run_id, ranked.c.rank)
    if limit is not None:
        query = query.where(ranked.c.rank <= limit)
    for row in session.execute(query):
        found[row.crawl_run_id].append(FailedURL(row.url, row.reason, row.failed_at))
    return found


def failure_counts(session: Session, run_ids: Iterable[int]) -> dict[int, int]:
    """Return how many failed URLs are kept for each run."""
    wanted = list(run_ids)
    if not wanted:
        return {}
    f = CrawlFailure
    query = select(f.crawl_run_id, func.count()).where(f.crawl_run_id.in_(wanted))
    return {run: int(n) for run, n in session.execute(query.group_by(f.crawl_run_id))}
