"""sources: the same source elsewhere

Revision ID: 2f6a8d4c0e91
Revises: 8c3e5a7d9b12

`sources.same_as` lists URLs naming the same source elsewhere (a Wikidata item, an official
page), exported as schema.org `sameAs`; empty for the sources already recorded.
Create Date: 2026-12-04 21:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2f6a8d4c0e91"
down_revision: str | None = "8c3e5a7d9b12"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ALTER: on SQLite a batch would copy `sources`, which other tables reference.
    op.add_column(
        "sources",
        sa.Column("same_as", sa.JSON(), nullable=False, server_default=sa.text("'[]'")),
    )


def downgrade() -> None:
    op.execute("ALTER TABLE sources DROP COLUMN same_as")
