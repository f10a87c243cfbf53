"""Takedown: `dwcrawler purge` removes an article for good; crawls and exports keep it out."""

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.lease import archive_lease
from dwcrawler.db.models import (
    Article,
    ArticlePhoto,
    ArticleRevision,
    ExcludedArticle,
    Photo,
    PhotoCredit,
)
from dwcrawler.db.repository import excluded_ids, store_article
from tests.replica.build import fixture_site
from tests.replica.run import crawl
from tests.replica.server import ReplicaServer
from tests.support.clihelpers import run, seed
from tests.support.dbsamples import MAFURIKO, RELI, fetched


def _counts(url: str, dw_id: int) -> dict[str, Any]:
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine).begin() as session:

            def count(query: Any) -> int | None:
                return session.scalar(select(func.count()).select_from(query.subquery()))

            return {
                "article": count(select(Article.dw_id).where(Article.dw_id == dw_id)),
                "revisions": count(
                    select(ArticleRevision.id).where(ArticleRevision.article_id == dw_id)
                ),
                "photo uses": count(
                    select(ArticlePhoto.photo_id).where(ArticlePhoto.article_id == dw_id)
                ),
                "photos": count(select(Photo.id).where(Photo.image_id.in_([69384512, 69384590]))),
                "photo credits": count(select(PhotoCredit.photo_id)),
                "excluded": excluded_ids(session),
                "reason": session.scalar(select(ExcludedArticle.reason)),
            }
    finally:
        engine.dispose()


def test_purge_removes_the_article_and_everything_only_it_owns(capsys, db_url):
    seed(db_url)
    before = _counts(db_url, RELI.dw_id)
    assert (before["article"], before["revisions"], before["photo uses"], before["photos"]) == (
        1,
        2,
        2,
        2,
    )
    assert any(h["dw_id"] == RELI.dw_id for h in _search(capsys, db_url, "Morogoro"))
    result = run(capsys, "purge", RELI.url, "--reason", "court order 2026/1", "--database", db_url)
    assert result.status == 0, result.err
    assert result.out == (
        f"purged article {RELI.dw_id} ({RELI.url}): 2 revision(s), 2 photo use(s), "
        "2 photo(s) no other article used; excluded from now on\n"
    )
    after = _counts(db_url, RELI.dw_id)
    assert (after["article"], after["revisions"], after["photo uses"], after["photos"]) == (
        0,
        0,
        0,
        0,
    )
    assert after["photo credits"] == before["photo credits"] - 2
    assert after["excluded"] == {RELI.dw_id}
    assert after["reason"] == "court order 2026/1"
    assert not any(h["dw_id"] == RELI.dw_id for h in _search(capsys, db_url, "Morogoro"))
    again = run(capsys, "purge", str(RELI.dw_id), "--reason", "again", "--database", db_url)
    assert again.out == f"article {RELI.dw_id} is not stored; it was excluded already\n"
    assert "excluded" in run(capsys, "stats", "--database", db_url).out


def _search(capsys, url: str, words: str) -> list[dict[str, Any]]:
    result = run(capsys, "search", words, "--json", "--database", url)
    return [json.loads(line) for line in result.out.splitlines()]


def test_exports_leave_excluded_articles_out_even_if_stored_again(capsys, db_url):
    seed(db_url)
    assert (
        run(capsys, "purge", str(MAFURIKO.dw_id), "--reason", "r", "--database", db_url).status == 0
    )
    engine = make_engine(db_url)
    try:  # a writer that ignored the list (the export must not trust every writer)
        with make_sessionmaker(engine).begin() as session:
            when = datetime.now(UTC)
            store_article(session, fetched(MAFURIKO, when), seen_at=when)
    finally:
        engine.dispose()
    exported = run(capsys, "export", "--database", db_url)
    ids = [json.loads(line)["dw_id"] for line in exported.out.splitlines()]
    assert MAFURIKO.dw_id not in ids
    assert len(ids) == 6


def test_purge_needs_a_reason_an_id_and_the_lease(capsys, db_url):
    seed(db_url)
    assert run(capsys, "purge", "not-an-id", "--reason", "x", "--database", db_url).status == 2
    assert run(capsys, "purge", "123", "--reason", "  ", "--database", db_url).status == 2
    assert run(capsys, "purge", "123", "--database", db_url).status == 2
    with archive_lease(db_url, "crawl"):
        busy = run(capsys, "purge", str(RELI.dw_id), "--reason", "x", "--database", db_url)
    assert busy.status == 75
    assert "is busy: a crawl (pid" in busy.err
    assert _counts(db_url, RELI.dw_id)["article"] == 1
    unknown = run(capsys, "purge", "99999", "--reason", "before it appears", "--database", db_url)
    assert unknown.out == "article 99999 is not stored; excluded from now on\n"


def test_the_crawl_never_fetches_or_stores_an_excluded_article(capsys, db_url):
    site = fixture_site()
    taken = site.pages[3].spec
    with ReplicaServer(site.resources()) as server:
        settings = {"DATABASE_URL": db_url}
        assert crawl(server.base_url, args={"mode": "backfill"}, settings=settings).returncode == 0
        purge = run(capsys, "purge", str(taken.dw_id), "--reason", "takedown", "--database", db_url)
        assert purge.status == 0, purge.err
        server.clear_log()
        again = crawl(server.base_url, args={"mode": "backfill"}, settings=settings)
        assert again.returncode == 0, again.stderr[-2000:]
        asked = [r.path for r in server.requests()]
        urls = crawl(
            server.base_url,
            args={"mode": "urls", "urls": taken.url},
            settings=settings,
        )
    assert not [path for path in asked if path.endswith(f"-{taken.dw_id}")]
    assert "'incremental/excluded':" in again.stderr
    assert _counts(db_url, taken.dw_id)["article"] == 0
    assert urls.returncode == 1  # asked for nothing but an excluded page: nothing fetched
