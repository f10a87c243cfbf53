"""Articles keep their agency sign-off (wire), classic keywords and the cleaning account.

Revision ID: b77fd2e019a9
Revises: b5e1a7c9d2f3
Create Date: 2026-12-02 17:10:00

Three JSON columns on `articles`, all NULL for rows an older extractor wrote (unknown, not
empty): `keywords` (list of strings), `wire` ({"agencies": [...], "initials": [...]}) and
`cleaning` (furniture rule → count). None of them is content: the content hash is unchanged.
Plain ADD/DROP COLUMN on both backends (SQLite >= 3.35 drops a column in place), so `articles`
is never rebuilt and its full-text triggers stay as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "b77fd2e019a9"
down_revision: str | Sequence[str] | None = "b5e1a7c9d2f3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")
COLUMNS = ("keywords", "wire", "cleaning")


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column("articles", sa.Column(name, JSON, nullable=True))


def downgrade() -> None:
    for name in reversed(COLUMNS):
        op.drop_column("articles", name)
