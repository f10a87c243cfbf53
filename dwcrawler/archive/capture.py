"""WarcCapture: the downloader middleware that writes every response, as received, to WARC.

Numbered 950, above HttpCompressionMiddleware (590): Scrapy decompresses bodies there and drops
`Content-Encoding`, so only a middleware closer to the downloader sees the wire bytes. Each
response (and its request) goes to the crawl's `WarcWriter`, off the reactor; once written,
`request.meta[CAPTURED]` says where (`Captured`), and the spider stores that with the item.
A spider's request may carry `meta[PREVIOUS]`, the archive's earlier capture of the URL: an
identical payload then becomes a `revisit` record, as does every 304.

A folder that cannot be written stops the crawl before anything is fetched; a record that
cannot be written is counted (`warc/failed`), logged with its URL, and fails the run.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from importlib.metadata import version
from socket import gethostname
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import CloseSpider, NotConfigured

from dwcrawler import __version__
from dwcrawler.archive.paths import warc_dir
from dwcrawler.archive.records import Exchange
from dwcrawler.archive.writer import WarcFiles, WarcWriter
from dwcrawler.config import database_url

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.http.headers import Headers
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

CAPTURED = "dwcrawler_warc"  # request.meta key: the `Captured` of the response
PREVIOUS = "dwcrawler_warc_previous"  # request.meta key: the archive's `CaptureRef` of the URL
REFUSED_KEY = "warc/refused"
FAILED_KEY = "warc/failed"
# Settings of ours or that shape what is fetched: the warcinfo record names them.
_NAMED = ("DOWNLOAD_", "CONCURRENT_", "AUTOTHROTTLE_", "ROBOTSTXT_", "RETRY_", "USER_AGENT")


def crawl_settings(settings: BaseSettings) -> dict[str, Any]:
    """Return the settings that describe this crawl, for its warcinfo records."""
    chosen: dict[str, Any] = {}
    for name in sorted(settings.attributes):
        if name.endswith("_BASE") or not name.startswith(("DW_", "WARC_", "DATABASE_URL", *_NAMED)):
            continue
        value = settings.get(name)
        if name == "DATABASE_URL" and value and "@" in str(value):
            value = "(set; it may hold a password)"
        try:
            json.dumps(value)
        except TypeError:  # component dictionaries and classes: not a user's choice
            continue
        chosen[name] = value
    return chosen


def warcinfo(settings: BaseSettings) -> dict[str, str]:
    """Return the fields of the warcinfo record that opens each WARC file."""
    return {
        "software": f"dwcrawler/{__version__} (Scrapy {version('scrapy')}; "
        f"warcio {version('warcio')})",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        "hostname": gethostname(),
        "dw-base-url": str(settings.get("DW_BASE_URL")),
        "http-header-user-agent": str(settings.get("USER_AGENT")),
        "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        "dwcrawler-settings": json.dumps(crawl_settings(settings), sort_keys=True),
    }


def _headers(headers: Headers) -> list[tuple[str, str]]:
    # Latin-1 maps each byte to one character: the header bytes survive unchanged.
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


class WarcCapture:
    """Write each response and its request to the crawl's WARC files (module docstring)."""

    def __init__(self, crawler: Crawler, writer: WarcWriter) -> None:
        self.crawler = crawler
        self.writer = writer
        self.is_open = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("WARC_ENABLED"):
            # The user's choice, not a problem: said at INFO (Scrapy logs a reason at WARNING).
            logger.info("WARC capture is off (WARC_ENABLED=False): no WARC files")
            raise NotConfigured
        folder = warc_dir(settings.get("WARC_DIR"), database_url(settings.get("DATABASE_URL")))
        files = WarcFiles(
            folder,
            max_size=settings.getint("WARC_MAX_SIZE"),
            gzip_level=settings.getint("WARC_GZIP_LEVEL"),
            info=warcinfo(settings),
        )
        capture = cls(crawler, WarcWriter(files))
        crawler.signals.connect(capture.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(capture.spider_closed, signal=signals.spider_closed)
        return capture

    async def spider_opened(self) -> None:
        try:
            await self.writer.open()
        except OSError as exc:
            message = (
                f"cannot write WARC files in {self.writer.files.folder}: {exc.strerror or exc}"
            )
            self.crawler.stats.set_value(REFUSED_KEY, message)
            logger.error("%s", message)
            raise CloseSpider("warc_refused") from exc
        self.is_open = True
        logger.info("WARC files go to %s", self.writer.files.folder)

    async def spider_closed(self) -> None:
        await self.writer.close()
        self.is_open = False
        files = self.writer.files.files
        self.crawler.stats.set_value("warc/files", len(files))

    async def process_response(self, request: Request, response: Response) -> Response:
        if not self.is_open:
            return response
        stats = self.crawler.stats
        assert stats is not None
        exchange = Exchange(
            url=response.url,
            method=request.method,
            request_headers=_headers(request.headers),
            request_body=request.body,
            protocol=response.protocol or "HTTP/1.1",
            status=response.status,
            response_headers=_headers(response.headers),
            body=response.body,
            date=datetime.now(UTC),
            previous=request.meta.get(PREVIOUS),
        )
        try:
            captured = await self.writer.write(exchange)
        except OSError as exc:  # a full disk, a lost folder: the bytes are not kept
            stats.inc_value(FAILED_KEY)
            logger.error("%s: not written to the WARC files: %r", response.url, exc)
            return response
        request.meta[CAPTURED] = captured
        kind = "revisits" if captured.payload is not captured.record else "responses"
        stats.inc_value(f"warc/{kind}")
        return response
