"""Every table, imported here so that Alembic and the app see the whole schema."""

from app.models.event import Event, EventTag
from app.models.source import Source, SourceKind, SourceName

__all__ = ["Event", "EventTag", "Source", "SourceKind", "SourceName"]
