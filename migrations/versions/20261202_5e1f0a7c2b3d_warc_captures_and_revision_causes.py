"""WARC captures and revision causes: rows name the WARC record they came from; revisions say why.

Revision ID: 5e1f0a7c2b3d
Revises: 7c1d2e3f4a10
Create Date: 2026-12-02 16:40:00

`articles` gains `warc_file`, `warc_offset`, `warc_date` and `warc_digest`; `article_revisions`
gains `warc_file`, `warc_offset` and `cause` (`fetch`, `reextract` or `import`; existing
revisions came from crawls: `fetch`). Columns are added and dropped with plain `ALTER TABLE`
on `articles` (SQLite 3.35+ drops columns in place): a batch rebuild of `articles` would drop
the full-text search triggers of the initial schema.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "5e1f0a7c2b3d"
down_revision: str | Sequence[str] | None = "7c1d2e3f4a10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ARTICLE_COLUMNS = {
    "warc_file": sa.Text,
    "warc_offset": sa.BigInteger,
    "warc_date": lambda: sa.DateTime(timezone=True),
    "warc_digest": lambda: sa.String(length=64),
}


def upgrade() -> None:
    for name, kind in ARTICLE_COLUMNS.items():
        op.add_column("articles", sa.Column(name, kind(), nullable=True))
    with op.batch_alter_table("article_revisions") as batch:
        batch.add_column(
            sa.Column("cause", sa.String(length=16), server_default="fetch", nullable=False)
        )
        batch.add_column(sa.Column("warc_file", sa.Text(), nullable=True))
        batch.add_column(sa.Column("warc_offset", sa.BigInteger(), nullable=True))
        batch.create_check_constraint(
            op.f("ck_article_revisions_cause"), "cause IN ('fetch', 'reextract', 'import')"
        )


def downgrade() -> None:
    with op.batch_alter_table("article_revisions") as batch:
        batch.drop_constraint(op.f("ck_article_revisions_cause"), type_="check")
        batch.drop_column("warc_offset")
        batch.drop_column("warc_file")
        batch.drop_column("cause")
    for name in reversed(ARTICLE_COLUMNS):
        op.drop_column("articles", name)
