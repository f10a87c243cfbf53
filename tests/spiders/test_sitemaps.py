import gzip
from datetime import UTC, datetime

import pytest

from dwcrawler.pages.feeds import parse_date
from dwcrawler.spiders.sitemaps import (
    SitemapError,
    content_entries,
    is_kiswahili_sitemap,
    read_sitemap,
    robots_sitemaps,
    sitemap_body,
)
from tests.support.paths import SITE

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://www.dw.com/de/news-sitemap.xml</loc><lastmod>2024-01-30</lastmod></sitemap>
<sitemap><loc>https://www.dw.com/sw/news-sitemap.xml</loc><lastmod>2024-01-30T10:00:00+01:00</lastmod></sitemap>
<sitemap><loc>https://www.dw.com/sw/article-sitemap.xml</loc></sitemap>
</sitemapindex>"""

URLSET = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://www.dw.com/sw/mašina/a-1</loc><lastmod>2024-01-30T10:00:00Z</lastmod>
<news:news><news:title>x</news:title></news:news></url>
<url><loc>https://www.dw.com/sw/idhaa-ya-kiswahili/s-11588</loc></url>
<url><loc>https://www.dw.com/de/deutsch/a-2</loc></url>
<url><loc>https://www.dw.com/sw/vidio/video-3</loc></url>
</urlset>""".encode()


def test_sitemap_index_children():
    kind, entries = read_sitemap(INDEX)
    assert kind == "sitemapindex"
    assert [e.loc for e in entries if is_kiswahili_sitemap(e.loc)] == [
        "https://www.dw.com/sw/news-sitemap.xml",
        "https://www.dw.com/sw/article-sitemap.xml",
    ]
    assert entries[1].lastmod == datetime(2024, 1, 30, 9, tzinfo=UTC)
    assert entries[2].lastmod is None


def test_urlset_keeps_kiswahili_content_with_lastmod():
    kind, entries = read_sitemap(URLSET)
    assert kind == "urlset"
    found = list(content_entries(entries))
    assert [(e.url, e.dw_id) for e in found] == [
        ("https://www.dw.com/sw/mašina/a-1", 1),
        ("https://www.dw.com/sw/vidio/video-3", 3),
    ]
    assert found[0].lastmod == datetime(2024, 1, 30, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    "url",
    ["/sw/news-sitemap.xml", "https://x/sitemap-sw.xml", "https://x/sitemaps/sw_articles.xml.gz"],
)
def test_kiswahili_sitemap_names(url):
    assert is_kiswahili_sitemap(url)


@pytest.mark.parametrize(
    "url", ["/de/news-sitemap.xml", "https://x/sitemap-swahili-de.xml", "/sitemap.xml"]
)
def test_other_sitemaps(url):
    assert not is_kiswahili_sitemap(url)


@pytest.mark.parametrize("body", [b"", b"   ", b"<html><body>x</body></html>", b"\x00\x01garbage"])
def test_bad_sitemaps_raise(body):
    with pytest.raises(SitemapError) as info:
        read_sitemap(body)
    assert "\n" not in str(info.value)


def test_gzipped_sitemap_is_unpacked():
    assert sitemap_body(gzip.compress(URLSET), max_size=10**6) == URLSET
    assert sitemap_body(URLSET, max_size=10**6) == URLSET


def test_real_robots_txt_names_the_sitemap_index():
    body = (SITE / "robots_dw.com.txt").read_bytes()
    assert robots_sitemaps(body, "https://www.dw.com/robots.txt") == [
        "https://www.dw.com/sitemap.xml"
    ]


def test_lastmod_formats():
    assert parse_date("2024-01-30") == datetime(2024, 1, 30, tzinfo=UTC)
    assert parse_date("2024-01-30T10:00+02:00") == datetime(2024, 1, 30, 8, tzinfo=UTC)
    assert parse_date("gestern") is None
