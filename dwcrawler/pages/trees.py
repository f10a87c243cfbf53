"""Trees of a page's parts, built by lxml's own HTML parser.

lxml.html (which parsel uses) looks up a Python element class for every element it hands out;
on a page the page objects walk, that lookup costs about as much as the parsing. The page
objects only read tags, attributes, text and structure, which plain lxml elements have, so
they get those (typed as `HtmlElement`, whose extra methods they never call).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from lxml import etree
from parsel import Selector

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# One parser for the process: a page is parsed at a time (parsers are not for sharing between
# threads at once; the crawl extracts in one thread).
_PARSER = etree.HTMLParser(recover=True, encoding="utf-8")


def _root(body: bytes) -> HtmlElement:
    body = body.strip().replace(b"\x00", b"")  # as parsel does: lxml stops at a NUL
    root = etree.fromstring(body, parser=_PARSER) if body else None
    if root is None:
        root = etree.fromstring(b"<html/>", parser=_PARSER)
    return cast("HtmlElement", root)


def parse_document(body: bytes) -> Selector:
    """Parse (part of) a UTF-8 page into a selector over plain lxml elements."""
    return Selector(root=_root(body), type="html")


def parse_fragment(html: str) -> HtmlElement:
    """Parse an HTML fragment (the page data's `Article.text`); return its container.

    The container is the document's `<body>`: a fragment whose tags do not balance cannot
    close it early, so no element of the text falls outside the container.
    """
    root = _root(b"<html><body>" + html.encode("utf-8", "replace") + b"</body></html>")
    body = root.find("body")
    return body if body is not None else etree.SubElement(root, "body")
