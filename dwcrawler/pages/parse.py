"""Decode a document, tell DW's designs apart and run the matching page object.

Both designs are told apart on the page's text, and the head is read by a scan (`head`): no
tree is built for the whole document. A current-design page reads its page data first and
parses HTML only when it must (`CurrentPage.needs_dom`), and then only from its `<article>`
on; a classic page parses its content column (`#bodyContent`) up to the columns that follow
the article's own (`classic_column`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, AnyStr, Literal

from lxml import etree

from dwcrawler.pages import classic_column as column
from dwcrawler.pages import selectors as S
from dwcrawler.pages.charset import Decoded, decode_body
from dwcrawler.pages.classic import ClassicPage
from dwcrawler.pages.common import hrefs_in
from dwcrawler.pages.current import CurrentPage
from dwcrawler.pages.errors import BrokenPage, NotDwPage, PageError
from dwcrawler.pages.head import PageHead, read_head
from dwcrawler.pages.tags import DIV_WITH_ID
from dwcrawler.pages.trees import parse_document

if TYPE_CHECKING:
    from parsel import Selector

    from dwcrawler.items import ArticleItem

Design = Literal["current", "classic"]
_DW_HOST = re.compile(r"^(?:https?:)?//(?:[a-z0-9-]+\.)*dw\.com(?:/|$)", re.IGNORECASE)
_DW_TITLE = re.compile(r"(?:[\u2013-]\s*DW\s*[\u2013-]|\|\s*DW\s*\|)\s*\d{1,2}\.\d{1,2}\.\d{4}\s*$")
# Design markers in the page's text (docs/dw-site.md §2): the page data, the React mount point, the
# classic content column.
_STATE_MARKERS = (S.APOLLO_MARKER, S.APP_STATE_MARKER)
_CURRENT_ROOT = re.compile(DIV_WITH_ID.format(S.CURRENT_ROOT_ID), re.IGNORECASE)
_ARTICLE = re.compile(r"<article\b", re.IGNORECASE)
_ARTICLE_BYTES = re.compile(rb"<article\b", re.IGNORECASE)
# The page footer (`<footer id="footer">`): nothing after it is read (the page data, which is
# read apart, comes after it).
_PAGE_FOOTER = r"""<footer\b[^>]*?\sid\s*=\s*["']?footer["'\s>]"""
_CURRENT_FOOTER = (re.compile(_PAGE_FOOTER), re.compile(_PAGE_FOOTER.encode()))
# The tag of the article's text: a page's own player sits in the article before it.
_RICH_TEXT_TAG = r"""<div\b[^>]*\sclass\s*=\s*["'](?:[^"']*\s)?rich-text[\s"']"""
_RICH_TEXT = (re.compile(_RICH_TEXT_TAG), re.compile(_RICH_TEXT_TAG.encode()))
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


def _has_page_data(text: str) -> bool:
    """Return True if the page assigns its page data (`window.__APOLLO_STATE__=…`).

    The page data is the last script: searched from the end it is met at once, and the common
    prefix of both markers makes a page without it (a classic page) one scan, not two.
    """
    end = len(text)
    while (found := text.rfind("window.__", 0, end)) >= 0:
        if text.startswith(_STATE_MARKERS, found):
            return True
        end = found
    return False


def detect_design(text: str) -> Design | None:
    """Tell the designs apart: page data or `div#root` → current; `#bodyContent` → classic."""
    if _has_page_data(text):
        return "current"
    if S.CLASSIC_ROOT_ID in text and column.content_root(text, column.TEXT) is not None:
        return "classic"
    if _CURRENT_ROOT.search(text):
        return "current"
    return None


def _tree(
    document: Decoded,
    start: tuple[re.Pattern[str], re.Pattern[bytes]],
    until: tuple[re.Pattern[str], re.Pattern[bytes]] | None = None,
) -> Selector:
    """Parse the document from the first match of `start` on (the whole of it without one).

    What precedes the page's own part (head, navigation) is never read from a tree, so it is
    not built; with `until`, neither is what follows the tag holding that string. The bytes
    the text was read from, when they are its UTF-8, go to lxml as they are: cheaper than
    encoding the text once more.
    """
    if document.utf8 is not None:
        return parse_document(_region(document.utf8, start[1], until[1] if until else None))
    text = _region(document.text, start[0], until[0] if until else None)
    return parse_document(text.encode("utf-8", "replace"))


def _region(source: AnyStr, start: re.Pattern[AnyStr], until: re.Pattern[AnyStr] | None) -> AnyStr:
    # As written first (DW writes lower-case tags; a pattern that starts with a literal is
    # searched fast), then as the pattern says.
    found = re.compile(start.pattern).search(source) or start.search(source)
    begin = found.start() if found else 0
    end = until.search(source, begin) if until is not None else None
    return source[begin : end.start()] if end is not None else source[begin:]


def _classic(document: Decoded, head: PageHead, url: str | None) -> ArticleItem:
    """Parse a classic page's article column; scan the columns after it for their links."""
    text = document.text
    begin, cut, end = column.column_bounds(text, column.TEXT)
    more_links = hrefs_in(text, cut, end)
    if document.utf8 is not None:  # the bytes as they came: cheaper than encoding the text
        begin, cut, _ = column.column_bounds(document.utf8, column.BYTES)
        tree = parse_document(document.utf8[begin:cut])
    else:
        tree = parse_document(text[begin:cut].encode("utf-8", "replace"))
    return ClassicPage(tree, head, url, more_links).to_item()


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
        return _classic(document, head, url)
    page = CurrentPage(head, text, url)
    scope = page.needs_dom()
    if scope != "none":
        until = _RICH_TEXT if scope == "player" else _CURRENT_FOOTER
        page.attach(_tree(document, (_ARTICLE, _ARTICLE_BYTES), until), scope)
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
