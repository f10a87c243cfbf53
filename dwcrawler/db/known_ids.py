"""Ids of shared rows (authors, credits, topics, photos) this process has committed.

A crawl stores the same authors, credits and topics again and again; looking each one up costs
two statements per article. The writer remembers what it wrote, per engine, as key → (values,
id), and skips the statements when the values it would write are the ones it wrote last.
Entries become known only when their transaction commits (a rolled-back id may not exist), and
shared rows are deleted only by a takedown (`dwcrawler.db.takedown`), which forgets what its
engine knew, so a known id stays valid for the life of the engine.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import event
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

Kind = Literal["author", "credit", "topic", "photo"]
Known = dict[Any, tuple[Any, int]]  # key → (the values last written, row id)
_PENDING = "dwcrawler.pending_ids"
_BY_ENGINE: weakref.WeakKeyDictionary[Engine, dict[Kind, Known]] = weakref.WeakKeyDictionary()


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind.engine


def known_ids(session: Session, kind: Kind) -> Known:
    """Return this engine's committed ids of one kind (read-only for callers)."""
    tables = _BY_ENGINE.get(_engine(session))
    return tables.get(kind, {}) if tables else {}


def remember(session: Session, kind: Kind, entries: Known) -> None:
    """Note ids written in the session's transaction; they become known when it commits."""
    session.info.setdefault(_PENDING, []).append((kind, entries))


def forget_known_ids(session: Session) -> None:
    """Forget every id this session's engine knows (shared rows were deleted)."""
    _BY_ENGINE.pop(_engine(session), None)


@event.listens_for(Session, "after_commit")
def _publish(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending:
        tables = _BY_ENGINE.setdefault(_engine(session), {})
        for kind, entries in pending:
            tables.setdefault(kind, {}).update(entries)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)
