"""dw_sw's navigation over the loopback replica: robots.txt, `urls` mode, backfill windows."""

from datetime import UTC, datetime

import pytest

from tests.replica.build import fixture_site
from tests.replica.run import crawl
from tests.replica.server import ReplicaServer


@pytest.fixture
def replica():
    site = fixture_site()
    with ReplicaServer(site.resources()) as server:
        yield site, server


def test_robots_txt_is_obeyed(replica, sqlite_url):
    site, server = replica
    blocked = site.pages[4].path
    server.site["/robots.txt"].body = f"User-agent: *\nDisallow: {blocked}\n".encode()
    result = crawl(
        server.base_url,
        proxy=server.base_url,
        settings={"DATABASE_URL": sqlite_url},
        args={"mode": "backfill"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    paths = [r.path for r in server.requests()]
    assert blocked not in paths
    assert site.pages[3].path in paths
    assert "Forbidden by robots.txt" in result.stderr


def test_urls_mode_fetches_exactly_the_given_pages(replica, sqlite_url):
    site, server = replica
    wanted = [
        site.pages[2].url,
        site.pages[6].url.replace("https://www.dw.com", "https://amp.dw.com"),
    ]
    result = crawl(
        server.base_url,
        proxy=server.base_url,
        args={"mode": "urls", "urls": ",".join(wanted)},
        settings={"DATABASE_URL": sqlite_url, "DW_LINK_HOPS": "0"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    fetched = [r.path for r in server.requests() if r.path != "/robots.txt"]
    assert sorted(fetched) == sorted([site.pages[2].path, site.pages[6].path])


def test_backfill_window_selects_by_lastmod(replica, sqlite_url):
    site, server = replica
    inside = [
        p
        for p in site.pages
        if p.sitemap
        and datetime(2019, 1, 1, tzinfo=UTC) <= p.lastmod < datetime(2020, 1, 1, tzinfo=UTC)
    ]
    assert inside
    result = crawl(
        server.base_url,
        proxy=server.base_url,
        args={"mode": "backfill", "since": "2019-01-01", "until": "2019-12-31"},
        settings={
            "DATABASE_URL": sqlite_url,
            "DW_FEEDS": "",
            "DW_START_PAGES": "",
            "DW_LINK_HOPS": "0",
        },
    )
    assert result.returncode == 0, result.stderr[-3000:]
    ids = {str(p.spec.dw_id) for p in site.pages}
    content = [r.path for r in server.requests() if r.path.rsplit("-", 1)[-1] in ids]
    assert sorted(content) == sorted(p.path for p in inside)
