from datetime import UTC, datetime

from dwcrawler.items import (
    ArticleItem,
    BodyBlock,
    MediaItem,
    PhotoItem,
    TopicItem,
    article_from_dict,
    article_to_dict,
)


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
