"""Storing items: idempotent re-store, revisions on real edits, none on furniture."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.hashing import CONTENT_FIELDS
from dwcrawler.db.migrate import upgrade
from dwcrawler.db.models import (
    Article,
    ArticleAuthor,
    ArticlePhoto,
    ArticleRevision,
    ArticleTopic,
    Author,
    Credit,
    CreditPart,
    Photo,
    PhotoCredit,
    Topic,
)
from dwcrawler.db.repository import store_article, store_articles
from dwcrawler.items import ArticleItem, BodyBlock, FetchInfo, TopicItem
from tests.replica.archive import records
from tests.support.dbfixtures import changed_cells, dump_tables
from tests.support.dbsamples import (
    FETCHED_AT,
    GAUCK,
    MKUTANO,
    RELI,
    SAMPLE_ITEMS,
    fetched,
    synthetic_items,
)

T0 = datetime(2024, 7, 1, 6, 0, tzinfo=UTC)
T1 = T0 + timedelta(hours=6)


def store(
    sessions: sessionmaker[Session], item: ArticleItem, seen_at: datetime = T0, **kwargs: Any
) -> str:
    with sessions.begin() as session:
        return store_article(session, item, seen_at=seen_at, **kwargs)


def revisions(sessions: sessionmaker[Session], dw_id: int) -> list[ArticleRevision]:
    with sessions() as session:
        query = (
            select(ArticleRevision)
            .where(ArticleRevision.article_id == dw_id)
            .order_by(ArticleRevision.revision)
        )
        return list(session.scalars(query))


def test_new_article_fills_every_table(db_sessions):
    assert store(db_sessions, fetched(RELI, etag='"v1"', last_modified="x")) == "new"
    with db_sessions() as session:
        article = session.get(Article, RELI.dw_id)
        assert article is not None
        assert (article.url, article.kind, article.design) == (RELI.url, "article", "current")
        assert article.title == RELI.title
        assert article.body_text == RELI.body_text
        assert article.body[2] == {"type": "subheading", "text": "Gharama za mradi"}
        assert article.published_at == RELI.published_at
        assert article.published_at.tzinfo is not None
        assert (article.first_seen_at, article.last_seen_at) == (T0, T0)
        assert (article.status, article.current_revision) == ("live", 1)
        assert (article.http_etag, article.http_last_modified) == ('"v1"', "x")
        uses = session.scalars(
            select(ArticlePhoto).where(ArticlePhoto.article_id == RELI.dw_id)
        ).all()
        assert [(u.position, u.role, u.caption, u.credit) for u in uses] == [
            (p.position, p.role, p.caption, p.credit) for p in RELI.photos
        ]
        photo = session.scalars(select(Photo).where(Photo.image_id == 69384512)).one()
        assert photo.url_template == "https://static.dw.com/image/69384512_${formatId}.jpg"
        assert photo.alt == "Tansania Daressalam Eröffnung Eisenbahnlinie SGR"
        byline = session.execute(
            select(ArticleAuthor.role, ArticleAuthor.position, Author.name)
            .join(Author)
            .where(ArticleAuthor.article_id == RELI.dw_id)
            .order_by(ArticleAuthor.role, ArticleAuthor.position)
        ).all()
        assert [tuple(r) for r in byline] == [
            ("author", 0, "Florence Majani"),
            ("editor", 0, "Mohammed Khelef"),
        ]
        assert session.scalars(select(Topic.name).order_by(Topic.name)).all() == [
            "Tanzania",
            "Uchumi",
        ]
        assert session.scalar(select(func.count()).select_from(PhotoCredit)) == 2
    [first] = revisions(db_sessions, RELI.dw_id)
    assert (first.revision, first.changed_fields) == (1, [])
    assert first.fetched_at == FETCHED_AT
    assert first.snapshot["title"] == RELI.title
    assert first.snapshot["credits"] == [p.credit for p in RELI.photos]


def test_composite_credit_is_split_into_parts(db_sessions):
    store(db_sessions, MKUTANO)
    with db_sessions() as session:
        credit = session.scalars(
            select(Credit).where(Credit.text == "picture-alliance/AP Photo//D. Lovetsky/E. Vucci")
        ).one()
        assert credit.composite
        parts = session.execute(
            select(CreditPart.role, CreditPart.name)
            .where(CreditPart.credit_id == credit.id)
            .order_by(CreditPart.position)
        ).all()
    assert [tuple(p) for p in parts] == [
        ("agency", "picture alliance"),
        ("agency", "AP"),
        ("photographer", "D. Lovetsky"),
        ("photographer", "E. Vucci"),
    ]


def test_storing_the_same_item_twice_changes_only_last_seen_at(db_sessions, db_engine):
    for item in SAMPLE_ITEMS:
        assert store(db_sessions, fetched(item)) == "new"
    before = dump_tables(db_engine)
    for item in SAMPLE_ITEMS:
        assert store(db_sessions, fetched(item), seen_at=T1) == "unchanged"
    after = dump_tables(db_engine)
    assert changed_cells(before, after) == {("articles", "last_seen_at")}
    assert {row["last_seen_at"] for row in after["articles"]} == {T1}


def test_an_older_sighting_never_moves_last_seen_at_back(db_sessions):
    store(db_sessions, RELI, seen_at=T1)
    store(db_sessions, RELI, seen_at=T0)  # e.g. re-extracted from an older WARC
    with db_sessions() as session:
        article = session.get(Article, RELI.dw_id)
        assert (article.first_seen_at, article.last_seen_at) == (T0, T1)


def test_real_edit_writes_one_revision_with_its_changed_fields(db_sessions, db_engine):
    store(db_sessions, RELI)
    hero = replace(RELI.photos[0], caption="Treni ya SGR ikiondoka Dar es Salaam")
    edited = replace(RELI, title=RELI.title + " leo", photos=(hero, *RELI.photos[1:]))
    assert store(db_sessions, edited, seen_at=T1) == "revised"
    first, second = revisions(db_sessions, RELI.dw_id)
    assert (second.revision, second.changed_fields) == (2, ["title", "captions"])
    assert first.snapshot["title"] == RELI.title  # history keeps the old version
    assert second.snapshot["captions"][0] == "Treni ya SGR ikiondoka Dar es Salaam"
    with db_sessions() as session:
        article = session.get(Article, RELI.dw_id)
        assert (article.title, article.current_revision) == (edited.title, 2)
        caption = session.scalar(
            select(ArticlePhoto.caption).where(
                ArticlePhoto.article_id == RELI.dw_id, ArticlePhoto.position == 0
            )
        )
        assert caption == "Treni ya SGR ikiondoka Dar es Salaam"
    assert store(db_sessions, edited, seen_at=T1) == "unchanged"
    assert len(revisions(db_sessions, RELI.dw_id)) == 2


def _edit(field: str) -> ArticleItem:
    hero, inline = RELI.photos
    edits: dict[str, dict[str, Any]] = {
        "title": {"title": "Treni ya SGR yaanza safari"},
        "teaser": {"teaser": "Safari za treni zimeanza."},
        "body": {"body": (*RELI.body, BodyBlock("paragraph", "Aya mpya."))},
        "authors": {"authors": ("Florence Majani", "Josephat Charo")},
        "editors": {"editors": ("Iddi Ssessanga",)},
        "photos": {
            "photos": (
                replace(hero, image_id=1, url="https://static.dw.com/image/1_605.jpg"),
                inline,
            )
        },
        "captions": {"photos": (replace(hero, caption="Maelezo mapya"), inline)},
        "credits": {"photos": (replace(hero, credit="Reuters/E. Ngendakumana"), inline)},
    }
    return replace(RELI, **edits[field])


@pytest.mark.parametrize("field", CONTENT_FIELDS)
def test_each_content_field_is_an_edit(db_sessions, field):
    store(db_sessions, RELI)
    assert store(db_sessions, _edit(field), seen_at=T1) == "revised"
    assert revisions(db_sessions, RELI.dw_id)[-1].changed_fields == [field]


def test_furniture_and_metadata_never_make_a_revision(db_sessions, db_engine):
    store(db_sessions, fetched(RELI))
    moved = replace(
        RELI,
        url="https://www.dw.com/sw/slug-mpya/a-68117411",
        links=("https://www.dw.com/sw/nyingine/a-1",),
        warnings=("hero caption differs from page data",),
        extractor_version="2",
        kicker="Uchumi",
        topics=(TopicItem("Reli", 17299999),),
        modified_at=datetime(2024, 6, 15, 8, 0, tzinfo=UTC),
        photos=tuple(replace(p, url=p.url.replace("_605", "_604")) for p in RELI.photos),
        fetch=FetchInfo(fetched_at=T1, etag='"v2"'),
    )
    assert store(db_sessions, moved, seen_at=T1) == "unchanged"
    assert len(revisions(db_sessions, RELI.dw_id)) == 1
    with db_sessions() as session:
        article = session.get(Article, RELI.dw_id)
        assert article.links == list(moved.links)
        assert (article.url, article.extractor_version, article.http_etag) == (
            moved.url,
            "2",
            '"v2"',
        )
        topic_names = session.scalars(
            select(Topic.name)
            .join(ArticleTopic, ArticleTopic.topic_id == Topic.id)
            .where(ArticleTopic.article_id == RELI.dw_id)
        ).all()
        assert topic_names == ["Reli"]
        urls = session.scalars(
            select(ArticlePhoto.url).where(ArticlePhoto.article_id == RELI.dw_id)
        ).all()
        assert all("_604" in url for url in urls)


def test_whitespace_and_unicode_form_are_not_edits(db_sessions):
    store(db_sessions, RELI)
    respaced = replace(
        RELI,
        title="  " + RELI.title.replace(" ", "\u00a0 ", 1) + "\n",
        body=tuple(replace(b, text=b.text.replace(" ", "  ")) for b in RELI.body),
    )
    assert store(db_sessions, respaced, seen_at=T1) == "unchanged"


def test_photo_without_image_id_is_keyed_by_url(db_sessions):
    store(db_sessions, GAUCK)
    http_copy = replace(GAUCK.photos[0], url=GAUCK.photos[0].url.replace("https:", "http:"))
    other = replace(GAUCK, dw_id=18233499, url=GAUCK.url[:-8] + "a-18233499", photos=(http_copy,))
    store(db_sessions, other)
    with db_sessions() as session:
        keys = session.scalars(select(Photo.photo_key)).all()
        assert keys == ["url:https://www.dw.com/image/0,,18233400_303.jpg"]


def test_shared_photos_credits_and_authors_are_one_row_each(db_sessions):
    twin = replace(RELI, dw_id=68117499, url=RELI.url.replace("68117411", "68117499"))
    store(db_sessions, RELI)
    store(db_sessions, twin)
    with db_sessions() as session:
        for model, expected in ((Photo, 2), (Credit, 2), (Author, 2), (Topic, 2)):
            assert session.scalar(select(func.count()).select_from(model)) == expected
        assert session.scalar(select(func.count()).select_from(ArticlePhoto)) == 4


def test_the_callers_transaction_decides(db_sessions):
    def store_then_fail() -> None:
        with db_sessions.begin() as session:
            store_article(session, RELI, seen_at=T0)
            raise RuntimeError("the pipeline failed after storing")

    with pytest.raises(RuntimeError):
        store_then_fail()
    with db_sessions() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 0
        assert session.scalar(select(func.count()).select_from(Photo)) == 0


def test_naive_datetimes_are_refused(db_sessions):
    with pytest.raises(Exception, match="naive datetime"), db_sessions.begin() as session:
        store_article(session, RELI, seen_at=datetime(2024, 1, 1))


def test_datetimes_come_back_aware_in_utc(db_sessions, db_engine):
    store(db_sessions, GAUCK)
    with db_sessions() as session:
        article = session.get(Article, GAUCK.dw_id)
        assert article.published_at == GAUCK.published_at
        assert article.published_at.utcoffset() == timedelta(0)
        assert article.published_offset == 180  # the page's own +03:00 is kept
    with db_engine.connect() as connection:
        # stored as UTC: 00:00 EAT is 21:00 the day before
        raw = connection.execute(text("SELECT published_at FROM articles")).scalar_one()
        assert "2015-02-03" in str(raw)


def test_storing_a_batch_gives_the_outcomes_and_rows_of_storing_one_by_one(db_url, tmp_path):
    # The writer stores a group commit's new articles together (`store_articles`): one
    # statement per table. Same outcomes, same records as item by item, on both backends;
    # repeats, stored and changed articles in the batch take the one-by-one path.
    stored_before = [SAMPLE_ITEMS[0]]
    changed = replace(SAMPLE_ITEMS[0], title=SAMPLE_ITEMS[0].title + " (imesasishwa)")
    batch = [*SAMPLE_ITEMS[1:], *synthetic_items(12, seed=9), SAMPLE_ITEMS[1], changed]
    entries = [{"item": item, "seen_at": T1, "crawl_run_id": None} for item in batch]

    def stored(url: str, *, batched: bool) -> list[str]:
        engine = make_engine(url)
        try:
            sessions = make_sessionmaker(engine)
            for item in stored_before:
                store(sessions, item)
            if not batched:
                return [store(sessions, **entry) for entry in entries]  # type: ignore[arg-type]
            with sessions.begin() as session:
                return list(store_articles(session, entries))
        finally:
            engine.dispose()

    one_by_one_url = f"sqlite:///{tmp_path / 'one-by-one.sqlite3'}"
    upgrade(one_by_one_url)
    expected = stored(one_by_one_url, batched=False)
    outcomes = stored(db_url, batched=True)
    assert outcomes == expected
    assert expected.count("new") == len(batch) - 2
    assert expected[-2:] == ["unchanged", "revised"]
    assert records(db_url) == records(one_by_one_url)
