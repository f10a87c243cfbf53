"""Build a replica of DW Kiswahili from content pages: robots, sitemaps, feeds, listings.

The content pages (HTML rendered from specs) come from the caller; this module lays out the
site DW serves around them, with DW's quirks: the real robots.txt, a sitemap index naming German
and Kiswahili children with absolute www.dw.com URLs, RSS 1.0 and 2.0 feeds with `?maca=`
tracking and raw UTF-8 slugs, and listing pages whose links are relative, absolute, on
amp.dw.com, German, search and overlay paths and foreign hosts: everything a crawl must map onto
the replica, or must never request.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.replica import documents
from tests.replica.documents import HOME, SECTION, TOPIC
from tests.replica.server import Resource, site_key
from tests.sitegen import PageSpec, render_page, revise

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "site"
FEEDS = ("/rdf/rss-sw-all", "/xml/rss-sw-all", "/rdf/rss-kis-all", "/xml/rss-kis-all")
# Pages a crawl of /sw/ must never request (German pages and sitemaps, search, overlays).
GERMAN_SITEMAPS = ("/de/news-sitemap.xml", "/de/article-sitemap.xml")
GERMAN_PAGES = ("/de/deutsche-seite/a-60000001", "/de/noch-eine/a-60000002")
FORBIDDEN_LINKS = (
    "/search/?languageCode=sw&searchNavigationId=11588",
    "/overlay/media/sw/x/123",
    "/popups/mediaplayer/sw/x",
    "https://example.org/sw/nje/a-60000003",
    "https://static.dw.com/image/59234409_605.jpg",
)


@dataclass
class ReplicaPage:
    """One content page of the replica (rendered from its spec), and where the site lists it."""

    spec: PageSpec
    lastmod: datetime  # the sitemap's lastmod: when DW last saved the page
    html: str = ""
    sitemap: str | None = "article"  # "news", "article", or None (reachable only by links)
    in_feed: bool = False
    on_home: bool = False
    in_section: int | None = None  # listed on page 1 or 2 of the section, or not
    removed: bool = False  # answers 404 (still listed, lastmod bumped)

    def __post_init__(self) -> None:
        if not self.html:
            self.html = render_page(self.spec)

    @property
    def path(self) -> str:
        """Return the page's path (Unicode slug)."""
        return self.spec.path

    @property
    def url(self) -> str:
        """Return the canonical DW URL."""
        return self.spec.url

    @property
    def title(self) -> str:
        """Return the page's title."""
        return self.spec.title

    @property
    def published(self) -> datetime:
        """Return the publication date."""
        return self.spec.published_at


@dataclass
class ReplicaSite:
    """The replica's content pages plus everything DW serves around them."""

    pages: list[ReplicaPage]
    german: dict[str, str] = field(default_factory=dict)  # path → html of German pages

    def page(self, path_or_id: str | int) -> ReplicaPage:
        """Return a page by path or by DW id."""
        for page in self.pages:
            if page.path == path_or_id or page.path.endswith(f"-{path_or_id}"):
                return page
        raise KeyError(path_or_id)

    def update(self, page: ReplicaPage, spec: PageSpec, when: datetime | None = None) -> None:
        """Replace a page's spec (an editor saved it, or DW redesigned): new HTML and lastmod."""
        idx = self.pages.index(page)
        when = when or datetime.now(UTC)
        self.pages[idx] = replace(page, spec=spec, html=render_page(spec), lastmod=when)

    def revise(self, path_or_id: str | int, text: str, when: datetime | None = None) -> PageSpec:
        """Edit the first paragraph of a page; return the new spec."""
        page = self.page(path_or_id)
        spec = revise(page.spec, 0, text, modified_at=when or datetime.now(UTC))
        self.update(page, spec, when)
        return spec

    def redesign(self, when: datetime | None = None, **changes: Any) -> None:
        """Re-render every page with spec changes (e.g. drop_captions=True), bumping lastmod."""
        for page in list(self.pages):
            self.update(page, replace(page.spec, **changes), when)

    def touch(self, path_or_id: str | int, when: datetime | None = None) -> None:
        """Bump a page's sitemap lastmod without changing it (a re-save that changed nothing)."""
        page = self.page(path_or_id)
        idx = self.pages.index(page)
        self.pages[idx] = replace(page, lastmod=when or datetime.now(UTC))

    def remove(self, path_or_id: str | int, when: datetime | None = None) -> None:
        """Take a page down (404), leaving it in the sitemap with a new lastmod."""
        page = self.page(path_or_id)
        idx = self.pages.index(page)
        self.pages[idx] = replace(page, removed=True, lastmod=when or datetime.now(UTC))

    def resources(self) -> dict[str, Resource]:
        """Return every document of the site, keyed like the server looks them up."""
        now = datetime.now(UTC).replace(microsecond=0)
        docs: dict[str, Resource] = {}

        def put(path: str, body: bytes, ctype: str, when: datetime | None = None) -> None:
            etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
            docs[site_key(path)] = Resource(body, ctype, when or now, etag)

        robots = (FIXTURES / "robots_dw.com.txt").read_bytes()
        put("/robots.txt", robots, "text/plain")
        sw = list(self.pages)
        news = [(p.path, p.lastmod) for p in sw if p.sitemap == "news"]
        article = [(p.path, p.lastmod) for p in sw if p.sitemap == "article"]
        newest = max((p.lastmod for p in sw), default=now)
        children = [(path, now - timedelta(days=1)) for path in GERMAN_SITEMAPS] + [
            ("/sw/news-sitemap.xml", newest),
            ("/sw/article-sitemap.xml", newest),
        ]
        put("/sitemap.xml", documents.sitemap_index(children), "application/xml")
        put("/sw/news-sitemap.xml", documents.urlset(news), "application/xml")
        put("/sw/article-sitemap.xml", documents.urlset([*article, (HOME, now)]), "application/xml")
        german = [(path, now) for path in GERMAN_PAGES]
        for path in GERMAN_SITEMAPS:
            put(path, documents.urlset(german), "application/xml")
        feed_pages = [p for p in sw if p.in_feed]
        for feed in FEEDS:
            name = feed.rsplit("/", 1)[1]
            body = (
                documents.rdf(name, feed_pages)
                if feed.startswith("/rdf/")
                else documents.rss2(name, feed_pages)
            )
            put(feed, body, "application/rdf+xml" if "rdf" in feed else "application/rss+xml")
        home_links = documents.link_forms([p for p in sw if p.on_home])
        home_links += [*GERMAN_PAGES, *FORBIDDEN_LINKS, SECTION, TOPIC]
        put(HOME, documents.listing("Idhaa ya Kiswahili", home_links), "text/html; charset=utf-8")
        page1 = documents.link_forms([p for p in sw if p.in_section == 1])
        nxt = f'<link rel="next" href="{SECTION}?page=2&amp;maca=sw-next">'
        put(SECTION, documents.listing("Afrika", page1, nxt), "text/html; charset=utf-8")
        page2 = documents.link_forms([p for p in sw if p.in_section == 2])
        put(f"{SECTION}?page=2", documents.listing("Afrika 2", page2), "text/html; charset=utf-8")
        put(TOPIC, documents.listing("Tanzania", [GERMAN_PAGES[1]]), "text/html; charset=utf-8")
        for path, html in self.german.items():
            put(path, html.encode(), "text/html; charset=utf-8")
        for page in sw:
            if not page.removed:
                put(page.path, page.html.encode(), "text/html; charset=utf-8", page.lastmod)
        return docs
