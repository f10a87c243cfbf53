"""Decode a document, tell DW's designs apart and run the matching page object.

Both designs are told apart on the page's text, and the head is read by a scan (`head`): no
tree is built for the whole document. A current-design page reads its page data first and
parses HTML only when it must (`CurrentPage.needs_dom`), and then only from its `<article>`
on; a classic page parses its content column (`#bodyContent`) and what follows.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from lxml import etree
from parsel import Selector

from dwcrawler.pages import selectors as S
from dwcrawler.pages.charset import Decoded, decode_body
from dwcrawler.pages.classic import ClassicPage
from dwcrawler.pages.current import CurrentPage
from dwcrawler.pages.errors import BrokenPage, NotDwPage, PageError
from dwcrawler.pages.head import PageHead, read_head

if TYPE_CHECKING:
    from dwcrawler.items import ArticleItem

Design = Literal["current", "classic"]
_DW_HOST = re.compile(r"^(?:https?:)?//(?:[a-z0-9-]+\.)*dw\.com(?:/|$)", re.IGNORECASE)
_DW_TITLE = re.compile(r"(?:[\u2013-]\s*DW\s*[\u2013-]|\|\s*DW\s*\|)\s*\d{1,2}\.\d{1,2}\.\d{4}\s*$")
# Design markers in the page's text (DW-SITE §2): the page data, the React mount point, the
# classic content column.
_STATE_MARKERS = (S.APOLLO_MARKER, S.APP_STATE_MARKER)
_ROOT = r"""<div\b[^>]*?\sid\s*=\s*["']?{}["'\s/>]"""
_CURRENT_ROOT = re.compile(_ROOT.format(S.CURRENT_ROOT_ID), re.IGNORECASE)
_CLASSIC_ROOT = re.compile(_ROOT.format(S.CLASSIC_ROOT_ID), re.IGNORECASE)
_CLASSIC_ROOT_BYTES = re.compile(_ROOT.format(S.CLASSIC_ROOT_ID).encode(), re.IGNORECASE)
_ARTICLE = re.compile(r"<article\b", re.IGNORECASE)
_ARTICLE_BYTES = re.compile(rb"<article\b", re.IGNORECASE)
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
    return bool(_DW_TITLE.search(head.title or ""))


def detect_design(text: str) -> Design | None:
    """Tell the designs apart: page data or `div#root` → current; `#bodyContent` → classic."""
    # The page data is the last script: `rfind` meets it at once, `in` would scan the page.
    if any(text.rfind(marker) >= 0 for marker in _STATE_MARKERS):
        return "current"
    if S.CLASSIC_ROOT_ID in text and _CLASSIC_ROOT.search(text):
        return "classic"
    if _CURRENT_ROOT.search(text):
        return "current"
    return None


def _tree(document: Decoded, start: tuple[re.Pattern[str], re.Pattern[bytes]]) -> Selector:
    """Parse the document from the first match of `start` on (the whole of it without one).

    What precedes the page's own part (head, navigation) is never read from a tree, so it is
    not built. The bytes the text was read from, when they are its UTF-8, go to lxml as they
    are: cheaper than encoding the text once more.
    """
    text_start, bytes_start = start
    if document.utf8 is not None:
        found_bytes = bytes_start.search(document.utf8)
        body = document.utf8[found_bytes.start() :] if found_bytes else document.utf8
        return Selector(body=body, encoding="utf-8", type="html")
    found = text_start.search(document.text)
    text = document.text[found.start() :] if found else document.text
    return Selector(text=text.replace("\x00", ""), type="html")


def _parse(document: Decoded, url: str | None) -> ArticleItem:
    text = document.text
    if not text or text.isspace():  # not `strip()`: that copies the whole page
        raise BrokenPage("empty document", url)
    if len(text) > MAX_DOCUMENT_CHARS:
        raise BrokenPage(f"document too large ({len(text)} characters)", url)
    design = detect_design(text)
    head = read_head(text)
    if not _is_dw(head, url):
        raise NotDwPage("not a DW page (no dw.com canonical link, title or URL)", url)
    if design is None:
        raise BrokenPage("a DW page in no known design (no page data, #root or #bodyContent)", url)
    if design == "classic":
        return ClassicPage(
            _tree(document, (_CLASSIC_ROOT, _CLASSIC_ROOT_BYTES)), head, url
        ).to_item()
    page = CurrentPage(head, text, url)
    if page.needs_dom():
        page.attach(_tree(document, (_ARTICLE, _ARTICLE_BYTES)))
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
