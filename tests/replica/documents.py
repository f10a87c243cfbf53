"""The documents DW serves around its pages: sitemaps, RSS 1.0 and 2.0 feeds, listing pages.

Rendered with DW's quirks (see docs/dw-site.md §8-10): absolute www.dw.com URLs in
sitemaps, `?maca=` tracking and raw UTF-8 slugs in feeds, white space before the RDF feed's XML
declaration, and listing links in every form DW uses (relative, absolute, amp, bare host).
"""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from datetime import datetime

    from tests.replica.site import ReplicaPage

DW = "https://www.dw.com"
HOME = "/sw/idhaa-ya-kiswahili/s-11588"
SECTION = "/sw/afrika/s-11603"
TOPIC = "/sw/tanzania/t-17290000"


def sitemap_index(children: list[tuple[str, datetime]]) -> bytes:
    rows = "".join(
        f"<sitemap><loc>{escape(DW + path)}</loc><lastmod>{when.isoformat()}</lastmod></sitemap>"
        for path, when in children
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>'
    ).encode()


def urlset(entries: list[tuple[str, datetime]]) -> bytes:
    rows = "".join(
        f"<url><loc>{escape(DW + path)}</loc><lastmod>{when.isoformat()}</lastmod></url>"
        for path, when in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
        f'sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{rows}</urlset>'
    ).encode()


def rdf(name: str, pages: list[ReplicaPage]) -> bytes:
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


def rss2(name: str, pages: list[ReplicaPage]) -> bytes:
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


def listing(title: str, links: list[str], extra: str = "") -> bytes:
    anchors = "".join(f'<a href="{escape(href)}">{escape(href)}</a>\n' for href in links)
    return (
        f'<!DOCTYPE html><html lang="sw"><head><title>{escape(title)} \u2013 DW</title>{extra}</head>'
        f'<body><div id="root"><nav><a href="{HOME}">Idhaa ya Kiswahili</a>'
        f'<a href="{SECTION}">Afrika</a><a href="{DW}{TOPIC}?maca=x">Tanzania</a></nav>'
        f"<main>{anchors}</main></div></body></html>"
    ).encode()


def link_forms(pages: list[ReplicaPage]) -> list[str]:
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
