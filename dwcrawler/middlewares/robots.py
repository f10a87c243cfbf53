"""robots.txt read once: Scrapy's robots middleware fetches it, and the spider reads its sitemaps.

Scrapy's `RobotsTxtMiddleware` fetches each host's robots.txt before the first request to that
host. Its parser (`ROBOTSTXT_PARSER`) is ours: Protego, as Scrapy's default, also keeping the
file's `Sitemap:` lines, so the spider starts discovery from the same download instead of
fetching robots.txt a second time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.robotstxt import ProtegoRobotParser

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler


class SitemapsRobotParser(ProtegoRobotParser):
    """Scrapy's Protego robots.txt parser that also keeps the file's `Sitemap:` URLs."""

    def __init__(self, robotstxt_body: bytes, spider: Spider | None) -> None:
        super().__init__(robotstxt_body, spider)
        self.sitemaps: list[str] = list(dict.fromkeys(self.rp.sitemaps))


async def robots_sitemaps(crawler: Crawler, robots_url: str) -> list[str] | None:
    """Return the `Sitemap:` URLs of the robots.txt at `robots_url`, read by the middleware.

    None when the crawl does not obey robots.txt (no middleware: the spider fetches the file
    itself); an empty list when the file could not be read or names no sitemap.
    """
    middleware = next(
        (
            component
            for component in crawler.engine.downloader.middleware.middlewares
            if isinstance(component, RobotsTxtMiddleware)
        ),
        None,
    )
    if middleware is None:
        return None
    parser = await middleware.robot_parser(Request(robots_url))
    return list(parser.sitemaps) if isinstance(parser, SitemapsRobotParser) else []
