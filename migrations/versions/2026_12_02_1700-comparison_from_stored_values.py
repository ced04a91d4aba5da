"""comparison from stored values

Revision ID: 4d8e2a7c5b13
Revises: 2b7d9e4f6a15

The comparison is served from values kept with the data instead of every stance row. Stances get
their party (copied from the statement) and the party's chain just after them: the statements
from which its position and its side have held, and whether it has taken both sides; an index
on (claim, party, said_at, statement) finds where a party stood at any moment in one seek.
Positions get the same chain and the party's first counted stance on the claim. Two tables count
each party's statements and each relay's per event. Existing rows are filled by folding each
claim's stances in timeline order (a copy of the rules as they are today; `claimline
rebuild-views` checks them with the app's own).
Create Date: 2026-12-02 17:00:00.000000
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "4d8e2a7c5b13"
down_revision: str | None = "2b7d9e4f6a15"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SIDES = ("supports", "refutes")
_CHAIN = ("since_id", "since_at", "side_id", "side_at", "changed")


def _chain_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("since_id", sa.Uuid(), nullable=True),
        sa.Column("since_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("side_id", sa.Uuid(), nullable=True),
        sa.Column("side_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changed", sa.Boolean(), nullable=True),
    ]


def _backfill() -> None:
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "UPDATE stances SET party_id = "
            "(SELECT party_id FROM statements WHERE statements.id = stances.statement_id)"
        )
    )
    rows = bind.execute(
        sa.text(
            "SELECT st.claim_id, st.statement_id, st.party_id, st.stance, "
            "s.retracted_at IS NOT NULL, st.said_at FROM stances st "
            "JOIN statements s ON s.id = st.statement_id "
            "ORDER BY st.claim_id, st.said_at, st.statement_id"
        )
    ).all()
    stances: list[dict[str, Any]] = []
    positions: list[dict[str, Any]] = []
    # Per party of the current claim: [position, side, since_id, since_at, side_id, side_at,
    # changed, first_id, first_at].
    chains: dict[Any, list[Any]] = {}
    claim_id = None

    def flush() -> None:
        for party, chain in chains.items():
            positions.append(
                {
                    "claim": claim_id,
                    "party": party,
                    **dict(zip((*_CHAIN, "first_id", "first_at"), chain[2:], strict=True)),
                }
            )

    for row_claim, statement_id, party, stance, retracted, said_at in rows:
        if row_claim != claim_id:
            flush()
            claim_id, chains = row_claim, {}
        chain = chains.get(party)
        if not retracted:
            taken = stance in _SIDES
            if chain is None:
                side = (statement_id, said_at) if taken else (None, None)
                chain = [stance, stance if taken else None, statement_id, said_at, *side]
                chain += [False, statement_id, said_at]
            else:
                if stance != chain[0]:
                    chain[0], chain[2], chain[3] = stance, statement_id, said_at
                if taken and stance != chain[1]:
                    chain[6] = chain[6] or chain[1] is not None
                    chain[1], chain[4], chain[5] = stance, statement_id, said_at
            chains[party] = chain
        values = chain[2:7] if chain is not None else [None] * 5
        stances.append(
            {
                "statement": statement_id,
                "claim": row_claim,
                **dict(zip(_CHAIN, values, strict=True)),
            }
        )
    flush()
    if stances:
        bind.execute(
            sa.text(
                "UPDATE stances SET since_id = :since_id, since_at = :since_at, "
                "side_id = :side_id, side_at = :side_at, changed = :changed "
                "WHERE statement_id = :statement AND claim_id = :claim"
            ),
            stances,
        )
    if positions:
        bind.execute(
            sa.text(
                "UPDATE positions SET since_id = :since_id, since_at = :since_at, "
                "side_id = :side_id, side_at = :side_at, changed = :changed, "
                "first_id = :first_id, first_at = :first_at "
                "WHERE claim_id = :claim AND party_id = :party"
            ),
            positions,
        )
    # A position no counted stance stands behind was wrong already: it goes.
    bind.execute(sa.text("DELETE FROM positions WHERE since_id IS NULL"))
    bind.execute(
        sa.text(
            "INSERT INTO event_parties (event_id, party_id, statements) "
            "SELECT event_id, party_id, count(*) FROM statements WHERE retracted_at IS NULL "
            "GROUP BY event_id, party_id"
        )
    )
    bind.execute(
        sa.text(
            "INSERT INTO event_relays (event_id, source_id, party_id, statements) "
            "SELECT s.event_id, r.source_id, s.party_id, count(DISTINCT s.id) FROM relays r "
            "JOIN statements s ON s.id = r.statement_id WHERE s.retracted_at IS NULL "
            "GROUP BY s.event_id, r.source_id, s.party_id"
        )
    )


def upgrade() -> None:
    op.create_table(
        "event_parties",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("statements", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_parties_event_id_events")
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["sources.id"], name=op.f("fk_event_parties_party_id_sources")
        ),
        sa.PrimaryKeyConstraint("event_id", "party_id", name=op.f("pk_event_parties")),
    )
    op.create_table(
        "event_relays",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("statements", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_relays_event_id_events")
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["sources.id"], name=op.f("fk_event_relays_party_id_sources")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_event_relays_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("event_id", "source_id", "party_id", name=op.f("pk_event_relays")),
    )
    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.add_column(sa.Column("party_id", sa.Uuid(), nullable=True))
        for column in _chain_columns():
            batch_op.add_column(column)
    with op.batch_alter_table("positions", schema=None) as batch_op:
        for column in _chain_columns():
            batch_op.add_column(column)
        batch_op.add_column(sa.Column("first_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("first_at", sa.DateTime(timezone=True), nullable=True))
    _backfill()
    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.alter_column("party_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.create_index(
            "ix_stances_party_timeline",
            ["claim_id", "party_id", "said_at", "statement_id"],
            unique=False,
        )
    with op.batch_alter_table("positions", schema=None) as batch_op:
        for name, type_ in (
            ("since_id", sa.Uuid()),
            ("since_at", sa.DateTime(timezone=True)),
            ("changed", sa.Boolean()),
            ("first_id", sa.Uuid()),
            ("first_at", sa.DateTime(timezone=True)),
        ):
            batch_op.alter_column(name, existing_type=type_, nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("positions", schema=None) as batch_op:
        for name in ("first_at", "first_id", *reversed(_CHAIN)):
            batch_op.drop_column(name)
    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.drop_index("ix_stances_party_timeline")
        for name in (*reversed(_CHAIN), "party_id"):
            batch_op.drop_column(name)
    op.drop_table("event_relays")
    op.drop_table("event_parties")
