import dataclasses
from datetime import UTC, datetime

import pytest
from scrapy.utils.test import get_crawler

from dwcrawler.extensions.progress import ProgressLine
from dwcrawler.extensions.verdict import RunCounters, judge, summary
from dwcrawler.fieldrates import (
    FIELDS,
    Thresholds,
    check_rates,
    fill_rates,
    filled_fields,
)
from dwcrawler.items import ArticleItem, BodyBlock, PhotoItem

FULL = ArticleItem(
    dw_id=1,
    url="https://www.dw.com/sw/x/a-1",
    kind="article",
    language="sw",
    design="current",
    title="Kichwa",
    teaser="Utangulizi",
    published_at=datetime(2024, 1, 30, tzinfo=UTC),
    authors=("Caro Robi",),
    body=(BodyBlock("paragraph", "Maandishi."),),
    photos=(
        PhotoItem(
            0, "hero", 5, "https://static.dw.com/image/5_605.jpg", caption="Rais", credit="DW"
        ),
    ),
)
BARE = ArticleItem(
    dw_id=2,
    url="https://www.dw.com/sw/y/a-2",
    kind="article",
    language="sw",
    design="classic",
    title=" ",
)
THRESHOLDS = Thresholds(
    minimum={"title": 0.99, "body": 0.95, "published_at": 0.9}, relative_drop=0.5, min_items=5
)


def test_filled_fields():
    assert filled_fields(FULL) == set(FIELDS)
    assert filled_fields(BARE) == set()
    no_caption = PhotoItem(0, "hero", 5, "u", caption=None, credit="DW")
    item = dataclasses.replace(FULL, photos=(no_caption,))
    assert filled_fields(item) == set(FIELDS) - {"captions"}


def test_rates_and_absolute_alarm_names_field_and_rates():
    rates = fill_rates({"title": 10, "body": 10, "published_at": 5}, 10)
    assert rates["published_at"] == 0.5
    assert rates["captions"] == 0.0
    alarms = check_rates(rates, 10, [], THRESHOLDS)
    assert [a.field for a in alarms] == ["published_at"]
    assert (
        alarms[0].message()
        == "field-rate alarm: 'published_at' filled in 50% of 10 items, below the minimum 90%"
    )


def test_relative_alarm_only_against_history():
    rates = fill_rates(
        {"title": 20, "body": 20, "published_at": 20, "captions": 1, "authors": 12}, 20
    )
    assert (
        check_rates(rates, 20, [], THRESHOLDS) == []
    )  # captions may be absent: no history, no alarm
    history = [{"captions": 0.8, "authors": 0.6}, {"captions": 0.7, "authors": 0.7}]
    alarms = check_rates(rates, 20, history, THRESHOLDS)
    assert [a.field for a in alarms] == ["captions"]
    assert (
        "'captions' filled in 5% of 20 items, far below the mean of recent runs 75%"
        in alarms[0].message()
    )


def test_too_few_items_never_alarm():
    assert check_rates(fill_rates({}, 3), 3, [{"captions": 1.0}], THRESHOLDS) == []


def test_verdicts():
    good = RunCounters(responses_ok=10, requests_done=10, stored_new=8)
    assert judge(good, "finished", [], 0.2).outcome == "success"
    nothing = judge(RunCounters(), "finished", [], 0.2)
    assert nothing.outcome == "failed"
    assert nothing.reasons == ("nothing could be fetched",)
    errors = judge(
        RunCounters(responses_ok=3, requests_done=10, requests_failed=3), "finished", [], 0.2
    )
    assert errors.reasons == ("error rate 30% (3 of 10 requests) is over the threshold 20%",)
    refused = judge(RunCounters(store_refused="not at head"), "store_refused", [], 0.2)
    assert refused.outcome == "failed"
    assert refused.reasons[0] == "the store refused to start: not at head"
    lossy = RunCounters.from_stats(
        {
            "downloader/response_status_count/200": 10,
            "dwcrawler/requests_done": 10,
            "items/lost": 3,
        }
    )
    assert (lossy.failures, lossy.error_rate) == (3, 0.3)  # whichever stage dropped them
    lossy_verdict = judge(lossy, "finished", [], 0.2)
    assert lossy_verdict.outcome == "failed"
    assert "error rate 30%" in " ".join(lossy_verdict.reasons)
    failed_writes = judge(RunCounters(responses_ok=3, store_failed=2), "finished", [], 0.2)
    assert "2 item(s) could not be written to the database" in failed_writes.reasons
    stopped = judge(good, "shutdown", [], 0.2)
    assert stopped.outcome == "interrupted"


def test_counters_from_stats_and_summary():
    stats = {
        "downloader/response_status_count/200": 7,
        "downloader/response_status_count/304": 2,
        "downloader/response_status_count/404": 1,
        "dwcrawler/requests_done": 10,
        "dwcrawler/requests_failed": 1,
        "store/new": 5,
        "store/unchanged": 1,
        "incremental/not_modified": 2,
    }
    counters = RunCounters.from_stats(stats)
    assert (counters.responses_ok, counters.error_rate) == (9, 0.1)
    line = summary(counters, {"title": 1.0, "captions": 0.5}, 12.3)
    assert line.startswith(
        "run summary: 12 s, 9 pages fetched, 6 items stored (5 new, 0 revised, 1 unchanged)"
    )
    assert "field rates: title 100%, captions 50%; CPU time: extracting 0.0 s" in line


def test_progress_line():
    crawler = get_crawler(settings_dict={"DW_PROGRESS_INTERVAL": 1.0})
    crawler.stats.open_spider()
    progress = ProgressLine.from_crawler(crawler)
    for key, value in {
        "response_received_count": 40,
        "store/new": 10,
        "store/revised": 2,
        "store/unchanged": 5,
        "incremental/not_modified": 3,
    }.items():
        crawler.stats.set_value(key, value)
    line = progress.line()
    assert line.startswith("progress: 40 pages (")
    assert line.endswith("/s), 12 items stored, 8 skipped as unchanged, 0 queued")


def test_progress_can_be_switched_off():
    from scrapy.exceptions import NotConfigured

    with pytest.raises(NotConfigured):
        ProgressLine.from_crawler(get_crawler(settings_dict={"DW_PROGRESS_INTERVAL": 0}))
