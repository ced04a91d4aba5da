"""derived stance values

Revision ID: 668c1e86a31d
Revises: 9d72e5108480

Each stance carries `first_mention`, `reversal` and `status_after`, derived from its claim's
timeline. Existing rows are filled by replaying each claim (`claimline rebuild-views` does the same
with the app's rules; this copy stays as it is when those rules move on).
Create Date: 2026-11-25 06:03:55.663312
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "668c1e86a31d"
down_revision: str | None = "9d72e5108480"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATUS = sa.Enum(
    "open",
    "asserted",
    "denied",
    "contested",
    name="status_after",
    native_enum=False,
    create_constraint=True,
    length=20,
)


def _status(sides: set[str]) -> str:
    if {"supports", "refutes"} <= sides:
        return "contested"
    return "asserted" if "supports" in sides else "denied" if "refutes" in sides else "open"


def _backfill() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT st.claim_id, st.statement_id, s.party_id, st.stance, "
            "s.retracted_at IS NOT NULL FROM stances st "
            "JOIN statements s ON s.id = st.statement_id "
            "ORDER BY st.claim_id, s.said_at, s.id"
        )
    ).all()
    sides: dict[object, str] = {}
    claim_id, status, mentioned = None, "open", False
    for row_claim, statement_id, party, stance, retracted in rows:
        if row_claim != claim_id:
            claim_id, sides, status, mentioned = row_claim, {}, "open", False
        first = reversal = False
        if not retracted:
            first, mentioned = not mentioned, True
            before = sides.get(party)
            if stance in ("supports", "refutes"):
                reversal = before is not None and before != stance
                sides[party] = stance
            status = _status(set(sides.values()))
        bind.execute(
            sa.text(
                "UPDATE stances SET first_mention = :first, reversal = :reversal, "
                "status_after = :status WHERE statement_id = :statement AND claim_id = :claim"
            ),
            {
                "first": first,
                "reversal": reversal,
                "status": status,
                "statement": statement_id,
                "claim": row_claim,
            },
        )


def upgrade() -> None:
    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("first_mention", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("reversal", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("status_after", _STATUS, nullable=False, server_default="open")
        )
    _backfill()
    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.alter_column("first_mention", server_default=None)
        batch_op.alter_column("reversal", server_default=None)
        batch_op.alter_column("status_after", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_stances_status_after"), type_="check")
        batch_op.drop_column("status_after")
        batch_op.drop_column("reversal")
        batch_op.drop_column("first_mention")
