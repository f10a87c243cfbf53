"""Migrations: the only way a schema comes to be, on SQLite and PostgreSQL alike."""

import os
import subprocess
import sys

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Integer, MetaData, Table, inspect, text
from sqlalchemy.exc import OperationalError

from dwcrawler.db.base import Base
from dwcrawler.db.engine import make_engine
from dwcrawler.db.migrate import (
    HEAD_REVISION,
    SchemaNotAtHead,
    alembic_config,
    current_revision,
    downgrade,
    ensure_at_head,
    head_revision,
    include_object,
    upgrade,
)
from tests.support.paths import ROOT

MODEL_TABLES = set(Base.metadata.tables)


def table_names(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_there_is_exactly_one_head():
    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1


def test_upgrade_empty_to_head_and_downgrade_to_base(empty_db_url):
    assert table_names(empty_db_url) == set()
    upgrade(empty_db_url)
    tables = table_names(empty_db_url)
    assert tables >= MODEL_TABLES
    engine = make_engine(empty_db_url)
    try:
        assert current_revision(engine) == head_revision()
        ensure_at_head(engine)
    finally:
        engine.dispose()
    downgrade(empty_db_url, "base")
    assert table_names(empty_db_url) == {"alembic_version"}
    upgrade(empty_db_url)  # and back up again: the downgrade left nothing behind
    assert table_names(empty_db_url) >= MODEL_TABLES


def test_every_revision_downgrades_one_step_and_upgrades_again(empty_db_url):
    """One linear chain, each step reversible: down one revision and up again, on both backends."""
    script = ScriptDirectory.from_config(alembic_config())
    chain = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert len(chain) == len(set(chain)) >= 2
    for revision in chain:
        upgrade(empty_db_url, revision)
    engine = make_engine(empty_db_url)
    try:
        for newer, older in zip(reversed(chain), reversed(["base", *chain[:-1]]), strict=True):
            downgrade(empty_db_url, older)
            assert current_revision(engine) == (None if older == "base" else older)
            upgrade(empty_db_url, newer)
            assert current_revision(engine) == newer
            downgrade(empty_db_url, older)
    finally:
        engine.dispose()
    assert table_names(empty_db_url) == {"alembic_version"}


def test_models_match_migrations(db_url):
    """`alembic check`: autogenerate finds no difference between models and the migrated DB."""
    command.check(alembic_config(db_url))


def test_the_models_check_can_fail(db_url):
    """A column the migrations lack is reported, so the check above is not vacuous."""
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(changed)
    Table("authors", changed, Column("born", Integer), extend_existing=True)
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_object": include_object, "compare_type": True}
            )
            diffs = compare_metadata(context, changed)
    finally:
        engine.dispose()
    assert [d[0] for d in diffs] == ["add_column"]
    assert diffs[0][3].name == "born"


def test_every_constraint_and_index_follows_the_naming_convention(db_url):
    engine = make_engine(db_url)
    try:
        inspector = inspect(engine)
        names = []
        for table in MODEL_TABLES:
            names.append(("pk", inspector.get_pk_constraint(table)["name"]))
            names += [("fk", fk["name"]) for fk in inspector.get_foreign_keys(table)]
            names += [("uq", uq["name"]) for uq in inspector.get_unique_constraints(table)]
            names += [("ck", ck["name"]) for ck in inspector.get_check_constraints(table)]
            names += [
                ("ix", ix["name"])
                for ix in inspector.get_indexes(table)
                if not ix.get("duplicates_constraint")  # PostgreSQL: a unique constraint's index
            ]
    finally:
        engine.dispose()
    if engine.dialect.name == "sqlite":  # SQLite does not keep primary-key names
        names = [(kind, name) for kind, name in names if kind != "pk"]
    wrong = [(kind, name) for kind, name in names if not (name or "").startswith(f"{kind}_")]
    assert wrong == []
    assert ("ck", "ck_articles_status") in names


