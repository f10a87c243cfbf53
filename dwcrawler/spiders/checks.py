"""Checks on a content response and its item: what is not HTML, mislabelled or inconsistent.

Each finding is counted in the stats under a named key and logged with the page's URL, so a
fault the crawl survives (a wrong charset label, page data that disagrees with the HTML) is
still visible in the log and the run's counters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dwcrawler.pages.charset import is_html

if TYPE_CHECKING:
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector
    from scrapy.utils.log import SpiderLoggerAdapter


def header(response: Response, name: bytes) -> str | None:
    """Return a response header as text (HTTP headers are Latin-1), if the response has it."""
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def content_type(response: Response) -> str | None:
    """Return the response's Content-Type header, if any."""
    return header(response, b"Content-Type")


def not_html(kind: str | None) -> str | None:
    """Return why a response with this Content-Type is not an HTML page, or None."""
    return None if is_html(kind) else f"not an HTML page (Content-Type {kind})"


def report_charset(note: str, dw_url: str, stats: StatsCollector, log: SpiderLoggerAdapter) -> None:
    """Count and log a mislabelled charset (a note of `pages.charset.decode_body`)."""
    stats.inc_value(f"content/{note.split(':', 1)[0]}")
    log.warning("%s: %s", dw_url, note)
