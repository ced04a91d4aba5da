"""sources and events

Revision ID: 6efd9430299b
Revises: (none)
Create Date: 2026-11-25 04:59:56.250425
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6efd9430299b"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("slug", name=op.f("uq_events_slug")),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "person",
                "organization",
                "outlet",
                "government",
                "social_account",
                "other",
                name="source_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("homepage", sa.String(length=2048), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("slug", name=op.f("uq_sources_slug")),
    )
    op.create_table(
        "event_tags",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("tag_key", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_tags_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "tag_key", name=op.f("pk_event_tags")),
    )
    with op.batch_alter_table("event_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_tags_tag_key"), ["tag_key"], unique=False)

    op.create_table(
        "source_names",
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_source_names_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("source_id", "name_key", name=op.f("pk_source_names")),
    )
    with op.batch_alter_table("source_names", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_names_name_key"), ["name_key"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("source_names", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_names_name_key"))

    op.drop_table("source_names")
    with op.batch_alter_table("event_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_tags_tag_key"))

    op.drop_table("event_tags")
    op.drop_table("sources")
    op.drop_table("events")
