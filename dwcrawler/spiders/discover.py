"""Discovery for dw_sw: robots.txt → sitemaps, RSS feeds, listing pages; requests and errors.

The base class of the spider: it owns the mapping of DW URLs onto `DW_BASE_URL` (every request
goes through `request`, which refuses anything off the configured origin), the discovery
callbacks, and the accounting of finished and failed requests that the run verdict reads.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy.spidermiddlewares.httperror import HttpError

from dwcrawler import __version__
from dwcrawler.discovery import (
    SitemapEntry,
    SitemapError,
    content_entries,
    is_kiswahili_sitemap,
    read_sitemap,
    robots_sitemaps,
    sitemap_body,
)
from dwcrawler.pages.feeds import FeedError, parse_feed
from dwcrawler.pages.listing import ListingPage
from dwcrawler.urls import DW_ORIGIN, from_base, is_fetchable, rebase

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterable, Iterator

    from scrapy.http import Response
    from scrapy.settings import BaseSettings
    from twisted.python.failure import Failure

    from dwcrawler.spiders.args import CrawlArgs


def user_agent(contact: str) -> str:
    """Return the User-Agent naming the project and the operator's contact URL."""
    return f"dwcrawler/{__version__} (DW Kiswahili archive crawler; +{contact})"


# Discovery documents that are missing are worth a warning, not a failed run.
_DISCOVERY_STATUSES = [404, 410]


