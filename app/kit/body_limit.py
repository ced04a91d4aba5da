"""A cap on request body size, answered with a 413 problem before the body is read in full."""

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import is_batch_path, problem_response, status_problem


class BodyLimitMiddleware:
    """Refuses bodies over `limit` bytes (`batch_limit` on paths ending in `/batch`)."""

    def __init__(self, app: ASGIApp, *, limit: int, batch_limit: int) -> None:
        self.app = app
        self.limit = limit
        self.batch_limit = batch_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.batch_limit if is_batch_path(scope["path"]) else self.limit
        detail = "The request body is larger than {limit} bytes."
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                response = problem_response(
                    status_problem(413, detail.format(limit=limit)),
                    headers={"Connection": "close"},
                )
                await response(scope, receive, send)
                return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Raised inside the body read, it reaches the app's problem handler.
                    raise HTTPException(413, detail.format(limit=limit))
            return message

        await self.app(scope, limited_receive, send)
