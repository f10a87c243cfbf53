"""Undo a response's Content-Encoding: WARC keeps bodies as sent, extraction wants the page.

Other crawlers' WARCs (Heritrix, the Internet Archive's) may also keep a chunked body as it
was transferred; `dechunk` (warcio's reader) undoes that first.

The codings Scrapy asks for (gzip, deflate; br and zstd where their packages are installed),
applied in reverse order of the header, with a bound on the decoded size: a body that inflates
past it is no web page (a gzip bomb) and is refused.
"""

from __future__ import annotations

import io
import zlib
from importlib import import_module
from typing import Any

from warcio.bufferedreaders import ChunkedDataReader

MAX_DECODED = 64 * 1024 * 1024  # far above any DW page (about 0.3 MB)


class EncodingError(ValueError):
    """A body whose Content-Encoding cannot be undone (unknown, damaged, or too large)."""


def _inflate(body: bytes, wbits: int) -> bytes:
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(body, MAX_DECODED + 1)
    if len(out) > MAX_DECODED:
        raise EncodingError(f"decodes to more than {MAX_DECODED // 2**20} MiB")
    if not inflater.eof:
        raise EncodingError("the compressed body is cut short")
    return out


def _deflate(body: bytes) -> bytes:
    # "deflate" is zlib data by the RFC, raw deflate by some servers: accept both, as browsers do.
    try:
        return _inflate(body, zlib.MAX_WBITS)
    except zlib.error:
        return _inflate(body, -zlib.MAX_WBITS)


def _optional(module: str, coding: str, body: bytes) -> bytes:
    try:
        codec: Any = import_module(module)
    except ImportError:
        raise EncodingError(f"{coding} needs the {module} package") from None
    out: bytes = codec.decompress(body)
    if len(out) > MAX_DECODED:
        raise EncodingError(f"decodes to more than {MAX_DECODED // 2**20} MiB")
    return out


def decode_body(body: bytes, content_encoding: str | None) -> bytes:
    """Return `body` with every coding of `content_encoding` undone (EncodingError if not)."""
    if not content_encoding:
        return body
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    try:
        for coding in reversed(codings):
            if coding in {"gzip", "x-gzip"}:
                body = _inflate(body, zlib.MAX_WBITS | 16)
            elif coding == "deflate":
                body = _deflate(body)
            elif coding == "br":
                body = _optional("brotli", coding, body)
            elif coding == "zstd":
                body = _optional("zstandard", coding, body)
            elif coding != "identity":
                raise EncodingError(f"unknown Content-Encoding {coding!r}")
    except zlib.error as exc:
        raise EncodingError(f"damaged {content_encoding} body ({exc})") from None
    return body


def dechunk(body: bytes) -> bytes:
    """Return a chunked (Transfer-Encoding) body joined; EncodingError if it is no such body."""
    reader = ChunkedDataReader(io.BytesIO(body))
    try:
        out: bytes = reader.read(MAX_DECODED + 1)
        rest = out
        while rest and len(out) <= MAX_DECODED:
            rest = reader.read(MAX_DECODED + 1 - len(out))
            out += rest
    except (ValueError, OSError) as exc:
        raise EncodingError(f"damaged chunked body ({exc})") from None
    if len(out) > MAX_DECODED:
        raise EncodingError(f"decodes to more than {MAX_DECODED // 2**20} MiB")
    return out
