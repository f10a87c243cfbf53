"""Operations: who ran each crawl and its heartbeat, `crashed` runs, failed URLs, exclusions.

Revision ID: e13a0c4d7b52
Revises: b77fd2e019a9
Create Date: 2026-12-02 18:00:00

- crawl_runs: `host`, `pid`, `heartbeat_at`; the outcome may also be `crashed` (the run's
  process died; the next writer of the archive records it).
- crawl_failures: the URLs a run lost, with the reason (at most `DW_FAILED_URLS_KEPT` a run).
- excluded_articles: DW ids taken down by `dwcrawler purge`.

Downgrading turns `crashed` runs into `failed` ones (the older schema has no such outcome)
and drops the failed URLs and the exclusion list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "e13a0c4d7b52"
down_revision: str | Sequence[str] | None = "b77fd2e019a9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DATETIME = sa.DateTime(timezone=True)
OLD_OUTCOMES = "outcome IN ('running', 'success', 'failed', 'interrupted')"
NEW_OUTCOMES = "outcome IN ('running', 'success', 'failed', 'interrupted', 'crashed')"


def upgrade() -> None:
    # Batch mode: SQLite changes a CHECK constraint only by rebuilding the table.
    with op.batch_alter_table("crawl_runs") as batch:
        batch.add_column(sa.Column("host", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("pid", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("heartbeat_at", UTC_DATETIME, nullable=True))
        batch.drop_constraint(op.f("ck_crawl_runs_outcome"), type_="check")
        batch.create_check_constraint(op.f("ck_crawl_runs_outcome"), NEW_OUTCOMES)
    op.create_table(
        "crawl_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("crawl_run_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("failed_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["crawl_run_id"],
            ["crawl_runs.id"],
            name=op.f("fk_crawl_failures_crawl_run_id_crawl_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crawl_failures")),
    )
    op.create_index(
        op.f("ix_crawl_failures_crawl_run_id"), "crawl_failures", ["crawl_run_id"], unique=False
    )
    op.create_table(
        "excluded_articles",
        sa.Column("dw_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("excluded_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("dw_id", name=op.f("pk_excluded_articles")),
    )


def downgrade() -> None:
    op.drop_table("excluded_articles")
    op.drop_index(op.f("ix_crawl_failures_crawl_run_id"), table_name="crawl_failures")
    op.drop_table("crawl_failures")
    op.execute("UPDATE crawl_runs SET outcome = 'failed' WHERE outcome = 'crashed'")
    with op.batch_alter_table("crawl_runs") as batch:
        batch.drop_constraint(op.f("ck_crawl_runs_outcome"), type_="check")
        batch.create_check_constraint(op.f("ck_crawl_runs_outcome"), OLD_OUTCOMES)
        batch.drop_column("heartbeat_at")
        batch.drop_column("pid")
        batch.drop_column("host")
