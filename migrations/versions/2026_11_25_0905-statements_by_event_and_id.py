"""statements by event and id

Revision ID: 3f1c2a9d7e10
Revises: b9b9e118c0a5
An index for the statement list of an event, which pages by id (keyset, no sort of the event).
Create Date: 2026-11-25 09:05:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "3f1c2a9d7e10"
down_revision: str | None = "b9b9e118c0a5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_statements_event_id_id", "statements", ["event_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_statements_event_id_id", table_name="statements")
