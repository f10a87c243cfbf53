"""Discovery for dw_sw: robots.txt → sitemaps, RSS feeds, listing pages.

Each callback reads one discovery document with the page objects and parsers (`discovery`,
`pages.feeds`, `pages.listing`) and hands the content pages it finds to the spider's
incremental decision (`content_requests`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from sqlalchemy.exc import SQLAlchemyError

from dwcrawler.db.coverage import ListedPage
from dwcrawler.db.states import Validators
from dwcrawler.middlewares.robots import robots_sitemaps
from dwcrawler.pages.feeds import FeedError, parse_feed
from dwcrawler.pages.listing import ListingPage
from dwcrawler.spiders.base import DwSpiderBase
from dwcrawler.spiders.checks import header
from dwcrawler.spiders.incremental import validator_headers
from dwcrawler.spiders.sitemaps import (
    SitemapEntry,
    SitemapError,
    content_entries,
    is_kiswahili_sitemap,
    read_sitemap,
    sitemap_body,
)
from dwcrawler.spiders.sitemaps import robots_sitemaps as read_robots
from dwcrawler.urls import DW_ORIGIN, from_base, rebase

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator
    from typing import Any

    from scrapy import Request
    from scrapy.http import Response

    from dwcrawler.store import Store


class Discovery(DwSpiderBase):
    """The discovery callbacks of dw_sw."""

    # Validators of sitemaps and feeds, by the URL they were fetched at: those the last clean
    # update run kept (sent back in conditional requests), and those this run read (kept by
    # the run monitor when this run ends clean). Update runs only: a backfill reads everything.
    known_validators: dict[str, Validators]
    validators: dict[str, Validators]
    store: Store

    def conditional_request(
        self, dw_url: str, callback: Callable[..., Any], **cb_kwargs: Any
    ) -> Request | None:
        """Return a discovery request, conditional when this document's validators are known."""
        request = self.discovery_request(dw_url, callback, **cb_kwargs)
        known = self.known_validators.get(request.url) if request is not None else None
        if request is not None and known is not None:
            request.headers.update(validator_headers(known.etag, known.last_modified))
        return request

    def unchanged(self, response: Response) -> bool:
        """Note a sitemap's or feed's validators; return True if it answered 304 (nothing new)."""
        url = response.meta.get("redirect_urls", [response.url])[0]
        if response.status == 304:
            self.crawler.stats.inc_value("discovery/not_modified")
            if (known := self.known_validators.get(url)) is not None:
                self.validators[url] = known
            return True
        if self.args.mode == "update":
            etag, modified = header(response, b"ETag"), header(response, b"Last-Modified")
            if etag or modified:
                self.validators[url] = Validators(etag, modified)
        return False

    async def discovery_requests(self) -> AsyncIterator[Request]:
        """Yield the requests that start discovery: feeds, start pages, then the sitemaps.

        The sitemaps come from robots.txt as the robots middleware read it (one download of
        the file per run); a crawl that does not obey robots.txt fetches it here instead.
        """
        starts = [
            *(self.conditional_request(feed, self.parse_feed) for feed in self.feeds),
            *(
                self.discovery_request(page, self.parse_listing, page_no=0, depth=0)
                for page in self.start_pages
            ),
        ]
        for request in starts:
            if request is not None:
                yield request
        robots = f"{DW_ORIGIN}/robots.txt"
        named = await robots_sitemaps(self.crawler, rebase(robots, self.base))
        if named is None:
            if (request := self.discovery_request(robots, self.parse_robots)) is not None:
                yield request
            return
        for request in self.sitemap_requests([urljoin(robots, url) for url in named]):
            yield request

    def parse_robots(self, response: Response, dw_url: str) -> Iterator[Request]:
        """Follow the sitemaps robots.txt names (when the crawl does not obey robots.txt)."""
        missing = self.missing(response, dw_url)
        yield from self.sitemap_requests([] if missing else read_robots(response.body, dw_url))

    def sitemap_requests(self, sitemaps: list[str]) -> Iterator[Request]:
        """Request the sitemaps robots.txt names (DW's /sitemap.xml when it names none)."""
        for url in sitemaps or [f"{DW_ORIGIN}/sitemap.xml"]:
            request = self.discovery_request(url, self.parse_sitemap, kiswahili=False)
            if request is not None:
                yield request

    async def parse_sitemap(
        self, response: Response, dw_url: str, kiswahili: bool
    ) -> AsyncIterator[Request]:
        """Follow Kiswahili child sitemaps of an index; request a urlset's content pages.

        Child sitemaps are asked for conditionally: one that has not changed lists nothing new.
        """
        if self.missing(response, dw_url) or (kiswahili and self.unchanged(response)):
            return
        try:
            kind, entries = read_sitemap(sitemap_body(response.body, self.sitemap_max_size))
        except (SitemapError, OSError, ValueError) as exc:
            self.fail("discovery/bad_sitemap", f"sitemap {response.url}: {exc}", response.url)
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
                request = self.conditional_request(child, self.parse_sitemap, kiswahili=True)
                if request is not None:
                    yield request
            return
        on_dw = (SitemapEntry(from_base(e.loc, self.base), e.lastmod) for e in entries)
        listed = list(content_entries(on_dw))
        await self.record_listed(dw_url, [ListedPage(e.dw_id, e.url, e.lastmod) for e in listed])
        found = [(e.url, e.lastmod) for e in listed if self.in_window(e.lastmod)]
        self.crawler.stats.inc_value("discovery/sitemap_entries", len(listed))
        # Outside the window: not modified since the last run (update) or not asked for.
        self.crawler.stats.inc_value("incremental/skipped_window", len(listed) - len(found))
        for request in await self.content_requests(found):
            yield request

    async def record_listed(self, dw_url: str, pages: list[ListedPage]) -> None:
        """Keep what a sitemap lists, for `dwcrawler stats --coverage`; a failure is counted.

        The crawl goes on without the record: discovery matters more than the statistics.
        """
        try:
            await self.store.record_listed(pages)
        except SQLAlchemyError as exc:
            self.crawler.stats.inc_value("store/listing_failed")
            detail = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
            self.logger.error(
                "sitemap %s: its %d entries not recorded: %s", dw_url, len(pages), detail
            )

    async def parse_feed(self, response: Response, dw_url: str) -> AsyncIterator[Request]:
        """Request the new Kiswahili pages a feed lists (stored ones change via sitemaps).

        DW has not published the Kiswahili feed's name: `DW_FEEDS` tries the likely ones, so a
        missing feed is an INFO line, not a WARNING on every run.
        """
        if self.missing(response, dw_url, level=logging.INFO) or self.unchanged(response):
            return
        try:
            entries = parse_feed(response.body)
        except FeedError as exc:
            self.fail("discovery/bad_feed", f"feed {response.url}: {exc}", response.url)
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
