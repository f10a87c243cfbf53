"""Redirects that stay on the configured origin, and loops that end as a counted failure.

Scrapy follows a redirect by scheduling a new request, and that request can vanish without a
trace: the offsite filter drops a redirect to another host, and the duplicate filter drops the
way back of a loop (A → B → A), each logged at DEBUG only, so the page is silently never
fetched. These subclasses check the target first. A DW URL is mapped onto `DW_BASE_URL` (so a
replica's absolute www.dw.com redirect stays on the replica); a target off the origin, a loop
or too many hops raises `RedirectRefused`, which reaches the spider's errback, where it is
counted and logged with the URL as a failed request (and retried by the next run).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import IgnoreRequest

from dwcrawler.urls import is_fetchable, rebase

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler


class RedirectRefused(IgnoreRequest):
    """A redirect the crawl does not follow; the message says where it led and why."""


def _guard(crawler: Crawler, redirected: Request, request: Request, max_hops: int) -> Request:
    """Return the redirect to follow (on the configured origin) or raise RedirectRefused."""
    stats = crawler.stats
    assert stats is not None
    base: str | None = getattr(crawler.spider, "base", None)
    target = rebase(redirected.url, base) if base else redirected.url
    if base and not is_fetchable(target, base):
        stats.inc_value("redirect/refused/offsite")
        raise RedirectRefused(f"redirect to {redirected.url}, off the configured origin {base}")
    chain = [*request.meta.get("redirect_urls", []), request.url]
    if target in chain:
        stats.inc_value("redirect/refused/loop")
        raise RedirectRefused("redirect loop: " + " -> ".join([*chain, target]))
    if len(chain) > max_hops:
        stats.inc_value("redirect/refused/too_many")
        raise RedirectRefused(f"more than {max_hops} redirects: " + " -> ".join(chain))
    return redirected if target == redirected.url else redirected.replace(url=target)


class GuardedRedirectMiddleware(RedirectMiddleware):
    """Scrapy's 3xx handling, with the guard above on every hop."""

    # `_redirect` is the one place both of Scrapy's redirect middlewares hand over a new
    # request (Scrapy 2.19); checking there covers Location and meta-refresh alike.
    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        checked = _guard(self.crawler, redirected, request, self.max_redirect_times)
        return super()._redirect(checked, request, reason)


class GuardedMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's `<meta http-equiv=refresh>` handling, with the same guard."""

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        checked = _guard(self.crawler, redirected, request, self.max_redirect_times)
        return super()._redirect(checked, request, reason)
