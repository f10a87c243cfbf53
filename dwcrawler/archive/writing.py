"""The one door of the bulk writers (`import-warc`, `reextract`) into the archive.

Both open the archive with `open_for_writing`, which takes the archive's lease (one writer at
a time, like a crawl), checks the schema and gives them their session factory, for the whole
run. Before an item is stored, its DW id is looked up in `Archive.excluded`, the ids taken
down with `dwcrawler purge` that must never be stored again.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.lease import archive_lease
from dwcrawler.db.migrate import ensure_at_head
from dwcrawler.db.repository import excluded_ids

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
    excluded: frozenset[int]  # DW ids taken down (`dwcrawler purge`): never stored again


@contextmanager
def open_for_writing(url: str, purpose: str) -> Iterator[Archive]:
    """Hold the archive's lease, open it for writing (schema at head), close it afterwards.

    Raises `dwcrawler.db.lease.ArchiveBusy` (exit status 75) when another writer holds it.
    """
    with archive_lease(url, purpose):
        engine = make_engine(url)
        try:
            ensure_at_head(engine)
            sessions = make_sessionmaker(engine)
            with sessions.begin() as session:
                excluded = frozenset(excluded_ids(session))
            yield Archive(url, engine, sessions, excluded)
        finally:
            engine.dispose()
