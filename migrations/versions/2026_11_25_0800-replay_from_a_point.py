"""replay from a point

Revision ID: 7c4e1f2b9a31
Revises: 3f1c2a9d7e10

Stances get their statement's `said_at` and an index in timeline order per claim, and the
party's position and side just before them; claims get the point of their first mention and of
their last stance. With these a replay starts where the timeline changes instead of at its
beginning. Existing rows are filled by replaying each claim (a copy of the rules as they are
today; `claimline rebuild-views` checks them with the app's own).
Create Date: 2026-11-25 08:00:00.000000
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "7c4e1f2b9a31"
down_revision: str | None = "3f1c2a9d7e10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SIDES = ("supports", "refutes")


def _stance_enum(name: str) -> sa.Enum:
    return sa.Enum(
        "supports",
        "refutes",
        "questions",
        "neutral",
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
    )


def _backfill() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT st.claim_id, st.statement_id, s.party_id, st.stance, "
            "s.retracted_at IS NOT NULL, s.said_at FROM stances st "
            "JOIN statements s ON s.id = st.statement_id "
            "ORDER BY st.claim_id, s.said_at, s.id"
        )
    ).all()
    stances: list[dict[str, Any]] = []
    claims: dict[Any, dict[str, Any]] = {}
    positions: dict[Any, str] = {}
    sides: dict[Any, str] = {}
    claim_id = None
    for row_claim, statement_id, party, stance, retracted, said_at in rows:
        if row_claim != claim_id:
            claim_id, positions, sides = row_claim, {}, {}
            claims[claim_id] = {"claim": claim_id, "first_at": None, "first_id": None}
        stances.append(
            {
                "statement": statement_id,
                "claim": row_claim,
                "said_at": said_at,
                "position_before": positions.get(party),
                "side_before": sides.get(party),
            }
        )
        bounds = claims[claim_id]
        bounds["last_at"], bounds["last_id"] = said_at, statement_id
        if not retracted:
            if bounds["first_id"] is None:
                bounds["first_at"], bounds["first_id"] = said_at, statement_id
            positions[party] = stance
            if stance in _SIDES:
                sides[party] = stance
    if stances:
        bind.execute(
            sa.text(
                "UPDATE stances SET said_at = :said_at, position_before = :position_before, "
                "side_before = :side_before WHERE statement_id = :statement AND claim_id = :claim"
            ),
            stances,
        )
    if claims:
        bind.execute(
            sa.text(
                "UPDATE claims SET first_said_at = :first_at, first_statement_id = :first_id, "
                "last_said_at = :last_at, last_statement_id = :last_id WHERE id = :claim"
            ),
            list(claims.values()),
        )


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_said_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("first_statement_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("last_said_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("last_statement_id", sa.Uuid(), nullable=True))
    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.add_column(sa.Column("said_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("position_before", _stance_enum("position_before"), nullable=True)
        )
        batch_op.add_column(sa.Column("side_before", _stance_enum("side_before"), nullable=True))
    _backfill()
    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.alter_column("said_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.drop_index("ix_stances_claim_id")
        batch_op.create_index(
            "ix_stances_claim_timeline", ["claim_id", "said_at", "statement_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.drop_index("ix_stances_claim_timeline")
        batch_op.create_index("ix_stances_claim_id", ["claim_id"], unique=False)
        batch_op.drop_constraint(op.f("ck_stances_side_before"), type_="check")
        batch_op.drop_constraint(op.f("ck_stances_position_before"), type_="check")
        batch_op.drop_column("side_before")
        batch_op.drop_column("position_before")
        batch_op.drop_column("said_at")
    # Other tables refer to claims: SQLite drops these columns in place (3.35+) rather than
    # copying the table, which its foreign keys would refuse.
    with op.batch_alter_table("claims", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("last_statement_id")
        batch_op.drop_column("last_said_at")
        batch_op.drop_column("first_statement_id")
        batch_op.drop_column("first_said_at")
