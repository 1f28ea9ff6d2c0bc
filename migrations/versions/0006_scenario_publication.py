"""The database is the one scenario store: a published pointer per scenario.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from trainer_api.storage.models import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scenario_publication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.String(length=64), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("published_at", UTCDateTime(), nullable=False),
        sa.Column("published_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["scenario_version.id"],
            name=op.f("fk_scenario_publication_version_id_scenario_version"),
        ),
        sa.ForeignKeyConstraint(
            ["published_by"],
            ["app_user.id"],
            name=op.f("fk_scenario_publication_published_by_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scenario_publication")),
        sa.UniqueConstraint(
            "scenario_id", name=op.f("uq_scenario_publication_scenario_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("scenario_publication")
