"""provenance: answers, the statements a statement is based on, relays' wording, archives

Revision ID: 4e8a2c6b1f57
Revises: 9d2b6f4a8c10

`statements.responds_to_id` names the statement of the same event that a statement answers
(its direct answers are read by that column, hence the index); `statement_bases` lists, in
order, the statements of the same event it repeats or reports (`based_on`), read from a
statement to its bases and, for the comparison's echoes, by event. Relays gain the wording
they published (`quote`) and, like statements, an archived copy's URL. Nothing to fill: the
new values are absent from what is already recorded.
Create Date: 2026-12-04 19:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4e8a2c6b1f57"
down_revision: str | None = "9d2b6f4a8c10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTERs, never a batch: on SQLite a batch copies the table and would lose the
    # full-text triggers of `statements`.
    op.add_column("statements", sa.Column("responds_to_id", sa.Uuid(), nullable=True))
    op.add_column("statements", sa.Column("archive_url", sa.String(length=2048), nullable=True))
    op.create_index(
        "ix_statements_responds_to",
        "statements",
        ["responds_to_id", "id"],
        unique=False,
        postgresql_where=sa.text("responds_to_id IS NOT NULL"),
        sqlite_where=sa.text("responds_to_id IS NOT NULL"),
    )
    op.add_column("relays", sa.Column("quote", sa.Text(), nullable=True))
    op.add_column("relays", sa.Column("archive_url", sa.String(length=2048), nullable=True))
    op.create_table(
        "statement_bases",
        sa.Column("statement_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("based_on_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["statement_id"], ["statements.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["based_on_id"], ["statements.id"]),
        sa.PrimaryKeyConstraint("statement_id", "position"),
    )
    op.create_index("ix_statement_bases_event_id", "statement_bases", ["event_id", "statement_id"])


def downgrade() -> None:
    op.drop_index("ix_statement_bases_event_id", table_name="statement_bases")
    op.drop_table("statement_bases")
    op.drop_index("ix_statements_responds_to", table_name="statements")
    # SQLite (3.35 and later) drops a column in place, keeping the triggers.
    for table, column in [
        ("relays", "archive_url"),
        ("relays", "quote"),
        ("statements", "archive_url"),
        ("statements", "responds_to_id"),
    ]:
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
