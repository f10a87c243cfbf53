"""Incremental decisions: fetch a discovered page, re-check it conditionally, or skip it.

State lives in the database (`fetch_states`): a stored page is fetched again only when a sitemap
says it changed after what was stored; the re-check is conditional (ETag / Last-Modified), so
an unchanged page costs a 304.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping

    from dwcrawler.items import CaptureRef

Decision = Literal["fetch", "recheck", "skip"]


class KnownPage(Protocol):
    """What the spider needs to know about a stored page (the repository's FetchState)."""

    @property
    def url(self) -> str: ...  # its stored canonical URL
    @property
    def status(self) -> str: ...  # "live" or "gone"
    @property
    def etag(self) -> str | None: ...
    @property
    def last_modified(self) -> str | None: ...
    @property
    def sitemap_lastmod(self) -> datetime | None: ...
    @property
    def last_seen_at(self) -> datetime | None: ...
    @property
    def capture(self) -> CaptureRef | None: ...  # the WARC record of the stored content


# How far DW's clock (sitemap lastmod) may lag ours (last_seen_at) without an edit being missed.
CLOCK_SKEW = timedelta(hours=1)


def decide(lastmod: datetime | None, known: KnownPage | None, *, force: bool = False) -> Decision:
    """Decide what to do with a discovered page.

    New pages are fetched. A stored page is re-checked when `force` (explicit URLs) or when the
    sitemap's lastmod is newer than both the lastmod stored with it and the last time it was
    seen (less `CLOCK_SKEW`): a page re-saved without changes answers 304 once, and is not
    re-checked on every later run. Otherwise it is skipped. Gone pages follow the same rule, so
    a page that comes back with a newer lastmod is fetched again.
    """
    if known is None:
        return "fetch"
    if force:
        return "recheck"
    if lastmod is None:
        return "skip"
    marks = [known.sitemap_lastmod]
    if known.last_seen_at is not None:
        marks.append(known.last_seen_at - CLOCK_SKEW)
    mark = max((m for m in marks if m is not None), default=None)
    if mark is None or lastmod > mark:
        return "recheck"
    return "skip"


def validator_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """Return the If-None-Match / If-Modified-Since headers for a server's validators."""
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def conditional_headers(known: KnownPage | None) -> Mapping[str, str]:
    """Return If-None-Match / If-Modified-Since headers for a stored live page."""
    if known is None or known.status != "live":
        return {}
    return validator_headers(known.etag, known.last_modified)
