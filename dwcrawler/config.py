"""Project configuration: with `configfile`, the only code that reads environment variables.

Scrapy settings, Alembic's `migrations/env.py` and the `dwcrawler` command all ask this module,
so the crawl, the migrations and the queries always use the same database. Everyday values
come from `DWCRAWLER_*` environment variables or the config file (`dwcrawler.configfile`);
`-s NAME=VALUE` wins over both, and both win over the defaults.
"""

from __future__ import annotations

import os
import re
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from dwcrawler import configfile

DATABASE_URL_ENV = configfile.KEYS["database_url"]
DATA_DIR_ENV = configfile.KEYS["data_dir"]
# The Scrapy setting each everyday value of the environment or config file stands for.
SETTINGS = {
    "contact_url": "DW_CONTACT_URL",
    "log_file": "LOG_FILE",
    "log_level": "LOG_LEVEL",
    "warc_dir": "WARC_DIR",
}
# `dwcrawler doctor` calls a disk with less free space than this a problem.
DEFAULT_MIN_FREE_DISK = "1GB"
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

    `$DWCRAWLER_DATA_DIR` (or `data_dir` in the config file), else `$XDG_DATA_HOME/dwcrawler`,
    else `~/.local/share/dwcrawler`. An absolute, per-user path, so that a cron job finds the
    same database as the user.
    """
    explicit = configfile.value("data_dir")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "dwcrawler"


def default_database_path() -> Path:
    """Return the path of the default SQLite database (`<data_dir>/dw_sw.sqlite3`)."""
    return data_dir() / "dw_sw.sqlite3"


def database_url(override: str | None = None) -> str:
    """Return the archive's SQLAlchemy URL: `override`, the environment, config, or default.

    `$DWCRAWLER_DATABASE_URL`, else the config file's `database_url`, else the default SQLite
    file. Asking creates nothing: `dwcrawler db upgrade` creates the archive (and its directory).
    """
    if override:
        return override
    configured = configfile.value("database_url")
    if configured:
        return configured
    return f"sqlite:///{default_database_path()}"


def configured_settings() -> dict[str, Any]:
    """Return the Scrapy settings the environment and the config file give (ConfigError if bad).

    The settings module sets them above its own defaults; `-s NAME=VALUE` still wins.
    """
    found = dict(configfile.crawl_table())
    for key, setting in SETTINGS.items():
        if (given := configfile.value(key)) is not None:
            found[setting] = given
    return found


def warc_dir(database: str, setting: str | None = None) -> Path:
    """Return the folder of the archive's WARC files.

    `setting` (WARC_DIR), else `$DWCRAWLER_WARC_DIR` or the config file's `warc_dir`, else
    `warc/` beside a SQLite archive, else `warc/` in the data directory (PostgreSQL).
    """
    chosen = setting or configfile.value("warc_dir")
    if chosen:
        return Path(chosen).expanduser()
    if database_backend(database) == "sqlite":
        path = database.split("://", 1)[1].removeprefix("/") if "://" in database else database
        if path and path != ":memory:":
            return Path(path.split("?", 1)[0]).expanduser().parent / "warc"
    return data_dir() / "warc"


def min_free_disk() -> str:
    """Return the free disk space under which `dwcrawler doctor` reports a problem."""
    return configfile.value("min_free_disk") or DEFAULT_MIN_FREE_DISK


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
