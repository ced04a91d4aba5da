"""claims and statements

Revision ID: 9d72e5108480
Revises: 6efd9430299b

Full-text search over statement text: on PostgreSQL a GIN index on to_tsvector('simple', text);
on SQLite an FTS5 table kept in step by triggers (statement text never changes after insert).
Create Date: 2026-11-25 05:54:45.701642
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9d72e5108480"
down_revision: str | None = "6efd9430299b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "idempotent_responses",
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("location", sa.String(length=2048), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("client", "key", name=op.f("pk_idempotent_responses")),
    )
    with op.batch_alter_table("idempotent_responses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_idempotent_responses_expires_at"), ["expires_at"], unique=False
        )

    op.create_table(
        "claims",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "asserted",
                "denied",
                "contested",
                name="claim_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_claims_event_id_events")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
        sa.UniqueConstraint("event_id", "text_hash", name=op.f("uq_claims_event_id_text_hash")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claims_event_id"), ["event_id"], unique=False)

    op.create_table(
        "statements",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("speaker_id", sa.Uuid(), nullable=False),
        sa.Column("on_behalf_of_id", sa.Uuid(), nullable=True),
        sa.Column("party_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("said_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "said_at_precision",
            sa.Enum(
                "second",
                "minute",
                "hour",
                "day",
                "month",
                "year",
                name="precision",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "medium",
            sa.Enum(
                "social_post",
                "interview",
                "press_release",
                "news_report",
                "speech",
                "document",
                "other",
                name="medium",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("language", sa.String(length=35), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retracted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retraction_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_statements_event_id_events")
        ),
        sa.ForeignKeyConstraint(
            ["on_behalf_of_id"], ["sources.id"], name=op.f("fk_statements_on_behalf_of_id_sources")
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["sources.id"], name=op.f("fk_statements_party_id_sources")
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["sources.id"], name=op.f("fk_statements_speaker_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
    )
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.create_index(
            "ix_statements_event_id_said_at", ["event_id", "said_at", "id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_statements_party_id"), ["party_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_statements_speaker_id"), ["speaker_id"], unique=False)

    op.create_table(
        "relays",
        sa.Column("statement_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_relays_source_id_sources")
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_relays_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("statement_id", "position", name=op.f("pk_relays")),
    )
    with op.batch_alter_table("relays", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relays_source_id"), ["source_id"], unique=False)

    op.create_table(
        "stances",
        sa.Column("statement_id", sa.Uuid(), nullable=False),
        sa.Column("claim_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "stance",
            sa.Enum(
                "supports",
                "refutes",
                "questions",
                "neutral",
                name="stance",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_stances_claim_id_claims")
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_stances_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("statement_id", "claim_id", name=op.f("pk_stances")),
    )
    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stances_claim_id"), ["claim_id"], unique=False)
    _create_text_search()


def downgrade() -> None:
    _drop_text_search()

    with op.batch_alter_table("stances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stances_claim_id"))

    op.drop_table("stances")
    with op.batch_alter_table("relays", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relays_source_id"))

    op.drop_table("relays")
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statements_speaker_id"))
        batch_op.drop_index(batch_op.f("ix_statements_party_id"))
        batch_op.drop_index("ix_statements_event_id_said_at")

    op.drop_table("statements")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_event_id"))

    op.drop_table("claims")
    with op.batch_alter_table("idempotent_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idempotent_responses_expires_at"))

    op.drop_table("idempotent_responses")


def _create_text_search() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_statements_text_search ON statements "
            "USING gin (to_tsvector('simple', text))"
        )
        return
    op.execute(
        "CREATE VIRTUAL TABLE statements_fts USING fts5("
        "statement_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN "
        "INSERT INTO statements_fts (statement_id, text) VALUES (new.id, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN "
        "DELETE FROM statements_fts WHERE statement_id = old.id; END"
    )


def _drop_text_search() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_statements_text_search")
        return
    op.execute("DROP TRIGGER statements_fts_delete")
    op.execute("DROP TRIGGER statements_fts_insert")
    op.execute("DROP TABLE statements_fts")
