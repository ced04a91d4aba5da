"""api keys

Revision ID: 5e2d8c41a9b7
Revises: 7c4e1f2b9a31

API keys (hashed tokens with scopes), and which key recorded and retracted each statement.
Create Date: 2026-11-25 08:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e2d8c41a9b7"
down_revision: str | None = "7c4e1f2b9a31"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("prefix", name=op.f("uq_api_keys_prefix")),
    )
    # In place (no copy of the table, which would lose SQLite's full-text triggers).
    with op.batch_alter_table("statements", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("recorded_by", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("retracted_by", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("statements", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("retracted_by")
        batch_op.drop_column("recorded_by")
    op.drop_table("api_keys")
