"""`GET /v1/events/{event}/stream`: the statements recorded and retracted in an event, as
Server-Sent Events, live."""

import time
import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import bindparam, func, literal_column, select

from app.changes.feed import ChangeFeed
from app.deps import DatabaseDep
from app.errors import problem_responses
from app.events import queries as event_queries
from app.kit.auth import caller
from app.kit.reader import Query as ReadQuery
from app.kit.reader import Reader, uuid_text
from app.models import EventChange
from app.timelines.queries import items_of

router = APIRouter(tags=["views"], dependencies=[Depends(caller)])

EVENT_STREAM = "text/event-stream"
# A comment line this often keeps proxies from closing a quiet stream.
HEARTBEAT_SECONDS = 15.0
# A client that reconnects waits this long first (milliseconds).
RETRY_MS = 2000
BATCH = 200

_LAST = ReadQuery(
    select(func.coalesce(func.max(EventChange.seq), literal_column("0"))).where(
        EventChange.event_id == bindparam("event_id")
    )
)
_CHANGES = ReadQuery(
    select(EventChange.seq, uuid_text(EventChange.statement_id), EventChange.change)
    .where(EventChange.event_id == bindparam("event_id"), EventChange.seq > bindparam("after"))
    .order_by(EventChange.seq)
    .limit(bindparam("limit"))
)

STREAM_DESCRIPTION = """\
Server-Sent Events (`text/event-stream`), one per statement of the event recorded or retracted,
on any instance, in the order they were committed:

```
id: 42
event: recorded
data: {"seq": 42, "change": "recorded", "item": {"statement": {…}, "party": {…}, "stances": […]}}
```

`event` is `recorded` or `retracted`; `item` is the statement as a timeline item, with the
values computed now (a statement said before others changes theirs too: re-read the timeline for
them). The stream opens with `event: open` whose `id` is the position it starts from. A client
that reconnects with `Last-Event-ID` (browsers' EventSource do) or `?after=` gets every change
after that position first, so it misses nothing. A comment line every 15 s keeps the connection
alive. Statements recorded before the stream existed in this database are not replayed: read the
timeline for them.
"""


# Each event of the stream (its fields, as an EventSource delivers them).
SERVER_SENT_EVENT: dict[str, Any] = {
    "type": "object",
    "description": "One Server-Sent Event: `data` is JSON, `{seq, event_id}` for `open`, "
    "`{seq, change, item}` for `recorded` and `retracted` (`item` a timeline item).",
    "required": ["id", "event", "data"],
    "properties": {
        "id": {"type": "string", "pattern": "^[0-9]+$"},
        "event": {"type": "string", "enum": ["open", "recorded", "retracted"]},
        "data": {"type": "string", "contentMediaType": "application/json"},
    },
}


def _message(seq: int, event: str, data: Any) -> bytes:
    return b"id: %d\nevent: %s\ndata: %s\n\n" % (seq, event.encode(), orjson.dumps(data))


async def _changes(reader: Reader, event_id: str, after: int) -> list[tuple[int, str, str]]:
    params = {"event_id": uuid.UUID(event_id), "after": after, "limit": BATCH}
    rows = await reader.fetch(_CHANGES, params)
    return [(int(row[0]), row[1], str(row[2])) for row in rows]


@router.get(
    "/v1/events/{event}/stream",
    summary="The event's statements, live (Server-Sent Events)",
    description=STREAM_DESCRIPTION,
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "An endless stream of events.",
            "content": {EVENT_STREAM: {"schema": SERVER_SENT_EVENT}},
        },
        **problem_responses(404, 422),
    },
)
async def stream_event(
    event: str,
    request: Request,
    database: DatabaseDep,
    last_event_id: Annotated[
        str | None,
        Header(
            alias="Last-Event-ID",
            max_length=18,
            pattern=r"^[0-9]{1,18}$",
            description="The `id` of the last event received: the stream resumes after it.",
        ),
    ] = None,
    after: Annotated[
        int | None,
        Query(ge=0, le=2**62, description="Resume after this position (as `Last-Event-ID`)."),
    ] = None,
) -> StreamingResponse:
    """Statements recorded and retracted in the event, as they happen."""
    if last_event_id is not None:
        after = int(last_event_id)
    async with database.reader() as reader:
        found = await event_queries.document(reader=reader, ref=event)
        event_id = str(found["id"])
        if after is None:
            after = int((await reader.fetch(_LAST, {"event_id": uuid.UUID(event_id)}))[0][0])
    feed: ChangeFeed = request.app.state.change_feed

    async def messages(position: int) -> AsyncIterator[bytes]:
        yield b"retry: %d\n\n" % RETRY_MS
        yield _message(position, "open", {"seq": position, "event_id": event_id})
        async with feed.subscribe(uuid.UUID(event_id)) as subscription:
            quiet_since = time.monotonic()
            while not subscription.stopped:
                async with database.reader() as reader:
                    changes = await _changes(reader, event_id, position)
                    items = await items_of(reader, [statement for _, statement, _ in changes])
                for (seq, _, change), item in zip(changes, items, strict=True):
                    yield _message(seq, change, {"seq": seq, "change": change, "item": item})
                    position = seq
                if changes:
                    quiet_since = time.monotonic()
                    if len(changes) == BATCH:
                        continue
                elif time.monotonic() - quiet_since >= HEARTBEAT_SECONDS:
                    yield b": heartbeat\n\n"
                    quiet_since = time.monotonic()
                await subscription.wait(HEARTBEAT_SECONDS)

    return StreamingResponse(
        messages(after),
        media_type=EVENT_STREAM,
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
