"""The archive's writer: what runs on the crawl's one database writer (a thread or a process).

Only the writer imports SQLAlchemy, the models and Alembic; the crawl process reaches this
module through `Archive` by name (`archive.on_writer`), so it never loads them itself. Every
call runs in its own transaction, except item writes, which come in groups (`write_group`).
Failures go back to the crawl process as picklable exceptions: `StoreRefused` when the archive
cannot be used at all, `WriteFailure` for one item.
"""

from __future__ import annotations

import threading
import time
import traceback
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from dwcrawler.config import DatabaseURLError
from dwcrawler.db import repository
from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.schema import SchemaNotAtHead, ensure_at_head
from dwcrawler.extensions.workers import start_helper
from dwcrawler.extensions.writes import StoreRefused, WriteFailure

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from dwcrawler.extensions.grouping import Outcome
    from dwcrawler.extensions.writes import Call

_WRITER = threading.local()


def start(url: str, in_process: bool) -> None:
    """Set up the writer (the executor's initializer); connect later, in `connect`."""
    if in_process:
        start_helper()
    _WRITER.url = url
    _WRITER.engine = None
    _WRITER.sessions = None


def connect() -> None:
    """Open the engine and refuse a schema not at head; raise `StoreRefused` if unusable."""
    try:
        engine: Engine = make_engine(_WRITER.url)
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
    except BaseException:
        engine.dispose()
        raise
    _WRITER.engine = engine
    _WRITER.sessions = make_sessionmaker(engine)


def _run(call: Call, session: Session) -> Any:
    if call.function not in repository.__all__:  # only the repository's interface is callable
        raise ValueError(f"not a repository function: {call.function!r}")
    function = getattr(repository, call.function)
    return function(session, **call.arguments)


def _run_group(calls: list[Call], session: Session) -> list[Any]:
    """Run a group's calls in one session; articles to store go to `store_articles` together."""
    stores = [i for i, call in enumerate(calls) if call.function == "store_article"]
    others = [i for i, call in enumerate(calls) if call.function != "store_article"]
    store_ids = {calls[i].arguments["item"].dw_id for i in stores}
    other_ids = {getattr(calls[i].arguments.get("item"), "dw_id", None) for i in others}
    if len(stores) < 2 or store_ids & other_ids:  # one page seen twice: keep the order
        return [_run(call, session) for call in calls]
    results: list[Any] = [None] * len(calls)
    for i in others:
        results[i] = _run(calls[i], session)
    stored = repository.store_articles(session, [calls[i].arguments for i in stores])
    for i, outcome in zip(stores, stored, strict=True):
        results[i] = outcome
    return results


def _sessions() -> sessionmaker[Session]:
    sessions: sessionmaker[Session] | None = _WRITER.sessions
    if sessions is None:
        raise StoreRefused("the archive is not open (no connection)")
    return sessions


def in_transaction(call: Call) -> Any:
    """Run one repository call in a transaction of its own; return its result."""
    with _sessions().begin() as session:
        return _run(call, session)


def _failure(exc: Exception) -> WriteFailure:
    # Called inside the `except` block, so that the traceback is the failing write's.
    detail = " ".join(str(exc).split())[:300]
    database = isinstance(exc, SQLAlchemyError)
    return WriteFailure(type(exc).__name__, detail, database, traceback.format_exc())


def _alone(call: Call) -> Outcome:
    try:
        return True, in_transaction(call)
    except Exception as exc:  # noqa: BLE001 - any failure is this item's, reported to its pipeline
        return False, _failure(exc)


def write_group(calls: list[Call]) -> tuple[list[Outcome], float]:
    """Write a group in one transaction; if it fails, each item alone. Returns CPU seconds too."""
    started = time.thread_time()
    try:
        with _sessions().begin() as session:
            outcomes: list[Outcome] = [(True, result) for result in _run_group(calls, session)]
    except Exception as exc:  # noqa: BLE001 - the items are redone one by one, each reported
        # Rolled back whole: redo each write in its own transaction, so only the bad one fails.
        outcomes = [(False, _failure(exc))] if len(calls) == 1 else [_alone(c) for c in calls]
    return outcomes, time.thread_time() - started


def dispose() -> None:
    """Close the engine's connections."""
    engine: Engine | None = _WRITER.engine
    if engine is not None:
        engine.dispose()
    _WRITER.engine = _WRITER.sessions = None
