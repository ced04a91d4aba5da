"""Keyset pagination with opaque cursors, shared by every list."""

import base64
import binascii
import json
import uuid
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query
from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.errors import BadRequest

DEFAULT_LIMIT = 50
T = TypeVar("T")
MAX_LIMIT = 200


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


async def fetch_page(
    session: AsyncSession,
    statement: Select[T],
    *,
    key: InstrumentedAttribute[uuid.UUID],
    kind: str,
    page: PageRequest,
) -> tuple[list[T], str | None]:
    """One page of `statement` in ascending `key` order, and the cursor of the next page."""
    if page.cursor is not None:
        statement = statement.where(key > decode_id_cursor(kind, page.cursor))
    statement = statement.order_by(key).limit(page.limit + 1)
    rows: list[Any] = list((await session.scalars(statement)).all())
    if len(rows) <= page.limit:
        return rows, None
    rows = rows[: page.limit]
    return rows, encode_cursor(kind, [getattr(rows[-1], key.key).hex])
