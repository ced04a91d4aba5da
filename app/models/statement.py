"""Statements: what a source said, when, through which relays, and its stances on claims."""

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from app.enums import ClaimStatus, Medium, Precision, StanceKind
from app.kit.db import Base, UTCDateTime, enum_column
from app.kit.ids import new_id


class Statement(Base):
    """A statement. Immutable once recorded, except for its retraction."""

    __tablename__ = "statements"
    __table_args__ = (
        Index("ix_statements_event_id_said_at", "event_id", "said_at", "id"),
        # The statement list of an event pages by id: the index seeks to each page.
        Index("ix_statements_event_id_id", "event_id", "id"),
        # The same two pages as the views ask for them by default (not retracted): an index of
        # exactly that condition and order is the plan even before any ANALYZE, when the
        # planner takes an event for a handful of rows.
        Index(
            "ix_statements_kept_timeline",
            "event_id",
            "said_at",
            "id",
            postgresql_where=text("retracted_at IS NULL"),
            sqlite_where=text("retracted_at IS NULL"),
        ),
        Index(
            "ix_statements_kept_by_id",
            "event_id",
            "id",
            postgresql_where=text("retracted_at IS NULL"),
            sqlite_where=text("retracted_at IS NULL"),
        ),
        # The direct answers of a statement (`responds_to=`, its thread), by recording order.
        Index(
            "ix_statements_responds_to",
            "responds_to_id",
            "id",
            postgresql_where=text("responds_to_id IS NOT NULL"),
            sqlite_where=text("responds_to_id IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"))
    speaker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sources.id"), index=True)
    on_behalf_of_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("sources.id"))
    # on_behalf_of when set, else speaker: the party the statement speaks for.
    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sources.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    said_at: Mapped[datetime] = mapped_column(UTCDateTime)
    said_at_precision: Mapped[Precision] = mapped_column(enum_column(Precision, "precision"))
    medium: Mapped[Medium] = mapped_column(enum_column(Medium, "medium"))
    url: Mapped[str | None] = mapped_column(String(2048))
    archive_url: Mapped[str | None] = mapped_column(String(2048))
    # The statement of the same event this one answers. No foreign key, as for `recorded_by`
    # (SQLite could not add one in place); the service checks it names a statement.
    responds_to_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    language: Mapped[str | None] = mapped_column(String(35))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    retracted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    retraction_reason: Mapped[str | None] = mapped_column(Text)
    # The API keys that recorded and retracted the statement (none when authentication is off).
    # No foreign key: keys are revoked, never deleted, and SQLite could not add one in place.
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    retracted_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class Relay(Base):
    """One source a statement reached the record through; position 0 is the nearest relay."""

    __tablename__ = "relays"

    statement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No index: nothing reads relays by source (see the migration that dropped it).
    source_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sources.id"))
    url: Mapped[str | None] = mapped_column(String(2048))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The words as this relay published them, and an archived copy of its page.
    quote: Mapped[str | None] = mapped_column(Text)
    archive_url: Mapped[str | None] = mapped_column(String(2048))


class StatementBasis(Base):
    """A statement of the same event that a statement repeats or reports (`based_on`), in the
    order given; the comparison follows these links to tell echoes from independent voices."""

    __tablename__ = "statement_bases"
    __table_args__ = (Index("ix_statement_bases_event_id", "event_id", "statement_id"),)

    statement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    based_on_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("statements.id"))


class Stance(Base):
    """A statement's stance on one claim; a statement names each claim at most once."""

    __tablename__ = "stances"
    # A claim's stances in timeline order, so a replay reads only the part that changes.
    __table_args__ = (
        Index("ix_stances_claim_timeline", "claim_id", "said_at", "statement_id"),
        # Each party's stances on a claim in timeline order: where it stood at any moment is
        # one seek (the comparison `as_of`, a replay picking a party up).
        Index("ix_stances_party_timeline", "claim_id", "party_id", "said_at", "statement_id"),
        # The points where a claim's status moved, in timeline order: its status bands.
        Index(
            "ix_stances_status_changes",
            "claim_id",
            "said_at",
            "statement_id",
            postgresql_where=text("status_changed"),
            sqlite_where=text("status_changed"),
        ),
    )

    statement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True
    )
    claim_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("claims.id"), primary_key=True)
    # The statement's `said_at` and party, copied (statements never change them) to order the
    # claim's timeline, and each party's, from an index.
    said_at: Mapped[datetime] = mapped_column(UTCDateTime)
    party_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    position: Mapped[int] = mapped_column(Integer)
    stance: Mapped[StanceKind] = mapped_column(enum_column(StanceKind, "stance"))
    quote: Mapped[str | None] = mapped_column(Text)
    # Derived from the claim's timeline, kept with the data so reads need not replay it.
    first_mention: Mapped[bool] = mapped_column(Boolean)
    reversal: Mapped[bool] = mapped_column(Boolean)
    status_after: Mapped[ClaimStatus] = mapped_column(enum_column(ClaimStatus, "status_after"))
    # The party's position and side just before this stance: where a replay that starts here
    # picks the party up, without reading the claim's earlier stances.
    position_before: Mapped[StanceKind | None] = mapped_column(
        enum_column(StanceKind, "position_before")
    )
    side_before: Mapped[StanceKind | None] = mapped_column(enum_column(StanceKind, "side_before"))
    # The party's chain just after this stance (`app.claims.rules.Chain`, before it for a
    # retracted one; null while the party has no counted stance): the statements from which its
    # position and its side have held, and whether it has taken both sides.
    since_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    since_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    side_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    side_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    changed: Mapped[bool | None] = mapped_column(Boolean)
    # `status_after` differs from the claim's status just before this stance (never on a
    # retracted one): the stance moved the claim's status.
    status_changed: Mapped[bool] = mapped_column(Boolean)
