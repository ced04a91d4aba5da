"""Read side of reviews: a claim's list, an event's reviews beside the comparison's claims."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Uuid, bindparam, select

from app.kit.db import UTCDateTime
from app.kit.pagination import IdPages, PageRequest, id_pages, read_page
from app.kit.reader import Query, Reader, instant, uuid_text
from app.models import Review, Source

Document = dict[str, Any]

COLUMNS = (
    uuid_text(Review.id),
    uuid_text(Review.claim_id),
    uuid_text(Source.id),
    Source.slug,
    Source.name,
    Source.kind,
    Review.rating,
    Review.rating_value,
    Review.best_rating,
    Review.worst_rating,
    Review.url,
    instant(Review.published_at),
    Review.summary,
    instant(Review.recorded_at),
)


def document(row: Sequence[Any]) -> Document:
    """A review row (`COLUMNS`) as its document."""
    return {
        "id": row[0],
        "claim_id": row[1],
        "reviewer": {"id": row[2], "slug": row[3], "name": row[4], "kind": row[5]},
        "rating": row[6],
        "rating_value": row[7],
        "best_rating": row[8],
        "worst_rating": row[9],
        "url": row[10],
        "published_at": row[11],
        "summary": row[12],
        "recorded_at": row[13],
    }


_OF_CLAIM: IdPages = id_pages(
    "reviews",
    select(*COLUMNS)
    .join(Source, Source.id == Review.reviewer_id)
    .where(Review.claim_id == bindparam("claim_id", type_=Uuid)),
    Review.id,
)


async def of_claim(
    reader: Reader, claim_id: str, page: PageRequest
) -> tuple[list[Document], str | None]:
    """A page of the claim's reviews in the order they were recorded."""
    return await read_page(reader, _OF_CLAIM, {"claim_id": uuid.UUID(claim_id)}, page, document)


@cache
def _mentions(known: bool) -> Query:
    query = select(
        uuid_text(Review.claim_id),
        uuid_text(Review.id),
        uuid_text(Review.reviewer_id),
        Review.rating,
        Review.url,
        instant(Review.published_at),
    ).where(Review.event_id == bindparam("event_id", type_=Uuid))
    if known:
        query = query.where(Review.recorded_at <= bindparam("known_at", type_=UTCDateTime()))
    return Query(query.order_by(Review.claim_id, Review.id))


async def mentions(
    reader: Reader, event_id: str, known_at: datetime | None = None
) -> dict[str, list[Document]]:
    """The event's reviews by claim, in the order they were recorded (those recorded by
    `known_at`, when given), as the comparison shows them."""
    params = {"event_id": uuid.UUID(event_id), "known_at": known_at}
    found: dict[str, list[Document]] = defaultdict(list)
    for claim_id, review_id, reviewer_id, rating, url, published_at in await reader.fetch(
        _mentions(known_at is not None), params
    ):
        found[claim_id].append(
            {
                "review_id": review_id,
                "reviewer_id": reviewer_id,
                "rating": rating,
                "url": url,
                "published_at": published_at,
            }
        )
    return found
