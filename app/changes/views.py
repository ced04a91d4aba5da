"""Serving an event's views rendered once per change (`app.changes.cache`): the first request
after a change computes the view; the next ones, on the same instance, get the same bytes until
the instance is told the event changed.

A client that wrote on one instance and reads on another sends back the `Claimline-Consistency`
header of its write's answer: a view kept from before that write is not served to it, however
late the other instance is told. Every view carries an ETag (a hash of its body, or the
resource's own for the event), and `If-None-Match` is a 304; `Claimline-Cache` says whether the
view was kept (`hit`) or computed (`miss`).
"""

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import Uuid, bindparam, func, literal_column, select
from starlette.requests import Request
from starlette.responses import Response

from app.changes.cache import Entry
from app.changes.feed import CONSISTENCY_HEADER, ChangeFeed, seen_in
from app.kit.db import Database
from app.kit.etags import etag_of_document, none_match
from app.kit.reader import Query, Reader
from app.kit.responses import dump
from app.models import EventChange

Document = dict[str, Any]
CACHE_HEADER = "Claimline-Cache"

_NEWEST = Query(
    select(func.coalesce(func.max(EventChange.seq), literal_column("0"))).where(
        EventChange.event_id == bindparam("event_id", type_=Uuid)
    )
)


async def newest_change(reader: Reader, event_id: str) -> int:
    """The number of the event's newest change (0 when it has none)."""
    return int((await reader.fetch(_NEWEST, {"event_id": uuid.UUID(event_id)}))[0][0])


async def serve(
    request: Request,
    database: Database,
    *,
    kind: str,
    ref: str,
    resolve: Callable[[Reader], Awaitable[Document]],
    render: Callable[[Reader, Document], Awaitable[Document]],
    etag: Callable[[Document], str] = etag_of_document,
) -> Response:
    """The view `kind` of the event `ref` for this request's query: kept, or computed (the
    event found by `resolve`, then the view by `render`) and kept."""
    feed: ChangeFeed = request.app.state.change_feed
    await feed.start(database.readers)
    key = (kind, ref, request.url.query)
    token = request.headers.get(CONSISTENCY_HEADER)
    entry = feed.cache.get(key, (lambda event_id: seen_in(token, event_id)) if token else None)
    kept = entry is not None
    if entry is None:
        born = feed.cache.clock
        async with database.reader() as reader:
            event = await resolve(reader)
            # Read before the view: the view includes at least this change.
            seq = await newest_change(reader, event["id"])
            document = await render(reader, event)
        entry = Entry(event["id"], seq, dump(document), etag(document), born)
        feed.cache.put(key, entry)
    headers = {"ETag": entry.etag, CACHE_HEADER: "hit" if kept else "miss"}
    if none_match(request.headers.get("if-none-match"), entry.etag):
        return Response(status_code=304, headers=headers)
    return Response(entry.body, media_type="application/json", headers=headers)
