"""The claim timeline of an event: statements in order, with the derived values kept on stances."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Uuid, bindparam, exists, or_, select

from app.enums import StanceKind
from app.errors import BadRequest, InvalidInput
from app.kit.db import UTCDateTime
from app.kit.pagination import PageRequest, decode_cursor, encode_cursor
from app.kit.reader import Query, Reader
from app.models import Stance as StanceRow
from app.models import Statement
from app.statements.queries import Document, documents, rows_of, statement_rows
from app.timelines.schemas import Order


def cursor_kind(order: Order, *, back: bool = False) -> str:
    return f"timeline-{order.value}-back" if back else f"timeline-{order.value}"


def reversed_order(order: Order) -> Order:
    return Order.desc if order is Order.asc else Order.asc


def cursor_position(order: Order, cursor: str) -> tuple[datetime, uuid.UUID, bool]:
    """Where a cursor points, and whether it asks for the page before that point (a
    `prev_cursor`) rather than the one after it."""
    for back in (False, True):
        try:
            said_at, statement_id = decode_cursor(cursor_kind(order, back=back), cursor, 2)
            break
        except BadRequest:
            if back:
                raise
    try:
        instant = datetime.fromisoformat(said_at)
        if instant.tzinfo is None:
            raise ValueError(said_at)
        return instant.astimezone(UTC), uuid.UUID(hex=statement_id), back
    except (ValueError, OverflowError):
        raise BadRequest("The cursor is not a cursor of this timeline.") from None


def instant_text(value: datetime | str) -> str:
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
    inclusive: bool = False,
) -> Query:
    """The page query for one combination of filters, compiled once each: from the start, or
    from just after (`inclusive`: at) the point `said_at`, `after`."""
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
            beyond = Statement.id >= last if inclusive else Statement.id > last
            query = query.where(
                Statement.said_at >= said_at, or_(Statement.said_at > said_at, beyond)
            )
        else:
            beyond = Statement.id <= last if inclusive else Statement.id < last
            query = query.where(
                Statement.said_at <= said_at, or_(Statement.said_at < said_at, beyond)
            )
    if order is Order.asc:
        query = query.order_by(Statement.said_at, Statement.id)
    else:
        query = query.order_by(Statement.said_at.desc(), Statement.id.desc())
    return Query(query.limit(bindparam("limit")))


_AT = Query(
    select(Statement.said_at).where(
        Statement.id == bindparam("id", type_=Uuid),
        Statement.event_id == bindparam("event_id", type_=Uuid),
    )
)


async def _point_of(reader: Reader, event_id: uuid.UUID, at: uuid.UUID) -> datetime:
    """The `said_at` of the statement `at=` names; a 422 there when the event has none."""
    rows = await reader.fetch(_AT, {"id": at, "event_id": event_id})
    if not rows:
        raise InvalidInput(f"The event has no statement with id {str(at)!r}.", loc=["query", "at"])
    said_at = rows[0][0]
    return said_at if isinstance(said_at, datetime) else datetime.fromisoformat(said_at)


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
    at: uuid.UUID | None = None,
) -> tuple[list[Document], str | None, str | None]:
    """A page of the timeline: `said_at`, then recording order (reversed for `desc`), with the
    cursors of the pages after it and before it.

    The page starts at the beginning, at the statement `at`, or where a cursor points: past
    the end of the page it came with (`next_cursor`), or just before its start (`prev_cursor`,
    read backwards, then turned round). Filters pick items; the derived values shown are those
    of the whole timeline.
    """
    filters = {
        "include_retracted": include_retracted,
        "since": since is not None,
        "until": until is not None,
        "speaker": speaker_id is not None,
        "claim": claim_id is not None,
        "stance": stance is not None,
    }
    params: dict[str, Any] = {
        "event_id": event_id,
        "since": since,
        "until": until,
        "speaker_id": speaker_id,
        "claim_id": claim_id,
        "stance": stance.value if stance is not None else None,
        "limit": page.limit + 1,
    }
    back, inclusive = False, False
    point: tuple[datetime, uuid.UUID] | None = None
    if page.cursor is not None:
        said_at, last, back = cursor_position(order, page.cursor)
        point = (said_at, last)
    elif at is not None:
        point, inclusive = (await _point_of(reader, event_id, at), at), True
    read_order = reversed_order(order) if back else order
    query = _timeline_query(read_order, **filters, after=point is not None, inclusive=inclusive)
    rows = await reader.fetch(
        query,
        {**params, "said_at": point[0] if point else None, "after": point[1] if point else None},
    )
    more = len(rows) > page.limit
    rows = list(rows[: page.limit])
    if back:
        rows.reverse()
    items = await _items(reader, rows)
    if not items:
        return items, None, None

    def cursor(item: Document, *, back: bool) -> str:
        shown = item["statement"]
        position = [instant_text(shown["said_at"]), shown["id"].replace("-", "")]
        return encode_cursor(cursor_kind(order, back=back), position)

    async def beyond(item: Document, direction: Order) -> bool:
        shown = item["statement"]
        edge = (datetime.fromisoformat(instant_text(shown["said_at"])), uuid.UUID(shown["id"]))
        probe = _timeline_query(direction, **filters, after=True)
        found = await reader.fetch(
            probe, {**params, "said_at": edge[0], "after": edge[1], "limit": 1}
        )
        return bool(found)

    # Read backwards, the page has more before it when the read had more; after it, at least
    # the page the cursor came from (unless that was since retracted). Read forwards from the
    # start, nothing is before it.
    if back:
        later = await beyond(items[-1], order)
        earlier = more
    else:
        later = more
        earlier = point is not None and await beyond(items[0], reversed_order(order))
    next_cursor = cursor(items[-1], back=False) if later else None
    prev_cursor = cursor(items[0], back=True) if earlier else None
    return items, next_cursor, prev_cursor


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
