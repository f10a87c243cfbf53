"""Listing pages (the Kiswahili home, sections `s-`, topics `t-`): links to content, next page.

A listing page is only read for navigation, so this page object returns canonical DW URLs and
nothing else. It takes `(url, html)` like every page object, with the page's DW URL (not the
replica's), so relative and absolute links both resolve onto www.dw.com; the spider maps them
onto the configured origin.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urljoin

from parsel import Selector

from dwcrawler.pages.parse import decode
from dwcrawler.urls import (
    LANGUAGE,
    canonical_url,
    parse_content_url,
    path_kind,
    path_language,
)

# Every link on the page; teaser cards, navigation and footer alike (nav holds the sections).
_LINKS = "//a[@href]/@href"
# Pagination, where a listing has it: `<link rel="next">` in the head or an `a[rel=next]`.
_NEXT = "//link[@rel='next']/@href | //a[@rel='next']/@href"


@dataclass(frozen=True)
class ListingPage:
    """A DW listing page: Kiswahili content links, Kiswahili listing links, the next page."""

    url: str  # the page's DW URL (https://www.dw.com/sw/…)
    html: str | bytes

    @cached_property
    def _selector(self) -> Selector:
        return Selector(text=decode(self.html))

    def _absolute(self, hrefs: list[str]) -> list[str]:
        out: list[str] = []
        for href in hrefs:
            href = href.strip()
            if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
                continue
            out.append(urljoin(self.url, href))
        return out

    @cached_property
    def _links(self) -> list[str]:
        # Both kinds of links come from one pass over the page's anchors.
        return self._absolute(self._selector.xpath(_LINKS).getall())

    def content_links(self) -> list[str]:
        """Return canonical URLs of the Kiswahili content pages linked, in page order, once each."""
        seen: set[tuple[str, int]] = set()
        links: list[str] = []
        for url in self._links:
            ref = parse_content_url(url)
            if ref is None or ref.language != LANGUAGE or (ref.prefix, ref.dw_id) in seen:
                continue
            seen.add((ref.prefix, ref.dw_id))
            links.append(ref.canonical)
        return links

    def listing_links(self) -> list[str]:
        """Return canonical URLs of the Kiswahili section and topic pages linked, once each."""
        links: list[str] = []
        for url in self._links:
            if path_language(url) != LANGUAGE or path_kind(url) not in {"section", "topic"}:
                continue
            canonical = canonical_url(url)
            if canonical.startswith("https://www.dw.com/") and canonical not in links:
                links.append(canonical)
        return links

    def next_page(self) -> str | None:
        """Return the canonical URL of the next (older) page of this listing, if it has one."""
        for url in self._absolute(self._selector.xpath(_NEXT).getall()):
            canonical = canonical_url(url)
            if canonical.startswith("https://www.dw.com/") and path_language(url) == LANGUAGE:
                return canonical
        return None
