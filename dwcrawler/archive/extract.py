"""The bulk path's worker side: a WARC capture through the one road, as the crawl reads it.

A worker process gets a chunk of work (`PageCapture`, or sightings that need no extraction)
and returns it in order, each capture read (`extraction.read`), cleaned and validated exactly
as the crawl's spider and pipelines do, or failed with one line naming why. No Scrapy, no
database: the main process is the one writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dwcrawler.archive.encoding import EncodingError
from dwcrawler.db.hashing import item_hash
from dwcrawler.extraction import clean, read, validate
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


Work = PageCapture | Sighting | GoneCapture
Result = Page | Failed | Sighting | GoneCapture


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
    meta = work.meta_hash is not None and item_hash(item) != work.meta_hash
    return Page(item, meta_changed=meta)


def run_chunk(chunk: Sequence[Work]) -> list[Result]:
    """Process a chunk in order: pages are extracted, sightings pass through."""
    return [extract_capture(w) if isinstance(w, PageCapture) else w for w in chunk]
