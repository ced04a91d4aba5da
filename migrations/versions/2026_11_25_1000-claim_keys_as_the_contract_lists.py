"""claim keys as the contract lists them

Revision ID: 5d2e8c41a7b3
Revises: 5e2d8c41a9b7
The claim key no longer trims the end again after removing the trailing stops: a claim whose
folded text ends in whitespace before its stops ("... John .") gets the key the contract's steps
give. Only such claims change; two claims cannot collide, since keys that differ now only by
trailing spaces were different before. The fold is copied here so that this migration keeps
meaning what it meant when the app's code moves on.
Create Date: 2026-11-25 10:00:00.000000
"""

import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5d2e8c41a7b3"
down_revision: str | None = "5e2d8c41a9b7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_WHITESPACE_RUN = re.compile(r"\s+")
_TRAILING_STOPS = re.compile(r"[.!?]+\Z")


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).casefold()
    return _WHITESPACE_RUN.sub(" ", folded).strip()


def _new_key(text: str) -> str:
    return _TRAILING_STOPS.sub("", _fold(text))


def _old_key(text: str) -> str:
    return _new_key(text).rstrip()


def _rehash(key: Callable[[str], str]) -> None:
    claims = sa.table("claims", sa.column("id", sa.Uuid), sa.column("text"), sa.column("text_hash"))
    connection = op.get_bind()
    changes = [
        {"claim": claim_id, "hash": hashlib.sha256(key(text).encode()).hexdigest()}
        for claim_id, text in connection.execute(sa.select(claims.c.id, claims.c.text))
        if _new_key(text) != _old_key(text)
    ]
    if changes:
        connection.execute(
            claims.update()
            .where(claims.c.id == sa.bindparam("claim"))
            .values(text_hash=sa.bindparam("hash")),
            changes,
        )


def upgrade() -> None:
    _rehash(_new_key)


def downgrade() -> None:
    _rehash(_old_key)
