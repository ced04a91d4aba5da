"""Request and response bodies of the sources API."""

import uuid
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictStr, model_validator

from app.enums import SourceKind
from app.kit.fields import (
    CHECK_LINE,
    CHECK_TEXT,
    LINE_SCHEMA,
    HttpUrl,
    Slug,
    Text,
    Timestamp,
    schema_extra,
)

Name = Annotated[
    StrictStr, Field(min_length=1, max_length=200), LINE_SCHEMA, CHECK_TEXT, CHECK_LINE
]
Aliases = Annotated[list[Name], Field(max_length=50)]
Description = Annotated[Text, Field(max_length=10_000)]
SameAs = Annotated[
    list[HttpUrl],
    Field(
        max_length=10,
        description="URLs naming the same source elsewhere (a Wikidata item "
        "`https://www.wikidata.org/wiki/Q…`, an official page): schema.org `sameAs`.",
    ),
]

ELTON_JOHN: dict[str, Any] = {
    "name": "Elton John",
    "kind": "person",
    "aliases": ["Sir Elton John", "@eltonjohn"],
    "description": "British singer and gay rights advocate.",
    "homepage": "https://www.eltonjohn.com/",
    "same_as": ["https://www.wikidata.org/wiki/Q2808"],
}


class SourceCreate(BaseModel):
    """A new source. The slug is derived from the name when not given."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [ELTON_JOHN]})

    name: Name
    kind: SourceKind = SourceKind.other
    slug: Slug | None = None
    aliases: Aliases = Field(default_factory=list)
    description: Description = ""
    homepage: HttpUrl | None = None
    same_as: SameAs = Field(default_factory=list)


class SourceUpdate(BaseModel):
    """A partial update: only the fields present change; `homepage: null` clears it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=schema_extra(
            examples=[{"aliases": ["Sir Elton John"]}],
            not_null=("name", "kind", "slug", "aliases", "description", "same_as"),
        ),
    )

    name: Name | None = None
    kind: SourceKind | None = None
    slug: Slug | None = None
    aliases: Aliases | None = None
    description: Description | None = None
    homepage: HttpUrl | None = None
    same_as: SameAs | None = None

    @model_validator(mode="after")
    def _refuse_null_for_required(self) -> "SourceUpdate":
        for field in ("name", "kind", "slug", "aliases", "description", "same_as"):
            if field in self.model_fields_set and getattr(self, field) is None:
                raise ValueError(f"{field} cannot be null")
        return self


class SourceSummary(BaseModel):
    """How a source appears inside other resources."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    slug: str
    name: str
    kind: SourceKind


class SourceOut(BaseModel):
    """A source."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    slug: str
    name: str
    kind: SourceKind
    aliases: list[str]
    description: str
    homepage: str | None
    same_as: list[str]
    created_at: Timestamp
    updated_at: Timestamp


class SourcePage(BaseModel):
    """A page of sources."""

    items: list[SourceOut]
    next_cursor: str | None
