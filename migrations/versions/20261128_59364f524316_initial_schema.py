"""Initial schema: articles, revisions, photos, credits, authors, topics, crawl runs, search.

Revision ID: 59364f524316
Revises:
Create Date: 2026-11-28 03:35:59

Full-text search is created here by hand, per backend (the models do not describe it; see
`dwcrawler.db.migrate.include_object`):
- SQLite: an FTS5 table `articles_fts` over articles(title, teaser, body_text), kept in step by
  triggers. A later batch migration that rebuilds `articles` drops these triggers: recreate them.
- PostgreSQL: a generated `tsvector` column `search_vector` (title A, teaser B, body C) with a
  GIN index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "59364f524316"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Types as the models declare them (dwcrawler.db.base): the DDL is what matters here.
UTC_DATETIME = sa.DateTime(timezone=True)
JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")

SQLITE_SEARCH_UP = (
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, teaser, body_text,
        content='articles', content_rowid='dw_id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, teaser, body_text)
        VALUES (new.dw_id, new.title, new.teaser, new.body_text);
    END""",
    """CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, teaser, body_text)
        VALUES ('delete', old.dw_id, old.title, old.teaser, old.body_text);
    END""",
    """CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, teaser, body_text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, teaser, body_text)
        VALUES ('delete', old.dw_id, old.title, old.teaser, old.body_text);
        INSERT INTO articles_fts(rowid, title, teaser, body_text)
        VALUES (new.dw_id, new.title, new.teaser, new.body_text);
    END""",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
)
SQLITE_SEARCH_DOWN = (
    "DROP TRIGGER IF EXISTS articles_fts_au",
    "DROP TRIGGER IF EXISTS articles_fts_ad",
    "DROP TRIGGER IF EXISTS articles_fts_ai",
    "DROP TABLE IF EXISTS articles_fts",
)
# 'simple': no stemming and no stop words (PostgreSQL has no Swahili dictionary). The body is
# capped because a tsvector holds at most 1 MB; no news text comes near that.
POSTGRES_SEARCH_UP = (
    """ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, coalesce(teaser, '')), 'B')
        || setweight(to_tsvector('simple'::regconfig, left(body_text, 500000)), 'C')
    ) STORED""",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
)
POSTGRES_SEARCH_DOWN = (
    "DROP INDEX IF EXISTS ix_articles_search_vector",
    "ALTER TABLE articles DROP COLUMN IF EXISTS search_vector",
)


def _pk(*columns: str, table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=op.f(f"pk_{table}"))


def _fk(
    table: str, column: str, target: str, ondelete: str | None = None
) -> sa.ForeignKeyConstraint:
    referred = target.split(".")[0]
    name = op.f(f"fk_{table}_{column}_{referred}")
    return sa.ForeignKeyConstraint([column], [target], name=name, ondelete=ondelete)


def _check(table: str, name: str, condition: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(condition, name=op.f(f"ck_{table}_{name}"))


def _index(table: str, *columns: str) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns))


