"""Phase 1: dw_sw's navigation over a loopback replica (placeholder article pages)."""

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.replica import scaffold
from tests.replica.run import crawl
from tests.replica.server import ReplicaServer
from tests.replica.site import (
    FORBIDDEN_LINKS,
    GERMAN_PAGES,
    GERMAN_SITEMAPS,
    ReplicaPage,
    ReplicaSite,
)

NOW = datetime.now(UTC).replace(microsecond=0)


def _page(n: int, prefix: str = "a", **where: Any) -> ReplicaPage:
    path = f"/sw/habari-ya-{n}-ž/{prefix}-{70000000 + n}"
    links = where.pop("links", [])
    html = scaffold.render("https://www.dw.com" + path, f"Habari {n}", NOW, links, f"Picha {n}")
    return ReplicaPage(
        path, html, f"Habari {n}", NOW - timedelta(hours=n), NOW - timedelta(hours=n), **where
    )


def build() -> ReplicaSite:
    linked_only = _page(9, sitemap=None)
    pages = [
        _page(1, sitemap="news", in_feed=True, on_home=True),
        _page(2, sitemap="news", in_feed=True),
        _page(3, prefix="video", sitemap="article", on_home=True),
        _page(4, prefix="audio", sitemap="article"),
        _page(5, sitemap=None, on_home=True),
        _page(6, sitemap=None, in_section=1),
        _page(
            7,
            sitemap=None,
            in_section=2,
            links=[linked_only.path, GERMAN_PAGES[0], FORBIDDEN_LINKS[3]],
        ),
        _page(8, sitemap="news", on_home=True),
        linked_only,
    ]
    return ReplicaSite(
        pages, german=dict.fromkeys(GERMAN_PAGES, "<html><body>Deutsch</body></html>")
    )


SCAFFOLD = {"DW_EXTRACTOR": "tests.replica.scaffold.extract"}


@pytest.fixture
def replica():
    site = build()
    with ReplicaServer(site.resources()) as server:
        yield site, server


def test_discovery_fetches_every_kiswahili_page_and_nothing_else(replica, tmp_path):
    site, server = replica
    out = tmp_path / "items.jsonl"
    result = crawl(
        server.base_url,
        proxy=server.base_url,
        settings={
            "DW_EXTRACTOR": "tests.replica.scaffold.extract",
            "FEEDS": json.dumps({str(out): {"format": "jsonlines"}}),
            "DW_FEEDS": "https://rss.dw.com/rdf/rss-sw-all,https://rss.dw.com/xml/rss-kis-all",
        },
    )
    assert result.returncode == 0, result.stderr[-3000:]
    log = server.requests()
    hosts = {urlsplit(r.url).netloc for r in log}
    assert hosts == {server.authority}, "a request left the replica"
    paths = [r.path for r in log]
    fetched = {unquote(urlsplit(r.url).path) for r in log}
    for page in site.pages:
        assert paths.count(page.path) == 1, page.path
    for path in (*GERMAN_PAGES, *GERMAN_SITEMAPS):
        assert path not in fetched
    assert not any(p.startswith(("/search/", "/overlay/", "/popups/")) for p in fetched)
    assert not any("maca" in r.url or "#" in r.url for r in log)  # tracking and fragments gone
    assert "/rdf/rss-sw-all" in fetched
    assert "/xml/rss-kis-all" in fetched
    assert "/sw/afrika/s-11603?page=2" in paths
    items = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(i["url"] for i in items) == sorted(p.url for p in site.pages)
    assert all(r.headers.get("User-Agent", "").startswith("dwcrawler/") for r in log)
    assert "run summary:" in result.stderr


def test_robots_txt_is_obeyed(replica):
    site, server = replica
    robots = server.site["/robots.txt"]
    blocked = site.pages[4].path
    robots.body = b"User-agent: *\nDisallow: " + blocked.encode() + b"\n"
    result = crawl(server.base_url, proxy=server.base_url, settings=SCAFFOLD)
    assert result.returncode == 0, result.stderr[-3000:]
    paths = [r.path for r in server.requests()]
    assert blocked not in paths
    assert site.pages[3].path in paths
    assert "Forbidden by robots.txt" in result.stderr or "not fetched:" in result.stderr


def test_urls_mode_fetches_exactly_the_given_pages(replica):
    site, server = replica
    wanted = [
        site.pages[2].url,
        site.pages[6].url.replace("https://www.dw.com", "https://amp.dw.com"),
    ]
    result = crawl(
        server.base_url,
        proxy=server.base_url,
        args={"mode": "urls", "urls": ",".join(wanted)},
        settings={**SCAFFOLD, "DW_LINK_HOPS": "0"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    fetched = [r.path for r in server.requests() if r.path != "/robots.txt"]
    assert sorted(fetched) == sorted([site.pages[2].path, site.pages[6].path])


def test_backfill_window_selects_by_lastmod(replica):
    site, server = replica
    old = site.pages[3]  # in the article sitemap
    old.lastmod = old.published = datetime(2019, 6, 1, tzinfo=UTC)
    server.site = site.resources()
    result = crawl(
        server.base_url,
        proxy=server.base_url,
        args={"mode": "backfill", "since": "2019-05-01", "until": "2019-06-30"},
        settings={**SCAFFOLD, "DW_FEEDS": "", "DW_START_PAGES": ""},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    content = [r.path for r in server.requests() if r.path.startswith("/sw/habari")]
    assert content == [old.path]
