"""A turn's score records the moment it was judged against and the reply's language.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("turn_score") as batch:
        batch.add_column(sa.Column("moment", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("language", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("turn_score") as batch:
        batch.drop_column("language")
        batch.drop_column("moment")
