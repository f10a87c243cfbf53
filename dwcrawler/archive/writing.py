"""The one door of the bulk writers (`import-warc`, `reextract`) into the archive.

Both open the archive with `open_for_writing`, which checks the schema and gives them their
session factory: the archive's lease (one writer at a time) belongs here, around the whole
run. Before an item is stored, its DW id is looked up in `Archive.excluded`, the ids that must
never be stored again (a takedown list): `excluded_ids` reads it.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.migrate import ensure_at_head

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker


@dataclass(frozen=True)
class Archive:
    """An archive open for one bulk writer."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    excluded: frozenset[int]  # DW ids never to store (see `excluded_ids`)


def excluded_ids(session: Session) -> frozenset[int]:
    """Return the DW ids that must not be stored: the archive keeps no takedown list yet."""
    del session  # the list will live in the archive; nothing to read until it does
    return frozenset()


@contextmanager
def open_for_writing(url: str) -> Iterator[Archive]:
    """Open the archive at `url` for writing (schema at head), and close it afterwards."""
    engine = make_engine(url)
    try:
        ensure_at_head(engine)
        sessions = make_sessionmaker(engine)
        with sessions.begin() as session:
            excluded = excluded_ids(session)
        yield Archive(url, engine, sessions, excluded)
    finally:
        engine.dispose()
