"""Browse views: articles listed, by topic, with their photos, photos by agency, per month, revisions.

Revision ID: b5e1a7c9d2f3
Revises: 5e1f0a7c2b3d
Create Date: 2026-12-02 16:50:00

Read-only views for people who would rather look than write SQL (`dwcrawler serve` shows them
in Datasette; on PostgreSQL, psql or any client sees the same ones). The models do not describe
views: `dwcrawler.db.migrate.include_object` keeps autogenerate away from them.

- `article_list`: one row per article, with its year and its authors, topics and photo agencies
  as JSON arrays of names (Datasette facets on arrays).
- `articles_by_topic`: one row per article and topic it is filed under, with its year and kind
  (facets on plain columns cost a fraction of facets on JSON arrays).
- `articles_with_photos`: one row per photo shown in an article: image URL, caption, credit and
  the credit's agencies and photographers.
- `photos_by_agency`: one row per agency named in a photo's credit and the photo's use (a
  credit that names one agency twice gives two rows).
- `articles_per_month`: articles published per month (UTC) and kind, and how many went gone.
- `revision_changes`: every stored revision of every article with the fields it changed and
  its cause (fetch, reextract, import).

SQLite views name their tables, so a batch migration that rebuilds one of those tables must
drop these views first and create them again after (SQLite checks views when a table is
renamed); on PostgreSQL a column a view uses cannot change its type while the view exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alembic import op

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "b5e1a7c9d2f3"
down_revision: str | Sequence[str] | None = "5e1f0a7c2b3d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VIEWS = (
    "article_list",
    "articles_by_topic",
    "articles_with_photos",
    "photos_by_agency",
    "articles_per_month",
    "revision_changes",
)

# Each backend gets the same names, columns and meaning; only the functions differ.
# SQLite stores datetimes as naive UTC text, PostgreSQL as timestamptz (sessions in UTC).
# `+cp.role`: without statistics SQLite would look credit parts up by role (every agency in
# the archive, for each photo) instead of by credit id; the unary plus keeps it off that index.
SQLITE = {
    "article_list": """
SELECT
    a.dw_id,
    a.published_at,
    CAST(strftime('%Y', a.published_at) AS INTEGER) AS year,
    a.kind,
    a.title,
    a.teaser,
    (SELECT json_group_array(name) FROM (
        SELECT au.name FROM article_authors x JOIN authors au ON au.id = x.author_id
        WHERE x.article_id = a.dw_id AND x.role = 'author' ORDER BY x.position)) AS authors,
    (SELECT json_group_array(name) FROM (
        SELECT t.name FROM article_topics x JOIN topics t ON t.id = x.topic_id
        WHERE x.article_id = a.dw_id ORDER BY x.position)) AS topics,
    (SELECT json_group_array(name) FROM (
        SELECT DISTINCT cp.name FROM article_photos p
        JOIN credit_parts cp ON cp.credit_id = p.credit_id AND +cp.role = 'agency'
        WHERE p.article_id = a.dw_id ORDER BY cp.name)) AS agencies,
    (SELECT count(*) FROM article_photos p WHERE p.article_id = a.dw_id) AS photos,
    a.status,
    a.current_revision AS revisions,
    a.url
FROM articles a""",
    "articles_by_topic": """
SELECT
    t.name AS topic,
    a.dw_id,
    a.published_at,
    CAST(strftime('%Y', a.published_at) AS INTEGER) AS year,
    a.kind,
    a.title,
    a.status
FROM article_topics x
JOIN topics t ON t.id = x.topic_id
JOIN articles a ON a.dw_id = x.article_id""",
    "articles_with_photos": """
SELECT
    p.article_id,
    a.published_at,
    a.title,
    p.position,
    p.role,
    p.url AS image,
    p.caption,
    p.credit,
    (SELECT group_concat(name, '; ') FROM (
        SELECT cp.name FROM credit_parts cp
        WHERE cp.credit_id = p.credit_id AND +cp.role = 'agency' ORDER BY cp.position)) AS agencies,
    (SELECT group_concat(name, '; ') FROM (
        SELECT cp.name FROM credit_parts cp
        WHERE cp.credit_id = p.credit_id AND +cp.role = 'photographer' ORDER BY cp.position))
        AS photographers,
    p.alt,
    a.url AS article_url
FROM article_photos p JOIN articles a ON a.dw_id = p.article_id""",
    "photos_by_agency": """
SELECT
    cp.name AS agency,
    p.url AS image,
    p.caption,
    p.credit,
    p.article_id,
    a.title,
    a.published_at,
    p.position
