"""Check the settings a user can get wrong (`-s NAME=VALUE`) before the crawl starts.

A setting Scrapy reads later (a threshold at the end of the run, the database when the store
opens) would otherwise fail with a traceback after the crawl has begun; here it is one line
and exit status 2, like a bad spider argument.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dwcrawler import configfile
from dwcrawler.config import DatabaseURLError, database_backend, database_url, require_driver
from dwcrawler.fieldrates import FIELDS
from dwcrawler.spiders.args import SpiderArgumentError

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

FRACTIONS = ("DW_MAX_ERROR_RATE", "DW_FIELD_RELATIVE_DROP")
POSITIVE = ("DW_UPDATE_WINDOW_DAYS", "WARC_MAX_SIZE", "DW_HEARTBEAT_INTERVAL")
NOT_NEGATIVE = ("DW_PROGRESS_INTERVAL",)  # 0 switches the progress line off
COUNTS = (
    "DW_FAILED_URLS_KEPT",
    "DW_MAX_LISTING_PAGES",
    "DW_LINK_HOPS",
    "DW_FIELD_MIN_ITEMS",
    "DW_FIELD_HISTORY_RUNS",
)


def _number(settings: BaseSettings, name: str, kind: type[float | int]) -> float | None:
    raw = settings.get(name)
    if raw is None:  # not set at all (settings without the project's): nothing to check
        return None
    try:
        value = kind(raw)
    except (TypeError, ValueError):
        expected = "a whole number" if kind is int else "a number"
        raise SpiderArgumentError(f"{name}={raw!r} is not {expected}") from None
    return value


def check_settings(settings: BaseSettings) -> None:
    """Raise SpiderArgumentError (one line) for a config file, database URL or number that is wrong."""
    try:
        configfile.load()
    except configfile.ConfigError as exc:
        raise SpiderArgumentError(str(exc)) from None
    try:
        require_driver(database_backend(database_url(settings.get("DATABASE_URL") or None)))
    except DatabaseURLError as exc:
        raise SpiderArgumentError(f"DATABASE_URL: {exc}") from None
    for name in FRACTIONS:
        if (share := _number(settings, name, float)) is not None and not 0 <= share <= 1:
            raise SpiderArgumentError(f"{name}={settings.get(name)!r}: use 0 to 1 (a share)")
    for name in POSITIVE:
        if (amount := _number(settings, name, float)) is not None and amount <= 0:
            raise SpiderArgumentError(f"{name}={settings.get(name)!r}: use a number above 0")
    for name in NOT_NEGATIVE:
        if (amount := _number(settings, name, float)) is not None and amount < 0:
            raise SpiderArgumentError(f"{name}={settings.get(name)!r}: use 0 (off) or more")
    for name in COUNTS:
        if (count := _number(settings, name, int)) is not None and count < 0:
            raise SpiderArgumentError(f"{name}={settings.get(name)!r}: use 0 or more")
    if (level := _number(settings, "WARC_GZIP_LEVEL", int)) is not None and not 0 <= level <= 9:
        raise SpiderArgumentError(
            f"WARC_GZIP_LEVEL={settings.get('WARC_GZIP_LEVEL')!r}: use 1 to 9 (0: no gzip)"
        )
    try:
        rates = {key: float(value) for key, value in settings.getdict("DW_FIELD_MIN_RATES").items()}
    except (TypeError, ValueError) as exc:
        raise SpiderArgumentError(f"DW_FIELD_MIN_RATES: {exc}") from None
    if any(not 0 <= rate <= 1 for rate in rates.values()):
        raise SpiderArgumentError(f"DW_FIELD_MIN_RATES={rates!r}: rates go from 0 to 1")
    if unknown := sorted(set(rates) - set(FIELDS)):  # a misspelt field would never alarm
        raise SpiderArgumentError(
            f"DW_FIELD_MIN_RATES names no monitored field: {', '.join(unknown)} "
            f"(fields: {', '.join(FIELDS)})"
        )
