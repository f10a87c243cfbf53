from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from dwcrawler.spiders.incremental import conditional_headers, decide

T = datetime(2024, 7, 1, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Known:
    url: str = "https://www.dw.com/sw/x/a-1"
    status: str = "live"
    etag: str | None = '"abc"'
    last_modified: str | None = "Mon, 01 Jul 2024 10:00:00 GMT"
    sitemap_lastmod: datetime | None = T - timedelta(days=3)
    last_seen_at: datetime | None = T - timedelta(days=2)
    capture: None = None


@pytest.mark.parametrize(
    ("lastmod", "known", "force", "decision"),
    [
        (T, None, False, "fetch"),  # new page
        (None, None, False, "fetch"),
        (T - timedelta(days=3), Known(), False, "skip"),  # lastmod as stored
        (T - timedelta(days=4), Known(), False, "skip"),
        (T, Known(), False, "recheck"),  # edited since
        (None, Known(), False, "skip"),  # a feed or listing: nothing says it changed
        (None, Known(), True, "recheck"),  # asked for explicitly
        # Re-saved without changes: answered 304 at T; the same lastmod is not re-checked again.
        (T - timedelta(hours=2), Known(last_seen_at=T), False, "skip"),
        # ...but within the clock-skew margin it is (DW's clock may lag ours).
        (T - timedelta(minutes=30), Known(last_seen_at=T), False, "recheck"),
        (T, Known(sitemap_lastmod=None, last_seen_at=None), False, "recheck"),
        (T, Known(status="gone"), False, "recheck"),  # came back with a newer lastmod
        (T - timedelta(days=5), Known(status="gone"), False, "skip"),
    ],
)
def test_decide(lastmod, known, force, decision):
    assert decide(lastmod, known, force=force) == decision


def test_conditional_headers():
    assert conditional_headers(None) == {}
    assert conditional_headers(Known()) == {
        "If-None-Match": '"abc"',
        "If-Modified-Since": "Mon, 01 Jul 2024 10:00:00 GMT",
    }
    assert conditional_headers(Known(etag=None, last_modified=None)) == {}
    assert conditional_headers(Known(status="gone")) == {}  # a gone page is fetched in full
