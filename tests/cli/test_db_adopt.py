"""`dwcrawler db` on archives it must not touch as they are: newer, unversioned, damaged, busy."""

from pathlib import Path

from sqlalchemy import text

from dwcrawler.db.engine import make_engine
from dwcrawler.db.lease import archive_lease
from dwcrawler.db.migrate import current_revision, head_revision
from tests.reliability.ops import damage
from tests.support.clihelpers import run, seed


def _execute(url: str, statement: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def _revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def test_an_archive_from_a_newer_dwcrawler_says_upgrade_dwcrawler(capsys, db_url):
    _execute(db_url, "UPDATE alembic_version SET version_num = 'ffff00000000'")
    current = run(capsys, "db", "current", "--database", db_url)
    assert current.status == 1
    assert "at revision ffff00000000, from a newer version of dwcrawler" in current.out
    assert current.out.rstrip().endswith("upgrade dwcrawler")
    assert "db upgrade" not in current.out
    for argv in (["db", "upgrade"], ["db", "downgrade", "base", "--yes"], ["search", "x"]):
        result = run(capsys, *argv, "--database", db_url)
        assert result.status == 1, argv
        assert result.err.count("\n") == 1
        assert result.err.rstrip().endswith("upgrade dwcrawler"), (argv, result.err)
        assert "Traceback" not in result.err
    assert _revision(db_url) == "ffff00000000"  # untouched


def test_an_unversioned_archive_is_adopted_by_db_stamp(capsys, db_url):
    seed(db_url)
    _execute(db_url, "DELETE FROM alembic_version")
    current = run(capsys, "db", "current", "--database", db_url)
    assert current.status == 1
    assert "holds dwcrawler's tables but no schema version: run `dwcrawler db stamp`" in current.out
    upgrade = run(capsys, "db", "upgrade", "--database", db_url)
    assert upgrade.status == 1
    assert "run `dwcrawler db stamp` to adopt it" in upgrade.err
    assert "already exists" not in upgrade.err
    stamp = run(capsys, "db", "stamp", "--database", db_url)
    assert stamp.status == 0, stamp.err
    assert stamp.out.rstrip().endswith(
        f"the tables match schema {head_revision()}: adopted at {head_revision()}"
    )
    assert _revision(db_url) == head_revision()
    assert "articles       7" in run(capsys, "stats", "--database", db_url).out
    assert run(capsys, "db", "stamp", "--database", db_url).out.rstrip().endswith("(head)")


def test_db_stamp_refuses_tables_that_do_not_match(capsys, db_url):
    _execute(db_url, "DELETE FROM alembic_version")
    _execute(db_url, "DROP TABLE excluded_articles")
    result = run(capsys, "db", "stamp", "--database", db_url)
    assert result.status == 1
    assert "not adopted: its tables do not match schema" in result.err
    assert "add_table excluded_articles" in result.err
    assert _revision(db_url) is None


def test_db_stamp_has_nothing_to_adopt_in_an_empty_database(capsys, empty_db_url):
    result = run(capsys, "db", "stamp", "--database", empty_db_url)
    assert result.status == 1
    assert "has no dwcrawler tables: nothing to adopt" in result.err


def test_db_current_and_upgrade_call_a_damaged_archive_damaged(capsys, sqlite_url):
    seed(sqlite_url)
    damage(Path(sqlite_url.removeprefix("sqlite:///")), "garbage over the articles table")
    for argv in (["db", "current"], ["db", "upgrade"], ["search", "reli"], ["export"]):
        result = run(capsys, *argv, "--database", sqlite_url)
        assert result.status == 1, argv
        assert "the archive is damaged (" in result.err, (argv, result.err, result.out)
        assert result.err.rstrip().endswith("run `dwcrawler doctor`")
        assert "at head" not in result.out


def test_writers_of_the_db_refuse_a_busy_archive_with_75(capsys, db_url):
    with archive_lease(db_url, "crawl"):
        for argv in (["db", "upgrade"], ["db", "stamp"], ["db", "downgrade", "base", "--yes"]):
            result = run(capsys, *argv, "--database", db_url)
            assert result.status == 75, argv
            assert "is busy: a crawl (pid" in result.err
            assert result.err.count("\n") == 1
        assert run(capsys, "db", "current", "--database", db_url).status == 0  # a reader
    assert _revision(db_url) == head_revision()


def test_downgrade_keeps_crashed_runs_as_failed(capsys, db_url):
    seed(db_url)
    _execute(db_url, "UPDATE crawl_runs SET outcome = 'crashed' WHERE outcome = 'success'")
    # Down below the operations revision (e13a0c4d7b52), which brought `crashed`.
    below = "b77fd2e019a9"
    assert run(capsys, "db", "downgrade", below, "--yes", "--database", db_url).status == 0
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            outcomes = (
                connection.execute(text("SELECT outcome FROM crawl_runs ORDER BY id"))
                .scalars()
                .all()
            )
    finally:
        engine.dispose()
    assert outcomes == ["failed", "failed"]
    assert run(capsys, "db", "upgrade", "--database", db_url).status == 0
