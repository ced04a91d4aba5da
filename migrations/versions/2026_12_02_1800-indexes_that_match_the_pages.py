"""indexes that match the pages

Revision ID: 9b2e6d4a8c70
Revises: 6a1f3c9e2d47

Pages of an event's statements as the views ask for them by default (not retracted, in timeline
order or by id) get indexes with exactly that condition and order. Without them, before any
ANALYZE (a bulk load, a database whose autovacuum is off), the planner guessed an event to be a
handful of rows, read the whole event through the plain event index and sorted it: 32 ms for
the first timeline page of an event of 20,000 statements instead of 0.1 ms.
Create Date: 2026-12-02 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9b2e6d4a8c70"
down_revision: str | None = "6a1f3c9e2d47"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KEPT = sa.text("retracted_at IS NULL")


def upgrade() -> None:
    for name, columns in (
        ("ix_statements_kept_timeline", ["event_id", "said_at", "id"]),
        ("ix_statements_kept_by_id", ["event_id", "id"]),
    ):
        op.create_index(name, "statements", columns, postgresql_where=_KEPT, sqlite_where=_KEPT)


def downgrade() -> None:
    op.drop_index("ix_statements_kept_by_id", table_name="statements")
    op.drop_index("ix_statements_kept_timeline", table_name="statements")
