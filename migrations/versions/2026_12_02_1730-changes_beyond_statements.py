"""changes beyond statements

Revision ID: 6a1f3c9e2d47
Revises: 4d8e2a7c5b13

Every write that changes what an event's views show is numbered in `event_changes`, so that each
instance drops what it rendered of the event (and SQLite's instances, which look at the table,
see them): an event's details updated, a claim created, and for every event at once (the nil
event id) a source updated or the derived values rebuilt. Such changes name no statement.
Create Date: 2026-12-02 17:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6a1f3c9e2d47"
down_revision: str | None = "4d8e2a7c5b13"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = ("recorded", "retracted")
_AFTER = (*_BEFORE, "event_updated", "claim_created", "source_updated", "rebuilt")


def _kinds(values: Sequence[str]) -> sa.Enum:
    return sa.Enum(
        *values, name="event_change", native_enum=False, create_constraint=True, length=20
    )


def _alter(values: Sequence[str], statement_nullable: bool) -> None:
    with op.batch_alter_table("event_changes", schema=None, recreate="always") as batch_op:
        batch_op.alter_column("statement_id", existing_type=sa.Uuid(), nullable=statement_nullable)
        batch_op.alter_column(
            "change",
            existing_type=_kinds(_AFTER if statement_nullable else _BEFORE),
            type_=_kinds(values),
            existing_nullable=False,
        )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(op.f("ck_event_changes_event_change"), "event_changes", type_="check")
        op.create_check_constraint(
            op.f("ck_event_changes_event_change"),
            "event_changes",
            sa.column("change").in_(_AFTER),
        )
        op.alter_column("event_changes", "statement_id", existing_type=sa.Uuid(), nullable=True)
        return
    _alter(_AFTER, True)


def downgrade() -> None:
    op.execute("DELETE FROM event_changes WHERE statement_id IS NULL")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(op.f("ck_event_changes_event_change"), "event_changes", type_="check")
        op.create_check_constraint(
            op.f("ck_event_changes_event_change"),
            "event_changes",
            sa.column("change").in_(_BEFORE),
        )
        op.alter_column("event_changes", "statement_id", existing_type=sa.Uuid(), nullable=False)
        return
    _alter(_BEFORE, False)
