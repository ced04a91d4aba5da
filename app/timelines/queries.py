"""The claim timeline of an event: statements in order, with the derived values kept on stances."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Uuid, bindparam, exists, or_

from app.enums import StanceKind
from app.errors import BadRequest
from app.kit.db import UTCDateTime
from app.kit.pagination import PageRequest, decode_cursor, encode_cursor
from app.kit.reader import Query, Reader
from app.models import Stance as StanceRow
from app.models import Statement
from app.statements.queries import Document, documents, rows_of, statement_rows
from app.timelines.schemas import Order


def _cursor_kind(order: Order) -> str:
    return f"timeline-{order.value}"


def _position(order: Order, cursor: str) -> tuple[datetime, uuid.UUID]:
    said_at, statement_id = decode_cursor(_cursor_kind(order), cursor, 2)
    try:
        instant = datetime.fromisoformat(said_at)
        if instant.tzinfo is None:
            raise ValueError(said_at)
        return instant.astimezone(UTC), uuid.UUID(hex=statement_id)
    except (ValueError, OverflowError):
        raise BadRequest("The cursor is not a cursor of this timeline.") from None


def _instant_text(value: datetime | str) -> str:
    # PostgreSQL rows carry datetimes, SQLite rows RFC 3339 text: either reads back the same.
    return value.isoformat() if isinstance(value, datetime) else value


@cache
def _timeline_query(
    order: Order,
    *,
    include_retracted: bool,
    since: bool,
    until: bool,
    speaker: bool,
    claim: bool,
    stance: bool,
    after: bool,
) -> Query:
    """The page query for one combination of filters, compiled once each."""
    query = statement_rows().where(Statement.event_id == bindparam("event_id", type_=Uuid))
    instant = UTCDateTime()
    if not include_retracted:
        query = query.where(Statement.retracted_at.is_(None))
    if since:
        query = query.where(Statement.said_at >= bindparam("since", type_=instant))
    if until:
        query = query.where(Statement.said_at <= bindparam("until", type_=instant))
    if speaker:
        source = bindparam("speaker_id", type_=Uuid)
        query = query.where(or_(Statement.speaker_id == source, Statement.party_id == source))
    if claim or stance:
        matching = exists().where(StanceRow.statement_id == Statement.id)
        if claim:
            matching = matching.where(StanceRow.claim_id == bindparam("claim_id", type_=Uuid))
        if stance:
            matching = matching.where(StanceRow.stance == bindparam("stance"))
        query = query.where(matching)
    if after:
        said_at, last = bindparam("said_at", type_=instant), bindparam("after", type_=Uuid)
        # The plain range bound lets the index seek to the cursor instead of scanning up to it.
        if order is Order.asc:
            query = query.where(
                Statement.said_at >= said_at, or_(Statement.said_at > said_at, Statement.id > last)
            )
        else:
            query = query.where(
                Statement.said_at <= said_at, or_(Statement.said_at < said_at, Statement.id < last)
            )
    if order is Order.asc:
        query = query.order_by(Statement.said_at, Statement.id)
    else:
        query = query.order_by(Statement.said_at.desc(), Statement.id.desc())
    return Query(query.limit(bindparam("limit")))


async def timeline(
    *,
    reader: Reader,
    event_id: uuid.UUID,
    order: Order,
    since: datetime | None,
    until: datetime | None,
    speaker_id: uuid.UUID | None,
    claim_id: uuid.UUID | None,
    stance: StanceKind | None,
    include_retracted: bool,
    page: PageRequest,
) -> tuple[list[Document], str | None]:
    """A page of the timeline: `said_at`, then recording order (reversed for `desc`).

    Filters pick items; the derived values shown are those of the whole timeline.
    """
    said_at, after = _position(order, page.cursor) if page.cursor is not None else (None, None)
    query = _timeline_query(
        order,
        include_retracted=include_retracted,
        since=since is not None,
        until=until is not None,
        speaker=speaker_id is not None,
        claim=claim_id is not None,
        stance=stance is not None,
        after=after is not None,
    )
    params: dict[str, Any] = {
        "event_id": event_id,
        "since": since,
        "until": until,
        "speaker_id": speaker_id,
        "claim_id": claim_id,
        "stance": stance.value if stance is not None else None,
        "said_at": said_at,
        "after": after,
        "limit": page.limit + 1,
    }
    rows = await reader.fetch(query, params)
    more = len(rows) > page.limit
    items = await _items(reader, rows[: page.limit])
    next_cursor = None
    if more:
        last = items[-1]["statement"]
        position = [_instant_text(last["said_at"]), last["id"].replace("-", "")]
        next_cursor = encode_cursor(_cursor_kind(order), position)
    return items, next_cursor


async def _items(reader: Reader, rows: Sequence[Any]) -> list[Document]:
    statements, stances = await documents(reader, rows, derived=True)
    return [
        {
            "statement": statement,
            "party": statement["on_behalf_of"] or statement["speaker"],
            "stances": stances.get(statement["id"], []),
        }
        for statement in statements
    ]


async def items_of(reader: Reader, ids: Sequence[str]) -> list[Document]:
    """Timeline items of these statements (ids as text), in the order given."""
    if not ids:
        return []
    return await _items(reader, await rows_of(reader, ids))
