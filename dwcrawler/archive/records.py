"""WARC records built with warcio from one HTTP exchange: request, response or revisit.

Each record becomes one gzip member of its own (at the configured level), so any record can be
read from its offset alone and a damaged one costs only itself. No Scrapy here: the capture
middleware turns Scrapy's request and response into an `Exchange` first.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date, iso_date_to_datetime
from warcio.warcwriter import WARCWriter

if TYPE_CHECKING:
    from dwcrawler.items import CaptureRef

WARC_VERSION = "1.1"
# Revisit profiles (WARC 1.1, section 6.7).
IDENTICAL_PAYLOAD = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
# The decoded transfer framing is gone from the body we keep: so is its header.
DROPPED_HEADERS = frozenset({"transfer-encoding"})

Headers = list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Exchange:
    """One HTTP request and the response to it, as the crawler sent and received them."""

    url: str  # the URL actually fetched
    method: str
    request_headers: Headers
    request_body: bytes
    protocol: str  # "HTTP/1.1"
    status: int
    response_headers: Headers  # in the order received, Transfer-Encoding included
    body: bytes  # as received: still compressed where the server compressed it
    date: datetime  # when the response arrived (aware)
    previous: CaptureRef | None = None  # what the archive already holds for this URL


@dataclass(frozen=True, slots=True)
class Captured:
    """Where an exchange went: its own record, and the record that holds its payload.

    `payload` is the record itself for a response, the earlier capture for a revisit of an
    identical payload, and None for a 304 (no payload) the archive held nothing for.
    """

    record: CaptureRef
    payload: CaptureRef | None
    date: datetime


def warc_date(when: datetime) -> str:
    """Return a WARC-Date (UTC, microseconds: WARC 1.1)."""
    naive = when.astimezone(UTC).replace(tzinfo=None)
    return str(datetime_to_iso_date(naive, use_micros=True))


def parse_warc_date(text: str) -> datetime:
    """Return the aware UTC datetime of a WARC-Date."""
    parsed: datetime = iso_date_to_datetime(text)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def reason_phrase(status: int) -> str:
    """Return the standard reason phrase of a status code ("" where none is known).

    Scrapy does not keep the phrase the server sent, so the standard one stands in for it.
    """
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


class RecordMaker:
    """Serialise records with warcio; compress each one as a gzip member of its own."""

    def __init__(self, gzip_level: int) -> None:
        self.gzip_level = gzip_level
        self._buffer = BytesIO()
        self._warc = WARCWriter(self._buffer, gzip=False, warc_version=WARC_VERSION)

    def _bytes(self, record: Any) -> bytes:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._warc.write_record(record)
        data = self._buffer.getvalue()
        if self.gzip_level == 0:
            return data
        compressor = zlib.compressobj(self.gzip_level, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        return compressor.compress(data) + compressor.flush()

    def warcinfo(self, filename: str, info: dict[str, str]) -> bytes:
        """Return the warcinfo record that opens a file."""
        return self._bytes(self._warc.create_warcinfo_record(filename, info))

    def exchange(self, exchange: Exchange) -> tuple[bytes, bytes, str | None, str]:
        """Return the response (or revisit) record, the request record, the payload digest.

        The last item is the record type: "response" or "revisit".
        """
        date = warc_date(exchange.date)
        http = StatusAndHeaders(
            f"{exchange.status} {reason_phrase(exchange.status)}".rstrip(),
            [(k, v) for k, v in exchange.response_headers if k.lower() not in DROPPED_HEADERS],
            protocol=exchange.protocol,
        )
        headers = {"WARC-Date": date}
        previous = exchange.previous
        if exchange.status == 304:
            record = self._warc.create_warc_record(
                exchange.url, "revisit", http_headers=http, warc_headers_dict=headers
            )
            record.rec_headers.add_header("WARC-Profile", NOT_MODIFIED)
            if previous is not None:
                record.rec_headers.add_header("WARC-Refers-To-Target-URI", exchange.url)
                record.rec_headers.add_header("WARC-Refers-To-Date", warc_date(previous.date))
            digest, kind = None, "revisit"
        else:
            record = self._warc.create_warc_record(
                exchange.url,
                "response",
                payload=BytesIO(exchange.body),
                length=len(exchange.body),
                http_headers=http,
                warc_headers_dict=headers,
            )
            digest, kind = record.rec_headers.get_header("WARC-Payload-Digest"), "response"
            if previous is not None and previous.digest == digest and exchange.status == 200:
                record = self._warc.create_revisit_record(
                    exchange.url, digest, exchange.url, warc_date(previous.date), http, headers
                )
                kind = "revisit"
        response = self._bytes(record)
        request = self._warc.create_warc_record(
            exchange.url,
            "request",
            payload=BytesIO(exchange.request_body),
            length=len(exchange.request_body),
            http_headers=self._request_line(exchange),
            warc_headers_dict={
                "WARC-Date": date,
                "WARC-Concurrent-To": record.rec_headers.get_header("WARC-Record-ID"),
            },
        )
        return response, self._bytes(request), digest, kind

    @staticmethod
    def _request_line(exchange: Exchange) -> StatusAndHeaders:
        parts = urlsplit(exchange.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = list(exchange.request_headers)
        if not any(name.lower() == "host" for name, _ in headers):
            headers.insert(0, ("Host", parts.netloc))
        line = f"{exchange.method} {target} {exchange.protocol}"
        return StatusAndHeaders(line, headers, is_http_request=True)
