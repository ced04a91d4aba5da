"""One family of application errors, all answered as RFC 9457 problem+json."""

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from app.kit.fields import UNION_TAGS

logger = logging.getLogger("claimline.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:claimline:problem:"


class ProblemError(BaseModel):
    """One reason a request was invalid."""

    loc: list[str | int] = Field(
        description="Where the error is: body, query, path or header, "
        "then field names and list indexes."
    )
    msg: str
    type: str


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = Field(examples=["urn:claimline:problem:not-found"])
    title: str
    status: int
    detail: str


class ValidationProblem(Problem):
    """A problem document for invalid input, listing each error."""

    errors: list[ProblemError]


class AppError(Exception):
    """An error the API answers with a problem document of its own type."""

    status = 500
    code = "internal-error"
    title = "Internal error"
    model: type[Problem] = Problem

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        """The problem document."""
        return problem_body(self.status, self.code, self.title, self.detail)


class BadRequest(AppError):
    status, code, title = 400, "bad-request", "Bad request"


class Unauthorized(AppError):
    status, code, title = 401, "unauthorized", "Unauthorized"


class Forbidden(AppError):
    status, code, title = 403, "forbidden", "Forbidden"


class NotFound(AppError):
    status, code, title = 404, "not-found", "Not found"


class Conflict(AppError):
    status, code, title = 409, "conflict", "Conflict"


class PreconditionFailed(AppError):
    status, code, title = 412, "precondition-failed", "Precondition failed"


class ContentTooLarge(AppError):
    status, code, title = 413, "content-too-large", "Content too large"


class UnsupportedMediaType(AppError):
    status, code, title = 415, "unsupported-media-type", "Unsupported media type"


class TooManyRequests(AppError):
    status, code, title = 429, "too-many-requests", "Too many requests"


class ServiceUnavailable(AppError):
    status, code, title = 503, "service-unavailable", "Service unavailable"


Loc = list[str | int]


class InvalidInput(AppError):
    """Input that is well-formed but breaks a rule the schema cannot express."""

    status, code, title = 422, "invalid-input", "Invalid input"
    model = ValidationProblem

    def __init__(self, detail: str, *, loc: Loc) -> None:
        super().__init__(detail)
        self.loc = loc

    def body(self) -> dict[str, Any]:
        body = super().body()
        body["errors"] = [{"loc": self.loc, "msg": self.detail, "type": "value_error"}]
        return body


_CODES_BY_STATUS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    412: "precondition-failed",
    413: "content-too-large",
    415: "unsupported-media-type",
    422: "invalid-input",
    429: "too-many-requests",
    500: "internal-error",
    503: "service-unavailable",
}


def is_batch_path(path: str) -> bool:
    """Whether a path takes a batch: a larger body limit, and errors located from the item."""
    return path.rstrip("/").endswith("/batch")


def problem_body(status: int, code: str, title: str, detail: str) -> dict[str, Any]:
    """The members every problem document has."""
    return {"type": PROBLEM_TYPE_PREFIX + code, "title": title, "status": status, "detail": detail}


def problem_response(
    body: dict[str, Any], *, headers: dict[str, str] | None = None
) -> JSONResponse:
    """A problem document as a response."""
    return JSONResponse(
        body, status_code=body["status"], headers=headers, media_type=PROBLEM_MEDIA_TYPE
    )


def status_problem(status: int, detail: str | None = None) -> dict[str, Any]:
    """A problem document for a bare HTTP status."""
    phrase = HTTPStatus(status).phrase
    code = _CODES_BY_STATUS.get(status, phrase.lower().replace(" ", "-"))
    return problem_body(status, code, phrase, detail or phrase)


def _allowed_methods(request: Request) -> str:
    """Every method some route serves at this path, for a 405's Allow header.

    Starlette stops at the first route whose path matches, so its own Allow lists only that
    route's methods; the app records every route's path pattern and methods for this.
    """
    matching = [
        (pattern, route_methods)
        for pattern, route_methods in getattr(request.app.state, "route_methods", ())
        if pattern.match(request.url.path)
    ]
    # A literal path (`/v1/statements/batch`) is its own resource, not a value of `{statement}`.
    literal = [(p, m) for p, m in matching if "(?P<" not in p.pattern]
    methods: set[str] = set()
    for _, route_methods in literal or matching:
        methods.update(route_methods)
    if "GET" in methods:
        methods.add("HEAD")
    return ", ".join(sorted(methods))


async def _handle_app_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AppError)
    return problem_response(exc.body(), headers=exc.headers)


async def _handle_http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = _allowed_methods(request)
    if exc.status_code in (204, 304) or exc.status_code < 400:
        return Response(status_code=exc.status_code, headers=headers)
    detail: str | None = exc.detail if isinstance(exc.detail, str) else None
    if detail == HTTPStatus(exc.status_code).phrase:
        detail = None
    return problem_response(status_problem(exc.status_code, detail), headers=headers)


