"""The Datasette instance `dwcrawler serve` runs: the SQLite archive, read-only, on one socket."""

from __future__ import annotations

import signal
import socket
import sqlite3
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from dwcrawler.browse.metadata import build_metadata
from dwcrawler.browse.plugin import ARCHIVE_NAME, PLUGIN_NAME
from dwcrawler.db.migrate import UPGRADE_COMMAND, SchemaNotAtHead, head_revision

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from types import FrameType

# Datasette settings (https://docs.datasette.io/en/stable/settings.html). Arbitrary SQL stays
# on, limited to read-only statements by Datasette and to one second here; facets are the
# ones the metadata names (suggesting others costs a query per column on every page).
SETTINGS: dict[str, Any] = {
    "sql_time_limit_ms": 1000,
    "facet_time_limit_ms": 500,
    "max_returned_rows": 1000,
    "default_page_size": 50,
    "suggest_facets": False,
    "allow_download": False,  # the archive is many MB; `dwcrawler export` makes copies
    "truncate_cells_html": 0,
}


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """Return the SQLite URI that opens `path` read-only (or as an immutable file)."""
    mode = "immutable=1" if immutable else "mode=ro"
    return f"file:{quote(str(path.resolve()))}?{mode}"


def archive_revision(path: Path) -> str | None:
    """Return the archive's schema revision (None: never migrated), read-only."""
    connection = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            return None
        found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    return found[0] if found else None


def check_schema(path: Path, revision: str | None) -> None:
    """Raise `SchemaNotAtHead` unless the archive is at the newest migration (views included)."""
    head = head_revision()
    if revision == head:
        return
    state = "has no dwcrawler schema yet" if revision is None else f"is at revision {revision}"
    raise SchemaNotAtHead(f"archive {path} {state}, not at head {head}: run `{UPGRADE_COMMAND}`")


def make_datasette(path: Path, *, images: bool, immutable: bool) -> Any:
    """Return a Datasette serving the archive at `path` as `dw_sw`, read-only.

    A file cron may be writing is opened with SQLite's `mode=ro` (it sees each committed
    crawl); `immutable` (no locking, no change detection) is only for a file that cannot change.
    """
    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.plugins import pm

    from dwcrawler.browse import plugin

    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(plugin, name=PLUGIN_NAME)
    check_schema(path, archive_revision(path))
    datasette = Datasette(metadata=build_metadata(images=images), settings=SETTINGS)
    datasette.remove_database("_memory")  # added when no file is given to the constructor
    database = Database(datasette, path=str(path.resolve()), is_mutable=not immutable)
    datasette.add_database(database, name=ARCHIVE_NAME)
    return datasette


def listen(host: str, port: int) -> socket.socket:
    """Return a listening TCP socket on host:port (port 0: any free port)."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def run(datasette: Any, sock: socket.socket, ready: Callable[[], None]) -> None:
    """Serve until Ctrl-C or SIGTERM (uvicorn, the server Datasette itself runs on).

    `ready` is called once the server answers, warmed up.
    """
    import uvicorn

    class WarmServer(uvicorn.Server):
        """A server that opens the home page itself once it listens.

        Datasette reads the schema and compiles its templates on the first request: done
        here, a reader's first page does not wait for it.
        """

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            await datasette.client.get("/")
            ready()

    config = uvicorn.Config(datasette.app(), log_level="warning", lifespan="on")
    # uvicorn stops gracefully on SIGINT/SIGTERM, then raises the signal again for the handler
    # it found: these no-op handlers make a stop on request an ordinary end (exit status 0).
    stops = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, _stopped) for sig in stops}
    try:
        WarmServer(config).run(sockets=[sock])
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stopped(signum: int, frame: FrameType | None) -> None:
    """Take note of nothing: the server has already stopped."""
