"""drop the relays' index on source_id

Revision ID: 9d2b6f4a8c10
Revises: 7c4e2b9d1a36

Nothing reads relays by their source: the lists and the export find relays by statement, the
comparison's relays come from `event_relays`, and nothing deletes sources (no foreign-key check
needs it). Measured by `bench/indexes.py`: zero scans over a load and every read endpoint, and a
cost on every batch written.
Create Date: 2026-12-03 19:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "9d2b6f4a8c10"
down_revision: str | None = "7c4e2b9d1a36"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("relays") as batch_op:
        batch_op.drop_index("ix_relays_source_id")


def downgrade() -> None:
    with op.batch_alter_table("relays") as batch_op:
        batch_op.create_index("ix_relays_source_id", ["source_id"], unique=False)
