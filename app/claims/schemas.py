"""Request and response bodies of the claims API."""

import uuid
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from app.enums import ClaimStatus
from app.kit.fields import Text, Timestamp
from app.text import EMPTY_CLAIM_KEY_PATTERN, claim_key


def _check_claim_text(value: str) -> str:
    stripped = value.strip()
    if not claim_key(stripped):
        raise ValueError("must contain more than whitespace and punctuation")
    return stripped


ClaimText = Annotated[
    Text,
    Field(max_length=2000, json_schema_extra={"not": {"pattern": EMPTY_CLAIM_KEY_PATTERN}}),
    AfterValidator(_check_claim_text),
]


class ClaimCreate(BaseModel):
    """A new claim of an event."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"text": "Putin phoned Elton John"}]}
    )

    text: ClaimText


class ClaimOut(BaseModel):
    """A claim, with its status from the sides the parties have taken on it."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    event_id: uuid.UUID
    text: str
    status: ClaimStatus
    created_at: Timestamp


class ClaimPage(BaseModel):
    """A page of claims."""

    items: list[ClaimOut]
    next_cursor: str | None


class EventSummary(BaseModel):
    """The event a claim belongs to."""

    id: uuid.UUID
    slug: str
    title: str


class SimilarClaim(BaseModel):
    """A claim found under other words, with its event and its score."""

    claim: ClaimOut
    event: EventSummary
    score: Annotated[
        float,
        Field(
            description="The trigram similarity of the normalized texts, as PostgreSQL's "
            "`pg_trgm` `similarity()` defines it (shared ÷ all distinct trigrams), 6 decimals."
        ),
    ]


class SimilarClaims(BaseModel):
    """Claims under other words, best first, ties by claim id."""

    items: list[SimilarClaim]
