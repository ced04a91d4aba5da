"""Query parameters that name a source or a claim, resolved once for every list that takes them."""

import uuid
from typing import Annotated

from fastapi import Depends, Query

from app.claims import service as claim_service
from app.deps import ReadSessionDep
from app.errors import InvalidInput, NotFound
from app.models import Event
from app.slugs import find_by_ref
from app.sources import service as source_service


async def speaker_filter(
    session: ReadSessionDep,
    speaker: Annotated[
        str | None,
        Query(max_length=100, description="Source id or slug: statements it spoke or its party."),
    ] = None,
) -> uuid.UUID | None:
    """The id of the source `speaker=` names (422 when none), or None."""
    if speaker is None:
        return None
    source = await source_service.get_for_filter(
        session=session, ref=speaker, loc=["query", "speaker"]
    )
    return source.id


async def claim_filter(
    session: ReadSessionDep,
    claim: Annotated[
        str | None, Query(max_length=100, description="Claim id: statements with a stance on it.")
    ] = None,
) -> uuid.UUID | None:
    """The id of the claim `claim=` names (422 when none), or None."""
    if claim is None:
        return None
    try:
        return (await claim_service.get(session=session, ref=claim)).id
    except NotFound:
        raise InvalidInput(
            f"There is no claim with id {claim!r}.", loc=["query", "claim"]
        ) from None


async def event_filter(
    session: ReadSessionDep,
    event: Annotated[str | None, Query(max_length=100, description="Event id or slug.")] = None,
) -> uuid.UUID | None:
    """The id of the event `event=` names (422 when none), or None."""
    if event is None:
        return None
    found = await find_by_ref(session, Event, event)
    if found is None:
        raise InvalidInput(f"There is no event with id or slug {event!r}.", loc=["query", "event"])
    return found.id


SpeakerFilter = Annotated[uuid.UUID | None, Depends(speaker_filter)]
ClaimFilter = Annotated[uuid.UUID | None, Depends(claim_filter)]
EventFilter = Annotated[uuid.UUID | None, Depends(event_filter)]
