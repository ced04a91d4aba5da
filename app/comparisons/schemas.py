"""Response bodies of the comparison view."""

import uuid

from pydantic import BaseModel

from app.events.schemas import EventOut
from app.fields import Timestamp
from app.models import ClaimStatus, StanceKind
from app.sources.schemas import SourceSummary


class PartyOut(BaseModel):
    """A party: a source that kept statements speak for."""

    source: SourceSummary
    statements: int
    claims_addressed: int


class RelayOut(BaseModel):
    """A source met only in `via`, with what it relayed."""

    source: SourceSummary
    relayed_statements: int
    relayed_parties: list[SourceSummary]


class PositionOut(BaseModel):
    """A party's position on a claim: its latest stance, held since `since`."""

    source_id: uuid.UUID
    stance: StanceKind
    since: Timestamp
    statement_id: uuid.UUID
    changed: bool


class ClaimComparison(BaseModel):
    """A claim with each party's position."""

    claim_id: uuid.UUID
    text: str
    status: ClaimStatus
    positions: list[PositionOut]


class AgreementOut(BaseModel):
    """How two parties' sides compare over the claims both took sides on."""

    a: uuid.UUID
    b: uuid.UUID
    shared: int
    agree: int
    disagree: int


class SideOut(BaseModel):
    """A party's side on a contested claim, held since the statement named."""

    source_id: uuid.UUID
    statement_id: uuid.UUID
    said_at: Timestamp


class ContradictionOut(BaseModel):
    """A contested claim: who supports it and who refutes it."""

    claim_id: uuid.UUID
    supporting: list[SideOut]
    refuting: list[SideOut]


class Comparison(BaseModel):
    """The comparison of the sources of an event."""

    event: EventOut
    parties: list[PartyOut]
    relays: list[RelayOut]
    claims: list[ClaimComparison]
    agreement: list[AgreementOut]
    contradictions: list[ContradictionOut]
