import pickle
from dataclasses import fields
from datetime import UTC, datetime

from dwcrawler.items import (
    ArticleItem,
    BodyBlock,
    GoneItem,
    MediaItem,
    NotModifiedItem,
    PhotoItem,
    TopicItem,
    article_from_dict,
    article_to_dict,
)
from tests.support.dbsamples import SAMPLE_ITEMS, fetched


def test_article_round_trips_through_json_dict():
    item = ArticleItem(
        dw_id=16528827,
        url="https://www.dw.com/sw/dw-yavuma-kila-mahali/a-16528827",
        kind="article",
        language="sw",
        design="current",
        title="DW yavuma kila mahali",
        teaser="Idhaa ya Kiswahili, imezidi kuangaza",
        published_at=datetime(2013, 1, 17, tzinfo=UTC),
        date_precision="day",
        authors=("Caro Robi",),
        topics=(TopicItem("Tanzania", 17290000, "https://www.dw.com/sw/tanzania/t-17290000"),),
        body=(BodyBlock("paragraph", "Matangazo kusikika"), BodyBlock("subheading", "Mada")),
        photos=(
            PhotoItem(
                position=0,
                role="hero",
                image_id=1,
                url="https://static.dw.com/image/1_605.jpg",
                alt="50 Jahre Kisuaheli Redaktion",
                caption=None,
                credit="DW",
            ),
        ),
        media=(MediaItem("audio", "https://example.invalid/a.mp3", duration_seconds=35),),
        extractor_version="1",
    )
    data = article_to_dict(item)
    assert data["published_at"] == "2013-01-17T00:00:00+00:00"
    assert data["photos"][0]["credit"] == "DW"
    assert article_from_dict(data) == item
    assert item.body_text == "Matangazo kusikika\n\nMada"


def test_items_cross_process_boundaries_whole():
    # The bulk commands extract in a process pool: every field, the fetch facts (which
    # equality ignores) included, must come back.
    checked = datetime(2024, 5, 1, tzinfo=UTC)
    for item in SAMPLE_ITEMS:
        sent = fetched(item)
        back = pickle.loads(pickle.dumps(sent))
        assert back == sent
        assert back.fetch == sent.fetch
        assert [getattr(back, f.name) for f in fields(back)] == [
            getattr(sent, f.name) for f in fields(sent)
        ]
    gone = GoneItem("https://www.dw.com/sw/x/a-1", 1, 410, checked, sitemap_lastmod=checked)
    seen = NotModifiedItem(url=gone.url, dw_id=1, checked_at=checked, sitemap_lastmod=None)
    assert pickle.loads(pickle.dumps(gone)) == gone
    assert pickle.loads(pickle.dumps(seen)) == seen
