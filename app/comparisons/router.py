"""HTTP route for the comparison of sources."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from app.claims import known
from app.comparisons import known as known_comparison
from app.comparisons import queries as comparison_queries
from app.comparisons.schemas import Comparison
from app.deps import DatabaseDep
from app.errors import problem_responses
from app.events import views as event_views
from app.kit import filters
from app.kit.auth import caller
from app.kit.fields import TimestampIn
from app.kit.filters import KnownAt
from app.kit.reader import Reader
from app.kit.routing import CommittingRoute

Document = dict[str, Any]

router = APIRouter(tags=["views"], route_class=CommittingRoute, dependencies=[Depends(caller)])


@router.get(
    "/v1/events/{event}/comparison",
    response_model=Comparison,
    summary="The comparison of an event's sources",
    responses={304: {"description": "Not modified"}, **problem_responses(400, 404, 422)},
)
async def read_comparison(
    event: str,
    request: Request,
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
    known_at: KnownAt = None,
) -> Response:
    """Each party's position per claim (its latest stance), who agrees and who disagrees (by
    sides: latest `supports` or `refutes`), the contradictions on contested claims, and the
    sources met only in `via` (relays), over the event's non-retracted statements."""
    refs = [ref.strip() for ref in (sources or "").split(",") if ref.strip()]

    async def render(reader: Reader, found: Document) -> Document:
        parties = [str(await filters.source_id(reader, ref, "sources")) for ref in refs]
        if known_at is not None and not await known.unchanged_since(reader, found["id"], known_at):
            record = await known.record(reader, found["id"], known_at)
            gathered, independence = known_comparison.gather(
                record, as_of=as_of, parties=parties or None
            )
            return await comparison_queries.document(
                reader, found, gathered, independence, known_at
            )
        # Nothing recorded since `known_at` (or none given): the kept values, with the reviews
        # recorded by then.
        return await comparison_queries.compare(
            reader=reader, event=found, as_of=as_of, parties=parties or None, known_at=known_at
        )

    return await event_views.serve(
        request,
        database,
        kind="comparison",
        event=event,
        render=render,
    )
