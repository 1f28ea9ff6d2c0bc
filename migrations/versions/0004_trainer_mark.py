"""Trainers' own marks on learner turns, for calibrating the scorer.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from trainer_api.storage.models import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trainer_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("turn_id", sa.Integer(), nullable=False),
        sa.Column("trainer_id", sa.Integer(), nullable=False),
        sa.Column("dimensions", sa.JSON(), nullable=False),
        sa.Column("penalties", sa.JSON(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["trainer_id"],
            ["app_user.id"],
            name=op.f("fk_trainer_mark_trainer_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["turn_id"],
            ["turn.id"],
            name=op.f("fk_trainer_mark_turn_id_turn"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainer_mark")),
        sa.UniqueConstraint(
            "turn_id", "trainer_id", name=op.f("uq_trainer_mark_turn_id_trainer_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("trainer_mark")
