"""HTTP route for the comparison of sources."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from starlette.responses import Response

from app.comparisons import queries as comparison_queries
from app.comparisons.schemas import Comparison
from app.deps import DatabaseDep
from app.errors import problem_responses
from app.events import queries as event_queries
from app.kit import filters
from app.kit.auth import caller
from app.kit.fields import TimestampIn
from app.kit.responses import DocumentResponse
from app.kit.routing import CommittingRoute

router = APIRouter(tags=["views"], route_class=CommittingRoute, dependencies=[Depends(caller)])


@router.get(
    "/v1/events/{event}/comparison",
    response_model=Comparison,
    summary="The comparison of an event's sources",
    responses=problem_responses(400, 404, 422),
)
async def read_comparison(
    event: str,
    database: DatabaseDep,
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
) -> Response:
    """Each party's position per claim (its latest stance), who agrees and who disagrees (by
    sides: latest `supports` or `refutes`), the contradictions on contested claims, and the
    sources met only in `via` (relays), over the event's non-retracted statements."""
    refs = [ref.strip() for ref in (sources or "").split(",") if ref.strip()]
    async with database.reader() as reader:
        found = await event_queries.document(reader=reader, ref=event)
        parties = [str(await filters.source_id(reader, ref, "sources")) for ref in refs]
        comparison = await comparison_queries.compare(
            reader=reader, event=found, as_of=as_of, parties=parties or None
        )
    return DocumentResponse(comparison)
