"""Liveness and readiness probes for load balancers and orchestrators."""

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError
from starlette.responses import Response

from app.deps import DatabaseDep
from app.errors import ServiceUnavailable, problem_responses
from app.kit.migrations import database_revision, head_revision
from app.kit.routing import CommittingRoute

router = APIRouter(tags=["health"], route_class=CommittingRoute)


class Health(BaseModel):
    """The process is alive."""

    status: Literal["ok"]


class Readiness(BaseModel):
    """The database is reachable and migrated to the newest revision."""

    status: Literal["ready"]
    revision: str


@router.get("/healthz", summary="Liveness")
async def health() -> Health:
    """The process is up; says nothing about the database."""
    return Health(status="ok")


@router.get("/readyz", summary="Readiness", responses=problem_responses(open_route=True))
async def readiness(database: DatabaseDep) -> Readiness:
    """The database answers and is at the newest migration; 503 otherwise."""
    try:
        async with database.read_engine.connect() as connection:
            revision = await database_revision(connection)
    except (DBAPIError, OSError, TimeoutError):
        raise ServiceUnavailable("The database is unreachable.") from None
    head = head_revision()
    if revision != head:
        raise ServiceUnavailable(
            f"The database is at revision {revision or 'none'}, not {head}: "
            "run `claimline migrate`."
        )
    return Readiness(status="ready", revision=revision)


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=PlainTextResponse,
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
)
async def metrics(request: Request) -> Response:
    """This instance's metrics in Prometheus' text format: `claimline_requests_total` (by route
    template, method and status), `claimline_request_duration_seconds` (a histogram by route and
    method), `claimline_db_pool_size` and `claimline_db_pool_in_use` (by pool: write, read,
    readers), `claimline_statements_recorded_total` and `claimline_statements_retracted_total`.
    Each instance counts its own; sum over instances in Prometheus."""
    rendered: Response = request.app.state.metrics.render()
    return rendered
