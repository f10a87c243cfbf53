"""Hand-made WARC files in other crawlers' layouts: Common Crawl, Heritrix, a mix of sites.

Built with warcio, record by record, the way those archives write them: responses of other
sites, DW pages in other languages, chunked and gzip-encoded bodies (Heritrix keeps the body as
transferred), Common Crawl's decoded payloads (`X-Crawler-Content-Encoding`) and its 1 MiB
truncation, and WET `conversion` records (the page as text).
"""

from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

if TYPE_CHECKING:
    from collections.abc import Iterable

PAGES = Path(__file__).parent.parent / "fixtures" / "pages" / "current"
SAMPLES = Path(__file__).parent.parent / "fixtures" / "samples"
SWAHILI = "article_mkutano-wa-wafadhili-koeln_2023-06-13"
GERMAN = "de_article_new-design_2024-01_fundus"
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Page:
    """A saved page: its HTML and the canonical URL its golden file names."""

    html: bytes
    url: str

    @classmethod
    def load(cls, folder: Path, name: str) -> Page:
        """Load `name`.html and the URL of `name`.json."""
        url = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))["url"]
        return cls((folder / f"{name}.html").read_bytes(), url)


def chunked(body: bytes, size: int = 1000) -> bytes:
    """Return `body` in HTTP/1.1 chunks, as Heritrix records a chunked response."""
    parts = [
        b"%x\r\n%s\r\n" % (len(body[i : i + size]), body[i : i + size])
        for i in range(0, len(body), size)
    ]
    return b"".join(parts) + b"0\r\n\r\n"


class ForeignWarc:
    """Write records into one WARC file (each record its own gzip member, unless `whole`)."""

    def __init__(self, path: Path, *, whole: bool = False) -> None:
        self.path, self.whole = path, whole
        self.buffer = io.BytesIO()
        self.writer = WARCWriter(self.buffer, gzip=not whole)

    def info(self, software: str = "CC-MAIN-2024-10 (Common Crawl)") -> None:
        """A warcinfo record of another crawler: it names no dw-base-url."""
        fields = {"software": software, "format": "WARC File Format 1.1"}
        self.writer.write_record(self.writer.create_warcinfo_record(self.path.name, fields))

    def response(
        self,
        url: str,
        body: bytes,
        *,
        status: str = "200 OK",
        headers: Iterable[tuple[str, str]] = (("Content-Type", HTML),),
        date: str = "2024-03-01T10:00:00Z",
        extra: dict[str, str] | None = None,
    ) -> None:
        """A response record (and, as crawlers write them, its request record first)."""
        request = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "x")], is_http_request=True)
        self.writer.write_record(
            self.writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=request,
                warc_headers_dict={"WARC-Date": date},
            )
        )
        http = StatusAndHeaders(status, list(headers), protocol="HTTP/1.1")
        self.writer.write_record(
            self.writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": date, **(extra or {})},
            )
        )

    def conversion(self, url: str, text: str, date: str = "2024-03-01T10:00:00Z") -> None:
        """A WET `conversion` record in Common Crawl's layout: the page's text, UTF-8."""
        headers = {
            "WARC-Date": date,
            "WARC-Refers-To": "<urn:uuid:00000000-0000-0000-0000-000000000001>",
            "WARC-Identified-Content-Language": "swa,eng",
            "Content-Type": "text/plain",
        }
        data = text.encode()
        record = self.writer.create_warc_record(
            url, "conversion", payload=io.BytesIO(data), length=len(data), warc_headers_dict=headers
        )
        self.writer.write_record(record)

    def close(self) -> Path:
        """Write the file (gzipped whole, for `whole`) and return its path."""
        data = self.buffer.getvalue()
        self.path.write_bytes(gzip.compress(data) if self.whole else data)
        return self.path
