"""Entity tags for single resources: conditional GET (304) and conditional PATCH (412).

An ETag is a hash of the representation, so a created resource, its read and its replayed
creation all carry the same one."""

import hashlib
from typing import Any, TypeVar

from pydantic import BaseModel
from starlette.responses import Response

from app.errors import PreconditionFailed
from app.kit.responses import DocumentResponse, dump

ModelT = TypeVar("ModelT", bound=BaseModel)


def _listed(header: str) -> list[str]:
    return [item.strip().removeprefix("W/") for item in header.split(",") if item.strip()]


def none_match(if_none_match: str | None, etag: str) -> bool:
    """Whether a GET with this If-None-Match should be answered 304 (weak comparison)."""
    if if_none_match is None:
        return False
    tags = _listed(if_none_match)
    return "*" in tags or etag in tags


def require_match(if_match: str | None, etag: str) -> None:
    """Refuse a write whose If-Match names another version (strong comparison)."""
    if if_match is None:
        return
    tags = [item.strip() for item in if_match.split(",") if item.strip()]
    if "*" not in tags and etag not in tags:
        raise PreconditionFailed(
            f"The resource has changed: its current ETag is {etag}; read it again and retry."
        )


def etag_of_document(document: Any) -> str:
    """The strong entity tag of a JSON representation without a version: a hash of its JSON."""
    return '"' + hashlib.sha256(dump(document, sort_keys=True)).hexdigest()[:32] + '"'


def etag_of_body(model: BaseModel) -> str:
    """The strong entity tag of a response model without a version."""
    return etag_of_document(model.model_dump(mode="json"))


def conditional(
    shown: ModelT, etag: str, if_none_match: str | None, response: Response
) -> ModelT | Response:
    """A GET's answer: 304 with the ETag when the client's copy is current, else the body."""
    if none_match(if_none_match, etag):
        return Response(status_code=304, headers={"ETag": etag})
    response.headers["ETag"] = etag
    return shown


def conditional_document(document: Any, if_none_match: str | None) -> Response:
    """A GET's answer for a plain document: 304 when the client's copy is current."""
    etag = etag_of_document(document)
    if none_match(if_none_match, etag):
        return Response(status_code=304, headers={"ETag": etag})
    return DocumentResponse(document, headers={"ETag": etag})
