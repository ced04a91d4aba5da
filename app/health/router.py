"""Liveness and readiness probes for load balancers and orchestrators."""

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError

from app.deps import DatabaseDep
from app.errors import ServiceUnavailable, problem_responses
from app.routing import CommittingRoute
from app.schema import database_revision, head_revision

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
