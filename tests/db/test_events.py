"""What the archive keeps for its readers: revision causes, change times, status events, listings."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from dwcrawler.db.coverage import ListedPage, coverage_by_month, record_listed
from dwcrawler.db.models import Article, ArticleRevision, ArticleStatusEvent, SitemapEntry
from dwcrawler.db.repository import mark_gone, mark_seen, store_article, store_articles
from dwcrawler.items import ArticleItem, GoneItem, NotModifiedItem
from tests.support.dbsamples import GAUCK, RELI, ZUMA

T0 = datetime(2024, 7, 1, 6, 0, tzinfo=UTC)
T1 = T0 + timedelta(days=1)


def _changed_at(sessions: sessionmaker[Session], dw_id: int) -> datetime:
    with sessions() as session:
        return session.execute(
            select(Article.changed_at).where(Article.dw_id == dw_id)
        ).scalar_one()


def _store(
    sessions: sessionmaker[Session], item: ArticleItem, seen_at: datetime = T0, **kwargs: Any
) -> str:
    with sessions.begin() as session:
        return store_article(session, item, seen_at=seen_at, **kwargs)


def test_revisions_record_their_cause(db_sessions):
    assert _store(db_sessions, RELI) == "new"
    retitled = replace(RELI, title="Treni ya SGR yaanza safari")
    assert _store(db_sessions, retitled, T1, cause="reextract") == "revised"
    with db_sessions.begin() as session:
        batch = [{"item": GAUCK, "seen_at": T0, "cause": "import"}]
        assert store_articles(session, batch) == ["new"]
    with db_sessions() as session:
        causes = session.execute(
            select(
                ArticleRevision.article_id, ArticleRevision.revision, ArticleRevision.cause
            ).order_by(ArticleRevision.article_id, ArticleRevision.revision)
        ).all()
    assert [tuple(row) for row in causes] == [
        (GAUCK.dw_id, 1, "import"),
        (RELI.dw_id, 1, "fetch"),
        (RELI.dw_id, 2, "reextract"),
    ]


def test_changed_at_moves_with_the_record_not_with_sightings(db_sessions):
    before = datetime.now(UTC)
    _store(db_sessions, RELI)
    created = _changed_at(db_sessions, RELI.dw_id)
    assert created >= before
    assert _store(db_sessions, RELI, T1) == "unchanged"
    assert _changed_at(db_sessions, RELI.dw_id) == created  # a sighting is no change
    _store(db_sessions, replace(RELI, kicker="Uchumi"), T1)  # metadata only: no revision
    meta = _changed_at(db_sessions, RELI.dw_id)
    assert meta > created
    _store(db_sessions, replace(RELI, kicker="Uchumi", title="Jina jipya"), T1)
    assert _changed_at(db_sessions, RELI.dw_id) > meta


def test_gone_and_back_are_events_and_changes(db_sessions):
    _store(db_sessions, RELI)
    _store(db_sessions, ZUMA)
    stored = _changed_at(db_sessions, RELI.dw_id)
    with db_sessions.begin() as session:
        assert mark_gone(session, GoneItem(RELI.url, RELI.dw_id, 404, T1))
        assert mark_gone(session, GoneItem(ZUMA.url, ZUMA.dw_id, 410, T1))
        assert not mark_gone(session, GoneItem(RELI.url, RELI.dw_id, 404, T1))  # no second event
    gone_at = _changed_at(db_sessions, RELI.dw_id)
    assert gone_at > stored
    later = T1 + timedelta(hours=2)
    assert _store(db_sessions, RELI, later) == "unchanged"  # fetched again: back
    assert _changed_at(db_sessions, RELI.dw_id) > gone_at
    with db_sessions.begin() as session:
        assert mark_seen(session, NotModifiedItem(ZUMA.url, ZUMA.dw_id, checked_at=later))
        assert mark_seen(session, NotModifiedItem(ZUMA.url, ZUMA.dw_id, checked_at=later))
    with db_sessions() as session:
        events = session.execute(
            select(
                ArticleStatusEvent.article_id,
                ArticleStatusEvent.status,
                ArticleStatusEvent.at,
                ArticleStatusEvent.http_status,
            ).order_by(ArticleStatusEvent.id)
        ).all()
        statuses = dict(session.execute(select(Article.dw_id, Article.status)).all())
    assert [tuple(e) for e in events] == [
        (RELI.dw_id, "gone", T1, 404),
        (ZUMA.dw_id, "gone", T1, 410),
        (RELI.dw_id, "live", later, None),
        (ZUMA.dw_id, "live", later, None),  # once: the second 304 found it live
    ]
    assert statuses == {RELI.dw_id: "live", ZUMA.dw_id: "live"}


def test_sitemap_listings_keep_first_sighting_and_newest_lastmod(db_sessions):
    june, july = datetime(2024, 6, 14, tzinfo=UTC), datetime(2024, 7, 3, tzinfo=UTC)
    with db_sessions.begin() as session:
        pages = [ListedPage(RELI.dw_id, RELI.url, june), ListedPage(RELI.dw_id, RELI.url, july)]
        assert record_listed(session, pages, T0) == 1  # the same page twice in one sitemap
        assert record_listed(session, [ListedPage(GAUCK.dw_id, GAUCK.url, None)], T0) == 1
        assert record_listed(session, [], T0) == 0
    with db_sessions.begin() as session:
        older = [ListedPage(RELI.dw_id, RELI.url, june), ListedPage(GAUCK.dw_id, GAUCK.url, june)]
        record_listed(session, older, T1)
    with db_sessions() as session:
        rows = {
            e.dw_id: (e.lastmod, e.first_listed_at, e.last_listed_at)
            for e in session.scalars(select(SitemapEntry))
        }
    assert rows == {RELI.dw_id: (july, T0, T1), GAUCK.dw_id: (june, T0, T1)}


def test_coverage_counts_listed_held_missing_and_gone_by_month(db_sessions):
    _store(db_sessions, RELI)  # published 2024-06
    _store(db_sessions, ZUMA)
    with db_sessions.begin() as session:
        mark_gone(session, GoneItem(RELI.url, RELI.dw_id, 410, T1))
        record_listed(
            session,
            [
                ListedPage(RELI.dw_id, RELI.url, datetime(2024, 7, 2, tzinfo=UTC)),
                ListedPage(1, "https://www.dw.com/sw/a/a-1", datetime(2024, 6, 30, 23, tzinfo=UTC)),
                ListedPage(2, "https://www.dw.com/sw/b/a-2", datetime(2024, 5, 1, tzinfo=UTC)),
                ListedPage(3, "https://www.dw.com/sw/c/a-3", None),
            ],
            T1,
        )
    with db_sessions() as session:
        months = {
            m.month: (m.listed, m.held, m.missing, m.gone) for m in coverage_by_month(session)
        }
    assert ZUMA.published_at is not None
    zuma_month = ZUMA.published_at.astimezone(UTC).strftime("%Y-%m")
    assert months == {
        "2024-05": (1, 0, 1, 0),
        "2024-06": (2, 1, 1, 1),  # RELI counts in its publication month, not its lastmod's
        zuma_month: (0, 1, 0, 0),
        None: (1, 0, 1, 0),
    }


def test_the_migration_fills_change_times_and_gone_events_of_an_existing_archive(db_url):
    from dwcrawler.db.engine import make_engine, make_sessionmaker
    from dwcrawler.db.migrate import downgrade, upgrade
    from dwcrawler.db.queries import search
    from tests.support.clihelpers import SEEN, seed
    from tests.support.dbsamples import JANJAWEED

    seed(db_url)  # RELI edited on day 2, JANJAWEED gone on day 2
    downgrade(db_url, "7c1d2e3f4a10")
    upgrade(db_url)
    engine = make_engine(db_url)
    sessions = make_sessionmaker(engine)
    try:
        with sessions() as session:
            changed = dict(session.execute(select(Article.dw_id, Article.changed_at)).all())
            events = session.execute(
                select(ArticleStatusEvent.article_id, ArticleStatusEvent.status)
            ).all()
            causes = set(session.scalars(select(ArticleRevision.cause)))
        day2 = SEEN + timedelta(days=1)
        assert changed[RELI.dw_id] == day2  # its newest revision
        assert changed[JANJAWEED.dw_id] == day2  # gone that day
        assert changed[GAUCK.dw_id] == SEEN
        assert [tuple(e) for e in events] == [(JANJAWEED.dw_id, "gone")]
        assert causes == {"fetch"}
        # The search index survived the rebuild of `articles` and still follows edits.
        _store(sessions, replace(GAUCK, title="Mkutano wa kipekee Zanzibari"), day2)
        with sessions() as session:
            assert [h.dw_id for h in search(session, "kipekee").hits] == [GAUCK.dw_id]
    finally:
        engine.dispose()