def _error_location(loc: tuple[Any, ...], *, batch: bool) -> list[str | int]:
    parts: list[str | int] = [
        part if isinstance(part, int) else str(part) for part in loc if part not in UNION_TAGS
    ]
    # In a batch, an item's errors are located from the item's index: [3, "speaker"].
    if batch and len(parts) > 2 and parts[0] == "body" and isinstance(parts[2], int):
        return parts[2:]
    return parts


def error_location(loc: tuple[Any, ...]) -> list[str | int]:
    """Where a validation error is, as the API reports it (union tags left out)."""
    return _error_location(loc, batch=False)


async def _handle_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    if any(error.get("type") == "json_invalid" for error in errors):
        detail = "The request body is not valid JSON."
        for error in errors:
            context = error.get("ctx") or {}
            if "error" in context:
                detail = f"The request body is not valid JSON: {context['error']}."
        return problem_response(problem_body(400, "malformed-json", "Malformed JSON", detail))
    body = problem_body(422, "invalid-input", "Invalid input", "The request is not valid.")
    batch = is_batch_path(request.url.path)
    # Inputs are not echoed back: they may be huge or hold what the client should not see again.
    body["errors"] = [
        {
            "loc": _error_location(tuple(error.get("loc", ())), batch=batch),
            "msg": str(error.get("msg", "invalid")).removeprefix("Value error, "),
            "type": str(error.get("type", "value_error")),
        }
        for error in errors
    ]
    if len(errors) == 1:
        error = body["errors"][0]
        body["detail"] = f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}"
    return problem_response(body)


_UNAVAILABLE_STATES = frozenset({"53300", "57P01", "57P02", "57P03"})
# A deadlock victim and a serialization failure: the transaction is rolled back, retry it.
_RETRY_STATES = frozenset({"40P01", "40001"})
# PostgreSQL's `statement_timeout` cancels with 57014; SQLite's progress handler interrupts.
_QUERY_CANCELED = "57014"


def took_too_long(exc: Exception) -> bool:
    """Whether a database error is a statement stopped by the statement timeout."""
    if not isinstance(exc, DBAPIError):
        return False
    original = exc.orig
    if getattr(original, "sqlstate", None) == _QUERY_CANCELED:
        return True
    return isinstance(exc, OperationalError) and str(original) == "interrupted"


async def _handle_database_error(request: Request, exc: Exception) -> Response:
    if took_too_long(exc):
        logger.warning("database statement timed out")
        return problem_response(
            status_problem(503, "The database took too long to answer; try again."),
            headers={"Retry-After": "1"},
        )
    if isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) in _RETRY_STATES:
        # The database rolled the write back to let a concurrent one through: nothing is half
        # written, and the same request sent again goes through.
        logger.warning("write rolled back by the database: %s", exc.orig.sqlstate)  # type: ignore[union-attr]
        return problem_response(
            status_problem(409, "The write crossed a concurrent one; send it again."),
            headers={"Retry-After": "1"},
        )
    unavailable = isinstance(exc, OperationalError | InterfaceError | PoolTimeoutError | OSError)
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        unavailable = True
    # Server-side refusals to connect: too many connections, starting up or shutting down.
    if isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) in _UNAVAILABLE_STATES:
        unavailable = True
    if unavailable:
        logger.warning("database unavailable: %s", type(exc).__name__)
        return problem_response(
            status_problem(503, "The database is unavailable; try again shortly."),
            headers={"Retry-After": "1"},
        )
    logger.exception("database error", exc_info=exc)
    return problem_response(status_problem(500, "An internal error occurred."))


async def _handle_unexpected_error(request: Request, exc: Exception) -> Response:
    logger.exception("unhandled error", exc_info=exc)
    return problem_response(status_problem(500, "An internal error occurred."))


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error, ours or the framework's, as a problem document."""
    app.add_exception_handler(AppError, _handle_app_error)
    app.add_exception_handler(StarletteHTTPException, _handle_http_exception)
    app.add_exception_handler(RequestValidationError, _handle_validation_error)
    app.add_exception_handler(DBAPIError, _handle_database_error)
    app.add_exception_handler(PoolTimeoutError, _handle_database_error)
    app.add_exception_handler(OSError, _handle_database_error)
    app.add_exception_handler(Exception, _handle_unexpected_error)


def problem_responses(*statuses: int, open_route: bool = False) -> dict[int | str, dict[str, Any]]:
    """The `responses=` entry documenting these error statuses, the 401 and 403 of API keys
    (unless the route is open to all), and the 503 of a database outage, as problem documents."""
    documented: dict[int | str, dict[str, Any]] = {}
    for status in (*statuses, *(() if open_route else (401, 403, 429)), 503):
        model = ValidationProblem if status == 422 else Problem
        documented[status] = {"model": model, "description": HTTPStatus(status).phrase}
    return documented
