"""Gone pages, 304s, fetch states for the spider, crawl runs, and concurrent writers."""

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.models import Article, ArticlePhoto, Author, Credit, Photo
from dwcrawler.db.repository import (
    fetch_states,
    finish_crawl_run,
    last_successful_run,
    mark_gone,
    mark_seen,
    recent_field_rates,
    start_crawl_run,
    store_article,
)
from dwcrawler.fieldrates import FIELDS
from dwcrawler.items import ArticleItem, GoneItem, NotModifiedItem
from tests.support.dbfixtures import changed_cells, dump_tables
from tests.support.dbsamples import DW_YAVUMA, RELI, ZUMA, fetched, synthetic_items

T0 = datetime(2024, 7, 1, 6, 0, tzinfo=UTC)
T1 = T0 + timedelta(days=1)


def store(
    sessions: sessionmaker[Session], item: ArticleItem, seen_at: datetime = T0, **kwargs: Any
) -> str:
    with sessions.begin() as session:
        return store_article(session, item, seen_at=seen_at, **kwargs)


def gone(item: ArticleItem, status: int = 404, when: datetime = T1) -> GoneItem:
    return GoneItem(url=item.url, dw_id=item.dw_id, status=status, checked_at=when)


def test_gone_marks_status_and_date_and_deletes_nothing(db_sessions, db_engine):
    store(db_sessions, RELI)
    before = dump_tables(db_engine)
    with db_sessions.begin() as session:
        assert mark_gone(session, gone(RELI, 410)) is True
    after = dump_tables(db_engine)
    assert changed_cells(before, after) == {
        ("articles", "status"),
        ("articles", "gone_at"),
        ("articles", "gone_status"),
        ("articles", "changed_at"),  # the exported record changed
        ("article_status_events", "*"),  # one event, for `dwcrawler changes`
    }
    [row] = after["articles"]
    assert (row["status"], row["gone_at"], row["gone_status"]) == ("gone", T1, 410)
    [event] = after["article_status_events"]
    assert (event["article_id"], event["status"], event["at"], event["http_status"]) == (
        RELI.dw_id,
        "gone",
        T1,
        410,
    )
    with db_sessions.begin() as session:
        assert mark_gone(session, gone(RELI, when=T1 + timedelta(days=1))) is False
        assert session.get(Article, RELI.dw_id).gone_at == T1  # first date kept
        assert mark_gone(session, gone(ZUMA)) is False  # never stored


def test_an_article_that_comes_back_is_live_again(db_sessions):
    store(db_sessions, RELI)
    with db_sessions.begin() as session:
        mark_gone(session, gone(RELI))
    assert store(db_sessions, RELI, seen_at=T1 + timedelta(hours=1)) == "unchanged"
    with db_sessions() as session:
        article = session.get(Article, RELI.dw_id)
        assert (article.status, article.gone_at, article.gone_status) == ("live", None, None)


def test_not_modified_moves_only_last_seen_at(db_sessions, db_engine):
    store(db_sessions, fetched(RELI, etag='"e"'))
    before = dump_tables(db_engine)
    with db_sessions.begin() as session:
        item = NotModifiedItem(url=RELI.url, dw_id=RELI.dw_id, checked_at=T1)
        assert mark_seen(session, item) is True
    after = dump_tables(db_engine)
    assert changed_cells(before, after) == {("articles", "last_seen_at")}
    assert after["articles"][0]["last_seen_at"] == T1
    with db_sessions.begin() as session:
        earlier = NotModifiedItem(url=RELI.url, dw_id=RELI.dw_id, checked_at=T0)
        assert mark_seen(session, earlier) is True
        assert session.get(Article, RELI.dw_id).last_seen_at == T1  # never backwards
        unknown = NotModifiedItem(url=ZUMA.url, dw_id=ZUMA.dw_id, checked_at=T1)
        assert mark_seen(session, unknown) is False


def test_a_page_left_listed_after_its_removal_keeps_the_lastmod_it_was_rechecked_for(db_sessions):
    lastmod = datetime(2024, 6, 30, tzinfo=UTC)
    store(db_sessions, RELI)
    with db_sessions.begin() as session:
        first = GoneItem(RELI.url, RELI.dw_id, 404, T1, sitemap_lastmod=lastmod)
        assert mark_gone(session, first) is True
        later = lastmod + timedelta(hours=3)
        again = GoneItem(RELI.url, RELI.dw_id, 404, T1 + timedelta(days=1), sitemap_lastmod=later)
        assert mark_gone(session, again) is False  # already gone: status and date stay
        state = fetch_states(session, [RELI.dw_id])[RELI.dw_id]
    assert (state.status, state.sitemap_lastmod) == ("gone", later)


def test_not_modified_keeps_the_sitemap_lastmod_it_was_rechecked_for(db_sessions, db_engine):
    lastmod = datetime(2024, 6, 30, tzinfo=UTC)
    store(db_sessions, fetched(RELI, etag='"e"', sitemap_lastmod=lastmod - timedelta(days=2)))
    before = dump_tables(db_engine)
    with db_sessions.begin() as session:
        item = NotModifiedItem(RELI.url, RELI.dw_id, checked_at=T1, sitemap_lastmod=lastmod)
        assert mark_seen(session, item) is True
    after = dump_tables(db_engine)
    assert changed_cells(before, after) == {
        ("articles", "last_seen_at"),
        ("articles", "sitemap_lastmod"),
    }
    with db_sessions.begin() as session:
        older = NotModifiedItem(
            RELI.url, RELI.dw_id, checked_at=T1, sitemap_lastmod=lastmod - timedelta(days=9)
        )
        mark_seen(session, older)
        assert fetch_states(session, [RELI.dw_id])[RELI.dw_id].sitemap_lastmod == lastmod


