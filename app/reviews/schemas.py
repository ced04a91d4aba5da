"""Request and response bodies of reviews."""

import uuid
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from app.kit.fields import HttpUrl, Text, Timestamp, TimestampIn
from app.sources.schemas import SourceSummary
from app.statements.schemas import SourceRef

Scale = Annotated[StrictInt, Field(ge=-1_000_000, le=1_000_000)]

FULL_FACT_REVIEW: dict[str, Any] = {
    "reviewer": {"name": "A fact-checking desk", "kind": "organization"},
    "rating": "False",
    "rating_value": 1,
    "best_rating": 5,
    "worst_rating": 1,
    "url": "https://factcheck.example/2015/09/putin-did-not-phone-elton-john",
    "published_at": "2015-09-16T10:00:00Z",
    "summary": "The Kremlin denied the call; it was a prank by two Russian comedians.",
}


class ReviewCreate(BaseModel):
    """A published fact check of the claim."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [FULL_FACT_REVIEW]})

    reviewer: SourceRef
    rating: Annotated[
        Text, Field(min_length=1, max_length=100, description='As published: "False", ….')
    ]
    rating_value: Scale | None = None
    best_rating: Scale | None = None
    worst_rating: Scale | None = None
    url: Annotated[HttpUrl, Field(description="The published fact check.")]
    published_at: TimestampIn
    summary: Annotated[Text | None, Field(max_length=5000)] = None

    @model_validator(mode="after")
    def _on_the_scale(self) -> Self:
        low, high, value = self.worst_rating, self.best_rating, self.rating_value
        if low is not None and high is not None and low >= high:
            raise ValueError("worst_rating must be below best_rating")
        if value is not None and (
            (low is not None and value < low) or (high is not None and value > high)
        ):
            raise ValueError("rating_value must lie between worst_rating and best_rating")
        return self


class ReviewOut(BaseModel):
    """A review of a claim. Reviews never change a claim's status."""

    id: uuid.UUID
    claim_id: uuid.UUID
    reviewer: SourceSummary
    rating: str
    rating_value: int | None
    best_rating: int | None
    worst_rating: int | None
    url: str
    published_at: Timestamp
    summary: str | None
    recorded_at: Timestamp


class ReviewPage(BaseModel):
    """A page of a claim's reviews, in the order they were recorded."""

    items: list[ReviewOut]
    next_cursor: str | None


class ReviewMention(BaseModel):
    """A review as the comparison shows it beside its claim."""

    review_id: uuid.UUID
    reviewer_id: uuid.UUID
    rating: str
    url: str
    published_at: Timestamp
