"""Reviews: fact-checkers' verdicts on claims, beside the debate (they never change a status)."""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.db import Base, UTCDateTime
from app.kit.ids import new_id


class Review(Base):
    """A published fact check of a claim: its rating as published, and on a scale if given."""

    __tablename__ = "reviews"
    __table_args__ = (
        # An event's reviews, claim by claim (the comparison); a claim's, by id (its list).
        Index("ix_reviews_event_id_claim_id", "event_id", "claim_id", "id"),
        Index("ix_reviews_claim_id_id", "claim_id", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    claim_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("claims.id"))
    # The claim's event, copied (claims never move) so that the comparison reads by event.
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    reviewer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sources.id"))
    rating: Mapped[str] = mapped_column(String(100))
    rating_value: Mapped[int | None] = mapped_column(Integer)
    best_rating: Mapped[int | None] = mapped_column(Integer)
    worst_rating: Mapped[int | None] = mapped_column(Integer)
    url: Mapped[str] = mapped_column(String(2048))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
    summary: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
