"""Response bodies of the comparison view."""

import uuid
from typing import Annotated

from pydantic import BaseModel, Field

from app.enums import ClaimStatus, StanceKind
from app.events.schemas import EventOut
from app.kit.fields import Timestamp
from app.reviews.schemas import ReviewMention
from app.sources.schemas import SourceSummary


class PartyOut(BaseModel):
    """A party: a source that kept statements speak for."""

    source: SourceSummary
    statements: Annotated[int, Field(description="How many kept statements speak for it.")]
    claims_addressed: Annotated[
        int,
        Field(description="How many claims it took any stance on (`questions`, `neutral` count)."),
    ]


class RelayingSource(BaseModel):
    """A source met in the `via` of kept statements and party to none of them, with what it
    relayed: it passed on others' words without taking a side itself."""

    source: SourceSummary
    relayed_statements: Annotated[int, Field(description="Kept statements it relayed.")]
    relayed_parties: Annotated[
        list[SourceSummary], Field(description="The parties of those statements, by name.")
    ]


class PositionOut(BaseModel):
    """A party's position on a claim: its latest stance, held since `since`."""

    source_id: uuid.UUID
    stance: Annotated[
        StanceKind, Field(description="The party's latest stance of any kind on the claim.")
    ]
    since: Annotated[
        Timestamp,
        Field(
            description="`said_at` of the statement from which this position has held without a "
            "break (repeating the same stance does not move it)."
        ),
    ]
    statement_id: Annotated[uuid.UUID, Field(description="That statement.")]
    changed: Annotated[
        bool,
        Field(
            description="The party has taken both sides (`supports` and `refutes`) of the claim."
        ),
    ]
    independent: Annotated[
        bool | None,
        Field(
            description="The party holds its side independently: one of its kept statements "
            "taking that side, since the side has held, does not echo (is not based, through "
            "`based_on` links of kept statements, on another party's statement taking the same "
            "stance on the claim). Null when the party has no side."
        ),
    ]


class ClaimComparison(BaseModel):
    """A claim with each party's position."""

    claim_id: uuid.UUID
    text: str
    status: Annotated[
        ClaimStatus,
        Field(
            description="From every party's side (latest `supports` or `refutes`): none `open`, "
            "only supports `asserted`, only refutes `denied`, both `contested`."
        ),
    ]
    positions: Annotated[list[PositionOut], Field(description="One per party, by party name.")]
    independent_supporters: Annotated[
        int, Field(description="How many parties support the claim independently.")
    ]
    independent_refuters: Annotated[
        int, Field(description="How many parties refute the claim independently.")
    ]
    reviews: Annotated[
        list[ReviewMention],
        Field(description="Fact-checkers' reviews of the claim, in the order recorded."),
    ]


class AgreementOut(BaseModel):
    """How two parties' sides compare over the claims both took sides on."""

    a: Annotated[uuid.UUID, Field(description="The party first by name.")]
    b: uuid.UUID
    shared: Annotated[int, Field(description="Claims both took a side on (at least 1).")]
    agree: Annotated[int, Field(description="Of those, claims where their sides are the same.")]
    disagree: Annotated[int, Field(description="Claims where their sides are opposite.")]


class SideOut(BaseModel):
    """A party's side on a contested claim, held since the statement named."""

    source_id: uuid.UUID
    statement_id: Annotated[
        uuid.UUID, Field(description="The statement from which this side has held.")
    ]
    said_at: Timestamp


class ContradictionOut(BaseModel):
    """A contested claim: who supports it and who refutes it."""

    claim_id: uuid.UUID
    supporting: list[SideOut]
    refuting: list[SideOut]


class Comparison(BaseModel):
    """The comparison of the sources of an event, over its statements that are not retracted
    (with `sources=`, only those whose party is listed; with `as_of`, only those said by then).
    A statement's party is `on_behalf_of` when set, else its speaker."""

    event: EventOut
    parties: Annotated[list[PartyOut], Field(description="By name (case-folded, ties by id).")]
    relays: Annotated[list[RelayingSource], Field(description="By name.")]
    claims: Annotated[
        list[ClaimComparison],
        Field(
            description="Every claim of the event: those the kept statements mention first, by "
            "first mention, then the others by creation (`open`, no positions)."
        ),
    ]
    agreement: Annotated[
        list[AgreementOut],
        Field(description="Each pair of parties that took sides on a common claim, by name."),
    ]
    contradictions: Annotated[
        list[ContradictionOut], Field(description="One per `contested` claim, in claim order.")
    ]
