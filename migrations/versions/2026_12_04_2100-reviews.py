"""reviews: fact-checkers' verdicts on claims

Revision ID: 8c3e5a7d9b12
Revises: 6b1d9e3f7a24

A review rates a claim (`rating` as published, optional numbers on a scale) with the URL of the
fact check and its publication time; its reviewer is a source. Reviews never change a claim's
status. The comparison reads an event's reviews by `(event_id, claim_id)`; a claim's list pages
by id. Adding one is a change of the event's views (`review_added`).
Create Date: 2026-12-04 21:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8c3e5a7d9b12"
down_revision: str | None = "6b1d9e3f7a24"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = ("recorded", "retracted", "event_updated", "claim_created", "source_updated", "rebuilt")
_AFTER = (*_BEFORE, "review_added")


def _kinds(values: Sequence[str]) -> sa.Enum:
    return sa.Enum(
        *values, name="event_change", native_enum=False, create_constraint=True, length=20
    )


def _changes(values: Sequence[str], before: Sequence[str]) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(op.f("ck_event_changes_event_change"), "event_changes", type_="check")
        op.create_check_constraint(
            op.f("ck_event_changes_event_change"), "event_changes", sa.column("change").in_(values)
        )
        return
    with op.batch_alter_table("event_changes", recreate="always") as batch_op:
        batch_op.alter_column(
            "change", existing_type=_kinds(before), type_=_kinds(values), existing_nullable=False
        )


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("claim_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("reviewer_id", sa.Uuid(), nullable=False),
        sa.Column("rating", sa.String(length=100), nullable=False),
        sa.Column("rating_value", sa.Integer(), nullable=True),
        sa.Column("best_rating", sa.Integer(), nullable=True),
        sa.Column("worst_rating", sa.Integer(), nullable=True),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_reviews_claim_id_claims")
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["sources.id"], name=op.f("fk_reviews_reviewer_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    op.create_index("ix_reviews_event_id_claim_id", "reviews", ["event_id", "claim_id", "id"])
    op.create_index("ix_reviews_claim_id_id", "reviews", ["claim_id", "id"])
    _changes(_AFTER, _BEFORE)


def downgrade() -> None:
    op.execute("DELETE FROM event_changes WHERE change = 'review_added'")
    _changes(_BEFORE, _AFTER)
    op.drop_index("ix_reviews_claim_id_id", table_name="reviews")
    op.drop_index("ix_reviews_event_id_claim_id", table_name="reviews")
    op.drop_table("reviews")
