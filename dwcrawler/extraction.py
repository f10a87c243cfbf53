"""The one road for a page: decode → page objects → clean → validate.

The crawl, `dwcrawler extract`, re-extraction and the golden tests all run these stages. The
crawl runs them as the spider (`read`) and its item pipelines (`clean`, `validate`);
`extract_page` runs them in one call. A text rendering of a page (a WET `conversion` record, a
browser copy) is read by `pages.text` instead and then takes the same `clean` and `validate`:
`extract_text`. No Scrapy here.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, NamedTuple

from dwcrawler.cleaning import clean_article, furniture_only
from dwcrawler.pages import PageError, parse_page
from dwcrawler.pages.charset import Decoded, decode_body
from dwcrawler.pages.text import read_text
from dwcrawler.urls import parse_content_url

if TYPE_CHECKING:
    from datetime import datetime

    from dwcrawler.items import ArticleItem

__all__ = [
    "EXTRACTOR_VERSION",
    "InvalidItem",
    "Reading",
    "clean",
    "extract_page",
    "extract_text",
    "read",
    "validate",
]

logger = logging.getLogger(__name__)

# Stored with every article so rows extracted by an older extractor can be found and rebuilt.
# Bump it whenever a change to pages/ or cleaning/ changes any extracted field.
EXTRACTOR_VERSION = "2.1"


class InvalidItem(PageError):
    """An item that must not reach the archive; `field` names what is wrong with it."""

    def __init__(self, field: str, message: str, url: str | None = None) -> None:
        super().__init__(f"invalid {field}: {message}", url)
        self.field = field


class Reading(NamedTuple):
    """A fetched body read into a raw item, and a note when its charset labels were off."""

    item: ArticleItem
    charset_note: str | None


def read(body: bytes | str, content_type: str | None = None, url: str | None = None) -> Reading:
    """Decode a body (`pages.charset`) and run the page objects: the raw, uncleaned item.

    Raises `PageError` (one clear line) for a page that cannot be read.
    """
    decoded = Decoded(body, None) if isinstance(body, str) else decode_body(body, content_type)
    return Reading(parse_page(decoded, url), decoded.note)


def clean(item: ArticleItem) -> ArticleItem:
    """Clean a raw item (`cleaning.clean_article`) and stamp the extractor version."""
    cleaned = clean_article(item, EXTRACTOR_VERSION)
    if cleaned.cleaning and logger.isEnabledFor(logging.DEBUG):
        logger.debug("%s: furniture removed %s", cleaned.url, cleaned.cleaning)
    return cleaned


def validate(item: ArticleItem, *, language: str | None = None) -> ArticleItem:
    """Return a clean item unchanged if it may be stored; raise `InvalidItem` if not.

    `language` ("sw" for the crawl) refuses pages of other DW languages; a fetched item
    (`item.fetch`) must be the page that was asked for.
    """
    ref = parse_content_url(item.url)
    if ref is None or item.url != ref.canonical:
        raise InvalidItem("url", f"not a canonical DW content URL: {item.url!r}", item.url)
    if ref.dw_id != item.dw_id:
        raise InvalidItem("dw_id", f"{item.dw_id} does not match the URL's id", item.url)
    asked = parse_content_url(item.fetch.url) if item.fetch and item.fetch.url else None
    if asked is not None and asked.dw_id != item.dw_id:
        raise InvalidItem("dw_id", f"asked for page {asked.dw_id}, got {item.url}", item.url)
    if language is not None and (item.language != language or ref.language != language):
        raise InvalidItem("language", f"{item.language!r} page, not {language!r}", item.url)
    if not item.title.strip():
        raise InvalidItem("title", "empty title", item.url)
    if furniture_only(item.title, item.language):
        # Cleaning never empties a title, so a damaged page whose only "title" is a skip link
        # keeps it: that is no title, and such a page is no article.
        raise InvalidItem("title", f"only a skip link or furniture: {item.title!r}", item.url)
    for name in ("published_at", "modified_at"):
        value: datetime | None = getattr(item, name)
        if value is not None and value.utcoffset() is None:
            raise InvalidItem(name, "date without a time zone", item.url)
    return item


def extract_page(document: str | bytes, url: str | None = None) -> ArticleItem:
    """Read, clean and validate one DW page; raise `PageError` (one line) if it cannot be.

    `document` is the page as text, or as bytes decoded like a page without Content-Type.
    """
    return validate(clean(read(document, None, url).item))


def extract_text(text: str, url: str) -> ArticleItem:
    """Read, clean and validate a text rendering of a DW page; raise `PageError` (one line).

    `url` is the page's DW content URL: a text rarely names it (`pages.text.find_url` finds one
    that does). The item says `capture="text"`; see docs/extraction.md, "Text renderings".
    """
    return validate(clean(read_text(text, url)))
