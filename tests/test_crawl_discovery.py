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
    assert "/rdf/rss-sw-all" in fetched
    assert "/xml/rss-kis-all" in fetched
    assert "/sw/afrika/s-11603?page=2" in paths
    items = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(i["url"] for i in items) == sorted(p.url for p in site.pages)
    assert all(r.headers.get("User-Agent", "").startswith("dwcrawler/") for r in log)
    assert "run summary:" in result.stderr
