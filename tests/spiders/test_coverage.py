"""The crawl records what DW's sitemaps list; `dwcrawler stats --coverage` shows the gaps."""

import json

from sqlalchemy import select

from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.models import SitemapEntry
from tests.replica.build import fixture_site
from tests.replica.run import crawl
from tests.replica.server import ReplicaServer
from tests.support.clihelpers import run


def test_a_crawl_records_the_sitemaps_and_coverage_shows_what_is_missing(capsys, db_url):
    site = fixture_site()
    listed = [p for p in site.pages if p.sitemap is not None]
    broken, removed = listed[2], listed[3]
    site.remove(removed.spec.dw_id)  # 404 from the start: listed, never held
    with ReplicaServer(site.resources()) as server:
        server.set_status(broken.path, 500)  # fails every retry: listed, not held
        result = crawl(
            server.base_url,
            proxy=server.base_url,
            args={"mode": "backfill"},
            settings={"DATABASE_URL": db_url, "RETRY_TIMES": "1"},
        )
    assert "sitemap" in result.stderr
    engine = make_engine(db_url)
    try:
        with make_sessionmaker(engine)() as session:
            entries = {e.dw_id: e for e in session.scalars(select(SitemapEntry))}
    finally:
        engine.dispose()
    assert set(entries) == {p.spec.dw_id for p in listed}
    page = listed[0]
    assert entries[page.spec.dw_id].url == page.url
    assert entries[page.spec.dw_id].lastmod == page.lastmod
    coverage = run(capsys, "stats", "--coverage", "--json", "--database", db_url)
    assert coverage.status == 0, coverage.err
    months = [json.loads(line) for line in coverage.out.splitlines()]
    totals = {k: sum(m[k] for m in months) for k in ("listed", "held", "missing", "gone")}
    assert totals == {
        "listed": len(listed),
        "held": len(site.pages) - 2,  # all but the two that never answered
        "missing": 2,
        "gone": 0,
    }
    table = run(capsys, "stats", "--coverage", "--database", db_url).out
    assert table.splitlines()[0].split() == ["MONTH", "LISTED", "HELD", "MISSING", "GONE"]
    assert f"all      {len(listed)}" in table


def test_a_listing_the_store_refuses_is_counted_and_logged_and_discovery_goes_on(caplog):
    import asyncio

    from scrapy.utils.test import get_crawler
    from sqlalchemy.exc import OperationalError

    from dwcrawler import settings as project_settings
    from dwcrawler.db.coverage import ListedPage
    from dwcrawler.spiders.dw_sw import DwSwSpider

    class RefusingStore:
        async def record_listed(self, pages):
            raise OperationalError("INSERT …", {}, Exception("database is locked"))

    project = {k: v for k, v in vars(project_settings).items() if k.isupper()}
    crawler = get_crawler(DwSwSpider, {**project, "DW_CONTACT_URL": "mailto:me@example.org"})
    spider = DwSwSpider.from_crawler(crawler)
    spider.store = RefusingStore()  # type: ignore[assignment]
    crawler.stats.open_spider()
    page = ListedPage(30000001, "https://www.dw.com/sw/x/a-30000001", None)
    asyncio.run(spider.record_listed("https://www.dw.com/sw/sitemap.xml", [page]))
    assert crawler.stats.get_value("store/listing_failed") == 1
    assert "https://www.dw.com/sw/sitemap.xml: its 1 entries not recorded" in caplog.text
    assert "database is locked" in caplog.text
