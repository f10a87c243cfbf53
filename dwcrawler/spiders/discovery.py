"""Discovery for dw_sw: robots.txt → sitemaps, RSS feeds, listing pages.

Each callback reads one discovery document with the page objects and parsers (`discovery`,
`pages.feeds`, `pages.listing`) and hands the content pages it finds to the spider's
incremental decision (`content_requests`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dwcrawler.pages.feeds import FeedError, parse_feed
from dwcrawler.pages.listing import ListingPage
from dwcrawler.spiders.base import DwSpiderBase
from dwcrawler.spiders.sitemaps import (
    SitemapEntry,
    SitemapError,
    content_entries,
    is_kiswahili_sitemap,
    read_sitemap,
    robots_sitemaps,
    sitemap_body,
)
from dwcrawler.urls import DW_ORIGIN, from_base

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from scrapy import Request
    from scrapy.http import Response


class Discovery(DwSpiderBase):
    """The discovery callbacks of dw_sw."""

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
        listed = list(content_entries(on_dw))
        found = [(e.url, e.lastmod) for e in listed if self.in_window(e.lastmod)]
        self.crawler.stats.inc_value("discovery/sitemap_entries", len(listed))
        # Outside the window: not modified since the last run (update) or not asked for.
        self.crawler.stats.inc_value("incremental/skipped_window", len(listed) - len(found))
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
