"""Write rules of reviews: the reviewer resolved (or created), the review stored, the event's
views told."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.changes import log as change_log
from app.enums import Change
from app.errors import InvalidInput, NotFound
from app.kit.db import utcnow
from app.kit.ids import new_id
from app.kit.slugs import derive_slug, slug_lock_key
from app.kit.writes import lock_keys
from app.models import Claim, Review, Source, SourceName
from app.reviews.schemas import ReviewCreate
from app.sources import service as source_service
from app.sources.schemas import SourceCreate
from app.text import fold


async def reviewer(session: AsyncSession, ref: str | SourceCreate) -> Source:
    """The source a review names: by id or slug (a 422 at the field when none), or by name or
    alias (any case), created when no source has it."""
    if isinstance(ref, str):
        try:
            return await source_service.get(session=session, ref=ref)
        except NotFound as missing:
            raise InvalidInput(missing.detail, loc=["body", "reviewer"]) from None
    base = ref.slug or derive_slug(ref.name, fallback="source")
    await lock_keys(session, {f"source:{fold(ref.name)}", slug_lock_key("sources", base)})
    found = await session.scalar(
        select(Source)
        .join(SourceName, SourceName.source_id == Source.id)
        .where(SourceName.name_key == fold(ref.name))
        .order_by(Source.id)
        .limit(1)
    )
    return found if found is not None else await source_service.create(session=session, data=ref)


async def add(
    *, session: AsyncSession, claim: Claim, data: ReviewCreate, recorded_by: uuid.UUID | None
) -> tuple[Review, Source]:
    """Record a review of the claim."""
    source = await reviewer(session, data.reviewer)
    review = Review(
        id=new_id(),
        claim_id=claim.id,
        event_id=claim.event_id,
        reviewer_id=source.id,
        recorded_at=utcnow(),
        recorded_by=recorded_by,
        **data.model_dump(exclude={"reviewer"}),
    )
    session.add(review)
    await session.flush()
    await change_log.record_change(session, claim.event_id, Change.review_added)
    return review, source


def document(review: Review, source: Source) -> dict[str, Any]:
    """A review's document."""
    return {
        "id": str(review.id),
        "claim_id": str(review.claim_id),
        "reviewer": {
            "id": str(source.id),
            "slug": source.slug,
            "name": source.name,
            "kind": source.kind,
        },
        "rating": review.rating,
        "rating_value": review.rating_value,
        "best_rating": review.best_rating,
        "worst_rating": review.worst_rating,
        "url": review.url,
        "published_at": review.published_at,
        "summary": review.summary,
        "recorded_at": review.recorded_at,
    }
