"""`GET /v1/events/{event}/stream`: the changes of an event (statements recorded and retracted,
its details updated, claims created), as Server-Sent Events, live; each instance reads a change
once for all its subscribers of the event (`app.streams.broadcast`)."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import bindparam, select

from app.changes.feed import STOPPING, ChangeFeed
from app.changes.views import newest_change
from app.deps import DatabaseDep
from app.enums import Change
from app.errors import NotFound, problem_responses
from app.events import queries as event_queries
from app.kit.auth import caller
from app.kit.db import Database
from app.kit.reader import Query as ReadQuery
from app.kit.reader import uuid_text
from app.kit.routing import PATH_PARAMETER_MAX_LENGTH
from app.models import EventChange
from app.streams.broadcast import BATCH, Broadcaster
from app.timelines.queries import items_of

router = APIRouter(tags=["views"], dependencies=[Depends(caller)])

EVENT_STREAM = "text/event-stream"
# A comment line this often keeps proxies from closing a quiet stream.
HEARTBEAT_SECONDS = 15.0
# A client that reconnects waits this long first (milliseconds).
RETRY_MS = 2000

# The changes a stream sends: all of an event's own (those of every event are not its own).
STREAMED = (
    Change.recorded,
    Change.retracted,
    Change.event_updated,
    Change.claim_created,
    Change.review_added,
)
_CHANGES = ReadQuery(
    select(EventChange.seq, uuid_text(EventChange.statement_id), EventChange.change)
    .where(
        EventChange.event_id == bindparam("event_id"),
        EventChange.seq > bindparam("after"),
    )
    .order_by(EventChange.seq)
    .limit(bindparam("limit"))
)

STREAM_DESCRIPTION = """\
Server-Sent Events (`text/event-stream`), one per change of the event, on any instance, in the
order they were committed:

```
id: 42
event: recorded
data: {"seq": 42, "change": "recorded", "item": {"statement": {…}, "party": {…}, "stances": […]}}
```

`event` is `recorded` or `retracted` (with `item`, the statement as a timeline item with the
values computed now: a statement said before others changes theirs too, re-read the timeline for
them), or `event_updated`, `claim_created` or `review_added` (`{seq, change}`: re-read the
event, its claims or its comparison). The stream opens with `event: ready` whose `id` is the
position it starts from. A client that reconnects with `Last-Event-ID` (browsers' EventSource
do) or `?after=` gets every change after that position first, so it misses nothing; a position
past the newest change (the database was restored from a backup) gets `event: reload` (`{seq,
event_id}`): what the client shows may be gone, so it reloads its views and the stream goes on
from the newest change. A comment line every 15 s keeps the connection alive. Changes made
before the stream existed in this database are not replayed: read the timeline for them.
"""

# The events of the stream that are not changes.
READY, RELOAD = "ready", "reload"

# Each event of the stream (its fields, as an EventSource delivers them).
SERVER_SENT_EVENT: dict[str, Any] = {
    "type": "object",
    "description": "One Server-Sent Event: `data` is JSON, `{seq, event_id}` for `ready` and "
    "`reload`, `{seq, change, item}` for `recorded` and `retracted` (`item` a timeline item), "
    "`{seq, change}` for the other changes.",
    "required": ["id", "event", "data"],
    "properties": {
        "id": {"type": "string", "pattern": "^[0-9]+$"},
        "event": {
            "type": "string",
            "enum": [READY, RELOAD, *(change.value for change in STREAMED)],
        },
        "data": {"type": "string", "contentMediaType": "application/json"},
    },
}


def _message(seq: int, event: str, data: Any) -> bytes:
    return b"id: %d\nevent: %s\ndata: %s\n\n" % (seq, event.encode(), orjson.dumps(data))


async def _messages_after(database: Database, event_id: str, after: int) -> list[tuple[int, bytes]]:
    """The messages of the event's changes after `after` (at most a batch), read once."""
    async with database.reader() as reader:
        params = {"event_id": uuid.UUID(event_id), "after": after, "limit": BATCH}
        changes = [
            (int(seq), statement, str(change))
            for seq, statement, change in await reader.fetch(_CHANGES, params)
        ]
        items = iter(await items_of(reader, [s for _, s, _ in changes if s is not None]))
    messages = []
    for seq, statement, change in changes:
        data: dict[str, Any] = {"seq": seq, "change": change}
        if statement is not None:
            data["item"] = next(items)
        messages.append((seq, _message(seq, change, data)))
    return messages


@router.get(
    "/v1/events/{event}/stream",
    summary="The event's changes, live (Server-Sent Events)",
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
    """Statements recorded and retracted in the event, and its other changes, as they happen."""
    if len(event) > PATH_PARAMETER_MAX_LENGTH:
        raise NotFound(f"No event has a reference of {len(event)} characters.")
    if last_event_id is not None:
        after = int(last_event_id)
    async with database.reader() as reader:
        found = await event_queries.document(reader=reader, ref=event)
        event_id = str(found["id"])
        newest = await newest_change(reader, event_id)
    feed: ChangeFeed = request.app.state.change_feed
    await feed.start(database.readers)
    broadcaster: Broadcaster = request.app.state.broadcaster

    async def read_after(position: int) -> list[tuple[int, bytes]]:
        return await _messages_after(database, event_id, position)

    async def messages(position: int | None) -> AsyncIterator[bytes]:
        yield b"retry: %d\n\n" % RETRY_MS
        if position is not None and position > newest:
            # Past the newest change: the database is not the one the client saw.
            yield _message(newest, RELOAD, {"seq": newest, "event_id": event_id})
            position = None
        if position is None:
            position = newest
        yield _message(position, READY, {"seq": position, "event_id": event_id})
        async with broadcaster.subscribe(feed, event_id, newest, read_after) as (queue, live):
            # What came before the channel's position, this client reads itself.
            while position < live:
                backlog = [m for m in await read_after(position) if m[0] <= live]
                for seq, message in backlog:
                    yield message
                    position = seq
                if not backlog:
                    break
            stopping = STOPPING.waiter()
            while not STOPPING.stopping:
                got = asyncio.ensure_future(queue.get())
                stop = asyncio.ensure_future(stopping.wait())
                try:
                    await asyncio.wait(
                        {got, stop}, timeout=HEARTBEAT_SECONDS, return_when="FIRST_COMPLETED"
                    )
                finally:
                    stop.cancel()
                    if not got.done():
                        got.cancel()
                if not got.done() or got.cancelled():
                    if not STOPPING.stopping:
                        yield b": heartbeat\n\n"
                    continue
                received = got.result()
                if received is None:
                    # Too far behind: the client reconnects with Last-Event-ID.
                    return
                seq, message = received
                if seq > position:
                    yield message
                    position = seq

    return StreamingResponse(
        messages(after),
        media_type=EVENT_STREAM,
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
