"""The `dw_sw` spider: discovers DW Kiswahili pages and hands each one to the page objects.

Navigation only. Discovery starts from robots.txt (its `Sitemap:` lines → the sitemap index →
the Kiswahili child sitemaps), the Kiswahili RSS feeds, the home page and its sections and
topics, and links inside fetched articles. Every DW URL is fetched from `DW_BASE_URL` (the real
site, or a replica) and stored under its canonical https://www.dw.com/… URL.

Gone means gone: a stored article is marked gone only when its own stored URL answers 404 or
410; another URL with its id (a mistyped slug in `-a urls=…`, a stale link) is resolved to the
stored one, or checked against it. Articles taken down (`dwcrawler purge`) are never requested.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy import Request, Spider

from dwcrawler.archive.capture import CAPTURED, PREVIOUS
from dwcrawler.extraction import read
from dwcrawler.items import ArticleItem, FetchInfo, GoneItem, NotModifiedItem, with_fetch
from dwcrawler.pages import PageError
from dwcrawler.spiders.args import CrawlArgs, SpiderArgumentError, check_base_url, update_since
from dwcrawler.spiders.checks import content_type, header, not_html, report_charset
from dwcrawler.spiders.discovery import Discovery
from dwcrawler.spiders.incremental import conditional_headers, decide
from dwcrawler.spiders.settings_check import check_settings
from dwcrawler.store import ArchiveFailed, Store
from dwcrawler.urls import LANGUAGE, parse_content_url

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable, Mapping
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings

    from dwcrawler.archive.records import Captured
    from dwcrawler.spiders.incremental import KnownPage


class DwSwSpider(Discovery, Spider):
    """Crawl DW Kiswahili: `-a mode=update|backfill|urls`, `since`, `until`, `urls`."""

    name = "dw_sw"
    # 304 answers conditional re-checks; 404/410 mark a stored page gone.
    content_statuses: ClassVar[list[int]] = [304, 404, 410]

    def __init__(self, args: CrawlArgs, base: str, store: Store, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.args = args
        self.base = base.rstrip("/")
        self.store = store
        self.since: datetime | None = None
        self.until: datetime | None = None
        self._requested: set[int] = set()
        self.known_validators = {}
        self.validators = {}

    @classmethod
    def check_arguments(
        cls, raw: Mapping[str, object], settings: BaseSettings
    ) -> tuple[CrawlArgs, str]:
        """Validate the `-a` arguments and the settings they depend on (SpiderArgumentError)."""
        parsed, base = CrawlArgs.parse(raw), check_base_url(settings.get("DW_BASE_URL"))
        check_settings(settings)
        return parsed, base

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        if args:
            raise SpiderArgumentError("dw_sw takes only -a NAME=VALUE arguments")
        parsed, base = cls.check_arguments(kwargs, crawler.settings)
        spider = cls(parsed, base, Store.for_crawler(crawler))
        spider._set_crawler(crawler)
        spider.configure(crawler.settings)
        return spider

    # --- start -------------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Request]:
        try:
            await self.set_window()
        except ArchiveFailed:  # the run monitor stops the crawl and says why
            return
        if self.args.mode == "urls":
            for request in await self.content_requests(
                [(url, None) for url in self.args.urls], force=True
            ):
                yield request
            return
        async for request in self.discovery_requests():
            yield request

    async def set_window(self) -> None:
        """Set the lastmod window: backfill [since, until]; update: since the last success."""
        if self.args.mode == "backfill":
            self.since, self.until = self.args.window()
        elif self.args.mode == "update":
            self.since = update_since(await self.store.last_success(), self.update_window)
            self.known_validators = await self.store.discovery_validators()
        since = f"{self.since:%Y-%m-%d %H:%M} UTC" if self.since else "the beginning"
        until = f"{self.until:%Y-%m-%d %H:%M} UTC" if self.until else "now"
        self.logger.info("mode %s: pages modified from %s to %s", self.args.mode, since, until)

    def in_window(self, when: datetime | None, *, upper: bool = True) -> bool:
        """Return True if a page dated `when` belongs to this run (undated pages always do)."""
        if when is None:
            return True
        too_new = upper and self.until is not None and when >= self.until
        return not (self.since and when < self.since) and not too_new

    # --- content pages -----------------------------------------------------------------------
    async def content_requests(
        self, found: Iterable[tuple[str, datetime | None]], *, force: bool = False, hops: int = 0
    ) -> list[Request]:
        """Return requests for the content pages worth fetching among (url, lastmod) pairs.

        `force` (explicit URLs) re-checks stored pages, at their stored URL.
        """
        fresh: dict[int, tuple[str, datetime | None]] = {}
        for url, lastmod in found:
            ref = parse_content_url(url)
            if ref is None or ref.language != LANGUAGE or ref.dw_id in self._requested:
                continue
            if ref.dw_id in self.store.excluded:
                self.crawler.stats.inc_value("incremental/excluded")
                self.logger.info("not requesting %s: on the takedown list", ref.canonical)
                continue
            fresh.setdefault(ref.dw_id, (ref.canonical, lastmod))
        try:
            known = await self.store.known_pages(list(fresh)) if fresh else {}
        except ArchiveFailed:  # the run monitor stops the crawl and says why
            return []
        requests = []
        for dw_id, (found_url, lastmod) in fresh.items():
            state = known.get(dw_id)
            url = state.url if force and state is not None else found_url
            decision = decide(lastmod, state, force=force)
            self.crawler.stats.inc_value(f"incremental/{decision}")
            # Only a request marks a page done for this run: a page skipped here (found in a
            # feed, without a lastmod) may still come with a newer lastmod from a sitemap.
            if decision != "skip" and (
                request := self.content_request(url, dw_id, lastmod, state, hops)
            ):
                self._requested.add(dw_id)
                requests.append(request)
        return requests

    def content_request(
        self, url: str, dw_id: int, lastmod: datetime | None, state: KnownPage | None, hops: int
    ) -> Request | None:
        """Build the (conditional, for stored pages) request for one content page."""
        meta: dict[str, Any] = {"handle_httpstatus_list": self.content_statuses, "hops": hops}
        if state is not None and state.capture is not None:
            meta[PREVIOUS] = state.capture  # an unchanged payload becomes a WARC revisit
        stored = state.url if state is not None else None
        return self.request(
            url,
            self.parse_content,
            headers=dict(conditional_headers(state)),
            cb_kwargs={"dw_url": url, "dw_id": dw_id, "lastmod": lastmod, "stored_url": stored},
            meta=meta,
        )

    async def parse_content(
        self,
        response: Response,
        dw_url: str,
        dw_id: int,
        lastmod: datetime | None,
        stored_url: str | None,
    ) -> AsyncIterator[Any]:
        """Turn one content response into an item (or a 304/404 note), follow its links."""
        self.done()
        captured: Captured | None = response.meta.get(CAPTURED)
        # The capture's date: an archive rebuilt from the WARC files then tells the same times.
        now = captured.date if captured is not None else datetime.now(UTC)
        if response.status == 304:
            self.crawler.stats.inc_value("incremental/not_modified")
            yield NotModifiedItem(url=dw_url, dw_id=dw_id, checked_at=now, sitemap_lastmod=lastmod)
            return
        if response.status in (404, 410):
            self.crawler.stats.inc_value(f"content/http_{response.status}")
            if stored_url is None:
                # A link to a page that does not exist (any more): nothing of ours is lost.
                self.logger.info("HTTP %d for %s (never stored)", response.status, dw_url)
            elif dw_url == stored_url:  # the article's own URL: it is gone
                yield GoneItem(dw_url, dw_id, response.status, now, sitemap_lastmod=lastmod)
            elif recheck := self.recheck_stored(response, dw_id, stored_url, lastmod):
                yield recheck
            return
        item = self.extract(response, dw_url)
        if item is None:
            return
        fetch = FetchInfo(
            fetched_at=now,
            url=dw_url,
            status=response.status,
            etag=header(response, b"ETag"),
            last_modified=header(response, b"Last-Modified"),
            sitemap_lastmod=lastmod,
            capture=captured.payload if captured is not None else None,
        )
        yield with_fetch(item, fetch)
        hops = int(response.meta.get("hops", 0))
        if hops < self.link_hops:
            for request in await self.content_requests(
                ((link, None) for link in item.links), hops=hops + 1
            ):
                yield request

    def recheck_stored(
        self, response: Response, dw_id: int, stored_url: str, lastmod: datetime | None
    ) -> Request | None:
        """Ask the stored URL of an article whose other URL answered 404 or 410."""
        self.logger.info(
            "HTTP %d for %s; article %d is stored as %s: asking that URL",
            response.status,
            response.url,
            dw_id,
            stored_url,
        )
        self.crawler.stats.inc_value("content/recheck_stored")
        return self.request(
            stored_url,
            self.parse_content,
            cb_kwargs={
                "dw_url": stored_url,
                "dw_id": dw_id,
                "lastmod": lastmod,
                "stored_url": stored_url,
            },
            meta={"handle_httpstatus_list": self.content_statuses, "hops": response.meta["hops"]},
            dont_filter=True,  # this run may have fetched it for another reason: ask again
        )

    def extract(self, response: Response, dw_url: str) -> ArticleItem | None:
        """Read a response into a raw item (`extraction.read`); a failure is logged and counted.

        The item pipelines clean and validate it (`extraction.clean`, `extraction.validate`).
        """
        kind = content_type(response)
        if (problem := not_html(kind)) is not None:
            self.fail("content/not_html", f"cannot extract {dw_url}: {problem}", dw_url)
            return None
        stats = self.crawler.stats
        started = time.thread_time()
        try:
            reading = read(response.body, kind, dw_url)
        except PageError as exc:
            self.fail("extract/failed", f"cannot extract {dw_url}: {exc}", dw_url)
            return None
        finally:
            stats.inc_value("time/extract_us", round((time.thread_time() - started) * 1e6))
        if reading.charset_note is not None:
            report_charset(reading.charset_note, dw_url, stats, self.logger)
        return reading.item
