"""Lines `claimline import` has recorded, so that an import run again skips them."""

import uuid
from datetime import datetime

from sqlalchemy import String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.kit.db import Base, UTCDateTime


class ImportedLine(Base):
    """A submission imported once: its key is the SHA-256 of its canonical JSON, so the same
    submission in any file, at any line, is the same line. Kept for good (no expiry)."""

    __tablename__ = "imported_lines"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    # No foreign key: a statement is never deleted (a retraction keeps it).
    statement_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
