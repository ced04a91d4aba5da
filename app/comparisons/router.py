"""HTTP route for the comparison of sources."""

from typing import Annotated

from fastapi import APIRouter, Query

from app.comparisons import queries as comparison_queries
from app.comparisons.schemas import Comparison
from app.deps import ReadSessionDep
from app.errors import problem_responses
from app.events import service as event_service
from app.fields import TimestampIn
from app.routing import CommittingRoute
from app.sources import service as source_service

router = APIRouter(tags=["views"], route_class=CommittingRoute)


@router.get(
    "/v1/events/{event}/comparison",
    summary="The comparison of an event's sources",
    responses=problem_responses(400, 404, 422),
)
async def read_comparison(
    event: str,
    session: ReadSessionDep,
    sources: Annotated[
        str | None,
        Query(
            max_length=2000,
            description="Comma-separated source ids or slugs (empty: all): only statements "
            "whose party is one of them count, for every value of the view.",
        ),
    ] = None,
    as_of: Annotated[
        TimestampIn | None, Query(description="Only statements said at or before this instant.")
    ] = None,
) -> Comparison:
    """Each party's position per claim (its latest stance), who agrees and who disagrees (by
    sides: latest `supports` or `refutes`), the contradictions on contested claims, and the
    sources met only in `via` (relays), over the event's non-retracted statements."""
    found = await event_service.get(session=session, ref=event)
    parties = None
    refs = [ref.strip() for ref in (sources or "").split(",") if ref.strip()]
    if refs:
        parties = [
            (
                await source_service.get_for_filter(
                    session=session, ref=ref, loc=["query", "sources"]
                )
            ).id
            for ref in refs
        ]
    return await comparison_queries.compare(
        session=session, event=found, as_of=as_of, parties=parties
    )
