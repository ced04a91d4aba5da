"""claims keep their normalized text, searched by trigrams

Revision ID: 6b1d9e3f7a24
Revises: 4e8a2c6b1f57

`claims.text_key` is the claim's normalized text (the contract's steps: NFKC, case-folded,
whitespace runs one space, ends trimmed, a trailing run of `.`, `!`, `?` removed), filled from
the text of each existing claim. On PostgreSQL the migration creates the `pg_trgm` extension
(trusted: it ships with PostgreSQL) and a GIN trigram index on that text, so that finding the
claims similar to one is an index search however many claims there are.
Create Date: 2026-12-04 20:00:00.000000
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6b1d9e3f7a24"
down_revision: str | None = "4e8a2c6b1f57"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The key as `app.text.claim_key` computes it on this day (a migration keeps its own copy).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_WHITESPACE_RUN = re.compile(r"\s+")
_TRAILING_STOPS = re.compile(r"[.!?]+\Z")


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).casefold()
    return _TRAILING_STOPS.sub("", _WHITESPACE_RUN.sub(" ", folded).strip())


def upgrade() -> None:
    # A plain ALTER (on SQLite a batch would copy `claims`, which other tables reference); the
    # empty default lets SQLite add a NOT NULL column, and every claim is given its key below.
    op.add_column(
        "claims", sa.Column("text_key", sa.Text(), nullable=False, server_default=sa.text("''"))
    )
    claims = sa.table("claims", sa.column("id", sa.Uuid), sa.column("text"), sa.column("text_key"))
    connection = op.get_bind()
    keys = [
        {"claim": claim_id, "key": _key(text)}
        for claim_id, text in connection.execute(sa.select(claims.c.id, claims.c.text))
    ]
    if keys:
        connection.execute(
            claims.update()
            .where(claims.c.id == sa.bindparam("claim"))
            .values(text_key=sa.bindparam("key")),
            keys,
        )
    if connection.dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_claims_text_key_trgm ON claims USING gin (text_key gin_trgm_ops)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_claims_text_key_trgm")
    op.execute("ALTER TABLE claims DROP COLUMN text_key")
