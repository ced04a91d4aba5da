"""Counts kept with the data for the comparison: each party's statements, each relay's, per
event, over the statements that are not retracted."""

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.db import Base, UTCDateTime

# The `source_id` of a party's own marks (a relay's marks carry the relay).
OWN = uuid.UUID(int=0)


class EventParty(Base):
    """How many of an event's counted statements a party made (`parties[].statements`)."""

    __tablename__ = "event_parties"

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"), primary_key=True)
    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    statements: Mapped[int] = mapped_column(Integer)


class EventRelay(Base):
    """How many of an event's counted statements of a party a source relayed (in `via`, once
    a statement however often it appears there): the comparison's relays."""

    __tablename__ = "event_relays"

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"), primary_key=True)
    source_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    party_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    statements: Mapped[int] = mapped_column(Integer)


class TallyMark(Base):
    """The running counts behind `EventParty` and `EventRelay`, one mark a statement: for the
    party's own statements (`source_id` is `OWN`) and for each source that relayed it, how many
    of the party's counted statements (relayed by that source) the event holds up to and
    including this one in timeline order (up to it, for a retracted one). The count said by any
    moment is then the mark of the latest statement by then: one seek on the key, whatever the
    size of the event (the comparison's `as_of`)."""

    __tablename__ = "tally_marks"

    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id"), primary_key=True)
    party_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    source_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    said_at: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    statement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True
    )
    kept: Mapped[bool] = mapped_column(Boolean)
    counted: Mapped[int] = mapped_column(Integer)
