"""event changes

Revision ID: 2b7d9e4f6a15
Revises: 8a4f2c6e1d90
The statements recorded and retracted per event, numbered in commit order: the stream of an event
(`GET /v1/events/{event}/stream`) sends them and replays them after a reconnection. Statements
recorded before this revision are not in it (a stream starts from what happens next).
Create Date: 2026-11-25 11:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2b7d9e4f6a15"
down_revision: str | None = "8a4f2c6e1d90"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event_changes",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("statement_id", sa.Uuid(), nullable=False),
        sa.Column(
            "change",
            sa.Enum(
                "recorded",
                "retracted",
                name="event_change",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_event_changes")),
    )
    op.create_index("ix_event_changes_event_id_seq", "event_changes", ["event_id", "seq"])


def downgrade() -> None:
    op.drop_index("ix_event_changes_event_id_seq", table_name="event_changes")
    op.drop_table("event_changes")
