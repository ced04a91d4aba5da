"""Request and response bodies of the events API."""

import uuid
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictStr, model_validator

from app.kit.fields import (
    CHECK_LINE,
    CHECK_TEXT,
    LINE_SCHEMA,
    Slug,
    Text,
    Timestamp,
    TimestampIn,
    schema_extra,
)

Title = Annotated[
    StrictStr, Field(min_length=1, max_length=300), LINE_SCHEMA, CHECK_TEXT, CHECK_LINE
]
Tag = Annotated[StrictStr, Field(min_length=1, max_length=64), LINE_SCHEMA, CHECK_TEXT, CHECK_LINE]
Tags = Annotated[list[Tag], Field(max_length=50)]
Description = Annotated[Text, Field(max_length=10_000)]

KREMLIN_DENIAL: dict[str, Any] = {
    "title": "Kremlin rejects claim that Putin phoned Elton John",
    "slug": "putin-elton-john-call",
    "description": "Elton John says Vladimir Putin phoned him; the Kremlin denies it.",
    "occurred_at": "2015-09-14T15:11:00Z",
    "tags": ["russia", "lgbt-rights"],
}


class EventCreate(BaseModel):
    """A new event. The slug is derived from the title when not given."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [KREMLIN_DENIAL]})

    title: Title
    slug: Slug | None = None
    description: Description = ""
    occurred_at: TimestampIn | None = None
    tags: Tags = Field(default_factory=list)


class EventUpdate(BaseModel):
    """A partial update: only the fields present change; `occurred_at: null` clears it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=schema_extra(
            examples=[{"tags": ["russia", "kremlin"]}],
            not_null=("title", "slug", "description", "tags"),
        ),
    )

    title: Title | None = None
    slug: Slug | None = None
    description: Description | None = None
    occurred_at: TimestampIn | None = None
    tags: Tags | None = None

    @model_validator(mode="after")
    def _refuse_null_for_required(self) -> "EventUpdate":
        for field in ("title", "slug", "description", "tags"):
            if field in self.model_fields_set and getattr(self, field) is None:
                raise ValueError(f"{field} cannot be null")
        return self


class InlineEvent(BaseModel):
    """An event named inline: the one with this slug, or a new one (which then needs a title).
    Without a slug, the slug is derived from the title."""

    slug: Slug | None = None
    title: Title | None = None
    description: Description = ""
    occurred_at: TimestampIn | None = None
    tags: Tags = Field(default_factory=list)

    model_config = ConfigDict(
        extra="forbid",
        # "A slug or a title", said so that generators keep one model: not (no slug and no title).
        json_schema_extra={
            "not": {"properties": {"slug": {"type": "null"}, "title": {"type": "null"}}}
        },
    )

    @model_validator(mode="after")
    def _slug_or_title(self) -> "InlineEvent":
        if self.slug is None and self.title is None:
            raise ValueError("an inline event needs a slug or a title")
        return self


class EventOut(BaseModel):
    """An event."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    slug: str
    title: str
    description: str
    occurred_at: Timestamp | None
    tags: list[str]
    created_at: Timestamp
    updated_at: Timestamp


class EventPage(BaseModel):
    """A page of events."""

    items: list[EventOut]
    next_cursor: str | None
