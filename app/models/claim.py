"""Claims: checkable propositions about one event."""

import enum
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UTCDateTime, enum_column
from app.ids import new_id


class ClaimStatus(enum.StrEnum):
    """Where a claim stands, from the sides the parties have taken on it."""

    open = "open"
    asserted = "asserted"
    denied = "denied"
    contested = "contested"


class Claim(Base):
    """A claim; unique within its event on the hash of its normalized text."""

    __tablename__ = "claims"
    __table_args__ = (UniqueConstraint("event_id", "text_hash"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    # SHA-256 of the normalized text: a fixed-size key however long the text is.
    text_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[ClaimStatus] = mapped_column(enum_column(ClaimStatus, "claim_status"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
