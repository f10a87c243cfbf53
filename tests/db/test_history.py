"""Revisions in time order: imported captures older than the current version only add history."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from dwcrawler.db.models import Article, ArticleRevision
from dwcrawler.db.repository import Cause, mark_gone, mark_seen, store_article
from dwcrawler.items import ArticleItem, BodyBlock, CaptureRef, GoneItem, NotModifiedItem
from tests.support.dbsamples import RELI, fetched

T = datetime(2024, 7, 1, 6, 0, tzinfo=UTC)
A = RELI
B = replace(RELI, body=(BodyBlock("paragraph", "Toleo la pili la habari hii."),))
C = replace(RELI, body=(BodyBlock("paragraph", "Toleo la tatu la habari hii."),))


def at(item: ArticleItem, hours: float, offset: int = 0) -> ArticleItem:
    when = T + timedelta(hours=hours)
    return fetched(item, when, capture=CaptureRef("f.warc.gz", offset or int(hours * 100), when))


def put(db_sessions: sessionmaker[Session], item: ArticleItem, cause: Cause = "import") -> str:
    assert item.fetch is not None
    with db_sessions.begin() as session:
        return store_article(session, item, seen_at=item.fetch.fetched_at, cause=cause)


def hours(when: datetime) -> float:
    return (when - T).total_seconds() / 3600


def history(db_sessions) -> list[tuple[int, float, str, list[str], str]]:
    """(number, hours after T, content hash, changed fields, cause) in number order."""
    with db_sessions() as session:
        rows = session.scalars(select(ArticleRevision).order_by(ArticleRevision.revision))
        return [
            (r.revision, hours(r.fetched_at), r.content_hash, r.changed_fields, r.cause)
            for r in rows
        ]


def current(db_sessions: sessionmaker[Session]) -> Article:
    with db_sessions() as session:
        row = session.get(Article, RELI.dw_id)
        assert row is not None
        return row


def test_an_older_capture_is_placed_before_the_current_version(db_sessions):
    assert put(db_sessions, at(B, 10), cause="fetch") == "new"
    assert put(db_sessions, at(A, 5)) == "history"
    rows = history(db_sessions)
    assert [(n, h, fields, cause) for n, h, _, fields, cause in rows] == [
        (1, 5, [], "import"),
        (2, 10, ["body"], "fetch"),
    ]
    row = current(db_sessions)
    assert (row.current_revision, row.body_text) == (2, B.body_text)  # B stays current
    assert (row.first_seen_at, row.last_seen_at) == (
        T + timedelta(hours=5),
        T + timedelta(hours=10),
    )
    assert row.warc_offset == 1000  # the current version's capture, not the older one


def test_a_version_between_two_others_is_inserted_and_its_successor_recomputed(db_sessions):
    put(db_sessions, at(A, 1), cause="fetch")
    put(db_sessions, at(C, 9), cause="fetch")
    assert put(db_sessions, at(B, 5)) == "history"
    rows = history(db_sessions)
    hashes = [r[2] for r in rows]
    assert [r[1] for r in rows] == [1, 5, 9]
    assert [r[3] for r in rows] == [[], ["body"], ["body"]]
    assert len(set(hashes)) == 3
    assert current(db_sessions).current_revision == 3


def test_an_older_sighting_of_a_known_version_changes_no_history(db_sessions):
    put(db_sessions, at(A, 1), cause="fetch")
    put(db_sessions, at(B, 9), cause="fetch")
    before = history(db_sessions)
    assert put(db_sessions, at(A, 4)) == "unchanged"  # A was current at that time
    assert history(db_sessions) == before
    assert put(db_sessions, at(B, 6)) == "history"  # B existed earlier than we knew
    rows = history(db_sessions)
    assert [r[1] for r in rows] == [1, 6]
    assert rows[1][4] == "fetch"  # it still exists because DW changed the page
    assert put(db_sessions, at(A, 0)) == "history"  # A too
    assert [r[1] for r in history(db_sessions)] == [0, 6]


def test_old_404s_and_304s_never_overrule_newer_sightings(db_sessions):
    put(db_sessions, at(A, 10), cause="fetch")
    with db_sessions.begin() as session:
        old_404 = GoneItem(RELI.url, RELI.dw_id, 404, T + timedelta(hours=2))
        assert mark_gone(session, old_404, newer_only=True) is False
        assert mark_gone(session, replace(old_404, checked_at=T + timedelta(hours=12)))
    with db_sessions.begin() as session:
        seen = NotModifiedItem(RELI.url, RELI.dw_id, T + timedelta(hours=11))
        assert mark_seen(session, seen)  # seen before it went: still gone
    row = current(db_sessions)
    assert (row.status, row.last_seen_at) == ("gone", T + timedelta(hours=11))
    put(db_sessions, at(A, 11.5))  # an imported capture from before it went
    assert current(db_sessions).status == "gone"
    put(db_sessions, at(A, 13), cause="fetch")  # it answers again
    assert current(db_sessions).status == "live"
