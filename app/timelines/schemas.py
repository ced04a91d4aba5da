"""Response bodies of the timeline view."""

import enum
import uuid

from pydantic import BaseModel

from app.events.schemas import EventOut
from app.models import ClaimStatus, StanceKind
from app.sources.schemas import SourceSummary
from app.statements.schemas import StatementOut


class Order(enum.StrEnum):
    """Timeline order: `desc` is the exact reverse of `asc`."""

    asc = "asc"
    desc = "desc"


class TimelineStance(BaseModel):
    """A stance as the timeline sees it."""

    claim_id: uuid.UUID
    claim_text: str
    stance: StanceKind
    first_mention: bool
    reversal: bool
    status_after: ClaimStatus


class TimelineItem(BaseModel):
    """One statement in the timeline, with the party it speaks for."""

    statement: StatementOut
    party: SourceSummary
    stances: list[TimelineStance]


class Timeline(BaseModel):
    """A page of an event's claim timeline."""

    event: EventOut
    items: list[TimelineItem]
    next_cursor: str | None
