"""Request and response bodies of the statements API."""

import uuid
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, Tag

from app.claims.schemas import ClaimText
from app.enums import Medium, Precision, StanceKind
from app.events.schemas import InlineEvent
from app.kit.fields import (
    BY_JSON_TYPE,
    OBJECT_TAG,
    REF_TAG,
    HttpUrl,
    Text,
    Timestamp,
    TimestampIn,
)
from app.sources.schemas import SourceCreate, SourceSummary

Ref = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=100)]
Language = Annotated[
    str,
    StringConstraints(strict=True, max_length=35, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"),
]
Quote = Annotated[Text, Field(max_length=10_000)]

ELTON_JOHN_POST: dict[str, Any] = {
    "event": {
        "slug": "putin-elton-john-call",
        "title": "Kremlin rejects claim that Putin phoned Elton John",
    },
    "speaker": {"name": "Elton John", "kind": "person"},
    "text": "Thank-you to President Vladimir Putin for reaching out and speaking via telephone "
    "with me today.",
    "said_at": "2015-09-14T08:11:00-07:00",
    "said_at_precision": "minute",
    "medium": "social_post",
    "url": "https://www.instagram.com/eltonjohn/",
    "language": "en",
    "claims": [{"claim": {"text": "Putin phoned Elton John"}, "stance": "supports"}],
}
PESKOV_DENIAL: dict[str, Any] = {
    "event": "putin-elton-john-call",
    "speaker": {"name": "Dmitry Peskov", "kind": "person"},
    "on_behalf_of": {"name": "Kremlin", "kind": "government"},
    "text": "I can safely say that President Putin did not have a telephone conversation with "
    "Sir Elton John.",
    "said_at": "2015-09-15T09:00:00+03:00",
    "said_at_precision": "day",
    "medium": "interview",
    "via": [
        {
            "source": {"name": "TASS", "kind": "outlet"},
            "quote": "I can safely say that President Putin did not have a telephone "
            "conversation with Sir Elton John.",
        },
        {
            "source": {"name": "The Moscow Times", "kind": "outlet"},
            "url": "https://www.themoscowtimes.com/2015/09/15/"
            "kremlin-rejects-claim-that-putin-phoned-elton-john-a49577",
            "published_at": "2015-09-15T12:00:00+03:00",
            "quote": '"I can safely say that President Putin did not have a telephone '
            'conversation with Sir Elton John," Peskov was quoted as saying by state-run news '
            "agency TASS.",
        },
    ],
    "claims": [
        {
            "claim": {"text": "Putin phoned Elton John"},
            "stance": "refutes",
            "quote": "President Putin did not have a telephone conversation with Sir Elton John",
        }
    ],
}


SourceRef = Annotated[
    Annotated[Ref, Tag(REF_TAG)] | Annotated[SourceCreate, Tag(OBJECT_TAG)],
    BY_JSON_TYPE,
    Field(
        description="A source's id or slug, or `{name, kind?, ...}`: the source whose name or "
        "alias matches the name (any case), created when none does."
    ),
]


class InlineClaim(BaseModel):
    """A claim named by its text: the event's claim with the same normalized text, or a new one."""

    model_config = ConfigDict(extra="forbid")

    text: ClaimText


class StanceIn(BaseModel):
    """The statement's stance on one claim."""

    model_config = ConfigDict(extra="forbid")

    claim: Annotated[
        Annotated[Ref, Tag(REF_TAG)] | Annotated[InlineClaim, Tag(OBJECT_TAG)],
        BY_JSON_TYPE,
        Field(description="A claim id of the statement's event, or `{text}`."),
    ]
    stance: StanceKind
    quote: Quote | None = None


class RelayIn(BaseModel):
    """A source that relayed the statement."""

    model_config = ConfigDict(extra="forbid")

    source: SourceRef
    url: HttpUrl | None = None
    published_at: TimestampIn | None = None
    quote: Annotated[Quote | None, Field(description="The words as this relay published them.")] = (
        None
    )
    archive_url: Annotated[
        HttpUrl | None, Field(description="An archived copy of the relay's page.")
    ] = None


class StatementCreate(BaseModel):
    """A statement to record. Statements are immutable: a correction is a new statement and a
    retraction of the old one."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [ELTON_JOHN_POST, PESKOV_DENIAL]}
    )

    event: Annotated[
        Annotated[Ref, Tag(REF_TAG)] | Annotated[InlineEvent, Tag(OBJECT_TAG)],
        BY_JSON_TYPE,
        Field(description="An event's id or slug, or `{slug, title, ...}` to get or create."),
    ]
    speaker: SourceRef
    on_behalf_of: SourceRef | None = None
    text: Annotated[Text, Field(min_length=1, max_length=20_000)]
    said_at: TimestampIn
    said_at_precision: Precision = Precision.second
    medium: Medium = Medium.other
    url: HttpUrl | None = None
    archive_url: Annotated[
        HttpUrl | None, Field(description="An archived copy of the statement's page.")
    ] = None
    language: Language | None = None
    responds_to: Annotated[
        uuid.UUID | None,
        Field(description="The id of the statement of the same event that this one answers."),
    ] = None
    based_on: Annotated[
        list[uuid.UUID],
        Field(
            max_length=20,
            description="Ids of statements of the same event that this one repeats or reports.",
        ),
    ] = Field(default_factory=list)
    via: Annotated[list[RelayIn], Field(max_length=20, description="Nearest relay first.")] = Field(
        default_factory=list
    )
    claims: Annotated[list[StanceIn], Field(max_length=100)] = Field(default_factory=list)


class StatementImport(StatementCreate):
    """A line of `claimline import`: a submission, and the id the statement had where it was
    exported, which it keeps (so that answers and `based_on` links between lines hold)."""

    id: uuid.UUID | None = None


class StatementBatch(BaseModel):
    """Up to 1000 statements, recorded all together or not at all."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"statements": [ELTON_JOHN_POST, PESKOV_DENIAL]}]},
    )

    statements: Annotated[list[StatementCreate], Field(min_length=1, max_length=1000)]


