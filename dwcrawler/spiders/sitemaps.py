"""Sitemaps and robots.txt → what to crawl: Kiswahili child sitemaps, content URLs with lastmod.

Parsing is Scrapy's own (`scrapy.utils.sitemap`: lxml without entity expansion), after a strict
well-formedness check (Scrapy's parser recovers silently from damage); this module
adds DW's rules: a sitemap index lists every language, and only the Kiswahili children (`/sw/…`,
or a name with `-sw-`/`_sw`) are followed; entries become canonical content URLs with a
timezone-aware `lastmod`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from lxml import etree
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from dwcrawler.pages.feeds import parse_date
from dwcrawler.urls import LANGUAGE, parse_content_url

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from datetime import datetime

SitemapType = Literal["sitemapindex", "urlset"]
# A child sitemap is Kiswahili when its path starts with /sw/ or its file name names `sw`.
_SW_NAME = re.compile(rf"(?:^|[-_./]){LANGUAGE}(?:[-_./]|$)")


class SitemapError(ValueError):
    """The document is not a sitemap; `str(e)` is one line."""


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """One `<sitemap>` or `<url>` entry: its location and last modification."""

    loc: str
    lastmod: datetime | None


def sitemap_body(body: bytes, max_size: int) -> bytes:
    """Return the XML of a sitemap response, gunzipping `.xml.gz` bodies (bounded by max_size)."""
    if body[:2] == b"\x1f\x8b":
        return gunzip(body, max_size=max_size)
    return body


def read_sitemap(body: bytes) -> tuple[SitemapType, list[SitemapEntry]]:
    """Parse a sitemap or sitemap index; raises SitemapError for anything else."""
    stripped = body.lstrip()
    if not stripped:
        raise SitemapError("empty sitemap document")
    _check_well_formed(stripped)
    try:
        sitemap = Sitemap(stripped)
        if sitemap.type not in {"sitemapindex", "urlset"}:
            raise SitemapError(f"not a sitemap (root element <{sitemap.type or '?'}>)")
        entries = [
            SitemapEntry(loc=entry["loc"], lastmod=parse_date(entry.get("lastmod")))
            for entry in sitemap
            if entry.get("loc")
        ]
    except (StopIteration, SyntaxError) as exc:
        raise SitemapError(f"malformed sitemap XML: {exc or 'no root element'}") from None
    kind: SitemapType = "sitemapindex" if sitemap.type == "sitemapindex" else "urlset"
    return kind, entries


# Strict and safe: no recovery, no entity expansion, no network, no huge trees.
_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _check_well_formed(body: bytes) -> None:
    """Raise SitemapError unless the document is well-formed XML.

    Scrapy's `Sitemap` parses in recovery mode: a truncated sitemap, or one whose entity bomb
    libxml2 stops, comes back as a shorter (even empty) list without any error, and the pages
    it no longer lists would be lost without a trace. A sitemap must be well-formed, or the
    crawl says so (and counts the sitemap as failed, so the next run reads it again).
    """
    try:
        etree.fromstring(body, _STRICT)
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"malformed sitemap XML: {' '.join(str(exc).split())}") from None


def is_kiswahili_sitemap(url: str) -> bool:
    """Return True for a child sitemap of the Kiswahili service (`/sw/…sitemap…`)."""
    path = urlsplit(url).path
    return path.startswith(f"/{LANGUAGE}/") or bool(_SW_NAME.search(path.rsplit("/", 1)[-1]))


@dataclass(frozen=True, slots=True)
class ContentEntry:
    """A Kiswahili content page a sitemap or feed lists."""

    url: str  # canonical
    dw_id: int
    lastmod: datetime | None


def content_entries(entries: Iterable[SitemapEntry]) -> Iterator[ContentEntry]:
    """Yield the Kiswahili content pages among a urlset's entries, canonicalised."""
    for entry in entries:
        ref = parse_content_url(entry.loc)
        if ref is not None and ref.language == LANGUAGE:
            yield ContentEntry(ref.canonical, ref.dw_id, entry.lastmod)


def robots_sitemaps(body: bytes, base_url: str) -> list[str]:
    """Return the `Sitemap:` URLs of a robots.txt, resolved against base_url, once each."""
    urls: list[str] = []
    for url in sitemap_urls_from_robots(body, base_url=base_url):
        if url not in urls:
            urls.append(url)
    return urls
