"""HTTP routes for reviews of claims."""

import uuid

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.responses import JSONResponse

from app.claims import queries as claim_queries
from app.claims.jsonld import JSONLD_MEDIA_TYPE
from app.deps import DatabaseDep, PageDep
from app.errors import NotFound, problem_responses
from app.kit.auth import caller
from app.kit.fields import looks_like_uuid
from app.kit.idempotency import CreationDep
from app.kit.responses import DocumentResponse
from app.kit.routing import CommittingRoute
from app.models import Claim
from app.reviews import queries as review_queries
from app.reviews import service as review_service
from app.reviews.claimreview import claim_reviews
from app.reviews.schemas import ReviewCreate, ReviewOut, ReviewPage

router = APIRouter(tags=["claims"], route_class=CommittingRoute, dependencies=[Depends(caller)])


@router.post(
    "/v1/claims/{claim}/reviews",
    status_code=status.HTTP_201_CREATED,
    response_model=ReviewOut,
    summary="Add a review (a fact-checker's verdict) of a claim",
    responses=problem_responses(400, 404, 409, 413, 415, 422),
)
async def create_review(claim: str, body: ReviewCreate, creation: CreationDep) -> Response:
    """Record a published fact check of the claim: its reviewer (a source's id or slug, or
    `{name, kind?, ...}` found by name or created), its rating as published, optionally on a
    scale (`worst_rating` < `best_rating`, `rating_value` between them), the fact check's
    `url` and `published_at`. A review never changes the claim's `status`, which describes the
    debate, not the truth; the comparison lists it beside the claim."""

    async def create() -> tuple[dict[str, object], str]:
        session = creation.session
        found = await session.get(Claim, uuid.UUID(claim)) if looks_like_uuid(claim) else None
        if found is None:
            raise NotFound(f"There is no claim with id {claim!r}.")
        review, source = await review_service.add(
            session=session, claim=found, data=body, recorded_by=creation.caller.key_id
        )
        return review_service.document(review, source), creation.location(
            "list_reviews", claim=found.id
        )

    return await creation.respond(create)


@router.get(
    "/v1/claims/{claim}/reviews",
    response_model=ReviewPage,
    summary="List a claim's reviews",
    responses=problem_responses(400, 404, 422),
)
async def list_reviews(claim: str, database: DatabaseDep, page: PageDep) -> Response:
    """The claim's reviews in the order they were recorded."""
    async with database.reader() as reader:
        found = await claim_queries.document(reader=reader, ref=claim)
        items, next_cursor = await review_queries.of_claim(reader, found["id"], page)
    return DocumentResponse({"items": items, "next_cursor": next_cursor})


@router.get(
    "/v1/claims/{claim}/claimreview",
    summary="A claim's reviews as schema.org ClaimReview (JSON-LD)",
    response_class=JSONResponse,
    responses={
        200: {
            "description": "A JSON-LD `@graph` of one schema.org `ClaimReview` per review.",
            "content": {JSONLD_MEDIA_TYPE: {"schema": {"type": "object"}}},
        },
        **problem_responses(404),
    },
)
async def read_claimreview(claim: str, database: DatabaseDep, request: Request) -> Response:
    """One `ClaimReview` per review of the claim, as Google's ClaimReview profile reads them:
    `claimReviewed` (the claim's text), `reviewRating` (`alternateName` the rating as
    published; `ratingValue`, `bestRating`, `worstRating` when given), `url` (the fact check),
    `author` (the reviewer), `datePublished`, `reviewBody` (the summary), and `itemReviewed`,
    the claim as `/v1/claims/{id}/jsonld` gives it (its `author`, `datePublished`,
    `firstAppearance` and every `appearance`)."""
    base = str(request.base_url).rstrip("/")
    async with database.reader() as reader:
        found = await claim_queries.document(reader=reader, ref=claim)
        document = await claim_reviews(reader=reader, claim=found, base=base)
    return JSONResponse(document, media_type=JSONLD_MEDIA_TYPE)
