"""Project configuration: the only module that reads environment variables.

Scrapy settings, Alembic's `migrations/env.py` and the `dwcrawler` command all ask this module,
so the crawl, the migrations and the queries always use the same database.
"""

from __future__ import annotations

import os
import re
from importlib.util import find_spec
from pathlib import Path

DATABASE_URL_ENV = "DWCRAWLER_DATABASE_URL"
DATA_DIR_ENV = "DWCRAWLER_DATA_DIR"
# The backends dwcrawler stores into, by the dialect a URL names (`postgres` is Heroku's).
BACKENDS = {"sqlite": "sqlite", "postgresql": "postgresql", "postgres": "postgresql"}
# The driver each backend needs, and the extra that installs it (SQLite's is Python's own).
DRIVERS = {"postgresql": ("psycopg", "postgres")}
# A SQLAlchemy URL begins `dialect[+driver]://`.
_URL_SCHEME = re.compile(r"^([\w+]+)://")


class DatabaseURLError(ValueError):
    """The database URL names a backend dwcrawler does not support."""


def data_dir() -> Path:
    """Return the directory for the default database and other local state.

    `$DWCRAWLER_DATA_DIR`, else `$XDG_DATA_HOME/dwcrawler`, else `~/.local/share/dwcrawler`.
    An absolute, per-user path, so that a cron job finds the same database as the user.
    """
    explicit = os.environ.get(DATA_DIR_ENV)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "dwcrawler"


def default_database_path() -> Path:
    """Return the path of the default SQLite database (`<data_dir>/dw_sw.sqlite3`)."""
    return data_dir() / "dw_sw.sqlite3"


def database_url(override: str | None = None) -> str:
    """Return the archive's SQLAlchemy URL: `override`, `$DWCRAWLER_DATABASE_URL`, or SQLite.

    Asking creates nothing: `dwcrawler db upgrade` creates the archive (and its directory).
    """
    if override:
        return override
    from_env = os.environ.get(DATABASE_URL_ENV)
    if from_env:
        return from_env
    return f"sqlite:///{default_database_path()}"


def database_backend(url: str) -> str:
    """Return the backend a database URL names, `sqlite` or `postgresql` (a bare path: SQLite).

    Raises DatabaseURLError for any other. Only the scheme is read, without SQLAlchemy and
    without connecting, so the crawl's settings check can refuse a wrong URL before anything is
    opened; whoever connects parses the whole URL (`dwcrawler.db.engine.normalise_url`).
    """
    if "://" not in url:
        return "sqlite"
    scheme = _URL_SCHEME.match(url)
    if scheme is None:
        raise DatabaseURLError(f"not a database URL: {url!r}")
    backend = BACKENDS.get(scheme.group(1).split("+", 1)[0].lower())
    if backend is None:
        raise DatabaseURLError(
            f"unsupported database {scheme.group(1)!r}: use sqlite:///PATH "
            "or postgresql+psycopg://USER@HOST/DB"
        )
    return backend


def require_driver(backend: str) -> None:
    """Raise DatabaseURLError, naming the extra to install, when the backend's driver is missing."""
    if backend not in DRIVERS:
        return
    module, extra = DRIVERS[backend]
    if find_spec(module) is None:
        raise DatabaseURLError(
            f"a {backend} archive needs the {module} driver: pip install 'dwcrawler[{extra}]'"
        )
