"""Engines: SQLite pragmas and locking, URL handling, UTC datetimes."""

import threading
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from dwcrawler.config import DatabaseURLError
from dwcrawler.db.base import UTCDateTime
from dwcrawler.db.engine import (
    display_url,
    make_engine,
    make_sessionmaker,
    normalise_url,
)
from dwcrawler.db.repository import store_article
from tests.support.dbsamples import RELI, ZUMA

T0 = datetime(2024, 7, 1, tzinfo=UTC)


def test_sqlite_connections_are_set_up_for_one_writer_and_many_readers(sqlite_url):
    engine = make_engine(sqlite_url)
    try:
        with engine.connect() as connection:
            values = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("foreign_keys", "journal_mode", "busy_timeout", "synchronous")
            }
        assert values == {
            "foreign_keys": 1,
            "journal_mode": "wal",
            "busy_timeout": 30_000,
            "synchronous": 1,  # NORMAL
        }
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(db_engine):
    with pytest.raises(IntegrityError), db_engine.begin() as connection:
        connection.execute(
            text("INSERT INTO article_topics (article_id, position, topic_id) VALUES (1, 0, 1)")
        )


def test_a_second_sqlite_writer_waits_for_the_first(sqlite_url):
    first, second = make_engine(sqlite_url), make_engine(sqlite_url)
    holding = threading.Event()
    waited: list[float] = []

    def slow_writer() -> None:
        with make_sessionmaker(first).begin() as session:
            store_article(session, RELI, seen_at=T0)
            holding.set()
            time.sleep(0.4)

    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert holding.wait(10)
    start = time.perf_counter()
    with make_sessionmaker(second).begin() as session:
        assert store_article(session, ZUMA, seen_at=T0) == "new"
    waited.append(time.perf_counter() - start)
    thread.join()
    first.dispose()
    second.dispose()
    assert waited[0] > 0.2  # it queued behind the lock instead of failing


def test_readers_are_not_blocked_by_a_writer(sqlite_url):
    writer, reader = make_engine(sqlite_url), make_engine(sqlite_url, sqlite_begin="DEFERRED")
    try:
        with make_sessionmaker(writer).begin() as session:
            store_article(session, RELI, seen_at=T0)
        with make_sessionmaker(writer).begin() as session:
            store_article(session, ZUMA, seen_at=T0)  # write transaction still open
            with reader.connect() as connection:
                count = connection.execute(text("SELECT count(*) FROM articles")).scalar()
            assert count == 1  # the reader sees the last committed state at once
    finally:
        writer.dispose()
        reader.dispose()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://dw@db.example/dw_sw", "postgresql+psycopg://dw@db.example/dw_sw"),
        ("postgres://dw@db.example/dw_sw", "postgresql+psycopg://dw@db.example/dw_sw"),
        ("postgresql+psycopg://dw@h/x", "postgresql+psycopg://dw@h/x"),
        ("/srv/dw/archive.sqlite3", "sqlite:////srv/dw/archive.sqlite3"),
        ("sqlite:///relative.sqlite3", "sqlite:///relative.sqlite3"),
    ],
)
def test_urls_are_normalised(given, expected):
    assert normalise_url(given).render_as_string(hide_password=False) == expected


@pytest.mark.parametrize(
    "url", ["mysql://root@localhost/dw", "https://example.org/db", "oracle://x"]
)
def test_unsupported_urls_are_refused(url):
    with pytest.raises(DatabaseURLError):
        normalise_url(url)


def test_passwords_are_never_printed():
    shown = display_url("postgresql+psycopg://dw:s3cret@db.example/dw_sw")
    assert "s3cret" not in shown
    assert "db.example" in shown


def test_engines_connect_lazily():
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/nothing")  # nothing listens
    engine.dispose()


def test_utc_datetime_type(db_engine):
    column = UTCDateTime()
    eat = timezone(timedelta(hours=3))
    bound = column.process_bind_param(datetime(2024, 1, 1, 3, 0, tzinfo=eat), db_engine.dialect)
    assert bound is not None
    assert bound.replace(tzinfo=UTC) == datetime(2024, 1, 1, 0, 0, tzinfo=UTC)
    with pytest.raises(ValueError, match="naive"):
        column.process_bind_param(datetime(2024, 1, 1), db_engine.dialect)
    back = column.process_result_value(datetime(2024, 1, 1), db_engine.dialect)
    assert back == datetime(2024, 1, 1, tzinfo=UTC)
