"""The search language and the search index, on both backends."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from dwcrawler.db.queries import ArticleFilter, SearchHit, photo_uses, search, stats
from dwcrawler.db.repository import mark_gone, store_article
from dwcrawler.db.search_query import (
    SearchQueryError,
    fts5_expression,
    parse_query,
    postgres_tsquery,
)
from dwcrawler.items import ArticleItem, BodyBlock, GoneItem
from tests.support.dbsamples import GAUCK, MAFURIKO, RELI, SAMPLE_ITEMS, ZUMA, synthetic_items

T0 = datetime(2024, 7, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("query", "fts5"),
    [
        ("treni reli", '(("treni") AND ("reli"))'),
        ('"reli ya kisasa" OR SGR -mvua', '(("reli ya kisasa" OR "SGR")) NOT "mvua"'),
        ("uchaguz*", '(("uchaguz"*))'),
        ("al-Shabaab", '(("al Shabaab"))'),
        ("'; DROP TABLE articles; --", '(("DROP") AND ("TABLE") AND ("articles"))'),
        ('NEAR("a" b) AND', '(("NEAR") AND ("a") AND ("b") AND ("AND"))'),
        ("Dar es Salaam OR Dodoma", '(("Dar") AND ("es") AND ("Salaam" OR "Dodoma"))'),
    ],
)
def test_queries_render_as_quoted_fts5(query, fts5):
    assert fts5_expression(parse_query(query)) == fts5


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"reli', "unbalanced double quote"),
        ("", "no words"),
        ("?? !!", "no words"),
        ("-mvua", "only excludes"),
        ("OR mvua", "OR needs"),
        ("mvua OR", "OR needs"),
        ("mvua OR OR jua", "OR needs"),
        ("mvua OR -jua", "cannot join an excluded"),
        ("x" * 501, "too long"),
        (" ".join(["neno"] * 33), "too many"),
    ],
)
def test_malformed_queries(query, message):
    with pytest.raises(SearchQueryError, match=message):
        parse_query(query)


def test_postgres_terms_are_bound_parameters():
    compiled = postgres_tsquery(parse_query("'; DROP TABLE articles; -- mvua*")).compile(
        dialect=create_engine("postgresql+psycopg://").dialect  # no connection is made
    )
    assert "DROP" not in str(compiled)
    assert "DROP" in compiled.params.values()
    assert "'mvua':*" in compiled.params.values()


def found(session: Session, *args, **kwargs) -> list[SearchHit]:
    return search(session, *args, **kwargs).hits


def _store(sessions: sessionmaker[Session], *items: ArticleItem) -> None:
    for item in items:
        with sessions.begin() as session:
            store_article(session, item, seen_at=T0)


def test_the_index_follows_revisions_and_keeps_gone_articles(db_sessions):
    _store(db_sessions, *SAMPLE_ITEMS)
    edited = replace(RELI, body=(BodyBlock("paragraph", "Abiria walifurahia safari ya haraka."),))
    _store(db_sessions, edited)
    with db_sessions.begin() as session:
        mark_gone(session, GoneItem(url=ZUMA.url, dw_id=ZUMA.dw_id, status=404, checked_at=T0))
    with db_sessions() as session:
        assert found(session, "mikataba") == []  # only in the old body
        assert [h.dw_id for h in found(session, "walifurahia")] == [RELI.dw_id]
        [zuma] = found(session, "kizimbani")
        assert (zuma.dw_id, zuma.status) == (ZUMA.dw_id, "gone")


def test_ranking_limit_and_filters(db_sessions):
    _store(db_sessions, *synthetic_items(60))
    with db_sessions() as session:
        hits = found(session, "mafuriko", limit=5)
        assert len(hits) == 5
        assert [h.rank for h in hits] == [1, 2, 3, 4, 5]
        assert all("Mafuriko" in h.title for h in hits)  # title matches first
        since = datetime(2014, 1, 10, tzinfo=UTC)
        recent = found(session, "mafuriko", ArticleFilter(since=since), limit=100)
        assert recent
        assert all(h.published_at >= since for h in recent if h.published_at)
        videos = found(session, "Zuma", ArticleFilter(kind="video"), limit=100)
        assert videos
        assert {h.kind for h in videos} == {"video"}


def test_search_is_case_insensitive_and_finds_prefixes(db_sessions):
    _store(db_sessions, MAFURIKO, GAUCK)
    with db_sessions() as session:
        assert [h.dw_id for h in found(session, "NAIROBI")] == [MAFURIKO.dw_id]
        assert [h.dw_id for h in found(session, "mafurik*")] == [MAFURIKO.dw_id]
        assert [h.dw_id for h in found(session, '"ziarani zanzibar"')] == [GAUCK.dw_id]


def test_sqlite_full_text_index_stays_consistent(sqlite_url):
    from dwcrawler.db.engine import make_engine, make_sessionmaker

    engine = make_engine(sqlite_url)
    sessions = make_sessionmaker(engine)
    items = synthetic_items(30)
    _store(sessions, *items)
    _store(sessions, *[replace(i, title=i.title + " (imesasishwa)") for i in items[:10]])
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM articles WHERE dw_id = :i"), {"i": items[-1].dw_id})
        # raises "database disk image is malformed" if the index disagrees with the table
        connection.execute(
            text("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        )
    with sessions() as session:
        assert len(found(session, "imesasishwa", limit=100)) == 10
    engine.dispose()


def test_filters_fold_case_beyond_ascii_on_both_backends(db_sessions):
    emile = replace(MAFURIKO, authors=("Émile Zola",))
    _store(db_sessions, emile, GAUCK)
    with db_sessions() as session:
        for author in ("Émile", "émile", "ÉMILE", "zola"):
            hits = found(session, "mafuriko", ArticleFilter(author=author), limit=10)
            assert [h.dw_id for h in hits] == [MAFURIKO.dw_id], author


def test_years_and_order_do_not_depend_on_the_servers_time_zone(db_sessions, db_engine):
    late = replace(MAFURIKO, published_at=datetime(2023, 12, 31, 22, 30, tzinfo=UTC))
    undated = replace(GAUCK, published_at=None)
    _store(db_sessions, late, undated)
    postgres = db_engine.dialect.name == "postgresql"
    database = f'"{db_engine.url.database}"'
    if postgres:  # a server in East Africa: 22:30 UTC on 31 December is already 2024 there
        with db_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text(f"ALTER DATABASE {database} SET TimeZone = 'Africa/Nairobi'"))
        db_engine.dispose()
    try:
        with db_sessions() as session:
            years = {(kind, year) for kind, year, _ in stats(session).by_kind_year}
            uses = [u["dw_id"] for u in photo_uses(session, limit=100)]
    finally:
        if postgres:
            with db_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(text(f"ALTER DATABASE {database} RESET TimeZone"))
    assert (late.kind, 2023) in years
    assert uses == [late.dw_id, undated.dw_id]  # newest first, undated last on both backends
