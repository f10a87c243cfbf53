"""Extraction = page objects + cleaning: what the crawl, `dwcrawler extract` and re-extraction run."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from dwcrawler.cleaning import clean_article, furniture_only
from dwcrawler.pages import BrokenPage, parse_page

if TYPE_CHECKING:
    from dwcrawler.items import ArticleItem

# Stored with every article so rows extracted by an older extractor can be found and rebuilt.
# Bump it whenever a change to pages/ or cleaning/ changes any extracted field.
EXTRACTOR_VERSION = "1.0"


def finish(item: ArticleItem) -> ArticleItem:
    """Clean a raw item from the page objects and stamp the extractor version.

    The crawl's CleanPipeline and `extract_page` both end here, so a crawled page and a saved
    one come out the same.
    """
    return replace(clean_article(item), extractor_version=EXTRACTOR_VERSION)


def extract_page(html: str | bytes, url: str | None = None) -> ArticleItem:
    """Parse and clean one DW page; raises `dwcrawler.pages.PageError` if it cannot."""
    item = finish(parse_page(html, url))
    if furniture_only(item.title):
        # Cleaning never empties a title, so a damaged page whose only "title" is a skip link
        # would keep it: that is no title, and such a page must not be stored as an article
        # (the crawl's ValidatePipeline refuses it the same way).
        raise BrokenPage(f"no title: only a skip link or furniture ({item.title!r})", item.url)
    return item
