"""HTTP route for the claim timeline."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from app.claims import known
from app.deps import DatabaseDep, PageDep
from app.enums import StanceKind
from app.errors import InvalidInput, problem_responses
from app.events import views as event_views
from app.kit import filters
from app.kit.auth import caller
from app.kit.fields import TimestampIn, looks_like_uuid
from app.kit.filters import ClaimRef, KnownAt, SpeakerRef
from app.kit.reader import Reader
from app.kit.routing import CommittingRoute
from app.timelines import bands
from app.timelines import known as known_timeline
from app.timelines import queries as timeline_queries
from app.timelines.schemas import Order, StatusChangePage, Timeline

Document = dict[str, Any]


def _statement_id(at: str | None) -> uuid.UUID | None:
    """The statement id `at=` gives; a 422 there when it is not one."""
    if at is None:
        return None
    if not looks_like_uuid(at):
        raise InvalidInput(f"{at!r} is not a statement id.", loc=["query", "at"])
    return uuid.UUID(at)


router = APIRouter(tags=["views"], route_class=CommittingRoute, dependencies=[Depends(caller)])


@router.get(
    "/v1/events/{event}/timeline",
    response_model=Timeline,
    summary="The claim timeline of an event",
    responses={304: {"description": "Not modified"}, **problem_responses(400, 404, 422)},
)
async def read_timeline(
    event: str,
    request: Request,
    database: DatabaseDep,
    page: PageDep,
    speaker: SpeakerRef = None,
    claim: ClaimRef = None,
    order: Annotated[Order, Query(description="`desc` is the exact reverse of `asc`.")] = Order.asc,
    since: Annotated[TimestampIn | None, Query(description="Said at or after.")] = None,
    until: Annotated[TimestampIn | None, Query(description="Said at or before.")] = None,
    stance: Annotated[StanceKind | None, Query(description="Items with this stance.")] = None,
    include_retracted: Annotated[
        bool, Query(description="Also show retracted statements (they count for nothing).")
    ] = False,
    at: Annotated[
        str | None,
        Query(
            max_length=36,
            description="Start the page at this statement of the event (its id) instead of the "
            "beginning; `prev_cursor` then leads to the items before it.",
        ),
    ] = None,
    known_at: KnownAt = None,
) -> Response:
    """The event's non-retracted statements in timeline order (`said_at`, then recording order),
    each with its party and, per stance, `first_mention` (no earlier statement took a stance on
    the claim), `reversal` (the party's side just before was the opposite one) and `status_after`
    (from every party's latest taken side: none `open`, only supports `asserted`, only refutes
    `denied`, both `contested`). Filters choose which items are shown; they never change these
    values."""

    async def render(reader: Reader, found: Document) -> Document:
        chosen: dict[str, Any] = {
            "order": order,
            "since": since,
            "until": until,
            "speaker_id": await filters.speaker_id(reader, speaker),
            "claim_id": await filters.claim_id(reader, claim),
            "stance": stance,
            "include_retracted": include_retracted,
            "page": page,
            "at": _statement_id(at),
        }
        if known_at is not None and not await known.unchanged_since(reader, found["id"], known_at):
            record = await known.record(reader, found["id"], known_at)
            items, next_cursor, prev_cursor = await known_timeline.timeline(
                reader, record, **chosen
            )
        else:
            items, next_cursor, prev_cursor = await timeline_queries.timeline(
                reader=reader, event_id=uuid.UUID(found["id"]), **chosen
            )
        return {
            "event": found,
            "items": items,
            "next_cursor": next_cursor,
            "prev_cursor": prev_cursor,
        }

    return await event_views.serve(
        request,
        database,
        kind="timeline",
        event=event,
        render=render,
    )


@router.get(
    "/v1/events/{event}/status-changes",
    response_model=StatusChangePage,
    summary="Where the event's claims changed status",
    responses={304: {"description": "Not modified"}, **problem_responses(400, 404, 422)},
)
async def read_status_changes(
    event: str,
    request: Request,
    database: DatabaseDep,
    page: PageDep,
    claim: Annotated[
        str | None, Query(max_length=100, description="Claim id: only this claim's changes.")
    ] = None,
) -> Response:
    """The points of the claim timeline where a claim's status changed (its `status_after`
    differs from the status just before), by claim, then in timeline order: each claim's status
    over time as bands, in as many points as it changed status, however many statements the
    event holds. Retracted statements move nothing."""

    async def render(reader: Reader, found: Document) -> Document:
        items, next_cursor = await bands.status_changes(
            reader=reader,
            event_id=uuid.UUID(found["id"]),
            claim_id=await filters.claim_id(reader, claim),
            page=page,
        )
        return {"items": items, "next_cursor": next_cursor}

    return await event_views.serve(
        request, database, kind="status-changes", event=event, render=render
    )
