"""The browse views: the same names, columns and answers on SQLite and PostgreSQL."""

import json
import shutil
from datetime import datetime
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text

from dwcrawler.db.engine import make_engine
from dwcrawler.db.migrate import BROWSE_VIEWS, alembic_config, head_revision
from tests.support.clihelpers import RELI_EDITED, seed
from tests.support.dbsamples import MAFURIKO, RELI

COLUMNS = {
    "article_list": [
        "dw_id", "published_at", "year", "kind", "title", "teaser", "authors", "topics",
        "agencies", "photos", "status", "revisions", "url",
    ],
    "articles_by_topic": ["topic", "dw_id", "published_at", "year", "kind", "title", "status"],
    "articles_with_photos": [
        "article_id", "published_at", "title", "position", "role", "image", "caption", "credit",
        "agencies", "photographers", "alt", "article_url",
    ],
    "photos_by_agency": [
        "agency", "image", "caption", "credit", "article_id", "title", "published_at", "position",
    ],
    "articles_per_month": ["month", "kind", "articles", "gone"],
    "revision_changes": [
        "article_id", "revision", "fetched_at", "cause", "changed_fields", "title", "current_title",
        "crawl_run_id", "extractor_version", "revision_id",
    ],
}  # fmt: skip


@pytest.fixture
def archive(db_url):
    seed(db_url)
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def rows(engine: Engine, sql: str, **params: Any) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        return [dict(r) for r in connection.execute(text(sql), params).mappings()]


def as_list(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value  # JSON text on SQLite


def test_every_view_exists_with_the_same_columns_on_both_backends(archive):
    assert set(inspect(archive).get_view_names()) == BROWSE_VIEWS == set(COLUMNS)
    for view, columns in COLUMNS.items():
        with archive.connect() as connection:
            assert list(connection.execute(text(f"SELECT * FROM {view}")).keys()) == columns


def test_article_list_gives_year_authors_topics_and_agencies(archive):
    [row] = rows(archive, "SELECT * FROM article_list WHERE dw_id = :id", id=MAFURIKO.dw_id)
    assert row["year"] == 2024
    assert as_list(row["authors"]) == list(MAFURIKO.authors)
    assert as_list(row["topics"]) == [t.name for t in MAFURIKO.topics]
    assert as_list(row["agencies"]) == ["Reuters"]
    assert (row["photos"], row["revisions"]) == (1, 1)
    [edited] = rows(archive, "SELECT revisions FROM article_list WHERE dw_id = :id", id=RELI.dw_id)
    assert edited["revisions"] == 2


def test_articles_by_topic_list_each_topic_of_an_article(archive):
    sql = "SELECT topic, year, kind FROM articles_by_topic WHERE dw_id = :id ORDER BY topic"
    assert rows(archive, sql, id=MAFURIKO.dw_id) == [
        {"topic": t.name, "year": 2024, "kind": "article"} for t in MAFURIKO.topics
    ]


def test_photos_come_with_caption_credit_agencies_and_photographers(archive):
    sql = "SELECT * FROM articles_with_photos WHERE article_id = :id ORDER BY position"
    photos = rows(archive, sql, id=MAFURIKO.dw_id)
    assert [(p["image"], p["caption"], p["credit"]) for p in photos] == [
        (p.url, p.caption, p.credit) for p in MAFURIKO.photos
    ]
    assert (photos[0]["agencies"], photos[0]["photographers"]) == ("Reuters", "T. Mukoya")
    by_agency = rows(archive, "SELECT * FROM photos_by_agency WHERE agency = 'Reuters'")
    assert [(r["caption"], r["credit"], r["article_id"]) for r in by_agency] == [
        (MAFURIKO.photos[0].caption, "Reuters/T. Mukoya", MAFURIKO.dw_id)
    ]


def test_articles_per_month_counts_and_gone(archive):
    months = rows(archive, "SELECT * FROM articles_per_month ORDER BY month, kind")
    assert sum(m["articles"] for m in months) == 7
    assert sum(m["gone"] for m in months) == 1
    assert {"month": "2024-04", "kind": "article", "articles": 1, "gone": 0} in months


def test_revision_changes_name_the_changed_fields(archive):
    sql = "SELECT * FROM revision_changes WHERE article_id = :id ORDER BY revision"
    first, second = rows(archive, sql, id=RELI.dw_id)
    assert (first["revision"], first["changed_fields"], first["title"]) == (1, None, RELI.title)
    assert first["cause"] == second["cause"] == "fetch"
    assert second["changed_fields"] == "title"
    assert second["title"] == second["current_title"] == RELI_EDITED.title
    assert isinstance(second["fetched_at"], str | datetime)


REBUILD = '''"""A later revision that rebuilds article_revisions (SQLite batch mode).

Revision ID: ffff00000001
Revises: {head}
"""

import sqlalchemy as sa
from alembic import op

revision = "ffff00000001"
down_revision = "{head}"


def upgrade():
    with op.batch_alter_table("article_revisions", recreate="always") as batch:
        batch.add_column(
            sa.Column("reviewed", sa.String(8), nullable=False, server_default="no")
        )
        batch.create_check_constraint(
            "ck_article_revisions_reviewed", "reviewed IN ('no', 'yes')"
        )


def downgrade():
    with op.batch_alter_table("article_revisions", recreate="always") as batch:
        batch.drop_constraint("ck_article_revisions_reviewed", type_="check")
        batch.drop_column("reviewed")
'''


def test_a_later_migration_can_rebuild_a_table_the_views_use(sqlite_url, tmp_path):
    """SQLite checks views when batch mode renames the rebuilt table back: env.py allows it."""
    seed(sqlite_url)
    scripts = tmp_path / "migrations"
    shutil.copytree(str(alembic_config().get_main_option("script_location")), scripts)
    (scripts / "versions" / "29990101_ffff00000001_rebuild.py").write_text(
        REBUILD.format(head=head_revision())
    )
    config = alembic_config(sqlite_url)
    config.set_main_option("script_location", str(scripts))
    command.upgrade(config, "head")
    engine = make_engine(sqlite_url)
    try:
        changes = rows(engine, "SELECT changed_fields FROM revision_changes WHERE revision = 2")
        assert changes == [{"changed_fields": "title"}]
        assert {r["reviewed"] for r in rows(engine, "SELECT reviewed FROM article_revisions")} == {
            "no"
        }
        command.downgrade(config, head_revision())
        assert len(rows(engine, "SELECT * FROM revision_changes")) == 8
    finally:
        engine.dispose()
