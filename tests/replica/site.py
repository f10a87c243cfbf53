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
from xml.sax.saxutils import escape

from tests.replica.server import Resource, site_key

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "site"
DW = "https://www.dw.com"
HOME = "/sw/idhaa-ya-kiswahili/s-11588"
SECTION = "/sw/afrika/s-11603"
TOPIC = "/sw/tanzania/t-17290000"
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
    """One content page of the replica, and where the site lists it."""

    path: str  # /sw/<slug>/<prefix>-<id>, Unicode
    html: str
    title: str
    published: datetime
    lastmod: datetime
    sitemap: str | None = "article"  # "news", "article", or None (reachable only by links)
    in_feed: bool = False
    on_home: bool = False
    in_section: int | None = None  # listed on page 1 or 2 of the section, or not
    removed: bool = False  # answers 404 (still listed, lastmod bumped)

    @property
    def url(self) -> str:
        """Return the canonical DW URL."""
        return DW + self.path


def _sitemap_index(children: list[tuple[str, datetime]]) -> bytes:
    rows = "".join(
        f"<sitemap><loc>{escape(DW + path)}</loc><lastmod>{when.isoformat()}</lastmod></sitemap>"
        for path, when in children
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>'
    ).encode()


def _urlset(entries: list[tuple[str, datetime]]) -> bytes:
    rows = "".join(
        f"<url><loc>{escape(DW + path)}</loc><lastmod>{when.isoformat()}</lastmod></url>"
        for path, when in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
        f'sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{rows}</urlset>'
    ).encode()


def _rdf(name: str, pages: list[ReplicaPage]) -> bytes:
    maca = f"?maca=sw-{name}-1-rdf"
    seq = "".join(f'<rdf:li rdf:resource="{escape(p.url + maca)}" />' for p in pages)
    items = "".join(
        f'<item rdf:about="{escape(p.url + maca)}"><title>{escape(p.title)}</title>'
        f"<link>{escape(p.url + maca)}</link><description>{escape(p.title)}</description>"
        f"<dc:date>{p.published.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}</dc:date>"
        f"<dc:language>sw</dc:language></item>"
        for p in pages
    )
    # DW's RDF feeds start with white space before the declaration (see the real sample).
    return (
        '      <?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
        '02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/'
        f'elements/1.1/"><channel rdf:about="https://rss.dw.com/rdf/{name}"><title>DW Kiswahili'
        f"</title><link>{DW}{HOME}{maca}</link><items><rdf:Seq>{seq}</rdf:Seq></items></channel>"
        f"{items}</rdf:RDF>"
    ).encode()


def _rss2(name: str, pages: list[ReplicaPage]) -> bytes:
    maca = f"?maca=sw-{name}-1-xml"
    items = "".join(
        f"<item><title>{escape(p.title)}</title><link>{escape(p.url + maca)}</link>"
        f"<pubDate>{p.published.astimezone(UTC):%a, %d %b %Y %H:%M:%S} GMT</pubDate>"
        f"<guid>{escape(p.url)}</guid></item>"
        for p in pages
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>DW Kiswahili'
        f"</title><link>{DW}{HOME}</link>{items}</channel></rss>"
    ).encode()


def _listing(title: str, links: list[str], extra: str = "") -> bytes:
    anchors = "".join(f'<a href="{escape(href)}">{escape(href)}</a>\n' for href in links)
    return (
        f'<!DOCTYPE html><html lang="sw"><head><title>{escape(title)} \u2013 DW</title>{extra}</head>'
        f'<body><div id="root"><nav><a href="{HOME}">Idhaa ya Kiswahili</a>'
        f'<a href="{SECTION}">Afrika</a><a href="{DW}{TOPIC}?maca=x">Tanzania</a></nav>'
        f"<main>{anchors}</main></div></body></html>"
    ).encode()


def _link_forms(pages: list[ReplicaPage]) -> list[str]:
    """Link each page in a different form DW uses: relative, absolute, amp, tracked."""
    forms = []
    for n, page in enumerate(pages):
        form = n % 4
        if form == 0:
            forms.append(page.path)
        elif form == 1:
            forms.append(f"{DW}{page.path}?maca=sw-home")
        elif form == 2:
            forms.append(f"https://amp.dw.com{page.path}")
        else:
            forms.append(f"https://dw.com{page.path}#comments")
    return forms


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

    def edit(self, path_or_id: str | int, html: str, when: datetime | None = None) -> None:
        """Change a page's HTML and bump its sitemap lastmod (an editor saved it)."""
        page = self.page(path_or_id)
        idx = self.pages.index(page)
        self.pages[idx] = replace(page, html=html, lastmod=when or datetime.now(UTC))

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
        put("/sitemap.xml", _sitemap_index(children), "application/xml")
        put("/sw/news-sitemap.xml", _urlset(news), "application/xml")
        put("/sw/article-sitemap.xml", _urlset([*article, (HOME, now)]), "application/xml")
        german = [(path, now) for path in GERMAN_PAGES]
        for path in GERMAN_SITEMAPS:
            put(path, _urlset(german), "application/xml")
        feed_pages = [p for p in sw if p.in_feed]
        for feed in FEEDS:
            name = feed.rsplit("/", 1)[1]
            body = _rdf(name, feed_pages) if feed.startswith("/rdf/") else _rss2(name, feed_pages)
            put(feed, body, "application/rdf+xml" if "rdf" in feed else "application/rss+xml")
        home_links = _link_forms([p for p in sw if p.on_home])
        home_links += [*GERMAN_PAGES, *FORBIDDEN_LINKS, SECTION, TOPIC]
        put(HOME, _listing("Idhaa ya Kiswahili", home_links), "text/html; charset=utf-8")
        page1 = _link_forms([p for p in sw if p.in_section == 1])
        nxt = f'<link rel="next" href="{SECTION}?page=2&amp;maca=sw-next">'
        put(SECTION, _listing("Afrika", page1, nxt), "text/html; charset=utf-8")
        page2 = _link_forms([p for p in sw if p.in_section == 2])
        put(f"{SECTION}?page=2", _listing("Afrika 2", page2), "text/html; charset=utf-8")
        put(TOPIC, _listing("Tanzania", [GERMAN_PAGES[1]]), "text/html; charset=utf-8")
        for path, html in self.german.items():
            put(path, html.encode(), "text/html; charset=utf-8")
        for page in sw:
            if not page.removed:
                put(page.path, page.html.encode(), "text/html; charset=utf-8", page.lastmod)
        return docs
