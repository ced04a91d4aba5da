"""Query parameters that name an event, a source or a claim, and their resolution to ids on the
request's reader (a 422 at the parameter when nothing has that id or slug)."""

import uuid
from functools import cache
from typing import Annotated, Any

from fastapi import Query
from sqlalchemy import String, Uuid, bindparam, select

from app.errors import InvalidInput
from app.kit.fields import TimestampIn
from app.kit.reader import Query as ReadQuery
from app.kit.reader import Reader, fetch_by_ref, uuid_text
from app.models import Claim, Event, Source


@cache
def _id_query(model: Any, column: str) -> ReadQuery:
    value = bindparam(column, type_=Uuid if column == "id" else String)
    return ReadQuery(select(uuid_text(model.id)).where(getattr(model, column) == value))


async def _find(reader: Reader, model: Any, ref: str, *, by_slug: bool) -> uuid.UUID | None:
    """The id of the row whose id (or slug) is `ref`, if any."""
    by_slug_query = _id_query(model, "slug") if by_slug else None
    rows = await fetch_by_ref(reader, ref, by_id=_id_query(model, "id"), by_slug=by_slug_query)
    return uuid.UUID(rows[0][0]) if rows else None


SpeakerRef = Annotated[
    str | None,
    Query(max_length=100, description="Source id or slug: statements it spoke or its party."),
]
ClaimRef = Annotated[
    str | None, Query(max_length=100, description="Claim id: statements with a stance on it.")
]
EventRef = Annotated[str | None, Query(max_length=100, description="Event id or slug.")]
KnownAt = Annotated[
    TimestampIn | None,
    Query(
        description="The record as it stood at this instant (RFC 3339 with offset): statements "
        "recorded by then and not retracted by then; a later retraction is not shown."
    ),
]


async def source_id(reader: Reader, ref: str, parameter: str) -> uuid.UUID:
    """The id of the source a query parameter names; a 422 at that parameter when none."""
    found = await _find(reader, Source, ref, by_slug=True)
    if found is None:
        raise InvalidInput(f"There is no source with id or slug {ref!r}.", loc=["query", parameter])
    return found


async def speaker_id(reader: Reader, speaker: str | None) -> uuid.UUID | None:
    """The id of the source `speaker=` names (422 when none), or None."""
    return None if speaker is None else await source_id(reader, speaker, "speaker")


async def claim_id(reader: Reader, claim: str | None) -> uuid.UUID | None:
    """The id of the claim `claim=` names (422 when none), or None."""
    if claim is None:
        return None
    found = await _find(reader, Claim, claim, by_slug=False)
    if found is None:
        raise InvalidInput(f"There is no claim with id {claim!r}.", loc=["query", "claim"])
    return found


async def event_id(reader: Reader, event: str | None) -> uuid.UUID | None:
    """The id of the event `event=` names (422 when none), or None."""
    if event is None:
        return None
    found = await _find(reader, Event, event, by_slug=True)
    if found is None:
        raise InvalidInput(f"There is no event with id or slug {event!r}.", loc=["query", "event"])
    return found
