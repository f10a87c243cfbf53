"""The bulk path's worker side: a WARC capture through the one road, as the crawl reads it.

A worker process gets a chunk of work (`PageCapture`, `TextCapture`, or sightings that need
no extraction) and returns it in order, each capture read (`extraction.read`), cleaned and
validated exactly as the crawl's spider and pipelines do (a text rendering through
`extraction.extract_text`), or failed with one line naming why. No Scrapy, no database: the
main process is the one writer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dwcrawler.archive.encoding import EncodingError
from dwcrawler.db.hashing import item_hash
from dwcrawler.extraction import clean, extract_text, read, validate
from dwcrawler.items import ArticleItem, CaptureRef, FetchInfo, with_fetch
from dwcrawler.pages import PageError
from dwcrawler.pages.charset import is_html
from dwcrawler.urls import LANGUAGE

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from dwcrawler.archive.read import WarcRecord


@dataclass(frozen=True, slots=True)
class PageCapture:
    """A 200 response for a DW Kiswahili content page: to extract and store."""

    record: WarcRecord
    dw_url: str  # the canonical DW URL it was fetched for
    dw_id: int
    capture: CaptureRef  # how the row will name the record
    meta_hash: str | None = None  # re-extraction: the stored row's, to tell metadata changes


@dataclass(frozen=True, slots=True)
class TextCapture:
    """A WET `conversion` record of a DW Kiswahili content page: the page as text."""

    record: WarcRecord
    dw_url: str
    dw_id: int
    capture: CaptureRef
    meta_hash: str | None = None  # re-extraction: as for `PageCapture`


@dataclass(frozen=True, slots=True)
class Sighting:
    """A capture without a new payload (a 304, an identical payload): the page was seen."""

    dw_id: int
    url: str
    date: datetime


@dataclass(frozen=True, slots=True)
class GoneCapture:
    """A 404 or 410 for a content page: it was gone at that date (if it is stored)."""

    dw_id: int
    url: str
    status: int
    date: datetime


@dataclass(frozen=True, slots=True)
class Page:
    """A capture read into a clean, valid item (its `fetch` names the capture)."""

    item: ArticleItem
    meta_changed: bool = False  # re-extraction: the metadata differs from the stored row's

    @property
    def seen_at(self) -> datetime:
        """Return when the page was captured."""
        assert self.item.fetch is not None  # every item of the bulk path names its capture
        return self.item.fetch.fetched_at


@dataclass(frozen=True, slots=True)
class Failed:
    """A capture that gave no storable item: one line says why."""

    url: str
    capture: CaptureRef
    reason: str


Work = PageCapture | TextCapture | Sighting | GoneCapture
Result = Page | Failed | Sighting | GoneCapture


def _truncated(item: ArticleItem, record: WarcRecord) -> ArticleItem:
    """Note a capture whose archive cut the payload short (Common Crawl keeps 1 MiB)."""
    if record.truncated is None:
        return item
    note = f"capture-truncated: WARC-Truncated {record.truncated}"
    return replace(item, warnings=(*item.warnings, note))


def _page(item: ArticleItem, meta_hash: str | None) -> Page:
    """Return the page; re-extraction (`meta_hash` given) notes whether its metadata moved."""
    return Page(item, meta_changed=meta_hash is not None and item_hash(item) != meta_hash)


def extract_text_capture(work: TextCapture) -> Page | Failed:
    """Read a WET record's text as a text rendering of its page (`capture: text`)."""
    try:
        text = (work.record.body or b"").decode("utf-8")
    except UnicodeDecodeError as exc:
        return Failed(work.dw_url, work.capture, f"the text is not UTF-8 ({exc.reason})")
    fetch = FetchInfo(fetched_at=work.capture.date, url=work.dw_url, capture=work.capture)
    try:
        item = extract_text(text, work.dw_url)
    except PageError as exc:
        return Failed(work.dw_url, work.capture, exc.message)
    return _page(_truncated(with_fetch(item, fetch), work.record), work.meta_hash)


def extract_capture(work: PageCapture) -> Page | Failed:
    """Read, clean and validate one captured page as the crawl does."""
    record = work.record
    kind = record.header("Content-Type")
    if not is_html(kind):
        return Failed(work.dw_url, work.capture, f"not an HTML page (Content-Type {kind})")
    fetch = FetchInfo(
        fetched_at=work.capture.date,
        url=work.dw_url,
        status=record.status or 200,
        etag=record.header("ETag"),
        last_modified=record.header("Last-Modified"),
        capture=work.capture,
    )
    try:
        reading = read(record.decoded_body(), kind, work.dw_url)
        item = validate(clean(with_fetch(reading.item, fetch)), language=LANGUAGE)
    except PageError as exc:
        return Failed(work.dw_url, work.capture, exc.message)
    except EncodingError as exc:
        return Failed(work.dw_url, work.capture, f"cannot decode the body: {exc}")
    return _page(_truncated(item, record), work.meta_hash)


def _run(work: Work) -> Result:
    if isinstance(work, PageCapture):
        return extract_capture(work)
    if isinstance(work, TextCapture):
        return extract_text_capture(work)
    return work


def run_chunk(chunk: Sequence[Work]) -> list[Result]:
    """Process a chunk in order: pages are extracted, sightings pass through."""
    return [_run(w) for w in chunk]
