"""The base of dw_sw: requests onto the configured origin, and the accounting of outcomes.

Every request goes through `request`, which maps a DW URL onto `DW_BASE_URL` and refuses
anything off that origin or disallowed for all crawlers. Every logical request ends in `done`,
and a failure for good in `fail` (counted, logged with its URL): the run verdict reads these.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy.spidermiddlewares.httperror import HttpError

from dwcrawler import __version__
from dwcrawler.middlewares.redirect import RedirectRefused
from dwcrawler.store import Store
from dwcrawler.urls import is_fetchable, rebase

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from scrapy.http import Response
    from scrapy.settings import BaseSettings
    from twisted.python.failure import Failure

    from dwcrawler.spiders.args import CrawlArgs


def user_agent(contact: str) -> str:
    """Return the User-Agent naming the project and the operator's contact URL."""
    return f"dwcrawler/{__version__} (DW Kiswahili archive crawler; +{contact})"


# Discovery documents that are missing are worth a warning, not a failed run; 304 answers a
# conditional request for a sitemap or feed that has not changed.
_MISSING = (404, 410)
_DISCOVERY_STATUSES = [304, *_MISSING]


class DwSpiderBase(Spider):
    """Requests onto the configured origin, and the accounting of their outcomes."""

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
        # No `allowed_domains`: every request passes `request` (and every redirect the guarded
        # redirect middlewares), which check the whole origin, port included, and count what
        # they refuse; Scrapy's offsite filter would drop silently on host names alone.
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

    def done(self) -> None:
        """Count one finished logical request (the run's error rate is over these)."""
        self.crawler.stats.inc_value("dwcrawler/requests_done")

    def fail(self, key: str, message: str, url: str) -> None:
        """Count and log a request that failed for good; keep its URL with the run."""
        self.crawler.stats.inc_value(key)
        self.crawler.stats.inc_value("dwcrawler/requests_failed")
        self.logger.error(message)
        Store.for_crawler(self.crawler).note_failure(url, message)

    def on_error(self, failure: Failure) -> None:
        """Account for a request that ended in an error after its retries."""
        request: Request = failure.request  # type: ignore[attr-defined]
        error = failure.value
        # Robots.txt and the like refuse on purpose; a refused redirect loses the page.
        if isinstance(error, IgnoreRequest) and not isinstance(error, HttpError | RedirectRefused):
            self.crawler.stats.inc_value("dwcrawler/ignored")
            self.logger.info("not fetched: %s (%s)", request.url, error)
            return
        self.done()
        if isinstance(error, HttpError):
            status = error.response.status
            message = f"failed: {request.url} (HTTP {status})"
            self.fail(f"dwcrawler/failed/http_{status}", message, request.url)
        else:
            name = type(error).__name__
            message = f"failed: {request.url} ({name}: {error})"
            self.fail(f"dwcrawler/failed/{name}", message, request.url)

    def missing(self, response: Response, dw_url: str, *, level: int = logging.WARNING) -> bool:
        """Count and log a discovery document that answered 404/410; True if it did."""
        self.done()
        if response.status in _MISSING:
            self.crawler.stats.inc_value("discovery/missing")
            self.logger.log(level, "discovery: %s answered HTTP %d", dw_url, response.status)
            return True
        return False

    async def content_requests(
        self, found: Iterable[tuple[str, datetime | None]], *, force: bool = False, hops: int = 0
    ) -> list[Request]:
        """Return requests for the content pages worth fetching (the spider decides)."""
        raise NotImplementedError

    def in_window(self, when: datetime | None, *, upper: bool = True) -> bool:
        """Return True if a document dated `when` belongs to this run."""
        raise NotImplementedError
