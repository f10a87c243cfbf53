"""The optional config file: everyday settings in one TOML file, so a cron line stays short.

`$DWCRAWLER_CONFIG` names it; otherwise `$XDG_CONFIG_HOME/dwcrawler/config.toml`, else
`~/.config/dwcrawler/config.toml`, is read when it exists. Known keys only (a misspelt key
is an error, not a silent default), plus a `[crawl]` table of any Scrapy or dwcrawler
setting by its name:

    database_url = "postgresql+psycopg://dw@localhost/dw_sw"
    contact_url = "mailto:me@example.org"
    log_file = "~/.local/share/dwcrawler/crawl.log"

    [crawl]
    DOWNLOAD_DELAY = 2.0

Precedence (`dwcrawler.config`): `-s NAME=VALUE`, then `DWCRAWLER_*` environment variables,
then this file, then the defaults.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

CONFIG_ENV = "DWCRAWLER_CONFIG"
# The keys of the file, each with the environment variable that wins over it.
KEYS = {
    "database_url": "DWCRAWLER_DATABASE_URL",
    "data_dir": "DWCRAWLER_DATA_DIR",
    "contact_url": "DWCRAWLER_CONTACT_URL",
    "log_file": "DWCRAWLER_LOG_FILE",
    "log_level": "DWCRAWLER_LOG_LEVEL",
    "warc_dir": "DWCRAWLER_WARC_DIR",
    "min_free_disk": "DWCRAWLER_MIN_FREE_DISK",
}
CRAWL_TABLE = "crawl"


class ConfigError(ValueError):
    """The config file cannot be read or holds something unknown; the message is one line."""


def config_path() -> Path | None:
    """Return the config file to read: `$DWCRAWLER_CONFIG`, else the per-user default.

    An explicitly named file must exist; the default one is optional (None when absent).
    """
    explicit = os.environ.get(CONFIG_ENV)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CONFIG_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".config"
    default = base / "dwcrawler" / "config.toml"
    return default if default.is_file() else None


@cache
def _parse(path: Path, _version: tuple[int, int]) -> dict[str, Any]:
    """Read and check the file (cached per version: size and modification time)."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"config file {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(KEYS) - {CRAWL_TABLE})
    if unknown:
        raise ConfigError(
            f"config file {path}: unknown key(s) {', '.join(unknown)}; "
            f"known: {', '.join(KEYS)} and a [{CRAWL_TABLE}] table of settings"
        )
    for key in KEYS:
        if key in data and not isinstance(data[key], str | int):
            raise ConfigError(f"config file {path}: {key} must be a string")
    if not isinstance(data.get(CRAWL_TABLE, {}), dict):
        raise ConfigError(f"config file {path}: [{CRAWL_TABLE}] must be a table of settings")
    return data


def load() -> dict[str, Any]:
    """Return the config file's contents (empty without a file); raise ConfigError if bad."""
    path = config_path()
    if path is None:
        return {}
    try:
        status = path.stat()
    except OSError as exc:
        raise ConfigError(f"config file {path}: {exc.strerror or exc}") from None
    return _parse(path, (status.st_mtime_ns, status.st_size))


def value(key: str) -> str | None:
    """Return an everyday value: its `DWCRAWLER_*` variable, else the config file, else None."""
    from_env = os.environ.get(KEYS[key])
    if from_env:
        return from_env
    found = load().get(key)
    return None if found is None else str(found)


def crawl_table() -> dict[str, Any]:
    """Return the `[crawl]` table: settings by their Scrapy names."""
    table: dict[str, Any] = load().get(CRAWL_TABLE, {})
    return table
