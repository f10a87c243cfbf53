"""Crawl runs: start, beat and finish a run, find the ones a dead process left, read them back.

Re-exported by `dwcrawler.db.repository`, the interface the crawl codes against.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select, update

from dwcrawler.db.models import CRAWL_OUTCOMES, CrawlRun

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class CrawlRunInfo:
    """One crawl run as recorded."""

    id: int
    mode: str
    started_at: datetime
    finished_at: datetime | None
    outcome: str
    settings: dict[str, Any]
    counters: dict[str, Any] | None
    field_rates: dict[str, float] | None
    message: str | None
    host: str | None = None
    pid: int | None = None
    heartbeat_at: datetime | None = None


def _json_safe(value: dict[str, Any]) -> dict[str, Any]:
    """Return a JSON-safe copy (Scrapy settings hold paths, sets and classes): str() the rest."""
    safe: dict[str, Any] = json.loads(json.dumps(value, default=str))
    return safe


def start_crawl_run(
    session: Session,
    *,
    mode: str,
    settings: dict[str, Any],
    started_at: datetime,
    host: str | None = None,
    pid: int | None = None,
) -> int:
    """Record the start of a crawl run; returns its id (outcome "running" until finished).

    `host` and `pid` name the process, so a run it leaves `running` when it dies can be told
    from a live one; the heartbeat starts at `started_at`.
    """
    stmt = insert(CrawlRun).values(
        mode=mode,
        settings=_json_safe(settings),
        started_at=started_at,
        outcome="running",
        host=host,
        pid=pid,
        heartbeat_at=started_at,
    )
    run_id: int = session.execute(stmt.returning(CrawlRun.id)).scalar_one()
    return run_id


def finish_crawl_run(
    session: Session,
    run_id: int,
    *,
    finished_at: datetime,
    outcome: str,
    counters: dict[str, Any],
    field_rates: dict[str, float],
    message: str | None = None,
) -> None:
    """Record how a run ended: outcome, counters and per-field fill rates (0..1).

    `outcome` is one of "success", "failed" or "interrupted" ("crashed" is for runs whose
    process died: `crash_stale_runs`).
    """
    if outcome not in CRAWL_OUTCOMES or outcome == "running":
        allowed = ", ".join(o for o in CRAWL_OUTCOMES if o != "running")
        raise ValueError(f"unknown crawl outcome {outcome!r}; use one of {allowed}")
    for name, rate in field_rates.items():
        if not (isinstance(rate, int | float) and math.isfinite(rate) and 0 <= rate <= 1):
            raise ValueError(f"field rate {name}={rate!r} is not a number between 0 and 1")
    stmt = (
        update(CrawlRun)
        .where(CrawlRun.id == run_id)
        .values(
            finished_at=finished_at,
            outcome=outcome,
            counters=_json_safe(counters),
            field_rates={name: float(rate) for name, rate in field_rates.items()},
            message=message,
            heartbeat_at=finished_at,
        )
        .returning(CrawlRun.id)
    )
    if session.execute(stmt, execution_options={"synchronize_session": False}).first() is None:
        raise LookupError(f"no crawl run with id {run_id}")


def run_info(run: CrawlRun) -> CrawlRunInfo:
    """Return a recorded run as a plain value."""
    return CrawlRunInfo(
        id=run.id,
        mode=run.mode,
        started_at=run.started_at,
        finished_at=run.finished_at,
        outcome=run.outcome,
        settings=run.settings,
        counters=run.counters,
        field_rates=run.field_rates,
        message=run.message,
        host=run.host,
        pid=run.pid,
        heartbeat_at=run.heartbeat_at,
    )


def heartbeat(session: Session, run_id: int, at: datetime) -> None:
    """Note that a running run is alive at `at`."""
    stmt = update(CrawlRun).where(CrawlRun.id == run_id, CrawlRun.outcome == "running")
    session.execute(stmt.values(heartbeat_at=at), execution_options={"synchronize_session": False})


def running_runs(session: Session) -> list[CrawlRunInfo]:
    """Return the runs still marked `running`, oldest first."""
    query = select(CrawlRun).where(CrawlRun.outcome == "running").order_by(CrawlRun.id)
    return [run_info(run) for run in session.scalars(query)]


def crash_stale_runs(session: Session, found_by: str) -> list[CrawlRunInfo]:
    """Mark every run still `running` as `crashed`; return them as they were.

    Only the holder of the archive's lease may call this: every live writer holds the lease,
    so a run still `running` when another process holds it was left by a process that died.
    Its end is taken as its last heartbeat, the last moment it is known to have been alive.
    """
    stale = running_runs(session)
    for run in stale:
        who = f"pid {run.pid} on {run.host}" if run.pid is not None else "its process"
        session.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run.id, CrawlRun.outcome == "running")
            .values(
                outcome="crashed",
                finished_at=func.coalesce(CrawlRun.heartbeat_at, CrawlRun.started_at),
                message=f"{who} died without finishing the run (found by {found_by})",
            ),
            execution_options={"synchronize_session": False},
        )
    return stale


def latest_run(session: Session) -> CrawlRunInfo | None:
    """Return the most recently started run, if any."""
    query = select(CrawlRun).order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(1)
    run = session.execute(query).scalar_one_or_none()
    return run_info(run) if run is not None else None


def outcome_counts(session: Session) -> dict[str, int]:
    """Return how many runs ended in each outcome (`running` included)."""
    query = select(CrawlRun.outcome, func.count()).group_by(CrawlRun.outcome)
    counts = dict.fromkeys(CRAWL_OUTCOMES, 0)
    counts.update({outcome: int(n) for outcome, n in session.execute(query)})
    return counts


def last_successful_run(session: Session) -> CrawlRunInfo | None:
    """Return the most recently started run whose outcome is "success", if any."""
    query = (
        select(CrawlRun)
        .where(CrawlRun.outcome == "success")
        .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
        .limit(1)
    )
    run = session.execute(query).scalar_one_or_none()
    return run_info(run) if run is not None else None


def recent_field_rates(session: Session, limit: int) -> list[dict[str, float]]:
    """Return the field rates of the last `limit` successful runs, newest first.

    Failed runs are left out, so a broken run never lowers the baseline that the next run is
    compared against.
    """
    query = (
        select(CrawlRun.field_rates)
        .where(CrawlRun.outcome == "success", CrawlRun.field_rates.is_not(None))
        .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
        .limit(limit)
    )
    return [dict(rates) for rates in session.execute(query).scalars() if rates is not None]
