"""Responses remembered under an Idempotency-Key, so that a retried POST creates nothing new."""

from datetime import datetime

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.db import Base, UTCDateTime


class IdempotentResponse(Base):
    """The first response to a POST made with a given key, by a given client."""

    __tablename__ = "idempotent_responses"

    # Empty for anonymous clients; the API key's id once there is authentication.
    client: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    # SHA-256 of the method, path and canonical JSON body: another body under the key is a 422.
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[object] = mapped_column(JSON)
    location: Mapped[str | None] = mapped_column(String(2048))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
