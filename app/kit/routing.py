"""The route class every API route uses: it checks the body's media type and commits writes."""

import email.message
import json
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import Conflict, NotFound, UnsupportedMediaType
from app.kit.db import WRITE_SESSION_SCOPE_KEY

logger = logging.getLogger("claimline.routing")


class _JsonBodyRequest(Request):
    """A request whose JSON body is validated from its bytes, as fast as pydantic does it.

    FastAPI reads the body with `json()` and validates the value it gets; a model instance
    passes that validation as it is. Any body the model refuses (or that is not JSON to
    pydantic's parser) is read as before with `json.loads`, so that FastAPI reports exactly the
    errors it always did: only bodies that validate take the fast path."""

    def __init__(self, request: Request, model: type[BaseModel], body: bytes) -> None:
        super().__init__(request.scope, request.receive)
        self._body = body
        self._model = model

    async def json(self) -> Any:
        try:
            return self._model.model_validate_json(self._body)
        except ValidationError:
            return json.loads(self._body)


def _body_model(route: APIRoute) -> type[BaseModel] | None:
    """The model of a route's whole JSON body, if it is one."""
    if route.body_field is None or getattr(route, "_embed_body_fields", False):
        return None
    annotation = route.body_field.field_info.annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _is_json(content_type: str | None) -> bool:
    if not content_type:
        return False
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


async def commit(session: AsyncSession) -> None:
    """Commit the request's transaction; a failure is an error response, never a success."""
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        raise Conflict("The change conflicts with data written meanwhile; try again.") from None
    except DBAPIError:
        await session.rollback()
        raise


PATH_PARAMETER_MAX_LENGTH = 100


class CommittingRoute(APIRoute):
    """Refuses non-JSON bodies with 415, and commits the write session before the response goes.

    The commit happens here rather than after a dependency's `yield`, which runs only once the
    response has been sent: a commit that fails must turn into an error response, not a 201.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        takes_body = self.body_field is not None
        model = _body_model(self)

        async def handle(request: Request) -> Response:
            for name, value in request.path_params.items():
                # Ids are 36 characters and slugs at most 80: a longer reference names nothing,
                # and the answer does not echo it.
                if isinstance(value, str) and len(value) > PATH_PARAMETER_MAX_LENGTH:
                    raise NotFound(f"No {name} has a reference of {len(value)} characters.")
            if takes_body and (body := await request.body()):
                if not _is_json(request.headers.get("content-type")):
                    raise UnsupportedMediaType("The request body must be application/json.")
                if model is not None:
                    request = _JsonBodyRequest(request, model, body)
            response = await handler(request)
            session = request.scope.get(WRITE_SESSION_SCOPE_KEY)
            if isinstance(session, AsyncSession) and response.status_code < 400:
                await commit(session)
                metrics = getattr(request.app.state, "metrics", None)
                if metrics is not None:
                    metrics.committed(request)
                # What the app does once a write is in (`app.changes.feed`): tell this instance
                # what changed, and the headers the answer carries.
                after_commit = getattr(request.app.state, "after_commit", None)
                if after_commit is not None:
                    response.headers.update(after_commit(session))
            return response

        return handle


class HeadAsGetMiddleware:
    """Answers HEAD like GET without the body, for every GET route (FastAPI routes only GET)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        as_get = {**scope, "method": "GET"}
        try:
            await self.app(as_get, receive, send_headers_only)
        finally:
            # What routing found, for the middlewares outside (metrics count by route).
            if "route" in as_get:
                scope["route"] = as_get["route"]
