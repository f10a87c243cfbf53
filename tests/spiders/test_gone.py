"""Gone means gone: only an article's own stored URL answering 404/410 marks it gone."""

from dataclasses import replace

import pytest

from tests.replica.archive import records
from tests.replica.build import fixture_site
from tests.replica.run import crawl
from tests.replica.server import ReplicaServer, site_key


@pytest.fixture
def crawled(db_url):
    site = fixture_site()
    with ReplicaServer(site.resources()) as server:
        result = crawl(
            server.base_url, args={"mode": "backfill"}, settings={"DATABASE_URL": db_url}
        )
        assert result.returncode == 0, result.stderr[-2000:]
        server.clear_log()
        yield site, server, db_url


def test_mode_urls_with_a_mistyped_slug_asks_the_stored_url(crawled):
    site, server, db_url = crawled
    page = site.pages[2]
    typo = f"https://www.dw.com/sw/slug-iliyokosewa/a-{page.spec.dw_id}"
    result = crawl(
        server.base_url, args={"mode": "urls", "urls": typo}, settings={"DATABASE_URL": db_url}
    )
    assert result.returncode == 0, result.stderr[-2000:]
    asked = [r.path for r in server.requests() if r.path.endswith(f"-{page.spec.dw_id}")]
    assert asked == [site_key(page.path)]
    assert records(db_url)[page.spec.dw_id]["status"] == "live"


def test_another_url_answering_404_is_checked_at_the_stored_url(crawled):
    site, server, db_url = crawled
    page = site.pages[4]
    stored = server.site[site_key(page.path)]
    # The sitemap now lists the article under another slug, which answers 404; its stored URL
    # still serves it.
    site.update(page, replace(page.spec, slug="jina-jipya-lisilopatikana"))
    moved = site.page(page.spec.dw_id)
    server.site = site.resources()
    server.site[site_key(page.path)] = stored
    server.set_status(moved.path, 404)
    result = crawl(server.base_url, args={"mode": "backfill"}, settings={"DATABASE_URL": db_url})
    assert result.returncode == 0, result.stderr[-2000:]
    asked = [
        (r.path, r.status) for r in server.requests() if r.path.endswith(f"-{page.spec.dw_id}")
    ]
    assert asked[0] == (site_key(moved.path), 404)
    assert (site_key(page.path), 200) in asked[1:]
    assert records(db_url)[page.spec.dw_id]["status"] == "live"
    assert f"is stored as {page.url}: asking that URL" in result.stderr


def test_the_stored_url_answering_404_marks_the_article_gone(crawled):
    site, server, db_url = crawled
    page = site.pages[5]
    site.remove(page.spec.dw_id)
    server.site = site.resources()
    result = crawl(server.base_url, args={"mode": "backfill"}, settings={"DATABASE_URL": db_url})
    assert result.returncode == 0, result.stderr[-2000:]
    assert records(db_url)[page.spec.dw_id]["status"] == "gone"