class Retraction(BaseModel):
    """Why a statement is retracted."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"reason": "Misattributed: the quote was Peskov's."}]},
    )

    reason: Annotated[Text, Field(min_length=1, max_length=2000)]


class RelayOut(BaseModel):
    """A relay of a statement."""

    source: SourceSummary
    url: str | None
    published_at: Timestamp | None
    quote: str | None
    archive_url: str | None
    drift: Annotated[
        float | None,
        Field(
            description="1 minus the similarity of this relay's quote and the wording before it "
            "(the nearest earlier relay's quote, else the statement's text), 3 decimals; null "
            "without a quote."
        ),
    ]
    delay_s: Annotated[
        int | None,
        Field(description="Whole seconds from `said_at` to `published_at`; null without it."),
    ]


class StanceOut(BaseModel):
    """A statement's stance on a claim."""

    claim_id: uuid.UUID
    claim_text: str
    stance: StanceKind
    quote: str | None


class StatementOut(BaseModel):
    """A recorded statement."""

    id: uuid.UUID
    event_id: uuid.UUID
    speaker: SourceSummary
    on_behalf_of: SourceSummary | None
    text: str
    said_at: Timestamp
    said_at_precision: Precision
    medium: Medium
    url: str | None
    archive_url: str | None
    language: str | None
    responds_to: uuid.UUID | None
    based_on: list[uuid.UUID]
    via: list[RelayOut]
    stances: list[StanceOut]
    recorded_at: Timestamp
    retracted_at: Timestamp | None
    retraction_reason: str | None


class StatementPage(BaseModel):
    """A page of statements."""

    items: list[StatementOut]
    next_cursor: str | None


class StatementBatchOut(BaseModel):
    """The statements a batch recorded, in the order given."""

    statements: list[StatementOut]
