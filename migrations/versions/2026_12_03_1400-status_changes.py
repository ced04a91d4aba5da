"""status changes

Revision ID: 3f7a1c5e9b20
Revises: 9b2e6d4a8c70

Each stance says whether it moved its claim's status (`status_after` differs from the status just
before it), and a partial index on (claim, said_at, statement) over those stances lists where a
claim's status changed, in timeline order, without reading its other stances: the status bands
of the event page. Existing rows are filled from the stored `status_after` of each claim's
stances in timeline order (a retracted stance carries the status before it, so it never moves).
Create Date: 2026-12-03 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3f7a1c5e9b20"
down_revision: str | None = "9b2e6d4a8c70"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CHANGED = sa.text("status_changed")


def _backfill() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT claim_id, statement_id, status_after FROM stances "
            "ORDER BY claim_id, said_at, statement_id"
        )
    )
    moved = []
    claim_id, status = None, "open"
    for row_claim, statement_id, status_after in rows:
        if row_claim != claim_id:
            claim_id, status = row_claim, "open"
        if status_after != status:
            moved.append({"statement": statement_id, "claim": row_claim})
            status = status_after
    if moved:
        bind.execute(
            sa.text(
                "UPDATE stances SET status_changed = true "
                "WHERE statement_id = :statement AND claim_id = :claim"
            ),
            moved,
        )


def upgrade() -> None:
    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status_changed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    _backfill()
    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.alter_column("status_changed", server_default=None)
    op.create_index(
        "ix_stances_status_changes",
        "stances",
        ["claim_id", "said_at", "statement_id"],
        postgresql_where=_CHANGED,
        sqlite_where=_CHANGED,
    )


def downgrade() -> None:
    op.drop_index("ix_stances_status_changes", table_name="stances")
    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.drop_column("status_changed")
