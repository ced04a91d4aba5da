"""Keyset pagination with opaque cursors, shared by every list."""

import base64
import binascii
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query
from sqlalchemy import Select, Uuid, bindparam

from app.errors import BadRequest
from app.kit.reader import Query as ReadQuery
from app.kit.reader import Reader

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
DocumentT = TypeVar("DocumentT", bound=Mapping[str, Any])


@dataclass(frozen=True)
class PageRequest:
    """Which page a client asked for."""

    limit: int
    cursor: str | None


async def page_request(
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="Items per page, 1 to 200.")
    ] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None,
        Query(max_length=512, description="The `next_cursor` of the previous page."),
    ] = None,
) -> PageRequest:
    """Read `limit` and `cursor` from the query string."""
    return PageRequest(limit=limit, cursor=cursor)


PageDep = Annotated[PageRequest, Depends(page_request)]


def encode_cursor(kind: str, position: list[str]) -> str:
    """An opaque cursor pointing just past `position` in a list of `kind`."""
    raw = json.dumps({"k": kind, "p": position}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str, size: int) -> list[str]:
    """The position a cursor points past; a 400 if it is not one of this list's cursors."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
        position = payload["p"]
        if (
            payload.get("k") != kind
            or not isinstance(position, list)
            or len(position) != size
            or not all(isinstance(part, str) for part in position)
        ):
            raise ValueError(kind)
        return position
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        raise BadRequest(f"The cursor is not a cursor of this {kind} list.") from None


def decode_id_cursor(kind: str, cursor: str) -> uuid.UUID:
    """The id an id-keyed cursor points past."""
    [value] = decode_cursor(kind, cursor, 1)
    try:
        return uuid.UUID(hex=value)
    except ValueError:
        raise BadRequest(f"The cursor is not a cursor of this {kind} list.") from None


@dataclass(frozen=True)
class IdPages:
    """The read queries of a list paged by id: its first page, and the pages after a cursor."""

    kind: str
    first: ReadQuery
    after: ReadQuery


def id_pages(kind: str, statement: Select[*tuple[Any, ...]], key: Any) -> IdPages:
    """The queries of `statement` in ascending `key` order, `limit` rows a page; pages after a
    cursor start past the `after` id. Two queries rather than an optional bound: each is compiled
    once and keeps to the key's index."""
    after = statement.where(key > bindparam("after", type_=Uuid))
    return IdPages(
        kind=kind,
        first=ReadQuery(statement.order_by(key).limit(bindparam("limit"))),
        after=ReadQuery(after.order_by(key).limit(bindparam("limit"))),
    )


async def read_page(
    reader: Reader,
    pages: IdPages,
    params: Mapping[str, Any],
    page: PageRequest,
    shown: Callable[[Sequence[Any]], DocumentT],
) -> tuple[list[DocumentT], str | None]:
    """One page of a list (`id_pages`) as documents (`shown` of each row, with its `"id"`), and
    the cursor of the next page."""
    after = decode_id_cursor(pages.kind, page.cursor) if page.cursor is not None else None
    query = pages.first if after is None else pages.after
    rows = await reader.fetch(query, {**params, "after": after, "limit": page.limit + 1})
    items = [shown(row) for row in rows[: page.limit]]
    if len(rows) <= page.limit:
        return items, None
    return items, encode_cursor(pages.kind, [uuid.UUID(items[-1]["id"]).hex])
