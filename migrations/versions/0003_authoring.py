"""Scenario authoring: drafts, published versions, test sessions.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from trainer_api.storage.models import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scenario_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by"],
            ["app_user.id"],
            name=op.f("fk_scenario_draft_updated_by_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scenario_draft")),
        sa.UniqueConstraint("scenario_id", name=op.f("uq_scenario_draft_scenario_id")),
    )
    with op.batch_alter_table("scenario_version") as batch:
        batch.add_column(sa.Column("published_at", UTCDateTime(), nullable=True))
    with op.batch_alter_table("practice_session") as batch:
        batch.add_column(
            sa.Column(
                "is_test", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("practice_session") as batch:
        batch.drop_column("is_test")
    with op.batch_alter_table("scenario_version") as batch:
        batch.drop_column("published_at")
    op.drop_table("scenario_draft")
