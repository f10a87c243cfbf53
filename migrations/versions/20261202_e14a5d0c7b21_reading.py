"""Reading the archive: change times, status events, sitemap entries, unaccent.

Revision ID: e14a5d0c7b21
Revises: e13a0c4d7b52
Create Date: 2026-12-02 18:30:00

- `articles.changed_at`: when the row's exported record last changed; existing rows get their
  newest revision's time (or the time they went gone, if later).
- `article_status_events`: an article went gone or came back; the gone articles of an existing
  archive get their event from `gone_at`.
- `sitemap_entries`: what DW's sitemaps list (filled by the next crawls).
- PostgreSQL: accents are folded in the search index and the queries through the function
  `dwcrawler_unaccent(text)`. It calls the `unaccent` extension, created here where the role
  may; where it cannot be created a warning says so and the function folds the Latin letters
  with diacritics (Latin-1 and Latin Extended-A) with `translate()` instead. The rebuilt
  `search_vector` is kept in the row (STORAGE MAIN), which makes ranking much cheaper.
- SQLite rebuilds `articles` to make `changed_at` NOT NULL, which drops the FTS5 triggers of
  the initial revision: they are recreated (the FTS table keeps its rows: rowids are DW ids).
"""

from __future__ import annotations

import logging
import unicodedata
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.engine import Connection

revision: str = "e14a5d0c7b21"
down_revision: str | Sequence[str] | None = "e13a0c4d7b52"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("dwcrawler.migrations")
UTC_DATETIME = sa.DateTime(timezone=True)
UNACCENT = "dwcrawler_unaccent"

SQLITE_TRIGGERS = (
    """CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, teaser, body_text)
        VALUES (new.dw_id, new.title, new.teaser, new.body_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, teaser, body_text)
        VALUES ('delete', old.dw_id, old.title, old.teaser, old.body_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_au AFTER UPDATE OF title, teaser, body_text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, teaser, body_text)
        VALUES ('delete', old.dw_id, old.title, old.teaser, old.body_text);
        INSERT INTO articles_fts(rowid, title, teaser, body_text)
        VALUES (new.dw_id, new.title, new.teaser, new.body_text);
    END""",
)


def _vector(fold: str | None) -> str:
    def text(expression: str) -> str:
        return f"{fold}({expression})" if fold else expression

    # STORAGE MAIN (in the same statement, so the rows are computed with it): the vector stays
    # compressed in the row rather than in the TOAST table, where ranking thousands of
    # matches read it piece by piece (three times slower at 10,000 articles).
    storage = ", ALTER COLUMN search_vector SET STORAGE MAIN" if fold else ""
    return f"""ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, {text("coalesce(title, '')")}), 'A')
        || setweight(to_tsvector('simple'::regconfig, {text("coalesce(teaser, '')")}), 'B')
        || setweight(to_tsvector('simple'::regconfig, {text("left(body_text, 500000)")}), 'C')
    ) STORED{storage}"""


def _search_vector(fold: str | None) -> None:
    op.execute("DROP INDEX IF EXISTS ix_articles_search_vector")
    op.execute("ALTER TABLE articles DROP COLUMN IF EXISTS search_vector")
    op.execute(_vector(fold))
    op.execute("CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)")


def _latin_folds() -> tuple[str, str]:
    """Return translate()'s two strings: Latin letters with diacritics and their base letters."""
    source, target = [], []
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if len(base) == 1 and base.isascii() and base.isalpha() and base != char:
            source.append(char)
            target.append(base)
    for char, base in zip("øØđĐłŁħĦ", "oOdDlLhH", strict=True):  # no decomposition for these
        source.append(char)
        target.append(base)
    return "".join(source), "".join(target)


def _unaccent_schema(bind: Connection) -> str | None:
    query = sa.text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'unaccent'"
    )
    schema: str | None = bind.execute(query).scalar_one_or_none()
    return schema


