"""HTTP routes for claims."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.responses import JSONResponse

from app.claims import known, similar
from app.claims import queries as claim_queries
from app.claims import service as claim_service
from app.claims.jsonld import JSONLD_MEDIA_TYPE, claim_document
from app.claims.schemas import ClaimCreate, ClaimOut, ClaimPage, SimilarClaims
from app.deps import DatabaseDep, IfNoneMatch, PageDep
from app.enums import ClaimStatus, SimilarScope
from app.errors import NotFound, problem_responses
from app.events import service as event_service
from app.events import views as event_views
from app.kit import filters
from app.kit.auth import caller
from app.kit.etags import conditional, etag_of_body
from app.kit.fields import QueryText, to_rfc3339
from app.kit.filters import EventRef, KnownAt
from app.kit.idempotency import CreationDep
from app.kit.reader import Reader
from app.kit.responses import DocumentResponse
from app.kit.routing import CommittingRoute

router = APIRouter(tags=["claims"], route_class=CommittingRoute, dependencies=[Depends(caller)])


@router.post(
    "/v1/events/{event}/claims",
    status_code=status.HTTP_201_CREATED,
    response_model=ClaimOut,
    summary="Create a claim of an event",
    responses=problem_responses(400, 404, 409, 413, 415, 422),
)
async def create_claim(event: str, body: ClaimCreate, creation: CreationDep) -> Response:
    """Create a claim; an event's claims are unique on normalized text (case-folded, whitespace
    collapsed, trailing `.!?` removed), so a second one with the same text is a 409."""

    async def create() -> tuple[ClaimOut, str]:
        found = await event_service.get(session=creation.session, ref=event)
        claim = await claim_service.create(
            session=creation.session, event_id=found.id, text=body.text
        )
        return ClaimOut.model_validate(claim), creation.location("read_claim", claim=claim.id)

    return await creation.respond(create)


@router.get(
    "/v1/events/{event}/claims",
    response_model=ClaimPage,
    summary="List the claims of an event",
    responses={304: {"description": "Not modified"}, **problem_responses(400, 404, 422)},
)
async def list_claims(
    event: str,
    request: Request,
    database: DatabaseDep,
    page: PageDep,
    status: Annotated[
        ClaimStatus | None, Query(description="Only claims with this status.")
    ] = None,
    known_at: KnownAt = None,
) -> Response:
    """An event's claims in creation order."""

    async def render(reader: Reader, found: dict[str, Any]) -> dict[str, Any]:
        if known_at is not None and not await known.unchanged_since(reader, found["id"], known_at):
            record = await known.record(reader, found["id"], known_at)
            items, next_cursor = known.claims(record, found["id"], status=status, page=page)
        else:
            items, next_cursor = await claim_queries.search(
                reader=reader, event_id=found["id"], status=status, page=page
            )
        return ClaimPage.model_validate({"items": items, "next_cursor": next_cursor}).model_dump(
            mode="json"
        )

    return await event_views.serve(
        request,
        database,
        kind="claims",
        event=event,
        render=render,
    )


@router.get(
    "/v1/claims/{claim}",
    response_model=ClaimOut,
    summary="Read a claim",
    responses={304: {"description": "Not modified"}, **problem_responses(404)},
)
async def read_claim(
    claim: str,
    database: DatabaseDep,
    response: Response,
    if_none_match: IfNoneMatch = None,
    known_at: KnownAt = None,
) -> ClaimOut | Response:
    """A claim by id, with its current status (with `known_at`, its status then; a claim
    created after that instant is not found)."""
    async with database.reader() as reader:
        found = await claim_queries.document(reader=reader, ref=claim)
        if known_at is not None and not await known.unchanged_since(
            reader, found["event_id"], known_at
        ):
            record = await known.record(reader, found["event_id"], known_at)
            if found["id"] not in record.claims:
                raise NotFound(f"There was no claim with id {claim!r} at {to_rfc3339(known_at)}.")
            found = known.claim_document(record, found["id"], found["event_id"])
    shown = ClaimOut.model_validate(found)
    return conditional(shown, etag_of_body(shown), if_none_match, response)


MinScore = Annotated[float, Query(gt=0, le=1, description="The least score of a claim listed.")]
SimilarLimit = Annotated[int, Query(ge=1, le=200, description="At most this many claims.")]


@router.get(
    "/v1/claims/{claim}/similar",
    response_model=SimilarClaims,
    summary="Claims under other words",
    responses=problem_responses(404, 422),
)
async def read_similar_claims(
    claim: str,
    database: DatabaseDep,
    scope: Annotated[
        SimilarScope,
        Query(description="`event`: the claim's event only; `all`: every event."),
    ] = SimilarScope.event,
    min_score: MinScore = 0.3,
    limit: SimilarLimit = 20,
) -> Response:
    """The claims whose normalized text is most similar to this one's (trigram similarity, as
    `pg_trgm` defines it), best first, ties by claim id, the claim itself left out. A claim
    whose normalized text is shorter than 10 characters suggests nothing."""
    async with database.reader() as reader:
        found = await claim_queries.document(reader=reader, ref=claim)
        items = await similar.search(
            reader,
            found["text"],
            event_id=uuid.UUID(found["event_id"]) if scope is SimilarScope.event else None,
            other_than=uuid.UUID(found["id"]),
            min_score=min_score,
            limit=limit,
        )
    return DocumentResponse({"items": items})


@router.get(
    "/v1/claims",
    response_model=SimilarClaims,
    summary="Search claims across events",
    responses=problem_responses(422),
)
async def search_claims(
    database: DatabaseDep,
    q: Annotated[QueryText, Query(min_length=1, max_length=2000, description="Claim text.")],
    event: EventRef = None,
    min_score: MinScore = 0.3,
    limit: SimilarLimit = 20,
) -> Response:
    """The claims of every event (or of `event`) whose normalized text is most similar to `q`,
    the same way as `/v1/claims/{id}/similar`; a `q` shorter than 10 characters once normalized
    finds nothing."""
    async with database.reader() as reader:
        items = await similar.search(
            reader,
            q,
            event_id=await filters.event_id(reader, event),
            other_than=None,
            min_score=min_score,
            limit=limit,
        )
    return DocumentResponse({"items": items})


@router.get(
    "/v1/claims/{claim}/jsonld",
    summary="A claim as schema.org JSON-LD",
    response_class=JSONResponse,
    responses={
        200: {
            "description": "A schema.org `Claim`, for fact-checking tools and ClaimReview.",
            "content": {JSONLD_MEDIA_TYPE: {"schema": {"type": "object"}}},
        },
        **problem_responses(404),
    },
)
async def read_claim_jsonld(claim: str, database: DatabaseDep, request: Request) -> Response:
    """The claim as a schema.org `Claim` in JSON-LD: `text`, `about` (the event), `author` (the
    party of its first mention), `firstAppearance` and `appearance` (each kept statement that
    takes a stance on it, in timeline order, as a `CreativeWork` by its party, with the speaker as
    `contributor` when they speak for someone else). Claimline's own terms under `cl:`
    (`urn:claimline:`): the claim's `cl:status`, each appearance's `cl:stance`, `cl:medium` and
    `cl:quote`. Retracted statements are left out."""
    base = str(request.base_url).rstrip("/")
    async with database.reader() as reader:
        found = await claim_queries.document(reader=reader, ref=claim)
        document = await claim_document(reader=reader, claim=found, base=base)
    return JSONResponse(document, media_type=JSONLD_MEDIA_TYPE)
