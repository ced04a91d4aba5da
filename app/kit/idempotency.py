"""Idempotency-Key: a retried POST replays its first response and creates nothing new."""

import hashlib
import json
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Annotated, Any

import orjson
from fastapi import Depends, Header
from pydantic import BaseModel
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from app.deps import SessionDep
from app.errors import InvalidInput
from app.kit.auth import CallerDep
from app.kit.db import utcnow
from app.kit.etags import etag_of_document
from app.kit.responses import DocumentResponse, dump
from app.kit.writes import REQUEST_LOCK_SPACE, lock_keys
from app.models import IdempotentResponse

KEEP_FOR = timedelta(hours=24)

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description="Retrying with the same key and body replays the first response and creates "
        "nothing; the same key with another body is a 422. Keys are kept for 24 hours.",
    ),
]

# `produce` returns a response model or a JSON-ready document, and the Location.
Produce = Callable[[], Awaitable[tuple[BaseModel | dict[str, Any], str | None]]]


async def _fingerprint(request: Request) -> str:
    """The method, path and body of a request, the body canonicalized as JSON."""
    body = json.dumps(json.loads(await request.body()), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{request.method} {request.url.path}\n{body}".encode()).hexdigest()


def _document(body: BaseModel | dict[str, Any]) -> Any:
    return body.model_dump(mode="json") if isinstance(body, BaseModel) else body


def _response(status: int, document: Any, location: str | None) -> Response:
    headers = {"ETag": etag_of_document(document)}
    if location:
        headers["Location"] = location
    return DocumentResponse(document, status_code=status, headers=headers)


async def respond(
    *,
    session: AsyncSession,
    request: Request,
    key: str | None,
    produce: Produce,
    client: str = "",
) -> Response:
    """Run `produce` (which returns the created body and its Location) and answer 201; under an
    Idempotency-Key, replay the stored answer instead when the key was used before."""
    if key is None:
        body, location = await produce()
        return _response(201, _document(body), location)
    fingerprint = await _fingerprint(request)
    # Concurrent retries with one key take turns: the second sees the first's stored answer.
    await lock_keys(session, [f"idempotency:{client}:{key}"], space=REQUEST_LOCK_SPACE)
    now = utcnow()
    # Expired answers go first, so a key past its expiry is simply new again.
    await session.execute(delete(IdempotentResponse).where(IdempotentResponse.expires_at <= now))
    stored = await session.get(IdempotentResponse, (client, key))
    if stored is not None:
        if stored.fingerprint != fingerprint:
            raise InvalidInput(
                "This Idempotency-Key was used with another request body.",
                loc=["header", "Idempotency-Key"],
            )
        return _response(stored.status, stored.body, stored.location)
    body, location = await produce()
    # Stored as plain JSON (instants as text), so the replay is the same bytes.
    document = orjson.loads(dump(_document(body)))
    session.add(
        IdempotentResponse(
            client=client,
            key=key,
            fingerprint=fingerprint,
            status=201,
            body=document,
            location=location,
            created_at=now,
            expires_at=now + KEEP_FOR,
        )
    )
    await session.flush()
    return _response(201, document, location)


class Creation:
    """A request that creates something: its write session, and an answer given once per
    Idempotency-Key (a retry replays it and creates nothing)."""

    def __init__(
        self,
        session: SessionDep,
        request: Request,
        caller: CallerDep,
        idempotency_key: IdempotencyKey = None,
    ) -> None:
        self.session = session
        self.request = request
        self.caller = caller
        self.key = idempotency_key

    def location(self, route: str, **params: object) -> str:
        """The path of a route of this app, as the created resource's `Location`."""
        path: str = self.request.app.url_path_for(route, **{k: str(v) for k, v in params.items()})
        return path

    async def respond(self, create: Produce) -> Response:
        """Run `create` (which returns the created body and its Location) and answer 201, or
        replay the first answer to this Idempotency-Key."""
        return await respond(
            session=self.session,
            request=self.request,
            key=self.key,
            produce=create,
            client=self.caller.client,
        )


CreationDep = Annotated[Creation, Depends()]