def test_a_database_not_at_head_is_refused_with_the_command_to_run(empty_db_url):
    check = ensure_at_head
    engine = make_engine(empty_db_url)
    try:
        with pytest.raises(SchemaNotAtHead, match="run `dwcrawler db upgrade`"):
            check(engine)
        upgrade(empty_db_url, "base")
        with pytest.raises(SchemaNotAtHead, match="run `dwcrawler db upgrade`"):
            check(engine)  # the version table exists, empty
        upgrade(empty_db_url)
        check(engine)
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = 'fffffffffff0'"))
        with pytest.raises(SchemaNotAtHead, match="newer version"):
            check(engine)
    finally:
        engine.dispose()


def test_the_head_revision_constant_is_alembics_head():
    # The quick check at every start compares with the constant; a new migration updates it.
    assert head_revision() == HEAD_REVISION, (
        f"a new migration: set dwcrawler.db.migrate.HEAD_REVISION to {head_revision()!r}"
    )


def test_checking_an_archive_at_head_does_not_load_alembic(sqlite_url):
    probe = (
        "import sys\n"
        "from dwcrawler.db.engine import make_engine\n"
        "from dwcrawler.db.migrate import ensure_at_head\n"
        f"ensure_at_head(make_engine({sqlite_url!r}))\n"
        "assert not [m for m in sys.modules if m.startswith('alembic')], 'alembic loaded'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr


def test_a_database_out_of_reach_is_an_error_not_a_schema_verdict():
    engine = make_engine("postgresql+psycopg://postgres@127.0.0.1:9/nowhere")
    try:
        with pytest.raises(OperationalError):
            ensure_at_head(engine)
    finally:
        engine.dispose()


def test_the_check_creates_no_sqlite_file(tmp_path):
    path = tmp_path / "absent.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    try:
        with pytest.raises(SchemaNotAtHead, match="has no dwcrawler schema yet"):
            ensure_at_head(engine)
    finally:
        engine.dispose()
    assert not path.exists()


def test_alembic_reads_pyproject_and_the_project_database_url(tmp_path):
    """Plain `alembic upgrade head` in the repository uses DWCRAWLER_DATABASE_URL."""
    path = tmp_path / "from-env.sqlite3"
    env = os.environ | {"DWCRAWLER_DATABASE_URL": f"sqlite:///{path}"}
    alembic = [sys.executable, "-m", "alembic", "upgrade", "head"]
    result = subprocess.run(alembic, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert table_names(f"sqlite:///{path}") >= MODEL_TABLES


def test_the_wire_keywords_cleaning_revision_goes_down_and_up_keeping_the_rest(empty_db_url):
    """b77fd2e019a9: three nullable JSON columns; down drops them, rows and search survive."""
    upgrade(empty_db_url, "b77fd2e019a9")
    engine = make_engine(empty_db_url)
    try:
        columns = {c["name"] for c in inspect(engine).get_columns("articles")}
        assert {"keywords", "wire", "cleaning"} <= columns
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO articles (dw_id, url, kind, language, design, title, body_text,"
                    " body, media, links, warnings, extractor_version, status, first_seen_at,"
                    " last_seen_at, content_hash, meta_hash, current_revision, keywords)"
                    " VALUES (1, 'https://www.dw.com/sw/x/a-1', 'article', 'sw', 'current',"
                    " 'Kichwa', 'mafuriko makubwa', '[]', '[]', '[]', '[]', '2.0', 'live',"
                    " '2026-01-01', '2026-01-01', 'c', 'm', 1, '[\"Kenya\"]')"
                )
            )
        downgrade(empty_db_url, "b5e1a7c9d2f3")  # the revision before it
        columns = {c["name"] for c in inspect(engine).get_columns("articles")}
        assert not {"keywords", "wire", "cleaning"} & columns
        with engine.connect() as connection:
            assert connection.execute(text("SELECT title FROM articles")).scalar_one() == "Kichwa"
            if engine.dialect.name == "sqlite":  # the full-text triggers and index survived
                found = connection.execute(
                    text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'mafuriko'")
                )
                assert found.scalar_one() == 1
        upgrade(empty_db_url)  # and on to head: later revisions fill what they add
        with engine.connect() as connection:
            assert connection.execute(text("SELECT keywords FROM articles")).scalar_one() is None
            assert connection.execute(text("SELECT changed_at FROM articles")).scalar_one()
    finally:
        engine.dispose()
