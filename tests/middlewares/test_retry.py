import random
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from dwcrawler.middlewares.retry import backoff_delay, parse_retry_after
from tests.replica.build import fixture_site
from tests.replica.faults import status_fault
from tests.replica.run import crawl
from tests.replica.server import ReplicaServer

NOW = datetime(2024, 1, 30, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        (format_datetime(NOW + timedelta(seconds=30), usegmt=True), 30.0),
        (format_datetime(NOW - timedelta(seconds=30), usegmt=True), 0.0),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(header, expected):
    assert parse_retry_after(header, now=NOW) == expected


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    rand = random.Random(1)
    delays = [backoff_delay(n, base=2.0, cap=60.0, rand=rand) for n in range(1, 8)]
    for n, delay in enumerate(delays, start=1):
        full = min(60.0, 2.0 * 2 ** (n - 1))
        assert full / 2 <= delay <= full
    assert max(delays) <= 60.0


def test_retry_after_wins_when_longer_but_is_bounded():
    assert backoff_delay(1, base=1.0, cap=10.0, retry_after=30.0, retry_after_max=600) == 30.0
    assert backoff_delay(1, base=1.0, cap=10.0, retry_after=9999, retry_after_max=50) == 50.0
    assert backoff_delay(3, base=1.0, cap=10.0, retry_after=0.0) >= 2.0


def test_crawl_waits_for_retry_after_and_then_gets_the_page(sqlite_url):
    site = fixture_site()
    page = site.pages[0].path
    with ReplicaServer(site.resources()) as server:
        server.faults.add(page, status_fault(503, {"Retry-After": "2"}), times=1)
        server.faults.add(site.pages[1].path, status_fault(429), times=2)
        started = time.monotonic()
        result = crawl(
            server.base_url,
            proxy=server.base_url,
            args={"mode": "backfill"},
            settings={"DATABASE_URL": sqlite_url},
        )
        elapsed = time.monotonic() - started
        log = server.requests()
    assert result.returncode == 0, result.stderr[-2000:]
    tries = [r for r in log if r.path == page]
    assert [r.status for r in tries] == [503, 200]
    assert tries[1].at - tries[0].at >= 2.0
    assert [r.status for r in log if r.path == site.pages[1].path] == [429, 429, 200]
    assert "server asked for 2 s" in result.stderr
    assert elapsed < 60
