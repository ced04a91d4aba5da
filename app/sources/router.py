"""HTTP routes for sources."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from app.deps import DatabaseDep, IfMatch, IfNoneMatch, PageDep, SessionDep
from app.enums import SourceKind
from app.errors import problem_responses
from app.kit.auth import caller
from app.kit.etags import conditional, etag_of_body, require_match
from app.kit.fields import QueryText
from app.kit.idempotency import CreationDep
from app.kit.routing import CommittingRoute
from app.models import Source
from app.sources import queries as source_queries
from app.sources import service as source_service
from app.sources.schemas import SourceCreate, SourceOut, SourcePage, SourceUpdate

router = APIRouter(
    prefix="/v1/sources",
    tags=["sources"],
    route_class=CommittingRoute,
    dependencies=[Depends(caller)],
)


def _shown(source: Source, response: Response) -> SourceOut:
    shown = SourceOut.model_validate(source)
    response.headers["ETag"] = etag_of_body(shown)
    return shown


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=SourceOut,
    summary="Create a source",
    responses=problem_responses(400, 409, 413, 415, 422),
)
async def create_source(body: SourceCreate, creation: CreationDep) -> Response:
    """Create a source; its slug is derived from the name when not given (`-2`, `-3`… on
    collision), and an explicit slug already in use is a 409."""

    async def create() -> tuple[SourceOut, str]:
        source = await source_service.create(session=creation.session, data=body)
        return SourceOut.model_validate(source), creation.location("read_source", source=source.id)

    return await creation.respond(create)


@router.get(
    "",
    summary="List or search sources",
    responses=problem_responses(400, 422),
)
async def list_sources(
    database: DatabaseDep,
    page: PageDep,
    q: Annotated[
        QueryText | None,
        Query(max_length=200, description="Part of a name or alias, case-insensitive."),
    ] = None,
    kind: Annotated[SourceKind | None, Query(description="Only sources of this kind.")] = None,
) -> SourcePage:
    """Sources in creation order, optionally those whose name or an alias contains `q`."""
    async with database.reader() as reader:
        items, next_cursor = await source_queries.search(reader=reader, q=q, kind=kind, page=page)
    return SourcePage.model_validate({"items": items, "next_cursor": next_cursor})


@router.get(
    "/{source}",
    response_model=SourceOut,
    summary="Read a source",
    responses={304: {"description": "Not modified"}, **problem_responses(404)},
)
async def read_source(
    source: str, database: DatabaseDep, response: Response, if_none_match: IfNoneMatch = None
) -> SourceOut | Response:
    """A source by id or slug, with its ETag."""
    async with database.reader() as reader:
        found = await source_queries.document(reader=reader, ref=source)
    shown = SourceOut.model_validate(found)
    return conditional(shown, etag_of_body(shown), if_none_match, response)


@router.patch(
    "/{source}",
    summary="Update a source",
    responses=problem_responses(400, 404, 409, 412, 413, 415, 422),
)
async def update_source(
    source: str,
    body: SourceUpdate,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> SourceOut:
    """Change the fields present in the body; with `If-Match`, only if the source is unchanged."""
    found = await source_service.get(session=session, ref=source)
    require_match(if_match, etag_of_body(SourceOut.model_validate(found)))
    updated = await source_service.update(
        session=session, source=found, changes=body, if_match_given=if_match is not None
    )
    return _shown(updated, response)
