"""Project configuration: the only module that reads environment variables.

Scrapy settings, Alembic's `migrations/env.py` and the `dwcrawler` command all ask this module,
so the crawl, the migrations and the queries always use the same database.
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_URL_ENV = "DWCRAWLER_DATABASE_URL"
DATA_DIR_ENV = "DWCRAWLER_DATA_DIR"


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
