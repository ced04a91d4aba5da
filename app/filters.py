"""Query parameters that name a source or a claim, resolved once for every list that takes them."""

import uuid
from typing import Annotated

from fastapi import Depends, Query

from app.claims import service as claim_service
from app.deps import ReadSessionDep
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
    """The id of the claim `claim=` names (404 when none), or None."""
    if claim is None:
        return None
    return (await claim_service.get(session=session, ref=claim)).id


SpeakerFilter = Annotated[uuid.UUID | None, Depends(speaker_filter)]
ClaimFilter = Annotated[uuid.UUID | None, Depends(claim_filter)]
