"""Claims: checkable propositions about one event."""

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint, Uuid
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column

from app.enums import ClaimStatus, StanceKind
from app.kit.db import Base, UTCDateTime, enum_column
from app.kit.ids import new_id


class Claim(Base):
    """A claim; unique within its event on the hash of its normalized text."""

    __tablename__ = "claims"
    # On PostgreSQL the migration also makes `ix_claims_text_key_trgm`, a GIN trigram index on
    # `text_key` (claims under other words; SQLite computes the same score in Python).
    __table_args__ = (UniqueConstraint("event_id", "text_hash"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    # SHA-256 of the normalized text: a fixed-size key however long the text is.
    text_hash: Mapped[str] = mapped_column(String(64))
    # The normalized text itself (`app.text.claim_key`), which similarity compares.
    text_key: Mapped[str] = mapped_column(Text, server_default=sql_text("''"))
    status: Mapped[ClaimStatus] = mapped_column(enum_column(ClaimStatus, "claim_status"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Where the claim's timeline begins (its first mention: the first stance of a statement
    # that is not retracted) and ends (its last stance, retracted or not), by (said_at,
    # statement id): a new stance after the end only extends the timeline, one before it is
    # replayed from its own point; a first mention before a point means "mentioned before".
    first_said_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_statement_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    last_said_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_statement_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class Position(Base):
    """A party's current position (latest stance) and side (latest supports or refutes) on a
    claim, over the statements that are not retracted: what the claim's status is made of."""

    __tablename__ = "positions"

    claim_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    stance: Mapped[StanceKind] = mapped_column(enum_column(StanceKind, "position_stance"))
    side: Mapped[StanceKind | None] = mapped_column(enum_column(StanceKind, "position_side"))
    # Its chain (`app.claims.rules.Chain`): the statements from which the position and the side
    # have held, whether it has taken both sides, its first counted stance on the claim.
    since_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    since_at: Mapped[datetime] = mapped_column(UTCDateTime)
    side_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    side_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    changed: Mapped[bool] = mapped_column(Boolean)
    first_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    first_at: Mapped[datetime] = mapped_column(UTCDateTime)
