"""Response bodies of the timeline view."""

import enum
import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from app.enums import ClaimStatus, Precision, StanceKind
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
    prev_cursor: Annotated[
        str | None,
        Field(
            description="The cursor of the page just before this one, in the same order (null "
            "when nothing comes before it): with `next_cursor`, a reader pages both ways from "
            "any point, `at=` included."
        ),
    ] = None


class StatusChange(BaseModel):
    """A point where a claim's status changed: the kept statement whose stance moved it."""

    claim_id: uuid.UUID
    statement_id: uuid.UUID
    said_at: datetime
    said_at_precision: Precision
    status_before: Annotated[
        ClaimStatus, Field(description="The claim's status just before (`open` at its start).")
    ]
    status: Annotated[ClaimStatus, Field(description="The status this statement left it in.")]
    party: Annotated[SourceSummary, Field(description="The party of the statement.")]


class StatusChangePage(BaseModel):
    """A page of the points where the event's claims changed status, by claim, then in timeline
    order: a claim's status bands, as few points as its status changed (not every stance)."""

    items: list[StatusChange]
    next_cursor: str | None
