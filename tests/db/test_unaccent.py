"""PostgreSQL folds accents in search with `unaccent`, and without it when it cannot be created."""

import logging
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.migrate import alembic_config
from dwcrawler.db.queries import search
from dwcrawler.db.repository import store_article
from tests.support.dbsamples import GAUCK, MAFURIKO

pytestmark = pytest.mark.postgres
EXTENSION = text("SELECT count(*) FROM pg_extension WHERE extname = 'unaccent'")
FOLD = text("SELECT dwcrawler_unaccent('Dodóma, Kénya, Zürich, Łódź, Ærø')")


def test_the_migration_creates_unaccent_where_it_may(postgres_url):
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(EXTENSION).scalar_one() == 1
            # The extension folds more than Latin letters with diacritics (here the ligature Æ).
            assert connection.execute(FOLD).scalar_one() == "Dodoma, Kenya, Zurich, Lodz, AEro"
            storage = text(
                "SELECT attstorage FROM pg_attribute "
                "WHERE attrelid = 'articles'::regclass AND attname = 'search_vector'"
            )
            assert connection.execute(storage).scalar_one() == "m"  # kept in the row
    finally:
        engine.dispose()


@pytest.fixture
def limited_database(postgres_server):
    """An empty database and a role that may create tables in it but not extensions."""
    server = postgres_server
    name = server.create()
    role = f"{server.prefix}_limited"
    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    owner = create_engine(server.url(name), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
        with owner.connect() as connection:
            # unaccent is a trusted extension: a role needs CREATE on the database for it,
            # which this one lacks, as on many managed servers.
            connection.execute(text(f'GRANT USAGE, CREATE ON SCHEMA public TO "{role}"'))
        yield server.url(name), role
    finally:
        owner.dispose()
        server.drop(name)
        with admin.connect() as connection:
            connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def test_without_unaccent_the_migration_warns_and_still_folds_latin_accents(
    limited_database, caplog
):
    url, role = limited_database
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            assert connection.execute(EXTENSION).scalar_one() == 0
            connection.execute(text(f'SET ROLE "{role}"'))
            config = alembic_config()
            config.attributes["connection"] = connection
            with caplog.at_level(logging.WARNING, logger="dwcrawler.migrations"):
                command.upgrade(config, "head")
            connection.commit()
            assert connection.execute(EXTENSION).scalar_one() == 0
            # Latin letters with diacritics only: the ligature Æ stays.
            assert connection.execute(FOLD).scalar_one() == "Dodoma, Kenya, Zurich, Lodz, Æro"
    finally:
        engine.dispose()
    [warning] = [r for r in caplog.records if r.name == "dwcrawler.migrations"]
    assert "unaccent could not be created" in warning.getMessage()
    assert "permission denied" in warning.getMessage()
    archive = make_engine(url)
    sessions = make_sessionmaker(archive)
    try:
        accented = replace(GAUCK, title="Rais Gauck ziarani Zanzibar na Dodóma")
        with sessions.begin() as session:
            for item in (MAFURIKO, accented):
                store_article(session, item, seen_at=datetime(2024, 7, 1, tzinfo=UTC))
        with sessions() as session:
            assert [h.dw_id for h in search(session, "Nairobí").hits] == [MAFURIKO.dw_id]
            assert [h.dw_id for h in search(session, "dodoma").hits] == [GAUCK.dw_id]
    finally:
        archive.dispose()
