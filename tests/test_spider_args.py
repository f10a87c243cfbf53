from datetime import UTC, date, datetime

import pytest
from scrapy.settings import Settings

from dwcrawler.spiders.args import CrawlArgs, SpiderArgumentError
from dwcrawler.spiders.dw_sw import DwSwSpider, check_base_url


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
    ],
)
def test_base_url(value, expected):
    assert check_base_url(value) == expected


@pytest.mark.parametrize("value", ["www.dw.com", "ftp://x", "https://www.dw.com/sw/", ""])
def test_bad_base_url(value):
    with pytest.raises(SpiderArgumentError, match="DW_BASE_URL"):
        check_base_url(value)


def test_check_arguments_loads_the_extractor():
    settings = Settings({"DW_BASE_URL": "https://www.dw.com", "DW_EXTRACTOR": "no.such.module.f"})
    with pytest.raises(SpiderArgumentError, match="DW_EXTRACTOR"):
        DwSwSpider.check_arguments({}, settings)
