"""Where the WARC files live, and how a row's `warc_file` names one.

By default beside the SQLite archive (`<folder of dw_sw.sqlite3>/warc/`), or for PostgreSQL
in the data folder (`dwcrawler.config.data_dir()/warc/`); `WARC_DIR` (the crawl) or
`--warc-dir` (the commands) moves it. Rows name files inside that folder by their bare name,
so the folder can be moved or restored from a backup; files imported from elsewhere are named
by their absolute path. No SQLAlchemy and no Scrapy here: the crawl process asks this module.
"""

from __future__ import annotations

from pathlib import Path

from dwcrawler.config import data_dir, database_backend

FOLDER = "warc"


def _sqlite_path(url: str) -> Path | None:
    """Return the file of a SQLite URL or bare path (None in memory or for PostgreSQL)."""
    if "://" not in url:
        return Path(url).expanduser()
    if database_backend(url) != "sqlite":
        return None
    rest = url.split("://", 1)[1]
    path = rest.removeprefix("/")  # sqlite:///relative, sqlite:////abs
    path = path.split("?", 1)[0]
    return Path(path).expanduser() if path and path != ":memory:" else None


def default_warc_dir(database_url: str) -> Path:
    """Return the default WARC folder of the archive at `database_url`."""
    sqlite = _sqlite_path(database_url)
    return (sqlite.parent if sqlite is not None else data_dir()) / FOLDER


def warc_dir(setting: str | None, database_url: str) -> Path:
    """Return the WARC folder: `setting` when given, else the archive's default."""
    if setting:
        return Path(setting).expanduser()
    return default_warc_dir(database_url)


def stored_name(path: Path, folder: Path) -> str:
    """Return how a row names a WARC file: its name inside `folder`, else its absolute path."""
    resolved = path.resolve()
    if resolved.parent == folder.resolve():
        return resolved.name
    return str(resolved)


def locate(name: str, folder: Path) -> Path:
    """Return the file a row's `warc_file` names (a bare name is inside `folder`)."""
    path = Path(name)
    return path if path.is_absolute() else folder / path