def _create_unaccent(bind: Connection) -> str | None:
    """Create the `unaccent` extension if it is missing and allowed; return its schema."""
    schema = _unaccent_schema(bind)
    if schema is not None:
        return schema
    try:
        with bind.begin_nested():  # a refusal must not abort the migration's transaction
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS unaccent"))
    except DBAPIError as exc:
        reason = " ".join(str(exc.orig).split()) if exc.orig is not None else str(exc)
        log.warning(
            "PostgreSQL extension unaccent could not be created (%s): search folds the accents "
            "of Latin letters only. For full folding, have a superuser run `CREATE EXTENSION "
            "unaccent;` in this database, then `dwcrawler db downgrade e13a0c4d7b52 --yes` "
            "and `dwcrawler db upgrade`.",
            reason,
        )
        return None
    return _unaccent_schema(bind)


def _fold_function(bind: Connection) -> None:
    schema = _create_unaccent(bind)
    if schema is not None:
        name = bind.dialect.identifier_preparer.quote_schema(schema)
        body = f"SELECT {name}.unaccent('{name}.unaccent'::regdictionary, $1)"
    else:
        source, target = _latin_folds()
        body = f"SELECT translate($1, '{source}', '{target}')"
    # IMMUTABLE (unaccent() itself is only STABLE) so a generated column may use it; the
    # dictionary is named with its schema, so search_path cannot change the result.
    op.execute(
        f"CREATE OR REPLACE FUNCTION {UNACCENT}(text) RETURNS text "
        f"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ {body} $$"
    )


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    op.add_column("articles", sa.Column("changed_at", UTC_DATETIME, nullable=True))
    op.execute(
        "UPDATE articles SET changed_at = coalesce((SELECT max(r.fetched_at) "
        "FROM article_revisions r WHERE r.article_id = articles.dw_id), first_seen_at)"
    )
    op.execute(
        "UPDATE articles SET changed_at = gone_at WHERE gone_at IS NOT NULL AND gone_at > changed_at"
    )
    with op.batch_alter_table("articles") as batch:
        batch.alter_column("changed_at", existing_type=UTC_DATETIME, nullable=False)
        batch.create_index(op.f("ix_articles_changed_at"), ["changed_at"])
    if sqlite:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)

    op.create_table(
        "article_status_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("at", UTC_DATETIME, nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("crawl_run_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('gone', 'live')", name=op.f("ck_article_status_events_status")
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.dw_id"],
            name=op.f("fk_article_status_events_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["crawl_run_id"],
            ["crawl_runs.id"],
            name=op.f("fk_article_status_events_crawl_run_id_crawl_runs"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_status_events")),
    )
    for column in ("article_id", "at", "crawl_run_id"):
        op.create_index(
            op.f(f"ix_article_status_events_{column}"), "article_status_events", [column]
        )
    op.execute(
        "INSERT INTO article_status_events (article_id, at, status, http_status) "
        "SELECT dw_id, gone_at, 'gone', gone_status FROM articles "
        "WHERE status = 'gone' AND gone_at IS NOT NULL"
    )

    op.create_table(
        "sitemap_entries",
        sa.Column("dw_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("lastmod", UTC_DATETIME, nullable=True),
        sa.Column("first_listed_at", UTC_DATETIME, nullable=False),
        sa.Column("last_listed_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("dw_id", name=op.f("pk_sitemap_entries")),
    )
    op.create_index(op.f("ix_sitemap_entries_lastmod"), "sitemap_entries", ["lastmod"])

    if not sqlite:
        _fold_function(bind)
        _search_vector(UNACCENT)


def downgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if not sqlite:
        _search_vector(None)
        # The extension stays: other users of the database may rely on it.
        op.execute(f"DROP FUNCTION IF EXISTS {UNACCENT}(text)")
    op.drop_table("sitemap_entries")
    op.drop_table("article_status_events")
    with op.batch_alter_table("articles") as batch:
        batch.drop_index(op.f("ix_articles_changed_at"))
        batch.drop_column("changed_at")
    if sqlite:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
