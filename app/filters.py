"""Query parameters that name an event, a source or a claim, resolved once for the lists that
take them (on the request's reader, with the list's own queries)."""

import uuid
from functools import cache
from typing import Annotated, Any

from fastapi import Depends, Query
from sqlalchemy import String, Uuid, bindparam, select

from app.deps import ReaderDep
from app.errors import InvalidInput
from app.fields import is_slug, looks_like_uuid
from app.models import Claim, Event, Source
from app.sql import Query as ReadQuery
from app.sql import Reader, uuid_text


@cache
def _id_query(model: Any, column: str) -> ReadQuery:
    key = getattr(model, column)
    value = bindparam("value", type_=Uuid if column == "id" else String)
    return ReadQuery(select(uuid_text(model.id)).where(key == value))


async def _find(reader: Reader, model: Any, ref: str, *, by_slug: bool) -> uuid.UUID | None:
    """The id of the row whose id (or slug) is `ref`, if any."""
    if looks_like_uuid(ref):
        rows = await reader.fetch(_id_query(model, "id"), {"value": uuid.UUID(ref)})
    elif by_slug and is_slug(ref):
        rows = await reader.fetch(_id_query(model, "slug"), {"value": ref})
    else:
        return None
    return uuid.UUID(rows[0][0]) if rows else None


async def speaker_filter(
    reader: ReaderDep,
    speaker: Annotated[
        str | None,
        Query(max_length=100, description="Source id or slug: statements it spoke or its party."),
    ] = None,
) -> uuid.UUID | None:
    """The id of the source `speaker=` names (422 when none), or None."""
    if speaker is None:
        return None
    found = await _find(reader, Source, speaker, by_slug=True)
    if found is None:
        raise InvalidInput(
            f"There is no source with id or slug {speaker!r}.", loc=["query", "speaker"]
        )
    return found


async def claim_filter(
    reader: ReaderDep,
    claim: Annotated[
        str | None, Query(max_length=100, description="Claim id: statements with a stance on it.")
    ] = None,
) -> uuid.UUID | None:
    """The id of the claim `claim=` names (422 when none), or None."""
    if claim is None:
        return None
    found = await _find(reader, Claim, claim, by_slug=False)
    if found is None:
        raise InvalidInput(f"There is no claim with id {claim!r}.", loc=["query", "claim"])
    return found


async def event_filter(
    reader: ReaderDep,
    event: Annotated[str | None, Query(max_length=100, description="Event id or slug.")] = None,
) -> uuid.UUID | None:
    """The id of the event `event=` names (422 when none), or None."""
    if event is None:
        return None
    found = await _find(reader, Event, event, by_slug=True)
    if found is None:
        raise InvalidInput(f"There is no event with id or slug {event!r}.", loc=["query", "event"])
    return found


SpeakerFilter = Annotated[uuid.UUID | None, Depends(speaker_filter)]
ClaimFilter = Annotated[uuid.UUID | None, Depends(claim_filter)]
EventFilter = Annotated[uuid.UUID | None, Depends(event_filter)]
