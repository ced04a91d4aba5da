"""Response bodies of the timeline view."""

import enum
import uuid
from typing import Annotated

from pydantic import BaseModel, Field

from app.enums import ClaimStatus, StanceKind
from app.events.schemas import EventOut
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
    first_mention: Annotated[
        bool,
        Field(description="No earlier kept statement of the event takes a stance on this claim."),
    ]
    reversal: Annotated[
        bool,
        Field(
            description="A `supports` or `refutes` whose party's side just before was the "
            "opposite one."
        ),
    ]
    status_after: Annotated[
        ClaimStatus,
        Field(
            description="The claim's status from every party's side up to and including this "
            "statement: none `open`, only supports `asserted`, only refutes `denied`, both "
            "`contested`. On a retracted statement (shown with `include_retracted`): the status "
            "just before it, with `first_mention` and `reversal` false."
        ),
    ]


class TimelineItem(BaseModel):
    """One statement in the timeline, with the party it speaks for."""

    statement: StatementOut
    party: Annotated[SourceSummary, Field(description="`on_behalf_of` when set, else the speaker.")]
    stances: list[TimelineStance]


class Timeline(BaseModel):
    """A page of an event's claim timeline: its statements by `said_at`, then by the order they
    were recorded (`desc`: the exact reverse). Filters choose the items shown; they never change
    the values computed over all of the event's kept statements."""

    event: EventOut
    items: list[TimelineItem]
    next_cursor: str | None
