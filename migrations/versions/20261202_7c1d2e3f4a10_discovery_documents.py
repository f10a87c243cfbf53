"""Discovery documents: the HTTP validators of sitemaps and feeds, for conditional requests.

Revision ID: 7c1d2e3f4a10
Revises: 59364f524316
Create Date: 2026-12-02 15:33:29
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "7c1d2e3f4a10"
down_revision: str | Sequence[str] | None = "59364f524316"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "discovery_documents",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_discovery_documents")),
    )


def downgrade() -> None:
    op.drop_table("discovery_documents")
