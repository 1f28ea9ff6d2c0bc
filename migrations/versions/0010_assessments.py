"""Hiring assessments: rounds with pinned scenario versions and seeds, their
reviewers, invited candidates, decisions, and an append-only audit log.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from trainer_api.storage.models import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("time_limit_minutes", sa.Integer(), nullable=False),
        sa.Column("opens_at", UTCDateTime(), nullable=False),
        sa.Column("closes_at", UTCDateTime(), nullable=False),
        sa.Column("pass_mark", sa.Integer(), nullable=False),
        sa.Column("second_review", sa.Boolean(), nullable=False),
        sa.Column("retention_days", sa.Integer(), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("locked_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["app_user.id"],
            name=op.f("fk_assessment_round_owner_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_round")),
    )
    op.create_table(
        "round_scenario",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("scenario_version_id", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["assessment_round.id"],
            name=op.f("fk_round_scenario_round_id_assessment_round"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["scenario_version_id"],
            ["scenario_version.id"],
            name=op.f("fk_round_scenario_scenario_version_id_scenario_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_scenario")),
        sa.UniqueConstraint(
            "round_id", "position", name=op.f("uq_round_scenario_round_id_position")
        ),
    )
    op.create_table(
        "round_reviewer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["assessment_round.id"],
            name=op.f("fk_round_reviewer_round_id_assessment_round"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["app_user.id"],
            name=op.f("fk_round_reviewer_user_id_app_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_reviewer")),
        sa.UniqueConstraint(
            "round_id", "user_id", name=op.f("uq_round_reviewer_round_id_user_id")
        ),
    )
    op.create_table(
        "candidate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("consent", sa.String(length=16), nullable=False),
        sa.Column("consent_at", UTCDateTime(), nullable=True),
        sa.Column("attempts_allowed", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["assessment_round.id"],
            name=op.f("fk_candidate_round_id_assessment_round"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["app_user.id"],
            name=op.f("fk_candidate_user_id_app_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate")),
        sa.UniqueConstraint("pseudonym", name=op.f("uq_candidate_pseudonym")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_candidate_token_hash")),
    )
    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_decision_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["app_user.id"],
            name=op.f("fk_decision_reviewer_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision")),
    )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=64), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    op.create_index(op.f("ix_audit_entry_at"), "audit_entry", ["at"])
    op.create_index(op.f("ix_audit_entry_round_id"), "audit_entry", ["round_id"])
    with op.batch_alter_table("practice_session") as batch:
        batch.add_column(sa.Column("round_scenario_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_practice_session_round_scenario_id_round_scenario"),
            "round_scenario",
            ["round_scenario_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(
            batch.f("ix_practice_session_round_scenario_id"), ["round_scenario_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("practice_session") as batch:
        batch.drop_index(batch.f("ix_practice_session_round_scenario_id"))
        batch.drop_constraint(
            batch.f("fk_practice_session_round_scenario_id_round_scenario"),
            type_="foreignkey",
        )
        batch.drop_column("round_scenario_id")
    op.drop_table("audit_entry")
    op.drop_table("decision")
    op.drop_table("candidate")
    op.drop_table("round_reviewer")
    op.drop_table("round_scenario")
    op.drop_table("assessment_round")
