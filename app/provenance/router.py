"""HTTP route for an event's provenance as W3C PROV-JSON."""

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from app.deps import DatabaseDep, IfNoneMatch
from app.errors import NotFound, problem_responses
from app.events import views as event_views
from app.kit.auth import caller
from app.kit.etags import conditional_document
from app.kit.fields import looks_like_uuid
from app.kit.reader import Reader
from app.kit.routing import CommittingRoute
from app.provenance import threads
from app.provenance.prov_json import provenance
from app.provenance.schemas import Thread

router = APIRouter(route_class=CommittingRoute, dependencies=[Depends(caller)])


@router.get(
    "/v1/statements/{statement}/thread",
    tags=["statements"],
    response_model=Thread,
    summary="The thread of a statement",
    responses={304: {"description": "Not modified"}, **problem_responses(404)},
)
async def read_thread(
    statement: str,
    database: DatabaseDep,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The chain of statements this one answers (`responds_to`, root first), the statement, and
    every statement answering it directly or through others (timeline order), each a timeline
    item; retracted statements are included, shown as the timeline shows them with
    `include_retracted=true`."""
    shown = None
    if looks_like_uuid(statement):
        async with database.reader() as reader:
            shown = await threads.thread(reader, uuid.UUID(statement))
    if shown is None:
        raise NotFound(f"There is no statement with id {statement!r}.")
    return conditional_document(shown, if_none_match)


@router.get(
    "/v1/events/{event}/provenance",
    tags=["events"],
    summary="An event's provenance as W3C PROV-JSON",
    responses={
        200: {
            "description": "A PROV-JSON document (W3C Member Submission).",
            "content": {"application/json": {"schema": {"type": "object"}}},
        },
        304: {"description": "Not modified"},
        **problem_responses(404),
    },
)
async def read_provenance(event: str, request: Request, database: DatabaseDep) -> Response:
    """The event's sources as agents; its statements (retracted ones included), their relayed
    copies and its claims as entities, under the prefix `cl` = `urn:claimline:`
    (`cl:source-{id}`, `cl:statement-{id}`, `cl:copy-{statement id}-{hop}` with hop 1 the
    nearest relay to the speaker, `cl:claim-{id}`). Relations: `wasGeneratedBy` with the
    statement's `said_at` or the copy's `published_at`; `wasAttributedTo` (statement → speaker,
    copy → relay); `actedOnBehalfOf` (speaker → party); `wasDerivedFrom` with `prov:type`
    `prov:Quotation` (each copy → the copy or statement before it) and without it for
    `based_on`; `wasInvalidatedBy` with the retraction's time and reason; `wasInfluencedBy` for
    answers (`cl:Answer`, answer → the statement it answers) and stances (`cl:Stance`, claim →
    statement, with `cl:stance`)."""

    async def render(reader: Reader, found: dict[str, Any]) -> dict[str, Any]:
        return await provenance(reader, found["id"])

    return await event_views.serve(request, database, kind="provenance", event=event, render=render)