def upgrade() -> None:
    op.create_table(
        "crawl_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", UTC_DATETIME, nullable=False),
        sa.Column("finished_at", UTC_DATETIME, nullable=True),
        sa.Column("mode", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("settings", JSON, nullable=False),
        sa.Column("counters", JSON, nullable=True),
        sa.Column("field_rates", JSON, nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        _check(
            "crawl_runs", "outcome", "outcome IN ('running', 'success', 'failed', 'interrupted')"
        ),
        _pk("id", table="crawl_runs"),
    )
    _index("crawl_runs", "started_at")

    op.create_table(
        "authors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        _pk("id", table="authors"),
        sa.UniqueConstraint("name", name=op.f("uq_authors_name")),
    )
    op.create_table(
        "topics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic_key", sa.Text(), nullable=False),
        sa.Column("dw_topic_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        _pk("id", table="topics"),
        sa.UniqueConstraint("dw_topic_id", name=op.f("uq_topics_dw_topic_id")),
        sa.UniqueConstraint("topic_key", name=op.f("uq_topics_topic_key")),
    )
    op.create_table(
        "credits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("composite", sa.Boolean(), nullable=False),
        _pk("id", table="credits"),
        sa.UniqueConstraint("text", name=op.f("uq_credits_text")),
    )
    op.create_table(
        "credit_parts",
        sa.Column("credit_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        _check("credit_parts", "role", "role IN ('agency', 'photographer')"),
        _fk("credit_parts", "credit_id", "credits.id", ondelete="CASCADE"),
        _pk("credit_id", "position", table="credit_parts"),
    )
    _index("credit_parts", "role", "name")

    op.create_table(
        "photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("photo_key", sa.Text(), nullable=False),
        sa.Column("image_id", sa.Integer(), nullable=True),
        sa.Column("url_template", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("alt", sa.Text(), nullable=True),
        sa.Column("first_seen_at", UTC_DATETIME, nullable=False),
        _pk("id", table="photos"),
        sa.UniqueConstraint("image_id", name=op.f("uq_photos_image_id")),
        sa.UniqueConstraint("photo_key", name=op.f("uq_photos_photo_key")),
    )
    op.create_table(
        "photo_credits",
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("credit_id", sa.Integer(), nullable=False),
        sa.Column("first_seen_at", UTC_DATETIME, nullable=False),
        _fk("photo_credits", "credit_id", "credits.id", ondelete="CASCADE"),
        _fk("photo_credits", "photo_id", "photos.id", ondelete="CASCADE"),
        _pk("photo_id", "credit_id", table="photo_credits"),
    )
    _index("photo_credits", "credit_id")

    op.create_table(
        "articles",
        sa.Column("dw_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("design", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("teaser", sa.Text(), nullable=True),
        sa.Column("kicker", sa.Text(), nullable=True),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body", JSON, nullable=False),
        sa.Column("published_at", UTC_DATETIME, nullable=True),
        sa.Column("published_offset", sa.Integer(), nullable=True),
        sa.Column("modified_at", UTC_DATETIME, nullable=True),
        sa.Column("modified_offset", sa.Integer(), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=True),
        sa.Column("duration_seconds", sa.Integer(), nullable=True),
        sa.Column("permalink", sa.Text(), nullable=True),
        sa.Column("media", JSON, nullable=False),
        sa.Column("links", JSON, nullable=False),
        sa.Column("warnings", JSON, nullable=False),
        sa.Column("extractor_version", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("gone_at", UTC_DATETIME, nullable=True),
        sa.Column("gone_status", sa.Integer(), nullable=True),
        sa.Column("first_seen_at", UTC_DATETIME, nullable=False),
        sa.Column("last_seen_at", UTC_DATETIME, nullable=False),
        sa.Column("last_fetched_at", UTC_DATETIME, nullable=True),
        sa.Column("http_etag", sa.Text(), nullable=True),
        sa.Column("http_last_modified", sa.Text(), nullable=True),
        sa.Column("sitemap_lastmod", UTC_DATETIME, nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("meta_hash", sa.String(length=64), nullable=False),
        sa.Column("current_revision", sa.Integer(), nullable=False),
        sa.Column("last_crawl_run_id", sa.Integer(), nullable=True),
        _check(
            "articles",
            "date_precision",
            "date_precision IS NULL OR date_precision IN ('second', 'day')",
        ),
        _check("articles", "design", "design IN ('current', 'classic')"),
        _check("articles", "kind", "kind IN ('article', 'video', 'audio', 'gallery', 'liveblog')"),
        _check("articles", "status", "status IN ('live', 'gone')"),
        _fk("articles", "last_crawl_run_id", "crawl_runs.id", ondelete="SET NULL"),
        _pk("dw_id", table="articles"),
        sa.UniqueConstraint("url", name=op.f("uq_articles_url")),
    )
    for column in ("kind", "last_crawl_run_id", "last_seen_at", "published_at", "status"):
        _index("articles", column)

    op.create_table(
        "article_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("fetched_at", UTC_DATETIME, nullable=False),
        sa.Column("crawl_run_id", sa.Integer(), nullable=True),
        sa.Column("changed_fields", JSON, nullable=False),
        sa.Column("snapshot", JSON, nullable=False),
        sa.Column("extractor_version", sa.String(length=64), nullable=False),
        _fk("article_revisions", "article_id", "articles.dw_id", ondelete="CASCADE"),
        _fk("article_revisions", "crawl_run_id", "crawl_runs.id", ondelete="SET NULL"),
        _pk("id", table="article_revisions"),
        sa.UniqueConstraint(
            "article_id", "revision", name=op.f("uq_article_revisions_article_id_revision")
        ),
    )
    _index("article_revisions", "crawl_run_id")
    _index("article_revisions", "fetched_at")

    op.create_table(
        "article_photos",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("alt", sa.Text(), nullable=True),
        sa.Column("caption", sa.Text(), nullable=True),
        sa.Column("credit", sa.Text(), nullable=True),
        sa.Column("credit_id", sa.Integer(), nullable=True),
        _check("article_photos", "role", "role IN ('hero', 'inline', 'gallery')"),
        _fk("article_photos", "article_id", "articles.dw_id", ondelete="CASCADE"),
        _fk("article_photos", "credit_id", "credits.id"),
        _fk("article_photos", "photo_id", "photos.id"),
        _pk("article_id", "position", table="article_photos"),
    )
    _index("article_photos", "credit_id")
    _index("article_photos", "photo_id")

    op.create_table(
        "article_authors",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        _check("article_authors", "role", "role IN ('author', 'editor')"),
        _fk("article_authors", "article_id", "articles.dw_id", ondelete="CASCADE"),
        _fk("article_authors", "author_id", "authors.id"),
        _pk("article_id", "role", "position", table="article_authors"),
    )
    _index("article_authors", "author_id")

    op.create_table(
        "article_topics",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        _fk("article_topics", "article_id", "articles.dw_id", ondelete="CASCADE"),
        _fk("article_topics", "topic_id", "topics.id"),
        _pk("article_id", "position", table="article_topics"),
    )
    _index("article_topics", "topic_id")

    search = SQLITE_SEARCH_UP if op.get_bind().dialect.name == "sqlite" else POSTGRES_SEARCH_UP
    for statement in search:
        op.execute(statement)


def downgrade() -> None:
    search = SQLITE_SEARCH_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_SEARCH_DOWN
    for statement in search:
        op.execute(statement)
    for table in (
        "article_topics",
        "article_authors",
        "article_photos",
        "article_revisions",
        "articles",
        "photo_credits",
        "photos",
        "credit_parts",
        "credits",
        "topics",
        "authors",
        "crawl_runs",
    ):
        op.drop_table(table)  # drops its indexes too
