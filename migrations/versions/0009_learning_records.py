"""Learning records: xAPI statements kept until a Learning Record Store has them.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from trainer_api.storage.models import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learning_record",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("verb", sa.String(length=16), nullable=False),
        sa.Column("statement", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["app_user.id"],
            name=op.f("fk_learning_record_learner_id_app_user"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["practice_session.id"],
            name=op.f("fk_learning_record_session_id_practice_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_record")),
    )
    op.create_index(
        "ix_learning_record_due", "learning_record", ["sent_at", "next_attempt_at"]
    )
    op.create_index(
        op.f("ix_learning_record_learner_id"), "learning_record", ["learner_id"]
    )
    op.create_index(
        op.f("ix_learning_record_session_id"), "learning_record", ["session_id"]
    )


def downgrade() -> None:
    op.drop_table("learning_record")
