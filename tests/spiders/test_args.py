from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from dwcrawler import settings as project_settings
from dwcrawler.db.repository import CrawlRunInfo
from dwcrawler.spiders.args import CrawlArgs, SpiderArgumentError, check_base_url, update_since
from dwcrawler.spiders.dw_sw import DwSwSpider


def test_defaults_to_update():
    assert CrawlArgs.parse({}) == CrawlArgs(mode="update")


def test_backfill_window():
    args = CrawlArgs.parse({"mode": "backfill", "since": "2019-01-01", "until": "2019-12-31"})
    assert (args.since, args.until) == (date(2019, 1, 1), date(2019, 12, 31))
    assert args.window() == (datetime(2019, 1, 1, tzinfo=UTC), datetime(2020, 1, 1, tzinfo=UTC))


def test_urls_from_list_and_file(tmp_path):
    listed = CrawlArgs.parse({"mode": "urls", "urls": "https://www.dw.com/sw/a/a-1, /sw/b/video-2"})
    assert listed.urls == ("https://www.dw.com/sw/a/a-1", "/sw/b/video-2")
    path = tmp_path / "urls.txt"
    path.write_text(
        "# one per line\nhttps://www.dw.com/sw/a/a-1\n\nhttps://www.dw.com/sw/c/audio-3\n"
    )
    from_file = CrawlArgs.parse({"mode": "urls", "urls": f"@{path}"})
    assert from_file.urls == ("https://www.dw.com/sw/a/a-1", "https://www.dw.com/sw/c/audio-3")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"mode": "all"}, "mode='all': use one of update, backfill, urls"),
        ({"mode": "backfill", "since": "2019-13-01"}, "since='2019-13-01' is not a date"),
        ({"mode": "backfill", "since": "2020-01-01", "until": "2019-01-01"}, "is after"),
        ({"since": "2019-01-01"}, "only apply to -a mode=backfill"),
        ({"mode": "urls"}, "mode=urls needs -a urls="),
        ({"urls": "https://www.dw.com/sw/a/a-1"}, "needs -a mode=urls"),
        ({"mode": "urls", "urls": "https://example.org/x"}, "is not a DW content page URL"),
        (
            {"mode": "urls", "urls": "https://www.dw.com/de/x/a-1"},
            "is not a Kiswahili page (/sw/…)",
        ),
        ({"mode": "urls", "urls": "@/nonexistent/urls.txt"}, "cannot read"),
        ({"mdoe": "update"}, "unknown argument(s) mdoe"),
    ],
)
def test_bad_arguments_give_one_line(raw, message):
    with pytest.raises(SpiderArgumentError) as info:
        CrawlArgs.parse(raw)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://www.dw.com", "https://www.dw.com"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000"),
        ("HTTPS://WWW.DW.COM", "https://www.dw.com"),  # DW's own page hosts mean DW
        ("https://m.dw.com/", "https://www.dw.com"),
        ("https://dw.com", "https://www.dw.com"),
        ("http://Mirror.Example.org:8080", "http://mirror.example.org:8080"),
        ("http://[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_base_url(value, expected):
    assert check_base_url(value) == expected


@pytest.mark.parametrize("value", ["www.dw.com", "ftp://x", "https://www.dw.com/sw/", ""])
def test_bad_base_url(value):
    with pytest.raises(SpiderArgumentError, match="DW_BASE_URL"):
        check_base_url(value)


def test_check_arguments_checks_the_base_url_setting():
    settings = Settings({"DW_BASE_URL": "dw.com"})
    with pytest.raises(SpiderArgumentError, match="DW_BASE_URL"):
        DwSwSpider.check_arguments({}, settings)
    ok = Settings({"DW_BASE_URL": "https://www.dw.com/"})
    assert DwSwSpider.check_arguments({"mode": "backfill"}, ok) == (
        CrawlArgs(mode="backfill"),
        "https://www.dw.com",
    )


def _run_info(started: datetime, counters: dict[str, Any]) -> CrawlRunInfo:
    return CrawlRunInfo(
        id=1,
        mode="update",
        started_at=started,
        finished_at=None,
        outcome="success",
        settings={},
        counters=counters,
        field_rates=None,
        message=None,
    )


def test_update_window_starts_at_the_last_successful_run():
    started = datetime(2024, 7, 1, 12, 0, tzinfo=UTC)
    assert update_since(_run_info(started, {"lost": 0}), timedelta(days=7)) == datetime(
        2024, 7, 1, 11, 0, tzinfo=UTC
    )


def test_update_window_keeps_the_window_of_a_run_that_lost_pages():
    started = datetime(2024, 7, 1, 12, 0, tzinfo=UTC)
    counters = {"lost": 2, "window_since": "2024-06-30T08:00:00+00:00"}
    assert update_since(_run_info(started, counters), timedelta(days=7)) == datetime(
        2024, 6, 30, 8, 0, tzinfo=UTC
    )


def test_update_window_without_history_looks_back_the_default_window():
    since = update_since(None, timedelta(days=7))
    assert timedelta(days=7) <= datetime.now(UTC) - since < timedelta(days=7, minutes=1)


def test_spider_identity_and_allowed_hosts(tmp_path):
    project = {k: v for k, v in vars(project_settings).items() if k.isupper()}
    settings = {**project, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"}
    crawler = get_crawler(DwSwSpider, {**settings, "DW_CONTACT_URL": "mailto:me@example.org"})
    assert crawler.settings["USER_AGENT"].endswith(
        "(DW Kiswahili archive crawler; +mailto:me@example.org)"
    )
    spider = DwSwSpider.from_crawler(crawler)
    assert spider.base == "https://www.dw.com"
    replica = get_crawler(DwSwSpider, {**settings, "DW_BASE_URL": "http://127.0.0.1:8123"})
    assert DwSwSpider.from_crawler(replica, mode="backfill").base == "http://127.0.0.1:8123"
    user = Settings({**settings, "DW_CONTACT_URL": "x"}, priority="project")
    user.set("USER_AGENT", "mine", priority="cmdline")  # scrapy crawl -s USER_AGENT=mine
    assert Crawler(DwSwSpider, user).settings["USER_AGENT"] == "mine"  # the user's wins
