"""Articles and revisions say what they were read from: a page's HTML or a text rendering.

Revision ID: f15c0a7e9d31
Revises: e14a5d0c7b21
Create Date: 2026-12-02 21:00:00

`capture` is "html" for every row stored so far (the server default fills them) and "text"
for versions read from a text rendering (a Common Crawl WET record, `extract --text`), which
carry less: no image URLs, no page data. Plain ADD/DROP COLUMN on both backends, so `articles`
is never rebuilt and its full-text triggers stay as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "f15c0a7e9d31"
down_revision: str | Sequence[str] | None = "e14a5d0c7b21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("articles", "article_revisions")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table, sa.Column("capture", sa.String(8), nullable=False, server_default="html")
        )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_column(table, "capture")
