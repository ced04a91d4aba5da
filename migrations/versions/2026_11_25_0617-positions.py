"""positions

Revision ID: b9b9e118c0a5
Revises: 668c1e86a31d
Each party's current position and side per claim, which claim statuses are made of, filled from
the statements that are not retracted.
Create Date: 2026-11-25 06:17:04.092757
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b9b9e118c0a5"
down_revision: str | None = "668c1e86a31d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "positions",
        sa.Column("claim_id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column(
            "stance",
            sa.Enum(
                "supports",
                "refutes",
                "questions",
                "neutral",
                name="position_stance",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "side",
            sa.Enum(
                "supports",
                "refutes",
                "questions",
                "neutral",
                name="position_side",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_positions_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["sources.id"], name=op.f("fk_positions_party_id_sources")
        ),
        sa.PrimaryKeyConstraint("claim_id", "party_id", name=op.f("pk_positions")),
    )
    _backfill()


def downgrade() -> None:

    op.drop_table("positions")


def _backfill() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT st.claim_id, s.party_id, st.stance FROM stances st "
            "JOIN statements s ON s.id = st.statement_id WHERE s.retracted_at IS NULL "
            "ORDER BY st.claim_id, s.said_at, s.id"
        )
    ).all()
    positions: dict[tuple[object, object], dict[str, object]] = {}
    for claim_id, party_id, stance in rows:
        position = positions.setdefault(
            (claim_id, party_id), {"claim_id": claim_id, "party_id": party_id, "side": None}
        )
        position["stance"] = stance
        if stance in ("supports", "refutes"):
            position["side"] = stance
    if positions:
        bind.execute(
            sa.text(
                "INSERT INTO positions (claim_id, party_id, stance, side) "
                "VALUES (:claim_id, :party_id, :stance, :side)"
            ),
            list(positions.values()),
        )
