"""HTTP routes for events."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status

from app.deps import DatabaseDep, IfMatch, IfNoneMatch, PageDep, SessionDep
from app.errors import problem_responses
from app.events import queries as event_queries
from app.events import service as event_service
from app.events import views as event_views
from app.events.schemas import EventCreate, EventOut, EventPage, EventUpdate
from app.kit.auth import caller
from app.kit.etags import etag_of_body, require_match
from app.kit.fields import QueryText
from app.kit.idempotency import CreationDep
from app.kit.reader import Reader
from app.kit.routing import CommittingRoute
from app.models import Event

router = APIRouter(
    prefix="/v1/events",
    tags=["events"],
    route_class=CommittingRoute,
    dependencies=[Depends(caller)],
)


def _shown(event: Event, response: Response) -> EventOut:
    shown = EventOut.model_validate(event)
    response.headers["ETag"] = etag_of_body(shown)
    return shown


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=EventOut,
    summary="Create an event",
    responses=problem_responses(400, 409, 413, 415, 422),
)
async def create_event(body: EventCreate, creation: CreationDep) -> Response:
    """Create an event; its slug is derived from the title when not given (`-2`, `-3`… on
    collision), and an explicit slug already in use is a 409."""

    async def create() -> tuple[EventOut, str]:
        event = await event_service.create(session=creation.session, data=body)
        return EventOut.model_validate(event), creation.location("read_event", event=event.id)

    return await creation.respond(create)


@router.get(
    "",
    summary="List or search events",
    responses=problem_responses(400, 422),
)
async def list_events(
    database: DatabaseDep,
    page: PageDep,
    q: Annotated[
        QueryText | None,
        Query(max_length=200, description="Part of the title or description, case-insensitive."),
    ] = None,
    tag: Annotated[
        QueryText | None, Query(max_length=64, description="Only events with this tag (any case).")
    ] = None,
) -> EventPage:
    """Events in creation order, optionally those matching `q` and carrying `tag`."""
    async with database.reader() as reader:
        items, next_cursor = await event_queries.search(reader=reader, q=q, tag=tag, page=page)
    return EventPage.model_validate({"items": items, "next_cursor": next_cursor})


@router.get(
    "/{event}",
    response_model=EventOut,
    summary="Read an event",
    responses={304: {"description": "Not modified"}, **problem_responses(404)},
)
async def read_event(
    event: str, request: Request, database: DatabaseDep, if_none_match: IfNoneMatch = None
) -> Response:
    """An event by id or slug, with its ETag (`If-None-Match` gets a 304)."""

    async def render(_reader: Reader, found: dict[str, Any]) -> dict[str, Any]:
        return EventOut.model_validate(found).model_dump(mode="json")

    return await event_views.serve(
        request,
        database,
        kind="event",
        event=event,
        render=render,
        # The resource's own tag, which `PATCH` compares with `If-Match`.
        etag=lambda shown: etag_of_body(EventOut.model_validate(shown)),
    )


@router.patch(
    "/{event}",
    summary="Update an event",
    responses=problem_responses(400, 404, 409, 412, 413, 415, 422),
)
async def update_event(
    event: str,
    body: EventUpdate,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> EventOut:
    """Change the fields present in the body; with `If-Match`, only if the event is unchanged."""
    found = await event_service.get(session=session, ref=event)
    require_match(if_match, etag_of_body(EventOut.model_validate(found)))
    updated = await event_service.update(
        session=session, event=found, changes=body, if_match_given=if_match is not None
    )
    return _shown(updated, response)