def test_fetch_states_give_the_spider_what_it_needs(db_sessions):
    lastmod = datetime(2024, 6, 30, tzinfo=UTC)
    store(db_sessions, fetched(RELI, etag='"abc"', last_modified="Sun, 30 Jun 2024 10:00:00 GMT"))
    store(db_sessions, fetched(ZUMA, sitemap_lastmod=lastmod))
    store(db_sessions, fetched(ZUMA, when=T1))  # found via RSS: no lastmod, keep the known one
    with db_sessions.begin() as session:
        mark_gone(session, gone(DW_YAVUMA))  # not stored: no effect
        states = fetch_states(session, [RELI.dw_id, ZUMA.dw_id, 1, RELI.dw_id])
    assert set(states) == {RELI.dw_id, ZUMA.dw_id}
    reli = states[RELI.dw_id]
    assert (reli.url, reli.status, reli.etag) == (RELI.url, "live", '"abc"')
    assert reli.last_modified == "Sun, 30 Jun 2024 10:00:00 GMT"
    assert reli.modified_at == RELI.modified_at
    assert reli.last_seen_at == T0
    assert states[ZUMA.dw_id].sitemap_lastmod == lastmod


def test_fetch_states_for_many_ids(db_sessions):
    items = synthetic_items(30)
    for item in items:
        store(db_sessions, item)
    with db_sessions() as session:
        states = fetch_states(session, [i.dw_id for i in items] + list(range(1, 1200)))
    assert sorted(states) == sorted(i.dw_id for i in items)


def test_crawl_runs_record_settings_counters_and_rates(db_sessions):
    rates = dict.fromkeys(FIELDS, 1.0) | {"captions": 0.5}
    with db_sessions.begin() as session:
        assert last_successful_run(session) is None
        first = start_crawl_run(
            session, mode="update", settings={"JOBDIR": Path("/tmp/j")}, started_at=T0
        )
        finish_crawl_run(
            session,
            first,
            finished_at=T0 + timedelta(minutes=5),
            outcome="success",
            counters={"stored": 3, "gone": 1},
            field_rates=rates,
        )
        broken = start_crawl_run(session, mode="update", settings={}, started_at=T1)
        finish_crawl_run(
            session,
            broken,
            finished_at=T1,
            outcome="failed",
            counters={},
            field_rates={"captions": 0.0},
            message="captions fell to 0%",
        )
    with db_sessions() as session:
        run = last_successful_run(session)
        assert run is not None
        assert (run.id, run.mode, run.outcome) == (first, "update", "success")
        assert run.settings == {"JOBDIR": "/tmp/j"}
        assert run.counters == {"stored": 3, "gone": 1}
        assert run.field_rates == rates
        assert recent_field_rates(session, 5) == [rates]  # the failed run is no baseline


@pytest.mark.parametrize(
    ("outcome", "rates", "message"),
    [
        ("done", {}, "unknown crawl outcome"),
        ("running", {}, "unknown crawl outcome"),
        ("success", {"title": 1.5}, "between 0 and 1"),
        ("success", {"title": float("nan")}, "between 0 and 1"),
    ],
)
def test_finish_crawl_run_rejects_bad_values(db_sessions, outcome, rates, message):
    with db_sessions.begin() as session:
        run = start_crawl_run(session, mode="update", settings={}, started_at=T0)
        with pytest.raises(ValueError, match=message):
            finish_crawl_run(
                session, run, finished_at=T1, outcome=outcome, counters={}, field_rates=rates
            )
        with pytest.raises(LookupError):
            finish_crawl_run(
                session, run + 1, finished_at=T1, outcome="success", counters={}, field_rates={}
            )


def test_articles_name_the_run_that_saw_them_last(db_sessions):
    with db_sessions.begin() as session:
        run = start_crawl_run(session, mode="backfill", settings={}, started_at=T0)
    store(db_sessions, RELI, crawl_run_id=run)
    with db_sessions() as session:
        assert session.get(Article, RELI.dw_id).last_crawl_run_id == run


def test_two_writers_at_once_share_rows_without_errors(db_url):
    """Two engines (as two crawl processes would) store overlapping items concurrently."""
    items = synthetic_items(40)
    engines = [make_engine(db_url) for _ in range(2)]
    errors: list[BaseException] = []

    def write(engine, batch):
        sessions = make_sessionmaker(engine)
        try:
            for item in batch:
                store(sessions, item)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [
        threading.Thread(target=write, args=(engines[0], items)),
        threading.Thread(target=write, args=(engines[1], list(reversed(items)))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert errors == []
        with make_sessionmaker(engines[0])() as session:
            count = session.scalar(select(func.count()).select_from(Article))
            assert count == len(items)
            uses = session.scalar(select(func.count()).select_from(ArticlePhoto))
            assert uses == sum(len(i.photos) for i in items)
            credits = {p.credit for i in items for p in i.photos}
            assert session.scalar(select(func.count()).select_from(Credit)) == len(credits)
            authors = {a for i in items for a in (*i.authors, *i.editors)}
            assert session.scalar(select(func.count()).select_from(Author)) == len(authors)
            photos = {p.image_id for i in items for p in i.photos}
            assert session.scalar(select(func.count()).select_from(Photo)) == len(photos)
    finally:
        for engine in engines:
            engine.dispose()


def test_same_new_article_from_two_writers_is_stored_once(db_url):
    engines = [make_engine(db_url) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def write(engine):
        sessions = make_sessionmaker(engine)
        barrier.wait()
        outcomes.append(store(sessions, replace(RELI, extractor_version="x")))

    threads = [threading.Thread(target=write, args=(e,)) for e in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for engine in engines:
        engine.dispose()
    assert sorted(outcomes) == ["new", "unchanged"]
