from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import func, select

from dwcrawler.db import repository
from dwcrawler.db.known_ids import forget_known_ids, known_ids
from dwcrawler.db.models import (
    ArticleAuthor,
    ArticlePhoto,
    ArticleTopic,
    Author,
    Credit,
    Photo,
    Topic,
)
from dwcrawler.items import ArticleItem
from tests.support.dbsamples import SAMPLE_ITEMS

SEEN = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def _with_photos(items: tuple[ArticleItem, ...]) -> ArticleItem:
    return next(item for item in items if item.photos and item.authors)


def test_ids_written_in_a_rolled_back_transaction_are_not_remembered(db_sessions):
    item = _with_photos(SAMPLE_ITEMS)
    session = db_sessions()
    with session.begin():
        repository.store_article(session, item, seen_at=SEEN)
        session.rollback()
    assert known_ids(session, "author") == {}
    # The same authors, credits and photos again, under another id: written afresh, no
    # foreign key pointing at a row that was never committed.
    other = replace(
        item, dw_id=item.dw_id + 1, url=item.url.replace(str(item.dw_id), str(item.dw_id + 1))
    )
    with db_sessions.begin() as session:
        assert repository.store_article(session, other, seen_at=SEEN) == "new"
    with db_sessions() as session:
        assert session.scalar(select(func.count()).select_from(Author)) == len(
            set(item.authors) | set(item.editors)
        )


def test_committed_shared_rows_are_reused_not_rewritten(db_sessions):
    item = _with_photos(SAMPLE_ITEMS)
    with db_sessions.begin() as session:
        repository.store_article(session, item, seen_at=SEEN)
    with db_sessions() as session:
        assert set(known_ids(session, "author")) >= set(item.authors)
        credits_before = session.scalar(select(func.count()).select_from(Credit))
    other = replace(
        item, dw_id=item.dw_id + 7, url=item.url.replace(str(item.dw_id), str(item.dw_id + 7))
    )
    with db_sessions.begin() as session:
        repository.store_article(session, other, seen_at=SEEN)
    with db_sessions() as session:
        assert session.scalar(select(func.count()).select_from(Credit)) == credits_before
        assert session.scalar(select(func.count()).select_from(Photo)) == len(
            {p.image_id for p in item.photos}
        )


def test_a_photo_seen_with_new_values_is_rewritten(db_sessions):
    item = _with_photos(SAMPLE_ITEMS)
    with db_sessions.begin() as session:
        repository.store_article(session, item, seen_at=SEEN)
    first = item.photos[0]
    moved = replace(first, url=first.url.replace("_605.", "_604."), alt="Neuer Name")
    other = replace(
        item,
        dw_id=item.dw_id + 9,
        url=item.url.replace(str(item.dw_id), str(item.dw_id + 9)),
        photos=(moved, *item.photos[1:]),
    )
    with db_sessions.begin() as session:
        repository.store_article(session, other, seen_at=SEEN)
    with db_sessions() as session:
        row = session.execute(
            select(Photo.url, Photo.alt).where(Photo.image_id == first.image_id)
        ).one()
    assert (row.url, row.alt) == (moved.url, "Neuer Name")


def test_shared_rows_another_writer_stored_are_found_not_duplicated(db_sessions):
    # Another process stored these photos, authors, credits and topics: their ids are not known
    # here, and the upsert leaves the unchanged rows alone, so RETURNING gives no id for them.
    item = _with_photos(SAMPLE_ITEMS)
    assert item.topics  # every kind of shared row is met
    with db_sessions.begin() as session:
        repository.store_article(session, item, seen_at=SEEN)
    counts = dict.fromkeys((Author, Credit, Photo, Topic), 0)
    with db_sessions() as session:
        for model in counts:
            counts[model] = session.scalar(select(func.count()).select_from(model)) or 0
        forget_known_ids(session)
    other = replace(
        item, dw_id=item.dw_id + 3, url=item.url.replace(str(item.dw_id), str(item.dw_id + 3))
    )
    with db_sessions.begin() as session:
        assert repository.store_article(session, other, seen_at=SEEN) == "new"
    with db_sessions() as session:
        for model, before in counts.items():
            assert session.scalar(select(func.count()).select_from(model)) == before, model

        def links(dw_id: int) -> list[tuple[object, ...]]:
            queries = (
                (select(ArticlePhoto.photo_id, ArticlePhoto.credit_id), ArticlePhoto),
                (select(ArticleAuthor.author_id), ArticleAuthor),
                (select(ArticleTopic.topic_id), ArticleTopic),
            )
            return [
                tuple(session.execute(q.where(m.article_id == dw_id).order_by(m.position)).all())
                for q, m in queries
            ]

        assert links(other.dw_id) == links(item.dw_id)
        assert all(links(item.dw_id))  # photos, byline and topics were all linked
