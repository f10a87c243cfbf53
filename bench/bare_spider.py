"""The limit of the stack: a bare Scrapy spider that only fetches a list of URLs.

`bench_crawl` runs it with `scrapy runspider` outside the project (plain Scrapy settings, the
same loopback overrides as the dw_sw crawl) on the URLs dw_sw fetches, and keeps nothing.
`-a gc=tuned` gives it the collector settings `scrapy crawl dw_sw` runs with (`tune_gc`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import Request, Spider

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from scrapy.http import Response


class BareSpider(Spider):
    """Fetch every URL of the file given as `-a urls=FILE`; parse nothing, keep nothing."""

    name = "bare"

    def __init__(self, urls: str, gc: str = "default", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url_file = Path(urls)
        if gc == "tuned":
            from dwcrawler.commands.crawl import tune_gc

            tune_gc()

    async def start(self) -> AsyncIterator[Request]:
        for url in self.url_file.read_text().split():
            yield Request(url, callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> None:
        self.crawler.stats.inc_value("bare/pages")
