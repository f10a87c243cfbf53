import pytest

from dwcrawler.urls import (
    canonical_url,
    from_base,
    is_fetchable,
    parse_content_url,
    path_kind,
    rebase,
    topic_id,
)

REPLICA = "http://127.0.0.1:8123"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.dw.com/sw/dw-yavuma-kila-mahali/a-16528827?maca=sw-rss-sw-all-1-rdf",
            "https://www.dw.com/sw/dw-yavuma-kila-mahali/a-16528827",
        ),
        (
            "http://dw.com/sw/janjaweed-wavamia-washambulia-wananchi/audio-18757491#x",
            "https://www.dw.com/sw/janjaweed-wavamia-washambulia-wananchi/audio-18757491",
        ),
        (
            "https://amp.dw.com/sw/zuma-apandishwa-kizimbani-kwa-ufisadi/video-43287296",
            "https://www.dw.com/sw/zuma-apandishwa-kizimbani-kwa-ufisadi/video-43287296",
        ),
        (
            "https://www.dw.com/de/russland-wahl-nadeschdin-setzt-auf-ein-ende-der-putin-%C3%A4ra/a-68117411",
            "https://www.dw.com/de/russland-wahl-nadeschdin-setzt-auf-ein-ende-der-putin-ära/a-68117411",
        ),
        (
            "/sw/rais-gauck-ziarani-zanzibar/a-18233405",
            "https://www.dw.com/sw/rais-gauck-ziarani-zanzibar/a-18233405",
        ),
        (
            "https://www.dw.com/sw/idhaa-ya-kiswahili/s-11588?maca=x&page=2",
            "https://www.dw.com/sw/idhaa-ya-kiswahili/s-11588?page=2",
        ),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_percent_encoded_and_raw_slugs_are_one_article():
    raw = canonical_url("https://www.dw.com/de/putin-ära/a-1")
    encoded = canonical_url("https://www.dw.com/de/putin-%C3%A4ra/a-1")
    decomposed = canonical_url("https://www.dw.com/de/putin-a%CC%88ra/a-1")  # NFD ä
    assert raw == encoded == decomposed


@pytest.mark.parametrize(
    ("url", "prefix", "kind"),
    [
        ("/sw/x/a-1", "a", "article"),
        ("/sw/x/video-2", "video", "video"),
        ("/sw/x/audio-3", "audio", "audio"),
        ("/sw/x/av-4", "av", None),
        ("/sw/x/g-5", "g", "gallery"),
        ("/sw/x/live-6", "live", "liveblog"),
        ("/sw/a-7", "a", "article"),
    ],
)
def test_parse_content_url_kinds(url, prefix, kind):
    ref = parse_content_url(url)
    assert ref is not None
    assert (ref.prefix, ref.kind) == (prefix, kind)


@pytest.mark.parametrize(
    "url",
    [
        "/sw/idhaa-ya-kiswahili/s-11588",
        "https://www.example.com/sw/x/a-1",
        "https://static.dw.com/image/1_605.jpg",
        "/sw/x/a-1/extra",
    ],
)
def test_non_content_urls(url):
    assert parse_content_url(url) is None


def test_path_kinds():
    assert path_kind("/sw/idhaa-ya-kiswahili/s-11588") == "section"
    assert path_kind("/sw/tanzania/t-17290000") == "topic"
    assert path_kind("/sw/x/a-1") == "content"
    assert path_kind("/sw/sitemap.xml") == "other"


def test_topic_ids():
    assert topic_id("/sw/tanzania/t-17289520") == 17289520
    assert topic_id("https://www.dw.com/sw/tanzania/t-17289520?maca=sw-rss#top") == 17289520
    assert topic_id("/sw/idhaa-ya-kiswahili/s-11588") is None
    assert topic_id("/sw/x/a-1") is None


def test_rebase_maps_every_dw_host_onto_the_replica_and_back():
    assert rebase("https://www.dw.com/sw/x/a-1?maca=y", REPLICA) == f"{REPLICA}/sw/x/a-1"
    assert rebase("/sw/putin-ära/a-1", REPLICA) == f"{REPLICA}/sw/putin-%C3%A4ra/a-1"
    assert rebase("https://rss.dw.com/rdf/rss-sw-all", REPLICA) == f"{REPLICA}/rdf/rss-sw-all"
    assert rebase("https://amp.dw.com/sw/x/a-1", REPLICA) == f"{REPLICA}/sw/x/a-1"
    assert rebase("https://example.org/x", REPLICA) == "https://example.org/x"
    assert from_base(f"{REPLICA}/sw/x/a-1", REPLICA) == "https://www.dw.com/sw/x/a-1"
    assert canonical_url(from_base(f"{REPLICA}/sw/x/a-1", REPLICA)) == "https://www.dw.com/sw/x/a-1"


def test_rebase_against_the_real_site():
    base = "https://www.dw.com"
    assert rebase("https://m.dw.com/sw/x/a-1", base) == "https://www.dw.com/sw/x/a-1"
    assert rebase("https://rss.dw.com/xml/rss-sw-all", base) == "https://rss.dw.com/xml/rss-sw-all"


def test_is_fetchable():
    assert is_fetchable(f"{REPLICA}/sw/x/a-1", REPLICA)
    assert not is_fetchable("https://www.dw.com/sw/x/a-1", REPLICA)  # must be rebased first
    assert not is_fetchable(f"{REPLICA}/search/?q=x", REPLICA)
    assert not is_fetchable("https://evil.example/sw/x/a-1", REPLICA)
    assert is_fetchable("https://www.dw.com/sw/x/a-1", "https://www.dw.com")
    assert is_fetchable("https://rss.dw.com/rdf/rss-sw-all", "https://www.dw.com")
    assert not is_fetchable("https://static.dw.com/image/1_605.jpg", "https://www.dw.com")
    assert not is_fetchable("ftp://www.dw.com/x", "https://www.dw.com")
