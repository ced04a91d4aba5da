"""Every table, imported here so that Alembic and the app see the whole schema; the enums its
columns take (`app.enums`) are re-exported beside them."""

from app.enums import Change, ClaimStatus, Medium, Precision, Scope, SourceKind, StanceKind
from app.models.api_key import ApiKey
from app.models.claim import Claim, Position
from app.models.event import Event, EventTag
from app.models.event_change import EventChange
from app.models.idempotency import IdempotentResponse
from app.models.imported_line import ImportedLine
from app.models.review import Review
from app.models.source import Source, SourceName
from app.models.statement import Relay, Stance, Statement, StatementBasis
from app.models.tally import EventParty, EventRelay, TallyMark

__all__ = [
    "ApiKey",
    "Change",
    "Claim",
    "ClaimStatus",
    "Event",
    "EventChange",
    "EventParty",
    "EventRelay",
    "EventTag",
    "IdempotentResponse",
    "ImportedLine",
    "Medium",
    "Position",
    "Precision",
    "Relay",
    "Review",
    "Scope",
    "Source",
    "SourceKind",
    "SourceName",
    "Stance",
    "StanceKind",
    "Statement",
    "StatementBasis",
    "TallyMark",
]
