"""tally marks

Revision ID: 7c4e2b9d1a36
Revises: 3f7a1c5e9b20

A running count a statement, for the party's own statements and for each source that relayed
them: how many of the party's counted statements (relayed by that source) the event holds up to
and including it in timeline order (up to it, for a retracted one). The comparison's `as_of`
counts then take one seek each on the table's key instead of counting the event's statements
said by then. Filled from the statements and relays as they are.
Create Date: 2026-12-03 15:00:00.000000
"""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "7c4e2b9d1a36"
down_revision: str | None = "3f7a1c5e9b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OWN = uuid.UUID(int=0)


def _backfill(table: sa.Table) -> None:
    bind = op.get_bind()
    statements = sa.table(
        "statements",
        sa.column("id", sa.Uuid()),
        sa.column("event_id", sa.Uuid()),
        sa.column("party_id", sa.Uuid()),
        sa.column("said_at", sa.DateTime(timezone=True)),
        sa.column("retracted_at", sa.DateTime(timezone=True)),
    )
    relays = sa.table(
        "relays", sa.column("statement_id", sa.Uuid()), sa.column("source_id", sa.Uuid())
    )
    rows = bind.execute(
        sa.select(
            statements.c.id,
            statements.c.event_id,
            statements.c.party_id,
            statements.c.said_at,
            statements.c.retracted_at.is_(None),
        )
    ).all()
    by_id = {row[0]: row for row in rows}
    points: dict[tuple[Any, ...], set[tuple[Any, ...]]] = defaultdict(set)
    for statement_id, event, party, said_at, _ in rows:
        points[(event, party, _OWN)].add((said_at, statement_id))
    for statement_id, source in bind.execute(sa.select(relays.c.statement_id, relays.c.source_id)):
        _, event, party, said_at, _ = by_id[statement_id]
        points[(event, party, source)].add((said_at, statement_id))
    marks = []
    for (event, party, source), found in points.items():
        counted = 0
        for said_at, statement_id in sorted(found):
            kept = by_id[statement_id][4]
            counted += 1 if kept else 0
            marks.append(
                {
                    "event_id": event,
                    "party_id": party,
                    "source_id": source,
                    "said_at": said_at,
                    "statement_id": statement_id,
                    "kept": kept,
                    "counted": counted,
                }
            )
    for offset in range(0, len(marks), 5000):
        bind.execute(table.insert(), marks[offset : offset + 5000])


def upgrade() -> None:
    table = op.create_table(
        "tally_marks",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("said_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("statement_id", sa.Uuid(), nullable=False),
        sa.Column("kept", sa.Boolean(), nullable=False),
        sa.Column("counted", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_tally_marks_event_id_events")
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_tally_marks_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "event_id",
            "party_id",
            "source_id",
            "said_at",
            "statement_id",
            name=op.f("pk_tally_marks"),
        ),
    )
    _backfill(table)


def downgrade() -> None:
    op.drop_table("tally_marks")
