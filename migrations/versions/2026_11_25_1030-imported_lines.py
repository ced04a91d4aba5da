"""imported lines

Revision ID: 8a4f2c6e1d90
Revises: 5d2e8c41a7b3
The lines `claimline import` has recorded, by the SHA-256 of their canonical JSON, so that an
import run again (or resumed after a failure) skips them.
Create Date: 2026-11-25 10:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8a4f2c6e1d90"
down_revision: str | None = "5d2e8c41a7b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "imported_lines",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("statement_id", sa.Uuid(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_imported_lines")),
    )


def downgrade() -> None:
    op.drop_table("imported_lines")
