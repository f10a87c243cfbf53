from datetime import UTC, datetime

import pytest

from dwcrawler.pages.feeds import FeedError, parse_date, parse_feed
from tests.support.paths import SITE


def test_real_dw_rdf_feed():
    entries = parse_feed((SITE / "bs_rss-rdf_2020_prati_ba-test-payload.xml").read_bytes())
    assert len(entries) == 1
    entry = entries[0]
    assert entry.url == (
        "https://www.dw.com/bs/tenzije-između-srbije-i-bih-zbog-presude-za-ratni-zločin/a-54087065"
    )
    assert entry.dw_id == 54087065
    assert entry.title == "Tenzije između Srbije i BiH zbog presude za ratni zločin"
    assert entry.published_at == datetime(2020, 7, 8, 8, 58, tzinfo=UTC)


RSS2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>DW Kiswahili</title>
<item><title>Habari moja</title>
<link>https://www.dw.com/sw/habari-moja/a-70000001?maca=sw-rss-sw-all-1-xml</link>
<pubDate>Tue, 30 Jan 2024 10:15:00 GMT</pubDate><guid>https://www.dw.com/sw/habari-moja/a-70000001</guid></item>
<item><title>Vidio</title><link>https://www.dw.com/sw/vidio/video-70000002</link>
<pubDate>Tue, 30 Jan 2024 11:00:00 +0100</pubDate></item>
<item><title>Sehemu</title><link>https://www.dw.com/sw/idhaa-ya-kiswahili/s-11588</link></item>
<item><title>Nakala</title><link>https://www.dw.com/sw/habari-moja/a-70000001?maca=dup</link></item>
<item><title>Nje</title><link>https://example.org/sw/x/a-5</link></item>
</channel></rss>"""


def test_rss2_feed_keeps_content_pages_once_with_dates():
    entries = parse_feed(RSS2)
    assert [e.url for e in entries] == [
        "https://www.dw.com/sw/habari-moja/a-70000001",
        "https://www.dw.com/sw/vidio/video-70000002",
    ]
    assert entries[0].published_at == datetime(2024, 1, 30, 10, 15, tzinfo=UTC)
    assert entries[1].published_at == datetime(2024, 1, 30, 10, 0, tzinfo=UTC)


def test_atom_feed():
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title>
    <link href="https://www.dw.com/sw/a/a-7"/><updated>2024-02-01T00:00:00Z</updated></entry></feed>"""
    [entry] = parse_feed(atom)
    assert (entry.dw_id, entry.published_at) == (7, datetime(2024, 2, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<rss><channel><item>", "malformed feed XML"),
        (b"<html><body>not a feed</body></html>", "not an RSS or Atom feed"),
        (b"", "malformed feed XML"),
    ],
)
def test_bad_feeds_raise_one_line_errors(body, message):
    with pytest.raises(FeedError, match=message) as info:
        parse_feed(body)
    assert "\n" not in str(info.value)


def test_entity_expansion_is_not_performed():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">
    <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
    <rss><channel><item><title>&b;</title><link>https://www.dw.com/sw/x/a-1</link></item>
    </channel></rss>"""
    [entry] = parse_feed(bomb)
    assert entry.title is None or "aaaa" not in entry.title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-07-08T08:58:00Z", datetime(2020, 7, 8, 8, 58, tzinfo=UTC)),
        ("2020-07-08T08:58:00", datetime(2020, 7, 8, 8, 58, tzinfo=UTC)),
        ("Wed, 08 Jul 2020 08:58:00 GMT", datetime(2020, 7, 8, 8, 58, tzinfo=UTC)),
        ("jana", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected
