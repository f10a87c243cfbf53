"""Bad documents a server can send instead of DW's: XML bombs, broken XML, files that are not
pages, mislabelled charsets. Each is a function of the good body, so a fault can serve it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

# "Billion laughs": ten levels of ten references, 10^9 copies of "lol" if a parser expands it.
_LOLS = "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' if i else '<!ENTITY lol0 "lol">\n'
    for i in range(10)
)
XML_BOMB = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f"<!DOCTYPE urlset [\n{_LOLS}]>\n"
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    "<url><loc>https://www.dw.com/sw/lol/a-1&lol9;</loc></url></urlset>"
).encode()

# The smallest valid JPEG header and a PDF: files a misrouted URL can answer with.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(600)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def cut_in_half(body: bytes) -> bytes:
    """Return the first half of a document (an upload or a cache that stopped midway)."""
    return body[: len(body) // 2]


def garbled_xml(body: bytes) -> bytes:
    """Return XML with a broken tag in the middle (`</loc>` → `</lo c>`) and no root end."""
    return body.replace(b"</loc>", b"</lo c>", 1).rsplit(b"</", 1)[0]


def _without_meta_charset(html: str) -> str:
    return re.sub(r"<meta[^>]*charset[^>]*>", "", html, flags=re.IGNORECASE)


def without_charset(body: bytes) -> bytes:
    """Return the page without its `<meta charset>` (the header will not name one either)."""
    return _without_meta_charset(body.decode("utf-8")).encode("utf-8")


def as_windows_1252(body: bytes) -> bytes:
    """Return the page re-encoded in windows-1252 without `<meta charset>` (a legacy server)."""
    return _without_meta_charset(body.decode("utf-8")).encode("cp1252")


def padded(size: int) -> Callable[[bytes], bytes]:
    """Return a transform making a page `size` bytes larger (a comment at its end)."""

    def pad(body: bytes) -> bytes:
        return body + b"<!--" + b"x" * size + b"-->"

    return pad
