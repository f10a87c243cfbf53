"""Decode a document, tell DW's designs apart and run the matching page object."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from lxml import etree
from parsel import Selector

from dwcrawler.pages import selectors as S
from dwcrawler.pages.charset import Decoded, decode_body
from dwcrawler.pages.classic import ClassicPage
from dwcrawler.pages.common import PageHead, first_text, read_head
from dwcrawler.pages.current import CurrentPage
from dwcrawler.pages.errors import BrokenPage, NotDwPage, PageError

if TYPE_CHECKING:
    from dwcrawler.items import ArticleItem

Design = Literal["current", "classic"]
_DW_HOST = re.compile(r"^(?:https?:)?//(?:[a-z0-9-]+\.)*dw\.com(?:/|$)", re.IGNORECASE)
_DW_TITLE = re.compile(r"(?:[\u2013-]\s*DW\s*[\u2013-]|\|\s*DW\s*\|)\s*\d{1,2}\.\d{1,2}\.\d{4}\s*$")
# What malformed input can make the parsing code raise (lxml's own errors included).
_UNEXPECTED = (
    ValueError,
    TypeError,
    LookupError,
    AttributeError,
    RecursionError,
    OverflowError,
    etree.LxmlError,
)
MAX_DOCUMENT_CHARS = 50_000_000  # far above any DW page; refuse to build a tree for more


def _decoded(document: str | bytes | Decoded) -> Decoded:
    if isinstance(document, Decoded):
        return document
    if isinstance(document, str):
        return Decoded(document, None)
    return decode_body(document, None)


def decode(document: str | bytes) -> str:
    """Return the document as text: bytes as a page without Content-Type (`pages.charset`)."""
    return _decoded(document).text


def _is_dw(head: PageHead, url: str | None) -> bool:
    """Return True if anything names DW: own URLs, the `<title>` pattern, or the given URL."""
    if any(u and _DW_HOST.match(u.strip()) for u in [*head.urls, url]):
        return True
    title = first_text(head.selector, S.TITLE) or ""
    return bool(_DW_TITLE.search(title))


def detect_design(selector: Selector, text: str) -> Design | None:
    """Tell the designs apart: page data or `div#root` → current; `#bodyContent` → classic."""
    if S.APOLLO_MARKER in text or S.APP_STATE_MARKER in text:
        return "current"
    # The id's text must be in the page for the element to be: no scan of the tree without it.
    if S.CLASSIC_ROOT_ID in text and selector.css(S.CLASSIC_ROOT):
        return "classic"
    if selector.css(S.CURRENT_ROOT):
        return "current"
    return None


def _tree(document: Decoded) -> Selector:
    if document.utf8 is not None:
        # The bytes the text was read from: parsel hands them to lxml as they are (NULs and
        # surrounding white space dropped, as for text), which spares encoding the whole text
        # once more for every page.
        return Selector(body=document.utf8, encoding="utf-8", type="html")
    return Selector(text=document.text.replace("\x00", ""), type="html")


def _parse(document: Decoded, url: str | None) -> ArticleItem:
    text = document.text
    if not text.strip():
        raise BrokenPage("empty document", url)
    if len(text) > MAX_DOCUMENT_CHARS:
        raise BrokenPage(f"document too large ({len(text)} characters)", url)
    selector = _tree(document)
    design = detect_design(selector, text)
    head = read_head(selector)
    if not _is_dw(head, url):
        raise NotDwPage("not a DW page (no dw.com canonical link, title or URL)", url)
    if design is None:
        raise BrokenPage("a DW page in no known design (no page data, #root or #bodyContent)", url)
    page = (
        CurrentPage(selector, head, text, url)
        if design == "current"
        else ClassicPage(selector, head, url)
    )
    return page.to_item()


def parse_page(html: str | bytes | Decoded, url: str | None = None) -> ArticleItem:
    """Turn one DW page into a raw item; raise PageError (one clear line) if it cannot.

    `html` is the document: text, bytes (decoded as a page without Content-Type), or what
    `pages.charset.decode_body` made of a fetched body. `url` is where the page came from; the
    page's own canonical URL wins when it has one. No other exception escapes: an unexpected
    failure inside the page objects is reported as a BrokenPage naming the exception, so a
    crawl logs the URL and goes on.
    """
    try:
        return _parse(_decoded(html), url)
    except PageError:
        raise
    except _UNEXPECTED as exc:
        raise BrokenPage(f"unreadable page ({type(exc).__name__}: {exc})", url) from exc
