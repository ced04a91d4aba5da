"""Counts kept with the data for the comparison: each party's statements, each relay's, per
event, over the statements that are not retracted."""

import uuid

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.db import Base


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
