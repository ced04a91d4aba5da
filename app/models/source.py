"""Sources: the people, organizations and outlets that make or relay statements."""

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column

from app.enums import SourceKind
from app.kit.db import Base, UTCDateTime, enum_column
from app.kit.ids import new_id


class Source(Base):
    """A source, with its aliases kept in order as given."""

    __tablename__ = "sources"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[SourceKind] = mapped_column(enum_column(SourceKind, "source_kind"))
    aliases: Mapped[list[str]] = mapped_column(JSON)
    # URLs naming the same source elsewhere (a Wikidata item, an official page).
    same_as: Mapped[list[str]] = mapped_column(JSON, server_default=sql_text("'[]'"))
    description: Mapped[str] = mapped_column(Text)
    homepage: Mapped[str | None] = mapped_column(String(2048))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer)

    # Every UPDATE checks and bumps the version: the ETag, and optimistic concurrency for PATCH.
    __mapper_args__ = {"version_id_col": version}


class SourceName(Base):
    """A case-folded name or alias of a source, for search and for resolving names to sources."""

    __tablename__ = "source_names"

    source_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    name_key: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)
