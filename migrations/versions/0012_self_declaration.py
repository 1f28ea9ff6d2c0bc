"""Candidates' optional self-declaration, kept apart from scores, and the
questions each round asks.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from trainer_api.storage.models import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessment_round") as batch:
        batch.add_column(
            sa.Column(
                "demographic_questions",
                sa.String(64),
                nullable=False,
                server_default="sex,race_ethnicity",
            )
        )
    op.create_table(
        "self_declaration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("sex", sa.String(32), nullable=True),
        sa.Column("race_ethnicity", sa.String(32), nullable=True),
        sa.Column("declared_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_self_declaration_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_self_declaration")),
        sa.UniqueConstraint(
            "candidate_id", name=op.f("uq_self_declaration_candidate_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("self_declaration")
    with op.batch_alter_table("assessment_round") as batch:
        batch.drop_column("demographic_questions")
