"""Every table, imported here so that Alembic and the app see the whole schema."""

from app.models.api_key import ApiKey, Scope
from app.models.claim import Claim, ClaimStatus, Position, StanceKind
from app.models.event import Event, EventTag
from app.models.event_change import Change, EventChange
from app.models.idempotency import IdempotentResponse
from app.models.imported_line import ImportedLine
from app.models.source import Source, SourceKind, SourceName
from app.models.statement import Medium, Precision, Relay, Stance, Statement

__all__ = [
    "ApiKey",
    "Change",
    "Claim",
    "ClaimStatus",
    "Event",
    "EventChange",
    "EventTag",
    "IdempotentResponse",
    "ImportedLine",
    "Medium",
    "Position",
    "Precision",
    "Relay",
    "Scope",
    "Source",
    "SourceKind",
    "SourceName",
    "Stance",
    "StanceKind",
    "Statement",
]