class Discovery(Spider):
    """Requests onto the configured origin, and the discovery callbacks."""

    base: str
    args: CrawlArgs

    def configure(self, settings: BaseSettings) -> None:
        """Read the discovery settings (feeds, start pages, limits, politeness identity)."""
        self.feeds: list[str] = settings.getlist("DW_FEEDS")
        self.start_pages: list[str] = settings.getlist("DW_START_PAGES")
        self.max_listing_pages = settings.getint("DW_MAX_LISTING_PAGES")
        self.link_hops = settings.getint("DW_LINK_HOPS")
        self.update_window = timedelta(days=settings.getfloat("DW_UPDATE_WINDOW_DAYS"))
        self.sitemap_max_size = settings.getint("DOWNLOAD_MAXSIZE")
        # Stay on the configured origin (and, against the real site, DW's feed host).
        host = self.base.split("://", 1)[1].split(":", 1)[0]
        self.allowed_domains = [host, "rss.dw.com"] if host == "www.dw.com" else [host]
        if not settings.get("DW_CONTACT_URL"):
            self.logger.warning("DW_CONTACT_URL is not set: DW cannot reach you about this crawl")

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        """Put the contact URL into the User-Agent (unless the user set USER_AGENT)."""
        super().update_settings(settings)
        contact = settings.get("DW_CONTACT_URL")
        user_agent_priority = settings.getpriority("USER_AGENT") or 0
        if contact and user_agent_priority <= SETTINGS_PRIORITIES["project"]:
            settings.set("USER_AGENT", user_agent(contact), priority="spider")

    # --- requests ----------------------------------------------------------------------------
    def request(self, dw_url: str, callback: Callable[..., Any], **kwargs: Any) -> Request | None:
        """Return a request for a DW URL on the configured origin, or None if off limits."""
        url = rebase(dw_url, self.base)
        if not is_fetchable(url, self.base):
            self.crawler.stats.inc_value("dwcrawler/refused_url")
            self.logger.debug("not requesting %s (off the configured origin or disallowed)", url)
            return None
        return Request(url, callback=callback, errback=self.on_error, **kwargs)

    def discovery_request(
        self, dw_url: str, callback: Callable[..., Any], **cb_kwargs: Any
    ) -> Request | None:
        """Return a request for a discovery document (robots, sitemap, feed, listing)."""
        return self.request(
            dw_url,
            callback,
            cb_kwargs={"dw_url": dw_url, **cb_kwargs},
            meta={"handle_httpstatus_list": _DISCOVERY_STATUSES},
            priority=10,  # read discovery documents before the pages they list
        )

    def discovery_requests(self) -> Iterator[Request]:
        """Yield the requests that start discovery: robots.txt, feeds, start pages."""
        starts = [
            self.discovery_request(f"{DW_ORIGIN}/robots.txt", self.parse_robots),
            *(self.discovery_request(feed, self.parse_feed) for feed in self.feeds),
            *(
                self.discovery_request(page, self.parse_listing, page_no=0, depth=0)
                for page in self.start_pages
            ),
        ]
        yield from (request for request in starts if request is not None)

    def done(self) -> None:
        """Count one finished logical request (the run's error rate is over these)."""
        self.crawler.stats.inc_value("dwcrawler/requests_done")

    def fail(self, key: str, message: str) -> None:
        """Count and log a request that failed for good."""
        self.crawler.stats.inc_value(key)
        self.crawler.stats.inc_value("dwcrawler/requests_failed")
        self.logger.error(message)

    def on_error(self, failure: Failure) -> None:
        """Account for a request that ended in an error after its retries."""
        request: Request = failure.request  # type: ignore[attr-defined]
        error = failure.value
        if isinstance(error, IgnoreRequest) and not isinstance(error, HttpError):
            self.crawler.stats.inc_value("dwcrawler/ignored")
            self.logger.info("not fetched: %s (%s)", request.url, error)
            return
        self.done()
        if isinstance(error, HttpError):
            status = error.response.status
            self.fail(f"dwcrawler/failed/http_{status}", f"failed: {request.url} (HTTP {status})")
        else:
            name = type(error).__name__
            self.fail(f"dwcrawler/failed/{name}", f"failed: {request.url} ({name}: {error})")

    def missing(self, response: Response, dw_url: str) -> bool:
        """Count and log a discovery document that answered 404/410; True if it did."""
        self.done()
        if response.status in _DISCOVERY_STATUSES:
            self.crawler.stats.inc_value("discovery/missing")
            self.logger.warning("discovery: %s answered HTTP %d", dw_url, response.status)
            return True
        return False

    async def content_requests(
        self, found: Iterable[tuple[str, datetime | None]], *, force: bool = False, hops: int = 0
    ) -> list[Request]:
        """Return requests for the content pages worth fetching (the spider decides)."""
        raise NotImplementedError

    # --- discovery callbacks -----------------------------------------------------------------
    def in_window(self, when: datetime | None, *, upper: bool = True) -> bool:
        """Return True if a document dated `when` belongs to this run."""
        raise NotImplementedError

    def parse_robots(self, response: Response, dw_url: str) -> Iterator[Request]:
        """Follow the sitemaps robots.txt names (DW's /sitemap.xml when it names none)."""
        sitemaps = [] if self.missing(response, dw_url) else robots_sitemaps(response.body, dw_url)
        for url in sitemaps or [f"{DW_ORIGIN}/sitemap.xml"]:
            request = self.discovery_request(url, self.parse_sitemap, kiswahili=False)
            if request is not None:
                yield request

    async def parse_sitemap(
        self, response: Response, dw_url: str, kiswahili: bool
    ) -> AsyncIterator[Request]:
        """Follow Kiswahili child sitemaps of an index; request a urlset's content pages."""
        if self.missing(response, dw_url):
            return
        try:
            kind, entries = read_sitemap(sitemap_body(response.body, self.sitemap_max_size))
        except (SitemapError, OSError, ValueError) as exc:
            self.fail("discovery/bad_sitemap", f"sitemap {response.url}: {exc}")
            return
        if kind == "sitemapindex":
            for entry in entries:
                child = from_base(entry.loc, self.base)
                # A child sitemap last changed before the window holds nothing for this run; one
                # changed after it may still list older pages, so only the lower bound applies.
                if not (kiswahili or is_kiswahili_sitemap(child)) or not self.in_window(
                    entry.lastmod, upper=False
                ):
                    continue
                request = self.discovery_request(child, self.parse_sitemap, kiswahili=True)
                if request is not None:
                    yield request
            return
        on_dw = (SitemapEntry(from_base(e.loc, self.base), e.lastmod) for e in entries)
        found = [(e.url, e.lastmod) for e in content_entries(on_dw) if self.in_window(e.lastmod)]
        self.crawler.stats.inc_value("discovery/sitemap_entries", len(found))
        for request in await self.content_requests(found):
            yield request

    async def parse_feed(self, response: Response, dw_url: str) -> AsyncIterator[Request]:
        """Request the new Kiswahili pages a feed lists (stored ones change via sitemaps)."""
        if self.missing(response, dw_url):
            return
        try:
            entries = parse_feed(response.body)
        except FeedError as exc:
            self.fail("discovery/bad_feed", f"feed {response.url}: {exc}")
            return
        found = [(e.url, None) for e in entries if self.in_window(e.published_at)]
        self.crawler.stats.inc_value("discovery/feed_entries", len(found))
        for request in await self.content_requests(found):
            yield request

    async def parse_listing(
        self, response: Response, dw_url: str, page_no: int, depth: int
    ) -> AsyncIterator[Request]:
        """Request new content a listing links to; its sections/topics once; older pages."""
        if self.missing(response, dw_url):
            return
        page = ListingPage(from_base(response.url, self.base), response.body)
        for request in await self.content_requests((url, None) for url in page.content_links()):
            yield request
        # (url, page number): sections and topics of a start page, and this listing's next page.
        follow = [(url, 0) for url in page.listing_links()] if depth == 0 else []
        next_page = page.next_page()
        if next_page and page_no < self.max_listing_pages:
            follow.append((next_page, page_no + 1))
        for url, number in follow:
            listing = self.discovery_request(url, self.parse_listing, page_no=number, depth=1)
            if listing is not None:
                yield listing
