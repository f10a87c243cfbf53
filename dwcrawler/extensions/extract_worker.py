"""What an extraction worker runs: decode, parse and clean fetched pages. No Scrapy here.

A worker process imports only this module and what it uses (the page objects, the cleaning,
lxml): importing Scrapy and Twisted as well cost each worker about 0.4 s of CPU at start-up,
on the core the writer and the crawl share with it. `extensions.extractors` (the crawl side)
sends pages here; the crawl process calls `timed_parse` itself when it runs without workers.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, NamedTuple

from dwcrawler.extraction import finish
from dwcrawler.pages import PageError, parse_page
from dwcrawler.pages.charset import decode_body

if TYPE_CHECKING:
    from dwcrawler.extensions.grouping import Outcome
    from dwcrawler.items import ArticleItem


class Extracted(NamedTuple):
    """What reading one fetched page gave: its item (or why there is none) and what it cost."""

    item: ArticleItem | None  # None: the page could not be read (see `error`)
    parse_seconds: float  # CPU seconds decoding and parsing, where it ran
    clean_seconds: float  # 0.0: not cleaned yet (the CleanPipeline cleans it)
    charset_note: str | None = None  # the body's charset labels were off (`pages.charset`)
    error: PageError | None = None


# A fetched page as the spider hands it over: raw body, Content-Type header, URL. The body goes
# to a worker as bytes (a copy), not as text (pickling 68 KB of text costs ~0.2 ms each way).
Page = tuple[bytes, str | None, str]


def _read(page: Page, *, clean: bool) -> Extracted:
    body, content_type, url = page
    # This thread's CPU time: neither the writer thread's work nor waits for the GIL count.
    started = time.thread_time()
    decoded = decode_body(body, content_type)
    note = decoded.note
    try:
        item = parse_page(decoded, url)
    except PageError as exc:
        return Extracted(None, time.thread_time() - started, 0.0, note, exc)
    parsed = time.thread_time()
    if not clean:
        return Extracted(item, parsed - started, 0.0, note)
    try:
        item = finish(item)
    except Exception:  # noqa: BLE001 - reported by CleanPipeline, which cleans it again
        return Extracted(item, parsed - started, 0.0, note)
    return Extracted(item, parsed - started, time.thread_time() - parsed, note)


def timed_parse(page: Page) -> Extracted:
    """Decode and parse one page in the crawl process; CleanPipeline cleans the item."""
    return _read(page, clean=False)


def timed_extract(page: Page) -> Extracted:
    """Decode, parse and clean one page in a worker (CleanPipeline passes the item on).

    Cleaning where the page was parsed takes its CPU off the crawl process too, and the item
    crosses the process boundary once, already in its final shape. If cleaning fails, the raw
    item goes back and CleanPipeline cleans it again, where a failure is counted and logged.
    """
    return _read(page, clean=True)


def extract_group(pages: list[Page]) -> list[Outcome]:
    """Extract a group of pages in a worker: one `Outcome` per page."""
    return [(True, timed_extract(page)) for page in pages]
