"""HTTP routes for statements."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.responses import StreamingResponse

from app.deps import DatabaseDep, IfNoneMatch, PageDep, SessionDep
from app.errors import NotFound, problem_responses
from app.kit import filters
from app.kit.auth import CallerDep, caller
from app.kit.etags import conditional_document, etag_of_document
from app.kit.fields import QueryText, looks_like_uuid
from app.kit.filters import ClaimRef, EventRef, KnownAt, SpeakerRef
from app.kit.idempotency import CreationDep
from app.kit.metrics import RECORDED_KEY, RETRACTED_KEY
from app.kit.reader import Reader
from app.kit.responses import DocumentResponse
from app.kit.routing import CommittingRoute
from app.statements import queries as statement_queries
from app.statements import service as statement_service
from app.statements.csv_export import CSV_MEDIA_TYPE, event_csv
from app.statements.schemas import (
    Retraction,
    StatementBatch,
    StatementBatchOut,
    StatementCreate,
    StatementOut,
    StatementPage,
)

router = APIRouter(
    prefix="/v1/statements",
    tags=["statements"],
    route_class=CommittingRoute,
    dependencies=[Depends(caller)],
)
# An event's statements as a file: listed with the event's routes, right after them.
event_exports_router = APIRouter(
    prefix="/v1/events",
    tags=["events"],
    route_class=CommittingRoute,
    dependencies=[Depends(caller)],
)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=StatementOut,
    summary="Submit a statement",
    responses=problem_responses(400, 409, 413, 415, 422),
)
async def create_statement(body: StatementCreate, creation: CreationDep) -> Response:
    """Record one statement. `event`, `speaker`, `on_behalf_of` and `via[].source` take an id, a
    slug or an inline object that is resolved or created; `claims[].claim` an id or `{text}`.
    Statements are immutable once recorded: a correction is a new statement plus a retraction
    of the old one."""

    async def create() -> tuple[statement_queries.Document, str]:
        session = creation.session
        recorded = await statement_service.record(
            session=session, items=[body], locs=[["body"]], recorded_by=creation.caller.key_id
        )
        creation.request.scope[RECORDED_KEY] = 1
        [statement_id], [shown] = recorded.ids, recorded.documents
        return shown, creation.location("read_statement", statement=statement_id)

    return await creation.respond(create)


@router.post(
    "/batch",
    status_code=status.HTTP_201_CREATED,
    response_model=StatementBatchOut,
    summary="Submit up to 1000 statements, all or nothing",
    responses=problem_responses(400, 409, 413, 415, 422),
)
async def create_statements(body: StatementBatch, creation: CreationDep) -> Response:
    """Record the statements in order, in one transaction: if any item is invalid nothing is
    written, and the 422's `errors[].loc` starts with that item's index. Items may refer to
    sources, events and claims that earlier items create. The answer lists the statements in the
    order given; its `Location` is the first one's."""

    async def create() -> tuple[statement_queries.Document, str]:
        session = creation.session
        recorded = await statement_service.record(
            session=session,
            items=body.statements,
            locs=[[index] for index in range(len(body.statements))],
            recorded_by=creation.caller.key_id,
        )
        creation.request.scope[RECORDED_KEY] = len(recorded.ids)
        first = creation.location("read_statement", statement=recorded.ids[0])
        return {"statements": recorded.documents}, first

    return await creation.respond(create)


@router.get(
    "",
    response_model=StatementPage,
    summary="List statements",
    responses=problem_responses(400, 422),
)
async def list_statements(
    database: DatabaseDep,
    page: PageDep,
    event: EventRef = None,
    speaker: SpeakerRef = None,
    claim: ClaimRef = None,
    q: Annotated[
        QueryText | None,
        Query(max_length=200, description="Full-text search: statements containing every word."),
    ] = None,
    include_retracted: Annotated[
        bool, Query(description="Also list retracted statements.")
    ] = False,
    responds_to: Annotated[
        uuid.UUID | None, Query(description="Only the direct answers of this statement (its id).")
    ] = None,
    known_at: KnownAt = None,
) -> Response:
    """Statements in recording order, filtered; retracted ones only with `include_retracted`."""
    async with database.reader() as reader:
        items, next_cursor = await statement_queries.search(
            reader=reader,
            event_id=await filters.event_id(reader, event),
            speaker_id=await filters.speaker_id(reader, speaker),
            claim_id=await filters.claim_id(reader, claim),
            q=q,
            include_retracted=include_retracted,
            page=page,
            responds_to=responds_to,
            known_at=known_at,
        )
    return DocumentResponse({"items": items, "next_cursor": next_cursor})


@router.get(
    "/{statement}",
    response_model=StatementOut,
    summary="Read a statement",
    responses={304: {"description": "Not modified"}, **problem_responses(404)},
)
async def read_statement(
    statement: str,
    database: DatabaseDep,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """A statement, retracted or not."""
    shown = None
    if looks_like_uuid(statement):
        async with database.reader() as reader:
            shown = await statement_queries.one(reader, uuid.UUID(statement))
    if shown is None:
        raise NotFound(f"There is no statement with id {statement!r}.")
    return conditional_document(shown, if_none_match)


@router.delete(
    "/{statement}",
    response_model=StatementOut,
    summary="Retract a statement",
    responses=problem_responses(400, 404, 409, 413, 415, 422),
)
async def retract_statement(
    statement: str, body: Retraction, session: SessionDep, caller: CallerDep, request: Request
) -> Response:
    """Retract a statement: it stays readable, with `retracted_at` and `retraction_reason`, and no
    longer counts in lists, statuses and views. Retracting it again is a 409."""
    retracted = await statement_service.retract(
        session=session, ref=statement, reason=body.reason, retracted_by=caller.key_id
    )
    request.scope[RETRACTED_KEY] = 1
    [shown] = await statement_queries.represent(await Reader.within(session), [retracted.id])
    return DocumentResponse(shown, headers={"ETag": etag_of_document(shown)})


@event_exports_router.get(
    "/{event}/statements.csv",
    summary="An event's statements as CSV",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "One row per statement, in timeline order, with a header row.",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
        **problem_responses(404, 422),
    },
)
async def export_statements_csv(
    event: str,
    database: DatabaseDep,
    include_retracted: Annotated[
        bool, Query(description="Also the retracted statements (with their reason).")
    ] = False,
) -> StreamingResponse:
    """Every statement of the event for a spreadsheet, by `said_at` then recording order:
    `id, said_at, said_at_precision, speaker, on_behalf_of, party, medium, text, url, language,
    via` (relays, nearest first, joined by ` > `), `stances` (`stance: claim text`, joined by
    `; `), `recorded_at, retracted_at, retraction_reason, archive_url, responds_to`, `based_on`
    (ids joined by spaces), `via_quotes` (each relay's wording as `relay: words`, joined by
    ` > `). UTF-8 with a byte order mark, CRLF
    line ends; a cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`) starts with
    `'`. Not paginated: the rows are streamed."""
    slug, rows = await event_csv(database, event, include_retracted=include_retracted)
    return StreamingResponse(
        rows,
        media_type=CSV_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{slug}-statements.csv"'},
    )
