"""The changes to each event's statements, in the order they were committed: what the stream of
an event sends, and replays to a client that reconnects with `Last-Event-ID`."""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.enums import Change
from app.kit.db import Base, UTCDateTime, enum_column


class EventChange(Base):
    """One change of an event (`app.enums.Change`): a statement recorded or retracted, which
    `statement_id` names, or another write that changes what the event's views show (none named;
    the nil event id stands for every event). `seq` grows in commit order within an event:
    writers to one event hold its row lock from before they take a number until they commit."""

    __tablename__ = "event_changes"
    __table_args__ = (Index("ix_event_changes_event_id_seq", "event_id", "seq"),)

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    # No foreign keys: statements and events are never deleted.
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    statement_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    change: Mapped[Change] = mapped_column(enum_column(Change, "event_change"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
