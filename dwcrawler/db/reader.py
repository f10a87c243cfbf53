"""Open the archive to read it: read-only always, and immutable where nothing can be written.

A query never needs to write, so SQLite archives are opened `mode=ro` and PostgreSQL sessions
are read-only. A WAL archive opened read-only still needs its `-shm` file, which SQLite cannot
create in a folder it may not write (a researcher's copy, a backup mounted read-only): there
the archive is opened in SQLite's immutable mode, which takes no locks and reads the file as
it is, on the promise that nobody changes it meanwhile. The caller tells the user once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError

from dwcrawler.db.engine import make_engine, sqlite_file

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

IMMUTABLE_NOTE = (
    "the archive's folder cannot be written (read-only media?): reading it in SQLite's "
    "immutable mode, which assumes nothing changes it meanwhile"
)
# What SQLite says when a read-only open needs a file it cannot create.
_CANNOT_OPEN = frozenset({"SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_READONLY_CANTINIT"})


@dataclass(frozen=True, slots=True)
class Reader:
    """An engine for reading the archive, and whether it had to be opened immutable."""

    engine: Engine
    immutable: bool


def open_reader(url: str) -> Reader:
    """Return a read-only engine for `url`; immutable for SQLite where read-only cannot open."""
    engine = make_engine(url, sqlite_begin="DEFERRED", access="read")
    path = sqlite_file(engine.url)
    if path is None or not path.exists():
        return Reader(engine, immutable=False)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master")
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlite_errorname", None) not in _CANNOT_OPEN:
            return Reader(engine, immutable=False)  # another problem: the caller meets it
        engine.dispose()
        immutable = make_engine(url, sqlite_begin="DEFERRED", access="immutable")
        return Reader(immutable, immutable=True)
    return Reader(engine, immutable=False)
