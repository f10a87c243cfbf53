"""Decode a fetched page: the page's own declaration first, the HTTP header only as a fallback.

DW serves UTF-8 with `<meta charset="utf-8">`. A proxy or CDN that labels it `charset=iso-8859-1`
would turn every "ö" into "Ã¶" if the header won (as browsers and Scrapy's `response.text` let
it), so the order is: byte-order mark, `<meta charset>`, UTF-8, and only for a body that is not
valid in those the header's charset. A body valid in none (broken at the source) is read as its
declared charset with the bad bytes replaced, and a note says so: misread text is never stored.
"""

from __future__ import annotations

from typing import NamedTuple

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def media_type(content_type: str | None) -> str | None:
    """Return the media type of a Content-Type header ("text/html"), or None if absent."""
    if not content_type or not content_type.strip():
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def is_html(content_type: str | None) -> bool:
    """Return True unless the header names a media type that is not HTML (absent: maybe HTML)."""
    kind = media_type(content_type)
    return kind is None or kind in HTML_TYPES


class Decoded(NamedTuple):
    """A fetched page as text, and how its bytes were read."""

    text: str
    note: str | None  # "code: detail" when the charset labels were off
    # The body itself when `text` is exactly its UTF-8 reading (no byte-order mark): a parser
    # can read these bytes as they are instead of encoding the text again.
    utf8: bytes | None = None


def decode_body(body: bytes, content_type: str | None) -> Decoded:
    """Return the page as text, with a note when its charset labels were off."""
    http = _resolved(http_content_type_encoding(content_type or ""))
    bom, mark = read_bom(body)
    if bom is not None:  # a BOM is never wrong; it is not part of the text
        return Decoded(body[len(mark or b"") :].decode(bom, errors="replace"), None)
    own = _resolved(html_body_declared_encoding(body))
    for candidate in dict.fromkeys(c for c in (own, "utf-8", http) if c):
        try:
            text = body.decode(candidate)
        except UnicodeDecodeError:
            continue
        note = None if body.isascii() else _note(candidate, own, http)
        return Decoded(text, note, body if candidate == "utf-8" else None)
    first = own or "utf-8"
    text = body.decode(first, errors="replace")
    return Decoded(
        text, f"charset-invalid: the body is not valid {first}; bad bytes replaced (U+FFFD)"
    )


def _resolved(name: str | None) -> str | None:
    return resolve_encoding(name) if name else None


def _note(used: str, own: str | None, http: str | None) -> str | None:
    if own is None and http is None:
        return "charset-missing: neither HTTP nor the page names a charset; read as UTF-8"
    if http is not None and http != used:
        said = f"the page says {own}" if own else "the body is valid UTF-8"
        return f"charset-mismatch: HTTP says {http}, {said}; read as {used}"
    if used != (own or "utf-8"):
        return f"charset-fallback: the body is not valid {own or 'UTF-8'}; read as {used} (HTTP)"
    return None