FROM article_photos p
JOIN credit_parts cp ON cp.credit_id = p.credit_id AND +cp.role = 'agency'
JOIN articles a ON a.dw_id = p.article_id""",
    "articles_per_month": """
SELECT
    strftime('%Y-%m', published_at) AS month,
    kind,
    count(*) AS articles,
    sum(CASE WHEN status = 'gone' THEN 1 ELSE 0 END) AS gone
FROM articles
GROUP BY strftime('%Y-%m', published_at), kind""",
    "revision_changes": """
SELECT
    r.article_id,
    r.revision,
    r.fetched_at,
    r.cause,
    (SELECT group_concat(value, ', ') FROM json_each(r.changed_fields)) AS changed_fields,
    json_extract(r.snapshot, '$.title') AS title,
    a.title AS current_title,
    r.crawl_run_id,
    r.extractor_version,
    r.id AS revision_id
FROM article_revisions r JOIN articles a ON a.dw_id = r.article_id""",
}

POSTGRESQL = {
    "article_list": """
SELECT
    a.dw_id,
    a.published_at,
    CAST(EXTRACT(YEAR FROM a.published_at AT TIME ZONE 'UTC') AS INTEGER) AS year,
    a.kind,
    a.title,
    a.teaser,
    COALESCE((SELECT jsonb_agg(au.name ORDER BY x.position)
        FROM article_authors x JOIN authors au ON au.id = x.author_id
        WHERE x.article_id = a.dw_id AND x.role = 'author'), '[]'::jsonb) AS authors,
    COALESCE((SELECT jsonb_agg(t.name ORDER BY x.position)
        FROM article_topics x JOIN topics t ON t.id = x.topic_id
        WHERE x.article_id = a.dw_id), '[]'::jsonb) AS topics,
    COALESCE((SELECT jsonb_agg(DISTINCT cp.name)
        FROM article_photos p
        JOIN credit_parts cp ON cp.credit_id = p.credit_id AND cp.role = 'agency'
        WHERE p.article_id = a.dw_id), '[]'::jsonb) AS agencies,
    (SELECT count(*) FROM article_photos p WHERE p.article_id = a.dw_id) AS photos,
    a.status,
    a.current_revision AS revisions,
    a.url
FROM articles a""",
    "articles_by_topic": """
SELECT
    t.name AS topic,
    a.dw_id,
    a.published_at,
    CAST(EXTRACT(YEAR FROM a.published_at AT TIME ZONE 'UTC') AS INTEGER) AS year,
    a.kind,
    a.title,
    a.status
FROM article_topics x
JOIN topics t ON t.id = x.topic_id
JOIN articles a ON a.dw_id = x.article_id""",
    "articles_with_photos": """
SELECT
    p.article_id,
    a.published_at,
    a.title,
    p.position,
    p.role,
    p.url AS image,
    p.caption,
    p.credit,
    (SELECT string_agg(cp.name, '; ' ORDER BY cp.position) FROM credit_parts cp
        WHERE cp.credit_id = p.credit_id AND cp.role = 'agency') AS agencies,
    (SELECT string_agg(cp.name, '; ' ORDER BY cp.position) FROM credit_parts cp
        WHERE cp.credit_id = p.credit_id AND cp.role = 'photographer') AS photographers,
    p.alt,
    a.url AS article_url
FROM article_photos p JOIN articles a ON a.dw_id = p.article_id""",
    "photos_by_agency": SQLITE["photos_by_agency"].replace("+cp.role", "cp.role"),
    "articles_per_month": """
SELECT
    to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
    kind,
    count(*) AS articles,
    count(*) FILTER (WHERE status = 'gone') AS gone
FROM articles
GROUP BY to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM'), kind""",
    "revision_changes": """
SELECT
    r.article_id,
    r.revision,
    r.fetched_at,
    r.cause,
    (SELECT string_agg(f.value, ', ' ORDER BY f.ordinality)
        FROM jsonb_array_elements_text(r.changed_fields) WITH ORDINALITY AS f(value, ordinality))
        AS changed_fields,
    r.snapshot ->> 'title' AS title,
    a.title AS current_title,
    r.crawl_run_id,
    r.extractor_version,
    r.id AS revision_id
FROM article_revisions r JOIN articles a ON a.dw_id = r.article_id""",
}


def upgrade() -> None:
    views = SQLITE if op.get_bind().dialect.name == "sqlite" else POSTGRESQL
    for name in VIEWS:
        op.execute(f"CREATE VIEW {name} AS {views[name]}")


def downgrade() -> None:
    for name in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {name}")
